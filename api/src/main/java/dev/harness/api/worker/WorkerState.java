package dev.harness.api.worker;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.harness.api.Wire;
import dev.harness.api.WireName;
import java.util.Optional;

/** A worker's lifecycle state (worker-event.schema.json#/$defs/state). */
public enum WorkerState implements WireName {
    SPAWNING("spawning"),
    TRUST_REQUIRED("trust_required"),
    READY_FOR_PROMPT("ready_for_prompt"),
    RUNNING("running"),
    FINISHED("finished"),
    FAILED("failed"),
    CANCELLED("cancelled");

    private final String wire;

    WorkerState(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    /** @throws IllegalArgumentException for a name that is not one of the wire names */
    @JsonCreator
    public static WorkerState fromWire(String name) {
        return Wire.parse(WorkerState.class, name);
    }

    public static Optional<WorkerState> find(String name) {
        return Wire.find(WorkerState.class, name);
    }

    /** finished and cancelled never change again; failed may, while an escalation waits for a decision. */
    public boolean isFinal() {
        return this == FINISHED || this == CANCELLED;
    }

    /** The worker will do nothing more by itself. */
    public boolean isTerminal() {
        return this == FINISHED || this == FAILED || this == CANCELLED;
    }

    @Override
    public String toString() {
        return wire;
    }
}
