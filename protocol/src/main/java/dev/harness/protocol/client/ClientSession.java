package dev.harness.protocol.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.Json;
import dev.harness.protocol.JsonRpc;
import dev.harness.protocol.Log;
import dev.harness.protocol.RpcException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * The client side of a JSON-RPC 2.0 session, separate from how the lines travel (a
 * {@link Transport}), as the MCP Java SDK separates them: request ids, the map of pending
 * requests, one deadline per exchange (and per write), notifications handed to a listener in
 * arrival order, and answers to requests the peer sends us ({@code ping} with {@code {}}; any
 * method without a handler with -32601).
 *
 * <p>A peer that misbehaves ends the session cleanly: in strict mode (the default, for the
 * suite's own services whose stdout is the protocol alone) a line that is not JSON-RPC, a
 * response to an id never sent, or a line over the transport's limit is a {@link SessionFailure};
 * lenient mode (for third-party peers such as MCP servers, which sometimes log to stdout) skips
 * such lines with a warning. A peer that stops reading fails the write at its deadline; one that
 * floods its output is read line by line within the line cap. Nothing waits for ever unless a
 * caller asks to.
 */
public final class ClientSession implements AutoCloseable {
    /** Answers one request the peer sent; return the result, or throw RpcException for an error. */
    @FunctionalInterface
    public interface RequestHandler {
        JsonNode handle(JsonNode params) throws RpcException;
    }

    /** Settings; {@link #defaults()} suits the suite's own services. */
    public record Options(boolean strict, Duration writeDeadline, Consumer<JsonNode> notifications,
                          IntFunction<Optional<String>> errorNames, Consumer<String> onFailure) {
        public static Options defaults() {
            return new Options(true, Duration.ofSeconds(30), n -> { }, code -> Optional.empty(), why -> { });
        }

        public Options strict(boolean value) {
            return new Options(value, writeDeadline, notifications, errorNames, onFailure);
        }

        public Options writeDeadline(Duration value) {
            return new Options(strict, value, notifications, errorNames, onFailure);
        }

        /** Receives every notification (a message with a method and no id), on the reading thread, in order. */
        public Options notifications(Consumer<JsonNode> value) {
            return new Options(strict, writeDeadline, value == null ? n -> { } : value, errorNames, onFailure);
        }

        /** Names a domain error code (e.g. from the peer's contract), so callers can write {@code e.is("trust_denied")}. */
        public Options errorNames(IntFunction<Optional<String>> value) {
            return new Options(strict, writeDeadline, notifications, value, onFailure);
        }

        /** Told once, with the reason, when the session fails (e.g. to kill a misbehaving child). */
        public Options onFailure(Consumer<String> value) {
            return new Options(strict, writeDeadline, notifications, errorNames, value);
        }
    }

    private final Transport transport;
    private final Options options;
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final Map<String, RequestHandler> handlers = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private volatile String failure;

    private ClientSession(Transport transport, Options options) {
        this.transport = transport;
        this.options = options;
        handlers.put("ping", params -> Json.object());
    }

    /** Opens a session over {@code transport} (which it starts). */
    public static ClientSession open(Transport transport, Options options) {
        ClientSession session = new ClientSession(transport, options);
        transport.start(session.new Inbound());
        return session;
    }

    public static ClientSession open(Transport transport) {
        return open(transport, Options.defaults());
    }

    public String name() {
        return transport.name();
    }

    public Transport transport() {
        return transport;
    }

    /** Answers the peer's requests for {@code method} (replacing the default, e.g. for "ping"). */
    public ClientSession onRequest(String method, RequestHandler handler) {
        handlers.put(method, handler);
        return this;
    }

    public boolean isOpen() {
        return failure == null;
    }

    /** Why the session ended, once it has. */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /**
     * Sends a request and waits at most {@code timeout} for its result.
     *
     * @throws RpcException     the peer answered with an error (its declared name set when known)
     * @throws SessionFailure   the session ended before the answer (peer gone or misbehaving)
     * @throws TimeoutException no answer within {@code timeout}; the session stays open
     */
    public JsonNode call(String method, JsonNode params, Duration timeout)
            throws IOException, TimeoutException, InterruptedException {
        CompletableFuture<JsonNode> response = send(method, params);
        JsonNode message;
        try {
            message = response.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new SessionFailure(name() + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            response.cancel(false);
            throw new TimeoutException(name() + " did not answer " + method + " within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            response.cancel(false);
            throw e;
        }
        JsonNode error = message.get("error");
        if (error != null) {
            throw toException(error);
        }
        return message.get("result");
    }

    /** The error object of a response as an exception, its declared name looked up. */
    public RpcException toException(JsonNode error) {
        int code = error.path("code").asInt();
        String name = code >= JsonRpc.DOMAIN_MIN && code <= JsonRpc.DOMAIN_MAX ? options.errorNames().apply(code).orElse(null) : null;
        return new RpcException(code, error.path("message").asText(), error.get("data"), name);
    }

    /** Sends a request; the future completes with the whole response message (or fails with SessionFailure). */
    public CompletableFuture<JsonNode> send(String method, JsonNode params) throws IOException {
        String failed = failure;
        if (failed != null) {
            throw new SessionFailure(failed);
        }
        long id = nextId.getAndIncrement();
        CompletableFuture<JsonNode> response = new CompletableFuture<>();
        pending.put(id, response);
        response.whenComplete((r, e) -> pending.remove(id)); // also when the caller gives up (cancel)
        try {
            transport.send(Json.write(JsonRpc.request(LongNode.valueOf(id), method, params)), options.writeDeadline());
        } catch (IOException e) {
            pending.remove(id);
            fail(e.getMessage());
            transport.close(); // a peer that does not read its input is of no further use
            throw new SessionFailure(failure == null ? e.getMessage() : failure, e);
        }
        if (failure != null) { // failed while we were writing: nobody else will complete this one
            response.completeExceptionally(new SessionFailure(failure));
        }
        return response;
    }

    public void notify(String method, JsonNode params) throws IOException {
        String failed = failure;
        if (failed != null) {
            throw new SessionFailure(failed);
        }
        try {
            transport.send(Json.write(JsonRpc.notification(method, params == null ? Json.object() : params)), options.writeDeadline());
        } catch (IOException e) {
            fail(e.getMessage());
            transport.close();
            throw new SessionFailure(failure == null ? e.getMessage() : failure, e);
        }
    }

    /** Ends the session: pending calls fail, the transport is closed. */
    @Override
    public void close() {
        fail(name() + " session closed");
        transport.close();
    }

    /** Marks the session failed (first reason wins), fails every pending call, tells the owner. */
    void fail(String why) {
        synchronized (this) {
            if (failure != null) {
                return;
            }
            failure = why;
        }
        for (Long id : List.copyOf(pending.keySet())) {
            CompletableFuture<JsonNode> waiting = pending.remove(id);
            if (waiting != null) {
                waiting.completeExceptionally(new SessionFailure(why));
            }
        }
        try {
            options.onFailure().accept(why);
        } catch (RuntimeException e) {
            Log.warn("a session failure listener failed: " + e);
        }
    }

    private void violation(String what) {
        if (options.strict()) {
            fail(name() + " broke the protocol: " + what);
            transport.close();
        } else {
            Log.warn(name() + ": " + what + "; ignored");
        }
    }

    /** Lines from the transport's reading thread. */
    private final class Inbound implements Transport.Receiver {
        @Override
        public void line(String text) {
            if (failure != null) {
                return;
            }
            JsonNode message;
            try {
                message = Json.parse(text);
            } catch (JsonProcessingException | RuntimeException e) {
                violation("wrote a line that is not JSON: " + excerpt(text));
                return;
            }
            if (!(message instanceof ObjectNode object)) {
                violation("wrote a line that is not a JSON-RPC message object: " + excerpt(text));
                return;
            }
            JsonNode method = object.get("method");
            JsonNode id = object.get("id");
            if (method != null && method.isTextual()) {
                if (id == null) {
                    deliverNotification(object);
                } else {
                    answerRequest(id, method.asText(), object.get("params"));
                }
                return;
            }
            if (object.has("result") || object.has("error")) {
                deliverResponse(object, id, text);
                return;
            }
            violation("wrote a message that is neither a request, a notification nor a response: " + excerpt(text));
        }

        @Override
        public void violation(String what) {
            ClientSession.this.violation(what);
        }

        @Override
        public void end(String why) {
            fail(name() + " " + why);
        }
    }

    private void deliverNotification(ObjectNode message) {
        try {
            options.notifications().accept(message);
        } catch (RuntimeException e) {
            Log.error("notification listener failed on " + message.path("method").asText(), e);
        }
    }

    private void deliverResponse(ObjectNode message, JsonNode id, String text) {
        if (id == null || id.isNull()) {
            // the peer could not read something we sent (a -32700/-32600 without an id)
            violation("answered a request it could not read: " + excerpt(text));
            return;
        }
        Long key = id.isIntegralNumber() && id.canConvertToLong() ? id.longValue() : null;
        if (key == null || key < 1 || key >= nextId.get()) {
            violation("answered id " + excerpt(id.toString()) + ", which was never sent");
            return;
        }
        CompletableFuture<JsonNode> waiting = pending.remove(key);
        if (waiting != null) {
            waiting.complete(message);
        } else {
            Log.info(name() + " answered id " + key + " after its caller stopped waiting");
        }
    }

    private void answerRequest(JsonNode id, String method, JsonNode params) {
        RequestHandler handler = handlers.get(method);
        ObjectNode response;
        if (handler == null) {
            ObjectNode data = Json.object();
            data.put("method", method);
            response = JsonRpc.error(id, new RpcException(JsonRpc.METHOD_NOT_FOUND,
                    "Method not found: the client does not answer '" + excerpt(method) + "'.", data));
        } else {
            try {
                JsonNode result = handler.handle(params == null ? Json.object() : params);
                response = JsonRpc.result(id, result == null ? Json.object() : result);
            } catch (RpcException e) {
                response = JsonRpc.error(id, e);
            } catch (RuntimeException e) {
                Log.error("answering " + method + " from " + name() + " failed", e);
                response = JsonRpc.error(id, RpcException.internal());
            }
        }
        try {
            transport.send(Json.write(response), options.writeDeadline());
        } catch (IOException e) {
            fail(e.getMessage());
            transport.close();
        }
    }

    private static String excerpt(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
