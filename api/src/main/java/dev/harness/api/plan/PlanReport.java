package dev.harness.api.plan;

import java.util.List;

/**
 * What planning-service validate answers: problems are reported, not raised. A plan is valid
 * exactly when it has no errors (warnings do not make it invalid).
 */
public record PlanReport(boolean valid, List<PlanFinding> errors, List<PlanFinding> warnings) {
    public PlanReport {
        if (errors == null || warnings == null) {
            throw new IllegalArgumentException("a plan report lists errors and warnings (empty when none)");
        }
        if (valid != errors.isEmpty()) {
            throw new IllegalArgumentException(valid ? "a plan with errors cannot be valid" : "a plan without errors is valid");
        }
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }
}
