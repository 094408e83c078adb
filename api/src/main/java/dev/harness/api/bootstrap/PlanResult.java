package dev.harness.api.bootstrap;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** execute_plan's result: the phases that ran, stopping at the first failure (failed_phase). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlanResult(boolean success, List<PhaseResult> results, Phase failedPhase) {
    public PlanResult {
        if (results == null) {
            throw new IllegalArgumentException("a plan result lists its results");
        }
        if (success && failedPhase != null) {
            throw new IllegalArgumentException("a successful plan has no failed phase");
        }
        results = List.copyOf(results);
    }
}
