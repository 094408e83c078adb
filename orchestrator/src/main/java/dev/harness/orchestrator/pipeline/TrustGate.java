package dev.harness.orchestrator.pipeline;

import dev.harness.api.worker.ApprovalSource;
import dev.harness.api.run.Gate;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.harness.api.rpc.WorkerError;
import dev.harness.api.rpc.WorkerMethods;
import dev.harness.orchestrator.runlog.PlanDigest;
import dev.harness.api.run.RunStatus;
import dev.harness.protocol.RpcException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The run's one trust gate, resolved after the plan gate and before the bootstrap: --no-trust, the trust
 * policy's verdict, then --trust, an earlier approval of this run (resume), a person at the
 * terminal, or a pause. A yes becomes the worker manager's grant for exactly the approved
 * packets (grant_trust), which it checks again on every spawn; a no, or a denied root, ends the
 * run rejected before anything of the workspace has run. Every outcome is logged like a plan approval.
 */
final class TrustGate {
    private static final Duration CALL = Duration.ofSeconds(60);

    /** How the gate ended. */
    sealed interface Verdict {
        record Trusted() implements Verdict {}

        record Paused(String reason) implements Verdict {}

        record Refused(String reason) implements Verdict {}
    }

    private final RunContext ctx;
    /** How an earlier invocation of this run trusted the workspace (resume), or null. */
    private final String trustedEarlierBy;

    TrustGate(RunContext ctx, String trustedEarlierBy) {
        this.ctx = ctx;
        this.trustedEarlierBy = trustedEarlierBy;
    }

    Verdict resolve(ArrayNode packets) {
        String planDigest = PlanDigest.of(packets);
        if (ctx.settings().noTrust()) { // the person's no for this run outranks a policy's standing yes
            ctx.log().append(ctx.rejected(Gate.TRUST, planDigest, ApprovalSource.CLI_FLAG, "--no-trust: trust refused for this run", null));
            return new Verdict.Refused("trust in " + ctx.settings().workspace() + " was refused by --no-trust");
        }
        WorkerMethods.GrantTrustResult verdict;
        try {
            verdict = ctx.services().workers().call(WorkerMethods.GRANT_TRUST, params(packets, null, null), CALL);
        } catch (RpcException e) {
            return refusedBy(e, planDigest);
        }
        String reason = verdict.reason() == null ? "" : verdict.reason();
        String why = reason.isBlank() ? "" : " (" + reason + ")";
        if ("trusted".equals(verdict.verdict())) {
            ctx.console().info("Workspace trusted by your trust policy" + why + ".");
            ctx.log().append(ctx.approved(Gate.TRUST, planDigest, ApprovalSource.POLICY,
                    reason.isBlank() ? "trusted by the trust policy" : reason, null));
            return new Verdict.Trusted();
        }
        if (ctx.settings().trust()) {
            ctx.console().info("Workspace trusted for this run (--trust).");
            return grant(packets, planDigest, ApprovalSource.CLI_FLAG, "--trust: the workspace is trusted for this run");
        }
        if (trustedEarlierBy != null) {
            ctx.console().info("Workspace trusted for this run (earlier, " + trustedEarlierBy + ").");
            return grant(packets, planDigest, ApprovalSource.fromWire(trustedEarlierBy),
                    "the workspace was trusted for this run before it was resumed (" + trustedEarlierBy + ")");
        }
        String waiting = "the workspace " + ctx.settings().workspace() + " needs trust before the run can start" + why;
        if (!ctx.terminal().interactive()) {
            return new Verdict.Paused(waiting);
        }
        Optional<String> answer = ctx.terminal().atGate(new Terminal.Gate(RunStatus.AWAITING_TRUST, null, waiting),
                () -> ctx.terminal().choose("The plan's " + packets.size() + (packets.size() == 1 ? " task" : " tasks")
                        + " would run in " + ctx.settings().workspace() + ", which your trust policy does not trust" + why
                        + ". Trust this workspace for this run?", List.of("yes", "no")));
        if (answer.isEmpty()) {
            return new Verdict.Paused("no answer at the terminal");
        }
        Optional<Terminal.Answer> by = ctx.terminal().answeredElsewhere(); // the dashboard or another resume answered
        if (answer.get().equals("yes")) {
            return by.isPresent()
                    ? grant(packets, planDigest, by.get().source(), by.get().comment() == null ? "trusted " + by.get().from()
                            : by.get().comment())
                    : grant(packets, planDigest, ApprovalSource.HUMAN_TTY, "trusted at the terminal");
        }
        // refused in the dashboard (or by another process) is recorded as made there, as a yes is
        String where = by.map(Terminal.Answer::from).orElse("at the terminal");
        ctx.log().append(ctx.rejected(Gate.TRUST, planDigest, by.map(Terminal.Answer::source).orElse(ApprovalSource.HUMAN_TTY),
                by.map(Terminal.Answer::comment).orElse("trust refused " + where), null));
        return new Verdict.Refused("trust in " + ctx.settings().workspace() + " was refused " + where);
    }

    private Verdict grant(ArrayNode packets, String planDigest, ApprovalSource source, String comment) {
        try {
            ctx.services().workers().call(WorkerMethods.GRANT_TRUST, params(packets, source, comment), CALL);
        } catch (RpcException e) {
            return refusedBy(e, planDigest);
        }
        ctx.log().append(ctx.approved(Gate.TRUST, planDigest, source, comment, null));
        return new Verdict.Trusted();
    }

    /** A denied root (or any refusal of the grant) is the policy's no: the run is rejected, not failed. */
    private Verdict refusedBy(RpcException e, String planDigest) {
        if (!e.is(WorkerError.TRUST_DENIED.wire())) {
            throw e;
        }
        ctx.log().append(ctx.rejected(Gate.TRUST, planDigest, ApprovalSource.POLICY, e.getMessage(), null));
        ctx.console().error(e.getMessage());
        return new Verdict.Refused(e.getMessage());
    }

    /** What the approver was shown: every packet of the approved plan, by its digest. */
    private WorkerMethods.GrantTrustParams params(ArrayNode packets, ApprovalSource source, String comment) {
        List<String> digests = new java.util.ArrayList<>();
        packets.forEach(packet -> digests.add(PlanDigest.of(packet)));
        // the worker manager's own record names the real source (web when the dashboard resumed the run), not cli_flag
        return new WorkerMethods.GrantTrustParams(ctx.dir().runId(), ctx.settings().workspace().toString(), digests,
                source == null ? null : ctx.asGiven(source),
                source == null ? null : ctx.approver(), comment);
    }
}
