package dev.harness.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON-RPC 2.0 vocabulary: the reserved error codes and the shapes of the three outgoing messages. */
public final class JsonRpc {
    public static final String VERSION = "2.0";

    public static final int PARSE_ERROR = -32700;
    public static final int INVALID_REQUEST = -32600;
    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INVALID_PARAMS = -32602;
    public static final int INTERNAL_ERROR = -32603;
    /** Domain errors declared by contracts live in this range. */
    public static final int DOMAIN_MIN = -32099;
    public static final int DOMAIN_MAX = -32000;

    private JsonRpc() {}

    public static ObjectNode result(JsonNode id, JsonNode result) {
        ObjectNode response = Json.object();
        response.put("jsonrpc", VERSION);
        response.set("id", id == null ? NullNode.getInstance() : id);
        response.set("result", result == null ? NullNode.getInstance() : result);
        return response;
    }

    public static ObjectNode error(JsonNode id, RpcException error) {
        ObjectNode body = Json.object();
        body.put("code", error.code());
        body.put("message", error.getMessage());
        if (error.data() != null) {
            body.set("data", error.data());
        }
        ObjectNode response = Json.object();
        response.put("jsonrpc", VERSION);
        response.set("id", id == null ? NullNode.getInstance() : id);
        response.set("error", body);
        return response;
    }

    public static ObjectNode notification(String method, JsonNode params) {
        ObjectNode message = Json.object();
        message.put("jsonrpc", VERSION);
        message.put("method", method);
        message.set("params", params);
        return message;
    }

    /**
     * The params of a received notification bound to {@code type} when the message is a
     * notification of {@code method}; empty for any other message.
     *
     * @throws IllegalArgumentException when the params do not fit {@code type}
     */
    public static <T> java.util.Optional<T> notificationParams(JsonNode message, String method, Class<T> type) {
        JsonNode name = message.get("method");
        if (name == null || !name.isTextual() || !name.asText().equals(method) || message.has("id")) {
            return java.util.Optional.empty();
        }
        JsonNode params = message.get("params");
        return java.util.Optional.of(Json.convert(params == null ? Json.object() : params, type));
    }

    public static ObjectNode request(JsonNode id, String method, JsonNode params) {
        ObjectNode message = Json.object();
        message.put("jsonrpc", VERSION);
        message.set("id", id);
        message.put("method", method);
        message.set("params", params == null ? Json.object() : params);
        return message;
    }
}
