package dev.harness.api.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.api.worker.Budget;
import dev.harness.api.worker.UsageTotal;
import dev.harness.protocol.Json;
import java.util.List;

/**
 * What {@code orchestrator status RUN --json} prints: the run's state as its log tells it. The
 * orchestrator writes it and harness-mcp reads it (to put a waiting gate to the person), so both
 * go through this record.
 *
 * @param approvalHolds the approved digest is the plan's digest (the plan gate is passed)
 * @param budget        the run's budget; absent when it has none
 * @param tasks         each task's state as the orchestrator keeps it (open objects); {@link #taskLines()} is the typed view
 * @param pendingEscalation the task waiting for a person's decision; absent when none
 * @param failingChecks the last failing check of each task, by task id
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RunStatusReport(String runId, RunStatus status, String objective, String workspace, String planDigest,
                              String approvedDigest, boolean approvalHolds, int completed, int failed, int skipped,
                              UsageTotal usage, @JsonInclude(JsonInclude.Include.NON_NULL) Budget budget,
                              List<ObjectNode> tasks,
                              @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode pendingEscalation,
                              ObjectNode failingChecks, List<String> tasksToRun, String log) {
    public RunStatusReport {
        if (runId == null || status == null) {
            throw new IllegalArgumentException("a run's status names the run and its status");
        }
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
        tasksToRun = tasksToRun == null ? List.of() : List.copyOf(tasksToRun);
        failingChecks = failingChecks == null ? Json.object() : failingChecks;
    }

    /** A task as a line of a summary: its id, title and the files its packet says it changes (empty when none). */
    public record TaskLine(String id, String title, List<String> files) {
        public TaskLine {
            files = files == null ? List.of() : files.stream().filter(java.util.Objects::nonNull).toList();
        }

        public TaskLine(String id, String title) {
            this(id, title, null);
        }
    }

    public List<TaskLine> taskLines() {
        return tasks.stream().map(task -> Json.convert(task, TaskLine.class)).toList();
    }

    /** Whether the run waits at a gate (the plan's approval or the workspace's trust). */
    public boolean atGate() {
        return status == RunStatus.AWAITING_APPROVAL || status == RunStatus.AWAITING_TRUST;
    }
}
