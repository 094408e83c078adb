package dev.harness.orchestrator.pipeline;

import dev.harness.api.run.RunEvent;
import dev.harness.api.bootstrap.BootstrapContext;
import dev.harness.api.bootstrap.Phase;
import dev.harness.api.bootstrap.PhaseResult;
import dev.harness.api.rpc.BootstrapMethods;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.Json;
import dev.harness.protocol.RpcException;
import java.time.Duration;
import java.util.List;

/**
 * The five bootstrap phases, one execute_phase each so that every phase is logged and shown as
 * it happens. A phase that already succeeded for this workspace answers with its recorded result
 * (so a resumed run re-checks cheaply). The first failure stops the sequence: no worker starts.
 */
final class BootstrapSequence {
    static final List<Phase> PHASES = List.of(Phase.values());
    private static final Duration CALL = Duration.ofMinutes(3);

    private final RunContext ctx;

    private final boolean workspaceTrusted;

    /**
     * @param workspaceTrusted whether trust in the workspace was already given for this run (--trust,
     *        or before a resume); until it is, the workspace's own MCP server commands are not started
     */
    BootstrapSequence(RunContext ctx, boolean workspaceTrusted) {
        this.ctx = ctx;
        this.workspaceTrusted = workspaceTrusted;
    }

    /** Runs every phase; true when the environment is ready. */
    boolean run() {
        BootstrapContext context = new BootstrapContext(ctx.settings().workspace().toString(), null,
                ctx.dir().path().resolve("bootstrap").toString(), ctx.settings().agent(), null, workspaceTrusted,
                null, null, null);
        int n = 0;
        for (Phase phase : PHASES) {
            n++;
            ctx.log().append(new RunEvent.BootstrapPhaseStarted(phase));
            boolean success;
            boolean recorded;
            List<String> diagnostics;
            ObjectNode artifacts;
            long started = System.nanoTime();
            try {
                PhaseResult result = ctx.services().bootstrap().call(BootstrapMethods.EXECUTE_PHASE,
                        new BootstrapMethods.ExecutePhaseParams(phase, context, null), CALL);
                success = result.success();
                recorded = result.wasRecorded();
                diagnostics = result.diagnostics();
                artifacts = result.artifacts();
            } catch (RpcException e) {
                success = false;
                recorded = false;
                diagnostics = List.of(e.getMessage());
                artifacts = Json.object();
            }
            ctx.log().append(new RunEvent.BootstrapPhaseCompleted(phase, success, recorded, diagnostics, artifacts));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            ctx.console().phaseLine(n, PHASES.size(), phase.wire(), success, recorded, took,
                    success ? BootstrapFacts.of(phase, artifacts) : summary(diagnostics));
            if (success) {
                for (String diagnostic : diagnostics) {
                    if (!BootstrapFacts.restatesTheLine(phase, artifacts, diagnostic)) {
                        ctx.console().info("    note: " + diagnostic);
                    }
                }
            }
            if (!success) {
                String shown = summary(diagnostics);
                for (String diagnostic : diagnostics) {
                    if (!diagnostic.equals(shown)) { // the phase line said it already, whole
                        ctx.console().error("  " + diagnostic);
                    }
                }
                ctx.console().error("Bootstrap failed in " + phase.wire() + ": no worker was started. Bootstrap log: "
                        + ctx.dir().serviceLog("bootstrap-service"));
                return false;
            }
        }
        return true;
    }

    /** One line for a person: the last diagnostic (the failing one). */
    private static String summary(List<String> diagnostics) {
        return diagnostics.isEmpty() ? "" : FailureReason.oneLine(diagnostics.get(diagnostics.size() - 1));
    }
}
