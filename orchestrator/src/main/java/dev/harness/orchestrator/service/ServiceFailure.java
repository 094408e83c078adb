package dev.harness.orchestrator.service;

import dev.harness.orchestrator.ExitCode;
import dev.harness.orchestrator.OrchestratorException;

/** A service could not be started, died, or did not answer: the run cannot go on through it. */
public final class ServiceFailure extends OrchestratorException {
    private static final long serialVersionUID = 1L;

    public ServiceFailure(String message, Throwable cause) {
        super(ExitCode.INTERNAL, message, cause);
    }
}
