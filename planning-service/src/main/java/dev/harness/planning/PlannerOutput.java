package dev.harness.planning;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.harness.protocol.Json;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the packets in what an external planner printed: a JSON array, an object with
 * {@code packets}, Claude's {@code {"result": "…"}} wrapper around either, a ```json fenced
 * block, or the first JSON value embedded in prose.
 */
public final class PlannerOutput {
    private static final Pattern FENCE = Pattern.compile("```(?:json|JSON)?\\s*\\n(.*?)```", Pattern.DOTALL);
    private static final int MAX_EMBEDDED_ATTEMPTS = 50;
    private static final int MAX_DEPTH = 4;

    private PlannerOutput() {}

    /** Why the output held no packets, for the retry prompt and the warning. */
    public static final class Unusable extends Exception {
        private static final long serialVersionUID = 1L;

        public Unusable(String message) {
            super(message, null, false, false);
        }
    }

    public static ArrayNode packets(String output) throws Unusable {
        if (output == null || output.isBlank()) {
            throw new Unusable("the planner printed nothing");
        }
        return find(output.strip(), 0);
    }

    private static ArrayNode find(String text, int depth) throws Unusable {
        if (depth > MAX_DEPTH) {
            throw new Unusable("the output nests result wrappers too deeply");
        }
        Optional<JsonNode> whole = parse(text);
        if (whole.isPresent()) {
            return fromValue(whole.get(), depth);
        }
        Matcher fence = FENCE.matcher(text);
        while (fence.find()) {
            Optional<JsonNode> fenced = parse(fence.group(1).strip());
            if (fenced.isPresent()) {
                return fromValue(fenced.get(), depth);
            }
        }
        int attempts = 0;
        for (int i = 0; i < text.length() && attempts < MAX_EMBEDDED_ATTEMPTS; i++) {
            char c = text.charAt(i);
            if (c == '[' || c == '{') {
                attempts++;
                Optional<JsonNode> embedded = firstValue(text.substring(i));
                if (embedded.isPresent() && (embedded.get().isArray() && !embedded.get().isEmpty()
                        || embedded.get().has("packets") || embedded.get().has("result"))) {
                    return fromValue(embedded.get(), depth);
                }
            }
        }
        throw new Unusable("no JSON array of packets, {\"packets\": [...]} object or ```json block found in the output");
    }

    private static ArrayNode fromValue(JsonNode value, int depth) throws Unusable {
        if (value.isArray()) {
            return (ArrayNode) value;
        }
        if (value.isObject()) {
            if (value.path("is_error").asBoolean(false)) {
                throw new Unusable("the planner reported an error: "
                        + PlanRules.abbreviate(value.path("result").asText(value.path("subtype").asText("unknown")), 200));
            }
            if (value.get("packets") instanceof ArrayNode packets) {
                return packets;
            }
            JsonNode result = value.get("result");
            if (result != null && result.isTextual()) {
                return find(result.asText().strip(), depth + 1);
            }
            if (result != null && (result.isArray() || result.isObject())) {
                return fromValue(result, depth + 1);
            }
            throw new Unusable("the output is a JSON object without a packets array");
        }
        throw new Unusable("the output is JSON but not an array of packets");
    }

    private static Optional<JsonNode> parse(String text) {
        try {
            return Optional.of(Json.parse(text));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The first complete JSON value at the start of text, ignoring whatever follows it. */
    private static Optional<JsonNode> firstValue(String text) {
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(text)) {
            JsonNode node = Json.MAPPER.readerFor(JsonNode.class)
                    .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readValue(parser);
            return Optional.ofNullable(node);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
