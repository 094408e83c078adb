package dev.harness.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A service as a real child JVM: charset independence, EOF, SIGTERM, and the client side of the wire. */
class ChildProcessTest {
    private static final String TEXT = "héllo wörld — 日本語 🎉 \u00a0\"quoted\" \\ back";

    private static List<String> javaCommand(String... jvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(EchoService.class.getName());
        return command;
    }

    @Test
    void nonAsciiSurvivesARoundTripWhenTheDefaultCharsetIsNotUtf8() throws Exception {
        Process process = new ProcessBuilder(javaCommand("-Dfile.encoding=ISO-8859-1", "-Dsun.stdout.encoding=ISO-8859-1"))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream in = process.getOutputStream()) {
            ObjectNode params = Json.object();
            params.put("text", TEXT);
            in.write((Json.write(JsonRpc.request(Json.toNode(1), "echo", params)) + "\n").getBytes(StandardCharsets.UTF_8));
            in.write("{\"id\":2,\"method\":\"charset\"}\n".getBytes(StandardCharsets.UTF_8));
        }
        List<JsonNode> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(Json.parse(line));
            }
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1).path("result").asText()).isEqualTo("ISO-8859-1");
        assertThat(lines.get(0).path("result").path("text").asText()).isEqualTo(TEXT);
    }

    @Test
    void clientMatchesResponsesAndReceivesEventsAndStderrStaysOffStdout(@TempDir Path dir) throws Exception {
        Path stderr = dir.resolve("service.stderr.log");
        List<JsonNode> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (RpcClient client = RpcClient.start("echo", javaCommand(), dir, Map.of(), stderr, events::add)) {
            ObjectNode count = Json.object();
            count.put("n", 2);
            assertThat(client.call("count", count, Duration.ofSeconds(30)).asInt()).isEqualTo(2);
            assertThat(events).hasSize(2); // events precede the response
            RpcException refused = org.assertj.core.api.Assertions.catchThrowableOfType(RpcException.class,
                    () -> client.call("refuse", Json.object(), Duration.ofSeconds(30)));
            assertThat(refused.code()).isEqualTo(-32042);
            client.call("crash", Json.object(), Duration.ofSeconds(30));
        } catch (RpcException internal) {
            assertThat(internal.code()).isEqualTo(JsonRpc.INTERNAL_ERROR);
        }
        assertThat(Files.readString(stderr)).contains("secret internal detail");
    }

    @Test
    void sigtermStopsABusyServicePromptly() throws Exception {
        Process process = new ProcessBuilder(javaCommand()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        OutputStream in = process.getOutputStream();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        // An answered request proves the service is serving, so its SIGTERM handling is in place.
        in.write("{\"id\":0,\"method\":\"echo\",\"params\":{\"text\":\"up\"}}\n".getBytes(StandardCharsets.UTF_8));
        in.flush();
        assertThat(Json.parse(out.readLine()).path("result").path("text").asText()).isEqualTo("up");
        in.write("{\"id\":1,\"method\":\"wait\",\"params\":{\"ms\":600000}}\n".getBytes(StandardCharsets.UTF_8));
        in.flush();
        // The signal alone: Process.destroy() would also close stdin, and a service that sees EOF first
        // rightly exits 0, which made this test depend on which of the two the child noticed first.
        assertThat(process.toHandle().destroy()).isTrue(); // SIGTERM
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
        assertThat(process.exitValue()).isEqualTo(143);
        in.close();
    }

    @Test
    void eofEndsTheServiceWithExitZero() throws Exception {
        Process process = new ProcessBuilder(javaCommand()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        process.getOutputStream().close();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(process.getInputStream().readAllBytes()).isEmpty();
    }
}
