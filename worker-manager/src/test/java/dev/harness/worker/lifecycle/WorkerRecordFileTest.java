package dev.harness.worker.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.api.worker.FailureClass;
import dev.harness.api.worker.WorkerEventKind;
import dev.harness.api.worker.WorkerSnapshot;
import dev.harness.api.worker.WorkerState;
import dev.harness.protocol.Contract;
import dev.harness.protocol.Json;
import org.junit.jupiter.api.Test;

/** A worker's record file read back, as this build writes it and as the build before the typed snapshot wrote it. */
class WorkerRecordFileTest {
    private static final Contract WORKERS = Contract.load("worker-manager");

    /** What the build before the typed snapshot wrote for a worker that failed once and waits for a decision. */
    private static final String EARLIER = """
            {"worker_id":"worker_1_2","task_id":"a","plan_id":"p1","state":"failed",
             "task_packet":{"id":"a","objective":"Do a","scope":"module","scope_path":"src/a","acceptance_tests":["make test"]},
             "packet_digest":"x","workspace":"/w","scope_path":"src/a","agent":"none","attempts":2,
             "escalation_required":true,"failure_class":"logic_error",
             "evidence":{"source":"acceptance_test","detail":"make test exited 2","exit_code":2},
             "failure_summary":"make test exited 2","workdir":"/w/src/a","base_refs":["harness/r/b"],
             "acceptance":[],"logs":[],
             "attempt_history":[
               {"attempt":1,"started_at":"2026-01-01T00:00:00.000Z","ended_at":"2026-01-01T00:00:01.000Z",
                "log_dir":"/l/1","agent":{"command":"claude","exit_code":0,"timed_out":false,"duration_ms":9},
                "agent_log":"/l/1/agent.log","acceptance":[{"index":0,"command":"make test","exit_code":2,"passed":false,
                "timed_out":false,"duration_ms":40,"output_tail":"FAIL","log":"/l/1/test-0.log"}],
                "outcome":"failed","failure_class":"logic_error","a_field_from_that_build":{"kept":"no"}},
               {"attempt":"second: a damaged entry"},
               {"attempt":3,"started_at":"2026-01-01T00:00:02.000Z","ended_at":"2026-01-01T00:00:03.000Z",
                "log_dir":"/l/3","acceptance":[{"index":0,"command":"make test","exit_code":null,"passed":false,
                "timed_out":true,"duration_ms":600000,"log":"/l/3/test-0.log"}],"outcome":"failed",
                "failure_class":"transient"}],
             "created_at":"2026-01-01T00:00:00.000Z","updated_at":"2026-01-01T00:00:03.000Z",
             "started_at":"2026-01-01T00:00:00.000Z","ended_at":"2026-01-01T00:00:03.000Z","duration_ms":3000,
             "event_count":2,
             "events":[{"event_id":"worker_1_2:0","kind":"spawning","worker_id":"worker_1_2","timestamp":1767225600,
                        "time":"2026-01-01T00:00:00.000Z","seq":0,"state":"spawning","task_id":"a",
                        "payload":{"workspace":"/w","scope_path":"src/a","agent":"none","packet_digest":"x"}},
                       {"event_id":"worker_1_2:1","kind":"failed","worker_id":"worker_1_2","timestamp":1767225603,
                        "time":"2026-01-01T00:00:03.000Z","seq":1,"state":"failed","task_id":"a","attempt":3,
                        "payload":{"from":"running","to":"failed","reason":"make test exited 2"}}],
             "record_version":1,"scope_existed":true,"seq":2,"dropped_events":0,
             "auto_retries":{"logic_error":1},"human_retries":{},"owner_pid":1,"owner_instance":"gone"}
            """;

    @Test
    void anEarlierBuildsRecordReadsIntoTheTypedSnapshot() throws Exception {
        WorkerRecord record = WorkerRecord.fromDisk(Json.parse(EARLIER));
        WorkerSnapshot snapshot = record.snapshot(true);

        assertThat(snapshot.state()).isEqualTo(WorkerState.FAILED);
        assertThat(snapshot.failureClass()).isEqualTo(FailureClass.LOGIC_ERROR);
        assertThat(snapshot.awaitsDecision()).isTrue();
        assertThat(snapshot.baseRefs()).containsExactly("harness/r/b");
        // the damaged entry is left out; the others keep their attempt numbers
        assertThat(snapshot.attemptHistory()).extracting(h -> h.get("attempt").asInt()).containsExactly(1, 3);
        assertThat(snapshot.acceptance()).singleElement().satisfies(t -> {
            assertThat(t.timedOut()).isTrue();
            assertThat(t.exitCode()).isNull();
        });
        assertThat(snapshot.logs()).containsExactly("/l/1/agent.log", "/l/1/test-0.log", "/l/3/test-0.log");
        assertThat(snapshot.events()).extracting(e -> e.kind()).containsExactly(WorkerEventKind.SPAWNING, WorkerEventKind.FAILED);
        assertThat(record.retriesUsed(record.autoRetries, FailureClass.LOGIC_ERROR)).isEqualTo(1);

        JsonNode wire = Json.toNode(snapshot);
        assertThat(WORKERS.resultSchema("get_worker").validate(wire)).isEmpty();
        assertThat(wire.at("/acceptance/0/exit_code").isNull()).as("a test that did not exit says so").isTrue();
    }

    @Test
    void aSnapshotWritesFailureClassAsNullWhileNothingFailed() throws Exception {
        ObjectNode fresh = (ObjectNode) Json.parse(EARLIER);
        fresh.put("state", "ready_for_prompt").putNull("failure_class");
        fresh.remove(java.util.List.of("failure_summary", "evidence", "escalation_required"));
        JsonNode wire = Json.toNode(WorkerRecord.fromDisk(fresh).snapshot(false));
        assertThat(wire.has("failure_class")).isTrue();
        assertThat(wire.get("failure_class").isNull()).isTrue();
        assertThat(wire.has("events")).as("events only when asked").isFalse();
        assertThat(wire.has("timed_out")).isFalse();
    }

    @Test
    void whatThisBuildWritesReadsBackTheSame() throws Exception {
        WorkerRecord record = WorkerRecord.fromDisk(Json.parse(EARLIER));
        ObjectNode written = record.toDisk();
        ObjectNode again = WorkerRecord.fromDisk(written).toDisk();
        assertThat(again).isEqualTo(written);
        assertThat(written.get("record_version").asInt()).isEqualTo(1);
        assertThat(written.at("/auto_retries/logic_error").asInt()).isEqualTo(1);
        assertThat(written.has("budget")).as("no budget, no field").isFalse();
        assertThat(written.at("/events/1/attempt").asInt()).isEqualTo(3);
    }
}
