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

    public List<RunSummary> summaries() {
        return all().stream().map(RunSummary::read).toList();
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
