package dev.harness.worker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A worker's own checkout: a `git worktree` on branch harness/&lt;task-or-worker-id&gt;, created
 * from the repository's HEAD, so the user's working tree is never touched and the verified
 * result is one commit on its own branch.
 */
final class GitWorktree {
    /** Where the worktree is and where the workspace sits inside it. */
    record Checkout(Path worktree, String branch, Path workspace, String base) {}

    private final Git git;

    GitWorktree(Git git) {
        this.git = git;
    }

    static String branchName(String taskOrWorkerId) {
        String safe = taskOrWorkerId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^[-.]+|[-.]+$", "");
        return "harness/" + (safe.isEmpty() ? "worker" : safe);
    }

    /** Creates the worktree; throws with git's own words if that is impossible. */
    Checkout create(Path repoTop, Path workspace, Path location, String wantedBranch, String workerId,
                    java.util.List<String> baseRefs) throws WorktreeFailure {
        Git.Output head = git.run(repoTop, "rev-parse", "--verify", "--quiet", "HEAD");
        if (!head.ok()) {
            throw new WorktreeFailure("the repository " + repoTop + " has no commit to branch from; commit once, then retry");
        }
        String branch = wantedBranch;
        if (git.run(repoTop, "rev-parse", "--verify", "--quiet", "refs/heads/" + branch).ok()) {
            branch = wantedBranch + "-" + workerId.replace('_', '-'); // an earlier worker of the same task kept its branch
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
        return new Checkout(location, branch, location.resolve(relative.toString()), head.text());
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

    /** Commits everything the worker changed; empty when there was nothing to commit. */
    java.util.Optional<String> commitAll(Path worktree, String message, String fallbackIdentity) throws WorktreeFailure {
        Git.Output add = git.run(worktree, "add", "-A");
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

    static final class WorktreeFailure extends Exception {
        private static final long serialVersionUID = 1L;

        WorktreeFailure(String message) {
            super(message);
        }
    }
}
