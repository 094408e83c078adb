package dev.harness.protocol.git;

import dev.harness.protocol.process.Cancellation;
import dev.harness.protocol.process.ChildProcess;
import dev.harness.protocol.process.ChildResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs git through {@link ChildProcess} (argument list, timeout that fires, whole tree killed).
 *
 * <p>{@link #neutralised()} runs it with the workspace's executable configuration switched off, for
 * every call made before the workspace is trusted and for the harness's own bookkeeping: no
 * fsmonitor, no hooks, no pager, no external diff, no credential helper, no signing program, no
 * transport ({@code protocol.allow=never}), no system config, no prompts, no optional locks; and
 * every {@code filter.*.clean/smudge/process}, {@code diff.*.command/textconv} and
 * {@code merge.*.driver} the configuration defines is overridden with an empty command (these
 * cannot be wildcarded, so they are listed first with {@code git config}, which runs nothing).
 * Note: {@code git status} and {@code git diff} run a clean filter when a file's stat data is
 * ambiguous, so the override matters for them too; pass {@code --no-ext-diff --no-textconv} to
 * diff and log -p as well.
 *
 * <p>{@link #trusted(boolean) trusted(false)} additionally refuses every subcommand outside a list
 * of read-only ones (status, rev-parse, log, diff, …): checkout, add, merge and the like write the
 * working tree and are where filters and drivers normally run.
 *
 * <pre>{@code
 * ChildResult r = Git.at(workspace).neutralised().trusted(false).run("status", "--porcelain");
 * }</pre>
 */
public final class Git {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

    /** Settings that would make git run a program named by the repository's configuration. */
    static final List<String> NEUTRAL_CONFIG = List.of(
            "core.fsmonitor=false",
            "core.hooksPath=/dev/null",
            "core.pager=cat",
            "core.editor=:",
            "core.askPass=",
            "core.sshCommand=",
            "core.gitProxy=",
            "core.alternateRefsCommand=",
            "diff.external=",
            "credential.helper=",
            "protocol.allow=never",
            "commit.gpgSign=false",
            "tag.gpgSign=false",
            "log.showSignature=false",
            "sequence.editor=:",
            "core.untrackedCache=false",
            "status.submoduleSummary=false",
            "submodule.recurse=false");

    /** Configuration keys whose value is a command, per driver name (listed, then overridden). */
    static final String DRIVER_KEYS =
            "^(filter\\..*\\.(clean|smudge|process)|diff\\..*\\.(command|textconv)|merge\\..*\\.driver)$";

    /** Subcommands that only read: what {@code trusted(false)} allows. */
    static final Set<String> READ_ONLY = Set.of("status", "rev-parse", "symbolic-ref", "log", "show", "diff", "ls-files",
            "ls-tree", "cat-file", "config", "for-each-ref", "describe", "merge-base", "rev-list", "name-rev",
            "check-ignore", "check-attr", "var", "version", "show-ref", "count-objects", "blame", "shortlog",
            "whatchanged", "grep", "diff-tree", "diff-index", "diff-files", "ls-remote");

    /** git config reads only with one of these. */
    private static final Set<String> CONFIG_READS = Set.of("--get", "--get-all", "--get-regexp", "--list", "-l", "--name-only");

    /** Environment variables of ours that would point git elsewhere or run something. */
    private static final List<String> UNSET = List.of("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_EXTERNAL_DIFF",
            "GIT_ASKPASS", "SSH_ASKPASS", "GIT_SSH", "GIT_SSH_COMMAND", "GIT_PROXY_COMMAND", "GIT_EXEC_PATH",
            "GIT_TRACE", "GIT_CONFIG", "GIT_CONFIG_COUNT", "GIT_CONFIG_PARAMETERS", "GIT_OBJECT_DIRECTORY",
            "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_CEILING_DIRECTORIES");

    private final Path dir;
    private final boolean neutralised;
    private final boolean trusted;
    private final Duration timeout;
    private final Map<String, String> environment;
    private final Cancellation cancellation;
    /** Driver overrides listed once by {@link #pinDrivers()}; null: listed before every run. */
    private final List<String> pinnedDrivers;

    private Git(Path dir, boolean neutralised, boolean trusted, Duration timeout, Map<String, String> environment,
                Cancellation cancellation, List<String> pinnedDrivers) {
        this.dir = dir;
        this.neutralised = neutralised;
        this.trusted = trusted;
        this.timeout = timeout;
        this.environment = environment;
        this.cancellation = cancellation;
        this.pinnedDrivers = pinnedDrivers;
    }

    /** git run with {@code -C dir}, our environment, the default timeout, nothing neutralised. */
    public static Git at(Path dir) {
        return new Git(dir, false, true, DEFAULT_TIMEOUT, null, null, null);
    }

    public Git neutralised() {
        return new Git(dir, true, trusted, timeout, environment, cancellation, pinnedDrivers);
    }

    /** false: refuse subcommands that write the working tree (and so would run filters); implies neutralised. */
    public Git trusted(boolean isTrusted) {
        return new Git(dir, neutralised || !isTrusted, isTrusted, timeout, environment, cancellation, pinnedDrivers);
    }

    public Git timeout(Duration limit) {
        return new Git(dir, neutralised, trusted, limit, environment, cancellation, pinnedDrivers);
    }

    /** The whole environment git gets (PATH included); the default is ours. */
    public Git environment(Map<String, String> env) {
        return new Git(dir, neutralised, trusted, timeout, Map.copyOf(env), cancellation, pinnedDrivers);
    }

    /** Lets SIGTERM or a cancel request end a running git (its whole tree). */
    public Git cancellation(Cancellation token) {
        return new Git(dir, neutralised, trusted, timeout, environment, token, pinnedDrivers);
    }

    /**
     * Lists the configuration's driver commands now and reuses that list for every run of the
     * returned Git: one git process fewer per call, for a short burst of calls (a configuration
     * changed in between is not seen). Empty result when listing failed (see {@link #run}).
     */
    public java.util.Optional<Git> pinDrivers() {
        Map<String, String> env = neutralEnvironment();
        List<String> overrides = new ArrayList<>();
        ChildResult failed = driverOverrides(env, overrides);
        if (failed != null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Git(dir, true, trusted, timeout, environment, cancellation, List.copyOf(overrides)));
    }

    public Path dir() {
        return dir;
    }

    /** Runs {@code git -C dir [neutralising options] args…}; a refused subcommand is {@link ChildResult.NotStarted}. */
    public ChildResult run(String... args) {
        return run(List.of(args));
    }

    public ChildResult run(List<String> args) {
        String subcommand = subcommand(args);
        boolean readOnly = subcommand != null && READ_ONLY.contains(subcommand)
                && (!subcommand.equals("config") || args.stream().anyMatch(CONFIG_READS::contains));
        if (!trusted && !readOnly) {
            return new ChildResult.NotStarted("git " + (subcommand == null ? String.join(" ", args) : subcommand)
                    + " could run the workspace's filters or drivers; refused before the workspace is trusted");
        }
        Map<String, String> env;
        List<String> argv = new ArrayList<>();
        argv.add("git");
        argv.add("-C");
        argv.add(dir.toString());
        if (neutralised) {
            env = neutralEnvironment();
            for (String setting : NEUTRAL_CONFIG) {
                argv.add("-c");
                argv.add(setting);
            }
            if (pinnedDrivers != null) {
                argv.addAll(pinnedDrivers);
            } else {
                ChildResult failed = driverOverrides(env, argv);
                if (failed != null) {
                    return failed;
                }
            }
        } else {
            env = new HashMap<>(environment == null ? System.getenv() : environment);
            env.putIfAbsent("GIT_TERMINAL_PROMPT", "0");
        }
        argv.addAll(args);
        return base(env, argv);
    }

    private Map<String, String> neutralEnvironment() {
        Map<String, String> env = new HashMap<>(environment == null ? System.getenv() : environment);
        UNSET.forEach(env::remove);
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_TERMINAL_PROMPT", "0");
        env.put("GIT_OPTIONAL_LOCKS", "0");
        env.put("GIT_PAGER", "cat");
        env.put("GIT_EDITOR", ":");
        return env;
    }

    /** Appends {@code -c key=} for every driver command the configuration defines; the failure when git could not list them. */
    private ChildResult driverOverrides(Map<String, String> env, List<String> argv) {
        ChildResult drivers = base(env, List.of("git", "-C", dir.toString(), "config", "--name-only", "--get-regexp", DRIVER_KEYS));
        if (!(drivers instanceof ChildResult.Exited exited)) {
            return drivers; // git missing, hung or cancelled: the real command would fare no better
        }
        if (exited.code() != 0 && exited.code() != 1) { // 1: no such key, nothing to override
            return drivers;
        }
        for (String key : drivers.stdout().text().lines().map(String::strip).filter(k -> !k.isEmpty()).distinct().toList()) {
            if (key.contains("=") || key.chars().anyMatch(Character::isISOControl)) {
                return new ChildResult.NotStarted("the repository's configuration has a driver key git cannot"
                        + " override safely (" + key.replaceAll("\\p{Cntrl}", "?") + "); refused");
            }
            argv.add("-c");
            argv.add(key + "=");
        }
        return null;
    }

    private ChildResult base(Map<String, String> env, List<String> argv) {
        return ChildProcess.of(argv).environment(env).timeout(timeout).grace(Duration.ofSeconds(2)).cancellation(cancellation).run();
    }

    /** The first argument that is not a global option (skipping the values of -C, -c and friends). */
    static String subcommand(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("-C") || arg.equals("-c") || arg.equals("--git-dir") || arg.equals("--work-tree")
                    || arg.equals("--namespace") || arg.equals("--exec-path")) {
                i++;
                continue;
            }
            if (!arg.startsWith("-")) {
                return arg;
            }
        }
        return null;
    }

    /** stdout as text with surrounding whitespace removed ("" when git did not run). */
    public static String text(ChildResult result) {
        return result.stdout().text().strip();
    }
}
