package dev.harness.api.worker;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.harness.api.Wire;
import dev.harness.api.WireName;
import java.util.Optional;

/** The one failure-class enum of the suite (failure-scenario.schema.json#/$defs/failure_class; PIPELINE.md). */
public enum FailureClass implements WireName {
    TRANSIENT("transient"),
    PERMISSION("permission"),
    INVALID_INPUT("invalid_input"),
    LOGIC_ERROR("logic_error"),
    UNRECOVERABLE("unrecoverable"),
    UNKNOWN("unknown"),
    MERGE_CONFLICT("merge_conflict"),
    BUDGET_EXCEEDED("budget_exceeded"),
    /** A check cannot load a test dependency (module, package) the environment lacks: no edit of the agent helps. */
    MISSING_DEPENDENCY("missing_dependency");

    private final String wire;

    FailureClass(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    /** @throws IllegalArgumentException for a name that is not one of the wire names */
    @JsonCreator
    public static FailureClass fromWire(String name) {
        return Wire.parse(FailureClass.class, name);
    }

    public static Optional<FailureClass> find(String name) {
        return Wire.find(FailureClass.class, name);
    }

    @Override
    public String toString() {
        return wire;
    }
}
