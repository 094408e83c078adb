package dev.harness.worker;

import java.util.Locale;

/** The one failure-class enum (schemas/failure-scenario.schema.json#/$defs/failure_class). */
public enum FailureClass {
    TRANSIENT, PERMISSION, INVALID_INPUT, LOGIC_ERROR, UNRECOVERABLE, UNKNOWN;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FailureClass fromWire(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
