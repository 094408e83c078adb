package dev.harness.orchestrator.runlog;

/**
 * A recorded gate decision: which gate, what it covered (digest), who decided, how, when.
 *
 * @param decision approved, rejected or modified
 */
public record Approval(String gate, String decision, String digest, String approver, String source,
                       String comment, String taskId, String time) {}
