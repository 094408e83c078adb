package dev.harness.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harness.protocol.Json;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real bin/harness-mcp driven by the MCP SDK's own client over stdio, with the real
 * orchestrator and services behind it: every tool works, and nothing gets a run past its plan gate.
 */
class HarnessMcpIT {
    @TempDir
    Path temp;
    Path workspace;
    McpSyncClient client;

    /** What the person (played here by the test) was asked through elicitation, and answers. */
    final List<McpSchema.ElicitFormRequest> asked = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * During `mvn verify` on a fresh clone this module's jar does not exist yet when its tests run,
     * so bin/harness-mcp would build the harness inside the first request's time-out; build it here.
     */
    @org.junit.jupiter.api.BeforeAll
    static void built() throws Exception {
        Path root = Path.of(System.getProperty("harness.root", "..")).toAbsolutePath().normalize();
        Process version = new ProcessBuilder(root.resolve("bin/harness-mcp").toString(), "--version")
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        assertThat(version.waitFor(30, java.util.concurrent.TimeUnit.MINUTES)).as("the harness built").isTrue();
        assertThat(version.exitValue()).as("bin/harness-mcp --version").isZero();
    }

    @BeforeEach
    void start() throws Exception {
        client = client(null);
    }

    /** The SDK's client; with an elicitation handler it declares the capability and plays the person. */
    private McpSyncClient client(java.util.function.Function<McpSchema.ElicitFormRequest, McpSchema.ElicitResult> person)
            throws Exception {
        Path root = Path.of(System.getProperty("harness.root", "..")).toAbsolutePath().normalize();
        workspace = Files.createDirectories(temp.resolve("project"));
        Files.writeString(workspace.resolve("README.md"), "# a small project\n");
        Process init = new ProcessBuilder("git", "init", "-q").directory(workspace.toFile()).inheritIO().start();
        assertThat(init.waitFor()).isZero();
        ServerParameters server = ServerParameters.builder(root.resolve("bin/harness-mcp").toString())
                .env(Map.of("XDG_STATE_HOME", temp.resolve("state").toString(),
                        "XDG_CONFIG_HOME", temp.resolve("config").toString()))
                .build();
        StdioClientTransport transport = new StdioClientTransport(server, new JacksonMcpJsonMapper(Json.MAPPER));
        transport.setStdErrorHandler(line -> { });
        // start_run waits for the orchestrator's first event; the default 20 s is tight on a busy machine
        McpClient.SyncSpec spec = McpClient.sync(transport).requestTimeout(Duration.ofMinutes(3));
        if (person != null) {
            spec = spec.capabilities(McpSchema.ClientCapabilities.builder().elicitation().build()).elicitation(request -> {
                asked.add(request);
                return person.apply(request);
            });
        }
        return spec.build();
    }

    @Test
    void whereTheClientCanAskItsUserThePlanGateIsPutToThePersonAndTheirYesIsRecordedAsTheirs() throws Exception {
        client.closeGracefully();
        client = client(request -> new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.ACCEPT,
                Map.of("approve_plan", true, "trust_workspace", true, "comment", "read it, fine")));
        client.initialize();

        CallToolResult started = call("start_run", Map.of("objective", "add a CHANGELOG file", "workspace", workspace.toString()));

        assertThat(started.isError()).as(text(started)).isFalse();
        JsonNode answer = Json.parse(text(started));
        String runId = answer.path("run_id").asText();
        assertThat(asked).hasSize(1);
        McpSchema.ElicitFormRequest question = asked.get(0);
        assertThat(question.message()).contains("asks you (not your agent)", runId, "add a CHANGELOG file", "Plan (digest");
        assertThat(((Map<?, ?>) question.requestedSchema().get("properties")).keySet().stream().map(String::valueOf).toList())
                .containsExactly("approve_plan", "trust_workspace", "comment");
        assertThat(answer.path("asked_person").asText()).contains("the person approved the plan", "trusted the workspace");
        JsonNode approvals = Json.parse(text(call("run_events", Map.of("run_id", runId, "kind", "gate_approved"))));
        JsonNode plan = approvals.path("events").get(0);
        assertThat(plan.path("gate").asText()).isEqualTo("plan");
        assertThat(plan.path("source").asText()).isEqualTo("mcp_elicitation");
        assertThat(plan.path("comment").asText()).isEqualTo("read it, fine");
        assertThat(plan.path("approver").asText()).isEqualTo(System.getProperty("user.name"));
        assertThat(status(runId)).isNotEqualTo("awaiting_approval");
    }

    @Test
    void aPersonWhoDeclinesAtTheFormLeavesTheRunWaiting() throws Exception {
        client.closeGracefully();
        client = client(request -> new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.DECLINE, null));
        client.initialize();

        CallToolResult started = call("start_run", Map.of("objective", "add a CHANGELOG file", "workspace", workspace.toString()));

        JsonNode answer = Json.parse(text(started));
        String runId = answer.path("run_id").asText();
        assertThat(asked).hasSize(1);
        assertThat(answer.path("asked_person").asText()).contains("did not approve");
        assertThat(status(runId)).isEqualTo("awaiting_approval");
        JsonNode everything = Json.parse(text(call("run_events", Map.of("run_id", runId))));
        assertThat(everything.path("events").findValuesAsText("kind")).doesNotContain("gate_approved", "task_started");

        // resume asks again; an answer that approves nothing changes nothing
        client.closeGracefully();
        client = client(request -> new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.ACCEPT,
                Map.of("approve_plan", false, "trust_workspace", false)));
        client.initialize();
        JsonNode resumed = Json.parse(text(call("resume", Map.of("run_id", runId, "workspace", workspace.toString()))));
        assertThat(asked).hasSize(2);
        assertThat(resumed.path("status").asText()).isEqualTo("awaiting_approval");
        assertThat(status(runId)).isEqualTo("awaiting_approval");
    }

    @AfterEach
    void stop() {
        client.closeGracefully();
    }

    @Test
    void initializesAndListsSixToolsNoneOfWhichApproves() {
        McpSchema.InitializeResult init = client.initialize();
        assertThat(init.serverInfo().name()).isEqualTo("harness");
        List<Tool> tools = client.listTools().tools();
        assertThat(tools).extracting(Tool::name).containsExactlyInAnyOrder(
                "plan", "start_run", "run_status", "run_events", "decide_escalation", "resume");
        assertThat(tools).allSatisfy(tool -> {
            assertThat(tool.description()).hasSizeLessThan(140);
            assertThat(((Map<?, ?>) tool.inputSchema().get("properties")).keySet().stream().map(String::valueOf).toList()).doesNotContain("yes", "trust", "approve");
        });
    }

    @Test
    void plansWithoutExecutingAnything() throws Exception {
        client.initialize();
        CallToolResult plan = call("plan", Map.of("objective", "add a CHANGELOG file", "workspace", workspace.toString()));
        assertThat(plan.isError()).as(text(plan)).isFalse();
        JsonNode packets = Json.parse(text(plan));
        JsonNode list = packets.isArray() ? packets : packets.path("packets");
        assertThat(list.size()).isPositive();
        assertThat(list.get(0).path("id").asText()).isNotEmpty();
        assertThat(runIds()).isEmpty();
    }

    @Test
    void aRunStartedThroughMcpStopsAtThePlanGateAndNoToolGetsPastIt() throws Exception {
        client.initialize();
        CallToolResult started = call("start_run", Map.of("objective", "add a CHANGELOG file", "workspace", workspace.toString()));
        assertThat(started.isError()).as(text(started)).isFalse();
        JsonNode answer = Json.parse(text(started));
        String runId = answer.path("run_id").asText();
        assertThat(runId).isNotEmpty();
        assertThat(answer.path("status").asText()).isEqualTo("awaiting_approval");
        assertThat(answer.path("next").asText()).contains("bin/orchestrator resume " + runId); // the path a person can paste, not a bare name

        assertThat(status(runId)).isEqualTo("awaiting_approval");

        JsonNode gate = Json.parse(text(call("run_events", Map.of("run_id", runId, "kind", "gate_approval_requested"))));
        assertThat(gate.path("events")).hasSize(1);
        long last = gate.path("last_seq").asLong();
        JsonNode all = Json.parse(text(call("run_events", Map.of("run_id", runId, "since_seq", 0))));
        assertThat(all.path("events").size()).isGreaterThan(1);
        assertThat(all.path("events").get(0).path("kind").asText()).isEqualTo("run_started");
        JsonNode after = Json.parse(text(call("run_events", Map.of("run_id", runId, "since_seq", all.path("last_seq").asLong()))));
        assertThat(after.path("events")).isEmpty();
        assertThat(last).isPositive();

        // resume cannot approve: the run pauses at the same gate again
        CallToolResult resumed = call("resume", Map.of("run_id", runId, "workspace", workspace.toString()));
        JsonNode resumedAnswer = Json.parse(text(resumed));
        assertThat(resumedAnswer.path("exit_code").asInt()).as(text(resumed)).isEqualTo(3);
        assertThat(resumedAnswer.path("status").asText()).isEqualTo("awaiting_approval");
        // nor can a decision: there is no escalation, only the plan gate
        CallToolResult decided = call("decide_escalation", Map.of("run_id", runId, "decision", "retry"));
        assertThat(decided.isError()).as(text(decided)).isTrue();

        // arguments that would approve or trust are refused before anything runs
        assertRefused(call("resume", Map.of("run_id", runId, "yes", true)));
        assertRefused(call("resume", Map.of("run_id", "--yes")));
        assertRefused(call("start_run", Map.of("objective", "x", "workspace", workspace.toString(), "trust", true)));
        // an objective may start with '-' (as on the CLI after '--'): it is planned as text, no option is read from it
        CallToolResult dashed = call("plan", Map.of("objective", "--trust add a file", "workspace", workspace.toString()));
        assertThat(dashed.isError()).as(text(dashed)).isFalse();
        assertThat(Json.parse(text(dashed)).isArray()).as(text(dashed)).isTrue();
        assertThat(Json.parse(text(dashed))).isNotEmpty();
        assertRefused(call("start_run", Map.of("objective", "x", "agent", "sh -c 'touch pwned'")));
        assertRefused(call("decide_escalation", Map.of("run_id", runId, "decision", "approve")));

        assertThat(status(runId)).isEqualTo("awaiting_approval");
        JsonNode everything = Json.parse(text(call("run_events", Map.of("run_id", runId))));
        assertThat(everything.path("events").findValuesAsText("kind")).doesNotContain("gate_approved", "task_started");
        assertThat(runIds()).containsExactly(runId);
        assertThat(workspace.resolve("pwned")).doesNotExist();
    }

    @Test
    void anUnknownRunIsAClearError() {
        client.initialize();
        CallToolResult result = call("run_status", Map.of("run_id", "20990101-000000-beef"));
        assertThat(result.isError()).isTrue();
        assertThat(text(result)).contains("unknown run");
    }

    private String status(String runId) throws Exception {
        CallToolResult result = call("run_status", Map.of("run_id", runId));
        assertThat(result.isError()).as(text(result)).isFalse();
        return Json.parse(text(result)).path("status").asText();
    }

    private void assertRefused(CallToolResult result) {
        assertThat(result.isError()).as(text(result)).isTrue();
        assertThat(text(result)).containsAnyOf("refused", "validation");
    }

    private CallToolResult call(String tool, Map<String, Object> args) {
        return client.callTool(new McpSchema.CallToolRequest(tool, args));
    }

    private static String text(CallToolResult result) {
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }

    /** Every run directory of the workspace: runs live under the state dir (keyed by repository), or in .harness/runs. */
    private List<String> runIds() throws Exception {
        List<String> ids = new java.util.ArrayList<>();
        Path repos = temp.resolve("state/harness/repos");
        List<Path> roots = new java.util.ArrayList<>(List.of(workspace.resolve(".harness/runs")));
        if (Files.isDirectory(repos)) {
            try (Stream<Path> keyed = Files.list(repos)) {
                keyed.map(dir -> dir.resolve("runs")).forEach(roots::add);
            }
        }
        for (Path runs : roots) {
            if (Files.isDirectory(runs)) {
                try (Stream<Path> dirs = Files.list(runs)) {
                    dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).forEach(ids::add);
                }
            }
        }
        return ids;
    }
}
