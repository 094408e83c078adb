package dev.harness.orchestrator.pipeline;

import dev.harness.api.run.RunEvent;
import dev.harness.api.bootstrap.Phase;
import com.fasterxml.jackson.databind.JsonNode;
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
    static final List<String> PHASES = List.of("cli_entry", "system_prompt_fastpath", "mcp_fastpath",
            "daemon_worker_fastpath", "main_runtime");
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
        ObjectNode context = Json.object();
        context.put("cwd", ctx.settings().workspace().toString());
        context.put("agent", ctx.settings().agent());
        context.put("run_dir", ctx.dir().path().resolve("bootstrap").toString());
        context.put("probe_mcp_servers", workspaceTrusted);
        int n = 0;
        for (String phase : PHASES) {
            n++;
            ctx.log().append(new RunEvent.BootstrapPhaseStarted(Phase.fromWire(phase)));
            ObjectNode params = Json.object();
            params.put("phase", phase);
            params.set("context", context);
            ObjectNode completed = Json.object();
            completed.put("phase", phase);
            boolean success;
            long started = System.nanoTime();
            try {
                JsonNode result = ctx.services().bootstrap().call("execute_phase", params, CALL);
                success = result.path("success").asBoolean(false);
                completed.put("success", success);
                completed.put("recorded", result.path("recorded").asBoolean(false));
                completed.set("diagnostics", result.path("diagnostics").isArray() ? result.get("diagnostics") : Json.array());
                completed.set("artifacts", result.path("artifacts").isObject() ? result.get("artifacts") : Json.object());
            } catch (RpcException e) {
                success = false;
                completed.put("success", false);
                completed.put("recorded", false);
                completed.set("diagnostics", Json.array().add(e.getMessage()));
                completed.set("artifacts", Json.object());
            }
            ctx.log().append(new RunEvent.BootstrapPhaseCompleted(Phase.fromWire(phase), success,
                    completed.path("recorded").asBoolean(false), texts(completed.path("diagnostics")),
                    (ObjectNode) completed.get("artifacts")));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            ctx.console().phaseLine(n, PHASES.size(), phase, success, completed.path("recorded").asBoolean(),
                    took, success ? BootstrapFacts.of(phase, completed.path("artifacts")) : summary(completed.path("diagnostics"), false));
            if (success) {
                for (JsonNode diagnostic : completed.path("diagnostics")) {
                    ctx.console().info("    note: " + diagnostic.asText());
                }
            }
            if (!success) {
                for (JsonNode diagnostic : completed.path("diagnostics")) {
                    ctx.console().error("  " + diagnostic.asText());
                }
                ctx.console().error("Bootstrap failed in " + phase + ": no worker was started. Bootstrap log: "
                        + ctx.dir().serviceLog("bootstrap-service"));
                return false;
            }
        }
        return true;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new java.util.ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    /** One line for a person: the first diagnostic (the failing one when it failed). */
    private static String summary(JsonNode diagnostics, boolean success) {
        if (!diagnostics.isArray() || diagnostics.isEmpty()) {
            return "";
        }
        return FailureReason.oneLine(diagnostics.get(success ? 0 : diagnostics.size() - 1).asText());
    }
}
