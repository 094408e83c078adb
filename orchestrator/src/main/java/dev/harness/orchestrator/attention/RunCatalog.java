package dev.harness.orchestrator.attention;

import dev.harness.orchestrator.index.RunIndex;
import dev.harness.orchestrator.runlog.RunDirectory;
import dev.harness.orchestrator.runlog.RunSummary;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The runs the dashboard shows: the workspace's state directory, and the person's run index. */
public final class RunCatalog {
    private final Path stateDir;
    private final RunIndex index;

    public RunCatalog(Path stateDir, RunIndex index) {
        this.stateDir = stateDir;
        this.index = index;
    }

    /** Every run directory, newest first (ids sort by time), each once. */
    public List<RunDirectory> all() {
        Map<String, RunDirectory> runs = new LinkedHashMap<>();
        if (stateDir != null && Files.isDirectory(stateDir)) {
            try (DirectoryStream<Path> dirs = Files.newDirectoryStream(stateDir, Files::isDirectory)) {
                for (Path dir : dirs) {
                    open(stateDir, dir.getFileName().toString()).ifPresent(d -> runs.putIfAbsent(d.runId(), d));
                }
            } catch (IOException e) {
                // an unreadable state directory shows no runs from it; the index may still have some
            }
        }
        if (index != null) {
            for (RunIndex.Entry entry : index.all()) {
                if (!runs.containsKey(entry.runId())) {
                    open(entry.runDirPath().getParent(), entry.runId()).ifPresent(d -> runs.put(d.runId(), d));
                }
            }
        }
        List<RunDirectory> list = new ArrayList<>(runs.values());
        list.sort(Comparator.comparing(RunDirectory::runId).reversed());
        return list;
    }

    public Optional<RunDirectory> find(String runId) {
        return all().stream().filter(d -> d.runId().equals(runId)).findFirst();
    }

    /** A summary read when the log had this size and time (a finished or waiting run's log rarely changes). */
    private record Cached(long size, java.nio.file.attribute.FileTime time, RunSummary summary) {}

    private final Map<Path, Cached> cache = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Every run's summary. A log unchanged since the last look is not read again, unless its run
     * was running (whether its writer is still alive is asked each time).
     */
    public List<RunSummary> summaries() {
        return all().stream().map(this::summary).toList();
    }

    public RunSummary summary(RunDirectory dir) {
        long size;
        java.nio.file.attribute.FileTime time;
        try {
            size = Files.size(dir.eventsFile());
            time = Files.getLastModifiedTime(dir.eventsFile());
        } catch (IOException e) {
            return RunSummary.read(dir);
        }
        Cached cached = cache.get(dir.eventsFile());
        if (cached != null && cached.size() == size && cached.time().equals(time)
                && cached.summary().status() != dev.harness.api.run.RunStatus.RUNNING
                && cached.summary().status() != dev.harness.api.run.RunStatus.INTERRUPTED) {
            return cached.summary();
        }
        RunSummary summary = RunSummary.read(dir);
        cache.put(dir.eventsFile(), new Cached(size, time, summary));
        return summary;
    }

    private static Optional<RunDirectory> open(Path parent, String runId) {
        try {
            RunDirectory dir = RunDirectory.open(parent, runId);
            return Files.isRegularFile(dir.eventsFile()) ? Optional.of(dir) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
