package dev.harness.api.worker;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A worker_event notification (schemas/worker-event.schema.json): a state transition or a step of
 * trust, verification or recovery. The payload stays JSON (open for new fields, relayed to the
 * run's log unchanged); {@link #details()} is its typed view for the event's kind.
 *
 * @param timestamp Unix epoch seconds
 * @param seq       per-worker sequence number
 * @param state     the worker's state after this event
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkerEvent(
        String eventId,
        WorkerEventKind kind,
        String workerId,
        long timestamp,
        String time,
        Long seq,
        WorkerState state,
        String taskId,
        Integer attempt,
        ObjectNode payload) {
    public WorkerEvent {
        if (eventId == null || eventId.isEmpty() || kind == null || workerId == null || workerId.isEmpty()) {
            throw new IllegalArgumentException("a worker event has an event_id, a kind and a worker_id");
        }
        if (attempt != null && attempt < 0 || seq != null && seq < 0) {
            throw new IllegalArgumentException("attempt and seq are never negative");
        }
        payload = payload == null ? null : payload.deepCopy();
    }

    public WorkerEventPayload details() {
        return WorkerEventPayload.of(kind, payload);
    }
}
