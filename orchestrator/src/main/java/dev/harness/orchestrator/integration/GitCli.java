package dev.harness.orchestrator.integration;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one place the orchestrator runs git: an argument list (never a shell line), stdout and
 * stderr read on their own threads so the time limit fires, no prompts, no variables that would
 * point git at another repository. Kept to this class so moving to the suite's shared runner is
 * one edit.
 */
public final class GitCli {
    /** What git answered; exit -1 when it could not run or did not finish. */
    public record Result(int exit, String out, String err) {
        public boolean ok() {
            return exit == 0;
        }

        /** stdout without its final newline. */
        public String text() {
            return out.strip();
        }

        /** Both streams, for a message to a person. */
        public String said() {
            String both = (out.strip() + "\n" + err.strip()).strip();
            return both.isEmpty() ? "exit " + exit : both;
        }
    }

    private static final List<String> REDIRECTING = List.of("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE",
            "GIT_OBJECT_DIRECTORY", "GIT_COMMON_DIR", "GIT_NAMESPACE");

    private final Path repo;
    private final Duration limit;

    public GitCli(Path repo) {
        this(repo, Duration.ofSeconds(120));
    }

    public GitCli(Path repo, Duration limit) {
        this.repo = repo;
        this.limit = limit;
    }

    public Path repo() {
        return repo;
    }

    public Result run(String... args) {
        return runIn(repo, args);
    }

    /** git -C DIR args… */
    public Result runIn(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        REDIRECTING.forEach(builder.environment()::remove);
        builder.environment().put("GIT_TERMINAL_PROMPT", "0");
        builder.environment().put("LC_ALL", "C"); // git's messages are parsed nowhere, but stay stable
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new Result(-1, "", "git could not be started: " + e.getMessage());
        }
        CompletableFuture<String> out = drain(process.getInputStream());
        CompletableFuture<String> err = drain(process.getErrorStream());
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                return new Result(-1, "", "git " + args[0] + " did not finish within " + limit.toSeconds() + " s");
            }
            return new Result(process.exitValue(), out.get(5, TimeUnit.SECONDS), err.get(5, TimeUnit.SECONDS));
        } catch (TimeoutException | ExecutionException e) {
            kill(process);
            return new Result(process.exitValue(), "", "git's output could not be read: " + e.getMessage());
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            return new Result(-1, "", "interrupted");
        }
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (InputStream in = stream) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** The commit a ref names, or null. */
    public String commitOf(String ref) {
        Result r = run("rev-parse", "--verify", "--quiet", ref + "^{commit}");
        return r.ok() ? r.text() : null;
    }

    public boolean isAncestor(String ancestor, String descendant) {
        return run("merge-base", "--is-ancestor", ancestor, descendant).ok();
    }

    /** The top of the working tree {@code dir} is in, or null outside a repository. */
    public static Path topLevel(Path dir) {
        Result r = new GitCli(dir).run("rev-parse", "--show-toplevel");
        return r.ok() && !r.text().isEmpty() ? Path.of(r.text()) : null;
    }
}
