package dev.harness.api.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.api.DirectFields;
import dev.harness.api.bootstrap.Phase;
import dev.harness.api.worker.ApprovalSource;
import dev.harness.api.worker.Budget;
import dev.harness.api.worker.Decision;
import dev.harness.api.worker.FailureClass;

/**
 * The orchestrator's event records read straight from a line's JSON object, without databind
 * (issue 15: binding ~10 record types with databind on a first read of a log cost as much as all
 * the rest of the read). {@link #decode} gives null whenever a field is not one it reads exactly
 * as databind does ({@link DirectFields}); {@link RunEventCodec} then binds the line with databind,
 * so a log reads to the same records, and a malformed one fails with the same message, as before.
 * RunEventDecodersTest holds each kind to its databind result.
 */
final class RunEventDecoders {
    private RunEventDecoders() {}

    /** The event, or null: bind the line with databind. */
    static RunEvent decode(RunEventKind kind, ObjectNode line) {
        try {
            return read(kind, DirectFields.of(line));
        } catch (RuntimeException mismatchOrRefused) {
            // a Mismatch, or a record refusing its values (a budget of 0): databind gives the answer
            // and the message a log has always had
            return null;
        }
    }

    private static RunEvent read(RunEventKind kind, DirectFields f) {
        return switch (kind) {
            case RUN_STARTED -> new RunEvent.RunStarted(f.text("objective"), f.text("workspace"),
                    f.nested("options", RunEventDecoders::options));
            case PLAN_CREATED -> new RunEvent.PlanCreated(f.text("plan_id"), f.text("objective"), f.array("packets"),
                    f.texts("warnings"), f.text("digest"), f.text("planner"));
            case GATE_APPROVAL_REQUESTED -> new RunEvent.GateApprovalRequested(f.wire("gate", Gate.class),
                    f.text("digest"), f.text("task_id"));
            case GATE_APPROVED -> new RunEvent.GateApproved(f.wire("gate", Gate.class), f.text("digest"),
                    f.text("approver"), f.wire("source", ApprovalSource.class), f.text("comment"), f.text("task_id"));
            case GATE_REJECTED -> new RunEvent.GateRejected(f.wire("gate", Gate.class), f.text("digest"),
                    f.text("approver"), f.wire("source", ApprovalSource.class), f.text("comment"), f.text("task_id"));
            case GATE_MODIFIED -> new RunEvent.GateModified(f.wire("gate", Gate.class), f.text("digest"),
                    f.text("approver"), f.wire("source", ApprovalSource.class), f.text("comment"), f.text("task_id"),
                    f.array("packets"));
            case BOOTSTRAP_PHASE_STARTED -> new RunEvent.BootstrapPhaseStarted(f.wire("phase", Phase.class));
            case BOOTSTRAP_PHASE_COMPLETED -> new RunEvent.BootstrapPhaseCompleted(f.wire("phase", Phase.class),
                    f.requiredBool("success"), f.bool("recorded"), f.texts("diagnostics"), f.object("artifacts"));
            case TASK_STARTED -> new RunEvent.TaskStarted(f.text("task_id"), f.text("worker_id"), f.integer("attempt"));
            case TASK_COMPLETED -> new RunEvent.TaskCompleted(f.text("task_id"), f.text("worker_id"),
                    f.longInteger("duration_ms"), f.text("branch"), f.text("commit"),
                    f.wire("verification", TaskVerification.class));
            case TASK_FAILED -> new RunEvent.TaskFailed(f.text("task_id"), f.text("worker_id"),
                    f.wire("failure_class", FailureClass.class), f.text("reason"), f.bool("escalation_required"));
            case TASK_SKIPPED -> new RunEvent.TaskSkipped(f.text("task_id"), f.text("reason"),
                    f.wire("cause", SkipCause.class));
            case DECISION_RECORDED -> new RunEvent.DecisionRecorded(f.text("task_id"), f.text("worker_id"),
                    f.wire("decision", Decision.class), f.text("approver"), f.wire("source", ApprovalSource.class),
                    f.wire("failure_class", FailureClass.class), f.text("comment"));
            case RUN_PAUSED -> new RunEvent.RunPaused(f.wire("status", PauseStatus.class), f.text("reason"),
                    f.text("task_id"));
            case RUN_RESUMED -> new RunEvent.RunResumed(f.wire("from_status", RunStatus.class), f.texts("tasks_to_run"),
                    f.wire("decision", Decision.class), f.nested("budget", RunEventDecoders::budget));
            case RUN_INTERRUPTED -> new RunEvent.RunInterrupted(f.text("signal"), f.text("reason"),
                    f.texts("running_tasks"));
            case LOG_REPAIRED -> new RunEvent.LogRepaired(f.requiredLong("line"), f.requiredInt("dropped_characters"),
                    f.text("saved_to"));
            case WORKER_EVENTS_UNAVAILABLE -> new RunEvent.WorkerEventsUnavailable(f.text("task_id"),
                    f.text("worker_id"), f.text("last_worker_event_id"), f.text("reason"));
            case EXECUTION_COMPLETE -> new RunEvent.ExecutionComplete(f.requiredInt("completed"),
                    f.requiredInt("failed"), f.requiredInt("skipped"), f.wire("status", RunOutcome.class));
            case RUN_COMPLETED -> new RunEvent.RunCompleted(f.wire("status", RunOutcome.class), f.integer("completed"),
                    f.integer("failed"), f.integer("skipped"), f.text("reason"));
            case WORKTREE_PREPARED -> new RunEvent.WorktreePrepared(f.text("task_id"), f.text("worker_id"),
                    f.text("worktree"), f.text("branch"), f.text("setup_command"), f.longInteger("duration_ms"));
            case SETUP_FAILED -> new RunEvent.SetupFailed(f.text("task_id"), f.text("worker_id"), f.text("command"),
                    f.integer("exit_code"), f.text("reason"), f.text("output_tail"));
            case MERGE_STARTED -> new RunEvent.MergeStarted(f.text("task_id"), f.text("target"), f.text("branch"),
                    f.text("commit"), f.text("base"), f.text("tip"));
            case MERGE_COMPLETED -> new RunEvent.MergeCompleted(f.text("task_id"), f.text("target"), f.text("branch"),
                    f.text("commit"), f.text("result"), f.wire("how", MergeMethod.class));
            case MERGE_CONFLICT -> new RunEvent.MergeConflict(f.text("task_id"), f.text("target"), f.text("branch"),
                    f.text("commit"), f.text("tip"), f.texts("files"), f.text("sides"));
            case INTEGRATION_COMPLETED -> new RunEvent.IntegrationCompleted(f.text("branch"), f.text("commit"),
                    f.text("base"), f.text("tip"), f.texts("merged"), f.integer("commits"), f.text("diffstat"));
            case APPLY_COMPLETED -> new RunEvent.ApplyCompleted(f.text("branch"), f.text("commit"), f.text("how"),
                    f.text("target_branch"), f.text("from"), f.text("to"));
            case WORKTREE_REMOVED -> new RunEvent.WorktreeRemoved(f.text("task_id"), f.text("worktree"));
            case CLEAN_COMPLETED -> new RunEvent.CleanCompleted(f.texts("removed_worktrees"), f.texts("deleted_branches"),
                    f.texts("kept"), f.bool("forced"));
            case NOTIFICATION_SENT -> new RunEvent.NotificationSent(f.text("notification"), f.text("status"),
                    f.longInteger("trigger_seq"), f.text("command"), f.longInteger("duration_ms"));
            case NOTIFICATION_FAILED -> new RunEvent.NotificationFailed(f.text("notification"), f.text("status"),
                    f.longInteger("trigger_seq"), f.text("command"), f.longInteger("duration_ms"), f.text("reason"),
                    f.integer("exit_code"), f.text("output_tail"));
        };
    }

    private static RunEvent.RunOptions options(DirectFields f) {
        return new RunEvent.RunOptions(f.integer("jobs"), f.text("agent"), f.bool("keep_going"),
                f.nested("budget", RunEventDecoders::budget), f.bool("keep_worktrees"), f.text("setup"));
    }

    private static Budget budget(DirectFields f) {
        return new Budget(f.decimal("usd"), f.longInteger("tokens"));
    }
}
