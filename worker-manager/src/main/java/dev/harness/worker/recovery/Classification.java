package dev.harness.worker.recovery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.api.worker.FailureClass;

/** A failure's class and the evidence that decided it (what a person reads to agree or not). */
public record Classification(FailureClass failureClass, ObjectNode evidence) {
    public String summary() {
        return evidence.path("detail").asText(failureClass.wire());
    }
}
