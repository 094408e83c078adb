package dev.harness.api.worker;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One worker as the worker manager reports it (get_worker, wait_worker, cancel_worker, decide,
 * list_workers items: the contract's snapshot schema). The task packet stays JSON: an approval
 * covers its exact bytes (packet_digest).
 *
 * @param escalationRequired true while the worker waits in failed for decide
 * @param failureClass       always written, as null while nothing failed (clients test it for null)
 * @param decision           the latest decision, or trust denial
 * @param baseRefs           the branches or commits merged into its worktree first (spawn_worker's base_refs)
 * @param attemptHistory     one entry per attempt (attempt, started_at, ended_at, agent, acceptance, outcome...)
 * @param events             get_worker only: the worker's events, oldest first
 * @param timedOut           wait_worker returned because its timeout passed
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkerSnapshot(
        String workerId,
        String taskId,
        String planId,
        WorkerState state,
        ObjectNode taskPacket,
        String packetDigest,
        String workspace,
        String scopePath,
        String agent,
        Integer attempts,
        Boolean escalationRequired,
        @JsonInclude(JsonInclude.Include.ALWAYS) FailureClass failureClass,
        Evidence evidence,
        String failureSummary,
        TrustAssessment trust,
        Approval approval,
        DecisionRecord decision,
        List<DecisionRecord> decisions,
        String workdir,
        String worktree,
        String branch,
        String baseCommit,
        List<String> baseRefs,
        String commit,
        Verification verification,
        TestEvidence testEvidence,
        Changes changes,
        List<TestResult> acceptance,
        List<ObjectNode> attemptHistory,
        List<String> logs,
        String createdAt,
        String updatedAt,
        String startedAt,
        String endedAt,
        Long durationMs,
        Integer eventCount,
        List<WorkerEvent> events,
        Boolean timedOut) {
    public WorkerSnapshot {
        if (workerId == null || state == null || taskPacket == null) {
            throw new IllegalArgumentException("a worker snapshot has a worker_id, a state and a task_packet");
        }
        if (attempts != null && attempts < 0) {
            throw new IllegalArgumentException("attempts is never negative");
        }
        baseRefs = baseRefs == null || baseRefs.isEmpty() ? null : List.copyOf(baseRefs);
    }

    /** What spawn_worker's answer tells of a new worker: its id, its state and the packet it was given. */
    public static WorkerSnapshot spawned(String workerId, WorkerState state, ObjectNode taskPacket) {
        return new WorkerSnapshot(workerId, null, null, state, taskPacket, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null);
    }

    /** This snapshot as wait_worker answers it: whether its timeout passed first. */
    public WorkerSnapshot withTimedOut(boolean passed) {
        return new WorkerSnapshot(workerId, taskId, planId, state, taskPacket, packetDigest, workspace, scopePath, agent,
                attempts, escalationRequired, failureClass, evidence, failureSummary, trust, approval, decision, decisions,
                workdir, worktree, branch, baseCommit, baseRefs, commit, verification, testEvidence, changes, acceptance,
                attemptHistory, logs, createdAt, updatedAt, startedAt, endedAt, durationMs, eventCount, events, passed);
    }

    /** What a task changed in its scope: how many files, and (up to 20) which, relative to the workspace. */
    public record Changes(Integer count, List<String> files) {}

    public boolean awaitsDecision() {
        return Boolean.TRUE.equals(escalationRequired);
    }

    public boolean hasTimedOut() {
        return Boolean.TRUE.equals(timedOut);
    }
}
