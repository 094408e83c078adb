package dev.harness.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harness.api.run.RunEvent;
import dev.harness.api.run.RunEventCodec;
import dev.harness.api.run.RunOutcome;
import dev.harness.orchestrator.Orchestrator;
import dev.harness.orchestrator.runlog.EventLog;
import dev.harness.orchestrator.runlog.RunDirectory;
import dev.harness.protocol.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 14: status says of a completed task that its own tests already passed without its change, as the summary does. */
class StatusTestWarningTest {
    private static final String RUN = "20261201-000000-ev14";

    @TempDir
    Path state;

    private String status(String... more) {
        String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("status", RUN, "--state-dir", state.toString()),
                java.util.Arrays.stream(more)).toArray(String[]::new);
        picocli.CommandLine cli = Orchestrator.commandLineFor(args);
        PrintStream systemOut = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            assertThat(cli.execute(args)).isZero();
            return printed.toString(StandardCharsets.UTF_8);
        } finally {
            System.setOut(systemOut);
        }
    }

    @Test
    void aCompletedTaskWhoseTestsPassOnItsBaseCarriesTheWarning() throws Exception {
        RunDirectory dir = RunDirectory.create(state, RUN);
        try (EventLog log = EventLog.open(dir)) {
            log.append(new RunEvent.PlanCreated(null, null, Json.array().add(Json.object().put("id", "t1").put("title", "Reject oversize"))
                    .add(Json.object().put("id", "t2").put("title", "Add helper")), null, null, null));
            String[][] evidence = {{"t1", "tests_pass_on_base"}, {"t2", "new_test_fails_on_base"}};
            for (String[] e : evidence) {
                log.append(RunEventCodec.decode("finished", Json.object().put("task_id", e[0]).put("worker_id", "w-" + e[0])
                        .put("state", "finished").set("payload", Json.object().put("from", "running").put("to", "finished")
                                .set("test_evidence", Json.object().put("evidence", e[1]).set("tests", Json.array().add("tests/test_" + e[0] + ".py"))))));
                log.append(new RunEvent.TaskCompleted(e[0], "w-" + e[0], null, "harness/" + e[0], "c0ffee"));
            }
            log.append(new RunEvent.ExecutionComplete(2, 0, 0, RunOutcome.COMPLETED));
        }

        String text = status();
        String t1 = text.lines().filter(l -> l.startsWith("t1 ")).findFirst().orElseThrow();
        String t2 = text.lines().filter(l -> l.startsWith("t2 ")).findFirst().orElseThrow();
        assertThat(t1).contains("completed", "warning: its new or changed tests already pass without the change");
        assertThat(t2).contains("completed").doesNotContain("warning");

        var tasks = Json.parse(status("--json")).path("tasks");
        assertThat(tasks.get(0).path("test_warning").asText()).endsWith("not evidence for it (tests/test_t1.py)");
        assertThat(tasks.get(1).has("test_warning") && !tasks.get(1).path("test_warning").isNull()).isFalse();
    }
}
