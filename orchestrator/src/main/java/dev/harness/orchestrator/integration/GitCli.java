package dev.harness.orchestrator.integration;

import dev.harness.protocol.process.ChildProcess;
import dev.harness.protocol.process.ChildResult;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place the orchestrator runs git: an argument list (never a shell line), through
 * protocol's {@link ChildProcess} (the time limit fires, the whole tree is killed), no prompts, no
 * variables that would point git at another repository; stdout is kept whole.
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

    /** git -C DIR args…, run by the suite's one child runner (its whole tree killed when the limit passes). */
    public Result runIn(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        ByteArrayOutputStream out = new ByteArrayOutputStream(); // all of it: a diff or a file's content, not a tail
        ChildResult result = ChildProcess.of(command).removeEnv(REDIRECTING.toArray(String[]::new))
                .env("GIT_TERMINAL_PROMPT", "0")
                .env("LC_ALL", "C") // git's messages are parsed nowhere, but stay stable
                .timeout(limit).stdoutTo(out).run();
        if (result instanceof ChildResult.Exited exited) {
            return new Result(exited.code(), out.toString(StandardCharsets.UTF_8), exited.stderr().text());
        }
        if (result instanceof ChildResult.TimedOut) {
            return new Result(-1, "", "git " + args[0] + " did not finish within " + limit.toSeconds() + " s");
        }
        if (result instanceof ChildResult.NotStarted notStarted) {
            return new Result(-1, "", "git could not be started: " + notStarted.reason());
        }
        return new Result(-1, "", "interrupted");
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
