package dev.harness.orchestrator.pipeline;

import dev.harness.api.worker.ApprovalSource;
import dev.harness.api.run.Gate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.orchestrator.runlog.PlanDigest;
import dev.harness.api.run.RunStatus;
import dev.harness.protocol.Json;
import dev.harness.protocol.RpcException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The trust gate for a worker whose workspace the trust policy does not already trust: --trust,
 * a person at the terminal, or a pause. Every outcome is recorded like a plan approval. Once a
 * person trusted the workspace, later workers of the same run do not ask again (the approval is
 * still recorded per worker, naming the earlier one).
 */
final class TrustGate {
    private static final Duration CALL = Duration.ofSeconds(60);
    private final RunContext ctx;
    private volatile boolean trustedByHuman;
    private volatile boolean policyShown;
    /** How an earlier invocation of this run trusted the workspace (resume), or null. */
    private final String trustedEarlierBy;

    TrustGate(RunContext ctx, String trustedEarlierBy) {
        this.ctx = ctx;
        this.trustedEarlierBy = trustedEarlierBy;
    }

    /** Records that the policy trusted the workspace by itself (check_trust said no approval needed). */
    void recordPolicy(String taskId, JsonNode packet, String reason) {
        if (!policyShown) {
            policyShown = true;
            ctx.console().info("Workspace trusted by your trust policy" + (reason == null ? "" : " (" + reason + ")") + ".");
        }
        ctx.log().append(ctx.approved(Gate.TRUST, PlanDigest.of(packet), ApprovalSource.POLICY,
                reason == null ? "trusted by the trust policy" : reason, taskId));
    }

    /** Records that the trust policy denies the workspace (check_trust refused the worker): the task fails as a permission failure. */
    TaskResult deniedByPolicy(String taskId, String workerId, JsonNode packet, String reason) {
        ctx.log().append(ctx.rejected(Gate.TRUST, PlanDigest.of(packet), ApprovalSource.POLICY, reason, taskId));
        return new TaskResult.Failed(workerId, "permission", reason);
    }

        /** Resolves trust for a worker in trust_required; null when it may now run. */
    TaskResult resolve(String taskId, String title, String workerId, JsonNode packet, String reason) {
        if (ctx.settings().trust()) {
            return approve(taskId, workerId, packet, "cli_flag", "--trust: the workspace is trusted for this run");
        }
        if (trustedEarlierBy != null) {
            return approve(taskId, workerId, packet, trustedEarlierBy,
                    "the workspace was trusted for this run before it was resumed (" + trustedEarlierBy + ")");
        }
        if (trustedByHuman) {
            return approve(taskId, workerId, packet, "human_tty", "the workspace was trusted at the terminal earlier in this run");
        }
        if (!ctx.terminal().interactive()) {
            return new TaskResult.AwaitingTrust(workerId, "the workspace " + ctx.settings().workspace()
                    + " needs trust before task " + taskId + " can run" + (reason == null ? "" : " (" + reason + ")"));
        }
        Optional<String> answer = ctx.terminal().atGate(new Terminal.Gate(RunStatus.AWAITING_APPROVAL, taskId,
                "the workspace " + ctx.settings().workspace() + " needs trust before task " + taskId + " can run"),
                () -> ctx.terminal().choose("Task " + taskId + " (" + title + ") would run in "
                + ctx.settings().workspace() + ", which the trust policy does not trust"
                + (reason == null ? "" : " (" + reason + ")") + ". Trust this workspace for this run?", List.of("yes", "no")));
        if (answer.isEmpty()) {
            return new TaskResult.AwaitingTrust(workerId, "no answer at the terminal");
        }
        if (answer.get().equals("yes")) {
            TaskResult result = approve(taskId, workerId, packet, "human_tty", "trusted at the terminal");
            if (result == null) {
                trustedByHuman = true;
            }
            return result;
        }
        ObjectNode params = Json.object();
        params.put("worker_id", workerId);
        params.put("approver", ctx.approver());
        params.put("comment", "trust refused at the terminal");
        try {
            ctx.services().workers().call("deny_trust", params, CALL);
        } catch (RpcException e) {
            ctx.console().warn("worker-manager did not record the refusal: " + e.getMessage());
        }
        ctx.log().append(ctx.rejected(Gate.TRUST, PlanDigest.of(packet), ApprovalSource.HUMAN_TTY,
                "trust refused at the terminal", taskId));
        return new TaskResult.Failed(workerId, "permission", "trust refused for " + ctx.settings().workspace());
    }

    private TaskResult approve(String taskId, String workerId, JsonNode packet, String source, String comment) {
        ObjectNode params = Json.object();
        params.put("worker_id", workerId);
        params.put("approval_source", source);
        params.put("approver", ctx.approver());
        params.put("comment", comment);
        try {
            JsonNode result = ctx.services().workers().call("mark_trusted", params, CALL);
            String digest = result.path("digest").asText("");
            ctx.log().append(ctx.approved(Gate.TRUST, digest.isEmpty() ? PlanDigest.of(packet) : digest,
                    ApprovalSource.fromWire(source), comment, taskId));
            return null;
        } catch (RpcException e) {
            ctx.log().append(ctx.rejected(Gate.TRUST, PlanDigest.of(packet), ApprovalSource.POLICY, e.getMessage(), taskId));
            return new TaskResult.Failed(workerId, "permission", e.getMessage());
        }
    }
}
