package dev.harness.worker.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.api.worker.ChecksPlacement;
import dev.harness.api.worker.WorkerEventKind;
import dev.harness.api.worker.WorkerEventPayload;
import dev.harness.api.worker.WorkerState;
import dev.harness.protocol.Json;
import dev.harness.protocol.secrets.Redactor;
import dev.harness.worker.Fixtures;
import dev.harness.worker.events.EventSink;
import dev.harness.worker.events.WorkerEvents.Transition;
import dev.harness.worker.trust.TrustPolicy;
import dev.harness.worker.trust.WorkerTrust;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resume reads a worker's state from its record, so every state change is saved whole before
 * anything is told of it and marked to be flushed to the device (the store's flush thread does it:
 * {@link FlushQueueTest}); a step between two state changes that sets a field (the work
 * directory) replaces the record whole without a flush of its own (issue 15: a flush per step cost
 * more than the rest of a short task), and progress (trust resolved just before its transition, an
 * attempt started, where its checks run, a check's result) only goes to the worker's journal: the
 * next state change writes the record with it in it, and a record read back after a kill -9 in
 * between takes it back from the journal.
 */
class RecordFlushTest {
    @TempDir
    Path tmp;

    /** One record write as the store asked for it: the state it holds, whether it was flushed. */
    record Write(String file, WorkerState state, boolean forced) {}

    private final List<Write> writes = new ArrayList<>();
    private final List<ObjectNode> sent = new ArrayList<>();
    private final EventSink sink = sent::add;

    @Test
    void everyStateChangeIsFlushedTheStepsBetweenThemAreNotAndProgressIsOnlyJournaled() throws Exception {
        Path workspace = Files.createDirectories(tmp.resolve("ws")).toRealPath();
        WorkerStore store = new WorkerStore(tmp.resolve("state"), (target, text, forced) -> {
            writes.add(new Write(target.getFileName().toString(),
                    WorkerState.fromWire(Json.parse(text).path("state").asText()), forced));
            WorkerStore.RecordWriter.ATOMIC.write(target, text, forced);
        });
        WorkerRegistry workers = new WorkerRegistry(store, Redactor.builtIn());
        TrustPolicy trusting = TrustPolicy.load(Fixtures.write(tmp.resolve("policy.yaml"),
                "trusted_roots: [\"" + workspace + "\"]\n"), tmp.resolve("home"));
        WorkerTrust gate = new WorkerTrust(trusting, workers, "tester");

        ObjectNode packet = Json.object();
        packet.put("objective", "Check the build");
        packet.put("scope", "workspace");
        packet.putArray("acceptance_tests").add("true");
        WorkerRecord w = new WorkerRecord(workers.newId(), "t1", "plan", packet, workspace, "", true, "none", Instant.now());
        workers.add(w);
        synchronized (w) {
            workers.emit(w, WorkerEventKind.SPAWNING, new WorkerEventPayload.Spawning(workspace.toString(), "", "none",
                    w.packetDigest(), "plan"), sink);
        }
        gate.check(w, sink); // trust_resolved (a step), then ready_for_prompt
        synchronized (w) {
            workers.transition(w, WorkerState.RUNNING, Transition.plain().next(1, null), sink);
            w.workdir = workspace.toString();
            workers.saveStep(w);
            workers.progress(w, WorkerEventKind.ATTEMPT_STARTED, new WorkerEventPayload.AttemptStarted(1, "none",
                    workspace.toString(), tmp.resolve("logs").toString(), false), sink);
            workers.progress(w, WorkerEventKind.CHECKS_PLACED, new WorkerEventPayload.ChecksPlaced(ChecksPlacement.COPY,
                    workspace.toString(), tmp.resolve("copy").toString(), "not a git work tree", 0, null, 3L), sink);
            workers.progress(w, WorkerEventKind.ACCEPTANCE_TEST_RESULT, new WorkerEventPayload.AcceptanceTestResult(0, "true", 0,
                    true, false, 2L, "", 0L, false, null), sink);
            workers.transition(w, WorkerState.FINISHED, Transition.plain(), sink);
        }

        assertThat(writes).extracting(Write::file).containsOnly(w.id + ".json");
        assertThat(writes).extracting(Write::state, Write::forced).containsExactly(
                org.assertj.core.groups.Tuple.tuple(WorkerState.SPAWNING, true),         // the record is made
                org.assertj.core.groups.Tuple.tuple(WorkerState.READY_FOR_PROMPT, true), // trust_resolved with it
                org.assertj.core.groups.Tuple.tuple(WorkerState.RUNNING, true),
                org.assertj.core.groups.Tuple.tuple(WorkerState.RUNNING, false),         // the work directory
                org.assertj.core.groups.Tuple.tuple(WorkerState.FINISHED, true));        // the three progress events with it
        // the record on disk is the last state, progress included
        assertThat(sent).extracting(e -> e.path("kind").asText()).containsExactly("spawning", "trust_resolved",
                "ready_for_prompt", "running", "attempt_started", "checks_placed", "acceptance_test_result", "finished");
        WorkerRecord onDisk = store.load(w.id).orElseThrow();
        assertThat(onDisk.state).isEqualTo(WorkerState.FINISHED);
        assertThat(onDisk.workdir).isEqualTo(workspace.toString());
        assertThat(workers.events(onDisk, -1, 100)).extracting(e -> e.path("kind").asText())
                .contains("trust_resolved", "attempt_started", "checks_placed", "acceptance_test_result", "finished");
    }

    /** What a manager killed between progress and its next save left: the record read back has the journal's events. */
    @Test
    void aRecordReadBackAfterAKillTakesItsProgressFromTheJournalAndNumbersOn() throws Exception {
        Path workspace = Files.createDirectories(tmp.resolve("ws")).toRealPath();
        Path state = tmp.resolve("state");
        WorkerStore store = new WorkerStore(state);
        WorkerRegistry workers = new WorkerRegistry(store, Redactor.builtIn());
        WorkerRecord w = new WorkerRecord(workers.newId(), "t1", "plan", packet(), workspace, "", true,
                "none", Instant.now());
        workers.add(w);
        synchronized (w) {
            workers.emit(w, WorkerEventKind.SPAWNING, new WorkerEventPayload.Spawning(workspace.toString(), "", "none",
                    w.packetDigest(), "plan"), sink);
            workers.transition(w, WorkerState.READY_FOR_PROMPT, Transition.plain(), sink);
            workers.transition(w, WorkerState.RUNNING, Transition.plain().next(1, null), sink);
            workers.progress(w, WorkerEventKind.ATTEMPT_STARTED, new WorkerEventPayload.AttemptStarted(1, "none",
                    workspace.toString(), tmp.resolve("logs").toString(), false), sink);
            workers.progress(w, WorkerEventKind.CHECKS_PLACED, new WorkerEventPayload.ChecksPlaced(ChecksPlacement.COPY,
                    workspace.toString(), tmp.resolve("copy").toString(), "not a git work tree", 0, null, 3L), sink);
        }
        String file = Files.readString(state.resolve("records").resolve(w.id + ".json"));
        assertThat(Json.parse(file).path("seq").asInt()).isEqualTo(3); // the record file stops at running
        workers.close(); // the manager is gone: what is on disk is all a new one has

        WorkerStore again = new WorkerStore(state);
        WorkerRecord back = again.load(w.id).orElseThrow();
        assertThat(back.seq).isEqualTo(5);
        assertThat(back.events).extracting(e -> e.path("kind").asText())
                .containsExactly("spawning", "ready_for_prompt", "running", "attempt_started", "checks_placed");
        assertThat(Json.write(back.events.get(4))).isEqualTo(Json.write(sent.get(4))); // as it was sent
        List<WorkerRecord> listed = new ArrayList<>();
        again.forEachRecord(listed::add);
        assertThat(listed).singleElement().satisfies(r -> assertThat(r.seq).isEqualTo(5));

        // the next event numbers on from the journal, saved with it, and nothing is read twice
        WorkerRegistry next = new WorkerRegistry(again, Redactor.builtIn());
        next.add(back);
        synchronized (back) {
            next.transition(back, WorkerState.FINISHED, Transition.plain(), sink);
        }
        WorkerRecord last = new WorkerStore(state).load(w.id).orElseThrow();
        assertThat(last.events).extracting(e -> e.path("seq").asLong()).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        assertThat(last.state).isEqualTo(WorkerState.FINISHED);
        assertThat(again.journal(w.id, -1, 100)).extracting(e -> e.path("seq").asLong()).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        next.close();
    }

    /** A journal line torn by a kill is skipped; a record of an earlier build (every event saved) reads as it is. */
    @Test
    void aTornLineIsSkippedAndAnEarlierBuildsRecordIsTakenAsItIs() throws Exception {
        Path workspace = Files.createDirectories(tmp.resolve("ws")).toRealPath();
        Path state = tmp.resolve("state");
        WorkerStore store = new WorkerStore(state);
        WorkerRegistry workers = new WorkerRegistry(store, Redactor.builtIn());
        WorkerRecord w = new WorkerRecord(workers.newId(), "t1", "plan", packet(), workspace, "", true,
                "none", Instant.now());
        workers.add(w);
        synchronized (w) {
            workers.emit(w, WorkerEventKind.SPAWNING, new WorkerEventPayload.Spawning(workspace.toString(), "", "none",
                    w.packetDigest(), "plan"), sink);
            workers.transition(w, WorkerState.READY_FOR_PROMPT, Transition.plain(), sink);
            workers.transition(w, WorkerState.RUNNING, Transition.plain().next(1, null), sink);
            workers.progress(w, WorkerEventKind.ATTEMPT_STARTED, new WorkerEventPayload.AttemptStarted(1, "none",
                    workspace.toString(), tmp.resolve("logs").toString(), false), sink);
        }
        workers.close();
        Path journal = store.eventsOf(w.id);
        Files.writeString(journal, "{\"seq\": 4, \"kind\": \"checks_pl", java.nio.file.StandardOpenOption.APPEND);
        assertThat(new WorkerStore(state).load(w.id).orElseThrow().events).extracting(e -> e.path("kind").asText())
                .containsExactly("spawning", "ready_for_prompt", "running", "attempt_started");

        Path record = state.resolve("records").resolve(w.id + ".json");
        ObjectNode earlier = (ObjectNode) Json.parse(Files.readString(record));
        earlier.remove("journal_bytes");
        Files.writeString(record, Json.write(earlier));
        WorkerRecord back = new WorkerStore(state).load(w.id).orElseThrow();
        assertThat(back.seq).isEqualTo(3);
        assertThat(back.events).extracting(e -> e.path("kind").asText()).containsExactly("spawning", "ready_for_prompt", "running");
        assertThat(back.journalBytes).isEqualTo(Files.size(journal));
    }

    private static ObjectNode packet() {
        ObjectNode packet = Json.object();
        packet.put("objective", "Check the build");
        packet.put("scope", "workspace");
        packet.putArray("acceptance_tests").add("true");
        return packet;
    }
}
