package dev.harness.orchestrator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Nothing the workspace itself names runs before the trust gate: its .mcp.json servers are found
 * and reported by the bootstrap, but started (probed) only once the workspace is trusted.
 */
class McpBeforeTrustIT extends E2E {
    Path marker;

    @BeforeEach
    void workspaceWithAServerThatLeavesATrace() throws Exception {
        copyDashboard();
        marker = temp.resolve("mcp-server-started");
        Files.writeString(workspace.resolve("tools/traced-server.sh"),
                "echo started >> '" + marker + "'\nexec node \"$(dirname \"$0\")/mcp-echo-server.js\"\n");
        Files.writeString(workspace.resolve(".mcp.json"),
                "{\"mcpServers\":{\"traced\":{\"command\":\"sh\",\"args\":[\"tools/traced-server.sh\"]}}}\n");
    }

    @Test
    void theWorkspacesServersStartOnlyAfterItIsTrusted() throws Exception {
        Path plan = planFile(packet("t1", "Check the theme module", List.of("test -d src/theme")));

        Result paused = orchestrator("-C", workspace.toString(), "--plan", plan.toString(), "--yes", "check");
        assertThat(paused.exit()).as(paused.all()).isEqualTo(3); // waiting for trust, no terminal
        assertThat(marker).as("the workspace's MCP server ran before the trust gate").doesNotExist();
        // the trust gate comes before the bootstrap: nothing of the workspace was even looked at yet
        assertThat(events(paused.runId(), "bootstrap_phase_started")).isEmpty();
        assertThat(last(paused.runId(), "run_paused").path("status").asText()).isEqualTo("awaiting_trust");
        assertThat(paused.all()).contains("Waiting for trust", "resume " + paused.runId() + " --trust");

        Result resumed = orchestrator("resume", paused.runId(), "-C", workspace.toString(), "--trust");
        assertThat(resumed.exit()).as(resumed.all()).isZero();
        assertThat(marker).as("probed once trusted").exists();
        JsonNode mcp = events(paused.runId(), "bootstrap_phase_completed").stream()
                .filter(e -> e.path("phase").asText().equals("mcp_fastpath")).findFirst().orElseThrow();
        assertThat(mcp.at("/artifacts/servers/0/probed").asBoolean()).isTrue();
    }
}
