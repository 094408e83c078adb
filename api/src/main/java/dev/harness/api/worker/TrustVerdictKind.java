package dev.harness.api.worker;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.harness.api.Wire;
import dev.harness.api.WireName;
import java.util.Optional;

/** What the trust policy said about a workspace. */
public enum TrustVerdictKind implements WireName {
    TRUSTED("trusted"),
    DENIED("denied"),
    REQUIRES_APPROVAL("requires_approval");

    private final String wire;

    TrustVerdictKind(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    /** @throws IllegalArgumentException for a name that is not one of the wire names */
    @JsonCreator
    public static TrustVerdictKind fromWire(String name) {
        return Wire.parse(TrustVerdictKind.class, name);
    }

    public static Optional<TrustVerdictKind> find(String name) {
        return Wire.find(TrustVerdictKind.class, name);
    }

    @Override
    public String toString() {
        return wire;
    }
}
