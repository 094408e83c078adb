package dev.harness.orchestrator.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.api.run.LoggedEvent;
import dev.harness.api.run.RunEventCodec;
import dev.harness.protocol.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The table reads the lines as the log stores them, through the one codec (as {@code events} does). */
class EventTableTest {
    private static ObjectNode line(long seq, String kind) {
        return Json.object().put("seq", seq).put("time", "2026-11-23T01:15:0" + seq + ".000Z").put("kind", kind)
                .put("run_id", "r");
    }

    private static LoggedEvent event(ObjectNode line) {
        return RunEventCodec.fromJson(line);
    }

    @Test
    void rendersOneRowPerEventWithShortDetails() {
        List<LoggedEvent> events = List.of(
                event(line(1, "run_started").put("objective", "add dark mode")),
                event(line(2, "task_started").put("task_id", "t1").put("worker_id", "w-1").put("attempt", 1)),
                event((ObjectNode) line(3, "failure_classified").put("task_id", "t1").put("worker_id", "w-1")
                        .put("worker_event_id", "w-1:3").put("state", "running")
                        .set("payload", Json.object().put("failure_class", "transient"))),
                event(line(4, "task_failed").put("task_id", "t1").put("worker_id", "w-1").put("failure_class", "logic_error")
                        .put("reason", "2 tests failed\nat x").put("escalation_required", true)),
                event(line(5, "execution_complete").put("completed", 3).put("failed", 1).put("skipped", 0).put("status", "failed")));
        List<String> lines = new EventTable().render(events).lines().toList();
        assertThat(lines).containsExactly(
                "SEQ  TIME                      KIND                TASK  WORKER  DETAILS",
                "1    2026-11-23T01:15:01.000Z  run_started         -     -       objective: add dark mode",
                "2    2026-11-23T01:15:02.000Z  task_started        t1    w-1     attempt 1 started",
                "3    2026-11-23T01:15:03.000Z  failure_classified  t1    w-1     classified transient",
                "4    2026-11-23T01:15:04.000Z  task_failed         t1    w-1     failed: logic_error: 2 tests failed at x (waits for a decision)",
                "5    2026-11-23T01:15:05.000Z  execution_complete  -     -       failed: 3 completed, 1 failed, 0 skipped");
    }

    /**
     * Every kind the suite logs reads as a sentence, never as raw JSON (the compiler holds the
     * orchestrator's own kinds to one sentence each; this holds the relayed worker kinds, whose
     * payload fields are all optional); an unknown kind, or a worker event whose payload does not
     * fit its kind, still shows its fields.
     */
    @Test
    void everyKnownKindIsASentence() throws Exception {
        ObjectNode payload = Json.object().put("command", "npm test").put("passed", false).put("exit_code", 1)
                .put("log", "/runs/r/workers/logs/w-1/attempt-1/test-0.log");
        assertThat(EventTable.details(event((ObjectNode) line(1, "acceptance_test_result").put("worker_event_id", "w:1")
                .set("payload", payload))))
                .isEqualTo("check `npm test` failed with exit code 1, log /runs/r/workers/logs/w-1/attempt-1/test-0.log");
        for (String kind : kinds("worker-event.schema.json")) {
            ObjectNode relayed = (ObjectNode) line(1, kind).put("worker_event_id", "w:1").put("worker_id", "w")
                    .set("payload", Json.object().put("x", 1));
            assertThat(EventTable.details(event(relayed))).as(kind).doesNotContain("{").isNotBlank();
        }
        assertThat(EventTable.details(event(line(1, "something_new").put("x", 1)))).isEqualTo("{\"x\":1}");
        ObjectNode unfit = (ObjectNode) line(1, "attempt_started").put("worker_event_id", "w:1").put("state", "running")
                .set("payload", Json.object().put("attempt", "first"));
        assertThat(EventTable.details(event(unfit))).startsWith("state running {").contains("\"attempt\":\"first\"");
    }

    /** A worktree with nothing to prepare (no --setup, no npm project) says so, not "prepared by 'null'". */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} warnings")
    @org.junit.jupiter.params.provider.CsvSource({
        "0, '1 task planned by built_in, digest 0123456789ab'",
        "1, '1 task planned by built_in, digest 0123456789ab, 1 warning'",
        "2, '1 task planned by built_in, digest 0123456789ab, 2 warnings'",
    })
    void aPlanSaysHowManyWarningsInWords(int count, String expected) {
        com.fasterxml.jackson.databind.node.ArrayNode warnings = Json.array();
        for (int i = 0; i < count; i++) {
            warnings.add("warning " + i);
        }
        ObjectNode packet = Json.object().put("id", "t1").put("objective", "Fix src/x.go").put("scope", "workspace")
                .put("scope_path", ".");
        packet.putArray("acceptance_tests").add("go test ./...");
        ObjectNode created = (ObjectNode) line(1, "plan_created").put("plan_id", "p1").put("objective", "fix x")
                .put("digest", "0123456789abcdef").put("planner", "built_in");
        created.set("packets", Json.array().add(packet));
        created.set("warnings", warnings);
        assertThat(EventTable.details(event(created))).isEqualTo(expected);
    }

    @Test
    void aWorktreeWithoutSetupIsReadyNotPreparedByNull() {
        ObjectNode none = (ObjectNode) line(1, "worktree_prepared").put("worker_event_id", "w:1").put("worker_id", "w")
                .set("payload", Json.object().put("worktree", "/runs/r/workers/worktrees/w").put("source", "none"));
        assertThat(EventTable.details(event(none))).isEqualTo("worktree ready (no setup command)");
        ObjectNode npm = (ObjectNode) line(2, "worktree_prepared").put("worker_event_id", "w:2").put("worker_id", "w")
                .set("payload", Json.object().put("source", "npm").put("command", "npm ci --prefer-offline").put("exit_code", 0));
        assertThat(EventTable.details(event(npm))).isEqualTo("worktree prepared by 'npm ci --prefer-offline' (exit 0)");
    }

    /** The orchestrator's integration kinds read as sentences too (they used to show their fields). */
    @Test
    void integrationKindsAreSentences() {
        assertThat(EventTable.details(event(line(1, "merge_conflict").put("task_id", "t2").put("target", "harness/r/integration")
                .put("branch", "harness/r/t2").set("files", Json.array().add("src/a.js").add("src/b.js")))))
                .isEqualTo("merging harness/r/t2 into harness/r/integration conflicts in src/a.js, src/b.js");
        assertThat(EventTable.details(event(line(1, "run_completed").put("status", "completed").put("completed", 2)
                .put("failed", 0).put("skipped", 0))))
                .isEqualTo("run completed: 2 completed, 0 failed, 0 skipped");
    }

    /** A task postponed behind a merge conflict reads as postponed; any other skip as skipped. */
    @Test
    void aPostponedTaskIsNotShownAsSkipped() {
        assertThat(EventTable.details(event(line(1, "task_skipped").put("task_id", "t3").put("reason", "the work of t2 conflicts")
                .put("cause", "postponed")))).isEqualTo("postponed: the work of t2 conflicts");
        assertThat(EventTable.details(event(line(1, "task_skipped").put("task_id", "t3").put("reason", "dependency t2 failed")
                .put("cause", "dependency")))).isEqualTo("skipped: dependency t2 failed");
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
        String row = new EventTable().render(List.of(event(line(1, "task_skipped").put("task_id", "t").put("reason", long_))))
                .lines().toList().get(1);
        assertThat(row).endsWith("…");
        assertThat(row.length()).isLessThan(200);
        assertThat(new EventTable().render(List.of())).endsWith("(no events)\n");
    }
}
