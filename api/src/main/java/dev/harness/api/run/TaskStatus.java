package dev.harness.api.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.harness.api.Wire;
import dev.harness.api.WireName;
import java.util.Optional;

/** Where one task stands, as rebuilt from the log. */
public enum TaskStatus implements WireName {
    PENDING("pending"),
    RUNNING("running"),
    /** It was running when the run was interrupted (run_interrupted): its worker was stopped, it runs again on resume. */
    INTERRUPTED("interrupted"),
    COMPLETED("completed"),
    FAILED("failed"),
    SKIPPED("skipped"),
    AWAITING_DECISION("awaiting_decision");

    private final String wire;

    TaskStatus(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    /** @throws IllegalArgumentException for a name that is not one of the wire names */
    @JsonCreator
    public static TaskStatus fromWire(String name) {
        return Wire.parse(TaskStatus.class, name);
    }

    public static Optional<TaskStatus> find(String name) {
        return Wire.find(TaskStatus.class, name);
    }

    @Override
    public String toString() {
        return wire;
    }
}
