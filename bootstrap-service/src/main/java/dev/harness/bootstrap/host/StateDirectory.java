package dev.harness.bootstrap.host;

import dev.harness.protocol.fs.GitExclude;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Creates the bootstrap's state directory (state.json, system-prompt.md, the report) and keeps it
 * out of the user's repository through {@code info/exclude} (protocol's {@link GitExclude}: found by
 * reading .git, a line added once, never the user's .gitignore).
 */
public final class StateDirectory {
    /** What preparing a state directory did. {@code excludeFile} is null outside a repository. */
    public record Prepared(Path runDir, boolean writable, Path excludeFile, String excludePattern, List<String> diagnostics) {}

    private final Map<Path, Prepared> prepared = new ConcurrentHashMap<>();

    /** Prepares once per directory and service lifetime (again if it could not be created). */
    public Prepared prepare(Path workspace, Path runDir) {
        Prepared done = prepared.get(runDir);
        if (done != null && done.writable() && Files.isDirectory(runDir)) {
            return done;
        }
        List<String> diagnostics = new ArrayList<>();
        Path excludeFile = null;
        String pattern = null;
        // Exclude first, so creating the directory never shows up as an untracked change.
        try {
            Optional<GitExclude.Excluded> excluded = GitExclude.ensureExcluded(runDir);
            if (excluded.isPresent()) {
                excludeFile = excluded.get().excludeFile();
                pattern = excluded.get().pattern();
            }
        } catch (IOException e) {
            diagnostics.add("could not keep " + runDir + " out of git (" + e.getMessage()
                    + "); the state directory may show up as untracked");
        }
        boolean writable;
        try {
            Files.createDirectories(runDir);
            writable = Files.isWritable(runDir);
            if (!writable) {
                diagnostics.add("run directory " + runDir + " is not writable");
            }
        } catch (IOException e) {
            writable = false;
            diagnostics.add("run directory " + runDir + " cannot be created: " + e.getMessage());
        }
        Prepared result = new Prepared(runDir, writable, excludeFile, pattern, List.copyOf(diagnostics));
        prepared.put(runDir, result);
        return result;
    }
}
