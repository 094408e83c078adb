package dev.harness.protocol;

import com.fasterxml.jackson.databind.JsonNode;

/** The code behind one contract method. Params arrive already validated against the method's schema. */
@FunctionalInterface
public interface MethodHandler {
    /**
     * @return the result, which the dispatcher validates against the method's response_schema
     * @throws RpcException for an error meant for the client (domain errors come from {@link RequestContext#error})
     */
    JsonNode handle(JsonNode params, RequestContext context) throws Exception;
}
