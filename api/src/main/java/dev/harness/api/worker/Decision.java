package dev.harness.api.worker;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.harness.api.Wire;
import dev.harness.api.WireName;
import java.util.Optional;

/** A person's (or a policy's) answer to an escalation. */
public enum Decision implements WireName {
    RETRY("retry"),
    SKIP("skip"),
    ABORT("abort");

    private final String wire;

    Decision(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    /** @throws IllegalArgumentException for a name that is not one of the wire names */
    @JsonCreator
    public static Decision fromWire(String name) {
        return Wire.parse(Decision.class, name);
    }

    public static Optional<Decision> find(String name) {
        return Wire.find(Decision.class, name);
    }

    @Override
    public String toString() {
        return wire;
    }
}
