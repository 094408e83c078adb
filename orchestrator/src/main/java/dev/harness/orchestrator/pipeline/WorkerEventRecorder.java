package dev.harness.orchestrator.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.Json;
import java.util.function.Consumer;

/**
 * Appends worker-manager's worker_event notifications to the run's event log as they arrive
 * (kind = the worker event's kind), remembers each worker's last classification for the
 * one-line failure reason, and shows recovery steps to the person.
 */
final class WorkerEventRecorder implements Consumer<JsonNode> {
    private final RunContext ctx;

    WorkerEventRecorder(RunContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void accept(JsonNode message) {
        if (!"worker_event".equals(message.path("method").asText())) {
            return;
        }
        JsonNode event = message.path("params");
        String kind = event.path("kind").asText("");
        if (kind.isEmpty()) {
            return;
        }
        ObjectNode details = Json.object();
        copyText(event, details, "task_id", "task_id");
        copyText(event, details, "worker_id", "worker_id");
        copyText(event, details, "event_id", "worker_event_id");
        copyText(event, details, "state", "state");
        if (event.has("attempt")) {
            details.set("attempt", event.get("attempt"));
        }
        JsonNode payload = event.path("payload");
        details.set("payload", payload.isObject() ? payload : Json.object());
        ctx.log().append(kind, details);
        String workerId = event.path("worker_id").asText(null);
        switch (kind) {
            case "failure_classified" -> ctx.rememberFailure(workerId, payload);
            case "acceptance_test_result" -> ctx.rememberCheck(workerId, payload);
            case "attempt_started" -> ctx.forgetCheck(workerId);
            case "recovery_escalation" -> ctx.rememberEscalation(event.path("task_id").asText(null), payload);
            default -> { }
        }
        ctx.console().workerEvent(event.path("task_id").asText(null), kind, event.path("attempt").asInt(0), payload);
    }

    private static void copyText(JsonNode from, ObjectNode to, String field, String as) {
        JsonNode value = from.get(field);
        if (value != null && !value.isNull()) {
            to.set(as, value);
        }
    }
}
