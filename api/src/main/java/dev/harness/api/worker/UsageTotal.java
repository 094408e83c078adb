package dev.harness.api.worker;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What several attempts used, summed from their usage_recorded events (a task's attempts, a run's
 * tasks). {@code costUsd} is null while no attempt reported a cost (Codex reports tokens only):
 * "no cost known" is not "$0". Tokens are what the agents reported: input and output, with cache
 * reads and writes apart (a budget in tokens counts input + output, see {@link #tokens()}).
 *
 * @param attempts how many usage_recorded events were summed
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UsageTotal(Double costUsd, long inputTokens, long outputTokens, long cacheReadTokens,
                         long cacheCreationTokens, int turns, int attempts) {
    public static final UsageTotal NONE = new UsageTotal(null, 0, 0, 0, 0, 0, 0);

    /** This total with one attempt's usage added. */
    public UsageTotal plus(WorkerEventPayload.UsageRecorded usage) {
        if (usage == null) {
            return this;
        }
        return new UsageTotal(sum(costUsd, usage.costUsd()), inputTokens + orZero(usage.inputTokens()),
                outputTokens + orZero(usage.outputTokens()), cacheReadTokens + orZero(usage.cacheReadTokens()),
                cacheCreationTokens + orZero(usage.cacheCreationTokens()),
                turns + (usage.numTurns() == null ? 0 : usage.numTurns()), attempts + 1);
    }

    public UsageTotal plus(UsageTotal other) {
        return new UsageTotal(sum(costUsd, other.costUsd), inputTokens + other.inputTokens, outputTokens + other.outputTokens,
                cacheReadTokens + other.cacheReadTokens, cacheCreationTokens + other.cacheCreationTokens,
                turns + other.turns, attempts + other.attempts);
    }

    /** Input + output tokens: what a token budget counts (cache reads repeat the same context each turn). */
    @JsonProperty("tokens")
    public long tokens() {
        return inputTokens + outputTokens;
    }

    @JsonIgnore // a question, not a field: status --json and runs --json printed "empty" (old totals with it still read)
    public boolean isEmpty() {
        return attempts == 0;
    }

    /** "$0.0421, 352 tokens (12 in, 340 out, 9000 cache read, 150 cache write), 3 turns"; "no usage reported" when empty. */
    public String describe() {
        if (isEmpty()) {
            return "no usage reported";
        }
        List<String> parts = new ArrayList<>();
        if (costUsd != null) {
            parts.add(dollars(costUsd));
        }
        List<String> detail = new ArrayList<>(List.of(inputTokens + " in", outputTokens + " out"));
        if (cacheReadTokens > 0) {
            detail.add(cacheReadTokens + " cache read");
        }
        if (cacheCreationTokens > 0) {
            detail.add(cacheCreationTokens + " cache write");
        }
        parts.add(tokens() + " tokens (" + String.join(", ", detail) + ")");
        if (turns > 0) {
            parts.add(turns + (turns == 1 ? " turn" : " turns"));
        }
        parts.add(attempts + (attempts == 1 ? " attempt" : " attempts"));
        return String.join(", ", parts);
    }

    /** "$0.0421": four decimals (agents report fractions of a cent), trailing zeros kept to two. */
    public static String dollars(double usd) {
        BigDecimal value = BigDecimal.valueOf(usd).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros();
        if (value.scale() < 2) {
            value = value.setScale(2, RoundingMode.UNNECESSARY);
        }
        return "$" + value.toPlainString();
    }

    /** A short form for tables: "$0.0421 / 352 tok", "352 tok", "-". */
    public String brief() {
        if (isEmpty()) {
            return "-";
        }
        return (costUsd == null ? "" : dollars(costUsd) + " / ") + String.format(Locale.ROOT, "%d tok", tokens());
    }

    private static Double sum(Double a, Double b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : BigDecimal.valueOf(a).add(BigDecimal.valueOf(b)).doubleValue();
    }

    private static long orZero(Long n) {
        return n == null ? 0 : n;
    }
}
