package dev.harness.orchestrator.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.orchestrator.runlog.EventLog;
import dev.harness.orchestrator.runlog.EventLogReader;
import dev.harness.orchestrator.runlog.RunDirectory;
import dev.harness.orchestrator.runlog.RunState;
import dev.harness.api.run.RunEvent;
import dev.harness.api.run.RunOutcome;
import dev.harness.api.worker.FailureClass;
import dev.harness.protocol.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void taskLinesReadExactlyAsSpecified() {
        Console console = new Console(out, false, false);
        assertThat(console.taskLine(2, 5, "Add theme toggle", TaskOutcome.COMPLETED, Duration.ofMillis(3200), null))
                .isEqualTo("[Task 2/5] ✓ Add theme toggle (3.2s)");
        assertThat(console.taskLine(3, 5, "Run tests", TaskOutcome.FAILED, null, "logic_error: 2 tests failed"))
                .isEqualTo("[Task 3/5] ✗ Run tests — logic_error: 2 tests failed");
        assertThat(console.taskLine(4, 5, "Deploy", TaskOutcome.SKIPPED, null, "dependency t3 failed"))
                .isEqualTo("[Task 4/5] ⊘ Deploy — skipped: dependency t3 failed");
        assertThat(console.taskLine(1, 5, "Add store", TaskOutcome.STARTED, null, null))
                .isEqualTo("[Task 1/5] ▶ Add store");
        assertThat(console.taskLine(5, 5, "Verify", TaskOutcome.POSTPONED, null, "the work of t2 conflicts"))
                .isEqualTo("[Task 5/5] ↺ Verify — postponed: the work of t2 conflicts");
        assertThat(printed()).isEqualTo("[Task 2/5] ✓ Add theme toggle (3.2s)\n"
                + "[Task 3/5] ✗ Run tests — logic_error: 2 tests failed\n"
                + "[Task 4/5] ⊘ Deploy — skipped: dependency t3 failed\n"
                + "[Task 1/5] ▶ Add store\n"
                + "[Task 5/5] ↺ Verify — postponed: the work of t2 conflicts\n");
    }

    @Test
    void aMultiLineReasonOrHostileTitleStaysOnOneLine() {
        Console console = new Console(out, false, false);
        String line = console.taskLine(1, 1, "evil\u001b[2J\ntitle", TaskOutcome.FAILED, null,
                "logic_error: 2 tests failed\n  at test/theme.test.js:12\n  expected true");
        assertThat(line).isEqualTo("[Task 1/1] ✗ evil?[2J title — logic_error: 2 tests failed at test/theme.test.js:12 expected true");
        assertThat(printed()).hasLineCount(1).doesNotContain("\u001b");
    }

    @Test
    void colourOnlyOnATerminalWithoutNoColor() {
        assertThat(Console.colorWanted(true, Map.of())).isTrue();
        assertThat(Console.colorWanted(false, Map.of())).isFalse();
        assertThat(Console.colorWanted(true, Map.of("NO_COLOR", "1"))).isFalse();
        assertThat(Console.colorWanted(true, Map.of("NO_COLOR", ""))).isTrue(); // no-color.org: empty means unset
        assertThat(Console.colorWanted(true, Map.of("TERM", "dumb"))).isFalse();
    }

    @Test
    void aColourTerminalGetsAnsiAroundTheSameText() {
        Console console = new Console(out, true, true);
        String plain = console.taskLine(2, 5, "Add theme toggle", TaskOutcome.COMPLETED, Duration.ofMillis(3200), null);
        String shown = printed();
        assertThat(shown).contains("\u001b[32m✓\u001b[0m");
        assertThat(shown.replaceAll("\u001b\\[[0-9;]*[mK]", "").strip()).isEqualTo(plain);
    }

    @Test
    void withoutATerminalThereAreNoEscapeSequencesAtAll() {
        Console console = new Console(out, false, false);
        console.progress(0, 5, "t1");
        console.taskLine(1, 5, "A", TaskOutcome.COMPLETED, Duration.ofSeconds(1), null);
        console.progress(1, 5, "t2");
        console.progress(1, 5, "t3"); // unchanged count: not repeated
        console.warn("careful");
        console.error("broken");
        assertThat(printed()).doesNotContain("\u001b").doesNotContain("\r")
                .isEqualTo("[----------] 0/5\n[Task 1/5] ✓ A (1.0s)\n[##--------] 1/5\nwarning: careful\nerror: broken\n");
    }

    @Test
    void onATerminalWithNoColorTheProgressLineRedrawsButHasNoColour() {
        Console console = new Console(out, true, Console.colorWanted(true, Map.of("NO_COLOR", "1")));
        console.progress(1, 4, "running t2");
        console.taskLine(2, 4, "B", TaskOutcome.COMPLETED, Duration.ofMillis(500), null);
        String shown = printed();
        assertThat(shown).doesNotContain("\u001b[3").doesNotContain("\u001b[1m"); // no SGR colour or bold
        assertThat(shown).contains("\r\u001b[2K[Task 2/4] ✓ B (500ms)\n[##---") ; // cleared, printed, bar redrawn
    }

    @Test
    void progressBarIsProportional() {
        assertThat(Console.progressBar(0, 5)).isEqualTo("[----------] 0/5");
        assertThat(Console.progressBar(2, 5)).isEqualTo("[####------] 2/5");
        assertThat(Console.progressBar(5, 5)).isEqualTo("[##########] 5/5");
        assertThat(Console.progressBar(7, 5)).isEqualTo("[##########] 5/5");
        assertThat(Console.progressBar(0, 0)).isEqualTo("[##########] 0/0");
    }

    @Test
    void durations() {
        assertThat(Console.formatDuration(Duration.ofMillis(850))).isEqualTo("850ms");
        assertThat(Console.formatDuration(Duration.ofMillis(3240))).isEqualTo("3.2s");
        assertThat(Console.formatDuration(Duration.ofSeconds(65))).isEqualTo("1m 05s");
        assertThat(Console.formatDuration(Duration.ofMinutes(62))).isEqualTo("1h 02m");
    }

    @Test
    void withoutAnAgentTheSummarySaysTheTasksWereVerifiedOnly(@TempDir Path tmp) {
        RunDirectory dir = RunDirectory.create(tmp, "20261123-011500-a1b2");
        try (EventLog log = EventLog.open(dir)) {
            log.append(new RunEvent.RunStarted("x", null, new RunEvent.RunOptions(1, "none", false)));
            log.append(new RunEvent.PlanCreated(null, null, Json.array().add(Json.object().put("id", "t1").put("title", "Add")),
                    null, null, null));
            log.append(new RunEvent.TaskCompleted("t1", null, null, null, null));
            log.append(new RunEvent.ExecutionComplete(1, 0, 0, RunOutcome.COMPLETED));
        }
        RunState state = RunState.rebuild(EventLogReader.readAll(dir.eventsFile()));
        String summary = new Console(out, false, false).summary(state, dir.eventsFile());
        assertThat(summary.lines().findFirst().orElseThrow()).isEqualTo("Run 20261123-011500-a1b2: completed — 1 completed"
                + " (verified only — nothing was changed: no agent), 0 failed, 0 skipped of 1 task");
    }

    @Test
    void summaryCountsBranchesCommitsFailuresAndTheLogPath(@TempDir Path tmp) {
        RunDirectory dir = RunDirectory.create(tmp, "20261123-011500-a1b2");
        try (EventLog log = EventLog.open(dir)) {
            var packets = Json.array();
            for (String[] p : new String[][] {{"t1", "Add store"}, {"t2", "Add toggle"}, {"t3", "Run tests"}, {"t4", "Deploy"}}) {
                packets.add(Json.object().put("id", p[0]).put("title", p[1]));
            }
            log.append(new RunEvent.PlanCreated(null, null, packets, null, null, null));
            log.append(new RunEvent.TaskCompleted("t1", null, null, "harness/t1", "3f2a1c9"));
            log.append(new RunEvent.TaskCompleted("t2", null, null, null, null));
            log.append(new RunEvent.TaskFailed("t3", null, FailureClass.LOGIC_ERROR, "2 tests failed", null));
            log.append(new RunEvent.TaskSkipped("t4", "dependency t3 failed", null));
            log.append(new RunEvent.ExecutionComplete(2, 1, 1, RunOutcome.FAILED));
        }
        RunState state = RunState.rebuild(EventLogReader.readAll(dir.eventsFile()));
        String summary = new Console(out, false, false).summary(state, dir.eventsFile());
        assertThat(summary.lines().toList()).containsExactly(
                "Run 20261123-011500-a1b2: failed — 2 completed, 1 failed, 1 skipped of 4 tasks",
                "  Branches and commits:",
                "    t1  harness/t1  3f2a1c9",
                "  Failed:",
                "    t3  Run tests — logic_error: 2 tests failed",
                "  Skipped:",
                "    t4  Deploy — dependency t3 failed",
                "  Log: " + dir.eventsFile());
        assertThat(printed()).isEqualTo(summary);
    }

    /** Issue 14: a completed task whose new tests pass without its change is listed in the summary, not only on its live line. */
    @Test
    void theSummaryListsTheCompletedTasksTheirOwnTestsDoNotProve(@TempDir Path tmp) {
        RunDirectory dir = RunDirectory.create(tmp, "20261123-011500-a1b2");
        try (EventLog log = EventLog.open(dir)) {
            var packets = Json.array();
            for (String[] p : new String[][] {{"t1", "Reject oversize values"}, {"t2", "Add the helper"}, {"t3", "Tidy"}}) {
                packets.add(Json.object().put("id", p[0]).put("title", p[1]));
            }
            log.append(new RunEvent.PlanCreated(null, null, packets, null, null, null));
            String[][] evidence = {{"t1", "tests_pass_on_base", "tests/test_cache.py"}, {"t2", "new_test_fails_on_base", "tests/test_helper.py"},
                    {"t3", "no_test_changed", null}};
            for (String[] e : evidence) {
                var tests = Json.array();
                if (e[2] != null) {
                    tests.add(e[2]);
                }
                log.append(dev.harness.api.run.RunEventCodec.decode("finished", Json.object().put("task_id", e[0]).put("worker_id", "w-" + e[0])
                        .put("state", "finished").set("payload", Json.object().put("from", "running").put("to", "finished")
                                .set("test_evidence", Json.object().put("evidence", e[1]).set("tests", tests)))));
                log.append(new RunEvent.TaskCompleted(e[0], "w-" + e[0], null, "harness/" + e[0], "c0ffee" + e[0]));
            }
            log.append(new RunEvent.ExecutionComplete(3, 0, 0, RunOutcome.COMPLETED));
        }
        RunState state = RunState.rebuild(EventLogReader.readAll(dir.eventsFile()));
        String summary = new Console(out, false, false).summary(state, dir.eventsFile());
        assertThat(summary.lines().toList()).containsSubsequence(
                "  Not proven by their tests (look at these changes yourself, or ask for a test that fails without them):",
                "    t1  Reject oversize values — its new or changed tests already pass without the change: not evidence for it"
                        + " (tests/test_cache.py)",
                "    t3  Tidy — it added or changed no test",
                "  Log: " + dir.eventsFile());
        assertThat(summary).doesNotContain("t2  Add the helper —");
    }

    private static ObjectNode task(String id) {
        return Json.object().put("task_id", id);
    }
}
