package dev.harness.api.worker;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.harness.api.Wire;
import dev.harness.api.WireName;
import java.util.Optional;

/** Each kind of worker_event (worker-event.schema.json#/$defs/kind). The first seven are state transitions, named after the state entered. */
public enum WorkerEventKind implements WireName {
    SPAWNING("spawning"),
    TRUST_REQUIRED("trust_required"),
    READY_FOR_PROMPT("ready_for_prompt"),
    RUNNING("running"),
    FINISHED("finished"),
    FAILED("failed"),
    CANCELLED("cancelled"),
    TRUST_RESOLVED("trust_resolved"),
    TRUST_DENIED("trust_denied"),
    ATTEMPT_STARTED("attempt_started"),
    AGENT_EXITED("agent_exited"),
    ACCEPTANCE_TEST_RESULT("acceptance_test_result"),
    COMMIT_CREATED("commit_created"),
    PERMISSION_REQUIRED("permission_required"),
    FAILURE_CLASSIFIED("failure_classified"),
    RECOVERY_ATTEMPTED("recovery_attempted"),
    RECOVERY_APPLIED("recovery_applied"),
    RECOVERY_ESCALATION("recovery_escalation"),
    DECISION_RECORDED("decision_recorded"),
    INTERRUPTED("interrupted"),
    WORKTREE_CREATED("worktree_created"),
    WORKTREE_PREPARED("worktree_prepared"),
    SETUP_FAILED("setup_failed"),
    WORKTREE_RESET("worktree_reset"),
    COMMIT_SKIPPED("commit_skipped"),
    USAGE_RECORDED("usage_recorded"),
    HOST_ASSIGNED("host_assigned"),
    HOST_LOST("host_lost"),
    CHECKS_PLACED("checks_placed");

    private final String wire;

    WorkerEventKind(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    /** @throws IllegalArgumentException for a name that is not one of the wire names */
    @JsonCreator
    public static WorkerEventKind fromWire(String name) {
        return Wire.parse(WorkerEventKind.class, name);
    }

    public static Optional<WorkerEventKind> find(String name) {
        return Wire.find(WorkerEventKind.class, name);
    }

    /** The state this kind of event moves the worker into, when it is a transition. */
    public Optional<WorkerState> enters() {
        return WorkerState.find(wire);
    }

    @Override
    public String toString() {
        return wire;
    }
}
