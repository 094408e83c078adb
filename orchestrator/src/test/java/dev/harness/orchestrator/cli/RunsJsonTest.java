package dev.harness.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.api.run.RunStatus;
import dev.harness.api.worker.UsageTotal;
import dev.harness.orchestrator.runlog.RunSummary;
import dev.harness.protocol.Json;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** runs --json lines come from records now; the bytes are those the ObjectNode trees wrote before. */
class RunsJsonTest {
    static Stream<RunSummary> runs() {
        Path path = Path.of("/state/runs/20261130-101010-abcd");
        return Stream.of(
                new RunSummary("20261130-101010-abcd", "add dark mode \"now\" ü", RunStatus.COMPLETED,
                        Instant.parse("2026-11-30T10:10:10.123Z"), 3, 2, 1, 0, path, null,
                        new UsageTotal(0.0421, 12, 340, 9000, 150, 3, 1)),
                new RunSummary("20261130-101011-beef", null, RunStatus.PLANNED, null, 0, 0, 0, 0, path, null, UsageTotal.NONE),
                new RunSummary("20261130-101012-cafe", null, RunStatus.PLANNED, null, 0, 0, 0, 0, path,
                        "events.jsonl line 3 is not JSON", new UsageTotal(1.0, 1, 2, 0, 0, 1, 2)),
                new RunSummary("20261130-101013-d00d", "x", RunStatus.AWAITING_APPROVAL, Instant.EPOCH, 7, 0, 0, 0, path, null,
                        new UsageTotal(1.0E-7, 0, 0, 0, 0, 0, 1)));
    }

    @ParameterizedTest
    @MethodSource("runs")
    void aLineIsWhatTheTreeWrote(RunSummary run) {
        ObjectNode line = Json.object();
        line.put("run_id", run.runId());
        line.put("status", run.problemText().isPresent() ? "unreadable" : run.status().wire());
        line.put("objective", run.objective());
        line.put("started", run.started() == null ? null : run.started().toString());
        line.put("total", run.total());
        line.put("completed", run.completed());
        line.put("failed", run.failed());
        line.put("skipped", run.skipped());
        line.set("usage", Json.toNode(run.usage()));
        line.put("path", run.path().toString());
        run.problemText().ifPresent(p -> line.put("problem", p));
        assertThat(Json.write(RunsCommand.Line.of(run))).isEqualTo(Json.write(line));
    }

    @ParameterizedTest
    @MethodSource("runs")
    void anIndexLineIsWhatTheTreeWrote(RunSummary run) {
        for (String workspace : new String[] {"/home/me/app", null}) {
            ObjectNode line = Json.object();
            line.put("run_id", run.runId());
            line.put("status", run.problemText().isPresent() ? "unreadable" : run.status().wire());
            line.put("workspace", workspace);
            line.put("objective", run.objective());
            line.put("started", run.started() == null ? null : run.started().toString());
            line.put("total", run.total());
            line.put("completed", run.completed());
            line.put("failed", run.failed());
            line.put("skipped", run.skipped());
            line.set("usage", Json.toNode(run.usage()));
            line.put("path", run.path().toString());
            assertThat(Json.write(RunsCommand.IndexLine.of(run, workspace))).isEqualTo(Json.write(line));
        }
    }

    /** A new user's runs from the repository after a run with --workspace elsewhere: told where the runs are. */
    @org.junit.jupiter.api.Test
    void noRunsHereNamesTheWaysToTheOthers() {
        String text = RunsCommand.listing(Path.of("/state/repos/harness-1376ecacd318/runs"), java.util.List.of());
        assertThat(text).startsWith("No runs under /state/repos/harness-1376ecacd318/runs." + System.lineSeparator())
                .contains("runs -C WORKSPACE").contains("runs --all");
    }
}
