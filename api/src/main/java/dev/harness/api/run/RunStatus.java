package dev.harness.api.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.harness.api.Wire;
import dev.harness.api.WireName;
import java.util.Optional;

/** Where a run stands, as rebuilt from its log and its writer lock. */
public enum RunStatus implements WireName {
    PLANNED("planned"),
    RUNNING("running"),
    INTERRUPTED("interrupted"),
    AWAITING_APPROVAL("awaiting_approval"),
    AWAITING_TRUST("awaiting_trust"),
    AWAITING_DECISION("awaiting_decision"),
    COMPLETED("completed"),
    COMPLETED_WITH_SKIPS("completed_with_skips"),
    FAILED("failed"),
    REJECTED("rejected"),
    ABORTED("aborted");

    private final String wire;

    RunStatus(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    /** @throws IllegalArgumentException for a name that is not one of the wire names */
    @JsonCreator
    public static RunStatus fromWire(String name) {
        return Wire.parse(RunStatus.class, name);
    }

    public static Optional<RunStatus> find(String name) {
        return Wire.find(RunStatus.class, name);
    }

    /** Nothing more will happen to the run without a new decision (or ever). */
    public boolean isTerminal() {
        return this == REJECTED || this == COMPLETED || this == COMPLETED_WITH_SKIPS || this == FAILED || this == ABORTED;
    }

    /** The run waits for a person (approval, trust or a decision). */
    public boolean isWaiting() {
        return this == AWAITING_APPROVAL || this == AWAITING_TRUST || this == AWAITING_DECISION;
    }

    @Override
    public String toString() {
        return wire;
    }
}
