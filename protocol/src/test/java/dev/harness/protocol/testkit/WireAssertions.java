package dev.harness.protocol.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harness.protocol.Contract;
import dev.harness.protocol.Json;
import dev.harness.protocol.JsonRpc;
import dev.harness.protocol.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * The promises of PROTOCOL.md that hold for every line a service writes, whatever it was asked:
 * each stdout line is one JSON-RPC 2.0 message (a response with exactly one of result/error, or a
 * notification), and each notification is declared in the service's contract and valid against
 * its schema. Shared by the in-process and the real-process harness, so a module's tests check
 * the same things both ways. Plain AssertionErrors: no test library needed.
 */
public final class WireAssertions {
    private WireAssertions() {}

    /** Every line is a JSON-RPC 2.0 message; returns them parsed. */
    public static List<JsonNode> everyLineIsJsonRpc(List<String> rawLines) {
        List<JsonNode> messages = new ArrayList<>();
        for (String line : rawLines) {
            JsonNode message;
            try {
                message = Json.parse(line);
            } catch (Exception e) {
                throw new AssertionError("stdout carried a line that is not JSON: " + excerpt(line), e);
            }
            if (message.isArray()) { // a batch's responses
                if (message.isEmpty()) {
                    throw new AssertionError("stdout carried an empty batch: " + excerpt(line));
                }
                message.forEach(element -> checkMessage(element, line));
            } else {
                checkMessage(message, line);
            }
            messages.add(message);
        }
        return messages;
    }

    private static void checkMessage(JsonNode message, String line) {
        if (!message.isObject()) {
            throw new AssertionError("not a JSON-RPC message object: " + excerpt(line));
        }
        if (!JsonRpc.VERSION.equals(message.path("jsonrpc").asText(null))) {
            throw new AssertionError("\"jsonrpc\":\"2.0\" is missing: " + excerpt(line));
        }
        if (message.has("method")) {
            if (message.has("id")) {
                throw new AssertionError("a service sends no requests, only notifications: " + excerpt(line));
            }
            if (!message.get("method").isTextual()) {
                throw new AssertionError("a notification's method is a string: " + excerpt(line));
            }
            return;
        }
        if (!message.has("id")) {
            throw new AssertionError("a response needs an id (null when unknown): " + excerpt(line));
        }
        if (message.has("result") == message.has("error")) {
            throw new AssertionError("a response has exactly one of result and error: " + excerpt(line));
        }
        JsonNode error = message.get("error");
        if (error != null && !(error.path("code").isInt() && error.path("message").isTextual())) {
            throw new AssertionError("an error has an integer code and a string message: " + excerpt(line));
        }
    }

    /** Every notification among {@code messages} is declared in {@code contract} and valid against its schema. */
    public static void notificationsFollowTheContract(Contract contract, List<JsonNode> messages) {
        for (JsonNode message : messages) {
            if (!message.isObject() || !message.has("method") || message.has("id")) {
                continue;
            }
            String method = message.get("method").asText();
            if (!contract.notifications().containsKey(method)) {
                throw new AssertionError("notification " + method + " is not declared in the " + contract.service()
                        + " contract: " + excerpt(message.toString()));
            }
            List<Violation> violations = contract.notificationSchema(method).validate(message.path("params"));
            if (!violations.isEmpty()) {
                throw new AssertionError("notification " + method + " breaks its schema: " + violations + " in "
                        + excerpt(message.toString()));
            }
        }
    }

    /** No response is an internal error (-32603): a service answers bad input with the right code, never a bug. */
    public static void noInternalErrors(List<JsonNode> messages) {
        for (JsonNode message : messages) {
            if (message.path("error").path("code").asInt() == JsonRpc.INTERNAL_ERROR) {
                throw new AssertionError("internal error answered: " + excerpt(message.toString()));
            }
        }
    }

    static String excerpt(String text) {
        return text.length() <= 500 ? text : text.substring(0, 500) + "…";
    }
}
