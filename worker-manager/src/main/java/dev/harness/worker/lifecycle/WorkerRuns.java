package dev.harness.worker.lifecycle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.api.plan.TaskPacket;
import dev.harness.api.rpc.WorkerMethods;
import dev.harness.api.worker.ApprovalSource;
import dev.harness.api.worker.Decision;
import dev.harness.api.worker.FailureClass;
import dev.harness.api.worker.WorkerEventKind;
import dev.harness.api.worker.WorkerEventPayload;
import dev.harness.api.worker.WorkerSnapshot;
import dev.harness.api.worker.WorkerState;
import dev.harness.protocol.Log;
import dev.harness.worker.attempt.AgentCommand;
import dev.harness.worker.attempt.AttemptOutcome;
import dev.harness.worker.attempt.AttemptRunner;
import dev.harness.worker.attempt.AttemptSummary;
import dev.harness.worker.attempt.ScopeChanges;
import dev.harness.worker.attempt.Verified;
import dev.harness.worker.attempt.WorkerPrompt;
import dev.harness.worker.checkout.Git;
import dev.harness.worker.checkout.GitWorktree;
import dev.harness.worker.checkout.WorkerCheckout;
import dev.harness.worker.checkout.WorktreeMode;
import dev.harness.worker.events.EventSink;
import dev.harness.worker.events.WorkerEvents.Transition;
import dev.harness.worker.recovery.Classification;
import dev.harness.worker.recovery.Failure;
import dev.harness.worker.recovery.FailureClassifier;
import dev.harness.worker.recovery.Recovery;
import dev.harness.worker.recovery.RecoveryRecipes;
import dev.harness.worker.trust.WorkerTrust;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs workers: a bounded pool of attempts, each followed by classification and the recipe of
 * its class (retry with backoff, retry with the failure fed back, escalate, skip, abort), plus
 * cancellation, human decisions after an escalation, and the end of the service (EOF, SIGTERM).
 */
public final class WorkerRuns {
    /** How runs are bounded and where they happen. */
    public record Settings(int maxWorkers, Duration defaultTimeout, Duration grace, WorktreeMode worktrees) {}

    private final WorkerRegistry workers;
    private final WorkerTrust gate;
    private final RecoveryRecipes recipes;
    private final FailureClassifier classifier;
    private final AttemptRunner runner;
    private final WorkerCheckout checkout;
    private final Recovery recovery;
    private final Settings settings;
    private final EventSink background;
    private final ThreadPoolExecutor pool;
    private final ScheduledExecutorService timers;
    /** How often the records of workers another manager runs are looked at. */
    private static final long FOLLOW_MS = 200;
    /** Records another live manager is running, with the stamp of the version last read. */
    private final java.util.Map<WorkerRecord, Long> foreign = new java.util.concurrent.ConcurrentHashMap<>();

    public WorkerRuns(WorkerRegistry workers, WorkerTrust gate, RecoveryRecipes recipes, AttemptRunner runner, Git git, Settings settings,
               EventSink background) {
        this.workers = workers;
        this.gate = gate;
        this.recipes = recipes;
        this.classifier = new FailureClassifier(recipes);
        this.runner = runner;
        this.checkout = new WorkerCheckout(workers, git, settings.worktrees(), background, git.env());
        this.settings = settings;
        this.background = background;
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(settings.maxWorkers(), settings.maxWorkers(), 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> daemon(r, "worker-" + n.incrementAndGet()));
        this.timers = new ScheduledThreadPoolExecutor(1, r -> daemon(r, "worker-backoff"));
        this.recovery = new Recovery(workers, gate, recipes, background, (w, delay) ->
                w.pendingRetry = timers.schedule(() -> pool.execute(() -> attempt(w)), delay, TimeUnit.MILLISECONDS));
    }

    /** Set when attempts run through a remote executor (--executor temporal); null runs them here. */
    private RemoteAttempts remote;

    public void runRemotely(RemoteAttempts remote) {
        this.remote = remote;
    }

    /** decide: a human's retry / skip / abort after an escalation; with {@code runNow} a retry starts at once. */
    public WorkerSnapshot decide(WorkerRecord w, Decision decision, String approver, String comment, ApprovalSource source,
                             boolean runNow, EventSink sink) {
        synchronized (w) {
            recovery.decide(w, decision, approver, comment, source, sink);
            if (runNow && w.state == WorkerState.READY_FOR_PROMPT) {
                run(w, null, sink);
            }
            return w.snapshot(false);
        }
    }

    /** run_worker: ready_for_prompt → running; the attempt starts when a pool slot is free. */
    public WorkerMethods.RunResult run(WorkerRecord w, String extraPrompt, EventSink sink) {
        synchronized (w) {
            Transitions.require(w.state, WorkerState.RUNNING);
            if (w.state != WorkerState.READY_FOR_PROMPT) {
                throw Transitions.refuse(w.state, WorkerState.RUNNING, "run_worker starts a worker in ready_for_prompt");
            }
            gate.recheck(w);
            if (extraPrompt != null) {
                w.extraPrompt = extraPrompt;
            }
            w.token = new CancelToken();
            w.recovering = null;
            if (w.startedAt == null) {
                w.startedAt = Instant.now();
            }
            w.endedAt = null;
            workers.transition(w, WorkerState.RUNNING, Transition.plain().next(w.attempts + 1, null)
                    .starting(pool.getActiveCount() >= settings.maxWorkers(), w.agent), sink);
            pool.execute(() -> attempt(w));
            return new WorkerMethods.RunResult(w.id, w.state);
        }
    }

    /** wait_worker: blocks while the worker is running (it ends on its own); returns at once otherwise. */
    public WorkerSnapshot await(WorkerRecord w, Long timeoutMs) throws InterruptedException {
        long deadline = timeoutMs == null ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        synchronized (w) {
            while (w.state == WorkerState.RUNNING) {
                long left = deadline == Long.MAX_VALUE ? 0 : TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (deadline != Long.MAX_VALUE && left <= 0) {
                    break;
                }
                w.wait(deadline == Long.MAX_VALUE ? 0 : left);
            }
            return w.snapshot(false).withTimedOut(w.state == WorkerState.RUNNING);
        }
    }

    /** cancel_worker: any non-terminal state → cancelled; a running process tree is terminated first. */
    public WorkerSnapshot cancel(WorkerRecord w, String reason, EventSink sink) {
        CancelToken token;
        synchronized (w) {
            if (!Transitions.isLegal(w.state, WorkerState.CANCELLED)) {
                throw Transitions.refuse(w.state, WorkerState.CANCELLED,
                        w.state == WorkerState.FAILED ? "a failed worker is ended with decide skip or abort" : "it has already ended");
            }
            token = w.token;
            token.mark();
            if (w.pendingRetry != null) {
                w.pendingRetry.cancel(false);
            }
        }
        token.stop(); // outside the monitor: it waits for the process tree to die
        synchronized (w) {
            if (w.state != WorkerState.CANCELLED) {
                if (w.failure != null) {
                    w.failure = w.failure.decided();
                }
                workers.transition(w, WorkerState.CANCELLED,
                        Transition.because(reason == null || reason.isBlank() ? "cancelled by request" : reason), sink);
            }
            return w.snapshot(false);
        }
    }

    /** One attempt on a pool thread, then what its outcome calls for. Never leaves the worker running by accident. */
    private void attempt(WorkerRecord w) {
        int attempt;
        CancelToken token;
        String prompt;
        synchronized (w) {
            if (w.state != WorkerState.RUNNING || w.token.isCancelled()) {
                return;
            }
            w.pendingRetry = null;
            attempt = ++w.attempts;
            token = w.token;
        }
        if (remote != null) {
            attemptRemotely(w, attempt, token);
            return;
        }
        try {
            Path workdir;
            AttemptOutcome outcome;
            Path attemptDir = workers.store().logsOf(w.id).resolve("attempt-" + attempt);
            try {
                workdir = checkout.prepare(w);
            } catch (GitWorktree.WorktreeFailure e) {
                // the checkout could not be made or prepared: not the agent's to fix, so no feedback retry
                outcome = new AttemptOutcome(attempt, AttemptOutcome.AgentResult.none(), List.of(),
                        new AttemptOutcome.SetupFailure(e.getMessage().startsWith("preparing the worktree")
                                ? FailureClass.UNRECOVERABLE : FailureClass.INVALID_INPUT, e.getMessage()));
                finishAttempt(w, token, outcome, Instant.now(), attemptDir);
                return;
            }
            Instant started = Instant.now();
            AgentCommand agent;
            synchronized (w) {
                // Claude stops itself at what is left of the budget (it was not spent, or this attempt would not start)
                agent = AgentCommand.parse(w.agent).withMaxBudgetUsd(w.dollarsLeft(workers.used()));
                WorkerPrompt.Instructions instructions = WorkerPrompt.instructions(
                        Optional.ofNullable(w.systemPrompt).map(Path::of), workdir, workdir.resolve(w.scopePath));
                prompt = WorkerPrompt.build(w.task, w.scopePath, instructions, w.extraPrompt, w.feedback);
                var attemptStarted = new WorkerEventPayload.AttemptStarted(attempt, agent.describe(), workdir.toString(),
                        attemptDir.toString(), w.feedback != null);
                if (!stillRunning(w, token)) {
                    return;
                }
                workers.progress(w, WorkerEventKind.ATTEMPT_STARTED, attemptStarted, background);
            }
            Duration timeout = w.task.timeoutSeconds() != null
                    ? Duration.ofSeconds(w.task.timeoutSeconds()) : settings.defaultTimeout();
            AttemptRunner.Spec spec = new AttemptRunner.Spec(w.id, w.taskId, attempt, w.task, w.workspace, workdir,
                    w.scopePath, w.scopeExisted, agent, prompt, attemptDir, timeout);
            boolean looksAtChanges = !agent.isNone();
            if (looksAtChanges && w.changeBaseline == null) {
                w.changeBaseline = ScopeChanges.take(workdir, w.scopePath, workers.store().stateDir()).orElse(null);
            }
            synchronized (w) {
                w.testEvidence = null; // an earlier attempt's finding is not this one's
            }
            outcome = runner.run(spec, token, new AttemptRunner.Steps() {
                @Override
                public void step(WorkerEventKind kind, WorkerEventPayload payload) {
                    synchronized (w) {
                        if (payload instanceof WorkerEventPayload.UsageRecorded usage) {
                            // counted even if the worker was cancelled meanwhile: the attempt was paid for
                            w.used = w.used.plus(usage);
                        }
                        if (stillRunning(w, token)) {
                            // usage counts against the budget: kept like a state change; the rest is progress
                            if (payload instanceof WorkerEventPayload.UsageRecorded) {
                                workers.emit(w, kind, payload, background);
                            } else {
                                workers.progress(w, kind, payload, background);
                            }
                        }
                    }
                }

                @Override
                public void testEvidence(dev.harness.api.worker.TestEvidence evidence) {
                    synchronized (w) {
                        if (stillRunning(w, token)) {
                            w.testEvidence = evidence;
                        }
                    }
                }

                @Override
                public void agentDone() {
                    if (looksAtChanges) {
                        w.changeAfterAgent = ScopeChanges.take(workdir, w.scopePath, workers.store().stateDir()).orElse(null);
                    }
                }
            });
            finishAttempt(w, token, outcome, started, attemptDir);
        } catch (RuntimeException | IOException | Error bug) {
            Log.error("worker " + w.id + " attempt " + attempt + " failed inside the worker manager", bug);
            AttemptOutcome outcome = new AttemptOutcome(attempt, AttemptOutcome.AgentResult.none(), List.of(),
                    new AttemptOutcome.SetupFailure(FailureClass.UNKNOWN, "the worker manager could not run the attempt: " + bug));
            finishAttempt(w, token, outcome, Instant.now(), workers.store().logsOf(w.id).resolve("attempt-" + attempt));
        }
    }

    /** The same attempt through the remote executor: its outcome is classified and recovered from as a local one's. */
    private void attemptRemotely(WorkerRecord w, int attempt, CancelToken token) {
        Path attemptDir = workers.store().logsOf(w.id).resolve("attempt-" + attempt);
        Instant started = Instant.now();
        AttemptOutcome outcome;
        try {
            outcome = remote.attempt(w, attempt, token);
        } catch (InterruptedException e) {
            return; // cancelled: cancel_worker or SIGTERM records the end
        } catch (RuntimeException bug) {
            Log.error("worker " + w.id + " attempt " + attempt + " could not be dispatched", bug);
            outcome = new AttemptOutcome(attempt, AttemptOutcome.AgentResult.none(), List.of(),
                    new AttemptOutcome.SetupFailure(FailureClass.TRANSIENT, "the attempt could not be dispatched: " + bug));
        }
        finishAttempt(w, token, outcome, started, attemptDir);
    }

    private void finishAttempt(WorkerRecord w, CancelToken token, AttemptOutcome outcome, Instant started, Path attemptDir) {
        Classification failure = classifier.classify(outcome);
        synchronized (w) {
            if (!stillRunning(w, token)) {
                return;
            }
            w.attemptHistory.add(AttemptSummary.of(outcome, failure, started, attemptDir));
            // passing checks are not yet a recovery: a task meant to change code may still have changed nothing
            Optional<Classification> unfinished = failure == null ? completion(w) : Optional.empty();
            Classification failed = failure != null ? failure : unfinished.orElse(null);
            if (w.recovering != null) {
                workers.emit(w, WorkerEventKind.RECOVERY_APPLIED, new WorkerEventPayload.RecoveryApplied(w.recovering,
                        failed == null ? "recovered" : "failed_again", failed == null ? null : failed.failureClass()),
                        background);
                w.recovering = null;
            }
            if (failure != null) {
                recovery.recover(w, failure, outcome);
            } else if (unfinished.isPresent()) {
                recovery.recover(w, unfinished.get(), null);
            } else {
                complete(w);
            }
        }
    }

    /**
     * Every test passed: did the task change what it was meant to, and could its change be committed (if the
     * packet asks for a commit)? The failure that keeps it from finishing, or empty. Caller holds the monitor.
     */
    private Optional<Classification> completion(WorkerRecord w) {
        Optional<Classification> unchanged = remote != null ? remote.checkChange(w) : checkChange(w);
        if (unchanged.isPresent()) {
            return unchanged;
        }
        if (w.verified.verification() != dev.harness.api.worker.Verification.CHANGED_AND_VERIFIED) {
            w.testEvidence = null; // a task that changed nothing has no change for its tests to prove
        }
        Optional<Classification> commitFailure = remote != null ? remote.commit(w) : checkout.commit(w);
        if (commitFailure.isEmpty() && remote == null) {
            commitFailure = contentUnchanged(w);
        }
        return commitFailure;
    }

    /** The task passed its checks and {@link #completion} found nothing against it: finished. Caller holds the monitor. */
    private void complete(WorkerRecord w) {
        w.failure = null;
        w.feedback = null;
        Transition finished = Transition.plain().finished(w.attempts, w.verified.verification()).tested(w.testEvidence);
        if (w.verified.changedFiles() != null) {
            finished.changed(w.verified.changedCount(), w.verified.changedFiles());
        }
        if (w.commit != null) {
            finished.committed(w.commit, w.branch);
        }
        workers.transition(w, WorkerState.FINISHED, finished, background);
    }

    /**
     * The tests passed; did the task change what it was meant to? The built-in worker (agent none)
     * changes nothing, so its tasks are "verified only — nothing was changed". An agent's task is
     * compared with its scope before the first attempt: a task meant to change code (its commit
     * policy asks for a commit, or expects_change: true) that changed nothing in its scope failed,
     * however green its tests (they passed on an unchanged workspace). Caller holds the monitor.
     */
    private Optional<Classification> checkChange(WorkerRecord w) {
        w.verified = Verified.unchanged();
        if (AgentCommand.parse(w.agent).isNone() || w.changeBaseline == null || w.changeAfterAgent == null) {
            return Optional.empty();
        }
        ScopeChanges.Changes changes = ScopeChanges.between(w.changeBaseline, w.changeAfterAgent);
        if (changes.any()) {
            w.verified = Verified.changed(changes.count(), changes.sample(20));
            return Optional.empty();
        }
        if (!expectsChange(w.task)) {
            return Optional.empty();
        }
        String scope = w.scopePath.isEmpty() ? "the workspace" : "its scope " + w.scopePath;
        String detail = "the task is meant to change code in " + scope + " but its agent changed nothing there;"
                + " its acceptance tests passed on an unchanged workspace, which verifies nothing";
        w.verified = null;
        return Optional.of(Classification.of(FailureClass.LOGIC_ERROR, "no_change", detail));
    }

    /**
     * The scope's files were written (their times changed, so {@link #checkChange} saw a change) but git
     * has nothing to commit: the agent left their content as it was. For a task meant to change code
     * that is no change, as in checkChange, not "changed and verified" with no commit to take.
     */
    private static Optional<Classification> contentUnchanged(WorkerRecord w) {
        if (w.commit != null || w.worktree == null || w.verified == null
                || w.verified.verification() != dev.harness.api.worker.Verification.CHANGED_AND_VERIFIED
                || !expectsChange(w.task) || !dev.harness.worker.checkout.CommitPolicy.wantsCommit(w.task.commitPolicy())) {
            return Optional.empty();
        }
        List<String> files = w.verified.changedFiles() == null ? List.of() : w.verified.changedFiles();
        String detail = "the task is meant to change code but its agent only rewrote " + (files.isEmpty() ? "files"
                : String.join(", ", files)) + " with the content they had: git sees no change, there is nothing to commit;"
                + " its acceptance tests passed on an unchanged workspace, which verifies nothing";
        w.verified = null;
        w.testEvidence = null;
        return Optional.of(Classification.of(FailureClass.LOGIC_ERROR, "no_change", detail));
    }

    /** A task meant to change code: the packet says so (expects_change), or its commit policy asks for a commit. */
    static boolean expectsChange(TaskPacket packet) {
        if (packet.expectsChange() != null) {
            return packet.expectsChange();
        }
        return dev.harness.worker.checkout.CommitPolicy.wantsCommit(packet.commitPolicy());
    }

    private static boolean stillRunning(WorkerRecord w, CancelToken token) {
        return w.state == WorkerState.RUNNING && !token.isCancelled() && w.token == token;
    }

    /**
     * At start: a record left running by a manager that is gone is failed (interrupted) and waits
     * for a decision. One that a manager still alive is running (a killed run's manager finishing
     * its worker) is followed: its record is re-read as that manager writes it, so waiting for it
     * ends when it ends, and it is interrupted if that manager dies first.
     */
    public void interruptOrphans() {
        for (WorkerRecord w : workers.all()) {
            synchronized (w) {
                if (w.state != WorkerState.RUNNING) {
                    continue;
                }
                if (!workers.ownerAlive(w)) {
                    if (remote != null && w.attempts > 0) {
                        reattach(w);
                    } else {
                        interrupt(w);
                    }
                } else if (!workers.ownedHere(w)) {
                    foreign.put(w, workers.store().stamp(w.id));
                    Log.info("worker " + w.id + " is still run by the worker manager pid " + w.ownerPid
                            + "; following its record until it ends");
                }
            }
        }
        if (!foreign.isEmpty()) {
            timers.scheduleWithFixedDelay(this::followForeign, FOLLOW_MS, FOLLOW_MS, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Remote executor: the attempt the dead manager had dispatched is still the hosts' (or done, its
     * result kept by the executor), so this manager waits for that same attempt again instead of
     * interrupting it; an attempt that had already ended is followed by the next one, as its recipe
     * had scheduled. Caller holds the monitor.
     */
    private void reattach(WorkerRecord w) {
        boolean inFlight = w.attemptHistory.size() < w.attempts;
        if (inFlight) {
            w.attempts--; // attempt() counts it again: the same attempt, the same execution
            remote.reattaching(w.id);
        }
        w.token = new CancelToken();
        workers.save(w);
        Log.info("worker " + w.id + " was running attempt " + (w.attempts + (inFlight ? 1 : 0)) + " through "
                + remote.describe() + " when the worker manager pid " + w.ownerPid + " stopped; attaching to it again");
        pool.execute(() -> attempt(w));
    }

    /** One look at every followed record: take over what its manager wrote, relay its new events. */
    private void followForeign() {
        for (WorkerRecord w : List.copyOf(foreign.keySet())) {
            try {
                long stamp = workers.store().stamp(w.id);
                boolean changed = stamp != foreign.getOrDefault(w, 0L);
                boolean ownerGone = !workers.ownerAlive(w);
                if (changed || ownerGone) {
                    foreign.put(w, stamp);
                    workers.store().load(w.id).ifPresent(disk -> refresh(w, disk));
                }
                synchronized (w) {
                    if (w.state != WorkerState.RUNNING || workers.ownedHere(w)) {
                        foreign.remove(w);
                    } else if (ownerGone && !workers.ownerAlive(w)) {
                        foreign.remove(w);
                        // as at start-up: an attempt the hosts run outlives the manager that was waiting for it
                        if (remote != null && w.attempts > 0) {
                            reattach(w);
                        } else {
                            interrupt(w);
                        }
                    }
                }
            } catch (RuntimeException e) {
                Log.error("following worker " + w.id + " failed", e);
            }
        }
    }

    private void refresh(WorkerRecord w, WorkerRecord disk) {
        synchronized (w) {
            if (disk.seq <= w.seq && disk.state == w.state) {
                return;
            }
            long before = w.seq;
            w.refreshFrom(disk);
            workers.publish(w);
            for (com.fasterxml.jackson.databind.JsonNode event : workers.events(w, before - 1, Integer.MAX_VALUE)) {
                if (event instanceof ObjectNode relayed) {
                    background.publish(relayed);
                }
            }
            w.notifyAll();
        }
    }

    /** Caller holds the monitor. */
    private void interrupt(WorkerRecord w) {
        long previousOwner = w.ownerPid;
        Classification interrupted = Classification.of(FailureClass.TRANSIENT, "interrupted",
                "the worker manager (pid " + previousOwner + ") stopped while this worker was running");
        w.failure = new Failure(FailureClass.TRANSIENT, interrupted.evidence(), interrupted.summary(), true);
        w.recovering = null;
        workers.emit(w, WorkerEventKind.INTERRUPTED, new WorkerEventPayload.Interrupted(w.failure.summary(), previousOwner),
                background);
        workers.transition(w, WorkerState.FAILED,
                Transition.because(w.failure.summary()).failed(FailureClass.TRANSIENT, true), background);
    }

    /** EOF: let running workers reach an end; each attempt is bounded by its timeout and retries by their recipes. */
    public void finish() {
        for (WorkerRecord w : workers.all()) {
            synchronized (w) {
                while (w.state == WorkerState.RUNNING) {
                    try {
                        w.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
        shutdown();
    }

    /** SIGTERM: stop every running worker's process tree (TERM, then KILL after the grace) and record it cancelled. */
    public void terminate() {
        List<WorkerRecord> stopping = new ArrayList<>();
        List<CancelToken> tokens = new ArrayList<>();
        for (WorkerRecord w : workers.all()) {
            synchronized (w) {
                if (w.state == WorkerState.RUNNING && workers.ownedHere(w)) {
                    w.token.mark();
                    tokens.add(w.token);
                    if (w.pendingRetry != null) {
                        w.pendingRetry.cancel(false);
                    }
                    stopping.add(w);
                }
            }
        }
        stopAll(tokens);
        for (WorkerRecord w : stopping) {
            synchronized (w) {
                if (w.state == WorkerState.RUNNING) {
                    workers.transition(w, WorkerState.CANCELLED,
                            Transition.because("the worker manager was stopped (SIGTERM)"), background);
                }
            }
        }
        shutdown();
    }

    /** Kills several attempts' trees at once, sharing one grace period. */
    private void stopAll(List<CancelToken> tokens) {
        List<Thread> threads = new ArrayList<>();
        for (CancelToken token : tokens) {
            Thread t = new Thread(token::stop, "stop-attempt");
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            try {
                t.join(settings.grace().toMillis() + 5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void shutdown() {
        timers.shutdownNow();
        pool.shutdown();
        try {
            pool.awaitTermination(settings.grace().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pool.shutdownNow();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
