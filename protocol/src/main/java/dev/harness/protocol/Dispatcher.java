package dev.harness.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns one parsed JSON-RPC message into its response, driven by the contract: the method must
 * be declared, its params must pass the declared schema before the handler runs, and the result
 * must pass the declared response schema before it is returned.
 */
public final class Dispatcher {
    public static final String DISCOVER = "rpc.discover";

    private final Contract contract;
    private final Notifier notifier;
    private final Map<String, MethodHandler> handlers = new HashMap<>();
    private final Set<String> blocking = new java.util.HashSet<>();
    private final Set<String> concurrent = new java.util.HashSet<>();

    public Dispatcher(Contract contract, Notifier notifier) {
        this.contract = contract;
        this.notifier = notifier;
    }

    public Contract contract() {
        return contract;
    }

    public Notifier notifier() {
        return notifier;
    }

    /** Registers the handler of a contract method. */
    public Dispatcher on(String method, MethodHandler handler) {
        if (!contract.methods().containsKey(method)) {
            throw new IllegalArgumentException("method '" + method + "' is not in the " + contract.service() + " contract");
        }
        handlers.put(method, handler);
        return this;
    }

    /**
     * Registers a handler that may wait a long time (e.g. for a worker to finish). The service
     * loop runs such requests off the reading thread so other requests are still answered;
     * their responses may then come after responses to later requests, matched by id.
     */
    public Dispatcher onBlocking(String method, MethodHandler handler) {
        on(method, handler);
        blocking.add(method);
        return this;
    }

    /**
     * Registers a handler that may run on several threads at once: it keeps no state of its own
     * between calls (or guards what it shares) and publishes only through its context. The service
     * loop may then answer pipelined requests to it in parallel; the client still gets every
     * request's notifications and response, byte for byte, in the order the requests came.
     */
    public Dispatcher onConcurrent(String method, MethodHandler handler) {
        on(method, handler);
        concurrent.add(method);
        return this;
    }

    public boolean isBlocking(JsonNode message) {
        return named(message, blocking);
    }

    public boolean isConcurrent(JsonNode message) {
        return named(message, concurrent);
    }

    private static boolean named(JsonNode message, Set<String> methods) {
        if (methods.isEmpty()) {
            return false;
        }
        JsonNode method = message == null ? null : message.get("method");
        return method != null && method.isTextual() && methods.contains(method.asText());
    }

    /** Methods a client may call, for -32601's data. */
    public List<String> methodNames() {
        List<String> names = new ArrayList<>(contract.methods().keySet());
        names.add(DISCOVER);
        return names;
    }

    /** Handles one message built in memory; null when nothing is to be answered. */
    public ObjectNode dispatch(JsonNode message) {
        return dispatch(Incoming.of(message));
    }

    /**
     * Handles one message as read from the wire (an element of a batch or a whole line); null when
     * nothing is to be answered. The response carries the request's id exactly as it was written.
     * Per JSON-RPC 2.0, a message that is not a valid request is answered (id null when its id
     * cannot be read) even without an id; a valid request without an id is a notification and is
     * never answered.
     */
    public ObjectNode dispatch(Incoming incoming) {
        return dispatch(incoming, null);
    }

    /** As {@link #dispatch(Incoming)}; {@code held} non-null: the request's notifications are added there, serialised, instead of written. */
    ObjectNode dispatch(Incoming incoming, List<byte[]> held) {
        JsonNode message = incoming.message();
        if (!(message instanceof ObjectNode request)) {
            return JsonRpc.error(null, RpcException.invalidRequest("a request must be a JSON object"));
        }
        boolean isNotification = !request.has("id");
        JsonNode idNode = request.get("id");
        if (idNode != null && !(idNode.isTextual() || idNode.isNumber() || idNode.isNull())) {
            return JsonRpc.error(null, RpcException.invalidRequest("id must be a string, a number or null"));
        }
        List<Incoming.Problem> paramProblems = new ArrayList<>();
        for (Incoming.Problem problem : incoming.problems()) {
            if (problem.inParams()) {
                paramProblems.add(problem);
            } else if (problem.path().equals("/id") || problem.path().startsWith("/id/")) {
                return JsonRpc.error(null, limitError("the id is " + problem.message(), problem));
            }
        }
        // the id as the client wrote it, byte for byte (a string's escapes, a number's digits)
        JsonNode id = isNotification ? null : echo(incoming, idNode);
        for (Incoming.Problem problem : incoming.problems()) {
            if (!problem.inParams()) {
                return JsonRpc.error(id, limitError(problem.path() + " is " + problem.message(), problem));
            }
        }
        JsonNode version = request.get("jsonrpc");
        if (version != null && !(version.isTextual() && JsonRpc.VERSION.equals(version.asText()))) {
            return JsonRpc.error(id, RpcException.invalidRequest("jsonrpc must be \"2.0\" when present"));
        }
        JsonNode methodNode = request.get("method");
        if (methodNode == null || !methodNode.isTextual()) {
            return JsonRpc.error(id, RpcException.invalidRequest("method must be a string"));
        }
        JsonNode params = request.get("params");
        if (params != null && !(params.isObject() || params.isArray())) {
            return JsonRpc.error(id, RpcException.invalidRequest("params must be an object or an array"));
        }
        String method = methodNode.asText();
        try {
            JsonNode result = invoke(method, params == null ? Json.object() : params, paramProblems, held);
            return isNotification ? null : JsonRpc.result(id, result);
        } catch (DomainError thrown) {
            return domainError(thrown, method, id, isNotification);
        } catch (RpcException error) {
            if (isNotification) {
                Log.info("notification " + method + " failed: " + error.getMessage());
                return null;
            }
            return JsonRpc.error(id, error);
        } catch (Throwable bug) {
            DomainError wrapped = wrappedDomainError(bug);
            if (wrapped != null) { // thrown inside a future or a callback and wrapped on the way out
                return domainError(wrapped, method, id, isNotification);
            }
            Log.error("internal error in " + method + (isNotification ? " (notification)" : " (id " + id + ")"), bug);
            return isNotification ? null : JsonRpc.error(id, RpcException.internal());
        }
    }

    private ObjectNode domainError(DomainError thrown, String method, JsonNode id, boolean isNotification) {
        RpcException error = contract.resolve(thrown).orElse(null);
        if (error == null) { // a name the contract does not declare: a bug in the service
            Log.error("domain error '" + thrown.name() + "' raised by " + method + " is not declared in the "
                    + contract.service() + " contract (" + thrown.getMessage() + ")", null);
            return isNotification ? null : JsonRpc.error(id, RpcException.internal());
        }
        if (isNotification) {
            Log.info("notification " + method + " failed: " + error.getMessage());
            return null;
        }
        return JsonRpc.error(id, error);
    }

    private static DomainError wrappedDomainError(Throwable thrown) {
        Throwable cause = thrown.getCause();
        for (int depth = 0; cause != null && depth < 8; depth++, cause = cause.getCause()) {
            if (cause instanceof DomainError domain) {
                return domain;
            }
        }
        return null;
    }

    /**
     * Answers a message with an error without handling it (too much in flight, an internal failure
     * around the dispatcher): with its id as written, null for a notification (never answered), id
     * null when its id cannot be read.
     */
    public ObjectNode reject(Incoming incoming, RpcException error) {
        if (!(incoming.message() instanceof ObjectNode request)) {
            return JsonRpc.error(null, error);
        }
        JsonNode id = request.get("id");
        if (id == null) {
            return null;
        }
        boolean readable = (id.isTextual() || id.isNumber() || id.isNull())
                && incoming.problems().stream().noneMatch(p -> p.path().equals("/id") || p.path().startsWith("/id/"));
        return JsonRpc.error(readable ? echo(incoming, id) : null, error);
    }

    /** The id for the response: as the client wrote it when it came off the wire, else the node itself. */
    private static JsonNode echo(Incoming incoming, JsonNode id) {
        return incoming.rawId() == null ? id : new POJONode(new RawValue(incoming.rawId()));
    }

    /** -32600 for a request that breaks a wire limit outside its params; data names the limit. */
    private static RpcException limitError(String what, Incoming.Problem problem) {
        ObjectNode data = Json.object();
        if (problem.limit() != null) {
            data.put("limit", problem.limit().wireName());
        }
        data.put("path", problem.path());
        data.put("message", problem.message());
        return new RpcException(JsonRpc.INVALID_REQUEST, "Invalid request: " + what + ".", data);
    }

    /** -32602 for values the wire refused inside params: {path, message, limit} for each. */
    private static RpcException paramsRefused(String method, List<Incoming.Problem> problems) {
        ArrayNode data = Json.array();
        for (Incoming.Problem problem : problems) {
            ObjectNode item = data.addObject();
            item.put("path", problem.path().length() <= "/params".length() ? "/" : problem.path().substring("/params".length()));
            item.put("message", problem.message());
            if (problem.limit() != null) {
                item.put("limit", problem.limit().wireName());
            }
        }
        Incoming.Problem first = problems.get(0);
        return new RpcException(JsonRpc.INVALID_PARAMS, "Invalid params for " + method + ": " + data.get(0).path("path").asText()
                + " is " + first.message() + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""), data);
    }

    private JsonNode invoke(String method, JsonNode params, List<Incoming.Problem> problems, List<byte[]> held) throws Exception {
        if (DISCOVER.equals(method)) {
            return contract.document();
        }
        if (!contract.methods().containsKey(method)) {
            ObjectNode data = Json.object();
            data.put("method", method);
            ArrayNode available = data.putArray("available");
            methodNames().forEach(available::add);
            throw new RpcException(JsonRpc.METHOD_NOT_FOUND,
                    "Method not found: '" + truncate(method) + "' is not in the " + contract.service() + " contract.", data);
        }
        if (!problems.isEmpty()) {
            throw paramsRefused(method, problems);
        }
        List<Violation> violations = contract.paramsSchema(method).validate(params);
        if (!violations.isEmpty()) {
            throw RpcException.invalidParams(method, violations);
        }
        StartupTrace.mark(method + ": params validated");
        MethodHandler handler = handlers.get(method);
        if (handler == null) {
            throw new RpcException(JsonRpc.DOMAIN_MAX, "Method " + method + " is declared but this build of "
                    + contract.service() + " does not implement it yet.", NullNode.getInstance());
        }
        JsonNode result = handler.handle(params, new RequestContext(contract, notifier, method, held));
        StartupTrace.mark(method + ": handled");
        List<Violation> resultViolations = contract.resultSchema(method).validate(result == null ? NullNode.getInstance() : result);
        if (!resultViolations.isEmpty()) {
            Log.error("result of " + method + " fails its response_schema: " + resultViolations + " in "
                    + truncate(Json.write(result)), null);
            throw RpcException.internal();
        }
        StartupTrace.mark(method + ": result validated");
        return result;
    }

    private static String truncate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
