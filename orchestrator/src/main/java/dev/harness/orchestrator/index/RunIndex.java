package dev.harness.orchestrator.index;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.harness.protocol.Json;
import dev.harness.protocol.fs.AtomicFile;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The person's index of runs, so a run is found by its id from any directory: one small JSON file
 * per run under the XDG state directory ({@code $XDG_STATE_HOME/harness/runs-index/}, default
 * {@code ~/.local/state/harness/runs-index/}), naming the run's directory and workspace. Where a
 * run's directory lives is just data here, so run state may move (e.g. out of the working tree)
 * without changing the index.
 */
public final class RunIndex {
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    /** One run: where its directory is and which workspace it works on. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Entry(String runId, String runDir, String workspace, String objective, String started) {
        public Entry {
            if (runId == null || !RUN_ID.matcher(runId).matches()) {
                throw new IllegalArgumentException("not a run id: " + runId);
            }
            if (runDir == null || runDir.isBlank()) {
                throw new IllegalArgumentException("an index entry needs the run's directory");
            }
        }

        public Path runDirPath() {
            return Path.of(runDir);
        }
    }

    private final Path dir;

    public RunIndex(Path dir) {
        this.dir = dir;
    }

    /** The index of the person running this process (XDG_STATE_HOME, else ~/.local/state). */
    public static RunIndex forUser(Map<String, String> env) {
        String state = env.get("XDG_STATE_HOME");
        Path base = state != null && !state.isBlank() && Path.of(state).isAbsolute() ? Path.of(state)
                : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".local", "state");
        return new RunIndex(base.resolve("harness").resolve("runs-index"));
    }

    public Path dir() {
        return dir;
    }

    /** Records a run (atomically; written again when it is already there). */
    public void record(Entry entry) throws IOException {
        if (!Files.isDirectory(dir)) {
            // owner-only, as the runs themselves: an entry names the objective and where the run lives
            Files.createDirectories(dir, dev.harness.orchestrator.runlog.RunDirectory.ownerOnly(dir));
        }
        AtomicFile.writeString(dir.resolve(entry.runId() + ".json"), Json.write(Json.toNode(entry)) + "\n");
    }

    /** The run with this id, when the index has it and its directory still exists. */
    public Optional<Entry> find(String runId) {
        if (runId == null || !RUN_ID.matcher(runId).matches()) {
            return Optional.empty();
        }
        return read(dir.resolve(runId + ".json")).filter(e -> Files.isDirectory(e.runDirPath()));
    }

    /** Every run the index knows whose directory still exists, oldest first (ids sort by time). */
    public List<Entry> all() {
        List<Entry> entries = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return entries;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
            for (Path file : files) {
                read(file).filter(e -> Files.isDirectory(e.runDirPath())).ifPresent(entries::add);
            }
        } catch (IOException e) {
            return entries;
        }
        entries.sort(Comparator.comparing(Entry::runId));
        return entries;
    }

    private static Optional<Entry> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.convert(Json.parse(Files.readString(file)), Entry.class));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // a damaged entry hides one run from the index, never the others
        }
    }
}
