package dev.harness.orchestrator.runlog;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A recorded gate decision: which gate, what it covered (digest), who decided, how, when.
 *
 * @param decision approved, rejected or modified
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class) // same field names as the event log
public record Approval(String gate, String decision, String digest, String approver, String source,
                       String comment, String taskId, String time) {}
