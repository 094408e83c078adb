package dev.harness.orchestrator.runlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.api.run.LoggedEvent;
import dev.harness.api.run.RunEvent;
import dev.harness.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class EventLogTest {
    private static final RunEvent STARTED = new RunEvent.RunStarted("add dark mode", "/ws", null);
    private static final RunEvent PLAN = new RunEvent.PlanCreated("p1", null, null, null, null, null);
    private static final RunEvent RESUMED = new RunEvent.RunResumed(null, null, null);
    @TempDir
    Path stateDir;

    private RunDirectory run() {
        return RunDirectory.create(stateDir, "20261123-011500-a1b2");
    }

    @Test
    void appendsOneCompactLineWithSeqTimeKindRunIdThenDetails() throws Exception {
        RunDirectory dir = run();
        Clock clock = Clock.fixed(Instant.parse("2026-11-23T01:15:00.042Z"), ZoneOffset.UTC);
        try (EventLog log = EventLog.open(dir, clock, false)) {
            LoggedEvent written = log.append(new RunEvent.TaskStarted("t1", "w-1", 1));
            assertThat(written.seq()).isEqualTo(1);
            assertThat(written.time()).isEqualTo("2026-11-23T01:15:00.042Z");
        }
        List<String> lines = Files.readAllLines(dir.eventsFile());
        assertThat(lines).containsExactly("{\"seq\":1,\"time\":\"2026-11-23T01:15:00.042Z\",\"kind\":\"task_started\","
                + "\"run_id\":\"20261123-011500-a1b2\",\"task_id\":\"t1\",\"worker_id\":\"w-1\",\"attempt\":1}");
    }

    @Test
    void eachAppendIsOnDiskBeforeAppendReturns() throws Exception {
        RunDirectory dir = run();
        try (EventLog log = EventLog.open(dir)) {
            log.append(new RunEvent.RunStarted("add dark mode", null, null));
            // read through a separate path while the log is still open: nothing is held back in a buffer
            assertThat(EventLogReader.readAll(dir.eventsFile())).hasSize(1);
            log.append(PLAN);
            assertThat(EventLogReader.readAll(dir.eventsFile())).extracting(LoggedEvent::kind)
                    .containsExactly("run_started", "plan_created");
        }
    }

    @Test
    void seqContinuesAcrossReopen() {
        RunDirectory dir = run();
        try (EventLog log = EventLog.open(dir)) {
            log.append(STARTED);
            log.append(PLAN);
        }
        try (EventLog log = EventLog.open(RunDirectory.open(stateDir, dir.runId()))) {
            assertThat(log.lastSeq()).isEqualTo(2);
            assertThat(log.append(RESUMED).seq()).isEqualTo(3);
        }
        assertThat(EventLogReader.readAll(dir.eventsFile())).extracting(LoggedEvent::seq)
                .containsExactly(1L, 2L, 3L);
    }

    @Test
    @Timeout(60)
    void concurrentAppendsProduceWholeLinesWithUniqueSeq() throws Exception {
        RunDirectory dir = run();
        int threads = 8;
        int perThread = 250;
        List<Long> seen = Collections.synchronizedList(new ArrayList<>());
        try (EventLog log = EventLog.open(dir)) {
            log.addListener(e -> seen.add(e.get("seq").asLong()));
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        log.append(new RunEvent.Unknown("worker_note", Json.object().put("thread", thread).put("i", i)
                                .put("filler", "x".repeat(200 + i))));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(50, TimeUnit.SECONDS);
            }
            pool.shutdown();
        }
        List<LoggedEvent> events = EventLogReader.readAll(dir.eventsFile()); // strict: every line whole
        assertThat(events).hasSize(threads * perThread);
        Set<Long> seqs = new HashSet<>();
        events.forEach(e -> seqs.add(e.seq()));
        assertThat(seqs).hasSize(threads * perThread);
        assertThat(events.get(events.size() - 1).seq()).isEqualTo(threads * perThread);
        // listeners see the events in seq order
        List<Long> sorted = new ArrayList<>(seen);
        Collections.sort(sorted);
        assertThat(seen).isEqualTo(sorted).hasSize(threads * perThread);
        // every (thread, i) pair arrived exactly once
        Set<String> pairs = new HashSet<>();
        events.forEach(e -> {
            ObjectNode fields = ((RunEvent.Unknown) e.event()).fields();
            pairs.add(fields.get("thread").asInt() + ":" + fields.get("i").asInt());
        });
        assertThat(pairs).hasSize(threads * perThread);
    }

    @Test
    void listenersGetTheWrittenEventAndAFailingListenerDoesNotStopTheLog() {
        RunDirectory dir = run();
        List<JsonNode> got = new ArrayList<>();
        try (EventLog log = EventLog.open(dir)) {
            log.addListener(e -> {
                throw new IllegalStateException("listener bug");
            });
            log.addListener(got::add);
            log.append(new RunEvent.RunStarted("x", null, null));
        }
        assertThat(got).hasSize(1);
        assertThat(got.get(0).get("kind").asText()).isEqualTo("run_started");
        assertThat(got.get(0).get("run_id").asText()).isEqualTo(dir.runId());
        assertThat(EventLogReader.readAll(dir.eventsFile())).hasSize(1);
    }

    @Test
    void refusesReservedFieldsAndBadKinds() {
        try (EventLog log = EventLog.open(run())) {
            assertThatThrownBy(() -> log.append(new RunEvent.Unknown("worker_note", Json.object().put("seq", 7))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'seq'");
            assertThatThrownBy(() -> log.append(new RunEvent.Unknown("Task Started", null)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("snake_case");
            assertThat(log.lastSeq()).isZero();
        }
    }

    @Test
    void appendAfterCloseIsRefused() {
        EventLog log = EventLog.open(run());
        log.close();
        assertThatThrownBy(() -> log.append(STARTED)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSecondWriterOnTheSameRunIsRefused() {
        RunDirectory dir = run();
        try (EventLog log = EventLog.open(dir)) {
            log.append(STARTED);
            assertThatThrownBy(() -> EventLog.open(dir)).isInstanceOf(RunLogException.class)
                    .hasMessageContaining(dir.runId()).hasMessageContaining("already open");
        }
        try (EventLog again = EventLog.open(dir)) { // released on close
            assertThat(again.lastSeq()).isEqualTo(1);
        }
    }

    @Test
    void reopeningAfterATornWriteSetsTheFragmentAsideAndContinues() throws Exception {
        RunDirectory dir = run();
        try (EventLog log = EventLog.open(dir)) {
            log.append(STARTED);
            log.append(new RunEvent.TaskStarted("t1", null, null));
        }
        // what a SIGKILL in the middle of a write leaves: part of a line, no newline
        Files.writeString(dir.eventsFile(), "{\"seq\":3,\"time\":\"2026-11-23T01:1", StandardOpenOption.APPEND);
        assertThatThrownBy(() -> EventLogReader.readAll(dir.eventsFile()))
                .isInstanceOf(CorruptLogException.class);

        try (EventLog log = EventLog.open(dir)) {
            LoggedEvent next = log.append(RESUMED);
            assertThat(next.seq()).isEqualTo(4); // 3 is the repair note
        }
        List<LoggedEvent> events = EventLogReader.readAll(dir.eventsFile()); // strict again
        assertThat(events).extracting(LoggedEvent::kind)
                .containsExactly("run_started", "task_started", "log_repaired", "run_resumed");
        assertThat(events.get(2).event()).isInstanceOfSatisfying(RunEvent.LogRepaired.class,
                repaired -> assertThat(repaired.line()).isEqualTo(3));
        Path torn = dir.path().resolve("events.jsonl.torn");
        assertThat(Files.readString(torn)).isEqualTo("{\"seq\":3,\"time\":\"2026-11-23T01:1\n");
    }

    @Test
    void aCompleteLastLineWithoutNewlineIsKeptAndNotGluedToTheNext() throws Exception {
        RunDirectory dir = run();
        Files.writeString(dir.eventsFile(),
                "{\"seq\":1,\"time\":\"2026-11-23T01:15:00.000Z\",\"kind\":\"run_started\",\"run_id\":\"x\"}",
                StandardCharsets.UTF_8);
        try (EventLog log = EventLog.open(dir)) {
            log.append(PLAN);
        }
        assertThat(EventLogReader.readAll(dir.eventsFile())).extracting(LoggedEvent::seq)
                .containsExactly(1L, 2L);
    }

    @Test
    void aCorruptLineInTheMiddleRefusesAppending() throws Exception {
        RunDirectory dir = run();
        try (EventLog log = EventLog.open(dir)) {
            log.append(STARTED);
        }
        Files.writeString(dir.eventsFile(), "garbage\n", StandardOpenOption.APPEND);
        assertThatThrownBy(() -> EventLog.open(dir)).isInstanceOf(CorruptLogException.class)
                .hasMessageContaining(":2:");
        assertThat(Files.readAllLines(dir.eventsFile())).hasSize(2); // untouched
        try (EventLog unlocked = EventLog.open(RunDirectory.create(stateDir, "other"))) {
            assertThat(unlocked.lastSeq()).isZero();
        }
    }
}
