package dev.harness.worker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.Json;

/** A refusal the contract declares by name (unknown_worker, trust_denied, ...), with data to act on. */
final class DomainFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String errorName;
    private final transient ObjectNode data;

    DomainFailure(String errorName, String message, ObjectNode data) {
        super(message, null, false, false);
        this.errorName = errorName;
        this.data = data == null ? Json.object() : data;
    }

    String errorName() {
        return errorName;
    }

    ObjectNode data() {
        return data;
    }
}
