package dev.harness.protocol.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.Json;
import dev.harness.protocol.RpcClient;
import dev.harness.protocol.RpcException;
import dev.harness.protocol.process.PathLookup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sessions over real children: an MCP server, and services that misbehave. */
class ProcessTransportTest {
    @TempDir
    Path tmp;

    @Test
    void anMcpExchangeWithTheDashboardsEchoServer() throws Exception {
        Path server = Path.of("..", "examples", "dashboard", "tools", "mcp-echo-server.js").toAbsolutePath().normalize();
        Assumptions.assumeTrue(PathLookup.find("node", System.getenv()).isPresent(), "node is not installed");
        ProcessTransport transport = ProcessTransport.start("dashboard-tools", List.of("node", server.toString()), tmp,
                Map.of(), tmp.resolve("mcp.stderr"));
        // third-party servers may log to stdout: lenient
        try (ClientSession mcp = ClientSession.open(transport, ClientSession.Options.defaults().strict(false))) {
            ObjectNode init = Json.object().put("protocolVersion", "2025-06-18");
            init.putObject("capabilities");
            init.putObject("clientInfo").put("name", "harness-test").put("version", "0");
            JsonNode initialized = mcp.call("initialize", init, Duration.ofSeconds(30));
            assertThat(initialized.get("protocolVersion").asText()).isEqualTo("2025-06-18");
            assertThat(initialized.at("/serverInfo/name").asText()).isEqualTo("dashboard-tools");
            mcp.notify("notifications/initialized", null);
            JsonNode tools = mcp.call("tools/list", Json.object(), Duration.ofSeconds(30));
            assertThat(tools.get("tools")).extracting(t -> t.get("name").asText()).contains("echo", "list_themes");
            ObjectNode echo = Json.object().put("name", "echo");
            echo.putObject("arguments").put("text", "héllo");
            assertThat(mcp.call("tools/call", echo, Duration.ofSeconds(30)).at("/content/0/text").asText()).isEqualTo("héllo");
            assertThat(mcp.call("ping", Json.object(), Duration.ofSeconds(30))).isEqualTo(Json.object());
            Throwable unknown = catchThrowable(() -> mcp.call("resources/list", Json.object(), Duration.ofSeconds(30)));
            assertThat(unknown).isInstanceOf(RpcException.class);
            assertThat(((RpcException) unknown).code()).isEqualTo(-32601);
            assertThat(transport.shutdown(Duration.ofSeconds(5))).isZero();
        }
    }

    @Test
    void aServiceWritingGarbageFailsTheCallAndIsKilled() throws Exception {
        Path pid = tmp.resolve("pid");
        try (RpcClient client = RpcClient.start("garbage", List.of("sh", "-c", "echo $$ > \"$0\"; read x; echo 'not json'; exec sleep 300",
                pid.toString()), tmp, Map.of(), tmp.resolve("stderr"), n -> { })) {
            Throwable failure = catchThrowable(() -> client.call("a", Json.object(), Duration.ofSeconds(60)));
            assertThat(failure).isInstanceOf(RpcClient.ServiceGoneException.class).hasMessageContaining("not JSON");
            assertThat(client.process().waitFor(10, TimeUnit.SECONDS)).as("the misbehaving service was killed").isTrue();
            assertThat(client.isAlive()).isFalse();
        }
    }

    @Test
    void aServiceThatExitsFailsPendingCallsWithItsExitCode() throws Exception {
        try (RpcClient client = RpcClient.start("dying", List.of("sh", "-c", "read x; exit 7"), tmp, Map.of(), null, n -> { })) {
            Throwable failure = catchThrowable(() -> client.call("a", Json.object(), Duration.ofSeconds(60)));
            assertThat(failure).isInstanceOf(RpcClient.ServiceGoneException.class).hasMessageContaining("exit code 7");
        }
    }

    @Test
    void theServicesDeclaredErrorNamesComeFromItsContract() throws Exception {
        // a fake "test-echo" answering a domain error; the name comes from contracts/test-echo.contract.yaml
        Path script = Files.writeString(tmp.resolve("svc.sh"),
                "read line\nid=$(echo \"$line\" | sed 's/.*\"id\":\\([0-9]*\\).*/\\1/')\n"
                        + "echo '{\"jsonrpc\":\"2.0\",\"id\":'$id',\"error\":{\"code\":-32042,\"message\":\"no\"}}'\nread rest\n");
        try (RpcClient client = RpcClient.start("test-echo", List.of("sh", script.toString()), tmp, Map.of(), null, n -> { })) {
            Throwable failure = catchThrowable(() -> client.call("refuse", Json.object(), Duration.ofSeconds(60)));
            assertThat(failure).isInstanceOf(RpcException.class);
            assertThat(((RpcException) failure).is("refused")).isTrue();
        }
    }
}
