package dev.harness.worker.checkout;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.ArrayList;
import java.util.List;

/**
 * What the checkout keeps about one worker beyond its worktree and branch: the orchestrator's run
 * (it names the branch), the person's setup command, the commit the worktree started from (a later
 * attempt resets to it) and the files setup created (never committed). Persisted as the record's
 * {@code checkout}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckoutPlan(String runId, String setup, String start, List<String> setupCreated) {
    public static final CheckoutPlan NONE = new CheckoutPlan(null, null, null, null);

    public CheckoutPlan {
        setupCreated = setupCreated == null ? null : List.copyOf(setupCreated);
    }

    public CheckoutPlan startingAt(String commit) {
        return new CheckoutPlan(runId, setup, commit, setupCreated);
    }

    public CheckoutPlan withCreated(List<String> created) {
        List<String> all = new ArrayList<>(created());
        all.addAll(created);
        return new CheckoutPlan(runId, setup, start, all);
    }

    /** The files setup created, empty when it created none. */
    public List<String> created() {
        return setupCreated == null ? List.of() : setupCreated;
    }
}
