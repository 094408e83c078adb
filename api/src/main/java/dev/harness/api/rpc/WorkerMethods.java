package dev.harness.api.rpc;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.api.worker.ApprovalSource;
import dev.harness.api.worker.Budget;
import dev.harness.api.worker.Decision;
import dev.harness.api.worker.WorkerSnapshot;
import dev.harness.api.worker.WorkerState;
import java.util.Arrays;
import java.util.List;

/** worker-manager's methods (contracts/worker-manager.contract.yaml), one descriptor each. */
public final class WorkerMethods {
    public static final String SERVICE = "worker-manager";
    private static final List<WorkerError> ERRORS = Arrays.asList(WorkerError.values());

    private WorkerMethods() {}

    private static String requireWorker(String workerId) {
        if (workerId == null || workerId.isEmpty()) {
            throw new IllegalArgumentException("a worker_id is required");
        }
        return workerId;
    }

    /**
     * spawn_worker's params (contract: spawn_worker's schema, which checks their form first).
     *
     * @param taskPacket   the packet as JSON: the worker's approval covers its exact content
     * @param baseRefs     branches or commits the task builds on (its dependencies' branches)
     * @param runId        the orchestrator's run; names the branch harness/RUN/TASK
     * @param setup        the person's command that prepares a fresh worktree
     * @param feedback     what the first attempt's prompt must say from an earlier try (a merge conflict, say)
     * @param systemPrompt absolute path of the system prompt the bootstrap assembled
     * @param budget       what this worker may spend (the rest of the task's own budget)
     * @param runBudget    what is left of the run's budget, shared with the manager's other workers
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SpawnParams(ObjectNode taskPacket, String workspace, String agent, String taskId, String planId,
                              List<String> baseRefs, String runId, String setup, String feedback, String systemPrompt,
                              Budget budget, Budget runBudget) {
        public SpawnParams {
            if (taskPacket == null) {
                throw new IllegalArgumentException("spawn_worker needs a task_packet");
            }
            baseRefs = baseRefs == null ? null : List.copyOf(baseRefs);
        }

        /** A packet to run in a workspace, everything else the manager's defaults. */
        public SpawnParams(ObjectNode taskPacket, String workspace) {
            this(taskPacket, workspace, null, null, null, null, null, null, null, null, null, null);
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SpawnResult(String workerId, WorkerState state) {}

    /** Params of the methods that only name a worker: check_trust, get_worker. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record WorkerRef(String workerId) {
        public WorkerRef {
            requireWorker(workerId);
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CheckTrustResult(boolean requiresApproval, String reason, WorkerState state) {}

    /**
     * grant_trust: the run's one trust decision; without an approval source only the policy's verdict.
     *
     * @param digests the packet_digest of every packet the approver was shown
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GrantTrustParams(String runId, String workspace, List<String> digests, ApprovalSource approvalSource,
                                   String approver, String comment) {
        public GrantTrustParams {
            if (runId == null || runId.isEmpty() || workspace == null || workspace.isEmpty() || digests == null) {
                throw new IllegalArgumentException("grant_trust needs a run_id, a workspace and the packet digests");
            }
            digests = List.copyOf(digests);
        }
    }

    /** @param verdict trusted or requires_approval (a denied root is the trust_denied error) */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GrantTrustResult(String verdict, String reason, boolean granted, Integer digests) {}

    /** @param digest the packet_digest the approver was shown (refused when the packet changed) */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MarkTrustedParams(String workerId, ApprovalSource approvalSource, String approver, String comment,
                                    String digest) {
        public MarkTrustedParams {
            requireWorker(workerId);
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MarkTrustedResult(boolean success, WorkerState state, String digest) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DenyTrustParams(String workerId, String approver, String comment) {
        public DenyTrustParams {
            requireWorker(workerId);
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DenyTrustResult(boolean success, WorkerState state) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RunParams(String workerId, String prompt) {
        public RunParams {
            requireWorker(workerId);
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RunResult(String workerId, WorkerState state) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WaitParams(String workerId, Long timeoutMs) {
        public WaitParams {
            requireWorker(workerId);
            if (timeoutMs != null && timeoutMs < 0) {
                throw new IllegalArgumentException("timeout_ms is never negative");
            }
        }
    }

    /**
     * list_workers: one page of workers in spawn order, optionally of one state.
     *
     * @param cursor the next_cursor of the previous page (absent: from the first worker)
     * @param limit  at most this many workers (default {@link #LIST_LIMIT_DEFAULT})
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ListParams(WorkerState state, String cursor, Integer limit) {
        public ListParams {
            if (limit != null && (limit < 1 || limit > LIST_LIMIT_MAX)) {
                throw new IllegalArgumentException("limit is between 1 and " + LIST_LIMIT_MAX);
            }
        }

        public ListParams(WorkerState state) {
            this(state, null, null);
        }
    }

    /** A page of list_workers answers holds this many workers unless the request says otherwise... */
    public static final int LIST_LIMIT_DEFAULT = 100;
    /** ...and never more than this many. */
    public static final int LIST_LIMIT_MAX = 1000;

    /**
     * @param nextCursor pass it as cursor for the next page; absent on the last page
     * @param complete   this page reaches the last worker
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WorkerList(List<WorkerSnapshot> workers, String nextCursor, boolean complete) {
        public WorkerList {
            workers = List.copyOf(workers);
        }

        /** A whole list on one page. */
        public WorkerList(List<WorkerSnapshot> workers) {
            this(workers, null, true);
        }
    }

    /**
     * get_worker_events: the events of one worker after a seq (or an event_id WORKER:SEQ), at most
     * {@code limit}; what a client that was not listening missed.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EventsParams(String workerId, Long afterSeq, String afterEventId, Integer limit) {
        public EventsParams {
            requireWorker(workerId);
            if (afterSeq != null && afterSeq < -1 || limit != null && limit < 1) {
                throw new IllegalArgumentException("after_seq is at least -1 and limit at least 1");
            }
        }
    }

    /**
     * @param nextAfterSeq the seq of the last event returned (pass it as after_seq for more)
     * @param complete     the events returned reach the worker's latest one
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WorkerEvents(String workerId, WorkerState state, Long eventCount,
                               List<dev.harness.api.worker.WorkerEvent> events, long nextAfterSeq, boolean complete) {
        public WorkerEvents {
            events = events == null ? List.of() : List.copyOf(events);
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CancelParams(String workerId, String reason) {
        public CancelParams {
            requireWorker(workerId);
        }
    }

    /**
     * @param run    with retry: start the worker again at once
     * @param source how the person gave the decision (human_tty, cli_flag, web, mcp_elicitation), for the worker's own record
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DecideParams(String workerId, Decision decision, String approver, String comment, Boolean run,
                               dev.harness.api.worker.ApprovalSource source) {
        public DecideParams {
            requireWorker(workerId);
            if (decision == null) {
                throw new IllegalArgumentException("decide needs a decision");
            }
        }

        public DecideParams(String workerId, Decision decision, String approver, String comment, Boolean run) {
            this(workerId, decision, approver, comment, run, null);
        }
    }

    public static final MethodDescriptor<SpawnParams, SpawnResult> SPAWN_WORKER = new MethodDescriptor<>(
            SERVICE, "spawn_worker", SpawnParams.class, new TypeReference<>() {}, ERRORS);
    public static final MethodDescriptor<GrantTrustParams, GrantTrustResult> GRANT_TRUST = new MethodDescriptor<>(
            SERVICE, "grant_trust", GrantTrustParams.class, new TypeReference<>() {}, ERRORS);
    public static final MethodDescriptor<WorkerRef, CheckTrustResult> CHECK_TRUST = new MethodDescriptor<>(
            SERVICE, "check_trust", WorkerRef.class, new TypeReference<>() {}, ERRORS);
    public static final MethodDescriptor<MarkTrustedParams, MarkTrustedResult> MARK_TRUSTED = new MethodDescriptor<>(
            SERVICE, "mark_trusted", MarkTrustedParams.class, new TypeReference<>() {}, ERRORS);
    public static final MethodDescriptor<DenyTrustParams, DenyTrustResult> DENY_TRUST = new MethodDescriptor<>(
            SERVICE, "deny_trust", DenyTrustParams.class, new TypeReference<>() {}, ERRORS);
    public static final MethodDescriptor<RunParams, RunResult> RUN_WORKER = new MethodDescriptor<>(
            SERVICE, "run_worker", RunParams.class, new TypeReference<>() {}, ERRORS);
    public static final MethodDescriptor<WaitParams, WorkerSnapshot> WAIT_WORKER = new MethodDescriptor<>(
            SERVICE, "wait_worker", WaitParams.class, new TypeReference<>() {}, ERRORS);
    public static final MethodDescriptor<WorkerRef, WorkerSnapshot> GET_WORKER = new MethodDescriptor<>(
            SERVICE, "get_worker", WorkerRef.class, new TypeReference<>() {}, ERRORS);
    public static final MethodDescriptor<ListParams, WorkerList> LIST_WORKERS = new MethodDescriptor<>(
            SERVICE, "list_workers", ListParams.class, new TypeReference<>() {}, ERRORS);
    public static final MethodDescriptor<EventsParams, WorkerEvents> GET_WORKER_EVENTS = new MethodDescriptor<>(
            SERVICE, "get_worker_events", EventsParams.class, new TypeReference<>() {}, ERRORS);
    public static final MethodDescriptor<CancelParams, WorkerSnapshot> CANCEL_WORKER = new MethodDescriptor<>(
            SERVICE, "cancel_worker", CancelParams.class, new TypeReference<>() {}, ERRORS);
    public static final MethodDescriptor<DecideParams, WorkerSnapshot> DECIDE = new MethodDescriptor<>(
            SERVICE, "decide", DecideParams.class, new TypeReference<>() {}, ERRORS);

    public static final List<MethodDescriptor<?, ?>> ALL = List.of(SPAWN_WORKER, GRANT_TRUST, CHECK_TRUST, MARK_TRUSTED, DENY_TRUST,
            RUN_WORKER, WAIT_WORKER, GET_WORKER, LIST_WORKERS, GET_WORKER_EVENTS, CANCEL_WORKER, DECIDE);

    /** The worker_event notification carries a {@link dev.harness.api.worker.WorkerEvent}. */
    public static final String WORKER_EVENT = "worker_event";
}
