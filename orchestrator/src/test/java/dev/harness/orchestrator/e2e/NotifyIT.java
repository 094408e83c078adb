package dev.harness.orchestrator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harness.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * --notify through bin/orchestrator: the plan gate (no terminal) tells the notifier once, a resume
 * that completes tells it once more; a hanging notifier is killed and logged and the run completes.
 */
class NotifyIT extends E2E {
    @Test
    void theNotifierHearsTheGateAndTheEndAndAHangingOneNeverHoldsTheRun() throws Exception {
        copyDashboard();
        Path calls = temp.resolve("calls.jsonl");
        Path record = temp.resolve("record.sh");
        Files.writeString(record, "#!/bin/sh\ncat >> \"$1\"\n");
        record.toFile().setExecutable(true);
        Path hang = temp.resolve("hang.sh");
        Files.writeString(hang, "#!/bin/sh\nsleep 600\n");
        hang.toFile().setExecutable(true);
        Path plan = planFile(packet("t1", "Check the theme module", List.of("test -d src/theme")));

        Result paused = orchestrator(Map.of(), List.of("-C", workspace.toString(), "--plan", plan.toString(),
                "--notify", record + " " + calls, "check"));
        assertThat(paused.exit()).as(paused.all()).isEqualTo(3);
        String id = paused.runId();
        List<String> lines = Files.readAllLines(calls);
        assertThat(lines).as("one call at the plan gate").hasSize(1);
        JsonNode waiting = Json.parse(lines.get(0));
        assertThat(waiting.path("event").asText()).isEqualTo("waiting");
        assertThat(waiting.path("status").asText()).isEqualTo("awaiting_approval");
        assertThat(waiting.path("run_id").asText()).isEqualTo(id);

        Result resumed = orchestrator(Map.of(), List.of("-C", workspace.toString(), "resume", id, "--yes", "--trust",
                "--notify", record + " " + calls, "--notify", hang.toString(), "--notify-timeout", "1s"));
        assertThat(resumed.exit()).as(resumed.all()).isZero();
        lines = Files.readAllLines(calls);
        assertThat(lines).hasSize(2);
        assertThat(Json.parse(lines.get(1)).path("event").asText()).isEqualTo("completed");
        List<JsonNode> events = events(id);
        assertThat(events.stream().filter(e -> e.path("kind").asText().equals("notification_sent")).count()).isEqualTo(2);
        assertThat(events.stream().filter(e -> e.path("kind").asText().equals("notification_failed"))
                .map(e -> e.path("reason").asText()).toList()).singleElement().asString().contains("was killed");
    }
}
