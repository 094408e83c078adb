package dev.harness.api.worker;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.harness.api.Wire;
import dev.harness.api.WireName;
import java.util.Optional;

/** What a finished worker verified: its agent changed files in scope and every test passed, or it verified only (nothing changed). */
public enum Verification implements WireName {
    CHANGED_AND_VERIFIED("changed_and_verified"),
    VERIFIED_UNCHANGED("verified_unchanged");

    private final String wire;

    Verification(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    /** @throws IllegalArgumentException for a name that is not one of the wire names */
    @JsonCreator
    public static Verification fromWire(String name) {
        return Wire.parse(Verification.class, name);
    }

    public static Optional<Verification> find(String name) {
        return Wire.find(Verification.class, name);
    }

    @Override
    public String toString() {
        return wire;
    }
}
