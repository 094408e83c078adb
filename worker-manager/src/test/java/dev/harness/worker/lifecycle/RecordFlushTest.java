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
 * Resume reads a worker's state from its record, so every state change is flushed to the device
 * before anything is told of it; the steps between two state changes (trust resolved just before
 * its transition, an attempt started, where its checks run, a check's result, the work directory)
 * replace the record whole without a flush of their own (issue 15: a flush per step cost more than
 * the rest of a short task), and the next state change flushes the record with them in it.
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
    void everyStateChangeIsFlushedAndTheStepsBetweenThemAreNot() throws Exception {
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
            workers.step(w, WorkerEventKind.ATTEMPT_STARTED, new WorkerEventPayload.AttemptStarted(1, "none",
                    workspace.toString(), tmp.resolve("logs").toString(), false), sink);
            workers.step(w, WorkerEventKind.CHECKS_PLACED, new WorkerEventPayload.ChecksPlaced(ChecksPlacement.COPY,
                    workspace.toString(), tmp.resolve("copy").toString(), "not a git work tree", 0, null, 3L), sink);
            workers.step(w, WorkerEventKind.ACCEPTANCE_TEST_RESULT, new WorkerEventPayload.AcceptanceTestResult(0, "true", 0,
                    true, false, 2L, "", 0L, false, null), sink);
            workers.transition(w, WorkerState.FINISHED, Transition.plain(), sink);
        }

        assertThat(writes).extracting(Write::file).containsOnly(w.id + ".json");
        assertThat(writes).extracting(Write::state, Write::forced).containsExactly(
                org.assertj.core.groups.Tuple.tuple(WorkerState.SPAWNING, true),         // the record is made
                org.assertj.core.groups.Tuple.tuple(WorkerState.SPAWNING, false),        // trust_resolved
                org.assertj.core.groups.Tuple.tuple(WorkerState.READY_FOR_PROMPT, true),
                org.assertj.core.groups.Tuple.tuple(WorkerState.RUNNING, true),
                org.assertj.core.groups.Tuple.tuple(WorkerState.RUNNING, false),         // the work directory
                org.assertj.core.groups.Tuple.tuple(WorkerState.RUNNING, false),         // attempt_started
                org.assertj.core.groups.Tuple.tuple(WorkerState.RUNNING, false),         // checks_placed
                org.assertj.core.groups.Tuple.tuple(WorkerState.RUNNING, false),         // acceptance_test_result
                org.assertj.core.groups.Tuple.tuple(WorkerState.FINISHED, true));
        // every event went out after its record was written, and the record on disk is the last state, steps included
        assertThat(sent).hasSize(writes.size() - 1);
        WorkerRecord onDisk = store.load(w.id).orElseThrow();
        assertThat(onDisk.state).isEqualTo(WorkerState.FINISHED);
        assertThat(onDisk.workdir).isEqualTo(workspace.toString());
        assertThat(workers.events(onDisk, -1, 100)).extracting(e -> e.path("kind").asText())
                .contains("trust_resolved", "attempt_started", "checks_placed", "acceptance_test_result", "finished");
    }
}
