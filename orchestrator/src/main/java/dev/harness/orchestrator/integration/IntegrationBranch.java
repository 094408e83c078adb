package dev.harness.orchestrator.integration;

import java.util.ArrayList;
import java.util.List;

/**
 * The run's integration branch {@code harness/run-<run_id>}, moved only through the object store:
 * each merge is computed with {@code git merge-tree --write-tree}, recorded with
 * {@code git commit-tree}, and the branch moved with a compare-and-swap {@code update-ref}. No
 * checkout (the person's or any worktree) is touched, so a kill at any point leaves the branch at
 * either the old or the new tip.
 */
public final class IntegrationBranch {
    /** What merging one task branch into the tip came to. */
    public sealed interface Step {
        /** The task's commit is already in the tip (a resumed merge whose event was lost, or no change). */
        record AlreadyIn(String tip) implements Step {}

        /** The tip is an ancestor of the task's commit: the branch moves to it. */
        record FastForward(String tip) implements Step {}

        /** A merge commit with the tip and the task's commit as parents. */
        record Merged(String tip) implements Step {}

        /** The merge conflicts in these files; {@code sides} shows each file on both sides. */
        record Conflict(List<String> files, String sides) implements Step {}

        /** git itself failed (not a conflict). */
        record Failed(String message) implements Step {}
    }

    private static final int SIDE_LIMIT = 4000;

    private final GitCli git;
    private final String name;

    public IntegrationBranch(GitCli git, String runId) {
        this.git = git;
        this.name = name(runId);
    }

    public static String name(String runId) {
        return "harness/run-" + runId;
    }

    public String name() {
        return name;
    }

    public String ref() {
        return "refs/heads/" + name;
    }

    /** The branch's tip, or null before it exists. */
    public String tip() {
        return git.commitOf(ref());
    }

    /** Creates the branch at {@code base} unless it exists; returns its tip. */
    public String start(String base) {
        String tip = tip();
        if (tip != null) {
            return tip;
        }
        GitCli.Result made = git.run("update-ref", "-m", "harness: integration base", ref(), base, "");
        return made.ok() ? base : tip();
    }

    /**
     * Merges {@code commit} (task {@code taskId}'s branch) into the branch, which must be at
     * {@code expectedTip}; a conflict leaves the branch where it was.
     */
    public Step merge(String expectedTip, String taskId, String branch, String commit) {
        if (git.isAncestor(commit, expectedTip)) {
            return new Step.AlreadyIn(expectedTip);
        }
        String next;
        boolean fastForward = git.isAncestor(expectedTip, commit);
        if (fastForward) {
            next = commit;
        } else {
            GitCli.Result tree = git.run("merge-tree", "--write-tree", "--name-only", "--no-messages", expectedTip, commit);
            if (tree.exit() == 1) {
                List<String> files = new ArrayList<>();
                List<String> lines = tree.out().lines().toList();
                for (int i = 1; i < lines.size() && !lines.get(i).isBlank(); i++) {
                    files.add(lines.get(i));
                }
                return new Step.Conflict(files, sides(expectedTip, branch, commit, files));
            }
            if (!tree.ok()) {
                return new Step.Failed("git merge-tree failed: " + tree.said());
            }
            String treeId = tree.out().lines().findFirst().orElse("").strip();
            GitCli.Result made = git.run("-c", "user.name=harness", "-c", "user.email=harness@localhost",
                    "commit-tree", treeId, "-p", expectedTip, "-p", commit,
                    "-m", "harness: integrate " + taskId + " (" + branch + ")");
            if (!made.ok()) {
                return new Step.Failed("git commit-tree failed: " + made.said());
            }
            next = made.text();
        }
        GitCli.Result moved = git.run("update-ref", "-m", "harness: integrate " + taskId, ref(), next, expectedTip);
        if (!moved.ok()) {
            return new Step.Failed("the integration branch moved while merging " + taskId + ": " + moved.said());
        }
        return fastForward ? new Step.FastForward(next) : new Step.Merged(next);
    }

    /** Each conflicting file as the integration branch has it and as the task's branch has it. */
    private String sides(String tip, String branch, String commit, List<String> files) {
        StringBuilder text = new StringBuilder();
        for (String file : files) {
            text.append("--- ").append(file).append(" on the integration branch (").append(name).append("):\n")
                    .append(show(tip, file)).append("\n--- ").append(file).append(" on ").append(branch).append(":\n")
                    .append(show(commit, file)).append('\n');
            if (text.length() > SIDE_LIMIT) {
                text.setLength(SIDE_LIMIT);
                text.append("\n… (cut)\n");
                break;
            }
        }
        return text.toString();
    }

    private String show(String commit, String file) {
        GitCli.Result shown = git.run("show", commit + ":" + file);
        return shown.ok() ? shown.out() : "(not present)";
    }
}
