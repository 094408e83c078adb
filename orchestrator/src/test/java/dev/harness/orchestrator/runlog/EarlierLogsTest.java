package dev.harness.orchestrator.runlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.api.run.LoggedEvent;
import dev.harness.api.run.RunEvent;
import dev.harness.api.run.RunEventCodec;
import dev.harness.api.run.RunStatus;
import dev.harness.api.run.TaskStatus;
import dev.harness.api.worker.FailureClass;
import dev.harness.api.worker.WorkerEventPayload;
import dev.harness.orchestrator.integration.IntegrationJournal;
import dev.harness.protocol.Json;
import dev.harness.protocol.SchemaCatalog;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Logs written by the orchestrator before the run log was typed (v0: two real runs), and before
 * integration and notification events were typed records (v1-integration-kinds: each kind those
 * writers had, every line with the fields in the order that build's writer put them): they still load, every line is valid against
 * schemas/run-event.schema.json, the typed writer writes each of their lines back byte for byte,
 * and the reducers read the runs the way they went.
 */
class EarlierLogsTest {
    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(EarlierLogsTest.class.getResource("/runlog/" + name).toURI());
    }

    @Test
    void everyLineIsValidAndTheTypedWriterWritesItBackByteForByte() throws Exception {
        SchemaCatalog.CompiledSchema schema = SchemaCatalog.shared().named("run-event");
        for (String name : List.of("v0-completed.jsonl", "v0-decision.jsonl", "v1-integration-kinds.jsonl")) {
            List<String> lines = Files.readAllLines(fixture(name), StandardCharsets.UTF_8);
            List<LoggedEvent> events = EventLogReader.readAll(fixture(name));
            assertThat(events).hasSameSizeAs(lines);
            for (int i = 0; i < lines.size(); i++) {
                ObjectNode line = (ObjectNode) Json.parse(lines.get(i));
                assertThat(schema.validate(line)).as(name + ":" + (i + 1)).isEmpty();
                assertThat(Json.write(RunEventCodec.toJson(events.get(i)))).as(name + ":" + (i + 1)).isEqualTo(lines.get(i));
                assertThat(events.get(i).event()).as(name + ":" + (i + 1)).isNotInstanceOf(RunEvent.Unknown.class);
            }
        }
    }

    @Test
    void aCompletedRunReadsAsCompleted() throws Exception {
        RunState state = RunState.rebuild(EventLogReader.readAll(fixture("v0-completed.jsonl")));
        assertThat(state.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(state.status(false)).isEqualTo(RunStatus.COMPLETED); // finished, not interrupted
        assertThat(state.taskCount()).isEqualTo(6);
        assertThat(state.completedCount()).isEqualTo(6);
        assertThat(state.approvalHolds()).isTrue();
        assertThat(state.bootstrapPhases()).hasSize(5).doesNotContainValue(false);
        assertThat(state.tasksToRun()).isEmpty();
        assertThat(state.anomalies()).isEmpty();
    }

    @Test
    void aSkipDecidedOnResumeIsOneDecisionOfTheOrchestratorAndOneRelayedFromTheWorker() throws Exception {
        List<LoggedEvent> events = EventLogReader.readAll(fixture("v0-decision.jsonl"));
        List<RunEvent> decisions = events.stream().map(LoggedEvent::event)
                .filter(e -> e.kind().equals("decision_recorded")).toList();
        assertThat(decisions).hasSize(2);
        assertThat(decisions.get(0)).isInstanceOfSatisfying(RunEvent.WorkerEventRelayed.class,
                relayed -> assertThat(relayed.details()).isInstanceOf(WorkerEventPayload.DecisionRecorded.class));
        assertThat(decisions.get(1)).isInstanceOf(RunEvent.DecisionRecorded.class);

        RunState state = RunState.rebuild(events);
        assertThat(state.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(state.task("ok").orElseThrow().status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(state.task("bad").orElseThrow().status()).isEqualTo(TaskStatus.SKIPPED);
        assertThat(state.task("bad").orElseThrow().skippedByDecision()).isTrue();
        assertThat(state.task("after").orElseThrow().status()).isEqualTo(TaskStatus.SKIPPED);
        assertThat(state.task("after").orElseThrow().skippedByDecision()).isFalse();
        assertThat(state.pendingEscalations()).isEmpty();
        assertThat(state.tasksToRun()).isEmpty();
    }

    @Test
    void theDecisionRunPausedForADecisionBeforeItWasResumed() throws Exception {
        List<LoggedEvent> events = EventLogReader.readAll(fixture("v0-decision.jsonl"));
        int resumed = 0;
        while (!events.get(resumed).kind().equals("run_resumed")) {
            resumed++;
        }
        RunState paused = RunState.rebuild(events.subList(0, resumed));
        assertThat(paused.status()).isEqualTo(RunStatus.AWAITING_DECISION);
        assertThat(paused.status(false)).isEqualTo(RunStatus.AWAITING_DECISION); // waiting, not interrupted
        assertThat(paused.pendingEscalation()).get().satisfies(e -> assertThat(e.taskId()).isEqualTo("bad"));
        assertThat(paused.tasksToRun()).containsExactly("bad", "after");
    }

    @Test
    void integrationEventsOfTheEarlierBuildReadAsTheJournalTheyRecorded() throws Exception {
        List<LoggedEvent> events = EventLogReader.readAll(fixture("v1-integration-kinds.jsonl"));
        IntegrationJournal journal = IntegrationJournal.of(events);
        assertThat(journal.mergedTasks()).containsExactly("t1");
        assertThat(journal.conflictOf("t2").files()).containsExactly("shared.txt");
        assertThat(journal.conflictOf("t2").sides()).contains("value=t1", "value=t2");
        assertThat(journal.sentBack("t2")).isEqualTo(1);
        assertThat(journal.work()).extracting(IntegrationJournal.TaskWork::taskId).containsExactly("t1");
        assertThat(journal.removed("/tmp/state/runs/20261130-050000-abcd/worktrees/t1")).isTrue();
        assertThat(journal.appliedAs()).isEqualTo("merge");
        assertThat(journal.cleaned()).isTrue();
        assertThat(journal.completed()).isTrue();
        assertThat(journal.tip()).isEqualTo("a".repeat(40));
        assertThat(events.stream().map(LoggedEvent::event).filter(RunEvent.NotificationFailed.class::isInstance)
                .map(RunEvent.NotificationFailed.class::cast).findFirst().orElseThrow().exitCode()).isEqualTo(143);
        assertThat(events.stream().map(LoggedEvent::event).filter(RunEvent.DecisionRecorded.class::isInstance)
                .map(RunEvent.DecisionRecorded.class::cast).findFirst().orElseThrow().failureClass())
                .isEqualTo(FailureClass.MERGE_CONFLICT);
    }
}
