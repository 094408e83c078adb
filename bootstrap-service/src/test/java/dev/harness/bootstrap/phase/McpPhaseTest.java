package dev.harness.bootstrap.phase;

import dev.harness.bootstrap.ServiceSession;
import dev.harness.bootstrap.Workspaces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** mcp_fastpath against real processes: a working server, a hanging one, a crashing one, bad configuration. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class McpPhaseTest {
    @TempDir
    Path tmp;
    Path repo;
    ServiceSession session;

    @BeforeEach
    void setUp() throws Exception {
        repo = Workspaces.gitRepo(tmp.resolve("repo"));
        session = new ServiceSession(ServiceSession.environment(tmp, Map.of("DOCS_PORT", "9")));
    }

    private JsonNode mcp(ObjectNode context) {
        return session.result("execute_phase", ServiceSession.phase("mcp_fastpath", context));
    }

    private JsonNode server(JsonNode result, String name) {
        for (JsonNode server : result.at("/artifacts/servers")) {
            if (server.get("name").asText().equals(name)) {
                return server;
            }
        }
        throw new AssertionError("no server " + name + " in " + result);
    }

    @Test
    void aWorkingStdioServerIsProbedAndItsToolsReported() throws Exception {
        assumeTrue(Workspaces.onPath("node"), "node runs the sample server");
        Files.copy(Workspaces.exampleServer(), repo.resolve("server.js"));
        Workspaces.mcpJson(repo, "tools", "node", "server.js");
        JsonNode result = mcp(Workspaces.context(repo));
        assertThat(result.get("success").asBoolean()).isTrue();
        JsonNode server = server(result, "tools");
        assertThat(server.get("probed").asBoolean()).isTrue();
        assertThat(server.get("ok").asBoolean()).isTrue();
        assertThat(server.get("command_found").asBoolean()).isTrue();
        assertThat(server.at("/server_info/name").asText()).isEqualTo("dashboard-tools");
        assertThat(server.get("protocol_version").asText()).isEqualTo("2025-06-18");
        assertThat(server.get("tools")).extracting(JsonNode::asText).containsExactly("echo", "list_themes");
        assertThat(result.at("/artifacts/all_servers_ok").asBoolean()).isTrue();
    }

    @Test
    void aHangingServerIsADiagnosticWithinItsTimeoutAndIsKilled() throws Exception {
        Path pidFile = tmp.resolve("server.pid");
        // Starts, records its pid, never answers.
        Workspaces.mcpJson(repo, "silent", "sh", "-c", "echo $$ > \"$0\"; exec sleep 120", pidFile.toString());
        JsonNode result = mcp(Workspaces.context(repo).put("mcp_timeout_ms", 500));
        assertThat(result.get("success").asBoolean()).isTrue(); // a server problem is a warning, not a failed bootstrap
        JsonNode server = server(result, "silent");
        assertThat(server.get("ok").asBoolean()).isFalse();
        assertThat(server.get("error").asText()).contains("did not answer initialize within 500 ms");
        assertThat(server.get("duration_ms").asLong()).isGreaterThanOrEqualTo(500);
        assertThat(result.get("diagnostics").toString()).contains("silent").contains("within 500 ms");
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("server pid %d still alive", pid).isFalse();
    }

    @Test
    void aServerThatAnswersInitializeButNotToolsListTimesOutOnTheRightStep() throws Exception {
        assumeTrue(Workspaces.onPath("node"), "node runs the half-answering server");
        Workspaces.write(repo.resolve("half.js"), """
                require('readline').createInterface({ input: process.stdin }).on('line', (line) => {
                  const m = JSON.parse(line);
                  if (m.method === 'initialize') {
                    process.stdout.write('not json, a stray log line\\n');
                    process.stdout.write(JSON.stringify({ jsonrpc: '2.0', id: m.id, result: {
                      protocolVersion: '2025-06-18', capabilities: { tools: {} }, serverInfo: { name: 'half', version: '0' } } }) + '\\n');
                  }
                });
                """);
        Workspaces.mcpJson(repo, "half", "node", "half.js");
        JsonNode server = server(mcp(Workspaces.context(repo).put("mcp_timeout_ms", 1500)), "half");
        assertThat(server.get("ok").asBoolean()).isFalse();
        assertThat(server.get("error").asText()).contains("did not answer tools/list within 1500 ms");
    }

    @Test
    void aCrashingServerIsADiagnosticWithItsExitCodeAndLastWords() throws Exception {
        Workspaces.mcpJson(repo, "crashy", "sh", "-c", "echo 'Error: cannot find module ./dist/index.js' >&2; exit 3");
        JsonNode result = mcp(Workspaces.context(repo));
        assertThat(result.get("success").asBoolean()).isTrue();
        JsonNode server = server(result, "crashy");
        assertThat(server.get("ok").asBoolean()).isFalse();
        assertThat(server.get("error").asText()).contains("exit code 3").contains("cannot find module");
    }

    @Test
    void aMissingCommandIsReportedWithoutStartingAnything() throws Exception {
        Workspaces.mcpJson(repo, "ghost", "no-such-mcp-server-binary", "--stdio");
        JsonNode result = mcp(Workspaces.context(repo));
        JsonNode server = server(result, "ghost");
        assertThat(server.get("command_found").asBoolean()).isFalse();
        assertThat(server.get("probed").asBoolean()).isFalse();
        assertThat(result.get("diagnostics").toString()).contains("no-such-mcp-server-binary was not found on PATH");
    }

    @Test
    void aMalformedConfigurationFailsThePhaseNamingTheFileAndTheParseError() throws Exception {
        Path config = Workspaces.write(repo.resolve(".mcp.json"), "{\n  \"mcpServers\": {\n    \"a\": {\"command\": \"x\",}\n  }\n}\n");
        JsonNode result = mcp(Workspaces.context(repo));
        assertThat(result.get("success").asBoolean()).isFalse();
        String diagnostics = result.get("diagnostics").toString();
        assertThat(diagnostics).contains(config.toRealPath().toString()).contains("malformed").contains("line: 3");
        // Fixing the file is a change of inputs: the phase runs again and succeeds.
        Workspaces.mcpJson(repo, "a", "sh", "-c", "exit 0");
        assertThat(mcp(Workspaces.context(repo)).get("success").asBoolean()).isTrue();
    }

    @Test
    void aServerEntryWithoutCommandOrUrlIsMalformed() throws Exception {
        Workspaces.write(repo.resolve(".mcp.json"), "{\"mcpServers\": {\"nothing\": {\"args\": [\"x\"]}}}");
        JsonNode result = mcp(Workspaces.context(repo));
        assertThat(result.get("success").asBoolean()).isFalse();
        assertThat(result.get("diagnostics").toString()).contains("server nothing has no command");
    }

    @Test
    void urlServersAreReportedNotProbedAndVariablesAreExpanded() throws Exception {
        Workspaces.write(repo.resolve(".mcp.json"),
                "{\"mcpServers\": {\"docs\": {\"type\": \"http\", \"url\": \"http://127.0.0.1:${DOCS_PORT}/mcp\"}}}");
        JsonNode server = server(mcp(Workspaces.context(repo)), "docs");
        assertThat(server.get("probed").asBoolean()).isFalse();
        assertThat(server.get("transport").asText()).isEqualTo("http");
        assertThat(server.get("url").asText()).isEqualTo("http://127.0.0.1:9/mcp");
    }

    @Test
    void claudeJsonServersCountAndTheNearestDefinitionWins() throws Exception {
        Path sub = Files.createDirectories(repo.resolve("packages/web"));
        Workspaces.write(repo.resolve(".claude.json"),
                "{\"mcpServers\": {\"shared\": {\"command\": \"sh\", \"args\": [\"-c\", \"exit 1\"]},"
                        + " \"rootonly\": {\"command\": \"no-such-root-server\"}}}");
        Workspaces.mcpJson(sub, "shared", "no-such-nearer-server");
        JsonNode result = mcp(Workspaces.context(sub));
        assertThat(result.at("/artifacts/servers").findValuesAsText("name")).containsExactlyInAnyOrder("shared", "rootonly");
        assertThat(server(result, "shared").get("command").asText()).isEqualTo("no-such-nearer-server");
        assertThat(result.get("diagnostics").toString()).contains("is shadowed by");
        assertThat(result.at("/artifacts/config_files")).hasSize(2);
    }

    @Test
    void serverEnvironmentValuesAreNeverReportedOnlyTheirNames() throws Exception {
        Workspaces.write(repo.resolve(".mcp.json"),
                "{\"mcpServers\": {\"s\": {\"command\": \"sh\", \"args\": [\"-c\", \"echo $SERVICE_TOKEN >&2; exit 2\"],"
                        + " \"env\": {\"SERVICE_TOKEN\": \"tok-very-secret-42\"}}}}");
        JsonNode result = mcp(Workspaces.context(repo));
        assertThat(server(result, "s").get("env_keys")).extracting(JsonNode::asText).containsExactly("SERVICE_TOKEN");
        assertThat(session.allRawLines).noneMatch(line -> line.contains("tok-very-secret-42"));
        assertThat(server(result, "s").get("error").asText()).contains("***");
    }

    @Test
    void theServersOwnPingIsAnsweredAndStdoutChatterSkipped() throws Exception {
        Workspaces.write(repo.resolve("pinger.sh"), """
                read -r init
                echo '{"jsonrpc":"2.0","id":"srv-ping","method":"ping"}'
                read -r pong
                case "$pong" in *'"srv-ping"'*) ;; *) echo "no pong: $pong" >&2; exit 7;; esac
                case "$pong" in *'"result"'*) ;; *) echo "ping refused: $pong" >&2; exit 8;; esac
                echo 'pinger starting (a log line on stdout)'
                echo '{"jsonrpc":"2.0","id":1,"result":{"protocolVersion":"2025-06-18","capabilities":{},"serverInfo":{"name":"pinger","version":"1"}}}'
                read -r initialized
                read -r list
                echo '{"jsonrpc":"2.0","id":2,"result":{"tools":[{"name":"pong"}]}}'
                read -r eof
                """);
        Workspaces.mcpJson(repo, "pinger", "sh", "pinger.sh");
        JsonNode server = server(mcp(Workspaces.context(repo)), "pinger");
        assertThat(server.get("ok").asBoolean()).as(server.toString()).isTrue();
        assertThat(server.get("tools")).extracting(JsonNode::asText).containsExactly("pong");
    }
}
