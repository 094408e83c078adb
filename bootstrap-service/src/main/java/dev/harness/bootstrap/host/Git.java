package dev.harness.bootstrap.host;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The few git facts the bootstrap needs, from the real git binary run as an argument list with a timeout. */
public final class Git {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** No pager, no prompts, stable English output. */
    private static final Map<String, String> QUIET = Map.of("GIT_TERMINAL_PROMPT", "0", "GIT_PAGER", "cat", "LC_ALL", "C");

    /** What git says about a directory. */
    public sealed interface Facts permits Unavailable, NotARepository, Repository {}

    /** git is missing or did not answer. */
    public record Unavailable(String reason) implements Facts {}

    public record NotARepository(String reason) implements Facts {}

    /**
     * @param branch null when HEAD is detached
     * @param head null in a repository without commits
     */
    public record Repository(Path topLevel, String branch, String head, boolean clean, int changedEntries) implements Facts {}

    private final CommandRunner runner;
    private final CommandLocator locator;

    public Git(CommandRunner runner, CommandLocator locator) {
        this.runner = runner;
        this.locator = locator;
    }

    public Facts inspect(Path dir) {
        Optional<Path> git = locator.locate("git", dir);
        if (git.isEmpty()) {
            return new Unavailable("git is not on PATH");
        }
        try {
            CommandRunner.Result top = run(git.get(), dir, "rev-parse", "--show-toplevel");
            if (top.timedOut()) {
                return new Unavailable("git rev-parse did not answer within " + TIMEOUT.toSeconds() + " s");
            }
            if (!top.ok()) {
                return new NotARepository(CommandRunner.Result.firstLine(top.stderr()));
            }
            Path topLevel = Path.of(top.stdout().strip()).toRealPath();
            CommandRunner.Result branch = run(git.get(), dir, "symbolic-ref", "--quiet", "--short", "HEAD");
            CommandRunner.Result head = run(git.get(), dir, "rev-parse", "--verify", "--quiet", "HEAD");
            CommandRunner.Result status = run(git.get(), dir, "status", "--porcelain", "--untracked-files=normal");
            if (!status.ok()) {
                return new Unavailable("git status failed: " + CommandRunner.Result.firstLine(status.stderr()));
            }
            int changed = (int) status.stdout().lines().filter(l -> !l.isBlank()).count();
            return new Repository(topLevel,
                    branch.ok() ? branch.stdout().strip() : null,
                    head.ok() ? head.stdout().strip() : null,
                    changed == 0, changed);
        } catch (IOException e) {
            return new Unavailable("git could not be started: " + e.getMessage());
        }
    }

    /** The repository's top-level directory, when dir is inside a work tree. */
    public Optional<Path> topLevel(Path dir) {
        Optional<Path> git = locator.locate("git", dir);
        if (git.isEmpty()) {
            return Optional.empty();
        }
        try {
            CommandRunner.Result result = run(git.get(), dir, "rev-parse", "--show-toplevel");
            return result.ok() ? Optional.of(Path.of(result.stdout().strip()).toRealPath()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The repository's info/exclude file (worktree-aware), when dir is inside a repository. */
    public Optional<Path> excludeFile(Path dir) {
        Optional<Path> git = locator.locate("git", dir);
        if (git.isEmpty()) {
            return Optional.empty();
        }
        try {
            CommandRunner.Result result = run(git.get(), dir, "rev-parse", "--git-path", "info/exclude");
            return result.ok() ? Optional.of(dir.resolve(result.stdout().strip()).normalize()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private CommandRunner.Result run(Path git, Path dir, String... args) throws IOException {
        List<String> argv = new ArrayList<>();
        argv.add(git.toString());
        argv.addAll(List.of(args));
        return runner.run(argv, dir, TIMEOUT, QUIET);
    }
}
