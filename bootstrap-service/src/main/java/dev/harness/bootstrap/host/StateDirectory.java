package dev.harness.bootstrap.host;

import dev.harness.bootstrap.BootstrapContext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Creates a run directory and keeps it out of the user's repository: when it lies inside a git
 * work tree, its pattern is added to {@code .git/info/exclude} (never to the user's .gitignore).
 */
public final class StateDirectory {
    /** What preparing a run directory did. {@code excludeFile} is null outside a repository. */
    public record Prepared(Path runDir, boolean writable, Path excludeFile, String excludePattern, List<String> diagnostics) {}

    private final Git git;
    private final Map<Path, Prepared> prepared = new ConcurrentHashMap<>();

    public StateDirectory(Git git) {
        this.git = git;
    }

    /** Prepares once per run directory and service lifetime (again if it could not be created). */
    public Prepared prepare(Path workspace, Path runDir) {
        Prepared done = prepared.get(runDir);
        if (done != null && done.writable() && Files.isDirectory(runDir)) {
            return done;
        }
        List<String> diagnostics = new ArrayList<>();
        Path excludeFile = null;
        String pattern = null;
        // Exclude first, so creating the directory never shows up as an untracked change.
        Optional<Path> exclude = git.excludeFile(workspace);
        Optional<Path> topLevel = exclude.flatMap(x -> git.topLevel(workspace));
        if (exclude.isPresent() && topLevel.isPresent() && runDir.startsWith(topLevel.get())) {
            pattern = patternFor(workspace, runDir, topLevel.get());
            excludeFile = exclude.get();
            try {
                addLine(excludeFile, pattern);
            } catch (IOException e) {
                diagnostics.add("could not add " + pattern + " to " + excludeFile + " (" + e.getMessage()
                        + "); the run directory may show up as untracked");
            }
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

    /** The default run directory (…/.harness/bootstrap) excludes every .harness/ directory; a custom one its own path. */
    static String patternFor(Path workspace, Path runDir, Path topLevel) {
        if (runDir.equals(workspace.resolve(BootstrapContext.DEFAULT_RUN_DIR).normalize())) {
            return ".harness/";
        }
        return "/" + topLevel.relativize(runDir).toString().replace('\\', '/') + "/";
    }

    private static void addLine(Path excludeFile, String pattern) throws IOException {
        if (Files.isRegularFile(excludeFile)) {
            List<String> lines = Files.readAllLines(excludeFile, StandardCharsets.UTF_8);
            if (lines.stream().anyMatch(l -> l.strip().equals(pattern))) {
                return;
            }
            String text = Files.readString(excludeFile, StandardCharsets.UTF_8);
            String prefix = text.isEmpty() || text.endsWith("\n") ? "" : "\n";
            Files.writeString(excludeFile, prefix + "# harness run files\n" + pattern + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } else {
            Files.createDirectories(excludeFile.getParent());
            Files.writeString(excludeFile, "# harness run files\n" + pattern + "\n", StandardCharsets.UTF_8);
        }
    }
}
