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
                "2    2026-11-23T01:15:02.000Z  task_started        t1    w-1     attempt 1",
                "3    2026-11-23T01:15:03.000Z  failure_classified  t1    w-1     state running {\"payload\":{\"failure_class\":\"transient\"}}",
                "4    2026-11-23T01:15:04.000Z  task_failed         t1    w-1     logic_error: 2 tests failed at x (escalated)",
                "5    2026-11-23T01:15:05.000Z  execution_complete  -     -       failed: 3 completed, 1 failed, 0 skipped");
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
