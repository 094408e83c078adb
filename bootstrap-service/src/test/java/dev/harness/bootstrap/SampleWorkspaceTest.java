package dev.harness.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The whole bootstrap on the repository's sample workspace, as the orchestrator's main job runs it. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SampleWorkspaceTest {
    @TempDir
    Path tmp;

    @Test
    void everyPhaseReturnsRealArtifactsAndASecondPlanIsAllRecorded() throws Exception {
        assumeTrue(Workspaces.onPath("node"), "the sample workspace's MCP server runs on node");
        Path dashboard = Path.of("..", "examples", "dashboard").toAbsolutePath().normalize();
        ObjectNode context = Workspaces.context(dashboard).put("run_dir", tmp.resolve("run").toString());
        ObjectNode plan = Json.object();
        plan.putArray("phases").add("cli_entry").add("system_prompt_fastpath").add("mcp_fastpath")
                .add("daemon_worker_fastpath").add("main_runtime");
        plan.set("context", context);
        ServiceSession session = new ServiceSession(ServiceSession.environment(tmp, Map.of()));

        JsonNode result = session.result("execute_plan", plan);
        assertThat(result.get("success").asBoolean()).as(result.toString()).isTrue();
        JsonNode results = result.get("results");
        assertThat(results).extracting(r -> r.get("phase").asText()).containsExactly(
                "cli_entry", "system_prompt_fastpath", "mcp_fastpath", "daemon_worker_fastpath", "main_runtime");
        assertThat(results).extracting(r -> r.get("recorded").asBoolean()).containsOnly(false);

        assertThat(results.get(0).at("/artifacts/workspace").asText()).isEqualTo(dashboard.toRealPath().toString());
        assertThat(results.get(1).at("/artifacts/files").findValuesAsText("path"))
                .contains("examples/dashboard/AGENTS.md", "examples/dashboard/CLAUDE.md", "examples/dashboard/.claude.json");
        assertThat(results.get(1).at("/artifacts/prompt/sha256").asText()).hasSize(64);
        JsonNode server = results.get(2).at("/artifacts/servers/0");
        assertThat(server.get("name").asText()).isEqualTo("dashboard-tools");
        assertThat(server.get("tools")).extracting(JsonNode::asText).containsExactly("echo", "list_themes");
        assertThat(results.get(4).at("/artifacts/ready").asBoolean()).isTrue();
        Path report = Path.of(results.get(4).at("/artifacts/report_path").asText());
        JsonNode written = Json.parse(Files.readString(report));
        assertThat(written.get("ready").asBoolean()).isTrue();
        assertThat(written.get("phases")).hasSize(4);
        assertThat(session.notifications("phase_started")).hasSize(5);
        assertThat(session.notifications("phase_completed")).hasSize(5);

        JsonNode again = session.result("execute_plan", plan);
        assertThat(again.get("results")).hasSize(5).extracting(r -> r.get("recorded").asBoolean()).containsOnly(true);
    }
}
