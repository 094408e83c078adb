package dev.harness.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Lookups by wire name for the vocabulary's enums (one copy, used by every enum's fromWire). */
public final class Wire {
    private Wire() {}

    /** The constant whose wire name is {@code name}, or empty. */
    public static <E extends Enum<E> & WireName> Optional<E> find(Class<E> type, String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.wire().equals(name)) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }

    /**
     * The constant whose wire name is {@code name}.
     *
     * @throws IllegalArgumentException naming the allowed wire names
     */
    public static <E extends Enum<E> & WireName> E parse(Class<E> type, String name) {
        return find(type, name).orElseThrow(() -> new IllegalArgumentException("'" + name + "' is not a "
                + type.getSimpleName() + "; expected one of " + String.join(", ", names(type))));
    }

    /** Every wire name of the enum, in declaration order. */
    public static <E extends Enum<E> & WireName> List<String> names(Class<E> type) {
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            names.add(constant.wire());
        }
        return names;
    }
}
