package dev.harness.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a worker works and how its verified result is kept: its own git worktree and branch when
 * the workspace is a repository and worktrees apply (--worktrees, commit_policy), else the
 * workspace itself; after the tests pass, one commit on that branch.
 */
final class WorkerCheckout {
    private final Workers workers;
    private final Git git;
    private final GitWorktree worktrees;
    private final WorktreeMode mode;
    private final EventSink background;

    WorkerCheckout(Workers workers, Git git, WorktreeMode mode, EventSink background) {
        this.workers = workers;
        this.git = git;
        this.worktrees = new GitWorktree(git);
        this.mode = mode;
        this.background = background;
    }

    /**
     * Commits the worker's changes when its packet asks for a commit (events commit_created or
     * commit_skipped); returns the failure when git refused. Caller holds the monitor.
     */
    Optional<Classification> commit(WorkerRecord w) {
        if (!CommitPolicy.wantsCommit(w.packet.path("commit_policy").asText(null))) {
            return Optional.empty();
        }
        ObjectNode payload = Json.object();
        if (w.worktree == null) {
            payload.put("reason", mode == WorktreeMode.NEVER
                    ? "worktrees are disabled (--worktrees never), so the harness does not commit"
                    : verifiesOnly(w)
                    ? "the built-in worker (agent none) only runs the acceptance tests, so there is nothing to commit"
                    : "the workspace is not a git repository");
            workers.emit(w, "commit_skipped", payload, background);
            return Optional.empty();
        }
        try {
            Optional<String> sha = worktrees.commitAll(Path.of(w.worktree), commitMessage(w), "harness");
            payload.put("branch", w.branch);
            payload.put("worktree", w.worktree);
            if (sha.isPresent()) {
                w.commit = sha.get();
                payload.put("commit", sha.get());
                workers.emit(w, "commit_created", payload, background);
            } else {
                payload.put("reason", "the worker changed nothing, so there is nothing to commit");
                workers.emit(w, "commit_skipped", payload, background);
            }
            return Optional.empty();
        } catch (GitWorktree.WorktreeFailure e) {
            ObjectNode evidence = Json.object();
            evidence.put("source", "commit");
            evidence.put("detail", e.getMessage());
            return Optional.of(new Classification(FailureClass.UNKNOWN, evidence));
        }
    }

    private static boolean verifiesOnly(WorkerRecord w) {
        return w.agent == null || w.agent.equals("none");
    }

    private static String commitMessage(WorkerRecord w) {
        String subject = w.packet.path("title").asText(w.packet.path("objective").asText("harness task")).strip();
        if (subject.length() > 72) {
            subject = subject.substring(0, 71) + "…";
        }
        StringBuilder body = new StringBuilder(subject).append("\n\n").append(w.packet.path("objective").asText()).append("\n\n");
        for (JsonNode test : w.packet.path("acceptance_tests")) {
            body.append("Verified-by: ").append(test.asText()).append('\n');
        }
        body.append("Harness-Worker: ").append(w.id).append('\n');
        if (w.taskId != null) {
            body.append("Harness-Task: ").append(w.taskId).append('\n');
        }
        return body.toString();
    }

    /** The directory the attempt works in: the worker's own worktree when it should have one, else the workspace. */
    Path prepare(WorkerRecord w) throws GitWorktree.WorktreeFailure {
        synchronized (w) {
            if (w.workdir != null && Files.isDirectory(Path.of(w.workdir))) {
                return Path.of(w.workdir);
            }
        }
        boolean wantsCommit = CommitPolicy.wantsCommit(w.packet.path("commit_policy").asText(null));
        // The built-in worker (agent none) only verifies: it changes nothing, so in auto mode it
        // checks the user's working tree as it is rather than a fresh checkout of HEAD.
        boolean useWorktree = mode == WorktreeMode.ALWAYS
                || (mode == WorktreeMode.AUTO && wantsCommit && !verifiesOnly(w));
        Optional<Path> top = useWorktree ? git.topLevel(w.workspace) : Optional.empty();
        synchronized (w) {
            if (top.isPresent()) {
                Path repo = TrustPolicy.realOrNormal(top.get());
                GitWorktree.Checkout checkout = worktrees.create(repo, w.workspace, workers.store().worktreeOf(w.id),
                        GitWorktree.branchName(w.taskId != null ? w.taskId : w.id), w.id, w.baseRefs);
                w.worktree = checkout.worktree().toString();
                w.branch = checkout.branch();
                w.baseCommit = checkout.base();
                w.workdir = checkout.workspace().toString();
                ObjectNode payload = Json.object();
                payload.put("worktree", w.worktree);
                payload.put("branch", w.branch);
                payload.put("base_commit", w.baseCommit);
                workers.emit(w, "worktree_created", payload, background);
            } else {
                w.workdir = w.workspace.toString();
                workers.save(w);
            }
            return Path.of(w.workdir);
        }
    }
}
