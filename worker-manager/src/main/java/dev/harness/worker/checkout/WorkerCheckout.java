package dev.harness.worker.checkout;

import dev.harness.api.plan.TaskPacket;
import dev.harness.api.rpc.WorkerMethods;
import dev.harness.api.worker.FailureClass;
import dev.harness.api.worker.WorkerEventKind;
import dev.harness.api.worker.WorkerEventPayload;
import dev.harness.worker.checkout.CommitPolicy;
import dev.harness.worker.checkout.Git;
import dev.harness.worker.checkout.GitWorktree;
import dev.harness.worker.checkout.WorktreeMode;
import dev.harness.worker.checkout.WorktreeSetup;
import dev.harness.worker.events.EventSink;
import dev.harness.worker.lifecycle.WorkerRecord;
import dev.harness.worker.lifecycle.WorkerRegistry;
import dev.harness.worker.recovery.Classification;
import dev.harness.worker.trust.TrustPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a worker works and how its verified result is kept: its own git worktree and branch when
 * the workspace is a repository and worktrees apply (--worktrees, commit_policy, or a base to
 * build on), else the workspace itself; the worktree is prepared (dependency install or the
 * person's setup command) before the agent runs; after the tests pass, one commit on that branch.
 * The adapter between worker records and the git-facing classes of the checkout package.
 */
public final class WorkerCheckout {
    private static final Duration SETUP_LIMIT = Duration.ofMinutes(15);

    private final WorkerRegistry workers;
    private final Git git;
    private final GitWorktree worktrees;
    private final WorktreeSetup setup;
    private final WorktreeMode mode;
    private final EventSink background;

    public WorkerCheckout(WorkerRegistry workers, Git git, WorktreeMode mode, EventSink background, Map<String, String> env) {
        this.workers = workers;
        this.git = git;
        this.worktrees = new GitWorktree(git);
        this.setup = new WorktreeSetup(env, SETUP_LIMIT);
        this.mode = mode;
        this.background = background;
    }

    /** Keeps what spawn_worker said about the checkout: the run (names the branch) and a setup command. */
    public static void remember(WorkerRecord w, WorkerMethods.SpawnParams params) {
        w.checkout = new CheckoutPlan(params.runId(), params.setup(), null, null);
        w.feedback = params.feedback(); // e.g. a merge conflict: heard in the first attempt's prompt
    }

    /**
     * Commits the worker's changes when its packet asks for a commit (events commit_created or
     * commit_skipped); returns the failure when git refused. Caller holds the monitor.
     */
    public Optional<Classification> commit(WorkerRecord w) {
        if (!CommitPolicy.wantsCommit(w.task.commitPolicy())) {
            return Optional.empty();
        }
        if (w.worktree == null) {
            workers.emit(w, WorkerEventKind.COMMIT_SKIPPED, new WorkerEventPayload.CommitSkipped(mode == WorktreeMode.NEVER
                    ? "worktrees are disabled (--worktrees never), so the harness does not commit"
                    : verifiesOnly(w)
                    ? "the built-in worker (agent none) only runs the acceptance tests, so there is nothing to commit"
                    : "the workspace is not a git repository", null, null), background);
            return Optional.empty();
        }
        try {
            Optional<String> sha = worktrees.commitAll(Path.of(w.worktree), commitMessage(w), "harness", setupCreated(w));
            if (sha.isPresent()) {
                w.commit = sha.get();
                workers.emit(w, WorkerEventKind.COMMIT_CREATED,
                        new WorkerEventPayload.CommitCreated(w.branch, w.worktree, sha.get()), background);
            } else {
                workers.emit(w, WorkerEventKind.COMMIT_SKIPPED, new WorkerEventPayload.CommitSkipped(
                        "the worker changed nothing, so there is nothing to commit", w.branch, w.worktree), background);
            }
            return Optional.empty();
        } catch (GitWorktree.WorktreeFailure e) {
            return Optional.of(Classification.of(FailureClass.UNKNOWN, "commit", e.getMessage()));
        }
    }

    private static boolean verifiesOnly(WorkerRecord w) {
        return w.agent == null || w.agent.equals("none");
    }

    private static String commitMessage(WorkerRecord w) {
        return commitMessage(w.task, w.id, w.taskId);
    }

    /** The commit message of a verified task, also a worker host's. */
    public static String commitMessage(TaskPacket task, String workerId, String taskId) {
        String subject = CommitSubject.of(task);
        StringBuilder body = new StringBuilder(subject).append("\n\n").append(task.objective()).append("\n\n");
        for (String test : task.acceptanceTests()) {
            body.append("Verified-by: ").append(test).append('\n');
        }
        body.append("Harness-Worker: ").append(workerId).append('\n');
        if (taskId != null) {
            body.append("Harness-Task: ").append(taskId).append('\n');
        }
        return body.toString();
    }

    private static List<String> setupCreated(WorkerRecord w) {
        return w.checkout.created();
    }

    /**
     * The directory the attempt works in: the worker's own worktree when it should have one, else
     * the workspace. A later attempt in an existing worktree starts from clean files at the
     * worktree's start (or the task's own last commit), never from a failed attempt's half-edits.
     */
    public Path prepare(WorkerRecord w) throws GitWorktree.WorktreeFailure {
        synchronized (w) {
            if (w.workdir != null && Files.isDirectory(Path.of(w.workdir))) {
                if (w.worktree != null) {
                    String to = w.commit != null ? w.commit : (w.checkout.start() != null ? w.checkout.start() : w.baseCommit);
                    worktrees.resetTo(Path.of(w.worktree), to, setupCreated(w));
                    workers.step(w, WorkerEventKind.WORKTREE_RESET, new WorkerEventPayload.WorktreeReset(w.worktree, to), background);
                }
                return Path.of(w.workdir);
            }
        }
        boolean wantsCommit = CommitPolicy.wantsCommit(w.task.commitPolicy());
        // The built-in worker (agent none) only verifies: it changes nothing, so in auto mode it
        // checks the user's working tree as it is rather than a fresh checkout of HEAD. A task given
        // bases (a verifying task on the integration branch) works where those bases are.
        boolean useWorktree = mode == WorktreeMode.ALWAYS
                || (mode == WorktreeMode.AUTO && !verifiesOnly(w) && (wantsCommit || !w.baseRefs.isEmpty()));
        Optional<Path> top = useWorktree ? git.topLevel(w.workspace) : Optional.empty();
        if (top.isEmpty()) {
            synchronized (w) {
                w.workdir = w.workspace.toString();
                workers.saveStep(w);
                return Path.of(w.workdir);
            }
        }
        Path repo = TrustPolicy.realOrNormal(top.get());
        GitWorktree.Checkout checkout;
        synchronized (w) {
            checkout = worktrees.create(repo, w.workspace, workers.store().worktreeOf(w.id),
                    GitWorktree.branchName(w.checkout.runId(), w.taskId != null ? w.taskId : w.id),
                    w.baseRefs);
            w.worktree = checkout.worktree().toString();
            w.branch = checkout.branch();
            w.baseCommit = checkout.base();
            w.checkout = w.checkout.startingAt(checkout.start());
            workers.step(w, WorkerEventKind.WORKTREE_CREATED, new WorkerEventPayload.WorktreeCreated(w.worktree, w.branch,
                    w.baseCommit, checkout.start(), w.baseRefs), background);
        }
        // outside the monitor: an install may take minutes and get_worker must keep answering
        WorktreeSetup.Result prepared = setup.prepare(checkout.worktree(), checkout.workspace(),
                w.checkout.setup());
        synchronized (w) {
            boolean ran = prepared.command() != null;
            Integer exitCode = ran ? prepared.exitCode() : null;
            Long durationMs = ran ? prepared.durationMs() : null;
            String tail = ran ? prepared.outputTail() : null;
            if (!prepared.ok()) {
                workers.emit(w, WorkerEventKind.SETUP_FAILED, new WorkerEventPayload.SetupFailed(w.worktree, prepared.source(),
                        prepared.command(), exitCode, durationMs, tail), background);
                throw new GitWorktree.WorktreeFailure("preparing the worktree failed: '" + prepared.command() + "' exited with "
                        + prepared.exitCode() + (prepared.outputTail().isBlank() ? "" : ": " + lastLine(prepared.outputTail())));
            }
            w.checkout = w.checkout.withCreated(prepared.created());
            workers.step(w, WorkerEventKind.WORKTREE_PREPARED, new WorkerEventPayload.WorktreePrepared(w.worktree,
                    prepared.source(), prepared.command(), exitCode, durationMs, tail), background);
            w.workdir = checkout.workspace().toString();
            workers.saveStep(w);
            return Path.of(w.workdir);
        }
    }

    private static String lastLine(String text) {
        List<String> lines = text.strip().lines().toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }
}
