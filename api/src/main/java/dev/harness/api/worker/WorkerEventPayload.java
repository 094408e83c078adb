package dev.harness.api.worker;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.Json;
import java.util.List;

/**
 * The payload of each worker event kind, as worker-event.schema.json specifies it per kind.
 * Payloads are open (a newer worker manager may add fields; readers ignore what they do not
 * know), so an event keeps its payload as JSON and {@link #of} gives the typed view.
 */
public sealed interface WorkerEventPayload {

    /** The typed payload of an event of this kind. */
    static WorkerEventPayload of(WorkerEventKind kind, ObjectNode payload) {
        ObjectNode json = payload == null ? Json.object() : payload;
        Class<? extends WorkerEventPayload> type = switch (kind) {
            case SPAWNING -> Spawning.class;
            case TRUST_REQUIRED, READY_FOR_PROMPT, RUNNING, FINISHED, FAILED, CANCELLED -> StateChanged.class;
            case TRUST_RESOLVED -> TrustResolved.class;
            case TRUST_DENIED -> TrustDenied.class;
            case ATTEMPT_STARTED -> AttemptStarted.class;
            case AGENT_EXITED -> AgentExited.class;
            case ACCEPTANCE_TEST_RESULT -> AcceptanceTestResult.class;
            case COMMIT_CREATED -> CommitCreated.class;
            case COMMIT_SKIPPED -> CommitSkipped.class;
            case PERMISSION_REQUIRED -> PermissionRequired.class;
            case FAILURE_CLASSIFIED -> FailureClassified.class;
            case RECOVERY_ATTEMPTED -> RecoveryAttempted.class;
            case RECOVERY_APPLIED -> RecoveryApplied.class;
            case RECOVERY_ESCALATION -> RecoveryEscalation.class;
            case DECISION_RECORDED -> DecisionRecorded.class;
            case INTERRUPTED -> Interrupted.class;
            case WORKTREE_CREATED -> WorktreeCreated.class;
            case WORKTREE_PREPARED -> WorktreePrepared.class;
            case SETUP_FAILED -> SetupFailed.class;
            case WORKTREE_RESET -> WorktreeReset.class;
            case USAGE_RECORDED -> UsageRecorded.class;
            case HOST_ASSIGNED -> HostAssigned.class;
            case HOST_LOST -> HostLost.class;
            case CHECKS_PLACED -> ChecksPlaced.class;
        };
        WorkerEventPayload direct = WorkerPayloadDecoders.decode(kind, json);
        return direct != null ? direct : Json.convert(json, type);
    }

    /** The Temporal executor: a worker host took the attempt (its {@code hostAttempt}-th dispatch, on a task queue). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record HostAssigned(String host, Integer hostAttempt, String taskQueue) implements WorkerEventPayload {}

    /** The Temporal executor: the host running the attempt stopped heartbeating (it died or was cut off); it goes to another. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record HostLost(String host, Integer hostAttempt, String reason) implements WorkerEventPayload {}

    /** The worker was created for a packet (nothing runs yet). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Spawning(String workspace, String scopePath, String agent, String packetDigest, String planId)
            implements WorkerEventPayload {}

    /**
     * A state transition (trust_required, ready_for_prompt, running, finished, failed, cancelled):
     * from and to, why, and what the new state carries (failed: the class and whether a decision
     * is awaited; running again: the next attempt; finished: the commit, and whether the task's own
     * tests fail on its base).
     *
     * @param queued running: every slot of the pool is busy, so the attempt waits for one
     * @param agent  running: the agent the attempt runs (its preset or template)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record StateChanged(WorkerState from, WorkerState to, String reason, FailureClass failureClass,
                        Boolean escalationRequired, Decision decision, Integer nextAttempt, Long delayMs,
                        Integer attempts, String commit, String branch, Verification verification,
                        Integer changedCount, List<String> changedFiles, TestEvidence testEvidence, Boolean queued,
                        String agent)
            implements WorkerEventPayload {
        public boolean awaitsDecision() {
            return Boolean.TRUE.equals(escalationRequired);
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TrustResolved(String approver, ApprovalSource source, String time, String comment, String digest,
                         String root, String policy) implements WorkerEventPayload {
        public Approval approval() {
            return new Approval(approver, source, time, comment, digest, root, policy);
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TrustDenied(String approver, ApprovalSource source, String time, String reason, String root,
                       String comment, String digest) implements WorkerEventPayload {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AttemptStarted(Integer attempt, String agent, String workdir, String logDir, Boolean withFeedback)
            implements WorkerEventPayload {}

    /**
     * @param exitCode    null when the agent did not exit by itself (timed out, could not start)
     * @param agentResult the agent's own structured summary where it gives one (Claude Code's result event)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AgentExited(String agent, @JsonInclude(JsonInclude.Include.ALWAYS) Integer exitCode, Boolean timedOut,
                       Long durationMs, String startError, String log, ObjectNode agentResult, String outputTail,
                       Long outputBytes, Boolean outputTruncated)
            implements WorkerEventPayload {}

    /**
     * What one attempt's agent reported it used (issue 17), as far as it reports it.
     *
     * @param source where the figures come from: claude_result, codex_turns, aider_output or usage_file
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record UsageRecorded(Integer attempt, String source, Double costUsd, Long inputTokens, Long outputTokens,
                         Long cacheReadTokens, Long cacheCreationTokens, Integer numTurns, Boolean isError,
                         Integer permissionDenials)
            implements WorkerEventPayload {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AcceptanceTestResult(Integer index, String command, @JsonInclude(JsonInclude.Include.ALWAYS) Integer exitCode,
                                Boolean passed, Boolean timedOut, Long durationMs, String outputTail, Long outputBytes,
                                Boolean outputTruncated, String log)
            implements WorkerEventPayload {
        public TestResult result() {
            return new TestResult(index, command, exitCode, passed, timedOut, durationMs, outputTail, outputBytes,
                    outputTruncated, log);
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CommitCreated(String branch, String worktree, String commit) implements WorkerEventPayload {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CommitSkipped(String reason, String branch, String worktree) implements WorkerEventPayload {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PermissionRequired(String reason, Evidence evidence, String hint) implements WorkerEventPayload {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record FailureClassified(FailureClass failureClass, Evidence evidence) implements WorkerEventPayload {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RecoveryAttempted(FailureClass failureClass, RecoveryAction action, Integer retry, Integer maxRetries,
                             Integer nextAttempt, Long delayMs, Boolean withFeedback) implements WorkerEventPayload {}

    /** @param outcome recovered or failed_again (then newFailureClass) */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RecoveryApplied(FailureClass failureClass, String outcome, FailureClass newFailureClass)
            implements WorkerEventPayload {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RecoveryEscalation(FailureClass failureClass, String reason, String summary, List<Decision> allowedDecisions,
                              Integer retriesLeft, String escalationPolicy) implements WorkerEventPayload {}

    /**
     * @param humanRetry   a person's retry: which one of this failure class (counted even beyond the recipe)
     * @param beyondRecipe that retry is more than the recipe foresees (it is honoured all the same)
     * @param nextAttempt  a retry: the attempt it leads to
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DecisionRecorded(Decision decision, String approver, ApprovalSource source, String time, String comment,
                            FailureClass failureClass, String digest, Boolean trustRechecked, Integer humanRetry,
                            Boolean beyondRecipe, Integer nextAttempt)
            implements WorkerEventPayload {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Interrupted(String reason, Long previousOwnerPid) implements WorkerEventPayload {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record WorktreeCreated(String worktree, String branch, String baseCommit, String startCommit, List<String> baseRefs)
            implements WorkerEventPayload {}

    /** @param source how it was prepared: setup_command (the configured one) or npm */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record WorktreePrepared(String worktree, String source, String command, Integer exitCode, Long durationMs,
                            String outputTail) implements WorkerEventPayload {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SetupFailed(String worktree, String source, String command, Integer exitCode, Long durationMs,
                       String outputTail) implements WorkerEventPayload {}

    /** A later attempt starts from clean files at this commit. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record WorktreeReset(String worktree, String commit) implements WorkerEventPayload {}

    /**
     * Where the attempt's acceptance tests run (before the first one): {@code directory} is a
     * throwaway checkout or copy of {@code workdir} removed after the tests, or {@code workdir}
     * itself for in_place, with {@code reason} saying why no copy was made.
     *
     * @param carried untracked (and small ignored) files carried into the copy; {@code linked}
     *                dependency directories (node_modules, .venv …) linked from the work directory
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ChecksPlaced(ChecksPlacement placement, String workdir, String directory, String reason, Integer carried,
                        List<String> linked, Long durationMs) implements WorkerEventPayload {}
}
