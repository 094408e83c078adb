package dev.harness.worker.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.api.worker.WorkerEventPayload;
import dev.harness.protocol.Json;

/**
 * Event payloads built from the suite's typed records (api's {@link WorkerEventPayload}, one per
 * kind), so the compiler keeps what the worker manager emits and what readers expect in agreement.
 */
public final class WorkerEvents {
    private WorkerEvents() {}

    /** The payload as the JSON object an event carries (null fields left out). */
    public static ObjectNode payload(WorkerEventPayload payload) {
        return (ObjectNode) Json.toNode(payload);
    }
}
