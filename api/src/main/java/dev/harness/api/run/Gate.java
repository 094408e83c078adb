package dev.harness.api.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.harness.api.Wire;
import dev.harness.api.WireName;
import java.util.Optional;

/** Which gate an approval event belongs to. */
public enum Gate implements WireName {
    PLAN("plan"),
    TRUST("trust");

    private final String wire;

    Gate(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    /** @throws IllegalArgumentException for a name that is not one of the wire names */
    @JsonCreator
    public static Gate fromWire(String name) {
        return Wire.parse(Gate.class, name);
    }

    public static Optional<Gate> find(String name) {
        return Wire.find(Gate.class, name);
    }

    @Override
    public String toString() {
        return wire;
    }
}
