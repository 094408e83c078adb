package dev.harness.orchestrator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harness.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code orchestrator runs}: the table and the JSON lines say the same thing about a run; the read-only
 * commands print the same through bin/orchestrator whether their answer was kept (on JDK 25 a first JVM of
 * its own answers that) or not.
 */
class RunsCommandIT extends E2E {
    @BeforeEach
    void workspace() {
        copyDashboard();
    }

    /**
     * Through the real launcher: a first read, then answers kept beside the log, then the log appended to:
     * stdout, stderr and exit code the same as a fresh read's each time; a run that is not there is the same usage error.
     */
    @Test
    void readOnlyCommandsPrintTheSameWhetherTheirAnswerWasKeptOrNot() throws Exception {
        String run = "20261130-000000-cds0";
        Path recorded = ROOT.resolve("orchestrator/src/main/cds/state").resolve(run).resolve("events.jsonl");
        Path dir = Files.createDirectories(stateDir().resolve(run));
        List<String> lines = Files.readAllLines(recorded);
        Files.write(dir.resolve("events.jsonl"), lines.subList(0, 40));
        String ws = workspace.toString();
        List<List<String>> asked = List.of(List.of("status", run, "-C", ws), List.of("status", run, "--json", "-C", ws),
                List.of("events", run, "-C", ws), List.of("events", run, "--json", "-C", ws), List.of("runs", "-C", ws));
        java.util.Map<List<String>, Result> before = new java.util.HashMap<>();
        for (int change = 0; change < 2; change++) {
            for (List<String> args : asked) {
                Result first = orchestrator(args.toArray(String[]::new));
                assertThat(first.exit()).as(args + ": " + first.all()).isZero();
                Result earlier = before.put(args, first);
                if (earlier != null && !args.get(0).equals("runs")) {
                    assertThat(first).as(args + " after the log grew").isNotEqualTo(earlier);
                }
                for (int again = 0; again < 2; again++) {
                    assertThat(orchestrator(args.toArray(String[]::new))).as(args.toString()).isEqualTo(first);
                }
            }
            Files.write(dir.resolve("events.jsonl"), lines.subList(40, lines.size()), StandardOpenOption.APPEND);
        }
        assertThat(Files.list(dir).map(p -> p.getFileName().toString()))
                .contains("status-output.properties", "events-output.properties");
        Result missing = orchestrator("status", "20261130-000000-none", "-C", ws);
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.stdout()).isEmpty();
        assertThat(missing.stderr()).contains("unknown run '20261130-000000-none'");
        assertThat(orchestrator("status", "20261130-000000-none", "-C", ws)).isEqualTo(missing);
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
