package dev.harness.worker.checkout;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harness.protocol.Json;
import dev.harness.protocol.process.PathLookup;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Prepares a fresh task worktree so the project's own tools work in it before the agent runs: the
 * person's setup command when one is configured, else the dependency install the project uses
 * (npm ci with its lockfile, offline first; npm install without writing a lockfile), else nothing.
 * A worktree nested nowhere near the checkout has no node_modules of its own until this runs, and
 * without it an npm-workspaces package would resolve nothing (or the main checkout's code).
 */
public final class WorktreeSetup {
    /** How the worktree was prepared; {@code command} is null when there was nothing to do. */
    public record Result(String command, String source, int exitCode, String outputTail, long durationMs,
                         List<String> created) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    private static final int TAIL_LINES = 20;

    private final Map<String, String> env;
    private final Duration limit;

    public WorktreeSetup(Map<String, String> env, Duration limit) {
        this.env = env;
        this.limit = limit;
    }

    /** The command that would prepare {@code workspace} and where it came from, or empty for nothing. */
    public Optional<List<String>> commandFor(Path workspace, String configured) {
        if (configured != null && !configured.isBlank()) {
            return Optional.of(List.of("sh", "-c", configured));
        }
        Path manifest = workspace.resolve("package.json");
        if (!Files.isRegularFile(manifest)) {
            return Optional.empty();
        }
        boolean locked = Files.isRegularFile(workspace.resolve("package-lock.json"))
                || Files.isRegularFile(workspace.resolve("npm-shrinkwrap.json"));
        JsonNode pkg;
        try {
            pkg = Json.parse(Files.readString(manifest, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // an unreadable package.json is for the project's own tools to report
        }
        boolean needsInstall = hasEntries(pkg.path("dependencies")) || hasEntries(pkg.path("devDependencies"))
                || hasEntries(pkg.path("optionalDependencies")) || hasEntries(pkg.path("workspaces"));
        if (!needsInstall) {
            return Optional.empty();
        }
        String npm = PathLookup.find("npm", env).map(Path::toString).orElse("npm");
        return Optional.of(locked
                ? List.of(npm, "ci", "--prefer-offline", "--no-audit", "--no-fund")
                : List.of(npm, "install", "--prefer-offline", "--no-audit", "--no-fund", "--no-package-lock"));
    }

    private static boolean hasEntries(JsonNode node) {
        return (node.isObject() || node.isArray()) && !node.isEmpty();
    }

    /** Runs the preparation in {@code workspace} (inside the worktree {@code worktree}). */
    public Result prepare(Path worktree, Path workspace, String configured) {
        Optional<List<String>> command = commandFor(workspace, configured);
        if (command.isEmpty()) {
            return new Result(null, "none", 0, "", 0, List.of());
        }
        String source = configured != null && !configured.isBlank() ? "setup_command" : "npm";
        String shown = source.equals("setup_command") ? configured : String.join(" ",
                command.get().subList(0, command.get().size())).replaceFirst("^\\S*/", "");
        List<String> before = untracked(worktree);
        Instant began = Instant.now();
        Path output;
        try {
            output = Files.createTempFile("harness-setup", ".log");
        } catch (IOException e) {
            return new Result(shown, source, -1, "cannot create a log file: " + e.getMessage(), 0, List.of());
        }
        try {
            ProcessBuilder builder = new ProcessBuilder(command.get()).directory(workspace.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().clear();
            builder.environment().putAll(env);
            builder.environment().put("CI", "1"); // no progress bars or prompts from the install
            Process process = builder.start();
            int exit;
            if (process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                exit = process.exitValue();
            } else {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
                exit = -1;
                Files.writeString(output, "\n(setup did not finish within " + limit.toSeconds() + " s and was killed)\n",
                        StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
            }
            long ms = Duration.between(began, Instant.now()).toMillis();
            List<String> created = new ArrayList<>(untracked(worktree));
            created.removeAll(before);
            return new Result(shown, source, exit, tail(output), ms, List.copyOf(created));
        } catch (IOException e) {
            return new Result(shown, source, -1, "could not start: " + e.getMessage(),
                    Duration.between(began, Instant.now()).toMillis(), List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(shown, source, -1, "interrupted", 0, List.of());
        } finally {
            try {
                Files.deleteIfExists(output);
            } catch (IOException e) {
                // a stray temp file is harmless; the result already carries the output
                output.toFile().deleteOnExit();
            }
        }
    }

    /** Top-level untracked, not ignored entries of the worktree: what setup adds that a commit must leave out. */
    private List<String> untracked(Path worktree) {
        Git.Output out = new Git(env).run(worktree, "ls-files", "--others", "--exclude-standard", "--directory", "--no-empty-directory");
        if (!out.ok() || out.text().isBlank()) {
            return List.of();
        }
        return out.text().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    private static String tail(Path file) throws IOException {
        List<String> lines = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    }
}
