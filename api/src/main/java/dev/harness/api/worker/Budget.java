package dev.harness.api.worker;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A spending limit in dollars, tokens (input + output, {@link UsageTotal#tokens()}) or both; a null
 * part is no limit. A run has one (--budget-usd/--budget-tokens, the user's config), a task may have
 * its own (the packet's budget_usd/budget_tokens), and a worker is given what is left of both.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Budget(Double usd, Long tokens) {
    public static final Budget NONE = new Budget(null, null);

    public Budget {
        if (usd != null && (usd.isNaN() || usd <= 0)) {
            throw new IllegalArgumentException("a budget in dollars must be more than 0, not " + usd);
        }
        if (tokens != null && tokens <= 0) {
            throw new IllegalArgumentException("a budget in tokens must be more than 0, not " + tokens);
        }
    }

    @JsonIgnore // a question, not a field: the wire has only usd and tokens
    public boolean isNone() {
        return usd == null && tokens == null;
    }

    /**
     * Why no new attempt may start once {@code spent} was used ("$1.02 spent of the $1.00 budget"),
     * empty while some of every limit is left. A cost nobody reported counts as nothing spent.
     */
    public Optional<String> exhaustedBy(UsageTotal spent) {
        List<String> why = new ArrayList<>();
        if (usd != null && spent.costUsd() != null && spent.costUsd() >= usd) {
            why.add(UsageTotal.dollars(spent.costUsd()) + " spent of the " + UsageTotal.dollars(usd) + " budget");
        }
        if (tokens != null && spent.tokens() >= tokens) {
            why.add(spent.tokens() + " tokens used of the " + tokens + "-token budget");
        }
        return why.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", why));
    }

    /** What is left after {@code spent}; a part already used up is left at its smallest positive value. */
    public Budget remaining(UsageTotal spent) {
        Double leftUsd = usd == null ? null : Math.max(0.0001, usd - (spent.costUsd() == null ? 0 : spent.costUsd()));
        Long leftTokens = tokens == null ? null : Math.max(1, tokens - spent.tokens());
        return new Budget(leftUsd, leftTokens);
    }

    /** The tighter of two budgets, part by part. */
    public Budget tighter(Budget other) {
        if (other == null) {
            return this;
        }
        return new Budget(min(usd, other.usd), min(tokens, other.tokens));
    }

    /** "$2.00 and 500000 tokens", "$2.00", "none". */
    public String describe() {
        if (isNone()) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        if (usd != null) {
            parts.add(UsageTotal.dollars(usd));
        }
        if (tokens != null) {
            parts.add(tokens + " tokens");
        }
        return String.join(" and ", parts);
    }

    private static <T extends Comparable<T>> T min(T a, T b) {
        if (a == null) {
            return b;
        }
        return b == null || a.compareTo(b) <= 0 ? a : b;
    }
}
