package dev.harness.protocol;

/** Bad command-line arguments: the executable says why on stderr and exits 2. */
public class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
