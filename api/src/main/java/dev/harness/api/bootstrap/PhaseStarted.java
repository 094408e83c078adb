package dev.harness.api.bootstrap;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The phase_started notification (written before the response). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PhaseStarted(Phase phase, long timestamp, String time, String cwd) {
    public PhaseStarted {
        if (phase == null) {
            throw new IllegalArgumentException("phase_started names its phase");
        }
    }
}
