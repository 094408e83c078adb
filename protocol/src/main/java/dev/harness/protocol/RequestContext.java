package dev.harness.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** What a handler may do besides returning its result: publish events, raise declared domain errors. */
public final class RequestContext {
    private final Contract contract;
    private final Notifier notifier;
    private final String method;
    /** Null: notifications are written at once; else they are held here, serialised, until the response's turn. */
    private final List<byte[]> held;

    RequestContext(Contract contract, Notifier notifier, String method, List<byte[]> held) {
        this.contract = contract;
        this.notifier = notifier;
        this.method = method;
        this.held = held;
    }

    public String method() {
        return method;
    }

    /** Publishes a notification now, so it reaches the client before this request's response. */
    public void notify(String notification, JsonNode params) {
        if (held == null) {
            notifier.emit(notification, params, false);
        } else {
            held.add(notifier.line(notification, params));
        }
    }

    /** A declared domain error of this service's contract, ready to throw. */
    public RpcException error(String name, String message, JsonNode data) {
        return contract.error(name, message, data);
    }

    public RpcException error(String name, String message) {
        return contract.error(name, message, null);
    }

    /** The same as {@code new DomainError(name, message, data)}: code that has no context can throw that directly. */
    public DomainError domainError(String name, String message, JsonNode data) {
        return new DomainError(name, message, data);
    }
}
