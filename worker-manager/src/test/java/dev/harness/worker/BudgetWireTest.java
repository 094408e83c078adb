package dev.harness.worker;

import static dev.harness.worker.Fixtures.id;
import static dev.harness.worker.Fixtures.packet;
import static dev.harness.worker.Fixtures.spawn;
import static dev.harness.worker.Fixtures.template;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A worker given a budget (spawn_worker's budget) by the fake agent that prints Claude Code's
 * result event ($0.0421, 352 tokens per attempt) and fails its acceptance test: the logic_error
 * recipe retries once, unless the attempts already spent the budget — then the failure is
 * budget_exceeded, nothing starts again, and a person decides (a human retry is one more attempt).
 */
class BudgetWireTest {
    private static final Path AGENTS = Path.of("..", "examples", "orchestrator", "agents").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    static Stream<Arguments> budgets() {
        return Stream.of(
                Arguments.of("no budget", null, 2, "logic_error"),
                Arguments.of("tokens left after one attempt", "{\"tokens\":10000}", 2, "logic_error"),
                Arguments.of("tokens spent by the first attempt", "{\"tokens\":300}", 1, "budget_exceeded"),
                Arguments.of("dollars spent by the first attempt", "{\"usd\":0.04}", 1, "budget_exceeded"),
                Arguments.of("dollars spent exactly", "{\"usd\":0.0421,\"tokens\":99999}", 1, "budget_exceeded"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("budgets")
    void aSpentBudgetStartsNoNewAttemptAndEscalates(String name, String budget, int attempts, String lastClass) throws Exception {
        Path policy = Fixtures.write(tmp.resolve("policy.yaml"), "trusted_roots: [\"" + tmp + "\"]\n");
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        try (WireSession wire = new WireSession(Fixtures.env(tmp.resolve("home")),
                "--state-dir", tmp.resolve("state").toString(), "--trust-policy", policy.toString())) {
            ObjectNode params = spawn(packet("Write the file", "test -f never-made.txt"), ws, template(AGENTS.resolve("claude-usage.sh")));
            if (budget != null) {
                params.set("budget", Json.parse(budget));
            }
            String worker = wire.ok("spawn_worker", params).get("worker_id").asText();
            wire.ok("check_trust", id(worker));
            wire.ok("run_worker", id(worker));
            JsonNode failed = wire.ok("wait_worker", id(worker));

            assertThat(failed.get("state").asText()).isEqualTo("failed");
            assertThat(failed.get("attempts").asInt()).isEqualTo(attempts);
            assertThat(failed.get("failure_class").asText()).isEqualTo(lastClass);
            List<JsonNode> events = wire.events(worker);
            assertThat(events.stream().filter(e -> e.path("kind").asText().equals("attempt_started"))).hasSize(attempts);
            assertThat(events.stream().filter(e -> e.path("kind").asText().equals("usage_recorded"))).hasSize(attempts);
            if (lastClass.equals("budget_exceeded")) {
                JsonNode classified = events.stream().filter(e -> e.path("kind").asText().equals("failure_classified"))
                        .reduce((a, b) -> b).orElseThrow();
                assertThat(classified.at("/payload/evidence/source").asText()).isEqualTo("budget");
                assertThat(classified.at("/payload/evidence/detail").asText()).contains("no new attempt after this logic_error failure");
                assertThat(wire.kinds(worker)).contains("recovery_escalation").doesNotContain("recovery_attempted");
                assertThat(failed.get("escalation_required").asBoolean()).isTrue();

                // a person's retry is one more attempt anyway; it fails, and the budget stops it again
                ObjectNode decide = id(worker);
                decide.put("decision", "retry");
                decide.put("approver", "ana");
                assertThat(wire.ok("decide", decide).get("state").asText()).isEqualTo("ready_for_prompt");
                wire.ok("run_worker", id(worker));
                JsonNode again = wire.ok("wait_worker", id(worker));
                assertThat(again.get("attempts").asInt()).isEqualTo(2);
                assertThat(again.get("failure_class").asText()).isEqualTo("budget_exceeded");
                assertThat(again.get("escalation_required").asBoolean()).isTrue();
            }
            wire.assertEventsSchemaValid();
        }
    }

    @org.junit.jupiter.api.Test
    void theRunsBudgetIsSharedByItsWorkersSoOneWorkersSpendStopsAnothersRetry() throws Exception {
        Path policy = Fixtures.write(tmp.resolve("policy.yaml"), "trusted_roots: [\"" + tmp + "\"]\n");
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        try (WireSession wire = new WireSession(Fixtures.env(tmp.resolve("home")),
                "--state-dir", tmp.resolve("state").toString(), "--trust-policy", policy.toString())) {
            // both spawned with 500 tokens left of the run; each attempt reports 352
            String[] workers = new String[2];
            for (int i = 0; i < 2; i++) {
                ObjectNode params = spawn(packet("Write file " + i, "test -f never-made.txt"), ws, template(AGENTS.resolve("claude-usage.sh")));
                params.set("run_budget", Json.parse("{\"tokens\":500}"));
                workers[i] = wire.ok("spawn_worker", params).get("worker_id").asText();
                wire.ok("check_trust", id(workers[i]));
            }
            wire.ok("run_worker", id(workers[0]));
            JsonNode first = wire.ok("wait_worker", id(workers[0]));
            // alone: attempt 1 (352 < 500) is retried; attempt 2 spends it
            assertThat(first.get("attempts").asInt()).isEqualTo(2);
            assertThat(first.get("failure_class").asText()).isEqualTo("budget_exceeded");

            wire.ok("run_worker", id(workers[1]));
            JsonNode second = wire.ok("wait_worker", id(workers[1]));
            // the other worker spent the run's budget: no retry after the first attempt
            assertThat(second.get("attempts").asInt()).isEqualTo(1);
            assertThat(second.get("failure_class").asText()).isEqualTo("budget_exceeded");
            assertThat(second.at("/evidence/detail").asText()).contains("the run's budget: 1056 tokens used of the 500-token budget");
            wire.assertEventsSchemaValid();
        }
    }
}
