package dev.harness.bootstrap.host;

import dev.harness.protocol.git.Git;
import dev.harness.protocol.process.ChildResult;
import dev.harness.protocol.process.PathLookup;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The few git facts cli_entry reports (top level, branch, HEAD, clean or not). cli_entry runs before
 * the workspace is trusted, so git runs through protocol's neutralised runner: none of the
 * workspace's fsmonitor, hooks, filters, drivers or pager runs, and only read-only subcommands.
 */
public final class GitFacts {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

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

    private final HostEnvironment environment;

    public GitFacts(HostEnvironment environment) {
        this.environment = environment;
    }

    public Facts inspect(Path dir) {
        if (PathLookup.find("git", environment.variables()).isEmpty()) {
            return new Unavailable("git is not on PATH");
        }
        Map<String, String> env = new HashMap<>(environment.variables());
        env.put("LC_ALL", "C"); // stable English messages
        Git git = Git.at(dir).trusted(false).timeout(TIMEOUT).environment(env);
        ChildResult top = git.run("rev-parse", "--show-toplevel");
        if (top instanceof ChildResult.NotStarted notStarted) {
            return new Unavailable("git could not be started: " + notStarted.reason());
        }
        if (top instanceof ChildResult.TimedOut) {
            return new Unavailable("git rev-parse did not answer within " + TIMEOUT.toSeconds() + " s");
        }
        if (!top.ok()) {
            return new NotARepository(firstLine(top.stderr().text()));
        }
        Path topLevel;
        try {
            topLevel = Path.of(Git.text(top)).toRealPath();
        } catch (IOException | RuntimeException e) {
            return new Unavailable("git named a top level that cannot be resolved: " + e.getMessage());
        }
        ChildResult branch = git.run("symbolic-ref", "--quiet", "--short", "HEAD");
        ChildResult head = git.run("rev-parse", "--verify", "--quiet", "HEAD");
        ChildResult status = git.run("status", "--porcelain", "--untracked-files=normal", "--ignore-submodules=all");
        if (!status.ok()) {
            return new Unavailable("git status failed: " + firstLine(status.stderr().text().isBlank()
                    ? status.describe() : status.stderr().text()));
        }
        int changed = (int) status.stdout().text().lines().filter(l -> !l.isBlank()).count();
        return new Repository(topLevel, branch.ok() ? Git.text(branch) : null, head.ok() ? Git.text(head) : null,
                changed == 0, changed);
    }

    static String firstLine(String text) {
        String trimmed = text.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline).strip();
    }
}
