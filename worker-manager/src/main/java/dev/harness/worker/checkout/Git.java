package dev.harness.worker.checkout;

import dev.harness.protocol.process.PathLookup;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs git with an argument list (never a shell line) and returns its exit code and output. The
 * output is read on its own thread so the time limit fires even when git (or a hook it runs) hangs
 * with its output open; on time-out the whole process tree is killed.
 */
public final class Git {
    /** What git said; exit code -1 when it could not run or did not finish. */
    public record Output(int exitCode, String text) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    /** Variables that would point git at another repository than the one named with -C. */
    private static final List<String> REDIRECTING = List.of("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE",
            "GIT_OBJECT_DIRECTORY", "GIT_COMMON_DIR", "GIT_NAMESPACE");

    private final Map<String, String> env;
    private final Duration limit;

    public Git(Map<String, String> env) {
        this(env, Duration.ofSeconds(120));
    }

    public Git(Map<String, String> env, Duration limit) {
        this.env = env;
        this.limit = limit;
    }

    /** The environment git runs with (the worker manager's own). */
    public Map<String, String> env() {
        return env;
    }

    public Output run(Path dir, String... args) {
        List<String> command = new ArrayList<>();
        command.add(PathLookup.find("git", env).map(Path::toString).orElse("git"));
        command.add("-C");
        command.add(dir.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        REDIRECTING.forEach(builder.environment()::remove);
        builder.environment().put("GIT_TERMINAL_PROMPT", "0");
        // no optional lock (git status refreshing the index): the person's own git never finds our index.lock
        builder.environment().put("GIT_OPTIONAL_LOCKS", "0");
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new Output(-1, "git could not be started: " + e.getMessage());
        }
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try (InputStream out = process.getInputStream()) {
                return new String(out.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                return new Output(-1, "git " + args[0] + " did not finish within " + limit.toSeconds() + " s");
            }
            // the output ends when the last holder of the pipe exits; a lingering grandchild is not waited for
            String text = output.get(5, TimeUnit.SECONDS);
            return new Output(process.exitValue(), text.strip());
        } catch (TimeoutException e) {
            kill(process);
            return new Output(process.exitValue(), "(git's output was still open after it exited)");
        } catch (ExecutionException e) {
            return new Output(-1, "git's output could not be read: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            return new Output(-1, "interrupted");
        }
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /**
     * The repository's top level when {@code dir} is inside a git work tree. Where neither {@code dir}
     * nor any directory above it holds a {@code .git} entry, git cannot find one either (it is run
     * without the variables that could point it elsewhere, and a bare repository has no work tree):
     * the answer is known without a process, one git start per task saved in a plain directory.
     */
    public Optional<Path> topLevel(Path dir) {
        if (!underDotGit(dir)) {
            return Optional.empty();
        }
        Output out = run(dir, "rev-parse", "--show-toplevel");
        return out.ok() && !out.text().isEmpty() ? Optional.of(Path.of(out.text().lines().findFirst().orElse(""))) : Optional.empty();
    }

    /**
     * Whether {@code dir} or a directory above it has a {@code .git} entry of any kind, on its path as
     * given or as resolved (git looks from the physical directory), or whether that cannot be told.
     */
    static boolean underDotGit(Path dir) {
        try {
            return hasDotGitAbove(dir.toAbsolutePath().normalize()) || hasDotGitAbove(dir.toRealPath());
        } catch (IOException | java.io.IOError | SecurityException e) {
            return true; // git decides
        }
    }

    private static boolean hasDotGitAbove(Path dir) {
        for (Path at = dir; at != null; at = at.getParent()) {
            Path dotGit = at.resolve(".git");
            // there, or unknown (no permission to look): git decides
            if (!java.nio.file.Files.notExists(dotGit, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                return true;
            }
        }
        return false;
    }
}
