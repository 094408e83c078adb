package dev.harness.api.rpc;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.harness.api.Wire;
import dev.harness.api.WireName;
import java.util.Optional;

/** The domain errors bootstrap-service declares (contracts/bootstrap-service.contract.yaml errors). */
public enum BootstrapError implements WireName {
    WORKSPACE_NOT_FOUND("workspace_not_found"),
    PHASE_OUT_OF_ORDER("phase_out_of_order"),
    PREREQUISITE_FAILED("prerequisite_failed");

    private final String wire;

    BootstrapError(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    /** @throws IllegalArgumentException for a name that is not one of the wire names */
    @JsonCreator
    public static BootstrapError fromWire(String name) {
        return Wire.parse(BootstrapError.class, name);
    }

    public static Optional<BootstrapError> find(String name) {
        return Wire.find(BootstrapError.class, name);
    }

    @Override
    public String toString() {
        return wire;
    }
}
