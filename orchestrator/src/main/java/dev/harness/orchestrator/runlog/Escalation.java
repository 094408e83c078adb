package dev.harness.orchestrator.runlog;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.harness.api.worker.FailureClass;

/** A failed task waiting for a person's decision (retry, skip or abort). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class) // same field names as the event log
public record Escalation(String taskId, String workerId, FailureClass failureClass, String reason) {}
