package dev.harness.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harness.orchestrator.Orchestrator;
import dev.harness.protocol.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code status} with no RUN_ID, as a person types it after a run (like git status): the workspace's newest run. */
class StatusNewestRunTest {
    private static final String RECORDED_RUN = "20261130-000000-cds0";
    private static final Path RECORDED = Path.of("src", "main", "cds", "state", RECORDED_RUN, "events.jsonl");

    @TempDir
    Path tmp;

    private record Printed(int code, String out, String err) {}

    private static Printed run(String... args) {
        picocli.CommandLine cli = Orchestrator.commandLineFor(args);
        java.io.StringWriter cliErr = new java.io.StringWriter();
        cli.setErr(new java.io.PrintWriter(cliErr, true));
        PrintStream systemOut = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            int code = cli.execute(args);
            return new Printed(code, printed.toString(StandardCharsets.UTF_8), cliErr.toString());
        } finally {
            System.setOut(systemOut);
        }
    }

    /** A copy of the recorded run's log under {@code id}. */
    private void run(Path state, String id) throws Exception {
        Path dir = Files.createDirectories(state.resolve(id));
        List<String> lines = Files.readAllLines(RECORDED).stream().map(l -> l.replace(RECORDED_RUN, id)).toList();
        Files.write(dir.resolve("events.jsonl"), lines);
    }

    @Test
    void withoutARunIdItShowsTheNewestRunAndSaysSo() throws Exception {
        Path state = tmp.resolve("state");
        run(state, "20261130-000000-aaaa");
        run(state, "20261201-000000-bbbb"); // same start time: the later id is the newest, as watch picks it

        Printed shown = run("status", "--state-dir", state.toString());
        assertThat(shown.code()).as(shown.err()).isZero();
        assertThat(shown.out()).startsWith("The newest run of this workspace (1 older: orchestrator runs;"
                + " orchestrator status RUN_ID for one of them).\n\nRun:        20261201-000000-bbbb\n");
        // the rest is what status RUN_ID prints
        assertThat(shown.out()).endsWith(run("status", "20261201-000000-bbbb", "--state-dir", state.toString()).out());

        Printed json = run("status", "--state-dir", state.toString(), "--json");
        assertThat(json.code()).isZero();
        assertThat(Json.parse(json.out()).path("run_id").asText()).isEqualTo("20261201-000000-bbbb"); // stdout is the JSON alone
    }

    @Test
    void aSingleRunIsShownWithoutCountingOthers() throws Exception {
        Path state = tmp.resolve("state");
        run(state, "20261130-000000-aaaa");
        Printed shown = run("status", "--state-dir", state.toString());
        assertThat(shown.code()).isZero();
        assertThat(shown.out()).startsWith("The newest run of this workspace.\n\nRun:        20261130-000000-aaaa\n");
    }

    @Test
    void noRunYetIsAUsageErrorThatSaysHowToStartOne() throws Exception {
        Path state = Files.createDirectories(tmp.resolve("empty"));
        Printed shown = run("status", "--state-dir", state.toString());
        assertThat(shown.code()).isEqualTo(2);
        assertThat(shown.out()).isEmpty();
        assertThat(shown.err()).contains("No run in this workspace", "yet: start one with orchestrator \"OBJECTIVE\"",
                "give a RUN_ID", "runs --all");
    }
}
