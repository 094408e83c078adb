package dev.harness.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;

/**
 * A JSON-RPC error a handler or the dispatcher raises on purpose: it carries the code,
 * a one-sentence message a person can act on, and the data the protocol table names. For a
 * domain error it also carries the name the contract declares for the code, on both sides of the
 * wire: a client tests {@code e.is("trust_denied")}, never the number.
 */
public class RpcException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int code;
    private final transient JsonNode data;
    private final String errorName;

    public RpcException(int code, String message, JsonNode data) {
        this(code, message, data, null);
    }

    /** @param errorName the contract's name for a domain error's code; null for the reserved codes */
    public RpcException(int code, String message, JsonNode data, String errorName) {
        super(message, null, false, false);
        this.code = code;
        this.data = data;
        this.errorName = errorName;
    }

    /** The declared name of a domain error, when known (a client learns it from the service's contract). */
    public java.util.Optional<String> errorName() {
        return java.util.Optional.ofNullable(errorName);
    }

    /** True when this is the contract's domain error {@code name}. */
    public boolean is(String name) {
        return name != null && name.equals(errorName);
    }

    public int code() {
        return code;
    }

    public JsonNode data() {
        return data;
    }

    public static RpcException parseError(String detail) {
        return new RpcException(JsonRpc.PARSE_ERROR, "Parse error: the line is not valid JSON (" + detail + ").", null);
    }

    public static RpcException invalidRequest(String what) {
        return new RpcException(JsonRpc.INVALID_REQUEST, "Invalid request: " + what + ".", TextNode.valueOf(what));
    }

    public static RpcException invalidParams(String method, List<Violation> violations) {
        String first = violations.isEmpty() ? "" : ": " + violations.get(0).path() + " " + violations.get(0).message();
        return new RpcException(JsonRpc.INVALID_PARAMS,
                "Invalid params for " + method + first + (violations.size() > 1 ? " (and " + (violations.size() - 1) + " more)" : ""),
                Json.toNode(violations));
    }

    /** Params that pass the schema but break a rule the schema cannot express (e.g. a blank objective). */
    public static RpcException invalidParams(String path, String message) {
        return invalidParams("this method", List.of(new Violation(path, message)));
    }

    public static RpcException internal() {
        return new RpcException(JsonRpc.INTERNAL_ERROR, "Internal error; the service's stderr has the details.", null);
    }
}
