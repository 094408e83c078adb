package dev.harness.api.worker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.api.DirectFields;

/**
 * The worker events' payload records read straight from their JSON object, without databind
 * (issue 15: a first read of a run log binds them for the run's state and the events table, and
 * databind's per-type warm-up was most of that read's cost). {@link #decode} gives null whenever a
 * field is not one it reads exactly as databind does ({@link DirectFields}), and
 * {@link WorkerEventPayload#of} then binds the payload with databind: the same record, or the same
 * error, as before. WorkerPayloadDecodersTest holds each kind to its databind result.
 */
final class WorkerPayloadDecoders {
    private WorkerPayloadDecoders() {}

    /** The payload's record, or null: bind it with databind. */
    static WorkerEventPayload decode(WorkerEventKind kind, ObjectNode payload) {
        try {
            return read(kind, DirectFields.of(payload));
        } catch (RuntimeException mismatchOrRefused) {
            // a Mismatch, or a record refusing its values: databind gives the answer and its message
            return null;
        }
    }

    private static WorkerEventPayload read(WorkerEventKind kind, DirectFields f) {
        return switch (kind) {
            case SPAWNING -> new WorkerEventPayload.Spawning(f.text("workspace"), f.text("scope_path"), f.text("agent"),
                    f.text("packet_digest"), f.text("plan_id"));
            case TRUST_REQUIRED, READY_FOR_PROMPT, RUNNING, FINISHED, FAILED, CANCELLED -> stateChanged(f);
            case TRUST_RESOLVED -> new WorkerEventPayload.TrustResolved(f.text("approver"),
                    f.wire("source", ApprovalSource.class), f.text("time"), f.text("comment"), f.text("digest"),
                    f.text("root"), f.text("policy"));
            case TRUST_DENIED -> new WorkerEventPayload.TrustDenied(f.text("approver"),
                    f.wire("source", ApprovalSource.class), f.text("time"), f.text("reason"), f.text("root"),
                    f.text("comment"), f.text("digest"));
            case ATTEMPT_STARTED -> new WorkerEventPayload.AttemptStarted(f.integer("attempt"), f.text("agent"),
                    f.text("workdir"), f.text("log_dir"), f.bool("with_feedback"));
            case AGENT_EXITED -> new WorkerEventPayload.AgentExited(f.text("agent"), f.integer("exit_code"),
                    f.bool("timed_out"), f.longInteger("duration_ms"), f.text("start_error"), f.text("log"),
                    f.object("agent_result"), f.text("output_tail"), f.longInteger("output_bytes"),
                    f.bool("output_truncated"));
            case ACCEPTANCE_TEST_RESULT -> new WorkerEventPayload.AcceptanceTestResult(f.integer("index"),
                    f.text("command"), f.integer("exit_code"), f.bool("passed"), f.bool("timed_out"),
                    f.longInteger("duration_ms"), f.text("output_tail"), f.longInteger("output_bytes"),
                    f.bool("output_truncated"), f.text("log"));
            case COMMIT_CREATED -> new WorkerEventPayload.CommitCreated(f.text("branch"), f.text("worktree"),
                    f.text("commit"));
            case COMMIT_SKIPPED -> new WorkerEventPayload.CommitSkipped(f.text("reason"), f.text("branch"),
                    f.text("worktree"));
            case PERMISSION_REQUIRED -> new WorkerEventPayload.PermissionRequired(f.text("reason"),
                    f.nested("evidence", WorkerPayloadDecoders::evidence), f.text("hint"));
            case FAILURE_CLASSIFIED -> new WorkerEventPayload.FailureClassified(
                    f.wire("failure_class", FailureClass.class), f.nested("evidence", WorkerPayloadDecoders::evidence));
            case RECOVERY_ATTEMPTED -> new WorkerEventPayload.RecoveryAttempted(
                    f.wire("failure_class", FailureClass.class), f.wire("action", RecoveryAction.class),
                    f.integer("retry"), f.integer("max_retries"), f.integer("next_attempt"), f.longInteger("delay_ms"),
                    f.bool("with_feedback"));
            case RECOVERY_APPLIED -> new WorkerEventPayload.RecoveryApplied(f.wire("failure_class", FailureClass.class),
                    f.text("outcome"), f.wire("new_failure_class", FailureClass.class));
            case RECOVERY_ESCALATION -> new WorkerEventPayload.RecoveryEscalation(
                    f.wire("failure_class", FailureClass.class), f.text("reason"), f.text("summary"),
                    f.wires("allowed_decisions", Decision.class), f.integer("retries_left"),
                    f.text("escalation_policy"));
            case DECISION_RECORDED -> new WorkerEventPayload.DecisionRecorded(f.wire("decision", Decision.class),
                    f.text("approver"), f.wire("source", ApprovalSource.class), f.text("time"), f.text("comment"),
                    f.wire("failure_class", FailureClass.class), f.text("digest"), f.bool("trust_rechecked"),
                    f.integer("human_retry"), f.bool("beyond_recipe"), f.integer("next_attempt"));
            case INTERRUPTED -> new WorkerEventPayload.Interrupted(f.text("reason"), f.longInteger("previous_owner_pid"));
            case WORKTREE_CREATED -> new WorkerEventPayload.WorktreeCreated(f.text("worktree"), f.text("branch"),
                    f.text("base_commit"), f.text("start_commit"), f.texts("base_refs"));
            case WORKTREE_PREPARED -> new WorkerEventPayload.WorktreePrepared(f.text("worktree"), f.text("source"),
                    f.text("command"), f.integer("exit_code"), f.longInteger("duration_ms"), f.text("output_tail"));
            case SETUP_FAILED -> new WorkerEventPayload.SetupFailed(f.text("worktree"), f.text("source"),
                    f.text("command"), f.integer("exit_code"), f.longInteger("duration_ms"), f.text("output_tail"));
            case WORKTREE_RESET -> new WorkerEventPayload.WorktreeReset(f.text("worktree"), f.text("commit"));
            case USAGE_RECORDED -> new WorkerEventPayload.UsageRecorded(f.integer("attempt"), f.text("source"),
                    f.decimal("cost_usd"), f.longInteger("input_tokens"), f.longInteger("output_tokens"),
                    f.longInteger("cache_read_tokens"), f.longInteger("cache_creation_tokens"), f.integer("num_turns"),
                    f.bool("is_error"), f.integer("permission_denials"));
            case HOST_ASSIGNED -> new WorkerEventPayload.HostAssigned(f.text("host"), f.integer("host_attempt"),
                    f.text("task_queue"));
            case HOST_LOST -> new WorkerEventPayload.HostLost(f.text("host"), f.integer("host_attempt"),
                    f.text("reason"));
            case CHECKS_PLACED -> new WorkerEventPayload.ChecksPlaced(f.wire("placement", ChecksPlacement.class),
                    f.text("workdir"), f.text("directory"), f.text("reason"), f.integer("carried"), f.texts("linked"),
                    f.longInteger("duration_ms"));
        };
    }

    /** A state change; one carrying test evidence (a nested record of its own) is left to databind. */
    private static WorkerEventPayload.StateChanged stateChanged(DirectFields f) {
        if (f.node("test_evidence") != null) {
            return null;
        }
        return new WorkerEventPayload.StateChanged(f.wire("from", WorkerState.class), f.wire("to", WorkerState.class),
                f.text("reason"), f.wire("failure_class", FailureClass.class), f.bool("escalation_required"),
                f.wire("decision", Decision.class), f.integer("next_attempt"), f.longInteger("delay_ms"),
                f.integer("attempts"), f.text("commit"), f.text("branch"), f.wire("verification", Verification.class),
                f.integer("changed_count"), f.texts("changed_files"), null, f.bool("queued"), f.text("agent"));
    }

    private static Evidence evidence(DirectFields f) {
        return new Evidence(f.text("source"), f.text("detail"), f.integer("exit_code"), f.text("pattern"),
                f.text("line"), f.text("test"), f.text("output_tail"), f.integer("api_error_status"), f.text("event"),
                f.node("permission_denials"));
    }
}
