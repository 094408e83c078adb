package dev.harness.worker.attempt;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harness.api.worker.WorkerEventPayload.UsageRecorded;
import dev.harness.protocol.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an attempt's agent reported it used, read from what it printed (Claude Code's stream-json
 * {@code result} event, Codex's {@code turn.completed} usage, aider's "Tokens: … Cost: …" lines) or,
 * for a template agent, from the JSON file the harness named in {@code HARNESS_USAGE_FILE}.
 */
public final class AgentUsage {
    static final String FILE_VARIABLE = "HARNESS_USAGE_FILE";
    /** aider: "Tokens: 2.3k sent, 115 received. Cost: $0.0082 message, $0.0164 session." */
    private static final Pattern AIDER = Pattern.compile(
            "Tokens: ([0-9.]+)(k?) sent(?:, ([0-9.]+)(k?) cache write)?(?:, ([0-9.]+)(k?) cache hit)?, ([0-9.]+)(k?) received\\."
                    + "(?: Cost: \\$([0-9.]+) message, \\$([0-9.]+) session\\.)?");

    private AgentUsage() {}

    /** The usage of one attempt, the first source that has any: usage file, Claude, Codex, aider. */
    static Optional<UsageRecorded> of(int attempt, List<JsonNode> structured, Path log, Path usageFile) {
        Optional<UsageRecorded> file = fromFile(attempt, usageFile);
        if (file.isPresent()) {
            return file;
        }
        Optional<JsonNode> result = structured.stream().filter(e -> e.path("type").asText().equals("result")).reduce((a, b) -> b);
        if (result.isPresent()) {
            return Optional.of(fromClaude(attempt, result.get()));
        }
        List<JsonNode> turns = structured.stream().filter(e -> e.path("type").asText().equals("turn.completed")).toList();
        if (!turns.isEmpty()) {
            return Optional.of(fromCodex(attempt, turns));
        }
        return fromAider(attempt, log);
    }

    static UsageRecorded fromClaude(int attempt, JsonNode result) {
        JsonNode usage = result.path("usage");
        return new UsageRecorded(attempt, "claude_result", number(result, "total_cost_usd"), count(usage, "input_tokens"),
                count(usage, "output_tokens"), count(usage, "cache_read_input_tokens"), count(usage, "cache_creation_input_tokens"),
                result.path("num_turns").canConvertToInt() && result.has("num_turns") ? result.get("num_turns").asInt() : null,
                result.has("is_error") ? result.get("is_error").asBoolean() : null,
                result.path("permission_denials").isArray() ? result.get("permission_denials").size() : null);
    }

    /** Codex reports each turn's usage; an attempt's is their sum. Cached input is part of input. */
    static UsageRecorded fromCodex(int attempt, List<JsonNode> turns) {
        long in = 0;
        long out = 0;
        long cached = 0;
        for (JsonNode turn : turns) {
            JsonNode usage = turn.path("usage");
            in += usage.path("input_tokens").asLong(0);
            out += usage.path("output_tokens").asLong(0);
            cached += usage.path("cached_input_tokens").asLong(0);
        }
        return new UsageRecorded(attempt, "codex_turns", null, in, out, cached, null, turns.size(), null, null);
    }

    static Optional<UsageRecorded> fromAider(int attempt, Path log) {
        String text;
        try {
            text = log == null || !Files.isRegularFile(log) ? "" : Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            return Optional.empty();
        }
        return fromAiderText(attempt, text);
    }

    static Optional<UsageRecorded> fromAiderText(int attempt, String text) {
        Matcher m = AIDER.matcher(text);
        long sent = 0;
        long received = 0;
        long cacheWrite = 0;
        long cacheHit = 0;
        int messages = 0;
        Double session = null;
        while (m.find()) {
            messages++;
            sent += tokens(m.group(1), m.group(2));
            cacheWrite += tokens(m.group(3), m.group(4));
            cacheHit += tokens(m.group(5), m.group(6));
            received += tokens(m.group(7), m.group(8));
            if (m.group(10) != null) {
                session = Double.parseDouble(m.group(10));
            }
        }
        if (messages == 0) {
            return Optional.empty();
        }
        return Optional.of(new UsageRecorded(attempt, "aider_output", session, sent, received,
                cacheHit == 0 ? null : cacheHit, cacheWrite == 0 ? null : cacheWrite, messages, null, null));
    }

    /** {"cost_usd": 0.01, "input_tokens": 10, "output_tokens": 5, ...}; a missing or unreadable file is no usage. */
    static Optional<UsageRecorded> fromFile(int attempt, Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode node;
        try {
            node = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            return Optional.empty();
        }
        return Optional.of(new UsageRecorded(attempt, "usage_file", number(node, "cost_usd"), count(node, "input_tokens"),
                count(node, "output_tokens"), count(node, "cache_read_tokens"), count(node, "cache_creation_tokens"),
                node.path("num_turns").isIntegralNumber() && node.get("num_turns").asInt() >= 0 ? node.get("num_turns").asInt() : null,
                null, null));
    }

    private static long tokens(String number, String k) {
        if (number == null) {
            return 0;
        }
        BigDecimal value = new BigDecimal(number);
        return (k != null && !k.isEmpty() ? value.multiply(BigDecimal.valueOf(1000)) : value).longValue();
    }

    private static Double number(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNumber() && value.asDouble() >= 0 ? value.asDouble() : null;
    }

    private static Long count(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isIntegralNumber() && value.asLong() >= 0 ? value.asLong() : null;
    }
}
