package dev.harness.orchestrator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harness.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code orchestrator runs}: the table and the JSON lines say the same thing about a run. */
class RunsCommandIT extends E2E {
    @BeforeEach
    void workspace() {
        copyDashboard();
    }

    @Test
    void aRunWithACorruptLogIsUnreadableInJsonToo() throws Exception {
        Path run = Files.createDirectories(stateDir().resolve("20261123-010203-abcd"));
        Files.writeString(run.resolve("events.jsonl"), "{\"seq\":1, garbage\n");

        Result table = orchestrator("runs", "-C", workspace.toString());
        Result json = orchestrator("runs", "--json", "-C", workspace.toString());

        assertThat(table.exit()).as(table.all()).isZero();
        assertThat(table.stdout()).contains("20261123-010203-abcd", "unreadable");
        assertThat(json.exit()).as(json.all()).isZero();
        JsonNode line = Json.MAPPER.readTree(json.stdout().strip());
        assertThat(line.path("run_id").asText()).isEqualTo("20261123-010203-abcd");
        assertThat(line.path("status").asText()).isEqualTo("unreadable");
        assertThat(line.path("problem").asText()).contains("events.jsonl:1");
    }
}
