package dev.harness.api.rpc;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.harness.api.worker.WorkerState;
import java.util.List;

/**
 * The {@code data} of worker-manager's domain errors ({@link WorkerError}), one record per shape, so
 * the manager writes and a client reads the same names.
 */
public final class WorkerErrorData {
    private WorkerErrorData() {}

    /**
     * trust_denied: a denied root, a trusted root that no longer holds, or an approval of another packet.
     *
     * @param workerId       absent for grant_trust (no worker yet)
     * @param reason         the policy's reason (absent when only the digest differs)
     * @param root           the policy root that decided, when one did
     * @param approvedDigest the packet_digest the approver was shown, when the refusal is about the packet
     * @param packetDigest   the worker's packet's digest now
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TrustRefused(String workerId, WorkerState state, String workspace, String reason, String root,
                               String approvedDigest, String packetDigest) {}

    /** workspace_not_found: the workspace as given (resolved against the manager's directory). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WorkspaceMissing(String workspace) {}

    /** scope_outside_workspace: the packet's scope_path, the workspace, and where the scope really leads. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ScopeOutside(String scopePath, String workspace, String resolved) {}

    /**
     * illegal_transition: the worker's state, the one asked for, and the states it may move to.
     *
     * @param allowed in the order of the state machine (WorkerState's order)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record IllegalTransition(WorkerState currentState, WorkerState requested, List<WorkerState> allowed) {
        public IllegalTransition {
            allowed = allowed == null ? List.of() : List.copyOf(allowed);
        }
    }

    /** no_escalation_pending: the worker's state, and whether it waits for a decision (it does not). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NoEscalationPending(WorkerState currentState, boolean escalationRequired) {}
}
