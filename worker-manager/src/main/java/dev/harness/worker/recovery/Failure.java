package dev.harness.worker.recovery;

import dev.harness.api.worker.Evidence;
import dev.harness.api.worker.FailureClass;

/**
 * Why a worker failed (or last failed): the class and the evidence that decided it, a one-line
 * summary, and whether it waits for a person's decision. One value, replaced whole, so a class
 * never comes without its evidence and nothing waits for a decision without a failure. A trust
 * denial is a failure without a class.
 */
public record Failure(FailureClass failureClass, Evidence evidence, String summary, boolean awaitsDecision) {
    public Failure {
        if (summary == null || summary.isBlank()) {
            throw new IllegalArgumentException("a failure says what failed");
        }
        if ((failureClass == null) != (evidence == null)) {
            throw new IllegalArgumentException("a failure class comes with the evidence that decided it, and only then");
        }
    }

    static Failure classified(Classification classification) {
        return new Failure(classification.failureClass(), classification.evidence(), classification.summary(), false);
    }

    /** Trust refused: the worker failed without running, so nothing was classified. */
    public static Failure trustDenied(String summary) {
        return new Failure(null, null, summary, false);
    }

    /** The same failure, with the line a person reads replaced (why it was not retried). */
    Failure explained(String line) {
        return new Failure(failureClass, evidence, line, awaitsDecision);
    }

    Failure awaitingDecision() {
        return new Failure(failureClass, evidence, summary, true);
    }

    public Failure decided() {
        return new Failure(failureClass, evidence, summary, false);
    }

    FailureClass classOrUnknown() {
        return failureClass == null ? FailureClass.UNKNOWN : failureClass;
    }
}
