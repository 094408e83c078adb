package dev.harness.api.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.harness.api.Wire;
import dev.harness.api.WireName;
import java.util.Optional;

/**
 * The orchestrator's own event kinds (run-event.schema.json#/$defs/kind) and the record each
 * binds to. Relayed worker events keep their worker kind ({@link dev.harness.api.worker.WorkerEventKind}).
 */
public enum RunEventKind implements WireName {
    RUN_STARTED("run_started", RunEvent.RunStarted.class),
    PLAN_CREATED("plan_created", RunEvent.PlanCreated.class),
    GATE_APPROVAL_REQUESTED("gate_approval_requested", RunEvent.GateApprovalRequested.class),
    GATE_APPROVED("gate_approved", RunEvent.GateApproved.class),
    GATE_REJECTED("gate_rejected", RunEvent.GateRejected.class),
    GATE_MODIFIED("gate_modified", RunEvent.GateModified.class),
    BOOTSTRAP_PHASE_STARTED("bootstrap_phase_started", RunEvent.BootstrapPhaseStarted.class),
    BOOTSTRAP_PHASE_COMPLETED("bootstrap_phase_completed", RunEvent.BootstrapPhaseCompleted.class),
    TASK_STARTED("task_started", RunEvent.TaskStarted.class),
    TASK_COMPLETED("task_completed", RunEvent.TaskCompleted.class),
    TASK_FAILED("task_failed", RunEvent.TaskFailed.class),
    TASK_SKIPPED("task_skipped", RunEvent.TaskSkipped.class),
    DECISION_RECORDED("decision_recorded", RunEvent.DecisionRecorded.class),
    RUN_PAUSED("run_paused", RunEvent.RunPaused.class),
    RUN_RESUMED("run_resumed", RunEvent.RunResumed.class),
    RUN_INTERRUPTED("run_interrupted", RunEvent.RunInterrupted.class),
    LOG_REPAIRED("log_repaired", RunEvent.LogRepaired.class),
    WORKER_EVENTS_UNAVAILABLE("worker_events_unavailable", RunEvent.WorkerEventsUnavailable.class),
    EXECUTION_COMPLETE("execution_complete", RunEvent.ExecutionComplete.class),
    RUN_COMPLETED("run_completed", RunEvent.RunCompleted.class),
    WORKTREE_PREPARED("worktree_prepared", RunEvent.WorktreePrepared.class),
    SETUP_FAILED("setup_failed", RunEvent.SetupFailed.class),
    MERGE_STARTED("merge_started", RunEvent.MergeStarted.class),
    MERGE_COMPLETED("merge_completed", RunEvent.MergeCompleted.class),
    MERGE_CONFLICT("merge_conflict", RunEvent.MergeConflict.class),
    INTEGRATION_COMPLETED("integration_completed", RunEvent.IntegrationCompleted.class),
    APPLY_COMPLETED("apply_completed", RunEvent.ApplyCompleted.class),
    WORKTREE_REMOVED("worktree_removed", RunEvent.WorktreeRemoved.class),
    CLEAN_COMPLETED("clean_completed", RunEvent.CleanCompleted.class),
    NOTIFICATION_SENT("notification_sent", RunEvent.NotificationSent.class),
    NOTIFICATION_FAILED("notification_failed", RunEvent.NotificationFailed.class);

    private final String wire;
    private final Class<? extends RunEvent> type;

    RunEventKind(String wire, Class<? extends RunEvent> type) {
        this.wire = wire;
        this.type = type;
    }

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    /** The record a line of this kind binds to. */
    public Class<? extends RunEvent> type() {
        return type;
    }

    @JsonCreator
    public static RunEventKind fromWire(String name) {
        return Wire.parse(RunEventKind.class, name);
    }

    public static Optional<RunEventKind> find(String name) {
        return Wire.find(RunEventKind.class, name);
    }

    @Override
    public String toString() {
        return wire;
    }
}
