package dev.harness.api.rpc;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.harness.api.WireName;
import dev.harness.protocol.Json;
import java.util.List;

/**
 * One method of a service's contract, typed: its name, the record its params bind to, the type
 * of its result, and the domain errors the service declares. Registration stays explicit (a
 * handler is still registered by name with the dispatcher; a client still calls by name): the
 * descriptor only says what goes in and what comes out, so no reflective proxy hides the call.
 *
 * @param errors the service's declared error names (contract {@code errors}); any method may return them
 */
public record MethodDescriptor<P, R>(String service, String name, Class<P> params, TypeReference<R> result,
                                     List<? extends WireName> errors) {
    public MethodDescriptor {
        if (service == null || name == null || params == null || result == null || errors == null) {
            throw new IllegalArgumentException("a method descriptor names its service, method, params, result and errors");
        }
        errors = List.copyOf(errors);
    }

    /** The params as the wire carries them. */
    public JsonNode toParams(P value) {
        return Json.toNode(value);
    }

    /** Binds received params (already validated against the contract's schema by the dispatcher). */
    public P readParams(JsonNode params) {
        // convertValue: treeToValue measured no cheaper per request (issue 15, bench/planning-profile.py)
        return Json.convert(params, this.params);
    }

    /** Binds a response's result. */
    public R readResult(JsonNode result) {
        return Json.MAPPER.convertValue(result, this.result);
    }

    /** The result as the wire carries it. */
    public JsonNode toResult(R value) {
        return Json.toNode(value);
    }

    /** True when {@code errorName} is one the service declares. */
    public boolean declares(String errorName) {
        return errors.stream().anyMatch(e -> e.wire().equals(errorName));
    }

    @Override
    public String toString() {
        return service + "." + name;
    }
}
