package dev.harness.worker;

import static dev.harness.worker.Fixtures.id;
import static dev.harness.worker.Fixtures.packet;
import static dev.harness.worker.Fixtures.spawn;
import static dev.harness.worker.Fixtures.template;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The example agents of examples/orchestrator/agents run for real: each attempt logs what it used. */
class UsageWireTest {
    private static final Path AGENTS = Path.of("..", "examples", "orchestrator", "agents").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    static Stream<Arguments> agents() {
        return Stream.of(
                Arguments.of("claude-usage.sh", "claude_result", "{\"attempt\":1,\"source\":\"claude_result\",\"cost_usd\":0.0421,"
                        + "\"input_tokens\":12,\"output_tokens\":340,\"cache_read_tokens\":9000,\"cache_creation_tokens\":150,"
                        + "\"num_turns\":3,\"is_error\":false,\"permission_denials\":0}"),
                Arguments.of("codex-usage.sh", "codex_turns", "{\"attempt\":1,\"source\":\"codex_turns\",\"input_tokens\":24763,"
                        + "\"output_tokens\":122,\"cache_read_tokens\":24448,\"num_turns\":1}"),
                Arguments.of("usage-file.sh", "usage_file", "{\"attempt\":1,\"source\":\"usage_file\",\"cost_usd\":0.25,"
                        + "\"input_tokens\":1000,\"output_tokens\":200,\"num_turns\":1}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("agents")
    void eachAttemptRecordsItsUsage(String script, String source, String payload) throws Exception {
        Path policy = Fixtures.write(tmp.resolve("policy.yaml"), "trusted_roots: [\"" + tmp + "\"]\n");
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        try (WireSession wire = new WireSession(Fixtures.env(tmp.resolve("home")),
                "--state-dir", tmp.resolve("state").toString(), "--trust-policy", policy.toString())) {
            String worker = wire.ok("spawn_worker", spawn(packet("Leave a mark", "true"), ws,
                    template(AGENTS.resolve(script)))).get("worker_id").asText();
            wire.ok("check_trust", id(worker));
            wire.ok("run_worker", id(worker));
            assertThat(wire.ok("wait_worker", id(worker)).get("state").asText()).isEqualTo("finished");
            List<JsonNode> usage = wire.events(worker).stream()
                    .filter(e -> e.path("kind").asText().equals("usage_recorded")).toList();
            assertThat(usage).singleElement().satisfies(e -> {
                assertThat(e.at("/payload/source").asText()).isEqualTo(source);
                assertThat(e.get("payload")).isEqualTo(dev.harness.protocol.Json.parse(payload));
            });
            wire.assertEventsSchemaValid();
        }
    }
}
