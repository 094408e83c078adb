package dev.harness.api.bootstrap;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** get_status's result: which phases have a recorded result for the workspace. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BootstrapStatus(String workspace, String runDir, List<PhaseRecord> phases, Boolean ready) {
    public BootstrapStatus {
        if (phases == null) {
            throw new IllegalArgumentException("a bootstrap status lists its phases");
        }
        phases = List.copyOf(phases);
    }
}
