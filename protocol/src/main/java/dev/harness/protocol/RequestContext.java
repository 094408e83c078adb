package dev.harness.protocol;

import com.fasterxml.jackson.databind.JsonNode;

/** What a handler may do besides returning its result: publish events, raise declared domain errors. */
public final class RequestContext {
    private final Contract contract;
    private final Notifier notifier;
    private final String method;

    RequestContext(Contract contract, Notifier notifier, String method) {
        this.contract = contract;
        this.notifier = notifier;
        this.method = method;
    }

    public String method() {
        return method;
    }

    /** Publishes a notification now, so it reaches the client before this request's response. */
    public void notify(String notification, JsonNode params) {
        notifier.emit(notification, params, false);
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
