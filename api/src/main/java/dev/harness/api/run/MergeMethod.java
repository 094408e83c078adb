package dev.harness.api.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.harness.api.Wire;
import dev.harness.api.WireName;
import java.util.Optional;

/** How a task's commit reached the integration branch (run-event.schema.json#/$defs/merge_method). */
public enum MergeMethod implements WireName {
    /** The branch already held it. */
    ALREADY_IN("already_in"),
    FAST_FORWARD("fast_forward"),
    /** A merge commit (git merge-tree, no checkout touched). */
    MERGE("merge");

    private final String wire;

    MergeMethod(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    /** @throws IllegalArgumentException for a name that is not one of the wire names */
    @JsonCreator
    public static MergeMethod fromWire(String name) {
        return Wire.parse(MergeMethod.class, name);
    }

    public static Optional<MergeMethod> find(String name) {
        return Wire.find(MergeMethod.class, name);
    }

    @Override
    public String toString() {
        return wire;
    }
}
