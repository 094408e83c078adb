package dev.harness.api.plan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.harness.api.Wire;
import dev.harness.api.WireName;
import java.util.Optional;

/** How well a packet's acceptance tests can tell that its change works (task-packet.schema.json verification). */
public enum VerificationStrength implements WireName {
    TARGETED("targeted"),
    SUITE("suite"),
    UNVERIFIABLE("unverifiable");

    private final String wire;

    VerificationStrength(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    /** @throws IllegalArgumentException for a name that is not one of the wire names */
    @JsonCreator
    public static VerificationStrength fromWire(String name) {
        return Wire.parse(VerificationStrength.class, name);
    }

    public static Optional<VerificationStrength> find(String name) {
        return Wire.find(VerificationStrength.class, name);
    }

    @Override
    public String toString() {
        return wire;
    }
}
