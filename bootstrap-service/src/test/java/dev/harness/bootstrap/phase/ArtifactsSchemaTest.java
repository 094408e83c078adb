package dev.harness.bootstrap.phase;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.api.bootstrap.Phase;
import dev.harness.api.bootstrap.PhaseArtifacts;
import dev.harness.bootstrap.ServiceSession;
import dev.harness.bootstrap.Workspaces;
import dev.harness.protocol.Json;
import dev.harness.protocol.SchemaCatalog;
import dev.harness.protocol.SchemaCatalog.CompiledSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each phase's artifacts records against schemas/bootstrap-artifacts.schema.json: every record
 * (each case of it) is JSON its phase's schema accepts, with exactly the schema's fields, and api's
 * PhaseArtifacts views — what the orchestrator and the later phases read — read it back; and what
 * real phase runs answer, notify and record is accepted too.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ArtifactsSchemaTest {
    private static final SchemaCatalog CATALOG = SchemaCatalog.shared();
    private static final String SHA = "a".repeat(64);

    @TempDir
    Path tmp;

    private static CompiledSchema def(String name) {
        ObjectNode ref = Json.object().put("$ref", "bootstrap-artifacts.schema.json#/$defs/" + name);
        return CATALOG.embedded(SchemaCatalog.BASE + "schemas/artifacts-test.json", "/" + name, ref);
    }

    private static JsonNode schemaFile() throws Exception {
        try (var in = ArtifactsSchemaTest.class.getClassLoader().getResourceAsStream("schemas/bootstrap-artifacts.schema.json")) {
            return Json.parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private record Sample(Object value, Phase phase) {}

    /** Every case of every record, the optional fields both present and absent. */
    private static List<Sample> samples() {
        var credential = new PhaseArtifacts.Credential("ANTHROPIC_API_KEY", false);
        var agent = new CliEntryPhase.Agent("claude", "context.agent", List.of("claude", "-p"), List.of(credential), false);
        var config = new CliEntryPhase.ConfigDir("/home/u/.config/harness", false, "default");
        var runDir = new CliEntryPhase.RunDir("/w/.harness/bootstrap", true, "/w/.git/info/exclude", "/.harness/bootstrap/");
        var outsideGit = new CliEntryPhase.RunDir("/w/.harness/bootstrap", false, null, null);
        List<Sample> s = new ArrayList<>();
        for (CliEntryPhase.GitState git : List.of(new CliEntryPhase.GitUnavailable("git is not on PATH"),
                new CliEntryPhase.NotARepository(), new CliEntryPhase.Repository("/w", "main", SHA.substring(0, 40), true, 0),
                new CliEntryPhase.Repository("/w", null, SHA.substring(0, 40), false, 3),
                new CliEntryPhase.Repository("/w", "main", null, true, 0))) {
            s.add(new Sample(new CliEntryPhase.Artifacts("/w", git, "/w", config, runDir, agent), Phase.CLI_ENTRY));
        }
        s.add(new Sample(new CliEntryPhase.Artifacts("/w", new CliEntryPhase.NotARepository(), "/w", config, outsideGit,
                new CliEntryPhase.Agent("none", "default", List.of("sh"), List.of(), true)), Phase.CLI_ENTRY));

        var read = new SystemPromptPhase.InstructionFile("AGENTS.md", "/w/AGENTS.md", "discovered", 120L, SHA, "instructions",
                true, null);
        var cut = new SystemPromptPhase.InstructionFile("CLAUDE.md", "/w/CLAUDE.md", "discovered", 300_000L, SHA,
                "instructions", true, true);
        var settings = new SystemPromptPhase.InstructionFile(".claude.json", "/w/.claude.json", "discovered", 40L, SHA,
                "settings", false, null);
        var unreadable = new SystemPromptPhase.InstructionFile("GEMINI.md", "/w/GEMINI.md", "context.instruction_files", null,
                null, null, false, null);
        s.add(new Sample(new SystemPromptPhase.Artifacts(List.of(read, cut, settings, unreadable),
                new SystemPromptPhase.Prompt("/w/.harness/bootstrap/system-prompt.md", 30, SHA, true, "## AGENTS.md\n\nhi\n"),
                "/w", "/w"), Phase.SYSTEM_PROMPT_FASTPATH));
        s.add(new Sample(new SystemPromptPhase.Artifacts(List.of(),
                new SystemPromptPhase.Prompt("/w/.harness/bootstrap/system-prompt.md", 5000, SHA, false, null), "/", "/w"),
                Phase.SYSTEM_PROMPT_FASTPATH));

        var spec = new dev.harness.bootstrap.mcp.McpServerSpec("tools", Path.of("/w/.mcp.json"), Path.of("/w"), "stdio",
                "node", List.of("server.js"), Map.of("API_TOKEN", "x"), Map.of(), null);
        var configured = McpPhase.Server.stdio(spec, "node", List.of("server.js"));
        var answered = configured.answered(Path.of("/usr/bin/node"), new dev.harness.bootstrap.mcp.McpProbe.Result(true, null,
                Json.object().put("name", "tools").put("version", "1.0.0"), "2025-06-18", List.of("echo", "list"), 40));
        var remote = McpPhase.Server.remote(new dev.harness.bootstrap.mcp.McpServerSpec("web", Path.of("/w/.mcp.json"),
                Path.of("/w"), "http", null, List.of(), Map.of(), Map.of(), "https://example.com/mcp"), "https://example.com/mcp");
        s.add(new Sample(new McpPhase.Artifacts(List.of("/w/.mcp.json"), List.of(answered, remote, configured.notFound(),
                configured.notStarted(Path.of("/usr/bin/node"), "not started: the workspace is not trusted yet"),
                configured.failed(Path.of("/usr/bin/node"), 10_000, "did not answer initialize within 10000 ms")), 3, false),
                Phase.MCP_FASTPATH));
        s.add(new Sample(new McpPhase.Artifacts(List.of(), List.of(), 0, true), Phase.MCP_FASTPATH));

        s.add(new Sample(new DaemonWorkerPhase.Artifacts("claude", List.of(
                DaemonWorkerPhase.CommandCheck.answered("agent", "claude", Path.of("/usr/bin/claude"), "claude --version", 120,
                        0, "2.1.0 (Claude Code)"),
                DaemonWorkerPhase.CommandCheck.answered("acceptance_shell", "sh", Path.of("/bin/sh"), "sh -c exit 0", 3, 0, null),
                DaemonWorkerPhase.CommandCheck.missing("agent", "codex"),
                DaemonWorkerPhase.CommandCheck.notStarted("worker", "sh", Path.of("/bin/sh"), "sh -c exit 0"),
                DaemonWorkerPhase.CommandCheck.silent("agent", "aider", Path.of("/usr/bin/aider"), "aider --version", 10_000)),
                List.of(new DaemonWorkerPhase.WritablePath(".", true, "/w", true),
                        new DaemonWorkerPhase.WritablePath("../x", null, null, false))), Phase.DAEMON_WORKER_FASTPATH));

        var summary = List.of(new MainRuntimePhase.PhaseSummary(Phase.CLI_ENTRY, true, "2026-01-01T00:00:00Z"),
                new MainRuntimePhase.PhaseSummary(Phase.SYSTEM_PROMPT_FASTPATH, false, null));
        s.add(new Sample(new MainRuntimePhase.Artifacts(summary, "/w/.harness/bootstrap/bootstrap-report.json", true,
                "/w/.harness/bootstrap/system-prompt.md", 1L, 2, "none"), Phase.MAIN_RUNTIME));
        s.add(new Sample(new MainRuntimePhase.Artifacts(summary, null, false, null, null, null, null), Phase.MAIN_RUNTIME));
        return s;
    }

    @Test
    void everyArtifactsRecordIsJsonItsPhasesSchemaAcceptsAndTheReadersViewReads() {
        for (Sample sample : samples()) {
            JsonNode json = Json.toNode(sample.value());
            assertThat(def(sample.phase().wire()).validate(json)).as("%s: %s", sample.phase(), json).isEmpty();
            assertThat(PhaseArtifacts.of(sample.phase(), (ObjectNode) json)).as("the view of %s", json).isPresent();
        }
    }

    @Test
    void theViewsReadWhatTheRecordsWrote() {
        var repository = new CliEntryPhase.Repository("/w", null, "abc", false, 2);
        var cli = (PhaseArtifacts.CliEntry) PhaseArtifacts.of(Phase.CLI_ENTRY, (ObjectNode) Json.toNode(new CliEntryPhase.Artifacts(
                "/w/sub", repository, "/w", new CliEntryPhase.ConfigDir("/c", true, "HARNESS_CONFIG_DIR"),
                new CliEntryPhase.RunDir("/r", true, null, null), new CliEntryPhase.Agent("codex", "context.agent",
                        List.of("codex"), List.of(new PhaseArtifacts.Credential("OPENAI_API_KEY", true)), true)))).orElseThrow();
        assertThat(cli.repositoryRoot()).isEqualTo("/w");
        assertThat(cli.git().isClean()).contains(false);
        assertThat(cli.git().branch()).isNull();
        assertThat(cli.agent().preset()).isEqualTo("codex");
        assertThat(cli.agent().credentials()).containsExactly(new PhaseArtifacts.Credential("OPENAI_API_KEY", true));

        var prompt = (PhaseArtifacts.SystemPrompt) PhaseArtifacts.of(Phase.SYSTEM_PROMPT_FASTPATH, (ObjectNode) Json.toNode(
                new SystemPromptPhase.Artifacts(List.of(new SystemPromptPhase.InstructionFile("AGENTS.md", "/w/AGENTS.md",
                        "discovered", 12L, SHA, "instructions", true, null)),
                        new SystemPromptPhase.Prompt("/r/system-prompt.md", 20, SHA, true, "text"), "/w", "/w"))).orElseThrow();
        assertThat(prompt.files()).containsExactly(new PhaseArtifacts.InstructionFile("AGENTS.md", "instructions", true, 12L));
        assertThat(prompt.prompt()).isEqualTo(new PhaseArtifacts.PromptFile("/r/system-prompt.md", 20L, SHA));

        var main = (PhaseArtifacts.MainRuntime) PhaseArtifacts.of(Phase.MAIN_RUNTIME, (ObjectNode) Json.toNode(
                new MainRuntimePhase.Artifacts(List.of(), "/r/bootstrap-report.json", true, null, null, null, null))).orElseThrow();
        assertThat(main).isEqualTo(new PhaseArtifacts.MainRuntime(true, "/r/bootstrap-report.json"));
    }

    /** The records write no field the schema does not describe, and the schema none they cannot write. */
    @Test
    void theRecordsWriteExactlyTheFieldsTheSchemaDescribes() throws Exception {
        Map<String, Set<String>> written = new java.util.TreeMap<>();
        for (Sample sample : samples()) {
            collect(sample.phase().wire(), Json.toNode(sample.value()), written);
        }
        Map<String, Set<String>> described = new java.util.TreeMap<>();
        JsonNode schema = schemaFile();
        for (Phase phase : Phase.values()) {
            describe(phase.wire(), schema.at("/$defs/" + phase.wire()), schema, described);
        }
        assertThat(written).isEqualTo(described);
    }

    /** Real runs: what execute_plan answers, phase_completed carries and state.json keeps, in every case the fixtures reach. */
    @Test
    void whatRealPhaseRunsReportIsWhatTheSchemaDescribes() throws Exception {
        Path repo = Workspaces.gitRepo(tmp.resolve("repo"));
        Workspaces.write(repo.resolve("AGENTS.md"), "# notes\n");
        Workspaces.write(repo.resolve(".claude.json"), "{\"mcpServers\":{}}");
        Workspaces.write(repo.resolve(".mcp.json"), "{\"mcpServers\":{"
                + "\"web\":{\"type\":\"http\",\"url\":\"https://example.com/mcp\"},"
                + "\"gone\":{\"command\":\"no-such-command-for-this-test\"},"
                + "\"crash\":{\"command\":\"sh\",\"args\":[\"-c\",\"echo boom >&2; exit 3\"]}}}");
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        Workspaces.write(plain.resolve("CLAUDE.md"), "x".repeat(SystemPromptPhase.MAX_FILE_BYTES + 10));
        ServiceSession session = new ServiceSession(ServiceSession.environment(tmp.resolve("home"), Map.of()));
        int checked = 0;
        ObjectNode ready = Workspaces.context(repo);
        ready.putArray("write_paths").add("new/dir");
        ObjectNode outside = Workspaces.context(plain);
        outside.putArray("write_paths").add("../outside");
        for (ObjectNode context : List.of(ready, outside, Workspaces.context(repo).put("agent", "no-such-agent-for-this-test")
                .put("probe_mcp_servers", false).put("run_dir", tmp.resolve("run2").toString()))) {
            ObjectNode plan = Json.object();
            plan.set("phases", Json.toNode(Phase.values()));
            plan.set("context", context);
            plan.put("force", true);
            JsonNode result = session.result("execute_plan", plan);
            List<JsonNode> reported = new ArrayList<>();
            result.get("results").forEach(reported::add);
            reported.addAll(session.notifications("phase_completed"));
            for (JsonNode phaseResult : reported) {
                String phase = phaseResult.get("phase").asText();
                assertThat(def(phase).validate(phaseResult.get("artifacts"))).as("%s: %s", phase, phaseResult).isEmpty();
                checked++;
            }
            Path runDir = Path.of(context.has("run_dir") ? context.get("run_dir").asText()
                    : context.get("cwd").asText() + "/.harness/bootstrap");
            JsonNode state = Json.parse(Files.readString(runDir.resolve("state.json")));
            for (JsonNode workspace : state.get("workspaces")) {
                for (Iterator<Map.Entry<String, JsonNode>> it = workspace.get("phases").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    assertThat(def(entry.getKey()).validate(entry.getValue().get("artifacts"))).as(entry.toString()).isEmpty();
                }
            }
        }
        // answers and notifications: all five phases, then twice four (the daemon phase fails on ../outside, and on an agent not found)
        assertThat(checked).isEqualTo(2 * 5 + 2 * (2 * 4));
    }

    /** The object paths (as def/field/...) each JSON value has, union over the samples. */
    private static void collect(String path, JsonNode node, Map<String, Set<String>> into) {
        if (node.isObject()) {
            Set<String> fields = into.computeIfAbsent(path, k -> new LinkedHashSet<>());
            node.fieldNames().forEachRemaining(fields::add);
            node.fields().forEachRemaining(f -> {
                if (!f.getKey().equals("server_info")) { // the server's own object, not ours to describe
                    collect(path + "/" + f.getKey(), f.getValue(), into);
                }
            });
        } else if (node.isArray()) {
            node.forEach(item -> collect(path + "[]", item, into));
        }
    }

    /** The same paths as the schema describes them (oneOf cases and local $refs followed). */
    private static void describe(String path, JsonNode schema, JsonNode root, Map<String, Set<String>> into) {
        if (schema.has("$ref") && schema.get("$ref").asText().startsWith("#/")) {
            describe(path, root.at(schema.get("$ref").asText().substring(1)), root, into);
            return;
        }
        schema.path("oneOf").forEach(option -> describe(path, option, root, into));
        if (schema.has("properties")) {
            Set<String> fields = into.computeIfAbsent(path, k -> new HashSet<>());
            schema.get("properties").fieldNames().forEachRemaining(fields::add);
            schema.get("properties").fields().forEachRemaining(f -> {
                if (!f.getKey().equals("server_info")) {
                    describe(path + "/" + f.getKey(), f.getValue(), root, into);
                }
            });
        }
        if (schema.has("items")) {
            describe(path + "[]", schema.get("items"), root, into);
        }
    }
}
