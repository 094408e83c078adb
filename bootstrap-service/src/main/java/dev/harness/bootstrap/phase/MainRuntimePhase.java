package dev.harness.bootstrap.phase;

import dev.harness.api.bootstrap.PhaseArtifacts;

import dev.harness.bootstrap.BootstrapContext;
import dev.harness.api.bootstrap.Phase;
import dev.harness.bootstrap.PhaseOutcome;
import dev.harness.bootstrap.PhaseRecord;
import dev.harness.bootstrap.PhaseStep;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.api.bootstrap.PhaseResult;
import dev.harness.protocol.Json;
import dev.harness.protocol.fs.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

    /**
     * main_runtime's artifacts: readiness and a summary of the earlier phases (the whole results are in the report).
     *
     * @param systemPrompt the assembled prompt's path (system_prompt_fastpath's prompt.path)
     * @param agent        the agent preset cli_entry found
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Artifacts(List<PhaseSummary> phases, String reportPath, boolean ready, String systemPrompt,
                            Long mcpServersOk, Integer mcpServers, String agent) implements dev.harness.bootstrap.Artifacts {
        public Artifacts {
            phases = List.copyOf(phases);
        }
    }

    /** @param completedAt null when the phase has no record for this workspace */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record PhaseSummary(Phase phase, boolean success, String completedAt) {}

    /** bootstrap-report.json: every earlier phase's result as execute_phase answered it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Report(String workspace, String generatedAt, List<PhaseResult> phases, boolean ready) {
        public Report {
            phases = List.copyOf(phases);
        }
    }

    @Override
    public PhaseOutcome run(BootstrapContext context, Map<Phase, PhaseRecord> earlier) {
        PhaseOutcome outcome = new PhaseOutcome();
        String generatedAt = Instant.now().toString();
        List<PhaseResult> results = new ArrayList<>();
        List<PhaseSummary> summary = new ArrayList<>();
        boolean ready = true;
        for (Phase phase : Phase.MAIN_RUNTIME.prerequisites()) {
            PhaseRecord record = earlier.get(phase);
            boolean ok = record != null && record.success();
            summary.add(new PhaseSummary(phase, ok, record == null ? null : record.completedAt().toString()));
            if (record == null) {
                outcome.fail(phase.wire() + " has not succeeded for this workspace");
                ready = false;
                continue;
            }
            results.add(record.toResult(false, List.of(), List.of()));
            if (!ok) {
                outcome.fail(phase.wire() + " failed: " + String.join("; ", record.diagnostics()));
                ready = false;
            }
        }
        Path target = context.runDir().resolve(REPORT_FILE);
        String reportPath = null;
        try {
            Report report = new Report(context.workspace().toString(), generatedAt, results, ready);
            AtomicFile.writeString(target, Json.write(context.redactor().redactJson(Json.toNode(report))) + "\n");
            reportPath = target.toString();
        } catch (IOException e) {
            outcome.fail("the bootstrap report cannot be written to " + target + ": " + e.getMessage());
            ready = false;
        }
        List<Boolean> servers = EarlierPhases.mcpServersOk(earlier).orElse(null);
        outcome.report(new Artifacts(summary, reportPath, ready && outcome.success(),
                EarlierPhases.promptPath(earlier).orElse(null),
                servers == null ? null : servers.stream().filter(ok -> ok).count(), servers == null ? null : servers.size(),
                EarlierPhases.agentPreset(earlier).orElse(null)));
        return outcome;
    }

    /** Whether the workspace's main_runtime record says it is ready (false without one). */
    public static boolean reportedReady(PhaseRecord record) {
        return EarlierPhases.read(record, Artifacts.class, Artifacts::ready, PhaseArtifacts.MainRuntime.class,
                v -> Boolean.TRUE.equals(v.ready())).orElse(false);
    }
}
