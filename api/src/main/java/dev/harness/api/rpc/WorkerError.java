package dev.harness.api.rpc;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.harness.api.Wire;
import dev.harness.api.WireName;
import java.util.Optional;

/** The domain errors worker-manager declares (contracts/worker-manager.contract.yaml errors). */
public enum WorkerError implements WireName {
    UNKNOWN_WORKER("unknown_worker"),
    ILLEGAL_TRANSITION("illegal_transition"),
    TRUST_DENIED("trust_denied"),
    SCOPE_OUTSIDE_WORKSPACE("scope_outside_workspace"),
    WORKSPACE_NOT_FOUND("workspace_not_found"),
    NO_ESCALATION_PENDING("no_escalation_pending"),
    RETRY_NOT_ALLOWED("retry_not_allowed");

    private final String wire;

    WorkerError(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    /** @throws IllegalArgumentException for a name that is not one of the wire names */
    @JsonCreator
    public static WorkerError fromWire(String name) {
        return Wire.parse(WorkerError.class, name);
    }

    public static Optional<WorkerError> find(String name) {
        return Wire.find(WorkerError.class, name);
    }

    @Override
    public String toString() {
        return wire;
    }
}
