package dev.harness.api.worker;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.harness.api.Wire;
import dev.harness.api.WireName;
import java.util.Optional;

/**
 * Where an attempt's acceptance tests ran: a throwaway git checkout of the work directory (HEAD
 * plus its uncommitted changes and untracked files), a plain copy of a directory that is not a git
 * work tree, or the work directory itself (only when no copy could be made, with the reason).
 */
public enum ChecksPlacement implements WireName {
    GIT_CHECKOUT("git_checkout"),
    COPY("copy"),
    IN_PLACE("in_place");

    private final String wire;

    ChecksPlacement(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    /** @throws IllegalArgumentException for a name that is not one of the wire names */
    @JsonCreator
    public static ChecksPlacement fromWire(String name) {
        return Wire.parse(ChecksPlacement.class, name);
    }

    public static Optional<ChecksPlacement> find(String name) {
        return Wire.find(ChecksPlacement.class, name);
    }

    @Override
    public String toString() {
        return wire;
    }
}
