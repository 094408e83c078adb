package dev.harness.bootstrap;

import dev.harness.bootstrap.host.HostEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A phase that succeeded for the same workspace and inputs is not done again — checked by counting
 * how often the MCP server is really started (each start appends a line to a marker file).
 */
class IdempotenceTest {
    @TempDir
    Path tmp;
    Path repo;
    Path spawns;
    HostEnvironment environment;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(Workspaces.onPath("node"), "node is needed to run the sample MCP server");
        repo = Workspaces.gitRepo(tmp.resolve("repo"));
        spawns = tmp.resolve("spawns.log");
        Files.copy(Workspaces.exampleServer(), repo.resolve("server.js"));
        Workspaces.write(repo.resolve("start-server.sh"), "echo spawned >> \"$1\"\nexec node server.js\n");
        Workspaces.mcpJson(repo, "counted", "sh", "start-server.sh", spawns.toString());
        Workspaces.write(repo.resolve("CLAUDE.md"), "Run the tests.\n");
        environment = ServiceSession.environment(tmp, Map.of());
    }

    private JsonNode mcp(ServiceSession session, ObjectNode context, boolean force) {
        ObjectNode params = ServiceSession.phase("mcp_fastpath", context);
        params.put("force", force);
        return session.result("execute_phase", params);
    }

    @Test
    void aSecondCallReturnsTheRecordedResultWithoutStartingTheServerAgain() throws Exception {
        ServiceSession session = new ServiceSession(environment);
        JsonNode first = mcp(session, Workspaces.context(repo), false);
        assertThat(first.get("recorded").asBoolean()).isFalse();
        assertThat(first.at("/artifacts/servers/0/tools")).extracting(JsonNode::asText).containsExactly("echo", "list_themes");
        assertThat(Workspaces.lines(spawns)).isEqualTo(1);

        JsonNode second = mcp(session, Workspaces.context(repo), false);
        assertThat(second.get("recorded").asBoolean()).isTrue();
        assertThat(second.get("prerequisites_run")).isEmpty();
        assertThat(second.get("started_at")).isEqualTo(first.get("started_at"));
        assertThat(second.get("artifacts")).isEqualTo(first.get("artifacts"));
        assertThat(Workspaces.lines(spawns)).isEqualTo(1);
        // The recorded result is still announced, marked as recorded.
        assertThat(session.notifications("phase_completed")).singleElement()
                .satisfies(n -> assertThat(n.get("recorded").asBoolean()).isTrue());
    }

    @Test
    void aWorkspaceNotYetTrustedHasItsServersReportedButNeverStarted() throws Exception {
        ServiceSession session = new ServiceSession(environment);
        JsonNode untrusted = mcp(session, Workspaces.context(repo).put("probe_mcp_servers", false), false);
        assertThat(untrusted.get("success").asBoolean()).isTrue();
        assertThat(untrusted.at("/artifacts/servers/0/command_found").asBoolean()).isTrue();
        assertThat(untrusted.at("/artifacts/servers/0/probed").asBoolean()).isFalse();
        assertThat(untrusted.at("/artifacts/servers/0/skipped").asText()).contains("not trusted");
        assertThat(untrusted.get("diagnostics").toString()).contains("not started");
        assertThat(Workspaces.lines(spawns)).isZero();

        // once trusted, the same workspace is probed for real (the flag is one of the phase's inputs)
        JsonNode trusted = mcp(session, Workspaces.context(repo).put("probe_mcp_servers", true), false);
        assertThat(trusted.get("recorded").asBoolean()).isFalse();
        assertThat(trusted.at("/artifacts/servers/0/probed").asBoolean()).isTrue();
        assertThat(Workspaces.lines(spawns)).isEqualTo(1);
    }

    @Test
    void changedConfigurationOrForceRunsThePhaseAgain() throws Exception {
        ServiceSession session = new ServiceSession(environment);
        mcp(session, Workspaces.context(repo), false);
        assertThat(Workspaces.lines(spawns)).isEqualTo(1);

        JsonNode forced = mcp(session, Workspaces.context(repo), true);
        assertThat(forced.get("recorded").asBoolean()).isFalse();
        assertThat(forced.get("prerequisites_run")).isEmpty(); // force is for the phase asked for, not its prerequisites
        assertThat(Workspaces.lines(spawns)).isEqualTo(2);

        // Same server, one more (url) entry: a different .mcp.json content is a different input.
        String config = Files.readString(repo.resolve(".mcp.json"));
        Files.writeString(repo.resolve(".mcp.json"), config.replace("\"mcpServers\":{",
                "\"mcpServers\":{\"docs\":{\"type\":\"http\",\"url\":\"http://127.0.0.1:9/mcp\"},"));
        JsonNode changed = mcp(session, Workspaces.context(repo), false);
        assertThat(changed.get("recorded").asBoolean()).isFalse();
        assertThat(changed.at("/artifacts/servers").findValuesAsText("name")).contains("docs", "counted");
        assertThat(Workspaces.lines(spawns)).isEqualTo(3);

        // Editing the script the server command runs is a change too.
        Files.writeString(repo.resolve("start-server.sh"), "# edited\n" + Files.readString(repo.resolve("start-server.sh")));
        assertThat(mcp(session, Workspaces.context(repo), false).get("recorded").asBoolean()).isFalse();
        assertThat(Workspaces.lines(spawns)).isEqualTo(4);
    }

    @Test
    void changedInstructionFilesOrContextRunOnlyTheAffectedPhase() throws Exception {
        ServiceSession session = new ServiceSession(environment);
        ObjectNode context = Workspaces.context(repo);
        JsonNode first = session.result("execute_phase", ServiceSession.phase("system_prompt_fastpath", context));
        String firstDigest = first.at("/artifacts/prompt/sha256").asText();

        Workspaces.write(repo.resolve("CLAUDE.md"), "Run the tests. Then run the linter.\n");
        JsonNode edited = session.result("execute_phase", ServiceSession.phase("system_prompt_fastpath", context));
        assertThat(edited.get("recorded").asBoolean()).isFalse();
        assertThat(edited.get("prerequisites_run")).isEmpty();
        assertThat(edited.at("/artifacts/prompt/sha256").asText()).isNotEqualTo(firstDigest);

        // A new instruction file where none was found before is a change of inputs as well.
        Workspaces.write(repo.resolve("AGENTS.md"), "Use two-space indents.\n");
        JsonNode added = session.result("execute_phase", ServiceSession.phase("system_prompt_fastpath", context));
        assertThat(added.get("recorded").asBoolean()).isFalse();
        assertThat(added.at("/artifacts/files").findValuesAsText("path")).containsExactly("AGENTS.md", "CLAUDE.md");

        ObjectNode withPacket = context.deepCopy();
        withPacket.putObject("task_packet").put("objective", "Add a dark theme").put("scope", "workspace")
                .putArray("acceptance_tests").add("npm test");
        JsonNode packet = session.result("execute_phase", ServiceSession.phase("system_prompt_fastpath", withPacket));
        assertThat(packet.get("recorded").asBoolean()).isFalse();
        assertThat(packet.at("/artifacts/prompt/text").asText()).contains("Objective: Add a dark theme").contains("- npm test");

        JsonNode again = session.result("execute_phase", ServiceSession.phase("system_prompt_fastpath", withPacket));
        assertThat(again.get("recorded").asBoolean()).isTrue();
        // cli_entry never depended on the packet, so it was never run again.
        JsonNode cli = session.result("execute_phase", ServiceSession.phase("cli_entry", withPacket));
        assertThat(cli.get("recorded").asBoolean()).isTrue();
    }

    @Test
    void aRestartedServiceStillKnowsItsRecords() throws Exception {
        ObjectNode context = Workspaces.context(repo);
        ServiceSession before = new ServiceSession(environment);
        JsonNode first = before.result("execute_phase", ServiceSession.phase("main_runtime", context));
        assertThat(first.get("success").asBoolean()).as(first.toString()).isTrue();
        assertThat(Workspaces.lines(spawns)).isEqualTo(1);
        assertThat(repo.resolve(".harness/bootstrap/state.json")).isRegularFile();

        ServiceSession after = new ServiceSession(environment); // a new process would load the same state.json
        JsonNode status = after.result("get_status", Json.object().set("context", context));
        assertThat(status.get("phases").findValuesAsText("status")).containsOnly("succeeded");
        assertThat(status.get("phases").findValuesAsText("current")).containsOnly("true");
        assertThat(status.get("ready").asBoolean()).isTrue();

        JsonNode mcp = after.result("execute_phase", ServiceSession.phase("mcp_fastpath", context));
        assertThat(mcp.get("recorded").asBoolean()).isTrue();
        JsonNode runtime = after.result("execute_phase", ServiceSession.phase("main_runtime", context));
        assertThat(runtime.get("recorded").asBoolean()).isTrue();
        assertThat(runtime.get("prerequisites_run")).isEmpty();
        assertThat(Workspaces.lines(spawns)).isEqualTo(1);

        // A change after the restart shows in get_status before anything runs again.
        Workspaces.write(repo.resolve("CLAUDE.md"), "Different now.\n");
        JsonNode stale = after.result("get_status", Json.object().set("context", context));
        assertThat(stale.get("ready").asBoolean()).isFalse();
        assertThat(stale.get("phases").get(1).get("current").asBoolean()).isFalse();
        assertThat(stale.get("phases").get(0).get("current").asBoolean()).isTrue();
    }

    @Test
    void twoSpellingsOfOneWorkspaceShareTheirRecords() throws Exception {
        Path link = Files.createSymbolicLink(tmp.resolve("link"), repo);
        ServiceSession session = new ServiceSession(environment);
        session.result("execute_phase", ServiceSession.phase("cli_entry", Workspaces.context(repo)));
        JsonNode viaLink = session.result("execute_phase", ServiceSession.phase("cli_entry",
                Json.object().put("cwd", link.resolve("..").resolve("link").toString())));
        assertThat(viaLink.get("recorded").asBoolean()).isTrue();
        assertThat(viaLink.at("/artifacts/workspace").asText()).isEqualTo(repo.toRealPath().toString());
    }
}
