package dev.harness.worker.attempt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The "log" fields of an event payload or outcome, at any depth: a host names them relative to its
 * attempt directory, the manager resolves them to its own copies. One walk for both directions.
 */
public final class LogFields {
    private LogFields() {}

    /** A copy of {@code payload} with every textual "log" field passed through {@code path}. */
    public static ObjectNode mapped(ObjectNode payload, UnaryOperator<String> path) {
        ObjectNode copy = payload.deepCopy();
        rewrite(copy, path);
        return copy;
    }

    private static void rewrite(JsonNode node, UnaryOperator<String> path) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode value = object.get(name);
                if (name.equals("log") && value.isTextual()) {
                    object.put("log", path.apply(value.asText()));
                } else {
                    rewrite(value, path);
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(element -> rewrite(element, path));
        }
    }
}
