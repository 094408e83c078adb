package dev.harness.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;

/** A declared domain error of the bootstrap contract (its name in {@code errors}), raised below the wire layer. */
public final class BootstrapException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String errorName;
    private final transient JsonNode data;

    public BootstrapException(String errorName, String message, JsonNode data) {
        super(message, null, false, false);
        this.errorName = errorName;
        this.data = data;
    }

    public String errorName() {
        return errorName;
    }

    public JsonNode data() {
        return data;
    }
}
