package dev.harness.api.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.harness.api.Wire;
import dev.harness.api.WireName;
import java.util.Optional;

/** Why a run stopped to wait for a person (run_paused status). */
public enum PauseStatus implements WireName {
    AWAITING_APPROVAL("awaiting_approval"),
    AWAITING_TRUST("awaiting_trust"),
    AWAITING_DECISION("awaiting_decision");

    private final String wire;

    PauseStatus(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    /** @throws IllegalArgumentException for a name that is not one of the wire names */
    @JsonCreator
    public static PauseStatus fromWire(String name) {
        return Wire.parse(PauseStatus.class, name);
    }

    public static Optional<PauseStatus> find(String name) {
        return Wire.find(PauseStatus.class, name);
    }

    @Override
    public String toString() {
        return wire;
    }
}
