package dev.harness.worker.checkout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A worker's own checkout: a `git worktree` on branch harness/&lt;run-id&gt;/&lt;task-id&gt;, created
 * from the repository's HEAD, so the user's working tree is never touched and the verified
 * result is one commit on its own branch.
 */
public final class GitWorktree {
    /**
     * Where the worktree is and where the workspace sits inside it; {@code base} is the commit it
     * started from, {@code start} the commit after the dependencies' branches were merged in.
     */
    public record Checkout(Path worktree, String branch, Path workspace, String base, String start) {}

    private final Git git;

    public GitWorktree(Git git) {
        this.git = git;
    }

    /** harness/RUN/TASK (harness/TASK without a run): stable and readable, never a worker id. */
    public static String branchName(String runId, String taskOrWorkerId) {
        String task = safe(taskOrWorkerId);
        String run = runId == null ? "" : safe(runId);
        return "harness/" + (run.isEmpty() ? "" : run + "/") + (task.isEmpty() ? "worker" : task);
    }

    private static String safe(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^[-.]+|[-.]+$", "")
                .replace("..", "-");
    }

    /** Creates the worktree; throws with git's own words if that is impossible. */
    public Checkout create(Path repoTop, Path workspace, Path location, String wantedBranch,
                           java.util.List<String> baseRefs) throws WorktreeFailure {
        Git.Output head = git.run(repoTop, "rev-parse", "--verify", "--quiet", "HEAD");
        if (!head.ok()) {
            throw new WorktreeFailure("the repository " + repoTop + " has no commit to branch from; commit once, then retry");
        }
        String branch = wantedBranch;
        // a later worker of the same task (a retry from scratch) gets the next number, not a random suffix
        for (int n = 2; git.run(repoTop, "rev-parse", "--verify", "--quiet", "refs/heads/" + branch).ok(); n++) {
            branch = wantedBranch + "-" + n;
        }
        try {
            Files.createDirectories(location.getParent());
        } catch (java.io.IOException e) {
            throw new WorktreeFailure("cannot create " + location.getParent() + ": " + e.getMessage());
        }
        Git.Output add = git.run(repoTop, "worktree", "add", "-b", branch, location.toString(), head.text());
        if (!add.ok()) {
            throw new WorktreeFailure("git worktree add failed: " + add.text());
        }
        if (!baseRefs.isEmpty()) {
            buildOn(location, baseRefs);
        }
        Path relative = repoTop.relativize(workspace);
        String start = baseRefs.isEmpty() ? head.text() : git.run(location, "rev-parse", "HEAD").text();
        return new Checkout(location, branch, location.resolve(relative.toString()), head.text(), start);
    }

    /**
     * Brings the work of the tasks this one depends on into its fresh worktree (their branches
     * merged over HEAD), so a task sees what the tasks before it committed.
     */
    private void buildOn(Path worktree, java.util.List<String> refs) throws WorktreeFailure {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("-c", "user.name=harness",
                "-c", "user.email=harness@localhost", "merge", "--no-edit", "-q", "-m",
                "harness: start from " + String.join(", ", refs)));
        args.addAll(refs);
        Git.Output merge = git.run(worktree, args.toArray(String[]::new));
        if (!merge.ok()) {
            git.run(worktree, "merge", "--abort");
            throw new WorktreeFailure("the work of " + String.join(", ", refs) + " cannot be combined: " + merge.text());
        }
    }

    /**
     * Puts the worktree back to {@code commit} (the task's start, or its own last commit): a retry
     * starts from clean files, never from a failed attempt's half-edits. Ignored files (a prepared
     * dependency install) stay.
     */
    public void resetTo(Path worktree, String commit, java.util.List<String> keep) throws WorktreeFailure {
        Git.Output reset = git.run(worktree, "reset", "-q", "--hard", commit);
        if (!reset.ok()) {
            throw new WorktreeFailure("cannot reset the worktree to " + commit + ": " + reset.text());
        }
        java.util.List<String> cleanArgs = new java.util.ArrayList<>(java.util.List.of("clean", "-q", "-f", "-d"));
        keep.forEach(path -> {
            cleanArgs.add("-e");
            cleanArgs.add("/" + path);
        });
        Git.Output clean = git.run(worktree, cleanArgs.toArray(String[]::new));
        if (!clean.ok()) {
            throw new WorktreeFailure("cannot clean the worktree: " + clean.text());
        }
    }

    /** The commit the worktree is at now. */
    public String head(Path worktree) {
        return git.run(worktree, "rev-parse", "HEAD").text();
    }

    /** Commits everything the worker changed; empty when there was nothing to commit. */
    public java.util.Optional<String> commitAll(Path worktree, String message, String fallbackIdentity,
                                                java.util.List<String> leaveOut) throws WorktreeFailure {
        java.util.List<String> addArgs = new java.util.ArrayList<>(java.util.List.of("add", "-A", "--", "."));
        leaveOut.forEach(path -> addArgs.add(":(top,exclude)" + path)); // what setup installed is not the task's work
        Git.Output add = git.run(worktree, addArgs.toArray(String[]::new));
        if (!add.ok()) {
            throw new WorktreeFailure("git add failed: " + add.text());
        }
        if (git.run(worktree, "diff", "--cached", "--quiet").ok()) {
            return java.util.Optional.empty();
        }
        boolean hasIdentity = git.run(worktree, "config", "user.email").ok();
        Git.Output commit = hasIdentity
                ? git.run(worktree, "commit", "-q", "-m", message)
                : git.run(worktree, "-c", "user.name=" + fallbackIdentity, "-c", "user.email=" + fallbackIdentity + "@localhost",
                        "commit", "-q", "-m", message);
        if (!commit.ok()) {
            throw new WorktreeFailure("git commit failed: " + commit.text());
        }
        Git.Output sha = git.run(worktree, "rev-parse", "HEAD");
        return java.util.Optional.of(sha.text());
    }

    public static final class WorktreeFailure extends Exception {
        private static final long serialVersionUID = 1L;

        public WorktreeFailure(String message) {
            super(message);
        }
    }
}
