package dev.harness.orchestrator.spend;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harness.api.worker.Budget;
import dev.harness.orchestrator.attention.NotifyConfig;
import dev.harness.protocol.Json;
import dev.harness.protocol.json.YamlReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A run's budget: {@code --budget-usd} / {@code --budget-tokens}, each else {@code budget_usd:} /
 * {@code budget_tokens:} in the person's config.yaml (the same file as notify:, never the
 * workspace's). No budget anywhere: no limit.
 */
public final class BudgetConfig {
    private BudgetConfig() {}

    /** @throws IllegalArgumentException naming the flag or the file entry that is wrong */
    public static Budget resolve(Double usdFlag, Long tokensFlag, Map<String, String> env) {
        Double usd = usdFlag;
        Long tokens = tokensFlag;
        if (usd == null || tokens == null) {
            Path file = NotifyConfig.configFile(env);
            JsonNode config = read(file);
            if (usd == null && config != null && config.hasNonNull("budget_usd")) {
                JsonNode value = config.get("budget_usd");
                if (!value.isNumber()) {
                    throw new IllegalArgumentException(file + ": budget_usd: a number of dollars, e.g. 5 or 2.50");
                }
                usd = value.asDouble();
            }
            if (tokens == null && config != null && config.hasNonNull("budget_tokens")) {
                JsonNode value = config.get("budget_tokens");
                if (!value.canConvertToLong() || !value.isIntegralNumber()) {
                    throw new IllegalArgumentException(file + ": budget_tokens: a whole number of tokens, e.g. 2000000");
                }
                tokens = value.asLong();
            }
        }
        return new Budget(usd, tokens);
    }

    /** The packet's own budget_usd / budget_tokens (planners and plan files may set them). */
    public static Budget ofPacket(JsonNode packet) {
        PacketBudget own = Json.convert(packet, PacketBudget.class);
        try {
            return new Budget(own.budgetUsd(), own.budgetTokens());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("task " + own.id() + ": " + e.getMessage(), e);
        }
    }

    /**
     * A packet's own budget fields alone: status, the summary and the dashboard read the packets a log
     * holds, which may be a plan that never became valid (a running task's packet is a TaskPacket, and
     * its {@link dev.harness.api.plan.TaskPacket#budget()} is the same reading).
     */
    @com.fasterxml.jackson.databind.annotation.JsonNaming(com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
    record PacketBudget(String id, Double budgetUsd, Long budgetTokens) {}

    private static JsonNode read(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return YamlReader.read(file);
        } catch (YamlReader.YamlException e) {
            throw new IllegalArgumentException(file + ":" + e.line() + ": " + e.getMessage());
        }
    }
}
