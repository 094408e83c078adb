package dev.harness.orchestrator.runlog;

/** A run directory or event log problem, with a message a person can act on. */
public class RunLogException extends RuntimeException {
    public RunLogException(String message) {
        super(message);
    }

    public RunLogException(String message, Throwable cause) {
        super(message, cause);
    }
}
