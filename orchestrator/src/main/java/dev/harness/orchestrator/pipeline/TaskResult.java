package dev.harness.orchestrator.pipeline;

/** How one task's turn ended, as far as the scheduler is concerned. */
public sealed interface TaskResult {
    record Completed(String workerId) implements TaskResult {}

    record Failed(String workerId, String failureClass, String reason) implements TaskResult {}

    record Skipped(String reason) implements TaskResult {}

    /** Not run in this pass: the work it verifies conflicts and is sent back first; the next pass runs it. */
    record Postponed(String reason) implements TaskResult {}

    /** Escalated and no decision could be asked for here: the run pauses in awaiting_decision. */
    record AwaitingDecision(String workerId, String failureClass, String reason) implements TaskResult {}

    /** A human chose abort: no further task starts, running ones are cancelled. */
    record Aborted(String workerId, String reason) implements TaskResult {}

    /** The orchestrator was interrupted (SIGINT/SIGTERM) and cancelled the worker: resume runs the task again. */
    record Interrupted(String workerId) implements TaskResult {}
}
