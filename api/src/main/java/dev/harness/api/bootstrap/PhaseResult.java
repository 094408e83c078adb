package dev.harness.api.bootstrap;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One phase's outcome (execute_phase's result, an item of execute_plan's results).
 *
 * @param artifacts what the phase found, by phase (cli_entry: workspace, git, agent...; main_runtime:
 *                  ready, report_path...). An open object: each phase owns its fields.
 * @param recorded  the result was recorded by an earlier run (the phase did not run again)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PhaseResult(
        Phase phase,
        boolean success,
        List<String> diagnostics,
        ObjectNode artifacts,
        Boolean recorded,
        List<Phase> prerequisitesRun,
        String startedAt,
        Long durationMs) {
    public PhaseResult {
        if (phase == null || diagnostics == null || artifacts == null) {
            throw new IllegalArgumentException("a phase result names its phase, diagnostics and artifacts");
        }
        diagnostics = List.copyOf(diagnostics);
        prerequisitesRun = prerequisitesRun == null ? null : List.copyOf(prerequisitesRun);
    }

    public boolean wasRecorded() {
        return Boolean.TRUE.equals(recorded);
    }
}
