package dev.harness.worker.recovery;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.harness.api.worker.FailureClass;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What to do about one class of failure (schemas/failure-scenario.schema.json#/$defs/recipe).
 * For retry actions {@code maxRetries} counts automatic retries; for escalate it counts the
 * retries a human may grant with {@code decide retry}.
 */
public record RecoveryRecipe(FailureClass failureClass, Action action, int maxRetries, List<Long> backoffMs,
                             List<Pattern> patterns, List<Integer> exitCodes, String description) {

    public enum Action {
        RETRY, RETRY_WITH_FEEDBACK, ESCALATE, SKIP, ABORT;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public boolean retries() {
            return this == RETRY || this == RETRY_WITH_FEEDBACK;
        }
    }

    public RecoveryRecipe {
        backoffMs = List.copyOf(backoffMs);
        patterns = List.copyOf(patterns);
        exitCodes = List.copyOf(exitCodes);
    }

    /** Wait before automatic retry number {@code retry} (1-based); the last value repeats, none means no wait. */
    public long backoffBefore(int retry) {
        if (backoffMs.isEmpty()) {
            return 0;
        }
        return backoffMs.get(Math.min(retry, backoffMs.size()) - 1);
    }

    /** Retries a human may grant after an escalation of this class. */
    public int humanRetries() {
        return action.retries() ? 1 : maxRetries;
    }

    /** One recipe as a schema-valid recipe file writes it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Written(String action, Integer maxRetries, List<Long> backoffMs, List<String> patterns, List<Integer> exitCodes,
                   String description) {}

    /** Builds a recipe from its schema-valid form (patterns already checked to compile). */
    static RecoveryRecipe of(FailureClass failureClass, Written written) {
        List<Pattern> patterns = new ArrayList<>();
        orEmpty(written.patterns()).forEach(p -> patterns.add(Pattern.compile(p, Pattern.CASE_INSENSITIVE)));
        Action action = Action.valueOf(written.action().toUpperCase(Locale.ROOT));
        return new RecoveryRecipe(failureClass, action, written.maxRetries() == null ? 0 : written.maxRetries(),
                orEmpty(written.backoffMs()), patterns, orEmpty(written.exitCodes()),
                written.description() == null ? "" : written.description());
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
