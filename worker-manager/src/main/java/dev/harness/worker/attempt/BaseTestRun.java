package dev.harness.worker.attempt;

import dev.harness.api.worker.TestEvidence;
import dev.harness.protocol.process.PathLookup;
import dev.harness.protocol.secrets.Redactor;
import dev.harness.worker.checkout.DependencyLoan;
import dev.harness.worker.checkout.Git;
import dev.harness.worker.lifecycle.CancelToken;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs a finished attempt's acceptance tests once more on its base commit, with the test files the
 * task added or changed put in: if they still pass there, they do not test the change. The base is
 * a temporary detached `git worktree` in the attempt's directory, removed afterwards;
 * the person's tree and the task's worktree are only read.
 */
public final class BaseTestRun {
    /** Installed dependencies the tests need and git does not carry: the base borrows the task's (linked, never copied). */
    private static final java.util.Set<String> PREPARED_DIRECTORIES = dev.harness.worker.checkout.CheckTree.PREPARED_DIRECTORIES;
    private static final int MAX_TESTS = 200;

    private final Git git;
    private final Duration grace;

    public BaseTestRun(Git git, Duration grace) {
        this.git = git;
        this.grace = grace;
    }

    /** The commit the attempt starts from (HEAD before the agent runs), or empty outside a git work tree. */
    public Optional<String> base(Path workdir) {
        Git.Output head = git.run(workdir, "rev-parse", "--verify", "--quiet", "HEAD");
        return head.ok() && !head.text().isBlank() ? Optional.of(head.text().strip()) : Optional.empty();
    }

    /**
     * HEAD when {@code workdir} is in a git work tree with no uncommitted change to tracked files
     * and no untracked file that is not ignored: the project exactly as committed. Empty otherwise.
     */
    public Optional<String> unchanged(Path workdir) {
        Optional<String> head = base(workdir);
        if (head.isEmpty()) {
            return head;
        }
        Git.Output status = git.run(workdir, "status", "--porcelain", "--untracked-files=normal", "--", ".");
        return status.ok() && status.text().isBlank() ? head : Optional.empty();
    }

    /**
     * The evidence for an attempt whose acceptance tests all passed in {@code workdir}. Logs go to
     * {@code attemptDir}/base-test-N.log, masked like the attempt's own.
     */
    TestEvidence check(Path workdir, String base, List<String> commands, Map<String, String> env, Path attemptDir,
                       Duration timeout, CancelToken token, Redactor masking, long capPerCheck) {
        if (base == null) {
            return TestEvidence.notChecked(null, List.of(), "the workspace is not a git work tree with a commit: there is no "
                    + "base to run the tests on");
        }
        Path top;
        Path workReal;
        try {
            Optional<Path> found = git.topLevel(workdir);
            if (found.isEmpty()) {
                return TestEvidence.notChecked(base, List.of(), "the workspace is not a git work tree");
            }
            top = found.get().toRealPath();
            workReal = workdir.toRealPath();
        } catch (IOException e) {
            return TestEvidence.notChecked(base, List.of(), "the work tree cannot be resolved: " + e.getMessage());
        }
        Git.Output changed = git.run(top, "-c", "core.quotePath=false", "diff", "--name-only", "--no-renames", base, "--");
        Git.Output untracked = git.run(top, "-c", "core.quotePath=false", "ls-files", "--others", "--exclude-standard");
        if (!changed.ok() || !untracked.ok()) {
            return TestEvidence.notChecked(base, List.of(), "git could not list the task's changes: "
                    + (changed.ok() ? untracked.text() : changed.text()));
        }
        Set<String> tests = new LinkedHashSet<>();
        for (String path : (changed.text() + "\n" + untracked.text()).split("\n")) {
            String p = path.strip();
            if (!p.isEmpty() && !p.startsWith(".harness/") && TestFiles.isTest(p)
                    && Files.isRegularFile(top.resolve(p), LinkOption.NOFOLLOW_LINKS) && tests.size() < MAX_TESTS) {
                tests.add(p); // a removed test is not evidence of anything
            }
        }
        List<String> testList = List.copyOf(tests);
        if (tests.isEmpty()) {
            return new TestEvidence(TestEvidence.Kind.NO_TEST_CHANGED, base, List.of(), List.of(),
                    "the task added or changed no test file: its acceptance tests ran the tests that were there before it");
        }
        String tested = String.join(", ", testList.subList(0, Math.min(5, testList.size())))
                + (testList.size() > 5 ? " and " + (testList.size() - 5) + " more" : "");
        BaseRuns result = onBase(top, workReal, base, testList, commands, env, attemptDir, "base-test-", timeout, token,
                masking, capPerCheck);
        if (result.notChecked() != null) {
            return TestEvidence.notChecked(base, testList, result.notChecked());
        }
        List<String> failing = result.runs().stream().filter(r -> !r.passed()).map(TestEvidence.BaseRun::command).toList();
        return failing.isEmpty()
                ? new TestEvidence(TestEvidence.Kind.TESTS_PASS_ON_BASE, base, testList, result.runs(), "with the task's tests ("
                        + tested + ") every acceptance test already passes on the base " + abbreviated(base)
                        + ", before the change: they are not evidence for it")
                : new TestEvidence(TestEvidence.Kind.NEW_TEST_FAILS_ON_BASE, base, testList, result.runs(), "with the task's tests ("
                        + tested + ") '" + failing.get(0) + "' fails on the base " + abbreviated(base)
                        + " and passes after the change");
    }

    /**
     * For an attempt whose acceptance tests failed: whether each failing command fails on the base
     * too, as the base was, without any of the task's files. The answer for a base and a command
     * does not change, so it is worked out once per worker manager and kept (a retry asks again).
     * Empty when it cannot be told (no git base, cancelled, the base could not be prepared).
     */
    Map<String, FailsOnBase> failingOnBase(Path workdir, String base, List<String> commands, Map<String, String> env,
                                           Path attemptDir, Duration timeout, CancelToken token, Redactor masking,
                                           long capPerCheck) {
        if (base == null || commands.isEmpty()) {
            return Map.of();
        }
        Path top;
        Path workReal;
        try {
            Optional<Path> found = git.topLevel(workdir);
            if (found.isEmpty()) {
                return Map.of();
            }
            top = found.get().toRealPath();
            workReal = workdir.toRealPath();
        } catch (IOException e) {
            return Map.of();
        }
        Map<String, FailsOnBase> answers = new java.util.LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (String command : commands) {
            FailsOnBase known = knownOnBase.get(List.of(top.toString(), base, command));
            if (known != null) {
                answers.put(command, known);
            } else {
                unknown.add(command);
            }
        }
        if (!unknown.isEmpty()) {
            BaseRuns result = onBase(top, workReal, base, List.of(), unknown, env, attemptDir, "base-check-", timeout, token,
                    masking, capPerCheck);
            if (result.notChecked() == null) {
                for (TestEvidence.BaseRun run : result.runs()) {
                    FailsOnBase answer = new FailsOnBase(base, !run.passed(), run.exitCode(), run.timedOut(), run.log());
                    knownOnBase.put(List.of(top.toString(), base, run.command()), answer);
                    answers.put(run.command(), answer);
                }
            }
        }
        return answers;
    }

    /** How one failing check did on the base: {@code fails} when it failed (or timed out) there too. */
    public record FailsOnBase(String base, boolean fails, Integer exitCode, boolean timedOut, String log) {
        /** The sentence the failure's evidence carries, or null when the check passes on the base. */
        public String sentence(String command) {
            return sentence(command, false, null);
        }

        /**
         * The sentence, saying plainly when the base is the person's unchanged project ({@code isProject}) or
         * the check fails there too ({@code onProject}): then no task of the run caused it. When it passes on
         * the project, an earlier task's work (this task's base) broke it.
         */
        public String sentence(String command, boolean isProject, FailsOnBase onProject) {
            if (!fails) {
                return null;
            }
            String shown = dev.harness.protocol.CommandWords.shown(command);
            if (isProject || (onProject != null && onProject.fails())) {
                FailsOnBase unchanged = isProject ? this : onProject;
                return shown + " fails on the unchanged project (" + abbreviated(unchanged.base) + ") too (" + how(unchanged)
                        + "): not caused by this run; it cannot tell whether this task works: fix the check or skip the task"
                        + " (log on the unchanged project: " + unchanged.log + ")";
            }
            if (onProject != null) {
                return shown + " fails on this task's base " + abbreviated(base) + " too (" + how(this) + ") but passes on the"
                        + " unchanged project (" + abbreviated(onProject.base) + "): the work of an earlier task of this run broke it"
                        + " (base log: " + log + ")";
            }
            return shown + " fails on the base " + abbreviated(base) + " too (" + how(this) + "), before this task's change: "
                    + "it cannot tell whether this task works; fix the check or skip the task (base log: " + log + ")";
        }

        private static String how(FailsOnBase run) {
            return run.timedOut ? "killed by the timeout" : "exit " + run.exitCode;
        }
    }

    private final Map<List<String>, FailsOnBase> knownOnBase = new java.util.concurrent.ConcurrentHashMap<>();

    /** The runs of {@code commands} on the base, or why they could not be run there. */
    private record BaseRuns(List<TestEvidence.BaseRun> runs, String notChecked) {
        static BaseRuns not(String why) {
            return new BaseRuns(List.of(), why);
        }
    }

    /**
     * Runs {@code commands} in a temporary detached worktree of {@code base}, with {@code files} of
     * the work tree copied in and the prepared dependency directories lent; removed afterwards.
     * Logs go to {@code attemptDir}/{@code logPrefix}N.log.
     */
    private BaseRuns onBase(Path top, Path workReal, String base, List<String> files, List<String> commands,
                            Map<String, String> env, Path attemptDir, String logPrefix, Duration timeout,
                            CancelToken token, Redactor masking, long capPerCheck) {
        Path scratch;
        try {
            // beside the attempt's logs (owner-only state, and mostly the filesystem node_modules can be hard-linked from)
            Files.createDirectories(attemptDir);
            scratch = Files.createTempDirectory(attemptDir, "base-");
        } catch (IOException e) {
            return BaseRuns.not("no temporary directory for the base: " + e.getMessage());
        }
        Path tree = scratch.resolve("base");
        List<Path> links = new ArrayList<>();
        try {
            Git.Output add = git.run(top, "worktree", "add", "--detach", "--quiet", tree.toString(), base);
            if (!add.ok()) {
                return BaseRuns.not("git worktree add of the base failed: " + add.text());
            }
            for (String file : files) {
                Path target = tree.resolve(file);
                Files.createDirectories(target.getParent());
                Files.copy(top.resolve(file), target, StandardCopyOption.REPLACE_EXISTING, LinkOption.NOFOLLOW_LINKS);
            }
            Path baseWorkdir = tree.resolve(top.relativize(workReal).toString());
            if (!Files.isDirectory(baseWorkdir, LinkOption.NOFOLLOW_LINKS)) {
                return BaseRuns.not("the workspace " + top.relativize(workReal) + " does not exist on the base commit");
            }
            for (String name : PREPARED_DIRECTORIES) {
                Path prepared = workReal.resolve(name);
                Path link = baseWorkdir.resolve(name);
                if (Files.isDirectory(prepared, LinkOption.NOFOLLOW_LINKS) && !Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
                    // node_modules gets a tree of its own, so a test's cache written there stays in the base
                    links.add(name.equals("node_modules") ? DependencyLoan.lendNodeModules(prepared, link).path()
                            : Files.createSymbolicLink(link, prepared));
                }
            }
            Map<String, String> baseEnv = new HashMap<>(env);
            baseEnv.put("HARNESS_WORKSPACE", baseWorkdir.toString());
            String sh = PathLookup.find("sh", baseEnv).map(Path::toString).orElse("/bin/sh");
            List<TestEvidence.BaseRun> runs = new ArrayList<>();
            for (int i = 0; i < commands.size(); i++) {
                Path log = attemptDir.resolve(logPrefix + (i + 1) + ".log");
                CommandRun.Result result;
                try (CappedOutput output = new CappedOutput(log, capPerCheck, masking)) {
                    result = CommandRun.run(List.of(sh, "-c", commands.get(i)), baseWorkdir, baseEnv, null, output, timeout, grace, token);
                }
                if (token.isCancelled() || result.cancelled()) {
                    return BaseRuns.not("cancelled while the tests ran on the base");
                }
                if (result.startError() != null) {
                    return BaseRuns.not("'" + commands.get(i) + "' could not start on the base: " + masking.redact(result.startError()));
                }
                runs.add(TestEvidence.BaseRun.of(commands.get(i), result.exitCode(), result.timedOut(), result.durationMs(),
                        log.toString()));
            }
            return new BaseRuns(runs, null);
        } catch (IOException e) {
            return BaseRuns.not("the base could not be prepared: " + e.getMessage());
        } finally {
            remove(top, tree, scratch, links);
        }
    }

    private static String abbreviated(String commit) {
        return commit.substring(0, Math.min(12, commit.length()));
    }

    /** The base worktree goes: links first (never followed), then git's record of it, then what is left. */
    private void remove(Path top, Path tree, Path scratch, List<Path> links) {
        for (Path link : links) {
            try {
                DependencyLoan.giveBack(link);
            } catch (IOException e) {
                dev.harness.protocol.Log.warn("base worktree " + tree + ": the link " + link + " could not be removed: " + e.getMessage());
            }
        }
        if (!Files.exists(tree, LinkOption.NOFOLLOW_LINKS)) {
            return; // git worktree add failed: nothing was made (the empty scratch directory aside)
        }
        Git.Output removed = git.run(top, "worktree", "remove", "--force", tree.toString());
        if (!removed.ok()) {
            dev.harness.protocol.Log.warn("git worktree remove " + tree + " failed (" + removed.text() + "); pruning instead");
        }
        try {
            Files.walkFileTree(scratch, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file); // a link is deleted, never followed
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            dev.harness.protocol.Log.warn("the base worktree's directory " + scratch + " could not be removed: " + e.getMessage());
        }
        if (!removed.ok()) {
            git.run(top, "worktree", "prune");
        }
    }
}
