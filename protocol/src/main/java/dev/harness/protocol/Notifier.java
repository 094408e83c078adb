package dev.harness.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Publishes the notifications a contract declares in output_messages. Each one is validated
 * against its schema before it is written; an invalid one is a bug in the service and is never
 * written (the caller gets an exception, the details go to stderr).
 */
public final class Notifier {
    private final Contract contract;
    private final MessageWriter writer;

    public Notifier(Contract contract, MessageWriter writer) {
        this.contract = contract;
        this.writer = writer;
    }

    /** Writes a notification; {@code flush} true for events raised outside a request. */
    public void emit(String method, JsonNode params, boolean flush) {
        writer.write(checked(method, params), flush);
    }

    /**
     * The notification as it goes on the wire, serialised, for a request answered off the reading
     * thread: its lines are written, in order, when its turn comes (see ServiceLoop).
     */
    byte[] line(String method, JsonNode params) {
        return Json.writeBytes(checked(method, params));
    }

    /** The notification message, once it is declared and passes its schema. */
    private JsonNode checked(String method, JsonNode params) {
        if (!contract.notifications().containsKey(method)) {
            throw new IllegalStateException("notification '" + method + "' is not in the " + contract.service() + " contract");
        }
        List<Violation> violations = contract.notificationSchema(method).validate(params);
        if (!violations.isEmpty()) {
            throw new IllegalStateException("notification " + method + " fails its schema: " + violations + " in " + Json.write(params));
        }
        return JsonRpc.notification(method, params);
    }

    /** For events raised outside any request (a worker finishing in the background). */
    public void emit(String method, JsonNode params) {
        try {
            emit(method, params, true);
        } catch (IllegalStateException bug) {
            Log.error("dropped an invalid notification", bug);
        }
    }
}
