package dev.harness.bootstrap;

import dev.harness.api.bootstrap.Phase;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service as a client sees it: lines in, notifications and responses out, in that order. */
class ServiceProtocolTest {
    @TempDir
    Path tmp;

    @Test
    void theFirstClientsRequestForAMissingWorkspaceIsADomainErrorAndTheServiceKeepsServing() {
        ServiceSession session = new ServiceSession(ServiceSession.environment(tmp, Map.of()));
        session.exchange(
                "{\"id\":\"req-003\",\"method\":\"execute_phase\",\"params\":{\"phase\":\"system_prompt_fastpath\",\"context\":{\"cwd\":\"/home/user/projects/dashboard\",\"instruction_files\":[\".claude.json\",\"CLAUDE.md\"]}}}",
                "{\"id\":\"req-004\",\"method\":\"get_status\",\"params\":{\"context\":{\"cwd\":\"" + tmp + "\"}}}");
        assertThat(session.messages).hasSize(2);
        JsonNode error = session.messages.get(0);
        assertThat(error.get("id").asText()).isEqualTo("req-003");
        assertThat(error.path("error").path("code").asInt()).isEqualTo(-32010);
        assertThat(error.path("error").path("message").asText()).contains("/home/user/projects/dashboard").contains("does not exist");
        assertThat(session.messages.get(1).get("id").asText()).isEqualTo("req-004");
        assertThat(session.messages.get(1).path("result").path("phases")).hasSize(5);
    }

    @Test
    void anUnknownPhaseIsInvalidParamsNamingEveryPhase() {
        ServiceSession session = new ServiceSession(ServiceSession.environment(tmp, Map.of()));
        JsonNode response = session.call("execute_phase", ServiceSession.phase("warm_up", Workspaces.context(tmp)));
        assertThat(response.path("error").path("code").asInt()).isEqualTo(-32602);
        String message = response.path("error").path("message").asText();
        for (String phase : dev.harness.api.Wire.names(Phase.class)) {
            assertThat(message).contains(phase);
        }
    }

    @Test
    void aCwdThatIsAFileIsWorkspaceNotFound() throws Exception {
        Path file = Workspaces.write(tmp.resolve("notes.txt"), "x");
        ServiceSession session = new ServiceSession(ServiceSession.environment(tmp, Map.of()));
        JsonNode response = session.call("execute_phase", ServiceSession.phase("cli_entry", Workspaces.context(file)));
        assertThat(response.path("error").path("code").asInt()).isEqualTo(-32010);
        assertThat(response.path("error").path("message").asText()).contains("is not a directory");
    }

    @Test
    void phaseEventsPrecedeTheResponseAndPrerequisitesRunFirst() throws Exception {
        Path repo = Workspaces.gitRepo(tmp.resolve("repo"));
        Workspaces.write(repo.resolve("CLAUDE.md"), "Be careful.\n");
        ServiceSession session = new ServiceSession(ServiceSession.environment(tmp, Map.of()));
        JsonNode result = session.result("execute_phase", ServiceSession.phase("system_prompt_fastpath", Workspaces.context(repo)));

        List<String> sequence = new ArrayList<>();
        for (JsonNode message : session.messages) {
            sequence.add(message.has("id") ? "response" : message.get("method").asText() + ":" + message.at("/params/phase").asText());
        }
        assertThat(sequence).containsExactly(
                "phase_started:cli_entry", "phase_completed:cli_entry",
                "phase_started:system_prompt_fastpath", "phase_completed:system_prompt_fastpath",
                "response");
        JsonNode started = session.notifications("phase_started").get(1);
        JsonNode completed = session.notifications("phase_completed").get(1);
        assertThat(started.get("timestamp").asLong()).isPositive();
        assertThat(completed.get("timestamp").asLong()).isGreaterThanOrEqualTo(started.get("timestamp").asLong());
        assertThat(completed.get("success").asBoolean()).isTrue();

        assertThat(result.get("success").asBoolean()).isTrue();
        assertThat(result.get("recorded").asBoolean()).isFalse();
        assertThat(result.get("prerequisites_run")).extracting(JsonNode::asText).containsExactly("cli_entry");
        assertThat(result.get("diagnostics").toString()).contains("ran prerequisite cli_entry first");
        assertThat(result.get("started_at").asText()).isNotBlank();
        assertThat(result.get("duration_ms").isIntegralNumber()).isTrue();
    }

    @Test
    void aPlanListingAPhaseBeforeItsPrerequisiteIsRefusedBeforeAnythingRuns() throws Exception {
        Path repo = Workspaces.gitRepo(tmp.resolve("repo"));
        ServiceSession session = new ServiceSession(ServiceSession.environment(tmp, Map.of()));
        ObjectNode plan = Json.object();
        plan.putArray("phases").add("system_prompt_fastpath").add("cli_entry");
        plan.set("context", Workspaces.context(repo));
        JsonNode response = session.call("execute_plan", plan);
        assertThat(response.path("error").path("code").asInt()).isEqualTo(-32011);
        assertThat(response.path("error").path("message").asText()).contains("system_prompt_fastpath").contains("cli_entry");
        assertThat(session.notifications("phase_started")).isEmpty();
        JsonNode status = session.result("get_status", Json.object().set("context", Workspaces.context(repo)));
        assertThat(status.get("phases").findValuesAsText("status")).containsOnly("not_run");
    }

    @Test
    void aPlanRunsInOrderAndStopsAtTheFirstFailure() throws Exception {
        Path repo = Workspaces.gitRepo(tmp.resolve("repo"));
        Path emptyBin = java.nio.file.Files.createDirectories(tmp.resolve("bin"));
        ServiceSession session = new ServiceSession(ServiceSession.environment(tmp, Map.of()));
        ObjectNode plan = Json.object();
        plan.putArray("phases").add("cli_entry").add("system_prompt_fastpath").add("mcp_fastpath")
                .add("daemon_worker_fastpath").add("main_runtime");
        // An agent that is not installed anywhere: the worker cannot start, so the plan must stop there.
        plan.set("context", Workspaces.context(repo).put("agent", emptyBin.resolve("no-such-agent").toString()));
        JsonNode result = session.result("execute_plan", plan);
        assertThat(result.get("success").asBoolean()).isFalse();
        assertThat(result.get("failed_phase").asText()).isEqualTo("daemon_worker_fastpath");
        assertThat(result.get("results").findValuesAsText("phase")).containsExactly(
                "cli_entry", "system_prompt_fastpath", "mcp_fastpath", "daemon_worker_fastpath");
        assertThat(result.get("results").get(3).get("diagnostics").toString()).contains("no-such-agent");
        JsonNode status = session.result("get_status", Json.object().set("context", Workspaces.context(repo)));
        assertThat(status.get("ready").asBoolean()).isFalse();
        assertThat(status.get("phases").get(3).get("status").asText()).isEqualTo("failed");
        assertThat(status.get("phases").get(4).get("status").asText()).isEqualTo("not_run");

        // main_runtime asked for directly: its failed prerequisite is a domain error that carries the result.
        JsonNode response = session.call("execute_phase", ServiceSession.phase("main_runtime",
                Workspaces.context(repo).put("agent", emptyBin.resolve("no-such-agent").toString())));
        assertThat(response.path("error").path("code").asInt()).isEqualTo(-32012);
        assertThat(response.path("error").path("data").path("failed_prerequisite").asText()).isEqualTo("daemon_worker_fastpath");
    }

    @Test
    void aPlanRunsThePrerequisitesItLeavesOut() throws Exception {
        Path repo = Workspaces.gitRepo(tmp.resolve("repo"));
        ServiceSession session = new ServiceSession(ServiceSession.environment(tmp, Map.of()));
        ObjectNode plan = Json.object();
        plan.putArray("phases").add("mcp_fastpath");
        plan.set("context", Workspaces.context(repo));
        JsonNode result = session.result("execute_plan", plan);
        assertThat(result.get("success").asBoolean()).isTrue();
        assertThat(result.get("results").findValuesAsText("phase"))
                .containsExactly("cli_entry", "system_prompt_fastpath", "mcp_fastpath");
        assertThat(result.get("results").get(2).get("prerequisites_run")).extracting(JsonNode::asText)
                .containsExactly("cli_entry", "system_prompt_fastpath");
    }

    @Test
    void secretValuesNeverAppearOnTheWire() throws Exception {
        String anthropic = "sk-ant-test-SECRET-0123456789";
        String openai = "sk-openai-test-SECRET-9876543210";
        Path repo = Workspaces.gitRepo(tmp.resolve("repo"));
        // A server that prints the credential it inherited, then dies: its last words become a diagnostic.
        Workspaces.mcpJson(repo, "leaky", "sh", "-c", "echo \"using key $ANTHROPIC_API_KEY\" >&2; exit 4");
        ServiceSession session = new ServiceSession(ServiceSession.environment(tmp,
                Map.of("ANTHROPIC_API_KEY", anthropic, "OPENAI_API_KEY", openai, "HARNESS_AGENT", "aider")));
        ObjectNode plan = Json.object();
        plan.putArray("phases").add("cli_entry").add("system_prompt_fastpath").add("mcp_fastpath");
        plan.set("context", Workspaces.context(repo));
        JsonNode result = session.result("execute_plan", plan);
        session.result("get_status", Json.object().set("context", Workspaces.context(repo)));

        JsonNode agent = result.get("results").get(0).get("artifacts").get("agent");
        assertThat(agent.get("preset").asText()).isEqualTo("aider");
        assertThat(agent.get("credentials").findValuesAsText("present")).containsOnly("true");
        JsonNode leaky = result.get("results").get(2).get("artifacts").get("servers").get(0);
        assertThat(leaky.get("error").asText()).contains("exit code 4").contains("using key ***");
        assertThat(session.allRawLines).isNotEmpty().noneMatch(line -> line.contains(anthropic) || line.contains(openai));
        String state = java.nio.file.Files.readString(repo.resolve(".harness/bootstrap/state.json"));
        assertThat(state).doesNotContain(anthropic).doesNotContain(openai);
    }
}
