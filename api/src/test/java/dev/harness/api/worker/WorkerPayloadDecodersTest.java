package dev.harness.api.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.Json;
import java.io.InputStream;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The worker payloads' direct decoders against databind: every worker event kind of
 * schemas/worker-event.schema.json, one payload each with every field of its record set, reads to
 * the record databind binds; a payload with a field they do not read exactly is left to databind,
 * so it reads (or fails, with the same message) as it always has.
 */
class WorkerPayloadDecodersTest {
    private static final String EVIDENCE = "{\"source\":\"claude_result\",\"detail\":\"d\",\"exit_code\":1,\"pattern\":\"p\","
            + "\"line\":\"l\",\"test\":\"t\",\"output_tail\":\"o\",\"api_error_status\":429,\"event\":\"e\","
            + "\"permission_denials\":[{\"tool_name\":\"Bash\"}]}";
    private static final String STATE = "\"from\":\"running\",\"to\":\"finished\",\"reason\":\"r\",\"failure_class\":\"logic_error\","
            + "\"escalation_required\":false,\"decision\":\"retry\",\"next_attempt\":2,\"delay_ms\":500,\"attempts\":2,"
            + "\"commit\":\"c\",\"branch\":\"b\",\"verification\":\"changed_and_verified\",\"changed_count\":1,"
            + "\"changed_files\":[\"a.txt\"],\"queued\":false,\"agent\":\"claude\"";

    private static final Map<WorkerEventKind, String> EXAMPLES = new LinkedHashMap<>();

    static {
        EXAMPLES.put(WorkerEventKind.SPAWNING, "\"workspace\":\"/ws\",\"scope_path\":\"src\",\"agent\":\"none\","
                + "\"packet_digest\":\"abc\",\"plan_id\":\"p1\"");
        for (WorkerEventKind k : List.of(WorkerEventKind.TRUST_REQUIRED, WorkerEventKind.READY_FOR_PROMPT,
                WorkerEventKind.RUNNING, WorkerEventKind.FINISHED, WorkerEventKind.FAILED, WorkerEventKind.CANCELLED)) {
            EXAMPLES.put(k, STATE);
        }
        EXAMPLES.put(WorkerEventKind.TRUST_RESOLVED, "\"approver\":\"ana\",\"source\":\"human_approval\",\"time\":\"t\","
                + "\"comment\":\"c\",\"digest\":\"d\",\"root\":\"/ws\",\"policy\":\"p\"");
        EXAMPLES.put(WorkerEventKind.TRUST_DENIED, "\"approver\":\"ana\",\"source\":\"human_denial\",\"time\":\"t\","
                + "\"reason\":\"r\",\"root\":\"/ws\",\"comment\":\"c\",\"digest\":\"d\"");
        EXAMPLES.put(WorkerEventKind.ATTEMPT_STARTED, "\"attempt\":1,\"agent\":\"none\",\"workdir\":\"/ws\",\"log_dir\":\"/l\","
                + "\"with_feedback\":false");
        EXAMPLES.put(WorkerEventKind.AGENT_EXITED, "\"agent\":\"claude\",\"exit_code\":0,\"timed_out\":false,\"duration_ms\":40,"
                + "\"start_error\":\"s\",\"log\":\"/l/agent.log\",\"agent_result\":{\"type\":\"result\",\"cost\":0.01},"
                + "\"output_tail\":\"ok\",\"output_bytes\":12,\"output_truncated\":false");
        EXAMPLES.put(WorkerEventKind.ACCEPTANCE_TEST_RESULT, "\"index\":0,\"command\":\"make\",\"exit_code\":1,\"passed\":false,"
                + "\"timed_out\":false,\"duration_ms\":5,\"output_tail\":\"FAIL\",\"output_bytes\":4,\"output_truncated\":false,"
                + "\"log\":\"/l/t0.log\"");
        EXAMPLES.put(WorkerEventKind.COMMIT_CREATED, "\"branch\":\"b\",\"worktree\":\"/wt\",\"commit\":\"c\"");
        EXAMPLES.put(WorkerEventKind.COMMIT_SKIPPED, "\"reason\":\"r\",\"branch\":\"b\",\"worktree\":\"/wt\"");
        EXAMPLES.put(WorkerEventKind.PERMISSION_REQUIRED, "\"reason\":\"r\",\"evidence\":" + EVIDENCE + ",\"hint\":\"h\"");
        EXAMPLES.put(WorkerEventKind.FAILURE_CLASSIFIED, "\"failure_class\":\"transient\",\"evidence\":" + EVIDENCE);
        EXAMPLES.put(WorkerEventKind.RECOVERY_ATTEMPTED, "\"failure_class\":\"logic_error\",\"action\":\"retry_with_feedback\","
                + "\"retry\":1,\"max_retries\":2,\"next_attempt\":2,\"delay_ms\":100,\"with_feedback\":true");
        EXAMPLES.put(WorkerEventKind.RECOVERY_APPLIED, "\"failure_class\":\"logic_error\",\"outcome\":\"failed_again\","
                + "\"new_failure_class\":\"unknown\"");
        EXAMPLES.put(WorkerEventKind.RECOVERY_ESCALATION, "\"failure_class\":\"logic_error\",\"reason\":\"r\",\"summary\":\"s\","
                + "\"allowed_decisions\":[\"retry\",\"skip\",\"abort\"],\"retries_left\":1,\"escalation_policy\":\"ask\"");
        EXAMPLES.put(WorkerEventKind.DECISION_RECORDED, "\"decision\":\"retry\",\"approver\":\"ana\",\"source\":\"recipe\","
                + "\"time\":\"t\",\"comment\":\"c\",\"failure_class\":\"logic_error\",\"digest\":\"d\",\"trust_rechecked\":true,"
                + "\"human_retry\":1,\"beyond_recipe\":false,\"next_attempt\":3");
        EXAMPLES.put(WorkerEventKind.INTERRUPTED, "\"reason\":\"r\",\"previous_owner_pid\":4242");
        EXAMPLES.put(WorkerEventKind.WORKTREE_CREATED, "\"worktree\":\"/wt\",\"branch\":\"b\",\"base_commit\":\"c0\","
                + "\"start_commit\":\"c1\",\"base_refs\":[\"main\"]");
        EXAMPLES.put(WorkerEventKind.WORKTREE_PREPARED, "\"worktree\":\"/wt\",\"source\":\"npm\",\"command\":\"npm ci\","
                + "\"exit_code\":0,\"duration_ms\":900,\"output_tail\":\"ok\"");
        EXAMPLES.put(WorkerEventKind.SETUP_FAILED, "\"worktree\":\"/wt\",\"source\":\"setup_command\",\"command\":\"make\","
                + "\"exit_code\":2,\"duration_ms\":90,\"output_tail\":\"ERR\"");
        EXAMPLES.put(WorkerEventKind.WORKTREE_RESET, "\"worktree\":\"/wt\",\"commit\":\"c\"");
        EXAMPLES.put(WorkerEventKind.USAGE_RECORDED, "\"attempt\":1,\"source\":\"claude_result\",\"cost_usd\":0.0421,"
                + "\"input_tokens\":12,\"output_tokens\":340,\"cache_read_tokens\":9000,\"cache_creation_tokens\":150,"
                + "\"num_turns\":3,\"is_error\":false,\"permission_denials\":0");
        EXAMPLES.put(WorkerEventKind.HOST_ASSIGNED, "\"host\":\"h1\",\"host_attempt\":1,\"task_queue\":\"q\"");
        EXAMPLES.put(WorkerEventKind.HOST_LOST, "\"host\":\"h1\",\"host_attempt\":1,\"reason\":\"r\"");
        EXAMPLES.put(WorkerEventKind.CHECKS_PLACED, "\"placement\":\"git_checkout\",\"workdir\":\"/ws\",\"directory\":\"/tmp/c\","
                + "\"reason\":\"r\",\"carried\":2,\"linked\":[\"node_modules\"],\"duration_ms\":30");
    }

    /** Payloads a direct decoder must leave to databind: each reads (or fails) as databind alone has it. */
    private static final List<Object[]> LEFT_TO_DATABIND = List.of(
            new Object[] {WorkerEventKind.FAILURE_CLASSIFIED, "\"failure_class\":\"nonsense\""},
            new Object[] {WorkerEventKind.FAILURE_CLASSIFIED, "\"failure_class\":\"logic_error\",\"evidence\":\"text\""},
            new Object[] {WorkerEventKind.FAILURE_CLASSIFIED, "\"failure_class\":\"logic_error\",\"evidence\":{\"exit_code\":\"x\"}"},
            new Object[] {WorkerEventKind.RECOVERY_ESCALATION, "\"allowed_decisions\":[\"retry\",\"later\"]"},
            new Object[] {WorkerEventKind.RECOVERY_ESCALATION, "\"allowed_decisions\":\"retry\""},
            new Object[] {WorkerEventKind.DECISION_RECORDED, "\"decision\":\"retry\",\"source\":5"},
            new Object[] {WorkerEventKind.FINISHED, "\"from\":\"running\",\"to\":\"done\""},
            new Object[] {WorkerEventKind.FINISHED, "\"from\":\"running\",\"to\":\"finished\",\"test_evidence\":"
                    + "{\"evidence\":\"new_test_fails_on_base\",\"base\":\"c0\",\"tests\":[\"t\"]}"},
            new Object[] {WorkerEventKind.USAGE_RECORDED, "\"cost_usd\":\"cheap\""},
            new Object[] {WorkerEventKind.USAGE_RECORDED, "\"input_tokens\":1.5"},
            new Object[] {WorkerEventKind.USAGE_RECORDED, "\"input_tokens\":null"});

    private static ObjectNode payload(String fields) throws Exception {
        return (ObjectNode) Json.parse("{" + fields + "}");
    }

    private static Object databind(WorkerEventKind kind, ObjectNode payload) {
        try {
            return Json.convert(payload, WorkerEventPayload.of(kind, Json.object()).getClass());
        } catch (IllegalArgumentException e) {
            return "refused: " + e.getMessage();
        }
    }

    private static Object typed(WorkerEventKind kind, ObjectNode payload) {
        try {
            return WorkerEventPayload.of(kind, payload);
        } catch (IllegalArgumentException e) {
            return "refused: " + e.getMessage();
        }
    }

    static int sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    }

    @Test
    void everyKindOfTheSchemaHasAnExample() throws Exception {
        JsonNode schema;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("schemas/worker-event.schema.json")) {
            assertNotNull(in, "schemas/worker-event.schema.json on the class path");
            schema = Json.MAPPER.readTree(in);
        }
        TreeSet<String> kinds = new TreeSet<>();
        schema.at("/$defs/kind/enum").forEach(k -> kinds.add(k.asText()));
        TreeSet<String> examples = new TreeSet<>();
        EXAMPLES.keySet().forEach(k -> examples.add(k.wire()));
        assertEquals(kinds, examples);
        assertEquals(EnumSet.allOf(WorkerEventKind.class), EnumSet.copyOf(EXAMPLES.keySet()));
    }

    @Test
    void everyExampleReadsDirectlyToTheRecordDatabindBinds() throws Exception {
        for (Map.Entry<WorkerEventKind, String> example : EXAMPLES.entrySet()) {
            WorkerEventKind kind = example.getKey();
            ObjectNode payload = payload(example.getValue());
            WorkerEventPayload direct = WorkerPayloadDecoders.decode(kind, payload);
            assertNotNull(direct, kind + " is read directly");
            assertEquals(databind(kind, payload), direct, kind.wire());
            assertEquals(direct, WorkerEventPayload.of(kind, payload), kind.wire());
            JsonNode written = Json.toNode(direct);
            assertEquals(true, payload.equals(WorkerPayloadDecodersTest::sameValue, written),
                    kind + ": " + payload + " written back as " + written);
        }
    }

    @Test
    void anEmptyPayloadReadsAsDatabindReadsIt() throws Exception {
        for (WorkerEventKind kind : WorkerEventKind.values()) {
            ObjectNode empty = payload("");
            assertNotNull(WorkerPayloadDecoders.decode(kind, empty), kind.wire());
            assertEquals(databind(kind, empty), WorkerPayloadDecoders.decode(kind, empty), kind.wire());
        }
    }

    @Test
    void aFieldNotReadExactlyIsLeftToDatabindWithItsResultAndMessage() throws Exception {
        int refused = 0;
        for (Object[] row : LEFT_TO_DATABIND) {
            WorkerEventKind kind = (WorkerEventKind) row[0];
            ObjectNode payload = payload((String) row[1]);
            assertNull(WorkerPayloadDecoders.decode(kind, payload), kind + " " + row[1]);
            Object expected = databind(kind, payload);
            assertEquals(expected, typed(kind, payload), kind + " " + row[1]);
            if (expected instanceof String) {
                refused++;
            }
        }
        assertEquals(true, refused >= 8, "most rows are malformed payloads: " + refused);
    }
}
