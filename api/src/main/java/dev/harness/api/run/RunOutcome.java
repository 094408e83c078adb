package dev.harness.api.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.harness.api.Wire;
import dev.harness.api.WireName;
import java.util.Optional;

/** How a run's execution ended (execution_complete and run_completed status). */
public enum RunOutcome implements WireName {
    COMPLETED("completed"),
    COMPLETED_WITH_SKIPS("completed_with_skips"),
    PARTIAL("partial"),
    FAILED("failed"),
    REJECTED("rejected"),
    ABORTED("aborted"),
    INTERRUPTED("interrupted");

    private final String wire;

    RunOutcome(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    /** @throws IllegalArgumentException for a name that is not one of the wire names */
    @JsonCreator
    public static RunOutcome fromWire(String name) {
        return Wire.parse(RunOutcome.class, name);
    }

    public static Optional<RunOutcome> find(String name) {
        return Wire.find(RunOutcome.class, name);
    }

    @Override
    public String toString() {
        return wire;
    }
}
