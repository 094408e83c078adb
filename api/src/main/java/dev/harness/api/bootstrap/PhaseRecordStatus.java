package dev.harness.api.bootstrap;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.harness.api.Wire;
import dev.harness.api.WireName;
import java.util.Optional;

/** Whether a phase has a recorded result (bootstrap get_status). */
public enum PhaseRecordStatus implements WireName {
    NOT_RUN("not_run"),
    SUCCEEDED("succeeded"),
    FAILED("failed");

    private final String wire;

    PhaseRecordStatus(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    /** @throws IllegalArgumentException for a name that is not one of the wire names */
    @JsonCreator
    public static PhaseRecordStatus fromWire(String name) {
        return Wire.parse(PhaseRecordStatus.class, name);
    }

    public static Optional<PhaseRecordStatus> find(String name) {
        return Wire.find(PhaseRecordStatus.class, name);
    }

    @Override
    public String toString() {
        return wire;
    }
}
