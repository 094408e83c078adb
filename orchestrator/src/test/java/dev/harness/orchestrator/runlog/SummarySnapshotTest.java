package dev.harness.orchestrator.runlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.api.run.RunEvent;
import dev.harness.api.run.RunStatus;
import dev.harness.api.worker.WorkerEventKind;
import dev.harness.api.worker.WorkerEventPayload;
import dev.harness.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code runs} reads a run's summary from summary.properties only while the log is exactly what it was made from. */
class SummarySnapshotTest {
    @TempDir
    Path tmp;

    private RunDirectory finishedRun() {
        RunDirectory run = RunDirectory.create(tmp.resolve("runs"), "20261123-010000-aaaa");
        try (EventLog log = EventLog.open(run)) {
            log.append(new RunEvent.RunStarted("add dark mode", null, null));
            log.append(new RunEvent.PlanCreated("p1", "add dark mode", Plans.chain(), null, null, null));
            log.append(new RunEvent.WorkerEventRelayed(WorkerEventKind.USAGE_RECORDED, "t1", "w1", "w1-7", null, 1,
                    (ObjectNode) Json.toNode(new WorkerEventPayload.UsageRecorded(1, "claude", 0.1234567, 1200L, 345L,
                            67L, 8L, 3, false, 0))));
            log.append(new RunEvent.TaskCompleted("t1", null, null, null, null));
        }
        return run;
    }

    /** Rewrites the kept snapshot's objective, so a listing shows whether it used the snapshot or the log. */
    private static void markSnapshot(RunDirectory run, String objective) throws Exception {
        Path file = run.path().resolve(SummarySnapshot.FILE);
        java.util.Properties kept = new java.util.Properties();
        kept.load(new java.io.StringReader(Files.readString(file)));
        kept.setProperty("objective", objective);
        java.io.StringWriter text = new java.io.StringWriter();
        kept.store(text, null);
        Files.writeString(file, text.toString());
    }

    private static RunSummary replayed(RunDirectory run) throws Exception {
        Files.deleteIfExists(run.path().resolve(SummarySnapshot.FILE));
        return RunSummary.read(run);
    }

    @Test
    void theSnapshotOfAnUnchangedLogStandsForItsReplay() throws Exception {
        RunDirectory run = finishedRun();
        RunSummary first = RunSummary.read(run);
        assertThat(run.path().resolve(SummarySnapshot.FILE)).isRegularFile();
        RunSummary fromSnapshot = RunSummary.read(run);
        assertThat(fromSnapshot).isEqualTo(first).isEqualTo(replayed(run));
        assertThat(fromSnapshot.completed()).isEqualTo(1);
        assertThat(fromSnapshot.total()).isEqualTo(4);
        assertThat(fromSnapshot.usage().costUsd()).isEqualTo(0.1234567);
        assertThat(fromSnapshot.usage().inputTokens()).isEqualTo(1200);
        assertThat(fromSnapshot.usage().brief()).isEqualTo(replayed(run).usage().brief());

        markSnapshot(run, "from the snapshot");
        assertThat(RunSummary.read(run).objective()).isEqualTo("from the snapshot"); // the log was not replayed
    }

    @Test
    void anAppendedEventReplaysTheLog() throws Exception {
        RunDirectory run = finishedRun();
        RunSummary.read(run);
        markSnapshot(run, "from the snapshot");
        try (EventLog log = EventLog.open(run)) {
            log.append(new RunEvent.TaskCompleted("t2", null, null, null, null));
        }
        RunSummary after = RunSummary.read(run);
        assertThat(after.objective()).isEqualTo("add dark mode");
        assertThat(after.completed()).isEqualTo(2);
        assertThat(RunSummary.read(run)).isEqualTo(after).isEqualTo(replayed(run));
    }

    @Test
    void aTornLastLineIsToleratedAndItsCompletionIsSeen() throws Exception {
        RunDirectory run = finishedRun();
        String line = "{\"seq\":5,\"time\":\"2026-11-23T01:00:04Z\",\"kind\":\"task_completed\",\"task_id\":\"t2\"}\n";
        int half = line.length() / 2;
        Files.writeString(run.eventsFile(), line.substring(0, half), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        RunSummary torn = RunSummary.read(run);
        assertThat(torn.problem()).isNull();
        assertThat(torn.completed()).isEqualTo(1);
        assertThat(RunSummary.read(run)).isEqualTo(torn).isEqualTo(replayed(run));

        RunSummary.read(run);
        markSnapshot(run, "from the snapshot");
        Files.writeString(run.eventsFile(), line.substring(half), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        RunSummary whole = RunSummary.read(run);
        assertThat(whole.objective()).isEqualTo("add dark mode");
        assertThat(whole.completed()).isEqualTo(2);
    }

    @Test
    void aRunningRunWhoseWriterIsGoneIsInterruptedEvenFromItsSnapshot() throws Exception {
        RunDirectory run = RunDirectory.create(tmp.resolve("runs"), "20261123-010000-aaaa");
        try (EventLog log = EventLog.open(run)) {
            log.append(new RunEvent.RunStarted("add dark mode", null, null));
            log.append(new RunEvent.PlanCreated("p1", "add dark mode", Plans.chain(), null, null, null));
            log.append(new RunEvent.TaskStarted("t1", "w1", 1));
            assertThat(RunSummary.read(run).status()).isEqualTo(RunStatus.RUNNING);
            markSnapshot(run, "from the snapshot");
            RunSummary whileWritten = RunSummary.read(run);
            assertThat(whileWritten.objective()).isEqualTo("from the snapshot");
            assertThat(whileWritten.status()).isEqualTo(RunStatus.RUNNING);
        }
        RunSummary gone = RunSummary.read(run);
        assertThat(gone.objective()).isEqualTo("from the snapshot");
        assertThat(gone.status()).isEqualTo(RunStatus.INTERRUPTED);
    }

    @Test
    void aDamagedOrOlderSnapshotIsReplacedByTheLogsReplay() throws Exception {
        RunDirectory run = finishedRun();
        RunSummary expected = RunSummary.read(run);
        Path file = run.path().resolve(SummarySnapshot.FILE);
        for (String kept : new String[] {"not json", "{}", "{\"format\":0}", ""}) {
            Files.writeString(file, kept);
            assertThat(RunSummary.read(run)).as(kept).isEqualTo(expected);
        }
        markSnapshot(run, "from an older harness");
        java.util.Properties older = new java.util.Properties();
        older.load(new java.io.StringReader(Files.readString(file)));
        older.setProperty("format", Integer.toString(SummarySnapshot.FORMAT - 1));
        java.io.StringWriter text = new java.io.StringWriter();
        older.store(text, null);
        Files.writeString(file, text.toString());
        assertThat(RunSummary.read(run)).isEqualTo(expected);
    }

    @Test
    void anUnreadableLogIsListedWithItsProblemAndNotKept() throws Exception {
        RunDirectory run = RunDirectory.create(tmp.resolve("runs"), "20261123-020000-bbbb");
        Files.writeString(run.eventsFile(), "not json\n");
        assertThat(RunSummary.read(run).problem()).contains("not valid JSON");
        assertThat(run.path().resolve(SummarySnapshot.FILE)).doesNotExist();
    }
}
