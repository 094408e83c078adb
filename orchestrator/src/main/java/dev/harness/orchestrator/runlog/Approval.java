package dev.harness.orchestrator.runlog;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.harness.api.run.Gate;
import dev.harness.api.worker.ApprovalSource;

/**
 * A recorded gate decision: which gate, what it covered (digest), who decided, how, when.
 *
 * @param gate     the plan gate, or a task's trust gate (taskId names the task)
 * @param decision approved, rejected or modified
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class) // same field names as the event log
public record Approval(Gate gate, String decision, String digest, String approver, ApprovalSource source,
                       String comment, String taskId, String time) {}
