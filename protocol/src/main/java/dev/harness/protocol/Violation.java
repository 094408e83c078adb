package dev.harness.protocol;

/** One schema violation as it travels in -32602's data: a JSON Pointer-like path and what is wrong there. */
public record Violation(String path, String message) {
    public Violation {
        if (path == null || message == null) {
            throw new IllegalArgumentException("a violation needs a path and a message");
        }
    }

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
