package dev.harness.worker.attempt;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.harness.protocol.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * One JSON line of an agent's structured output, as far as the classifier reads it: Claude Code's
 * {@code result} event (subtype, is_error, api_error_status, result, permission_denials) and
 * Codex's {@code turn.failed} / {@code error} events (error.message or message).
 *
 * @param permissionDenials as the agent wrote them (kept whole as a failure's evidence)
 * @param error             Codex's turn.failed: an object with a message (some versions write the text alone)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record AgentEvent(String type, String subtype, Boolean isError, Integer apiErrorStatus, String result,
                         JsonNode permissionDenials, String message, JsonNode error) {

    /**
     * The line read leniently: the agent's output is not ours, so a line whose fields have other
     * shapes than these keeps only its type and its permission denials.
     */
    public static AgentEvent of(JsonNode line) {
        try {
            return Json.convert(line, AgentEvent.class);
        } catch (IllegalArgumentException e) {
            JsonNode type = line.get("type");
            return new AgentEvent(type != null && type.isTextual() ? type.asText() : null, null, null, null, null,
                    line.get("permission_denials"), null, null);
        }
    }

    public boolean is(String kind) {
        return kind.equals(type);
    }

    /** Claude Code's result: it failed (is_error, or a subtype other than success). */
    public boolean failed() {
        return Boolean.TRUE.equals(isError) || (subtype != null && !subtype.equals("success"));
    }

    /** The tools the agent was refused, by name ("?" where it gave none); empty when it was refused nothing. */
    public List<String> deniedTools() {
        List<String> tools = new ArrayList<>();
        if (permissionDenials != null && permissionDenials.isArray()) {
            for (JsonNode denial : permissionDenials) {
                JsonNode name = denial.get("tool_name");
                tools.add(name != null && !name.isNull() ? name.asText() : "?");
            }
        }
        return tools;
    }

    /** Codex's error text: error.message (or error as text), else message, else "". */
    public String errorMessage() {
        if (error != null && error.isTextual()) {
            return error.asText();
        }
        JsonNode inner = error == null ? null : error.get("message");
        if (inner != null && inner.isTextual()) {
            return inner.asText();
        }
        return message == null ? "" : message;
    }
}
