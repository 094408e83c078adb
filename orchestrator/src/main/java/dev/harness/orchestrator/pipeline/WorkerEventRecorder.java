package dev.harness.orchestrator.pipeline;

import dev.harness.api.worker.WorkerEvent;
import dev.harness.api.run.RunEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.Json;
import java.util.function.Consumer;

/**
 * Appends worker-manager's worker_event notifications to the run's event log as they arrive
 * (as {@link RunEvent.WorkerEventRelayed}: kind = the worker event's kind, with its worker_event_id), remembers each worker's last classification for the
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
        WorkerEvent event;
        try {
            event = Json.convert(message.path("params"), WorkerEvent.class);
        } catch (IllegalArgumentException e) {
            ctx.console().warn("worker-manager sent a worker_event this orchestrator cannot read (not logged): "
                    + e.getMessage());
            return;
        }
        ctx.log().append(RunEvent.WorkerEventRelayed.of(event));
        JsonNode payload = event.payload() == null ? Json.object() : event.payload();
        String workerId = event.workerId();
        switch (event.kind()) {
            case FAILURE_CLASSIFIED -> ctx.rememberFailure(workerId, payload);
            case ACCEPTANCE_TEST_RESULT -> ctx.rememberCheck(workerId, payload);
            case ATTEMPT_STARTED -> ctx.forgetCheck(workerId);
            case RECOVERY_ESCALATION -> ctx.rememberEscalation(event.taskId(), payload);
            default -> { }
        }
        ctx.console().workerEvent(event.taskId(), event.kind().wire(), event.attempt() == null ? 0 : event.attempt(), payload);
    }
}
