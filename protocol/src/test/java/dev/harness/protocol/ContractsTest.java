package dev.harness.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The top-level schemas/ and contracts/ as packaged: well-formed, and accepting what the first clients send. */
class ContractsTest {
    private static final Path ROOT = Paths.get(System.getProperty("user.dir")).getParent();

    @ParameterizedTest
    @ValueSource(strings = {"planning-service", "bootstrap-service", "worker-manager"})
    void everyContractLoadsAndEverySchemaInItCompiles(String service) {
        Contract contract = Contract.load(service);
        assertThat(contract.service()).isEqualTo(service);
        assertThat(contract.methods()).isNotEmpty();
        for (String method : contract.methods().keySet()) {
            // compiling and applying each schema resolves every $ref in it
            contract.paramsSchema(method).validate(Json.object());
            contract.resultSchema(method).validate(Json.object());
        }
        for (String notification : contract.notifications().keySet()) {
            contract.notificationSchema(notification).validate(Json.object());
        }
        assertThat(contract.errors().values()).allSatisfy(error ->
                assertThat(error.code()).isBetween(JsonRpc.DOMAIN_MIN, JsonRpc.DOMAIN_MAX));
    }

    @Test
    void contractsDeclareWhatPipelineMdGivesEachService() {
        assertThat(Contract.load("planning-service").methods()).containsKeys("decompose", "refine", "validate");
        assertThat(Contract.load("planning-service").notifications()).containsKey("plan_created");
        assertThat(Contract.load("bootstrap-service").methods()).containsKeys("execute_phase", "execute_plan");
        assertThat(Contract.load("bootstrap-service").notifications()).containsKeys("phase_started", "phase_completed");
        assertThat(Contract.load("worker-manager").methods()).containsKeys("spawn_worker", "check_trust", "mark_trusted",
                "deny_trust", "run_worker", "wait_worker", "get_worker", "list_workers", "cancel_worker", "decide");
        assertThat(Contract.load("worker-manager").notifications()).containsKey("worker_event");
    }

    static Stream<String> schemaNames() throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve("schemas"))) {
            return files.map(p -> p.getFileName().toString().replace(".schema.json", "")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("schemaNames")
    void everySchemaIsDraft202012WithItsOwnId(String name) throws IOException {
        JsonNode schema = Json.parse(Files.readString(ROOT.resolve("schemas").resolve(name + ".schema.json")));
        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.path("$id").asText()).isEqualTo(SchemaCatalog.BASE + "schemas/" + name + ".schema.json");
        SchemaCatalog.shared().named(name).validate(Json.object());
    }

    @Test
    void theIssueNamesTheseSchemas() {
        assertThat(ROOT.resolve("schemas")).isDirectoryContaining(p -> true);
        for (String name : List.of("task-packet", "plan", "bootstrap-plan", "worker-event", "failure-scenario", "trust-policy")) {
            assertThat(ROOT.resolve("schemas").resolve(name + ".schema.json")).exists();
        }
    }

    static Stream<String> firstClientLines() throws IOException {
        return Files.readAllLines(ROOT.resolve("examples/first-clients.jsonl")).stream().filter(l -> !l.isBlank());
    }

    /** The requests the suite's first clients already send validate unchanged against the contracts. */
    @ParameterizedTest
    @MethodSource("firstClientLines")
    void firstClientRequestsValidateUnchanged(String line) throws IOException {
        JsonNode request = Json.parse(line);
        String method = request.path("method").asText();
        Map<String, String> serviceOf = Map.of(
                "decompose", "planning-service", "refine", "planning-service",
                "execute_phase", "bootstrap-service",
                "spawn_worker", "worker-manager", "check_trust", "worker-manager",
                "mark_trusted", "worker-manager", "get_worker", "worker-manager");
        assertThat(serviceOf).containsKey(method);
        Contract contract = Contract.load(serviceOf.get(method));
        assertThat(contract.paramsSchema(method).validate(request.get("params"))).isEmpty();
    }

    @Test
    void theSevenFirstClientLinesAreAllThere() throws IOException {
        assertThat(firstClientLines().count()).isEqualTo(7);
    }
}
