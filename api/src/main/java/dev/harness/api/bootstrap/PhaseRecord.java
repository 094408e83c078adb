package dev.harness.api.bootstrap;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One phase in get_status.
 *
 * @param current false when the inputs changed since the record, so the phase would run again
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PhaseRecord(Phase phase, PhaseRecordStatus status, String completedAt, Boolean current) {
    public PhaseRecord {
        if (phase == null || status == null) {
            throw new IllegalArgumentException("a phase record names its phase and status");
        }
    }
}
