package dev.harness.api.plan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.harness.api.Wire;
import dev.harness.api.WireName;
import java.util.Optional;

/** Granularity of a task's work (task-packet.schema.json scope). */
public enum Scope implements WireName {
    WORKSPACE("workspace"),
    MODULE("module"),
    SINGLE_FILE("single_file"),
    CUSTOM("custom");

    private final String wire;

    Scope(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    /** @throws IllegalArgumentException for a name that is not one of the wire names */
    @JsonCreator
    public static Scope fromWire(String name) {
        return Wire.parse(Scope.class, name);
    }

    public static Optional<Scope> find(String name) {
        return Wire.find(Scope.class, name);
    }

    /** module, single_file and custom name their place in scope_path. */
    public boolean needsPath() {
        return this != WORKSPACE;
    }

    @Override
    public String toString() {
        return wire;
    }
}
