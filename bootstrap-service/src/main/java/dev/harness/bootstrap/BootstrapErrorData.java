package dev.harness.bootstrap;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.harness.api.bootstrap.Phase;
import dev.harness.api.bootstrap.PhaseResult;
import java.util.List;

/**
 * The {@code data} of the bootstrap's domain errors (api's BootstrapError), one record per shape.
 * The contract declares the errors, not their data, so these are the service's own.
 */
final class BootstrapErrorData {
    private BootstrapErrorData() {}

    /** workspace_not_found: the cwd as given; {@code exists} is absent when it exists but cannot be resolved. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record WorkspaceMissing(String cwd, Boolean exists) {}

    /** phase_out_of_order: the phase listed too early, the one it depends on, and the order to use. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record OutOfOrder(Phase phase, Phase prerequisite, List<Phase> requiredOrder) {}

    /** prerequisite_failed: the phase asked for, the prerequisite that failed, and that one's result. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record PrerequisiteFailed(Phase phase, Phase failedPrerequisite, PhaseResult result) {}
}
