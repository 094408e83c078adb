package dev.harness.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * Removes annotation-only keywords (description, title, $comment, examples) from a schema before
 * it is compiled. They say nothing about validity, but networknt evaluates each one as a keyword
 * on every validation, which costs about a third of the time on our documented schemas.
 * The walk knows where keys are property names rather than keywords, so a property that is
 * itself called "description" or "title" keeps its definition.
 */
final class SchemaAnnotations {
    private static final Set<String> ANNOTATIONS = Set.of("description", "title", "$comment", "examples");
    /** Keywords whose value is a map from names to schemas. */
    private static final Set<String> SCHEMA_MAPS = Set.of("properties", "patternProperties", "$defs", "definitions",
            "dependentSchemas");
    /** Keywords whose value is one schema. */
    private static final Set<String> SCHEMA_VALUES = Set.of("items", "additionalProperties", "not", "if", "then", "else",
            "contains", "propertyNames", "unevaluatedItems", "unevaluatedProperties", "additionalItems", "contentSchema");
    /** Keywords whose value is a list of schemas. */
    private static final Set<String> SCHEMA_LISTS = Set.of("allOf", "anyOf", "oneOf", "prefixItems");

    private SchemaAnnotations() {}

    /** A copy of {@code schema} without annotation keywords. */
    static JsonNode strip(JsonNode schema) {
        JsonNode copy = schema.deepCopy();
        stripSchema(copy);
        return copy;
    }

    private static void stripSchema(JsonNode schema) {
        if (!(schema instanceof ObjectNode object)) {
            return; // boolean schemas
        }
        object.remove(ANNOTATIONS);
        object.fields().forEachRemaining(entry -> {
            String keyword = entry.getKey();
            JsonNode value = entry.getValue();
            if (SCHEMA_MAPS.contains(keyword) && value.isObject()) {
                value.forEach(SchemaAnnotations::stripSchema);
            } else if (SCHEMA_VALUES.contains(keyword)) {
                if (value.isArray()) { // draft-07 style tuple items
                    value.forEach(SchemaAnnotations::stripSchema);
                } else {
                    stripSchema(value);
                }
            } else if (SCHEMA_LISTS.contains(keyword) && value instanceof ArrayNode list) {
                list.forEach(SchemaAnnotations::stripSchema);
            }
        });
    }
}
