package dev.harness.api.worker;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.harness.api.Wire;
import dev.harness.api.WireName;
import java.util.Optional;

/** What a recovery recipe does for its failure class (failure-scenario.schema.json). */
public enum RecoveryAction implements WireName {
    RETRY("retry"),
    RETRY_WITH_FEEDBACK("retry_with_feedback"),
    ESCALATE("escalate"),
    SKIP("skip"),
    ABORT("abort");

    private final String wire;

    RecoveryAction(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    /** @throws IllegalArgumentException for a name that is not one of the wire names */
    @JsonCreator
    public static RecoveryAction fromWire(String name) {
        return Wire.parse(RecoveryAction.class, name);
    }

    public static Optional<RecoveryAction> find(String name) {
        return Wire.find(RecoveryAction.class, name);
    }

    @Override
    public String toString() {
        return wire;
    }
}
