package dev.harness.orchestrator.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventTableTest {
    private static ObjectNode event(long seq, String kind) {
        return Json.object().put("seq", seq).put("time", "2026-11-23T01:15:0" + seq + ".000Z").put("kind", kind)
                .put("run_id", "r");
    }

    @Test
    void rendersOneRowPerEventWithShortDetails() {
        List<ObjectNode> events = List.of(
                event(1, "run_started").put("objective", "add dark mode"),
                event(2, "task_started").put("task_id", "t1").put("worker_id", "w-1").put("attempt", 1),
                event(3, "failure_classified").put("task_id", "t1").put("worker_id", "w-1").put("state", "running")
                        .set("payload", Json.object().put("failure_class", "transient")),
                event(4, "task_failed").put("task_id", "t1").put("worker_id", "w-1").put("failure_class", "logic_error")
                        .put("reason", "2 tests failed\nat x").put("escalation_required", true),
                event(5, "execution_complete").put("completed", 3).put("failed", 1).put("skipped", 0).put("status", "failed"));
        List<String> lines = new EventTable().render(events).lines().toList();
        assertThat(lines).containsExactly(
                "SEQ  TIME                      KIND                TASK  WORKER  DETAILS",
                "1    2026-11-23T01:15:01.000Z  run_started         -     -       objective: add dark mode",
                "2    2026-11-23T01:15:02.000Z  task_started        t1    w-1     attempt 1 started",
                "3    2026-11-23T01:15:03.000Z  failure_classified  t1    w-1     classified transient",
                "4    2026-11-23T01:15:04.000Z  task_failed         t1    w-1     failed: logic_error: 2 tests failed at x (waits for a decision)",
                "5    2026-11-23T01:15:05.000Z  execution_complete  -     -       failed: 3 completed, 1 failed, 0 skipped");
    }

    /** Every kind the suite logs reads as a sentence, never as raw JSON; an unknown kind still shows its fields. */
    @Test
    void everyKnownKindIsASentence() throws Exception {
        ObjectNode payload = Json.object().put("command", "npm test").put("passed", false).put("exit_code", 1)
                .put("log", "/runs/r/workers/logs/w-1/attempt-1/test-0.log");
        assertThat(EventTable.details((ObjectNode) event(1, "acceptance_test_result").set("payload", payload)))
                .isEqualTo("check 'npm test' failed with exit code 1, log /runs/r/workers/logs/w-1/attempt-1/test-0.log");
        for (String kind : kinds("worker-event.schema.json")) {
            String sentence = EventTable.details((ObjectNode) event(1, kind).set("payload", Json.object().put("x", 1)));
            assertThat(sentence).as(kind).doesNotContain("{").isNotBlank();
        }
        for (String kind : kinds("run-event.schema.json")) {
            if (List.of("run_completed", "log_repaired", "merge_started", "merge_completed",
                    "merge_conflict", "integration_completed", "apply_completed").contains(kind)) {
                continue; // written by issue 12's integration; shown by their fields until it lands
            }
            assertThat(EventTable.details(event(1, kind))).as(kind).doesNotContain("{");
        }
        assertThat(EventTable.details(event(1, "something_new").put("x", 1))).isEqualTo("{\"x\":1}");
    }

    /** The kinds a schema declares ($defs.kind.enum): the schemas are the one list. */
    private static List<String> kinds(String schema) throws Exception {
        java.nio.file.Path file = java.nio.file.Path.of("..", "schemas", schema);
        List<String> kinds = new java.util.ArrayList<>();
        Json.parse(java.nio.file.Files.readString(file)).path("$defs").path("kind").path("enum").forEach(k -> kinds.add(k.asText()));
        assertThat(kinds).as(schema).isNotEmpty();
        return kinds;
    }

    @Test
    void longDetailsAreCutAndNoEventIsAnEmptyTable() {
        String long_ = "x".repeat(500);
        String row = new EventTable().render(List.of(event(1, "task_skipped").put("task_id", "t").put("reason", long_)))
                .lines().toList().get(1);
        assertThat(row).endsWith("…");
        assertThat(row.length()).isLessThan(200);
        assertThat(new EventTable().render(List.of())).endsWith("(no events)\n");
    }
}
