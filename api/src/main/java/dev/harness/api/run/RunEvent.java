package dev.harness.api.run;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.api.bootstrap.Phase;
import dev.harness.api.plan.TaskPacket;
import dev.harness.api.worker.ApprovalSource;
import dev.harness.api.worker.Decision;
import dev.harness.api.worker.FailureClass;
import dev.harness.api.worker.WorkerEvent;
import dev.harness.api.worker.WorkerEventKind;
import dev.harness.api.worker.WorkerEventPayload;
import dev.harness.api.worker.WorkerState;
import dev.harness.protocol.Json;
import java.util.List;

/**
 * What one line of a run's events.jsonl says, one record per kind (schemas/run-event.schema.json).
 * The fields every line has (seq, time, run_id) are the log's, not the event's: see
 * {@link LoggedEvent}. The orchestrator's own kinds are records here; events relayed from the
 * worker manager are wrapped in {@link WorkerEventRelayed}, so the orchestrator's
 * {@code decision_recorded} and the worker's one of the same name are different types (on disk
 * the relayed one carries {@code worker_event_id}, as it always has).
 *
 * <p>Fields follow the order the orchestrator has always written them in; absent optional fields
 * are not written.
 */
public sealed interface RunEvent {

    /** The kind written on disk. */
    String kind();

    /** The task the event belongs to, or null. */
    default String taskId() {
        return null;
    }

    /** The worker the event belongs to, or null. */
    default String workerId() {
        return null;
    }


    /**
     * One method per kind: a reducer implements it and the compiler names any kind it forgets
     * (Java 17 has no pattern switch over a sealed type; this is its checked equivalent).
     */
    interface Visitor<R> {
        R runStarted(RunStarted event);

        R planCreated(PlanCreated event);

        R gateApprovalRequested(GateApprovalRequested event);

        R gateApproved(GateApproved event);

        R gateRejected(GateRejected event);

        R gateModified(GateModified event);

        R bootstrapPhaseStarted(BootstrapPhaseStarted event);

        R bootstrapPhaseCompleted(BootstrapPhaseCompleted event);

        R taskStarted(TaskStarted event);

        R taskCompleted(TaskCompleted event);

        R taskFailed(TaskFailed event);

        R taskSkipped(TaskSkipped event);

        R decisionRecorded(DecisionRecorded event);

        R runPaused(RunPaused event);

        R runResumed(RunResumed event);

        R runInterrupted(RunInterrupted event);

        R logRepaired(LogRepaired event);

        R workerEventsUnavailable(WorkerEventsUnavailable event);

        R executionComplete(ExecutionComplete event);

        R runCompleted(RunCompleted event);

        R worktreePrepared(WorktreePrepared event);

        R setupFailed(SetupFailed event);

        R mergeStarted(MergeStarted event);

        R mergeCompleted(MergeCompleted event);

        R mergeConflict(MergeConflict event);

        R integrationCompleted(IntegrationCompleted event);

        R applyCompleted(ApplyCompleted event);

        R worktreeRemoved(WorktreeRemoved event);

        R cleanCompleted(CleanCompleted event);

        R notificationSent(NotificationSent event);

        R notificationFailed(NotificationFailed event);

        R workerEventRelayed(WorkerEventRelayed event);

        R unknown(Unknown event);
    }

    /** Calls the visitor's method for this event's record. */
    <R> R accept(Visitor<R> visitor);

    // ---- the run ----

    /** @param options how the run was asked to go (jobs, agent, keep_going, keep_worktrees, setup): a resume keeps them */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RunStarted(String objective, String workspace, RunOptions options) implements RunEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.runStarted(this);
        }

        @Override
        public String kind() {
            return "run_started";
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RunOptions(Integer jobs, String agent, Boolean keepGoing, dev.harness.api.worker.Budget budget,
                      Boolean keepWorktrees, String setup) {
        public RunOptions(Integer jobs, String agent, Boolean keepGoing) {
            this(jobs, agent, keepGoing, null, null, null);
        }

        public RunOptions(Integer jobs, String agent, Boolean keepGoing, dev.harness.api.worker.Budget budget) {
            this(jobs, agent, keepGoing, budget, null, null);
        }
    }

    /**
     * The plan the run will execute once approved.
     *
     * @param packets the packets exactly as planned: the digest (and so every approval) covers
     *                these bytes, so they stay JSON; {@link #taskPackets()} is the typed view
     * @param digest  sha256 of the packets' canonical JSON
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PlanCreated(String planId, String objective, ArrayNode packets, List<String> warnings, String digest,
                       String planner) implements RunEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.planCreated(this);
        }

        public PlanCreated {
            packets = packets == null ? Json.array() : packets.deepCopy();
            warnings = warnings == null ? null : List.copyOf(warnings);
        }

        @Override
        public String kind() {
            return "plan_created";
        }

        public List<TaskPacket> taskPackets() {
            return RunEvents.packets(packets);
        }
    }

    /** A gate asked for approval (the plan gate; a trust gate names its task). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record GateApprovalRequested(Gate gate, String digest, String taskId) implements RunEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.gateApprovalRequested(this);
        }

        @Override
        public String kind() {
            return "gate_approval_requested";
        }
    }

    /**
     * A gate decision: approved, rejected or modified, with the same record as any approval
     * (who, how, the digest of what was decided on, why). The time is the line's time.
     */
    sealed interface GateDecision extends RunEvent {
        Gate gate();

        String digest();

        String approver();

        ApprovalSource source();

        String comment();

        /** A null gate (logs before gates were named) is the plan gate. */
        @JsonIgnore
        default boolean isPlanGate() {
            return gate() == null || gate() == Gate.PLAN;
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record GateApproved(Gate gate, String digest, String approver, ApprovalSource source, String comment,
                        String taskId) implements GateDecision {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.gateApproved(this);
        }

        @Override
        public String kind() {
            return "gate_approved";
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record GateRejected(Gate gate, String digest, String approver, ApprovalSource source, String comment,
                        String taskId) implements GateDecision {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.gateRejected(this);
        }

        @Override
        public String kind() {
            return "gate_rejected";
        }
    }

    /** The plan was changed at the gate (edited or refined): the new packets need a new approval. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record GateModified(Gate gate, String digest, String approver, ApprovalSource source, String comment,
                        String taskId, ArrayNode packets) implements GateDecision {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.gateModified(this);
        }

        public GateModified {
            packets = packets == null ? null : packets.deepCopy();
        }

        @Override
        public String kind() {
            return "gate_modified";
        }

        public List<TaskPacket> taskPackets() {
            return packets == null ? List.of() : RunEvents.packets(packets);
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record BootstrapPhaseStarted(Phase phase) implements RunEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.bootstrapPhaseStarted(this);
        }

        @Override
        public String kind() {
            return "bootstrap_phase_started";
        }
    }

    /** @param artifacts what the phase found (its own fields per phase) */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record BootstrapPhaseCompleted(Phase phase, boolean success, Boolean recorded, List<String> diagnostics,
                                   ObjectNode artifacts) implements RunEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.bootstrapPhaseCompleted(this);
        }

        public BootstrapPhaseCompleted {
            diagnostics = diagnostics == null ? null : List.copyOf(diagnostics);
            artifacts = artifacts == null ? null : artifacts.deepCopy();
        }

        @Override
        public String kind() {
            return "bootstrap_phase_completed";
        }
    }

    // ---- tasks ----

    /** @param attempt the task's attempt number (1 for the first) */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TaskStarted(String taskId, String workerId, Integer attempt) implements RunEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.taskStarted(this);
        }

        @Override
        public String kind() {
            return "task_started";
        }
    }

    /** @param branch, commit where the task's verified work is, when it committed */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TaskCompleted(String taskId, String workerId, Long durationMs, String branch, String commit,
            TaskVerification verification) implements RunEvent {
        /** Without a verification: as logs written before it was recorded read. */
        public TaskCompleted(String taskId, String workerId, Long durationMs, String branch, String commit) {
            this(taskId, workerId, durationMs, branch, commit, null);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.taskCompleted(this);
        }

        @Override
        public String kind() {
            return "task_completed";
        }
    }

    /** @param escalationRequired the task waits for a person's decision (retry, skip or abort) */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TaskFailed(String taskId, String workerId, FailureClass failureClass, String reason,
                      Boolean escalationRequired) implements RunEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.taskFailed(this);
        }

        @Override
        public String kind() {
            return "task_failed";
        }

        public boolean awaitsDecision() {
            return Boolean.TRUE.equals(escalationRequired);
        }
    }

    /** @param cause dependency (runs again when the dependency does), decision or policy (stands) */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TaskSkipped(String taskId, String reason, SkipCause cause) implements RunEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.taskSkipped(this);
        }

        @Override
        public String kind() {
            return "task_skipped";
        }
    }

    /**
     * The orchestrator's record of a decision on an escalated task (the worker manager logs its own, relayed).
     *
     * @param failureClass what the decision answered, when the orchestrator escalated it itself (merge_conflict)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DecisionRecorded(String taskId, String workerId, Decision decision, String approver, ApprovalSource source,
                            FailureClass failureClass, String comment) implements RunEvent {
        /** A decision on a worker's escalation (the worker manager knows its failure class). */
        public DecisionRecorded(String taskId, String workerId, Decision decision, String approver, ApprovalSource source,
                                String comment) {
            this(taskId, workerId, decision, approver, source, null, comment);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.decisionRecorded(this);
        }

        @Override
        public String kind() {
            return "decision_recorded";
        }
    }

    // ---- stopping and going on ----

    /** The run stopped to wait for a person; task_id names the task a trust or decision pause is about. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RunPaused(PauseStatus status, String reason, String taskId) implements RunEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.runPaused(this);
        }

        @Override
        public String kind() {
            return "run_paused";
        }
    }

    /**
     * @param fromStatus where the run stood when it was resumed
     * @param budget     the run's budget from here on, when the resume changed it (--budget-usd/--budget-tokens)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RunResumed(RunStatus fromStatus, List<String> tasksToRun, Decision decision, dev.harness.api.worker.Budget budget)
            implements RunEvent {
        public RunResumed(RunStatus fromStatus, List<String> tasksToRun, Decision decision) {
            this(fromStatus, tasksToRun, decision, null);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.runResumed(this);
        }

        public RunResumed {
            tasksToRun = tasksToRun == null ? null : List.copyOf(tasksToRun);
        }

        @Override
        public String kind() {
            return "run_resumed";
        }
    }

    /** The orchestrator was stopped by a signal (SIGINT, SIGTERM) and wrote this on its way out. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RunInterrupted(String signal, String reason, List<String> runningTasks) implements RunEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.runInterrupted(this);
        }

        public RunInterrupted {
            runningTasks = runningTasks == null ? null : List.copyOf(runningTasks);
        }

        @Override
        public String kind() {
            return "run_interrupted";
        }
    }

    /** A torn last line (the writer killed mid-write) was set aside when the log was reopened. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record LogRepaired(long line, int droppedCharacters, String savedTo) implements RunEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.logRepaired(this);
        }

        @Override
        public String kind() {
            return "log_repaired";
        }
    }

    /**
     * On resume the worker manager could not give the events of a worker the log knows (it no
     * longer knows the worker): what the log holds for it may stop short of what the worker did.
     *
     * @param lastWorkerEventId the last of the worker's events the log holds
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record WorkerEventsUnavailable(String taskId, String workerId, String lastWorkerEventId, String reason)
            implements RunEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.workerEventsUnavailable(this);
        }

        @Override
        public String kind() {
            return "worker_events_unavailable";
        }
    }

    /** Every task ran (or could not): the counts and how the execution ended. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ExecutionComplete(int completed, int failed, int skipped, RunOutcome status) implements RunEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.executionComplete(this);
        }

        @Override
        public String kind() {
            return "execution_complete";
        }
    }

    /** The run is over (after integration, when there is one): its final status. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RunCompleted(RunOutcome status, Integer completed, Integer failed, Integer skipped, String reason)
            implements RunEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.runCompleted(this);
        }

        public RunCompleted {
            if (status == null) {
                throw new IllegalArgumentException("run_completed needs a status");
            }
        }

        @Override
        public String kind() {
            return "run_completed";
        }
    }

    // ---- worktrees and integration ----

    /** A task's worktree is ready (dependencies installed or the setup command ran). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record WorktreePrepared(String taskId, String workerId, String worktree, String branch, String setupCommand,
                            Long durationMs) implements RunEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.worktreePrepared(this);
        }

        @Override
        public String kind() {
            return "worktree_prepared";
        }
    }

    /** Preparing a task's worktree failed (the setup command's exit code and output tail). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SetupFailed(String taskId, String workerId, String command, Integer exitCode, String reason,
                       String outputTail) implements RunEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.setupFailed(this);
        }

        @Override
        public String kind() {
            return "setup_failed";
        }
    }

    /**
     * Journaled before a task's branch is merged onto the integration branch, so a run killed
     * mid-merge knows where the branch stood.
     *
     * @param target the integration branch (harness/run-&lt;run_id&gt;)
     * @param commit the task's verified commit being merged
     * @param base   the commit the run's tasks started from
     * @param tip    the integration branch's tip before this merge
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MergeStarted(String taskId, String target, String branch, String commit, String base, String tip)
            implements RunEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.mergeStarted(this);
        }

        @Override
        public String kind() {
            return "merge_started";
        }
    }

    /**
     * @param result the integration branch's tip after the merge
     * @param how    how the task's commit got there
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MergeCompleted(String taskId, String target, String branch, String commit, String result, MergeMethod how)
            implements RunEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.mergeCompleted(this);
        }

        @Override
        public String kind() {
            return "merge_completed";
        }
    }

    /**
     * Merging a task's branch conflicts: the task goes back to its agent (failure class merge_conflict).
     *
     * @param tip   the integration branch's tip the merge was tried on
     * @param files the conflicting files
     * @param sides both sides of each conflict, as the agent is shown them
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MergeConflict(String taskId, String target, String branch, String commit, String tip, List<String> files,
                         String sides) implements RunEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.mergeConflict(this);
        }

        public MergeConflict {
            files = files == null ? null : List.copyOf(files);
        }

        @Override
        public String kind() {
            return "merge_conflict";
        }
    }

    /**
     * Every committing task's branch is merged onto the integration branch and the whole passed.
     *
     * @param commit   the integration branch's tip (the same as tip)
     * @param merged   the tasks whose work is in it, in merge order
     * @param commits  how many commits lie between base and tip
     * @param diffstat git's --shortstat of base..tip
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record IntegrationCompleted(String branch, String commit, String base, String tip, List<String> merged,
                                Integer commits, String diffstat) implements RunEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.integrationCompleted(this);
        }

        public IntegrationCompleted {
            merged = merged == null ? null : List.copyOf(merged);
        }

        @Override
        public String kind() {
            return "integration_completed";
        }
    }

    /**
     * The person took the run's result into their checkout ({@code apply}).
     *
     * @param branch       the run's integration branch
     * @param commit       the commit their branch points at afterwards (the same as to)
     * @param how          fast_forward, merge or squash
     * @param targetBranch the person's branch
     * @param from         its commit before
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ApplyCompleted(String branch, String commit, String how, String targetBranch, String from, String to)
            implements RunEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.applyCompleted(this);
        }

        @Override
        public String kind() {
            return "apply_completed";
        }
    }

    /** A task's worktree was removed (its work is integrated; --keep-worktrees keeps them). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record WorktreeRemoved(String taskId, String worktree) implements RunEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.worktreeRemoved(this);
        }

        @Override
        public String kind() {
            return "worktree_removed";
        }
    }

    /**
     * {@code clean} removed what it could.
     *
     * @param kept what it kept, each with why
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CleanCompleted(List<String> removedWorktrees, List<String> deletedBranches, List<String> kept, Boolean forced)
            implements RunEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.cleanCompleted(this);
        }

        public CleanCompleted {
            removedWorktrees = removedWorktrees == null ? null : List.copyOf(removedWorktrees);
            deletedBranches = deletedBranches == null ? null : List.copyOf(deletedBranches);
            kept = kept == null ? null : List.copyOf(kept);
        }

        @Override
        public String kind() {
            return "clean_completed";
        }
    }

    // ---- notifications (--notify) ----

    /**
     * A notifier ran and exited 0.
     *
     * @param notification the kind of the event it was told about (run_paused, run_completed, ...)
     * @param status       the run's status then
     * @param triggerSeq   the seq of that event
     * @param command      the notifier (its program only, secrets redacted)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record NotificationSent(String notification, String status, Long triggerSeq, String command, Long durationMs)
            implements RunEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.notificationSent(this);
        }

        @Override
        public String kind() {
            return "notification_sent";
        }
    }

    /**
     * A notifier failed, timed out or could not start; the run went on.
     *
     * @param exitCode   its exit code, when it exited
     * @param outputTail the end of what it printed (secrets redacted)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record NotificationFailed(String notification, String status, Long triggerSeq, String command, Long durationMs,
                              String reason, Integer exitCode, String outputTail) implements RunEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.notificationFailed(this);
        }

        @Override
        public String kind() {
            return "notification_failed";
        }
    }

    // ---- relayed and unknown ----

    /**
     * A worker manager's worker_event, relayed into the run's log as it arrived. On disk its kind
     * is the worker event's kind and it carries {@code worker_event_id}, the worker's own id of
     * the event: that is what sets it apart from the orchestrator's kinds of the same name.
     *
     * @param payload the worker event's payload, unchanged; {@link #details()} is its typed view
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record WorkerEventRelayed(@JsonIgnore WorkerEventKind workerKind, String taskId, String workerId,
                              String workerEventId, WorkerState state, Integer attempt, ObjectNode payload)
            implements RunEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.workerEventRelayed(this);
        }

        public WorkerEventRelayed {
            if (workerKind == null) {
                throw new IllegalArgumentException("a relayed worker event has a kind");
            }
            payload = payload == null ? Json.object() : payload.deepCopy();
        }

        /** The log's record of a worker_event notification. */
        public static WorkerEventRelayed of(WorkerEvent event) {
            return new WorkerEventRelayed(event.kind(), event.taskId(), event.workerId(), event.eventId(),
                    event.state(), event.attempt(), event.payload());
        }

        @Override
        public String kind() {
            return workerKind.wire();
        }

        public WorkerEventPayload details() {
            return WorkerEventPayload.of(workerKind, payload);
        }
    }

    /** A kind this version does not know (a newer orchestrator wrote it): kept, never interpreted. */
    record Unknown(String kind, ObjectNode fields) implements RunEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.unknown(this);
        }

        public Unknown {
            fields = fields == null ? Json.object() : fields.deepCopy();
        }

        @Override
        public String taskId() {
            return fields.path("task_id").isTextual() ? fields.get("task_id").asText() : null;
        }

        @Override
        public String workerId() {
            return fields.path("worker_id").isTextual() ? fields.get("worker_id").asText() : null;
        }
    }

    /** Package-private helpers of the records above. */
    final class RunEvents {
        private RunEvents() {}

        static List<TaskPacket> packets(ArrayNode packets) {
            return TaskPacket.listOf(packets);
        }
    }
}
