package dev.harness.api.rpc;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.harness.api.Wire;
import dev.harness.api.WireName;
import java.util.Optional;

/** The domain errors planning-service declares (contracts/planning-service.contract.yaml errors). */
public enum PlanningError implements WireName {
    WORKSPACE_UNREADABLE("workspace_unreadable"),
    FEEDBACK_NOT_UNDERSTOOD("feedback_not_understood"),
    PLAN_INVALID("plan_invalid"),
    PLANNER_FAILED("planner_failed");

    private final String wire;

    PlanningError(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    /** @throws IllegalArgumentException for a name that is not one of the wire names */
    @JsonCreator
    public static PlanningError fromWire(String name) {
        return Wire.parse(PlanningError.class, name);
    }

    public static Optional<PlanningError> find(String name) {
        return Wire.find(PlanningError.class, name);
    }

    @Override
    public String toString() {
        return wire;
    }
}
