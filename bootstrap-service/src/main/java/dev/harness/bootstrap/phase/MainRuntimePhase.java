package dev.harness.bootstrap.phase;

import dev.harness.api.bootstrap.PhaseArtifacts;

import dev.harness.bootstrap.BootstrapContext;
import dev.harness.api.bootstrap.Phase;
import dev.harness.bootstrap.PhaseOutcome;
import dev.harness.bootstrap.PhaseRecord;
import dev.harness.bootstrap.PhaseStep;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.Json;
import dev.harness.protocol.fs.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * main_runtime: every earlier phase succeeded for this workspace; their results go into one
 * bootstrap report (JSON) in the run directory, and readiness is returned.
 */
public final class MainRuntimePhase implements PhaseStep {
    static final String REPORT_FILE = "bootstrap-report.json";

    @Override
    public Phase phase() {
        return Phase.MAIN_RUNTIME;
    }

    /** The earlier records themselves: if any of them is run again, the report is written again. */
    @Override
    public ObjectNode inputs(BootstrapContext context, Map<Phase, PhaseRecord> earlier) {
        ObjectNode inputs = context.fields("run_dir");
        for (Phase phase : Phase.MAIN_RUNTIME.prerequisites()) {
            PhaseRecord record = earlier.get(phase);
            inputs.put(phase.wire(), record == null ? null : record.startedAt() + "/" + record.inputsDigest());
        }
        return inputs;
    }

    @Override
    public PhaseOutcome run(BootstrapContext context, Map<Phase, PhaseRecord> earlier) {
        PhaseOutcome outcome = new PhaseOutcome();
        ObjectNode report = Json.object();
        report.put("workspace", context.workspace().toString());
        report.put("generated_at", Instant.now().toString());
        ArrayNode phases = report.putArray("phases");
        boolean ready = true;
        ArrayNode summary = outcome.artifacts().putArray("phases");
        for (Phase phase : Phase.MAIN_RUNTIME.prerequisites()) {
            PhaseRecord record = earlier.get(phase);
            boolean ok = record != null && record.success();
            summary.addObject().put("phase", phase.wire()).put("success", ok)
                    .put("completed_at", record == null ? null : record.completedAt().toString());
            if (record == null) {
                outcome.fail(phase.wire() + " has not succeeded for this workspace");
                ready = false;
                continue;
            }
            phases.add(record.toResult(false, List.of(), List.of()));
            if (!ok) {
                outcome.fail(phase.wire() + " failed: " + String.join("; ", record.diagnostics()));
                ready = false;
            }
        }
        report.put("ready", ready);
        Path target = context.runDir().resolve(REPORT_FILE);
        try {
            AtomicFile.writeString(target, Json.write(context.redactor().redactJson(report)) + "\n");
            outcome.artifacts().put("report_path", target.toString());
        } catch (IOException e) {
            outcome.fail("the bootstrap report cannot be written to " + target + ": " + e.getMessage());
            ready = false;
        }
        outcome.artifacts().put("ready", ready && outcome.success());
        PhaseRecord prompt = earlier.get(Phase.SYSTEM_PROMPT_FASTPATH);
        if (prompt != null) {
            outcome.artifacts().put("system_prompt", PhaseArtifacts.as(PhaseArtifacts.SystemPrompt.class, prompt.artifacts())
                    .map(PhaseArtifacts.SystemPrompt::prompt).map(PhaseArtifacts.PromptFile::path).orElse(null));
        }
        PhaseRecord mcp = earlier.get(Phase.MCP_FASTPATH);
        if (mcp != null) {
            List<PhaseArtifacts.McpServer> servers = PhaseArtifacts.as(PhaseArtifacts.Mcp.class, mcp.artifacts())
                    .map(PhaseArtifacts.Mcp::servers).orElse(List.of());
            outcome.artifacts().put("mcp_servers_ok", servers.stream().filter(s -> Boolean.TRUE.equals(s.ok())).count());
            outcome.artifacts().put("mcp_servers", servers.size());
        }
        PhaseRecord cli = earlier.get(Phase.CLI_ENTRY);
        if (cli != null) {
            outcome.artifacts().put("agent", PhaseArtifacts.as(PhaseArtifacts.CliEntry.class, cli.artifacts())
                    .map(PhaseArtifacts.CliEntry::agent).map(PhaseArtifacts.AgentCheck::preset).orElse(null));
        }
        return outcome;
    }
}
