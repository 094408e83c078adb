package dev.harness.api.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.harness.api.Wire;
import dev.harness.api.WireName;
import java.util.Optional;

/**
 * How far a completed task was verified: its agent changed files and every check passed, it passed its checks
 * with nothing changed (verified only), or no real check exists for it (its packet says unverifiable).
 */
public enum TaskVerification implements WireName {
    CHANGED_AND_VERIFIED("changed_and_verified"),
    VERIFIED_ONLY("verified_only"),
    UNVERIFIABLE("unverifiable");

    private final String wire;

    TaskVerification(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    /** @throws IllegalArgumentException for a name that is not one of the wire names */
    @JsonCreator
    public static TaskVerification fromWire(String name) {
        return Wire.parse(TaskVerification.class, name);
    }

    public static Optional<TaskVerification> find(String name) {
        return Wire.find(TaskVerification.class, name);
    }

    @Override
    public String toString() {
        return wire;
    }
}
