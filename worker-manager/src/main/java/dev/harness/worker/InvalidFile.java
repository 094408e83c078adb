package dev.harness.worker;

/** A configuration file (trust policy, recipes) that is missing, unreadable or fails its schema. */
public final class InvalidFile extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidFile(String message) {
        super(message);
    }
}
