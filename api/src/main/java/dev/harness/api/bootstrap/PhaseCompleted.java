package dev.harness.api.bootstrap;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The phase_completed notification (written before the response). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PhaseCompleted(Phase phase, boolean success, Boolean recorded, ObjectNode artifacts,
                             List<String> diagnostics, long timestamp, String time, Long durationMs) {
    public PhaseCompleted {
        if (phase == null) {
            throw new IllegalArgumentException("phase_completed names its phase");
        }
        diagnostics = diagnostics == null ? null : List.copyOf(diagnostics);
    }
}
