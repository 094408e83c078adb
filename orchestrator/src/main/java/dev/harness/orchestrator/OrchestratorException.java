package dev.harness.orchestrator;

/** A failure the orchestrator explains to the person in one sentence and maps to an exit code. */
public class OrchestratorException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ExitCode exitCode;

    public OrchestratorException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public OrchestratorException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    public static OrchestratorException usage(String message) {
        return new OrchestratorException(ExitCode.USAGE, message);
    }

    public static OrchestratorException internal(String message, Throwable cause) {
        return new OrchestratorException(ExitCode.INTERNAL, message, cause);
    }
}
