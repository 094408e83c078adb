package dev.harness.api.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.Json;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The direct decoders against databind: every kind of schemas/run-event.schema.json, one line each
 * with every field of its record set, reads to the record databind binds; a line with a field
 * they do not read exactly is left to databind, so it reads (or fails, with the same message) as
 * it always has.
 */
class RunEventDecodersTest {
    private static final String HEAD = "\"seq\":7,\"time\":\"2026-11-30T01:02:03.004Z\",\"run_id\":\"r1\",";

    /** One line per kind: every field of the record, with values like a real run's. */
    private static final Map<String, String> EXAMPLES = new LinkedHashMap<>();

    static {
        EXAMPLES.put("run_started", "\"objective\":\"ship it\",\"workspace\":\"/ws\",\"options\":{\"jobs\":2,\"agent\":\"claude\","
                + "\"keep_going\":true,\"budget\":{\"usd\":1.5,\"tokens\":200000},\"keep_worktrees\":false,\"setup\":\"npm ci\"}");
        EXAMPLES.put("plan_created", "\"plan_id\":\"p1\",\"objective\":\"ship it\",\"packets\":[{\"id\":\"t1\",\"title\":\"T\","
                + "\"depends_on\":[],\"budget_usd\":0.50}],\"warnings\":[\"w1\"],\"digest\":\"abc\",\"planner\":\"built_in\"");
        EXAMPLES.put("gate_approval_requested", "\"gate\":\"trust\",\"digest\":\"abc\",\"task_id\":\"t1\"");
        EXAMPLES.put("gate_approved", "\"gate\":\"plan\",\"digest\":\"abc\",\"approver\":\"ana\",\"source\":\"cli_flag\","
                + "\"comment\":\"--yes\",\"task_id\":\"t1\"");
        EXAMPLES.put("gate_rejected", "\"gate\":\"plan\",\"digest\":\"abc\",\"approver\":\"ana\",\"source\":\"human_tty\","
                + "\"comment\":\"no\",\"task_id\":\"t1\"");
        EXAMPLES.put("gate_modified", "\"gate\":\"plan\",\"digest\":\"abc\",\"approver\":\"ana\",\"source\":\"web\","
                + "\"comment\":\"edited\",\"task_id\":\"t1\",\"packets\":[{\"id\":\"t1\"}]");
        EXAMPLES.put("bootstrap_phase_started", "\"phase\":\"cli_entry\"");
        EXAMPLES.put("bootstrap_phase_completed", "\"phase\":\"main_runtime\",\"success\":true,\"recorded\":false,"
                + "\"diagnostics\":[\"d\"],\"artifacts\":{\"x\":1,\"y\":[1.50,\"z\"]}");
        EXAMPLES.put("task_started", "\"task_id\":\"t1\",\"worker_id\":\"w1\",\"attempt\":2");
        EXAMPLES.put("task_completed", "\"task_id\":\"t1\",\"worker_id\":\"w1\",\"duration_ms\":12345678901,\"branch\":\"b\","
                + "\"commit\":\"c0ffee\",\"verification\":\"verified_only\"");
        EXAMPLES.put("task_failed", "\"task_id\":\"t1\",\"worker_id\":\"w1\",\"failure_class\":\"logic_error\","
                + "\"reason\":\"tests\",\"escalation_required\":true");
        EXAMPLES.put("task_skipped", "\"task_id\":\"t5\",\"reason\":\"dependency t4 failed\",\"cause\":\"dependency\"");
        EXAMPLES.put("decision_recorded", "\"task_id\":\"t1\",\"worker_id\":\"w1\",\"decision\":\"retry\",\"approver\":\"ana\","
                + "\"source\":\"cli_flag\",\"failure_class\":\"merge_conflict\",\"comment\":\"again\"");
        EXAMPLES.put("run_paused", "\"status\":\"awaiting_decision\",\"reason\":\"r\",\"task_id\":\"t1\"");
        EXAMPLES.put("run_resumed", "\"from_status\":\"interrupted\",\"tasks_to_run\":[\"t1\",\"t2\"],\"decision\":\"skip\","
                + "\"budget\":{\"usd\":2}");
        EXAMPLES.put("run_interrupted", "\"signal\":\"SIGTERM\",\"reason\":\"r\",\"running_tasks\":[\"t1\"]");
        EXAMPLES.put("log_repaired", "\"line\":12,\"dropped_characters\":40,\"saved_to\":\"/s/torn\"");
        EXAMPLES.put("worker_events_unavailable", "\"task_id\":\"t1\",\"worker_id\":\"w1\",\"last_worker_event_id\":\"w1:9\","
                + "\"reason\":\"gone\"");
        EXAMPLES.put("execution_complete", "\"completed\":3,\"failed\":1,\"skipped\":1,\"status\":\"partial\"");
        EXAMPLES.put("run_completed", "\"status\":\"completed_with_skips\",\"completed\":3,\"failed\":0,\"skipped\":1,"
                + "\"reason\":\"r\"");
        EXAMPLES.put("worktree_prepared", "\"task_id\":\"t1\",\"worker_id\":\"w1\",\"worktree\":\"/wt\",\"branch\":\"b\","
                + "\"setup_command\":\"npm ci\",\"duration_ms\":900");
        EXAMPLES.put("setup_failed", "\"task_id\":\"t1\",\"worker_id\":\"w1\",\"command\":\"npm ci\",\"exit_code\":1,"
                + "\"reason\":\"r\",\"output_tail\":\"ERR\"");
        EXAMPLES.put("merge_started", "\"task_id\":\"t1\",\"target\":\"harness/r1\",\"branch\":\"b\",\"commit\":\"c\","
                + "\"base\":\"b0\",\"tip\":\"t0\"");
        EXAMPLES.put("merge_completed", "\"task_id\":\"t1\",\"target\":\"harness/r1\",\"branch\":\"b\",\"commit\":\"c\","
                + "\"result\":\"r\",\"how\":\"fast_forward\"");
        EXAMPLES.put("merge_conflict", "\"task_id\":\"t1\",\"target\":\"harness/r1\",\"branch\":\"b\",\"commit\":\"c\","
                + "\"tip\":\"t0\",\"files\":[\"a.txt\"],\"sides\":\"both\"");
        EXAMPLES.put("integration_completed", "\"branch\":\"harness/r1\",\"commit\":\"c\",\"base\":\"b0\",\"tip\":\"t0\","
                + "\"merged\":[\"t1\"],\"commits\":2,\"diffstat\":\"1 file\"");
        EXAMPLES.put("apply_completed", "\"branch\":\"harness/r1\",\"commit\":\"c\",\"how\":\"squash\",\"target_branch\":\"main\","
                + "\"from\":\"a\",\"to\":\"b\"");
        EXAMPLES.put("worktree_removed", "\"task_id\":\"t1\",\"worktree\":\"/wt\"");
        EXAMPLES.put("clean_completed", "\"removed_worktrees\":[\"/wt\"],\"deleted_branches\":[\"b\"],\"kept\":[],\"forced\":true");
        EXAMPLES.put("notification_sent", "\"notification\":\"n\",\"status\":\"failed\",\"trigger_seq\":9,\"command\":\"notify\","
                + "\"duration_ms\":5");
        EXAMPLES.put("notification_failed", "\"notification\":\"n\",\"status\":\"failed\",\"trigger_seq\":9,\"command\":\"notify\","
                + "\"duration_ms\":5,\"reason\":\"exit 3\",\"exit_code\":3,\"output_tail\":\"boom\"");
    }

    /** Lines a direct decoder must leave to databind: each reads (or fails) as databind alone has it. */
    private static final List<String[]> LEFT_TO_DATABIND = List.of(
            new String[] {"task_started", "\"task_id\":\"t1\",\"attempt\":\"two\""},
            new String[] {"task_started", "\"task_id\":\"t1\",\"attempt\":\"2\""},
            new String[] {"task_started", "\"task_id\":7,\"attempt\":1"},
            new String[] {"task_started", "\"task_id\":null"},
            new String[] {"task_started", "\"task_id\":\"t1\",\"attempt\":2.5"},
            new String[] {"task_started", "\"task_id\":\"t1\",\"attempt\":99999999999"},
            new String[] {"gate_approved", "\"gate\":\"plan\",\"source\":\"nobody\""},
            new String[] {"gate_approved", "\"gate\":\"\",\"source\":\"cli_flag\""},
            new String[] {"task_failed", "\"task_id\":\"t1\",\"failure_class\":7"},
            new String[] {"task_failed", "\"task_id\":\"t1\",\"escalation_required\":\"yes\""},
            new String[] {"decision_recorded", "\"task_id\":\"t1\",\"decision\":\"maybe\""},
            new String[] {"bootstrap_phase_completed", "\"phase\":\"cli_entry\""},
            new String[] {"bootstrap_phase_completed", "\"phase\":\"cli_entry\",\"success\":null"},
            new String[] {"bootstrap_phase_completed", "\"phase\":\"cli_entry\",\"success\":true,\"artifacts\":[1]"},
            new String[] {"execution_complete", "\"completed\":\"x\",\"failed\":0,\"skipped\":0,\"status\":\"failed\""},
            new String[] {"execution_complete", "\"failed\":0,\"skipped\":0,\"status\":\"failed\""},
            new String[] {"run_started", "\"objective\":\"o\",\"options\":{\"jobs\":1,\"budget\":{\"usd\":0}}"},
            new String[] {"run_started", "\"objective\":\"o\",\"options\":[]"},
            new String[] {"run_resumed", "\"from_status\":\"failed\",\"budget\":{\"tokens\":-1}"},
            new String[] {"run_resumed", "\"from_status\":\"failed\",\"tasks_to_run\":[1]"},
            new String[] {"run_resumed", "\"from_status\":\"failed\",\"tasks_to_run\":\"t1\""},
            new String[] {"plan_created", "\"plan_id\":\"p1\",\"packets\":{}"},
            new String[] {"log_repaired", "\"line\":\"x\",\"dropped_characters\":1"},
            new String[] {"merge_completed", "\"task_id\":\"t1\",\"how\":\"rebase\""});

    private static ObjectNode line(String kind, String fields) throws Exception {
        return (ObjectNode) Json.parse("{" + HEAD + "\"kind\":\"" + kind + "\"" + (fields.isEmpty() ? "" : "," + fields) + "}");
    }

    /** What databind alone makes of the line, as the codec words it: the record, or the error. */
    private static Object databind(RunEventKind kind, ObjectNode line) {
        try {
            return Json.convert(line, kind.type());
        } catch (IllegalArgumentException e) {
            return "a " + kind.wire() + " event that does not fit its record: " + RunEventCodec.rootMessage(e);
        }
    }

    private static Object codec(RunEventKind kind, ObjectNode line) {
        try {
            return RunEventCodec.decode(kind.wire(), line);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** 2 and 2.0 are one number (a Double field writes back what an integer set). */
    static int sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    }

    @Test
    void everyKindOfTheSchemaHasAnExample() throws Exception {
        JsonNode schema;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("schemas/run-event.schema.json")) {
            assertNotNull(in, "schemas/run-event.schema.json on the class path");
            schema = Json.MAPPER.readTree(in);
        }
        TreeSet<String> kinds = new TreeSet<>();
        schema.at("/$defs/kind/enum").forEach(k -> kinds.add(k.asText()));
        assertEquals(RunEventKind.values().length, kinds.size());
        assertEquals(kinds, new TreeSet<>(EXAMPLES.keySet()));
    }

    @Test
    void everyExampleReadsDirectlyToTheRecordDatabindBinds() throws Exception {
        for (Map.Entry<String, String> example : EXAMPLES.entrySet()) {
            RunEventKind kind = RunEventKind.find(example.getKey()).orElseThrow();
            ObjectNode line = line(example.getKey(), example.getValue());
            RunEvent direct = RunEventDecoders.decode(kind, line);
            assertNotNull(direct, example.getKey() + " is read directly");
            assertEquals(databind(kind, line), direct, example.getKey());
            assertEquals(direct, RunEventCodec.decode(kind.wire(), line), example.getKey());
            // and the record writes back the fields it was read from
            ObjectNode expected = line.deepCopy();
            expected.remove(RunEventCodec.RESERVED);
            ObjectNode written = RunEventCodec.fields(direct);
            assertEquals(true, expected.equals(RunEventDecodersTest::sameValue, written),
                    example.getKey() + ": " + expected + " written back as " + written);
        }
    }

    @Test
    void aLineWithOnlyTheLogsOwnFieldsReadsAsDatabindReadsIt() throws Exception {
        List<String> direct = new ArrayList<>();
        for (RunEventKind kind : RunEventKind.values()) {
            ObjectNode line = line(kind.wire(), "");
            RunEvent event = RunEventDecoders.decode(kind, line);
            if (event != null) {
                direct.add(kind.wire());
            }
            assertEquals(databind(kind, line), codec(kind, line), kind.wire());
        }
        // left to databind: the kinds with a primitive field (absent: databind's default), and
        // run_completed, whose record refuses a line without a status
        assertEquals(RunEventKind.values().length - 4, direct.size(), direct.toString());
    }

    @Test
    void aFieldNotReadExactlyIsLeftToDatabindWithItsResultAndMessage() throws Exception {
        int refused = 0;
        for (String[] row : LEFT_TO_DATABIND) {
            RunEventKind kind = RunEventKind.find(row[0]).orElseThrow();
            ObjectNode line = line(row[0], row[1]);
            assertNull(RunEventDecoders.decode(kind, line), row[0] + " " + row[1]);
            Object expected = databind(kind, line);
            assertEquals(expected, codec(kind, line), row[0] + " " + row[1]);
            if (expected instanceof String) {
                refused++;
            }
        }
        assertEquals(true, refused >= 15, "most rows are malformed lines: " + refused);
    }
}
