package dev.harness.bootstrap.host;

import dev.harness.protocol.process.Cancellation;
import dev.harness.protocol.process.ChildProcess;
import dev.harness.protocol.process.ChildResult;
import dev.harness.protocol.process.PathLookup;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The few git facts the bootstrap needs, from the real git binary run as an argument list with a
 * timeout. cli_entry runs before the workspace is trusted, so git runs with the workspace's
 * executable configuration switched off: no fsmonitor, no hooks, no pager, no external diff, every
 * filter driver the configuration names overridden with an empty command (listed first with
 * {@code git config}, which runs nothing), no optional index writes, no submodule recursion.
 */
public final class Git {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Stable English output, no prompts, no optional locks (status then never rewrites the index, so no index hook). */
    private static final Map<String, String> QUIET = Map.of("GIT_TERMINAL_PROMPT", "0", "GIT_PAGER", "cat", "LC_ALL", "C",
            "GIT_OPTIONAL_LOCKS", "0", "GIT_CONFIG_NOSYSTEM", "1");
    /** Settings that would make git run a program named by the repository's configuration. */
    static final List<String> NEUTRAL_CONFIG = List.of("core.fsmonitor=false", "core.hooksPath=/dev/null", "core.pager=cat",
            "core.editor=:", "core.askPass=", "core.sshCommand=", "diff.external=", "credential.helper=",
            "protocol.allow=never", "core.untrackedCache=false", "submodule.recurse=false", "status.submoduleSummary=false");
    private static final String DRIVER_KEYS =
            "^(filter\\..*\\.(clean|smudge|process)|diff\\..*\\.(command|textconv)|merge\\..*\\.driver)$";
    /** Variables of ours that would point git elsewhere or make it run something. */
    private static final List<String> UNSET = List.of("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_EXTERNAL_DIFF",
            "GIT_ASKPASS", "SSH_ASKPASS", "GIT_SSH", "GIT_SSH_COMMAND", "GIT_PROXY_COMMAND", "GIT_EXEC_PATH",
            "GIT_CONFIG", "GIT_CONFIG_COUNT", "GIT_CONFIG_PARAMETERS");

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
    private final Cancellation shutdown;

    public Git(HostEnvironment environment, Cancellation shutdown) {
        this.environment = environment;
        this.shutdown = shutdown;
    }

    public Facts inspect(Path dir) {
        Optional<Path> git = PathLookup.find("git", environment.variables(), dir);
        if (git.isEmpty()) {
            return new Unavailable("git is not on PATH");
        }
        ChildResult top = run(git.get(), dir, List.of(), "rev-parse", "--show-toplevel");
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
            topLevel = Path.of(top.stdout().text().strip()).toRealPath();
        } catch (IOException | RuntimeException e) {
            return new Unavailable("git named a top level that cannot be resolved: " + e.getMessage());
        }
        List<String> drivers = driverOverrides(git.get(), dir);
        ChildResult branch = run(git.get(), dir, drivers, "symbolic-ref", "--quiet", "--short", "HEAD");
        ChildResult head = run(git.get(), dir, drivers, "rev-parse", "--verify", "--quiet", "HEAD");
        ChildResult status = run(git.get(), dir, drivers, "status", "--porcelain", "--untracked-files=normal",
                "--ignore-submodules=all");
        if (!status.ok()) {
            return new Unavailable("git status failed: " + firstLine(status.stderr().text().isBlank()
                    ? status.describe() : status.stderr().text()));
        }
        int changed = (int) status.stdout().text().lines().filter(l -> !l.isBlank()).count();
        return new Repository(topLevel,
                branch.ok() ? branch.stdout().text().strip() : null,
                head.ok() ? head.stdout().text().strip() : null,
                changed == 0, changed);
    }

    /** {@code -c <key>=} for every driver command the repository's configuration defines (git config runs nothing). */
    private List<String> driverOverrides(Path git, Path dir) {
        ChildResult listed = run(git, dir, List.of(), "config", "--name-only", "--get-regexp", DRIVER_KEYS);
        List<String> overrides = new ArrayList<>();
        if (listed.ok()) {
            listed.stdout().text().lines().map(String::strip).filter(k -> !k.isEmpty()).distinct().forEach(key -> {
                overrides.add("-c");
                overrides.add(key + "=");
            });
        }
        return overrides;
    }

    private ChildResult run(Path git, Path dir, List<String> drivers, String... args) {
        List<String> argv = new ArrayList<>();
        argv.add(git.toString());
        for (String setting : NEUTRAL_CONFIG) {
            argv.add("-c");
            argv.add(setting);
        }
        argv.addAll(drivers);
        argv.addAll(List.of(args));
        Map<String, String> env = new HashMap<>(environment.variables());
        UNSET.forEach(env::remove);
        env.putAll(QUIET);
        return ChildProcess.of(argv).directory(dir).environment(env).timeout(TIMEOUT).grace(Duration.ofSeconds(1))
                .cancellation(shutdown).lookUpProgram(false).run();
    }

    static String firstLine(String text) {
        String trimmed = text.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline).strip();
    }
}
