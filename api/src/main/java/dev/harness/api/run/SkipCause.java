package dev.harness.api.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.harness.api.Wire;
import dev.harness.api.WireName;
import java.util.Optional;

/**
 * Why a task was skipped: its dependency failed (it runs again when that does), a decision or policy said
 * so, or it was postponed: the work it verifies conflicted on the integration branch, and it runs once the
 * conflicting task has been redone (not skipped for good: the run state counts it as still to run).
 */
public enum SkipCause implements WireName {
    DEPENDENCY("dependency"),
    DECISION("decision"),
    POLICY("policy"),
    POSTPONED("postponed");

    private final String wire;

    SkipCause(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    /** @throws IllegalArgumentException for a name that is not one of the wire names */
    @JsonCreator
    public static SkipCause fromWire(String name) {
        return Wire.parse(SkipCause.class, name);
    }

    public static Optional<SkipCause> find(String name) {
        return Wire.find(SkipCause.class, name);
    }

    @Override
    public String toString() {
        return wire;
    }
}
