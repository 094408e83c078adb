package dev.harness.api.worker;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A decision after an escalation, recorded like an approval (the worker's decision_recorded
 * payload, and a snapshot's decision/decisions).
 *
 * @param decision       null for a trust denial (a snapshot's decision holds the latest of either)
 * @param trustRechecked a retry of a permission failure checked the trust policy again first
 * @param humanRetry     a person's retry: which one of this failure class (counted even beyond the recipe)
 * @param beyondRecipe   that retry is more than the recipe foresees (honoured all the same)
 * @param nextAttempt    a retry: the attempt it leads to
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DecisionRecord(Decision decision, String approver, ApprovalSource source, String time, String comment,
                             FailureClass failureClass, String digest, Boolean trustRechecked, String reason,
                             String root, Integer humanRetry, Boolean beyondRecipe, Integer nextAttempt) {
    /** A snapshot's decision may be a trust denial instead (no decision; source human_denial or policy). */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isTrustDenial() {
        return decision == null;
    }
}
