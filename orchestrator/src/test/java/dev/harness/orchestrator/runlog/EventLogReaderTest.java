package dev.harness.orchestrator.runlog;

import dev.harness.api.run.LoggedEvent;
import dev.harness.api.run.RunEvent;
import java.util.List;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLogReaderTest {
    @TempDir
    Path dir;

    private static String line(long seq, String kind) {
        return "{\"seq\":" + seq + ",\"time\":\"2026-11-23T01:15:0" + (seq % 10) + ".000Z\",\"kind\":\"" + kind
                + "\",\"run_id\":\"r\"}\n";
    }

    private Path file(String text) throws Exception {
        Path f = dir.resolve("events.jsonl");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    private CorruptLogException corrupt(String text) throws Exception {
        Path f = file(text);
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> EventLogReader.readAll(f));
        assertThat(t).isInstanceOf(CorruptLogException.class);
        return (CorruptLogException) t;
    }

    @Test
    void readsEveryEventInOrder() throws Exception {
        Path f = file(line(1, "run_started") + line(2, "plan_created") + line(3, "gate_approved"));
        assertThat(EventLogReader.readAll(f)).extracting(LoggedEvent::kind)
                .containsExactly("run_started", "plan_created", "gate_approved");
    }

    @Test
    void anEmptyFileHasNoEvents() throws Exception {
        assertThat(EventLogReader.readAll(file(""))).isEmpty();
    }

    @Test
    void aCorruptLineIsReportedWithFileLineNumberAndReason() throws Exception {
        CorruptLogException e = corrupt(line(1, "run_started") + line(2, "plan_created")
                + "{\"seq\":3,\"time\":\"t\",\"kind\":\"task_started\"" + "\n" + line(4, "task_completed"));
        assertThat(e.getLineNumber()).isEqualTo(3);
        assertThat(e.getMessage()).contains(dir.resolve("events.jsonl").toString() + ":3:")
                .contains("not valid JSON");
    }

    @Test
    void eachKindOfDamageIsNamed() throws Exception {
        assertThat(corrupt(line(1, "a") + "\n" + line(2, "b")).getReason()).isEqualTo("empty line");
        assertThat(corrupt(line(1, "a") + "[1,2]\n").getReason()).isEqualTo("not a JSON object");
        assertThat(corrupt("{\"time\":\"t\",\"kind\":\"a\"}\n").getReason()).contains("\"seq\"");
        assertThat(corrupt("{\"seq\":\"1\",\"time\":\"t\",\"kind\":\"a\"}\n").getReason()).contains("\"seq\"");
        assertThat(corrupt("{\"seq\":1,\"time\":\"t\"}\n").getReason()).contains("\"kind\"");
        assertThat(corrupt("{\"seq\":1,\"kind\":\"a\"}\n").getReason()).contains("\"time\"");
        assertThat(corrupt("{\"seq\":1,\"time\":\"t\",\"kind\":\"a\"} {}\n").getReason()).contains("not valid JSON");
        CorruptLogException order = corrupt(line(1, "a") + line(3, "b") + line(2, "c"));
        assertThat(order.getLineNumber()).isEqualTo(2);
        assertThat(order.getReason()).contains("seq 3 follows seq 1").contains("a line is missing");
        CorruptLogException back = corrupt(line(1, "a") + line(2, "b") + line(1, "c"));
        assertThat(back.getLineNumber()).isEqualTo(3);
        assertThat(back.getReason()).contains("seq 1 does not follow seq 2");
        assertThat(corrupt(line(1, "a") + line(1, "a")).getReason()).contains("duplicated");
    }

    @Test
    void aDeletedLineAnywhereIsNamedByTheLineAfterTheGap() throws Exception {
        CorruptLogException middle = corrupt(line(1, "run_started") + line(2, "plan_created") + line(4, "task_started")
                + line(5, "task_completed"));
        assertThat(middle.getLineNumber()).isEqualTo(3);
        assertThat(middle.getReason()).isEqualTo("seq 4 follows seq 2: a line is missing before this one");
        CorruptLogException first = corrupt(line(3, "task_started"));
        assertThat(first.getLineNumber()).isEqualTo(1);
        assertThat(first.getReason()).contains("2 lines are missing");
    }

    @Test
    void aLineWhoseFieldsDoNotFitItsKindIsCorruptNamingTheField() throws Exception {
        CorruptLogException e = corrupt(line(1, "run_started")
                + "{\"seq\":2,\"time\":\"t\",\"kind\":\"task_failed\",\"task_id\":\"a\",\"failure_class\":\"sleepy\"}\n");
        assertThat(e.getLineNumber()).isEqualTo(2);
        assertThat(e.getReason()).contains("task_failed").contains("sleepy");
    }

    /**
     * The common kinds are read without databind (RunEventDecoders); a field they do not read
     * exactly goes to databind, so a malformed one is still corrupt on its own line, in databind's
     * words as before (each reason below is what the reader said before the direct decoders).
     */
    @Test
    void aMalformedFieldOfACommonKindIsCorruptOnItsLineInTheSameWords() throws Exception {
        String[][] rows = {
            {"\"kind\":\"task_started\",\"task_id\":\"a\",\"attempt\":\"two\"",
                "a task_started event that does not fit its record: Cannot deserialize value of type `java.lang.Integer` from String \"two\": not a valid `java.lang.Integer` value"},
            {"\"kind\":\"gate_approved\",\"gate\":\"plan\",\"source\":\"nobody\"",
                "a gate_approved event that does not fit its record: 'nobody' is not a ApprovalSource; expected one of human_tty, cli_flag, policy, auto_allowlist, human_approval, human_denial, human_decision, recipe, escalation_policy, web, mcp_elicitation"},
            {"\"kind\":\"execution_complete\",\"completed\":\"x\",\"failed\":0,\"skipped\":0,\"status\":\"failed\"",
                "a execution_complete event that does not fit its record: Cannot deserialize value of type `int` from String \"x\": not a valid `int` value"},
            {"\"kind\":\"bootstrap_phase_completed\",\"phase\":\"cli_entry\",\"success\":true,\"artifacts\":[1]",
                "a bootstrap_phase_completed event that does not fit its record: Cannot deserialize value of type `com.fasterxml.jackson.databind.node.ObjectNode` from Array value (token `JsonToken.START_ARRAY`)"},
            {"\"kind\":\"run_started\",\"objective\":\"o\",\"options\":{\"budget\":{\"usd\":0}}",
                "a run_started event that does not fit its record: a budget in dollars must be more than 0, not 0.0"},
        };
        for (String[] row : rows) {
            CorruptLogException e = corrupt(line(1, "run_started")
                    + "{\"seq\":2,\"time\":\"t\"," + row[0] + "}\n" + line(3, "task_skipped"));
            assertThat(e.getLineNumber()).as(row[0]).isEqualTo(2);
            assertThat(e.getReason()).as(row[0]).isEqualTo(row[1]);
        }
    }

    @Test
    void theReadersRecordsAreTheWritersOwn() throws Exception {
        Path f = file(line(1, "run_started")
                + "{\"seq\":2,\"time\":\"t\",\"kind\":\"decision_recorded\",\"task_id\":\"a\",\"decision\":\"skip\"}\n"
                + "{\"seq\":3,\"time\":\"t\",\"kind\":\"decision_recorded\",\"task_id\":\"a\",\"worker_event_id\":\"w:1\","
                + "\"payload\":{\"decision\":\"skip\"}}\n");
        List<LoggedEvent> events = EventLogReader.readAll(f);
        assertThat(events.get(1).event()).isInstanceOf(RunEvent.DecisionRecorded.class);
        assertThat(events.get(2).event()).isInstanceOf(RunEvent.WorkerEventRelayed.class);
    }

    @Test
    void invalidUtf8IsCorrupt() throws Exception {
        Path f = dir.resolve("events.jsonl");
        byte[] good = line(1, "a").getBytes(StandardCharsets.UTF_8);
        byte[] bad = "{\"seq\":2,\"time\":\"t\",\"kind\":\"\u00ff\"}\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[good.length + bad.length];
        System.arraycopy(good, 0, all, 0, good.length);
        System.arraycopy(bad, 0, all, good.length, bad.length);
        Files.write(f, all);
        assertThatThrownBy(() -> EventLogReader.readAll(f)).isInstanceOf(CorruptLogException.class)
                .hasMessageContaining(":2:").hasMessageContaining("UTF-8");
    }

    @Test
    void aTornLastLineIsCorruptUnlessToleratedAndThenOnlyItIsDropped() throws Exception {
        Path f = file(line(1, "run_started") + line(2, "task_started") + "{\"seq\":3,\"ti");
        CorruptLogException strict = (CorruptLogException) org.assertj.core.api.Assertions
                .catchThrowable(() -> EventLogReader.readAll(f));
        assertThat(strict.getLineNumber()).isEqualTo(3);
        assertThat(strict.getMessage()).contains("incomplete last line");

        EventLogReader.Contents contents = EventLogReader.read(f, true);
        assertThat(contents.events()).hasSize(2);
        assertThat(contents.tornTail()).isPresent();
        assertThat(contents.tornTail().get().lineNumber()).isEqualTo(3);
        assertThat(contents.warnings()).singleElement().asString().contains(":3:").contains("incomplete last line");
        assertThat(EventLogReader.readAll(f, true)).hasSize(2);
    }

    @Test
    void toleranceNeverCoversDamageBeforeTheLastLine() throws Exception {
        Path f = file(line(1, "run_started") + "{\"seq\":2,\"ti\n" + line(3, "task_started"));
        assertThatThrownBy(() -> EventLogReader.read(f, true)).isInstanceOf(CorruptLogException.class)
                .hasMessageContaining(":2:");
        // a complete but malformed last line (it has its newline) is not a torn write either
        Path g = file(line(1, "run_started") + "nonsense\n");
        assertThatThrownBy(() -> EventLogReader.read(g, true)).isInstanceOf(CorruptLogException.class)
                .hasMessageContaining(":2:");
    }

    @Test
    void aMissingFileIsAClearError() {
        assertThatThrownBy(() -> EventLogReader.readAll(dir.resolve("nope.jsonl")))
                .isInstanceOf(RunLogException.class).hasMessageContaining("no event log at");
    }
}
