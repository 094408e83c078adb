package dev.harness.worker.attempt;

import dev.harness.api.worker.TestEvidence;
import dev.harness.protocol.process.PathLookup;
import dev.harness.protocol.secrets.Redactor;
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
 * a temporary detached `git worktree` under the system's temporary directory, removed afterwards;
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
        Path scratch;
        try {
            scratch = Files.createTempDirectory("harness-base-");
        } catch (IOException e) {
            return TestEvidence.notChecked(base, testList, "no temporary directory for the base: " + e.getMessage());
        }
        Path tree = scratch.resolve("base");
        List<Path> links = new ArrayList<>();
        try {
            Git.Output add = git.run(top, "worktree", "add", "--detach", "--quiet", tree.toString(), base);
            if (!add.ok()) {
                return TestEvidence.notChecked(base, testList, "git worktree add of the base failed: " + add.text());
            }
            for (String test : testList) {
                Path target = tree.resolve(test);
                Files.createDirectories(target.getParent());
                Files.copy(top.resolve(test), target, StandardCopyOption.REPLACE_EXISTING, LinkOption.NOFOLLOW_LINKS);
            }
            Path baseWorkdir = tree.resolve(top.relativize(workReal).toString());
            if (!Files.isDirectory(baseWorkdir, LinkOption.NOFOLLOW_LINKS)) {
                return TestEvidence.notChecked(base, testList, "the workspace " + top.relativize(workReal)
                        + " does not exist on the base commit");
            }
            for (String name : PREPARED_DIRECTORIES) {
                Path prepared = workReal.resolve(name);
                Path link = baseWorkdir.resolve(name);
                if (Files.isDirectory(prepared, LinkOption.NOFOLLOW_LINKS) && !Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
                    links.add(Files.createSymbolicLink(link, prepared));
                }
            }
            Map<String, String> baseEnv = new HashMap<>(env);
            baseEnv.put("HARNESS_WORKSPACE", baseWorkdir.toString());
            String sh = PathLookup.find("sh", baseEnv).map(Path::toString).orElse("/bin/sh");
            List<TestEvidence.BaseRun> runs = new ArrayList<>();
            for (int i = 0; i < commands.size(); i++) {
                Path log = attemptDir.resolve("base-test-" + (i + 1) + ".log");
                CommandRun.Result result;
                try (CappedOutput output = new CappedOutput(log, capPerCheck, masking)) {
                    result = CommandRun.run(List.of(sh, "-c", commands.get(i)), baseWorkdir, baseEnv, null, output, timeout, grace, token);
                }
                if (token.isCancelled() || result.cancelled()) {
                    return TestEvidence.notChecked(base, testList, "cancelled while the tests ran on the base");
                }
                if (result.startError() != null) {
                    return TestEvidence.notChecked(base, testList, "'" + commands.get(i) + "' could not start on the base: "
                            + masking.redact(result.startError()));
                }
                runs.add(TestEvidence.BaseRun.of(commands.get(i), result.exitCode(), result.timedOut(), result.durationMs(),
                        log.toString()));
            }
            List<String> failing = runs.stream().filter(r -> !r.passed()).map(TestEvidence.BaseRun::command).toList();
            String tested = String.join(", ", testList.subList(0, Math.min(5, testList.size())))
                    + (testList.size() > 5 ? " and " + (testList.size() - 5) + " more" : "");
            return failing.isEmpty()
                    ? new TestEvidence(TestEvidence.Kind.TESTS_PASS_ON_BASE, base, testList, runs, "with the task's tests ("
                            + tested + ") every acceptance test already passes on the base " + abbreviated(base)
                            + ", before the change: they are not evidence for it")
                    : new TestEvidence(TestEvidence.Kind.NEW_TEST_FAILS_ON_BASE, base, testList, runs, "with the task's tests ("
                            + tested + ") '" + failing.get(0) + "' fails on the base " + abbreviated(base)
                            + " and passes after the change");
        } catch (IOException e) {
            return TestEvidence.notChecked(base, testList, "the base could not be prepared: " + e.getMessage());
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
                Files.deleteIfExists(link);
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
