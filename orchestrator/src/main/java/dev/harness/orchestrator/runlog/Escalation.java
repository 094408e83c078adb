package dev.harness.orchestrator.runlog;

/** A failed task waiting for a person's decision (retry, skip or abort). */
public record Escalation(String taskId, String workerId, String failureClass, String reason) {}
