package dev.harness.worker.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.api.worker.WorkerState;
import dev.harness.protocol.DomainError;
import dev.harness.protocol.Json;
import dev.harness.protocol.secrets.Redactor;
import dev.harness.worker.events.EventSink;
import dev.harness.worker.events.WorkerEvents.Transition;
import dev.harness.worker.recovery.Failure;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A manager's memory is flat in the number of workers it knows (issue 13): idle workers beyond a
 * bound live only in their record files, and every one of them is still answered as before (its
 * snapshot, its events, its place in list_workers' pages, a later change), while a worker that is
 * running or waits for a person's decision stays in memory.
 */
class WorkerRegistryTest {
    private static final int BOUND = 4;

    @TempDir
    Path tmp;

    private final List<ObjectNode> sent = new ArrayList<>();
    private final EventSink sink = sent::add;

    private WorkerRegistry registry() throws Exception {
        return new WorkerRegistry(new WorkerStore(tmp.resolve("state")), Redactor.builtIn(), BOUND);
    }

    private WorkerRecord spawn(WorkerRegistry workers, int n) {
        ObjectNode packet = Json.object();
        packet.put("objective", "Task " + n + " " + "x".repeat(500));
        packet.put("scope", "workspace");
        packet.putArray("acceptance_tests").add("true");
        WorkerRecord w = new WorkerRecord(workers.newId(), "t" + n, "plan", packet, tmp, "", true, "none", Instant.now());
        workers.add(w);
        return w;
    }

    /** spawning → trust_required → (every third) cancelled: idle either way. */
    private WorkerRecord spawnIdle(WorkerRegistry workers, int n) {
        WorkerRecord w = spawn(workers, n);
        synchronized (w) {
            workers.transition(w, WorkerState.TRUST_REQUIRED, Transition.because("needs approval " + n), sink);
            if (n % 3 == 0) {
                workers.transition(w, WorkerState.CANCELLED, Transition.because("cancelled " + n), sink);
            }
        }
        return w;
    }

    @Test
    void onlyTheBusyWorkersAndABoundOfIdleOnesStayInMemoryHoweverManyThereAre() throws Exception {
        WorkerRegistry workers = registry();
        WorkerRecord running = spawn(workers, -1);
        WorkerRecord waiting = spawn(workers, -2);
        synchronized (running) {
            workers.transition(running, WorkerState.READY_FOR_PROMPT, Transition.because("trusted"), sink);
            workers.transition(running, WorkerState.RUNNING, Transition.plain(), sink);
        }
        synchronized (waiting) {
            workers.transition(waiting, WorkerState.READY_FOR_PROMPT, Transition.because("trusted"), sink);
            workers.transition(waiting, WorkerState.RUNNING, Transition.plain(), sink);
            waiting.failure = new Failure(null, null, "the tests failed", true);
            workers.transition(waiting, WorkerState.FAILED, Transition.because("the tests failed"), sink);
        }
        for (int n = 0; n < 300; n++) {
            spawnIdle(workers, n);
            assertThat(workers.residentCount()).as("after %d idle workers", n + 1).isLessThanOrEqualTo(BOUND + 2);
        }
        assertThat(workers.knownCount()).isEqualTo(302);
        assertThat(workers.residentCount()).isEqualTo(BOUND + 2);
        // the running worker and the one a decide will answer are the very records in memory
        assertThat(workers.get(running.id)).isSameAs(running);
        assertThat(workers.get(waiting.id)).isSameAs(waiting);
        assertThat(workers.all()).contains(running, waiting);
    }

    @Test
    void anEvictedWorkerIsAnsweredFromItsRecordFileAsBeforeAndCanStillChange() throws Exception {
        WorkerRegistry workers = registry();
        WorkerRecord first = spawnIdle(workers, 1);
        String snapshot;
        List<JsonNode> events;
        synchronized (first) {
            workers.transition(first, WorkerState.READY_FOR_PROMPT, Transition.because("approved"), sink);
            snapshot = Json.write(first.snapshot(true));
            events = workers.events(first, -1, 1000);
        }
        for (int n = 2; n < 2 + 3 * BOUND; n++) {
            spawnIdle(workers, n);
        }

        WorkerRecord readBack = workers.get(first.id);
        assertThat(readBack).as("evicted, so read back from disk").isNotSameAs(first);
        synchronized (readBack) {
            // (as text: a number read back from the file may be a node of another width)
            assertThat(Json.write(readBack.snapshot(true))).isEqualTo(snapshot);
            assertThat(texts(workers.events(readBack, -1, 1000))).isEqualTo(texts(events));
            assertThat(texts(workers.events(readBack, 0, 1))).containsExactly(Json.write(events.get(1)));
        }
        assertThat(workers.get(first.id)).as("one copy resident at a time").isSameAs(readBack);

        // it changes as any worker does: the next event follows its numbering, and is kept
        synchronized (readBack) {
            workers.transition(readBack, WorkerState.CANCELLED, Transition.because("no longer needed"), sink);
        }
        for (int n = 100; n < 100 + 3 * BOUND; n++) {
            spawnIdle(workers, n);
        }
        WorkerRecord again = workers.get(first.id);
        assertThat(again).isNotSameAs(readBack);
        assertThat(again.state).isEqualTo(WorkerState.CANCELLED);
        synchronized (again) {
            List<JsonNode> all = workers.events(again, -1, 1000);
            assertThat(all).hasSize(events.size() + 1);
            assertThat(all.get(events.size()).path("seq").asLong()).isEqualTo(events.size());
            assertThat(all.get(events.size()).path("kind").asText()).isEqualTo("cancelled");
        }

        assertThatThrownBy(() -> workers.get("worker_nobody")).isInstanceOf(DomainError.class)
                .hasMessageContaining("worker_nobody");
    }

    @Test
    void workersMadeInTheSameMillisecondKeepTheOrderTheirIdsWereGiven() {
        List<String> given = List.of("worker_9_100_10", "worker_9_100", "worker_9_100_2", "worker_9_100_9", "worker_10_99");
        assertThat(given.stream().sorted(WorkerRegistry.SPAWN_ORDER).toList())
                .containsExactly("worker_10_99", "worker_9_100", "worker_9_100_2", "worker_9_100_9", "worker_9_100_10");
    }

    @Test
    void pagesListEveryWorkerInSpawnOrderWhetherInMemoryOrOnDisk() throws Exception {
        WorkerRegistry workers = registry();
        List<String> spawned = new ArrayList<>();
        List<String> cancelled = new ArrayList<>();
        for (int n = 0; n < 40; n++) {
            WorkerRecord w = spawnIdle(workers, n);
            spawned.add(w.id);
            if (n % 3 == 0) {
                cancelled.add(w.id);
            }
        }
        assertThat(everyPage(workers, null, 7)).isEqualTo(spawned);
        assertThat(everyPage(workers, WorkerState.CANCELLED, 5)).isEqualTo(cancelled);
        JsonNode listed = workers.snapshots(null, null, 1).workers().get(0);
        assertThat(listed.path("state").asText()).isEqualTo("cancelled");
        assertThat(listed.path("task_packet").path("objective").asText()).startsWith("Task 0 ");
        assertThat(listed.has("events")).isFalse();
        assertThat(workers.residentCount()).as("a list is not a use: nothing read back stays").isEqualTo(BOUND);

        // a new manager on the same state directory knows them all, in the same order, and holds few
        WorkerRegistry restarted = registry();
        assertThat(restarted.adoptAll()).isEqualTo(40);
        assertThat(restarted.residentCount()).isLessThanOrEqualTo(BOUND);
        assertThat(everyPage(restarted, null, 9)).isEqualTo(spawned);
        assertThat(restarted.get(spawned.get(0)).state).isEqualTo(WorkerState.CANCELLED);
        restarted.close();
        workers.close();
    }

    private static List<String> texts(List<JsonNode> nodes) {
        return nodes.stream().map(Json::write).toList();
    }

    private static List<String> everyPage(WorkerRegistry workers, WorkerState state, int limit) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        while (true) {
            WorkerRegistry.Page page = workers.snapshots(state, cursor, limit);
            assertThat(page.workers().size()).isLessThanOrEqualTo(limit);
            page.workers().forEach(w -> seen.add(w.path("worker_id").asText()));
            if (page.nextCursor() == null) {
                return seen;
            }
            assertThat(page.workers().size()).isEqualTo(limit);
            cursor = page.nextCursor();
        }
    }

    /**
     * A SIGKILLed manager orphaned inside a container can stay a zombie until whoever adopted it reaps it: it runs
     * nothing, so its workers have no live owner (a successor re-attaches or interrupts them at once, not when the zombie
     * is finally reaped).
     */
    @Test
    void aZombieOwnerIsNotALiveOne() throws Exception {
        // sleep 0 becomes the child of an exec'd sleep that never waits for it: a zombie while the sleep lasts
        Process parent = new ProcessBuilder("sh", "-c", "sleep 0 & echo $!; exec sleep 30").start();
        try {
            long zombie = Long.parseLong(new java.io.BufferedReader(new java.io.InputStreamReader(parent.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine().trim());
            Path stat = Path.of("/proc", Long.toString(zombie), "stat");
            for (int i = 0; i < 500 && !java.nio.file.Files.readString(stat).matches("(?s).*\\) Z .*"); i++) {
                Thread.sleep(10);
            }
            assertThat(java.nio.file.Files.readString(stat)).as("the zombie's stat").matches("(?s).*\\) Z .*");
            assertThat(ProcessHandle.of(zombie).map(ProcessHandle::isAlive)).as("the JDK calls a zombie alive").contains(true);
            WorkerRegistry workers = registry();
            WorkerRecord w = spawn(workers, 1);
            w.ownerPid = zombie;
            assertThat(workers.ownerAlive(w)).isFalse();
            w.ownerPid = parent.pid();
            assertThat(workers.ownerAlive(w)).isTrue();
        } finally {
            parent.destroyForcibly().waitFor();
        }
    }
}
