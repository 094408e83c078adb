package dev.harness.worker.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.api.worker.WorkerState;
import dev.harness.protocol.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A forced save is renamed into place before it returns (a crash of the process loses nothing it
 * answered) and forced to the device by the store's flush thread, not the saving one (issue 15): a
 * save returns while the device is held, files saved meanwhile are forced together with one
 * directory force, and {@link WorkerStore#flushed()} (what a manager calls before it exits) waits
 * for every one of them.
 */
class FlushQueueTest {
    @TempDir
    Path tmp;

    /** A device that records what it forces and holds the first file's force until released. */
    static final class HeldDevice implements FlushQueue.Device {
        final List<String> forced = new CopyOnWriteArrayList<>();
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public void force(Path file) throws IOException {
            forced.add(file.getFileName().toString());
            entered.countDown();
            try {
                if (!release.await(5, TimeUnit.MINUTES)) { // a bound on failure only: the test releases it
                    throw new IOException("never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }

        @Override
        public void forceDirectory(Path dir) {
            forced.add("dir " + dir.getFileName());
        }
    }

    @Test
    void forcedSavesReturnBeforeTheDeviceIsForcedAndAreForcedTogetherAfter() throws Exception {
        HeldDevice device = new HeldDevice();
        WorkerStore store = new WorkerStore(tmp.resolve("state"), device);
        WorkerRecord a = record("worker_a");
        WorkerRecord b = record("worker_b");
        WorkerRecord c = record("worker_c");

        store.save(a, true);
        assertThat(device.entered.await(5, TimeUnit.MINUTES)).isTrue(); // the flush thread holds a's force
        b.state = WorkerState.READY_FOR_PROMPT;
        store.save(b, true);
        store.save(c, true);
        a.state = WorkerState.RUNNING;
        store.save(a, true);
        store.save(c, false); // a step: replaced, not forced

        // every save returned while the device was held, and each is on disk whole already
        assertThat(store.load("worker_a").orElseThrow().state).isEqualTo(WorkerState.RUNNING);
        assertThat(store.load("worker_b").orElseThrow().state).isEqualTo(WorkerState.READY_FOR_PROMPT);
        assertThat(device.forced).containsExactly("worker_a.json");

        device.release.countDown();
        store.flushed();
        assertThat(device.forced).containsExactly("worker_a.json", "dir records",
                "worker_b.json", "worker_c.json", "worker_a.json", "dir records");
        store.flushed(); // nothing pending: returns at once
        assertThat(device.forced).hasSize(6);
    }

    /**
     * A manager killed at any save point, its flushes never done: the state directory already holds
     * the state it last told of, and a new manager reading it numbers on from there.
     */
    @Test
    void aManagerKilledAtEachSavePointBeforeAnyFlushLeavesTheStateItAnswered() throws Exception {
        HeldDevice device = new HeldDevice(); // never released until the end: no flush completes
        Path state = tmp.resolve("state");
        WorkerStore store = new WorkerStore(state, device);
        WorkerRegistry workers = new WorkerRegistry(store, dev.harness.protocol.secrets.Redactor.builtIn());
        List<ObjectNode> told = new CopyOnWriteArrayList<>();
        dev.harness.worker.events.EventSink sink = told::add;
        WorkerRecord w = record(workers.newId());
        workers.add(w);
        List<Runnable> savePoints = List.of(
                () -> workers.emit(w, dev.harness.api.worker.WorkerEventKind.SPAWNING, new dev.harness.api.worker.WorkerEventPayload
                        .Spawning(w.workspace.toString(), "", "none", w.packetDigest(), "plan"), sink),
                () -> workers.transition(w, WorkerState.READY_FOR_PROMPT,
                        dev.harness.worker.events.WorkerEvents.Transition.plain(), sink),
                () -> workers.transition(w, WorkerState.RUNNING,
                        dev.harness.worker.events.WorkerEvents.Transition.plain().next(1, null), sink),
                () -> workers.transition(w, WorkerState.FINISHED, dev.harness.worker.events.WorkerEvents.Transition.plain(), sink));
        for (Runnable savePoint : savePoints) {
            synchronized (w) {
                savePoint.run();
            }
            ObjectNode last = told.get(told.size() - 1);
            // what a manager started after a kill -9 here reads (the page cache outlives the process)
            WorkerRecord back = new WorkerStore(state, device).load(w.id).orElseThrow();
            assertThat(back.state.wire()).isEqualTo(last.path("kind").asText());
            assertThat(back.seq).isEqualTo(last.path("seq").asLong() + 1);
            assertThat(Json.write(back.events.get(back.events.size() - 1))).isEqualTo(Json.write(last));
        }
        device.release.countDown();
        store.flushed();
    }

    @Test
    void theRealDeviceForcesARecordAndItsDirectory() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("records"));
        Path file = Files.writeString(dir.resolve("w.json"), "{}\n");
        FlushQueue.Device.FSYNC.force(file); // a read-only channel can be forced
        FlushQueue.Device.FSYNC.forceDirectory(dir);
        WorkerStore store = new WorkerStore(tmp.resolve("state"));
        store.save(record("worker_d"), true);
        store.flushed();
        assertThat(store.load("worker_d")).isPresent();
    }

    private WorkerRecord record(String id) throws IOException {
        ObjectNode packet = Json.object();
        packet.put("objective", "Check the build");
        packet.put("scope", "workspace");
        packet.putArray("acceptance_tests").add("true");
        Path workspace = Files.createDirectories(tmp.resolve("ws")).toRealPath();
        return new WorkerRecord(id, "t1", "plan", packet, workspace, "", true, "none", Instant.now());
    }
}
