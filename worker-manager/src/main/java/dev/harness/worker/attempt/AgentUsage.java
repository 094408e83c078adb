package dev.harness.worker.attempt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
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
        Optional<JsonNode> result = structured.stream().filter(e -> AgentEvent.of(e).is("result")).reduce((a, b) -> b);
        if (result.isPresent()) {
            return Optional.of(fromClaude(attempt, result.get()));
        }
        List<JsonNode> turns = structured.stream().filter(e -> AgentEvent.of(e).is("turn.completed")).toList();
        if (!turns.isEmpty()) {
            return Optional.of(fromCodex(attempt, turns));
        }
        return fromAider(attempt, log);
    }

    /**
     * Token counts as Claude Code (a result's usage) and Codex (a turn's usage) name them. A count
     * of another shape (text, a fraction, a negative number) reads as not reported.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Tokens(JsonNode inputTokens, JsonNode outputTokens, JsonNode cacheReadInputTokens,
                  JsonNode cacheCreationInputTokens, JsonNode cachedInputTokens) {
        static final Tokens NONE = new Tokens(null, null, null, null, null);

        static Tokens of(JsonNode usage) {
            return usage != null && usage.isObject() ? Json.convert(usage, Tokens.class) : NONE;
        }
    }

    /**
     * Claude Code's stream-json result event, the fields that say what it used. Each is read on its
     * own: the agent's output is not ours, and one field of an odd shape costs only that field.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ClaudeResult(JsonNode totalCostUsd, JsonNode numTurns, JsonNode isError, JsonNode permissionDenials,
                        JsonNode usage) {}

    /** A usage file a template agent writes ({@value #FILE_VARIABLE}): our names, its values. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record UsageFile(JsonNode costUsd, JsonNode inputTokens, JsonNode outputTokens, JsonNode cacheReadTokens,
                     JsonNode cacheCreationTokens, JsonNode numTurns) {}

    static UsageRecorded fromClaude(int attempt, JsonNode line) {
        ClaudeResult result = Json.convert(line, ClaudeResult.class);
        Tokens usage = Tokens.of(result.usage());
        JsonNode denials = result.permissionDenials();
        return new UsageRecorded(attempt, "claude_result", dollars(result.totalCostUsd()), count(usage.inputTokens()),
                count(usage.outputTokens()), count(usage.cacheReadInputTokens()), count(usage.cacheCreationInputTokens()),
                turns(result.numTurns()), result.isError() == null ? null : result.isError().asBoolean(),
                denials != null && denials.isArray() ? denials.size() : null);
    }

    /** Codex reports each turn's usage; an attempt's is their sum. Cached input is part of input. */
    static UsageRecorded fromCodex(int attempt, List<JsonNode> turns) {
        long in = 0;
        long out = 0;
        long cached = 0;
        for (JsonNode turn : turns) {
            Tokens usage = Tokens.of(turn.get("usage"));
            in += orZero(count(usage.inputTokens()));
            out += orZero(count(usage.outputTokens()));
            cached += orZero(count(usage.cachedInputTokens()));
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
        UsageFile usage;
        try {
            JsonNode node = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
            if (!node.isObject()) {
                return Optional.empty();
            }
            usage = Json.convert(node, UsageFile.class);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.of(new UsageRecorded(attempt, "usage_file", dollars(usage.costUsd()), count(usage.inputTokens()),
                count(usage.outputTokens()), count(usage.cacheReadTokens()), count(usage.cacheCreationTokens()),
                turns(usage.numTurns()), null, null));
    }

    private static long tokens(String number, String k) {
        if (number == null) {
            return 0;
        }
        BigDecimal value = new BigDecimal(number);
        return (k != null && !k.isEmpty() ? value.multiply(BigDecimal.valueOf(1000)) : value).longValue();
    }

    /** A cost: a number, not negative; anything else is not reported. */
    private static Double dollars(JsonNode value) {
        return value != null && value.isNumber() && value.asDouble() >= 0 ? value.asDouble() : null;
    }

    /** A count: a whole number, not negative; anything else is not reported. */
    private static Long count(JsonNode value) {
        return value != null && value.isIntegralNumber() && value.canConvertToLong() && value.asLong() >= 0 ? value.asLong() : null;
    }

    private static Integer turns(JsonNode value) {
        return value != null && value.isIntegralNumber() && value.canConvertToInt() && value.asInt() >= 0 ? value.asInt() : null;
    }

    private static long orZero(Long count) {
        return count == null ? 0 : count;
    }
}
