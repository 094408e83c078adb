package dev.harness.orchestrator.attention;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harness.api.worker.Budget;
import dev.harness.api.worker.UsageTotal;
import dev.harness.orchestrator.spend.BudgetConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a run and its tasks cost and what is left of their budgets, in the words the dashboard and
 * {@code watch} show: a cost nobody reported is "—" (unknown is not $0), a spent budget says so.
 */
public final class SpendLines {
    private SpendLines() {}

    /** A cost for a person: dollars, or "—" when no agent reported one (unknown is not $0). */
    public static String cost(UsageTotal usage) {
        return usage.costUsd() == null ? "—" : UsageTotal.dollars(usage.costUsd());
    }

    public static String tokens(UsageTotal usage) {
        return usage.isEmpty() ? "—" : usage.tokens() + " tokens";
    }

    /** "Spent: $0.0842, 704 tokens (…)" — what the run used, or that nothing was reported. */
    public static String usageLine(UsageTotal usage) {
        if (usage.isEmpty()) {
            return "Spent: — (no agent reported usage yet)";
        }
        return "Spent: " + usage.describe() + (usage.costUsd() == null ? " — cost not reported by the agent" : "");
    }

    /**
     * "Budget: $0.08 for the run · left $0.00 — spent up: no new attempt starts", or empty when the run
     * has no budget of its own (a task's own budget is in its row).
     */
    public static Optional<String> budgetLine(Budget budget, UsageTotal spent) {
        if (budget.isNone()) {
            return Optional.empty();
        }
        List<String> left = new ArrayList<>();
        if (budget.usd() != null) {
            left.add(spent.costUsd() == null && !spent.isEmpty() ? "cost unknown (the agent reports none; the dollar budget cannot stop it)"
                    : UsageTotal.dollars(Math.max(0, budget.usd() - (spent.costUsd() == null ? 0 : spent.costUsd()))) + " left");
        }
        if (budget.tokens() != null) {
            left.add(Math.max(0, budget.tokens() - spent.tokens()) + " tokens left");
        }
        return Optional.of("Budget: " + budget.describe() + " for the run · " + String.join(", ", left)
                + budget.exhaustedBy(spent).map(why -> " — spent up (" + why + "): no new attempt starts").orElse(""));
    }

    /** A task's own budget (the packet's), with what is left of it; "" when it has none. */
    public static String taskBudget(JsonNode packet, UsageTotal spent) {
        Budget own = BudgetConfig.ofPacket(packet);
        if (own.isNone()) {
            return "";
        }
        return own.describe() + own.exhaustedBy(spent).map(why -> " — spent up").orElse("");
    }

    /** One line for {@code watch}: what was spent and the run's budget; null when nothing was spent and there is no budget. */
    public static String summary(UsageTotal spent, Budget budget) {
        if (spent.isEmpty() && budget.isNone()) {
            return null;
        }
        return usageLine(spent) + budgetLine(budget, spent).map(line -> " · " + line).orElse("");
    }
}
