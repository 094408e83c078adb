package dev.harness.orchestrator.pipeline;

import dev.harness.api.rpc.WorkerError;
import dev.harness.api.rpc.WorkerMethods;
import dev.harness.api.plan.ApprovedPacket;
import dev.harness.api.plan.TaskPacket;
import dev.harness.api.worker.ApprovalSource;
import dev.harness.api.worker.Decision;
import dev.harness.api.worker.FailureClass;
import dev.harness.api.worker.WorkerSnapshot;
import dev.harness.api.worker.WorkerState;
import dev.harness.api.run.Gate;
import dev.harness.api.run.SkipCause;
import dev.harness.api.run.RunEvent;
import dev.harness.orchestrator.runlog.EventLogReader;
import dev.harness.orchestrator.runlog.RunState;
import dev.harness.orchestrator.runlog.TaskState;
import dev.harness.protocol.Json;
import dev.harness.protocol.RpcException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Drives one task's worker through the worker-manager: spawn → check_trust (covered by the run's
 * trust grant) → run_worker → wait_worker → (escalation → decision)… and records the task's own events.
 * A task that already has a worker (a resumed run) continues from the worker's current state.
 */
final class TaskRunner {
    private static final Duration CALL = Duration.ofSeconds(60);
    private static final long WAIT_SLICE_MS = 30_000;

    /** Where a task's turn begins: a new worker, or the worker a previous orchestrator left. */
    sealed interface Start {
        record Fresh(int attempt) implements Start {}

        record Existing(String workerId, int attempt) implements Start {}
    }

    private final RunContext ctx;
    private final DecisionGate decisions;
    private final RunDisplay progress;
    private final String planId;
    /** Why the orchestrator cancelled a worker (--timeout, abort): the snapshot does not say. */
    private final java.util.Map<String, String> cancelReasons = new java.util.concurrent.ConcurrentHashMap<>();

    private Optional<java.nio.file.Path> systemPrompt;

    /** The run's integration branch (null: nothing is committed, or no git). */
    private final dev.harness.orchestrator.integration.RunIntegration integration;

    TaskRunner(RunContext ctx, DecisionGate decisions, RunDisplay progress, String planId,
               dev.harness.orchestrator.integration.RunIntegration integration) {
        this.ctx = ctx;
        this.integration = integration;
        this.decisions = decisions;
        this.progress = progress;
        this.planId = planId;
    }

    TaskResult run(ApprovedPacket packet, Start start, BooleanSupplier aborting) {
        TaskPacket task = packet.task();
        String taskId = task.id();
        String title = task.displayTitle();
        Instant began = Instant.now();
        int attempt;
        WorkerSnapshot snapshot = null;
        boolean retryChosen = false; // a person's retry starts one attempt even with the budget spent
        String again = null; // why a resumed task starts another attempt, said on its "attempt N" line
        if (start instanceof Start.Existing existing) {
            attempt = existing.attempt();
            snapshot = existingWorker(existing.workerId());
            Optional<DecisionGate.Decision> applied = decisions.takeApplied(taskId);
            if (applied.isPresent() && snapshot != null) {
                // resume --decision, already accepted by the worker manager (and recorded) before the run changed
                switch (applied.get().decision()) {
                    case "skip" -> {
                        String why = "skipped by decision (cli_flag)";
                        skipped(taskId, title, why, "decision", began);
                        return new TaskResult.Skipped(why);
                    }
                    case "abort" -> {
                        failed(taskId, title, existing.workerId(), failureClass(snapshot), "aborted by decision", false, began);
                        return new TaskResult.Aborted(existing.workerId(), "aborted by decision");
                    }
                    default -> {
                        attempt++;
                        appendStarted(taskId, snapshot.workerId(), attempt);
                    }
                }
            }
            boolean waitsForDecision = snapshot != null && snapshot.state() == WorkerState.FAILED && snapshot.awaitsDecision();
            Optional<String> preset = waitsForDecision ? Optional.empty() : decisions.takePreset(taskId);
            retryChosen = preset.isPresent() && preset.get().equals("retry");
            if (preset.isPresent() && !preset.get().equals("retry")) {
                // the worker that escalated is gone (or no longer waits): the decision is applied here
                DecisionGate.Decision decision = new DecisionGate.Decision(preset.get(), "cli_flag", "resume --decision " + preset.get());
                recordDecision(taskId, existing.workerId(), decision);
                if (preset.get().equals("skip")) {
                    String why = "skipped by decision (cli_flag)";
                    skipped(taskId, title, why, "decision", began);
                    return new TaskResult.Skipped(why);
                }
                failed(taskId, title, existing.workerId(), "unknown", "aborted by decision", false, began);
                return new TaskResult.Aborted(existing.workerId(), "aborted by decision");
            }
            if (snapshot != null && (snapshot.state() == WorkerState.CANCELLED
                    || (snapshot.state() == WorkerState.FAILED && !snapshot.awaitsDecision()))) {
                // a task with no end event whose worker was cancelled: the run was interrupted under it
                again = snapshot.state() == WorkerState.CANCELLED ? "attempt " + attempt + " was interrupted" : null;
                snapshot = null; // that attempt is over; a new worker does the task again
                attempt++;
            }
            if (snapshot != null) {
                progress.resumed(taskId, title, snapshot.workerId(), snapshot.state().wire());
            }
        } else {
            attempt = ((Start.Fresh) start).attempt();
            // a decision on an escalation that had no worker (the budget was spent before one started)
            Optional<String> preset = decisions.takePreset(taskId);
            if (preset.isPresent()) {
                DecisionGate.Decision decision = new DecisionGate.Decision(preset.get(), "cli_flag", "resume --decision " + preset.get());
                recordDecision(taskId, null, decision);
                TaskResult ended = endedBy(decision, taskId, title, began);
                if (ended != null) {
                    return ended;
                }
                retryChosen = true;
            }
        }
        if (snapshot == null && integration != null && !task.dependencies().isEmpty()) {
            // a verifying task runs on the integrated whole: its dependencies' work is merged first
            Optional<String> blocked = integration.beforeVerifying(task, dependencyBranches(taskId));
            if (blocked.isPresent()) {
                // not skipped: it runs when the conflicting task has been redone
                ctx.log().append(new RunEvent.TaskSkipped(taskId, blocked.get(), SkipCause.POSTPONED));
                progress.postponed(taskId, title, blocked.get());
                return new TaskResult.Postponed(blocked.get());
            }
        }
        if (snapshot == null) {
            Optional<String> spent = retryChosen ? Optional.empty() : ctx.spend().exhausted(task);
            if (spent.isPresent()) {
                // never retried by itself: the person decides (retry: one more attempt anyway; or raise the budget on resume)
                String reason = spent.get() + "; no new attempt started";
                String budgetExceeded = FailureClass.BUDGET_EXCEEDED.wire();
                // the escalation is logged before anyone is asked (as the worker manager does for its own):
                // Ctrl-C at the prompt then leaves a run that resume --decision accepts
                logFailed(taskId, null, budgetExceeded, reason, true);
                Optional<DecisionGate.Decision> decision = decisions.decide(task, budgetExceeded, reason, null);
                if (decision.isEmpty()) {
                    progress.failed(taskId, title, Duration.between(began, Instant.now()), budgetExceeded, reason, true, null);
                    return new TaskResult.AwaitingDecision(null, budgetExceeded, reason);
                }
                recordDecision(taskId, null, decision.get());
                TaskResult ended = endedBy(decision.get(), taskId, title, began);
                if (ended != null) {
                    return ended;
                }
            }
            snapshot = spawn(packet, taskId, title, attempt);
        }
        String workerId = snapshot.workerId();
        ctx.interruption().running(workerId, reason -> cancel(workerId, reason));
        try {
            return drive(packet, taskId, title, workerId, snapshot, attempt, began, aborting, again);
        } finally {
            ctx.interruption().finished(workerId);
        }
    }

    private TaskResult drive(ApprovedPacket packet, String taskId, String title, String workerId, WorkerSnapshot snapshot,
                             int attempt, Instant began, BooleanSupplier aborting, String again) {
        boolean ranOnce = false;
        while (true) {
            if (aborting.getAsBoolean() && !snapshot.state().isTerminal()) {
                snapshot = cancel(workerId, stopReason());
            }
            if (ctx.interruption().requested() && snapshot.state() != WorkerState.FINISHED) {
                // cancelled (or killed with its service) because the orchestrator was interrupted: resume runs it again
                return new TaskResult.Interrupted(workerId);
            }
            switch (snapshot.state()) {
                case SPAWNING, TRUST_REQUIRED -> {
                    // the run's trust was resolved once before the bootstrap; the worker manager checks that the
                    // run's grant (or the policy) covers this very packet, so nothing is asked here
                    WorkerMethods.CheckTrustResult checked;
                    try {
                        checked = ctx.services().workers().call(WorkerMethods.CHECK_TRUST, new WorkerMethods.WorkerRef(workerId), CALL);
                    } catch (RpcException e) {
                        if (!e.is(WorkerError.TRUST_DENIED.wire())) {
                            throw e;
                        }
                        // the policy came to deny the workspace during the run: a refused gate, not a service failure
                        ctx.log().append(ctx.rejected(Gate.TRUST, packet.digest(), ApprovalSource.POLICY, e.getMessage(), taskId));
                        return failed(taskId, title, workerId, "permission", e.getMessage(), false, Instant.now());
                    }
                    if (checked.requiresApproval()) {
                        String reason = "the packet of task " + taskId + " (digest " + packet.digest()
                                + ") is not covered by the run's trust grant";
                        ctx.log().append(ctx.rejected(Gate.TRUST, packet.digest(), ApprovalSource.POLICY, reason, taskId));
                        return failed(taskId, title, workerId, "permission", reason, false, Instant.now());
                    }
                    // check_trust names the state it left the worker in: covered, it is ready, and run_worker
                    // needs nothing more of it (a get_worker here cost a round trip and every event's JSON a task)
                    snapshot = checked.state() == WorkerState.READY_FOR_PROMPT
                            ? WorkerSnapshot.spawned(workerId, WorkerState.READY_FOR_PROMPT, snapshot.taskPacket())
                            : get(workerId);
                }
                case READY_FOR_PROMPT -> {
                    if (!ranOnce) {
                        began = Instant.now(); // the task's time is its work, not a person's time at the trust gate
                        ranOnce = true;
                    }
                    ctx.services().workers().call(WorkerMethods.RUN_WORKER, new WorkerMethods.RunParams(workerId, null), CALL);
                    progress.running(taskId, title, workerId, attempt, again);
                    again = null; // a later attempt is a decision's, which says so itself
                    snapshot = waitFor(workerId, began, aborting);
                }
                case RUNNING -> snapshot = waitFor(workerId, began, aborting);
                case FINISHED -> {
                    return completed(taskId, title, snapshot, began, packet.task());
                }
                case FAILED -> {
                    String failureClass = failureClass(snapshot);
                    String reason = FailureReason.of(snapshot, ctx.lastFailure(workerId));
                    if (!snapshot.awaitsDecision()) {
                        return failed(taskId, title, workerId, failureClass, reason, false, began);
                    }
                    Optional<DecisionGate.Decision> decision = decisions.decide(packet.task(), failureClass, reason,
                            ctx.failingCheck(workerId).orElse(null));
                    if (decision.isEmpty()) {
                        failed(taskId, title, workerId, failureClass, reason, true, began);
                        return new TaskResult.AwaitingDecision(workerId, failureClass, reason);
                    }
                    try {
                        snapshot = decide(taskId, workerId, decision.get());
                    } catch (RpcException refused) {
                        if (!decision.get().source().equals("human_tty")) {
                            throw refused;
                        }
                        // nothing changed: the worker still waits, so the person is asked again
                        ctx.console().error("The worker manager refused '" + decision.get().decision() + "' for task " + taskId
                                + ": " + refused.getMessage() + " Nothing was changed; choose again.");
                        continue;
                    }
                    switch (decision.get().decision()) {
                        case "skip" -> {
                            String why = "skipped by decision (" + decision.get().source() + ") after " + failureClass + ": " + reason;
                            skipped(taskId, title, why, "decision", began);
                            return new TaskResult.Skipped(why);
                        }
                        case "abort" -> {
                            failed(taskId, title, workerId, failureClass, "aborted by decision after: " + reason, false, began);
                            return new TaskResult.Aborted(workerId, reason);
                        }
                        default -> {
                            attempt++;
                            began = Instant.now(); // a retried task gets its --timeout afresh
                            appendStarted(taskId, workerId, attempt);
                            if (snapshot.state() == WorkerState.FAILED) {
                                snapshot = get(workerId);
                            }
                        }
                    }
                }
                case CANCELLED -> {
                    String ours = cancelReasons.remove(workerId);
                    String reason = ours != null ? ours : FailureReason.of(snapshot, ctx.lastFailure(workerId));
                    return failed(taskId, title, workerId, "unknown", "cancelled: " + reason, false, began);
                }
            }
        }
    }

    /** A decision on a task that has no waiting worker: skip and abort end it here; retry (null) goes on. */
    private TaskResult endedBy(DecisionGate.Decision decision, String taskId, String title, Instant began) {
        switch (decision.decision()) {
            case "skip" -> {
                String why = "skipped by decision (" + decision.source() + ")";
                skipped(taskId, title, why, "decision", began);
                return new TaskResult.Skipped(why);
            }
            case "abort" -> {
                failed(taskId, title, null, FailureClass.BUDGET_EXCEEDED.wire(), "aborted by decision", false, began);
                return new TaskResult.Aborted(null, "aborted by decision");
            }
            default -> {
                return null;
            }
        }
    }

    private WorkerSnapshot existingWorker(String workerId) {
        try {
            return get(workerId);
        } catch (RpcException e) {
            ctx.console().warn("worker " + workerId + " is not known to worker-manager (" + e.getMessage()
                    + "); the task starts again with a new worker.");
            return null;
        }
    }

    /**
     * The branches holding the work this task builds on: each dependency's branch, or, for a
     * dependency that made none (it only verified), the branches it built on in turn. Read from
     * the run's log, so a resumed run gives the same answer.
     */
    private List<String> dependencyBranches(String taskId) {
        RunState state = RunState.rebuild(EventLogReader.readAll(ctx.log().path(), true));
        java.util.Map<String, TaskState> byId = new java.util.HashMap<>();
        state.tasks().forEach(t -> byId.put(t.id(), t));
        java.util.LinkedHashSet<String> branches = new java.util.LinkedHashSet<>();
        java.util.Deque<String> todo = new java.util.ArrayDeque<>(
                byId.containsKey(taskId) ? byId.get(taskId).dependsOn() : List.of());
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (!todo.isEmpty()) {
            TaskState dep = byId.get(todo.pop());
            if (dep == null || !seen.add(dep.id())) {
                continue;
            }
            if (dep.branch() != null) {
                branches.add(dep.branch());
            } else {
                todo.addAll(dep.dependsOn());
            }
        }
        return List.copyOf(branches);
    }

    private WorkerSnapshot spawn(ApprovedPacket packet, String taskId, String title, int attempt) {
        // Only an agent changes code (and gets a worktree to build on); the built-in worker verifies.
        List<String> baseRefs = "none".equals(ctx.settings().agent()) || packet.task().dependencies().isEmpty()
                ? List.of() : dependencyBranches(taskId);
        String feedback = null;
        if (integration != null) {
            baseRefs = integration.baseRefs(packet.task(), baseRefs);
            feedback = integration.feedback(taskId).orElse(null);
        }
        // the worker manager stops its own retries at these (and tells Claude what is left)
        dev.harness.api.worker.Budget taskLeft = ctx.spend().taskRemaining(packet.task());
        dev.harness.api.worker.Budget runLeft = ctx.spend().runRemaining();
        String systemPrompt = systemPrompt().filter(java.nio.file.Files::isRegularFile).map(Object::toString).orElse(null);
        // the packet goes as the approved JSON, never rebuilt from its record: the trust grant's digest covers it
        WorkerMethods.SpawnParams params = new WorkerMethods.SpawnParams(packet.json(),
                ctx.settings().workspace().toString(), ctx.settings().agent(), taskId, planId,
                baseRefs.isEmpty() ? null : baseRefs, ctx.dir().runId(), ctx.settings().setup(), feedback, systemPrompt,
                taskLeft.isNone() ? null : taskLeft, runLeft.isNone() ? null : runLeft);
        WorkerMethods.SpawnResult spawned = WorkerMethods.SPAWN_WORKER.readResult(ctx.services().workers()
                .call(WorkerMethods.SPAWN_WORKER.name(), WorkerMethods.SPAWN_WORKER.toParams(params), CALL));
        String workerId = spawned.workerId();
        appendStarted(taskId, workerId, attempt);
        progress.started(taskId, title, workerId);
        return WorkerSnapshot.spawned(workerId, spawned.state() == null ? WorkerState.SPAWNING : spawned.state(), packet.json());
    }

    /**
     * The bootstrap's system prompt, looked up in the log at the first spawn only: the bootstrap ran
     * before this runner was made, and reading the whole log per task made a long plan quadratic.
     */
    private synchronized Optional<java.nio.file.Path> systemPrompt() {
        if (systemPrompt == null) {
            systemPrompt = SystemPromptArtifact.of(EventLogReader.readAll(ctx.log().path(), true));
        }
        return systemPrompt;
    }

    private void appendStarted(String taskId, String workerId, int attempt) {
        ctx.log().append(new RunEvent.TaskStarted(taskId, workerId, attempt));
    }

    private WorkerSnapshot get(String workerId) {
        return ctx.services().workers().call(WorkerMethods.GET_WORKER, new WorkerMethods.WorkerRef(workerId), CALL);
    }

    private WorkerSnapshot cancel(String workerId, String reason) {
        cancelReasons.put(workerId, reason);
        try {
            return ctx.services().workers().call(WorkerMethods.CANCEL_WORKER, new WorkerMethods.CancelParams(workerId, reason), CALL);
        } catch (RpcException e) {
            return get(workerId); // it reached a terminal state on its own meanwhile
        }
    }

    private WorkerSnapshot decide(String taskId, String workerId, DecisionGate.Decision decision) {
        // the worker manager's own record names the real source (web, human_tty, cli_flag), not its default
        WorkerSnapshot result = ctx.services().workers().call(WorkerMethods.DECIDE, new WorkerMethods.DecideParams(workerId,
                Decision.fromWire(decision.decision()), ctx.approver(), decision.comment(), null,
                ctx.asGiven(ApprovalSource.fromWire(decision.source()))), CALL);
        recordDecision(taskId, workerId, decision);
        return result;
    }

    private void recordDecision(String taskId, String workerId, DecisionGate.Decision decision) {
        DecisionGate.record(ctx, taskId, workerId, decision);
    }

    private String stopReason() {
        return ctx.interruption().requested() ? ctx.interruption().reason() : "the run was aborted";
    }

    /** The snapshot's failure class as the run's lines and events name it ("unknown" when it has none). */
    private static String failureClass(WorkerSnapshot snapshot) {
        return (snapshot.failureClass() == null ? FailureClass.UNKNOWN : snapshot.failureClass()).wire();
    }

    /** Waits in slices (so a hung service is noticed and --timeout and abort are honoured). */
    private WorkerSnapshot waitFor(String workerId, Instant began, BooleanSupplier aborting) {
        Duration limit = ctx.settings().taskTimeout();
        while (true) {
            if (aborting.getAsBoolean()) {
                return cancel(workerId, stopReason());
            }
            long slice = WAIT_SLICE_MS;
            if (limit != null) {
                long left = limit.minus(Duration.between(began, Instant.now())).toMillis();
                if (left <= 0) {
                    return cancel(workerId, "the orchestrator's --timeout of " + limit.toSeconds() + "s passed");
                }
                slice = Math.min(slice, left);
            }
            WorkerSnapshot snapshot = ctx.services().workers().call(WorkerMethods.WAIT_WORKER,
                    new WorkerMethods.WaitParams(workerId, slice), Duration.ofMillis(slice).plus(CALL));
            if (!snapshot.hasTimedOut() && snapshot.state() != WorkerState.RUNNING) {
                return snapshot;
            }
        }
    }

    private TaskResult completed(String taskId, String title, WorkerSnapshot snapshot, Instant began, TaskPacket packet) {
        // wait_worker, cancel_worker, decide and get_worker answer the whole record (events aside, which
        // this does not read); only spawn_worker's answer is partial (no created_at)
        WorkerSnapshot full = snapshot.createdAt() == null ? safeGet(snapshot) : snapshot;
        long ms = Duration.between(began, Instant.now()).toMillis();
        dev.harness.api.run.TaskVerification verification =
                RunDisplay.verificationOf(ctx.settings().agent(), packet, full.verification());
        ctx.log().append(new RunEvent.TaskCompleted(taskId, snapshot.workerId(), ms, full.branch(), full.commit(),
                verification));
        if (integration != null && full.commit() != null) {
            integration.taskCompleted(); // its branch joins the integration branch now, not all at the end
        }
        progress.completed(taskId, title, Duration.ofMillis(ms), full.branch(), full.commit(),
                RunDisplay.completedWords(verification, full.testEvidence(), full.branch(), full.commit()));
        return new TaskResult.Completed(snapshot.workerId());
    }

    private WorkerSnapshot safeGet(WorkerSnapshot snapshot) {
        try {
            return get(snapshot.workerId());
        } catch (RuntimeException e) {
            return snapshot;
        }
    }

    private TaskResult failed(String taskId, String title, String workerId, String failureClass, String reason,
                              boolean escalation, Instant began) {
        logFailed(taskId, workerId, failureClass, reason, escalation);
        progress.failed(taskId, title, Duration.between(began, Instant.now()), failureClass, reason, escalation,
                ctx.failingCheck(workerId).orElse(null));
        return new TaskResult.Failed(workerId, failureClass, reason);
    }

    private void logFailed(String taskId, String workerId, String failureClass, String reason, boolean escalation) {
        ctx.log().append(new RunEvent.TaskFailed(taskId, workerId,
                failureClass == null ? null : FailureClass.fromWire(failureClass), reason, escalation));
    }

    private void skipped(String taskId, String title, String reason, String cause, Instant began) {
        ctx.log().append(new RunEvent.TaskSkipped(taskId, reason, SkipCause.fromWire(cause)));
        progress.skipped(taskId, title, reason);
    }
}
