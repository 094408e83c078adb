package dev.harness.worker;

/** Params that pass the schema but break a rule it cannot express; becomes -32602 with the path. */
final class InvalidParams extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String path;

    InvalidParams(String path, String message) {
        super(message, null, false, false);
        this.path = path;
    }

    String path() {
        return path;
    }
}
