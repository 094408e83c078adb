package dev.harness.api.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.api.worker.WorkerEventKind;
import dev.harness.api.worker.WorkerState;
import dev.harness.protocol.Json;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one translation between {@link LoggedEvent} and a line of events.jsonl (the log file is the
 * only place events are JSON). A line is {@code {seq, time, kind, run_id, ...the event's fields}}.
 * Which record a line binds to: a line with {@code worker_event_id} is a relayed worker event;
 * otherwise one of the orchestrator's kinds; otherwise, for logs written by hand or before
 * worker_event_id existed, a worker event kind; anything else is {@link RunEvent.Unknown}.
 */
public final class RunEventCodec {
    /** The fields of every line, which no event may set. */
    public static final Set<String> RESERVED = Set.of("seq", "time", "kind", "run_id");

    private RunEventCodec() {}

    /** The line's JSON, fields in the order the log has always used. */
    public static ObjectNode toJson(LoggedEvent logged) {
        ObjectNode line = Json.object();
        line.put("seq", logged.seq());
        line.put("time", logged.time());
        line.put("kind", logged.kind());
        if (logged.runId() != null) {
            line.put("run_id", logged.runId());
        }
        line.setAll(fields(logged.event()));
        return line;
    }

    /** The event's own fields (what follows run_id on the line). */
    public static ObjectNode fields(RunEvent event) {
        ObjectNode fields = event instanceof RunEvent.Unknown unknown ? unknown.fields() : (ObjectNode) Json.toNode(event);
        for (String reserved : RESERVED) {
            if (fields.has(reserved)) {
                throw new IllegalArgumentException("event " + event.kind() + " must not set the reserved field '"
                        + reserved + "'");
            }
        }
        return fields;
    }

    /**
     * Binds one line (already known to be an object with seq, time and kind).
     *
     * @throws IllegalArgumentException saying which field does not fit the kind's record
     */
    public static LoggedEvent fromJson(ObjectNode line) {
        long seq = line.path("seq").asLong();
        String time = line.path("time").asText();
        String kind = line.path("kind").asText();
        String runId = line.path("run_id").isTextual() ? line.get("run_id").asText() : null;
        return new LoggedEvent(seq, time, runId, decode(kind, line));
    }

    /**
     * The event a kind and its fields make (the fields as on a line; seq, time and run_id, if
     * present, are ignored).
     *
     * @throws IllegalArgumentException saying which field does not fit the kind's record
     */
    public static RunEvent decode(String kind, ObjectNode line) {
        Optional<WorkerEventKind> workerKind = WorkerEventKind.find(kind);
        Optional<RunEventKind> ownKind = RunEventKind.find(kind);
        try {
            if (workerKind.isPresent() && (line.has("worker_event_id") || ownKind.isEmpty())) {
                return relayed(workerKind.get(), line);
            }
            if (ownKind.isPresent()) {
                RunEvent direct = RunEventDecoders.decode(ownKind.get(), line);
                return direct != null ? direct : Json.convert(line, ownKind.get().type());
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a " + kind + " event that does not fit its record: " + rootMessage(e), e);
        }
        return new RunEvent.Unknown(kind, withoutReserved(line));
    }

    private static RunEvent.WorkerEventRelayed relayed(WorkerEventKind kind, ObjectNode line) {
        JsonNode payload = line.get("payload");
        JsonNode attempt = line.get("attempt");
        return new RunEvent.WorkerEventRelayed(kind, text(line, "task_id"), text(line, "worker_id"),
                text(line, "worker_event_id"),
                line.hasNonNull("state") ? WorkerState.fromWire(line.get("state").asText()) : null,
                attempt != null && attempt.canConvertToInt() ? attempt.asInt() : null,
                payload instanceof ObjectNode object ? object : null);
    }

    private static String text(ObjectNode line, String field) {
        JsonNode value = line.get(field);
        return value != null && value.isValueNode() && !value.isNull() ? value.asText() : null;
    }

    private static ObjectNode withoutReserved(ObjectNode line) {
        ObjectNode fields = Json.object();
        Iterator<Map.Entry<String, JsonNode>> it = line.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!RESERVED.contains(field.getKey())) {
                fields.set(field.getKey(), field.getValue());
            }
        }
        return fields;
    }

    /** The innermost cause's first line: what a corrupt line's message quotes (also what its tests expect). */
    static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
