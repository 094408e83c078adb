package dev.harness.orchestrator.runlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.api.run.Gate;
import dev.harness.api.run.RunEventCodec;
import dev.harness.api.run.RunStatus;
import dev.harness.api.run.TaskStatus;
import dev.harness.api.run.TaskVerification;
import dev.harness.api.worker.ApprovalSource;
import dev.harness.api.worker.FailureClass;
import dev.harness.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs written through the real EventLog, then rebuilt from the file alone, as resume does. */
class RunStateTest {
    @TempDir
    Path stateDir;

    private RunDirectory dir;
    private EventLog log;
    private final ArrayNode plan = Plans.chain();

    @BeforeEach
    void start() {
        dir = RunDirectory.create(stateDir, "20261123-011500-a1b2");
        log = EventLog.open(dir);
    }

    private RunState rebuilt() {
        log.close();
        return RunState.rebuild(EventLogReader.readAll(dir.eventsFile()));
    }

    private void e(String kind, ObjectNode details) {
        log.append(RunEventCodec.decode(kind, details));
    }

    private static ObjectNode o() {
        return Json.object();
    }

    private void approvedPlan() {
        ObjectNode options = o().put("jobs", 1).put("agent", "none").put("keep_going", false);
        e("run_started", o().put("objective", "add dark mode").put("workspace", "/ws").set("options", options));
        String digest = PlanDigest.of(plan);
        e("plan_created", o().put("plan_id", "p1").put("objective", "add dark mode").put("digest", digest)
                .put("planner", "built_in").<ObjectNode>set("packets", plan).set("warnings", Json.array().add("only 4 tasks")));
        e("gate_approval_requested", o().put("gate", "plan").put("digest", digest));
        e("gate_approved", o().put("gate", "plan").put("digest", digest).put("approver", "ada")
                .put("source", "cli_flag").put("comment", "--yes"));
    }

    private void started(String task, String worker, int attempt) {
        e("task_started", o().put("task_id", task).put("worker_id", worker).put("attempt", attempt));
    }

    private void completed(String task, String worker) {
        e("task_completed", o().put("task_id", task).put("worker_id", worker).put("duration_ms", 3200)
                .put("branch", "harness/" + task).put("commit", "abc123" + task));
    }

    /** The run's start and last event are the first and the last time that parse; a line without one is passed over. */
    @Test
    void startAndLastEventAreTheFirstAndLastTimesThatParse() {
        List<String> times = List.of("t", "2026-11-30T01:00:00Z", "later", "2026-11-30T01:05:00.5Z", "2026-11-30T01:04:00Z", "");
        List<dev.harness.api.run.LoggedEvent> events = new java.util.ArrayList<>();
        for (int i = 0; i < times.size(); i++) {
            events.add(new dev.harness.api.run.LoggedEvent(i + 1, times.get(i), "r",
                    new dev.harness.api.run.RunEvent.TaskSkipped("t1", "r", null)));
        }
        RunState state = RunState.rebuild(events);
        assertThat(state.startedAt()).contains(java.time.Instant.parse("2026-11-30T01:00:00Z"));
        assertThat(state.lastEventAt()).contains(java.time.Instant.parse("2026-11-30T01:04:00Z"));
        RunState none = RunState.rebuild(events.subList(0, 1));
        assertThat(none.startedAt()).isEmpty();
        assertThat(none.lastEventAt()).isEmpty();
        assertThat(RunState.rebuild(List.of()).startedAt()).isEmpty();
    }

    /** A packet's outline is read without databind when plain, else by databind: the same either way. */
    @Test
    void aPacketsOutlineIsWhatDatabindReads() throws Exception {
        String[] packets = {
            "{\"id\":\"t1\",\"title\":\"T\",\"objective\":\"o\",\"depends_on\":[\"t0\"],\"files\":[\"a\",3],\"scope\":\"x\"}",
            "{\"id\":\"t1\"}",
            "{\"id\":5,\"title\":true}",
            "{\"id\":\"t1\",\"files\":null,\"depends_on\":null}",
            "{\"id\":\"t1\",\"depends_on\":[\"t0\",7]}",
        };
        for (String text : packets) {
            com.fasterxml.jackson.databind.JsonNode packet = Json.parse(text);
            assertThat(RunState.outline(packet)).as(text).isEqualTo(Json.convert(packet, RunState.PacketOutline.class));
        }
        for (String refused : new String[] {"[]", "\"t1\"", "{\"depends_on\":{}}"}) {
            com.fasterxml.jackson.databind.JsonNode packet = Json.parse(refused);
            Throwable expected = org.assertj.core.api.Assertions.catchThrowable(
                    () -> Json.convert(packet, RunState.PacketOutline.class));
            assertThat(expected).as(refused).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> RunState.outline(packet)).as(refused)
                    .isInstanceOf(IllegalArgumentException.class).hasMessage(expected.getMessage());
        }
    }

    @Test
    void eachTaskCarriesTheFilesItsPacketListsAndAnOlderOrOddPacketNone() {
        ((ObjectNode) plan.get(0)).putArray("files").add("src/t1/theme.js").add("test/theme.test.js");
        ((ObjectNode) plan.get(1)).put("files", "src/t2/toggle.js"); // not a list: read as none, the task stays
        approvedPlan();
        RunState state = rebuilt();
        assertThat(state.task("t1").orElseThrow().files()).containsExactly("src/t1/theme.js", "test/theme.test.js");
        assertThat(state.task("t2").orElseThrow().files()).isEmpty();
        assertThat(state.task("t3").orElseThrow().files()).isEmpty();
        assertThat(Json.toNode(state.task("t1").orElseThrow()).get("files").toString())
                .isEqualTo("[\"src/t1/theme.js\",\"test/theme.test.js\"]");
    }

    /** resume keeps the run's own --keep-worktrees and --setup: they must survive the log (they were dropped once) */
    @Test
    void theRunsKeepWorktreesAndSetupChoicesAreReadBackForResume() {
        ObjectNode options = o().put("jobs", 2).put("agent", "none").put("keep_going", true)
                .put("keep_worktrees", true).put("setup", "npm ci --ignore-scripts");
        e("run_started", o().put("objective", "add dark mode").put("workspace", "/ws").set("options", options));
        RunState state = rebuilt();

        assertThat(state.options().get("keep_worktrees").asBoolean()).isTrue();
        assertThat(state.options().get("setup").asText()).isEqualTo("npm ci --ignore-scripts");
        assertThat(state.options().get("jobs").asInt()).isEqualTo(2);
    }

    @Test
    void anApprovedRunWithCompletedTasks() {
        approvedPlan();
        started("t1", "w-1", 1);
        completed("t1", "w-1");
        started("t4", "w-4", 1);
        completed("t4", "w-4");
        RunState state = rebuilt();

        assertThat(state.runId()).isEqualTo("20261123-011500-a1b2");
        assertThat(state.objective()).isEqualTo("add dark mode");
        assertThat(state.workspace()).isEqualTo("/ws");
        assertThat(state.options().get("jobs").asInt()).isEqualTo(1);
        assertThat(state.planId()).isEqualTo("p1");
        assertThat(state.planWarnings()).containsExactly("only 4 tasks");
        assertThat(state.packets()).isEqualTo(plan);
        assertThat(state.planDigest()).isEqualTo(PlanDigest.of(plan)).isEqualTo(state.recordedPlanDigest());
        assertThat(state.approvedDigest()).isEqualTo(state.planDigest());
        assertThat(state.approvalHolds()).isTrue();
        assertThat(state.planApproval()).get().satisfies(a -> {
            assertThat(a.approver()).isEqualTo("ada");
            assertThat(a.source()).isEqualTo(ApprovalSource.CLI_FLAG);
            assertThat(a.time()).isNotNull();
        });
        assertThat(state.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(state.completedCount()).isEqualTo(2);
        assertThat(state.failedCount()).isZero();
        assertThat(state.task("t1")).get().satisfies(t -> {
            assertThat(t.status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(t.branch()).isEqualTo("harness/t1");
            assertThat(t.commit()).isEqualTo("abc123t1");
            assertThat(t.durationMs()).isEqualTo(3200L);
            assertThat(t.attempts()).isEqualTo(1);
        });
        assertThat(state.tasksToRun()).containsExactly("t2", "t3");
        assertThat(state.interruptedTasks()).isEmpty();
        assertThat(state.anomalies()).isEmpty();
    }

    @Test
    void aCompleteRunHasNothingToRun() {
        approvedPlan();
        for (String t : List.of("t1", "t2", "t3", "t4")) {
            started(t, "w-" + t, 1);
            completed(t, "w-" + t);
        }
        e("execution_complete", o().put("completed", 4).put("failed", 0).put("skipped", 0).put("status", "completed"));
        RunState state = rebuilt();
        assertThat(state.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(state.executionComplete()).isTrue();
        assertThat(state.tasksToRun()).isEmpty();
    }

    private void used(String task, String worker, int attempt, Double cost, long in, long out, long cacheRead, int turns) {
        ObjectNode payload = o().put("attempt", attempt).put("source", "claude_result").put("input_tokens", in)
                .put("output_tokens", out).put("cache_read_tokens", cacheRead).put("num_turns", turns);
        if (cost != null) {
            payload.put("cost_usd", cost);
        }
        ObjectNode line = o().put("worker_id", worker).put("worker_event_id", worker + ":" + (10 + attempt))
                .put("state", "running").put("attempt", attempt);
        if (task != null) {
            line.put("task_id", task);
        }
        e("usage_recorded", line.set("payload", payload));
    }

    @Test
    void usageIsSummedPerTaskAndPerRunRetriesIncluded() {
        approvedPlan();
        started("t1", "w-1", 1);
        used("t1", "w-1", 1, 0.0421, 12, 340, 9000, 3);
        used(null, "w-1", 2, 0.0100, 5, 60, 0, 1); // no task_id: the worker names the task
        completed("t1", "w-1");
        started("t4", "w-4", 1);
        used("t4", "w-4", 1, null, 1000, 200, 300, 2); // codex: tokens, no cost
        RunState state = rebuilt();

        assertThat(state.task("t1").orElseThrow().usage())
                .isEqualTo(new dev.harness.api.worker.UsageTotal(0.0521, 17, 400, 9000, 0, 4, 2));
        assertThat(state.task("t4").orElseThrow().usage().costUsd()).isNull();
        assertThat(state.task("t4").orElseThrow().usage().tokens()).isEqualTo(1200);
        assertThat(state.task("t2").orElseThrow().usage().isEmpty()).isTrue();
        assertThat(state.usage()).isEqualTo(new dev.harness.api.worker.UsageTotal(0.0521, 1017, 600, 9300, 0, 6, 3));
        assertThat(state.usage().describe())
                .isEqualTo("$0.0521, 1617 tokens (1017 in, 600 out, 9300 cache read), 6 turns, 3 attempts");
        assertThat(state.task("t1").orElseThrow().attempts()).isEqualTo(2);
    }

    @Test
    void aFailureWithAPendingEscalation() {
        approvedPlan();
        started("t1", "w-1", 1);
        completed("t1", "w-1");
        started("t2", "w-2", 1);
        e("failure_classified", o().put("task_id", "t2").put("worker_id", "w-2").put("worker_event_id", "ev-9")
                .put("state", "running").put("attempt", 1).set("payload", o().put("failure_class", "permission")));
        e("recovery_attempted", o().put("task_id", "t2").put("worker_id", "w-2").put("attempt", 2));
        e("task_failed", o().put("task_id", "t2").put("worker_id", "w-2").put("failure_class", "permission")
                .put("reason", "permission denied: src/theme").put("escalation_required", true));
        e("task_skipped", o().put("task_id", "t3").put("reason", "dependency t2 failed"));
        e("run_paused", o().put("status", "awaiting_decision").put("reason", "t2 needs a decision").put("task_id", "t2"));
        RunState state = rebuilt();

        assertThat(state.status()).isEqualTo(RunStatus.AWAITING_DECISION);
        assertThat(state.pauseReason()).contains("t2 needs a decision");
        assertThat(state.pendingEscalation()).contains(
                new Escalation("t2", "w-2", FailureClass.PERMISSION, "permission denied: src/theme"));
        TaskState t2 = state.task("t2").orElseThrow();
        assertThat(t2.status()).isEqualTo(TaskStatus.AWAITING_DECISION);
        assertThat(t2.attempts()).isEqualTo(2);
        assertThat(t2.failureClass()).isEqualTo(FailureClass.PERMISSION);
        assertThat(state.failedCount()).isEqualTo(1);
        assertThat(state.skippedCount()).isEqualTo(1);
        // t3 was skipped only because t2 failed: it runs again when t2 does
        assertThat(state.task("t3").orElseThrow().skippedByDecision()).isFalse();
        assertThat(state.tasksToRun()).containsExactly("t2", "t3", "t4");
    }

    @Test
    void decisionRetryPutsTheTaskBackAndClearsTheEscalation() {
        approvedPlan();
        started("t1", "w-1", 1);
        e("task_failed", o().put("task_id", "t1").put("worker_id", "w-1").put("failure_class", "unknown")
                .put("reason", "exit 3").put("escalation_required", true));
        e("decision_recorded", o().put("task_id", "t1").put("worker_id", "w-1").put("decision", "retry")
                .put("approver", "ada").put("source", "cli_flag"));
        RunState state = rebuilt();
        assertThat(state.pendingEscalation()).isEmpty();
        assertThat(state.task("t1").orElseThrow().status()).isEqualTo(TaskStatus.PENDING);
        assertThat(state.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(state.tasksToRun()).containsExactly("t1", "t2", "t3", "t4");
    }

    @Test
    void aLateCopyOfARetryDecisionDoesNotUndoTheRestart() {
        approvedPlan();
        started("t1", "w-1", 1);
        e("task_failed", o().put("task_id", "t1").put("worker_id", "w-1").put("failure_class", "permission")
                .put("reason", "denied").put("escalation_required", true));
        e("decision_recorded", o().put("task_id", "t1").put("worker_id", "w-1").put("decision", "retry"));
        started("t1", "w-1", 2);
        // the worker manager's own worker event for the same decision arrives after the restart
        e("decision_recorded", o().put("task_id", "t1").put("worker_id", "w-1").put("worker_event_id", "ev-3")
                .set("payload", o().put("decision", "retry").put("approver", "ada")));
        RunState state = rebuilt();
        assertThat(state.task("t1").orElseThrow().status()).isEqualTo(TaskStatus.RUNNING);
        assertThat(state.task("t1").orElseThrow().attempts()).isEqualTo(2);
    }

    @Test
    void stateRecordsSerialiseWithTheLogsSnakeCaseNames() {
        approvedPlan();
        started("t1", "w-1", 1);
        e("task_failed", o().put("task_id", "t1").put("worker_id", "w-1").put("failure_class", "unknown")
                .put("reason", "exit 3").put("escalation_required", true));
        RunState state = rebuilt();
        ObjectNode task = (ObjectNode) Json.toNode(state.task("t1").orElseThrow());
        assertThat(task.get("status").asText()).isEqualTo("awaiting_decision");
        assertThat(task.get("worker_id").asText()).isEqualTo("w-1");
        assertThat(task.get("failure_class").asText()).isEqualTo("unknown");
        assertThat(task.has("depends_on")).isTrue();
        ObjectNode escalation = (ObjectNode) Json.toNode(state.pendingEscalation().orElseThrow());
        assertThat(escalation.get("task_id").asText()).isEqualTo("t1");
    }

    @Test
    void decisionSkipIsFinalAndItsDependentsStaySkipped() {
        approvedPlan();
        started("t1", "w-1", 1);
        completed("t1", "w-1");
        started("t2", "w-2", 1);
        e("task_failed", o().put("task_id", "t2").put("worker_id", "w-2").put("failure_class", "unrecoverable")
                .put("reason", "exit 127: command not found").put("escalation_required", true));
        e("decision_recorded", o().put("task_id", "t2").put("worker_id", "w-2").put("decision", "skip")
                .put("approver", "ada").put("source", "human_tty"));
        e("task_skipped", o().put("task_id", "t3").put("reason", "dependency t2 was skipped"));
        RunState state = rebuilt();

        TaskState t2 = state.task("t2").orElseThrow();
        assertThat(t2.status()).isEqualTo(TaskStatus.SKIPPED);
        assertThat(t2.skippedByDecision()).isTrue();
        assertThat(t2.lastReason()).contains("ada");
        assertThat(state.skippedCount()).isEqualTo(2);
        assertThat(state.pendingEscalation()).isEmpty();
        assertThat(state.tasksToRun()).containsExactly("t4");
    }

    @Test
    void theSkipCauseDecidesWhetherASkipStands() {
        approvedPlan();
        // t4 has no dependencies: only its cause tells a skip by policy from one by a dependency
        e("task_skipped", o().put("task_id", "t4").put("reason", "escalation policy: skip").put("cause", "policy"));
        started("t1", "w-1", 1);
        e("task_failed", o().put("task_id", "t1").put("worker_id", "w-1").put("failure_class", "logic_error")
                .put("reason", "2 tests failed").put("escalation_required", false));
        e("task_skipped", o().put("task_id", "t2").put("reason", "dependency t1 failed").put("cause", "dependency"));
        e("task_skipped", o().put("task_id", "t3").put("reason", "dependency t2 skipped").put("cause", "dependency"));
        RunState state = rebuilt();
        assertThat(state.task("t4").orElseThrow().skippedByDecision()).isTrue();
        assertThat(state.task("t2").orElseThrow().skippedByDecision()).isFalse();
        assertThat(state.tasksToRun()).containsExactly("t1", "t2", "t3");
    }

    /** A verifying task held back by a merge conflict is postponed, not skipped: still to run, and said so. */
    @Test
    void aTaskPostponedBehindAConflictIsStillToRunAndNotCountedAsSkipped() {
        approvedPlan();
        e("task_skipped", o().put("task_id", "t4").put("reason", "the work of t2 conflicts in a.js; it is sent back to its agent first")
                .put("cause", "postponed"));
        RunState state = rebuilt();
        TaskState t4 = state.task("t4").orElseThrow();
        assertThat(t4.status()).isEqualTo(TaskStatus.PENDING);
        assertThat(t4.lastReason()).isEqualTo("postponed: the work of t2 conflicts in a.js; it is sent back to its agent first");
        assertThat(t4.skippedByDecision()).isFalse();
        assertThat(state.skippedCount()).isZero();
        assertThat(state.tasksToRun()).contains("t4");
    }

    @Test
    void decisionAbortEndsTheRun() {
        approvedPlan();
        started("t1", "w-1", 1);
        e("task_failed", o().put("task_id", "t1").put("worker_id", "w-1").put("failure_class", "unknown")
                .put("reason", "?").put("escalation_required", true));
        e("decision_recorded", o().put("task_id", "t1").put("decision", "abort").put("approver", "ada"));
        RunState state = rebuilt();
        assertThat(state.status()).isEqualTo(RunStatus.ABORTED);
        assertThat(state.task("t1").orElseThrow().status()).isEqualTo(TaskStatus.FAILED);
        assertThat(state.pendingEscalation()).isEmpty();
    }

    @Test
    void aTaskStartedWhenTheOrchestratorWasKilledIsInterruptedAndRunsAgain() throws Exception {
        approvedPlan();
        started("t1", "w-1", 1);
        completed("t1", "w-1");
        started("t2", "w-2", 1);
        e("running", o().put("task_id", "t2").put("worker_id", "w-2").put("state", "running").put("attempt", 1));
        log.close();
        // SIGKILL mid-write: the log ends with half a line
        Files.writeString(dir.eventsFile(), "{\"seq\":9,\"time\":\"2026-11-23T01:2", StandardOpenOption.APPEND);

        RunState state = RunState.rebuild(EventLogReader.readAll(dir.eventsFile(), true));
        assertThat(state.interruptedTasks()).containsExactly("t2");
        TaskState t2 = state.task("t2").orElseThrow();
        assertThat(t2.interrupted()).isTrue();
        assertThat(t2.status()).isEqualTo(TaskStatus.RUNNING);
        assertThat(t2.workerId()).isEqualTo("w-2");
        assertThat(state.tasksToRun()).containsExactly("t2", "t3", "t4").doesNotContain("t1");
        assertThat(state.approvalHolds()).isTrue();
    }

    /** Ctrl-C stops the worker and logs run_interrupted: status, runs and the dashboard must not call the task running */
    @Test
    void aTaskRunningWhenTheRunWasInterruptedReadsInterruptedUntilItStartsAgain() {
        approvedPlan();
        started("t1", "w-1", 1);
        e("run_interrupted", o().put("signal", "SIGINT").put("reason", "interrupted by SIGINT")
                .set("running_tasks", Json.array().add("t1")));
        RunState state = rebuilt();

        assertThat(state.status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(state.task("t1").orElseThrow().status()).isEqualTo(TaskStatus.INTERRUPTED);
        assertThat(state.tasks().get(0).status()).isEqualTo(TaskStatus.INTERRUPTED);
        assertThat(state.task("t2").orElseThrow().status()).isEqualTo(TaskStatus.PENDING);
        assertThat(state.interruptedTasks()).containsExactly("t1");
        assertThat(state.tasksToRun()).startsWith("t1");

        log = EventLog.open(dir);
        e("run_resumed", o());
        started("t1", "w-2", 2);
        assertThat(rebuilt().task("t1").orElseThrow().status()).isEqualTo(TaskStatus.RUNNING);
    }

    @Test
    void aWorkerThatFinishedBeforeTheKillCountsAsCompleted() {
        approvedPlan();
        started("t1", "w-1", 1);
        e("finished", o().put("task_id", "t1").put("worker_id", "w-1").put("state", "finished")
                .set("payload", o().put("commit", "c0ffee")));
        RunState state = rebuilt(); // killed before task_completed was logged
        assertThat(state.task("t1").orElseThrow().status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(state.task("t1").orElseThrow().commit()).isEqualTo("c0ffee");
        assertThat(state.tasksToRun()).doesNotContain("t1");
    }

    @Test
    void workerEventsWithoutATaskIdAreMatchedThroughTheirWorker() {
        approvedPlan();
        started("t1", "w-1", 1);
        e("recovery_attempted", o().put("worker_id", "w-1").put("attempt", 2));
        e("finished", o().put("worker_id", "w-1").put("state", "finished"));
        TaskState t1 = rebuilt().task("t1").orElseThrow();
        assertThat(t1.attempts()).isEqualTo(2);
        assertThat(t1.status()).isEqualTo(TaskStatus.COMPLETED);
    }

    @Test
    void aModifiedPlanHasANewDigestAndNeedsANewApproval() {
        e("run_started", o().put("objective", "add dark mode"));
        String first = PlanDigest.of(plan);
        e("plan_created", o().put("plan_id", "p1").put("digest", first).set("packets", plan));
        e("gate_approval_requested", o().put("gate", "plan").put("digest", first));
        ArrayNode edited = plan.deepCopy();
        ((ObjectNode) edited.get(1)).put("title", "Add a theme toggle to the header");
        String second = PlanDigest.of(edited);
        e("gate_modified", o().put("gate", "plan").put("digest", second).put("approver", "ada")
                .put("source", "human_tty").put("comment", "edited").set("packets", edited));
        RunState modified = RunState.rebuild(EventLogReader.readAll(dir.eventsFile()));
        assertThat(second).isNotEqualTo(first);
        assertThat(modified.planDigest()).isEqualTo(second);
        assertThat(modified.task("t2").orElseThrow().title()).isEqualTo("Add a theme toggle to the header");
        assertThat(modified.status()).isEqualTo(RunStatus.AWAITING_APPROVAL);
        assertThat(modified.approvalHolds()).isFalse();

        e("gate_approved", o().put("gate", "plan").put("digest", second).put("approver", "ada").put("source", "human_tty"));
        RunState approved = rebuilt();
        assertThat(approved.approvalHolds()).isTrue();
        assertThat(approved.status()).isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void anApprovalOfAnOlderDigestDoesNotHold() {
        e("run_started", o().put("objective", "x"));
        e("plan_created", o().put("digest", PlanDigest.of(plan)).set("packets", plan));
        ArrayNode other = plan.deepCopy();
        other.remove(3);
        e("gate_approved", o().put("gate", "plan").put("digest", PlanDigest.of(other)).put("approver", "ada"));
        assertThat(rebuilt().approvalHolds()).isFalse();
    }

    @Test
    void rejectionAndPauseForApproval() {
        e("run_started", o().put("objective", "x"));
        e("plan_created", o().put("digest", PlanDigest.of(plan)).set("packets", plan));
        e("gate_approval_requested", o().put("gate", "plan").put("digest", PlanDigest.of(plan)));
        e("run_paused", o().put("status", "awaiting_approval").put("reason", "no terminal and no --yes"));
        RunState paused = RunState.rebuild(EventLogReader.readAll(dir.eventsFile()));
        assertThat(paused.status()).isEqualTo(RunStatus.AWAITING_APPROVAL);
        assertThat(paused.approvalHolds()).isFalse();
        e("gate_rejected", o().put("gate", "plan").put("digest", PlanDigest.of(plan)).put("approver", "ada"));
        assertThat(rebuilt().status()).isEqualTo(RunStatus.REJECTED);
    }

    @Test
    void trustGateDecisionsAreRecordedButDoNotTouchThePlanApproval() {
        approvedPlan();
        e("gate_rejected", o().put("gate", "trust").put("digest", "d").put("approver", "policy").put("task_id", "t1"));
        RunState state = rebuilt();
        assertThat(state.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(state.approvalHolds()).isTrue();
        assertThat(state.approvals()).extracting(Approval::gate).containsExactly(Gate.PLAN, Gate.TRUST);
        assertThat(state.approvals().get(1).taskId()).isEqualTo("t1");
    }

    @Test
    void aFailedBootstrapFailsTheRun() {
        approvedPlan();
        e("bootstrap_phase_completed", o().put("phase", "cli_entry").put("success", true));
        e("bootstrap_phase_completed", o().put("phase", "system_prompt_fastpath").put("success", false));
        RunState state = rebuilt();
        assertThat(state.bootstrapPhases()).containsExactly(
                java.util.Map.entry("cli_entry", true), java.util.Map.entry("system_prompt_fastpath", false));
        assertThat(state.status()).isEqualTo(RunStatus.FAILED);
    }

    @Test
    void startingACompletedTaskAgainIsFlagged() {
        approvedPlan();
        started("t1", "w-1", 1);
        completed("t1", "w-1");
        started("t1", "w-9", 1);
        assertThat(rebuilt().anomalies()).singleElement().asString().contains("completed task t1 started again");
    }

    @Test
    void dependencyOrderFollowsTheGraphThenPlanOrder() {
        ArrayNode packets = Json.array();
        packets.add(Plans.packet("deploy", "Deploy", "build", "test"));
        packets.add(Plans.packet("test", "Test", "build"));
        packets.add(Plans.packet("docs", "Docs"));
        packets.add(Plans.packet("build", "Build"));
        e("plan_created", o().put("digest", PlanDigest.of(packets)).set("packets", packets));
        RunState state = rebuilt();
        assertThat(state.dependencyOrder()).containsExactly("docs", "build", "test", "deploy");
        assertThat(state.tasksToRun()).containsExactly("docs", "build", "test", "deploy");
    }

    @Test
    void unknownKindsAreIgnoredAndAnEmptyLogIsAPlannedRun() {
        e("something_new", o().put("task_id", "t1"));
        RunState state = rebuilt();
        assertThat(state.status()).isEqualTo(RunStatus.PLANNED);
        assertThat(state.tasks()).isEmpty();
        assertThat(state.eventCount()).isEqualTo(1);
        assertThat(RunState.rebuild(List.of()).tasksToRun()).isEmpty();
    }

    @Test
    void aRunningRunWhoseWriterIsGoneWasInterrupted() {
        approvedPlan();
        started("t1", "w-1", 1);
        RunState state = rebuilt();
        assertThat(state.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(state.status(true)).isEqualTo(RunStatus.RUNNING);
        assertThat(state.status(false)).isEqualTo(RunStatus.INTERRUPTED);
    }

    /** SIGKILL logs no run_interrupted: once the run reads interrupted, its running task must not read running */
    @Test
    void aKilledRunsRunningTaskReadsInterruptedWhereItsRunDoes() {
        approvedPlan();
        started("t1", "w-1", 1);
        completed("t1", "w-1");
        started("t2", "w-2", 1);
        RunState state = rebuilt();

        assertThat(state.tasks(RunStatus.INTERRUPTED)).extracting(TaskState::status)
                .containsExactly(TaskStatus.COMPLETED, TaskStatus.INTERRUPTED, TaskStatus.PENDING, TaskStatus.PENDING);
        assertThat(state.task("t2", RunStatus.INTERRUPTED).orElseThrow().status()).isEqualTo(TaskStatus.INTERRUPTED);
        // while its orchestrator still holds the writer lock it is running, as the log says
        assertThat(state.tasks(RunStatus.RUNNING)).extracting(TaskState::status)
                .containsExactly(TaskStatus.COMPLETED, TaskStatus.RUNNING, TaskStatus.PENDING, TaskStatus.PENDING);
        assertThat(state.task("t2", RunStatus.RUNNING).orElseThrow().status()).isEqualTo(TaskStatus.RUNNING);
        assertThat(state.tasksToRun()).startsWith("t2");
    }

    @Test
    void aSignalledRunSaysInterruptedUntilResumed() {
        approvedPlan();
        started("t1", "w-1", 1);
        e("run_interrupted", o().put("signal", "SIGINT").put("reason", "interrupted at the terminal"));
        assertThat(rebuilt().status(true)).isEqualTo(RunStatus.INTERRUPTED);
        log = EventLog.open(dir);
        e("run_resumed", o().put("from_status", "interrupted"));
        assertThat(rebuilt().status(true)).isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void waitingForTrustIsNotWaitingForThePlan() {
        approvedPlan();
        started("t1", "w-1", 1);
        e("run_paused", o().put("status", "awaiting_approval").put("reason", "the workspace needs trust").put("task_id", "t1"));
        RunState trust = rebuilt(); // logged as awaiting_approval (the trust gate's pause until now): shown as logged
        assertThat(trust.status()).isEqualTo(RunStatus.AWAITING_APPROVAL);
        assertThat(trust.status(false)).isEqualTo(RunStatus.AWAITING_APPROVAL); // waiting, not interrupted
        log = EventLog.open(dir);
        e("run_paused", o().put("status", "awaiting_trust").put("task_id", "t1"));
        assertThat(rebuilt().status(false)).isEqualTo(RunStatus.AWAITING_TRUST);
    }

    @Test
    void aRunWhoseOnlyStepWasPlanningWaitsForApproval() {
        approvedPlanWithoutApproval();
        e("run_paused", o().put("status", "awaiting_approval").put("reason", "no terminal"));
        assertThat(rebuilt().status(false)).isEqualTo(RunStatus.AWAITING_APPROVAL);
    }

    private void approvedPlanWithoutApproval() {
        e("run_started", o().put("objective", "add dark mode"));
        String digest = PlanDigest.of(plan);
        e("plan_created", o().put("plan_id", "p1").put("digest", digest).set("packets", plan));
        e("gate_approval_requested", o().put("gate", "plan").put("digest", digest));
    }

    @Test
    void aDecisionTheWorkerManagerTookByRecipeCountsAndAnEchoOfAPersonsDoesNotCountTwice() {
        approvedPlan();
        started("t1", "w-1", 1);
        // the recipe aborts: only the worker manager knows, and the orchestrator died before task_failed
        e("decision_recorded", o().put("task_id", "t1").put("worker_id", "w-1").put("worker_event_id", "w-1:9")
                .put("state", "failed").set("payload", o().put("decision", "abort").put("approver", "policy")
                        .put("source", "recipe")));
        RunState aborted = rebuilt();
        assertThat(aborted.status()).isEqualTo(RunStatus.ABORTED);
        assertThat(aborted.task("t1").orElseThrow().status()).isEqualTo(TaskStatus.FAILED);
    }

    @Test
    void theWorkersEchoOfAPersonsRetryDoesNotSendARestartedTaskBack() {
        approvedPlan();
        started("t1", "w-1", 1);
        e("task_failed", o().put("task_id", "t1").put("worker_id", "w-1").put("failure_class", "logic_error")
                .put("reason", "tests failed").put("escalation_required", true));
        e("decision_recorded", o().put("task_id", "t1").put("worker_id", "w-1").put("decision", "retry")
                .put("approver", "ada").put("source", "human_tty"));
        started("t1", "w-1", 2);
        e("decision_recorded", o().put("task_id", "t1").put("worker_id", "w-1").put("worker_event_id", "w-1:12")
                .set("payload", o().put("decision", "retry").put("approver", "ada").put("source", "human_decision")));
        RunState state = rebuilt();
        assertThat(state.task("t1").orElseThrow().status()).isEqualTo(TaskStatus.RUNNING);
        assertThat(state.task("t1").orElseThrow().attempts()).isEqualTo(2);
        assertThat(state.status()).isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void anExecutionThatEndedWithSkipsOrByASignalSaysSo() {
        approvedPlan();
        e("execution_complete", o().put("completed", 3).put("failed", 0).put("skipped", 1).put("status", "completed_with_skips"));
        assertThat(rebuilt().status()).isEqualTo(RunStatus.COMPLETED_WITH_SKIPS);
        log = EventLog.open(dir);
        e("run_completed", o().put("status", "interrupted").put("reason", "SIGTERM"));
        assertThat(rebuilt().status()).isEqualTo(RunStatus.INTERRUPTED);
    }

    @Test
    void aCompletedTaskKeepsTheVerificationItsEventRecorded() {
        approvedPlan();
        started("t1", "w-1", 1);
        e("task_completed", o().put("task_id", "t1").put("worker_id", "w-1").put("verification", "changed_and_verified"));
        started("t2", "w-2", 1);
        e("task_completed", o().put("task_id", "t2").put("worker_id", "w-2").put("verification", "unverifiable"));
        started("t3", "w-3", 1);
        completed("t3", "w-3"); // as a log from before the field: the run's --agent none says verified only
        started("t4", "w-4", 1);
        RunState state = rebuilt();

        assertThat(state.tasks()).extracting(TaskState::id, TaskState::verification, state::verificationOf).containsExactly(
                org.assertj.core.groups.Tuple.tuple("t1", TaskVerification.CHANGED_AND_VERIFIED, TaskVerification.CHANGED_AND_VERIFIED),
                org.assertj.core.groups.Tuple.tuple("t2", TaskVerification.UNVERIFIABLE, TaskVerification.UNVERIFIABLE),
                org.assertj.core.groups.Tuple.tuple("t3", null, TaskVerification.VERIFIED_ONLY),
                org.assertj.core.groups.Tuple.tuple("t4", null, null));
    }

    private void finishedWith(String task, String worker, String evidence, String... tests) {
        ArrayNode files = Json.array();
        for (String test : tests) {
            files.add(test);
        }
        ObjectNode payload = o().put("from", "running").put("to", "finished").put("verification", "changed_and_verified");
        if (evidence != null) {
            payload.set("test_evidence", o().put("evidence", evidence).put("base", "abc").set("tests", files));
        }
        e("finished", o().put("task_id", task).put("worker_id", worker).put("state", "finished").set("payload", payload));
        e("task_completed", o().put("task_id", task).put("worker_id", worker).put("verification", "changed_and_verified"));
    }

    /** Issue 14: a completed task whose own tests prove nothing keeps the warning for the summary and status, with its tests. */
    @Test
    void aCompletedTaskKeepsWhatTheBaseRunSaidOfItsTests() {
        approvedPlan();
        started("t1", "w-1", 1);
        finishedWith("t1", "w-1", "tests_pass_on_base", "tests/test_a.py");
        started("t2", "w-2", 1);
        finishedWith("t2", "w-2", "no_test_changed");
        started("t3", "w-3", 1);
        finishedWith("t3", "w-3", "new_test_fails_on_base", "tests/test_c.py");
        started("t4", "w-4", 1);
        finishedWith("t4", "w-4", "tests_pass_on_base", "a_test.go", "b_test.go", "c_test.go", "d_test.go", "e_test.go");
        RunState state = rebuilt();

        assertThat(state.tasks()).extracting(TaskState::id, TaskState::testWarning).containsExactly(
                org.assertj.core.groups.Tuple.tuple("t1", "its new or changed tests already pass without the change: not evidence for it (tests/test_a.py)"),
                org.assertj.core.groups.Tuple.tuple("t2", "it added or changed no test"),
                org.assertj.core.groups.Tuple.tuple("t3", null),
                org.assertj.core.groups.Tuple.tuple("t4", "its new or changed tests already pass without the change: not evidence for it"
                        + " (a_test.go, b_test.go, c_test.go and 2 more)"));
        assertThat(Json.toNode(state.task("t1").orElseThrow()).path("test_warning").asText()).contains("not evidence");
    }

    /**
     * A task that commits nothing kept no change: nothing for its tests to prove, no warning. The worker's finished
     * names no branch without a commit; task_completed names the branch its checkout had.
     */
    @Test
    void aTaskWhoseChangesWereNotKeptHasNoTestWarning() {
        approvedPlan();
        started("t1", "w-1", 1);
        e("finished", o().put("task_id", "t1").put("worker_id", "w-1").put("state", "finished").set("payload", o()
                .put("from", "running").put("to", "finished").put("verification", "changed_and_verified")
                .set("test_evidence", o().put("evidence", "no_test_changed"))));
        e("task_completed", o().put("task_id", "t1").put("worker_id", "w-1").put("branch", "harness/r/t1")
                .put("verification", "changed_and_verified"));
        started("t2", "w-2", 1);
        finishedWith("t2", "w-2", "no_test_changed"); // the same outside git: no branch, the change is in place
        RunState state = rebuilt();
        assertThat(state.task("t1").orElseThrow().testWarning()).isNull();
        assertThat(state.task("t2").orElseThrow().testWarning()).isEqualTo("it added or changed no test");
    }

    /**
     * A worker counts its attempts from 1; the task's count goes on across workers: attempt 1 interrupted, then a new
     * worker's two attempts are the task's 2 and 3 (status said 2).
     */
    @Test
    void aTasksAttemptsGoOnAcrossTheWorkersThatRanIt() {
        approvedPlan();
        started("t1", "w-1", 1);
        e("attempt_started", o().put("task_id", "t1").put("worker_id", "w-1").put("state", "running").put("attempt", 1));
        e("run_interrupted", o().put("signal", "SIGINT"));
        started("t1", "w-2", 2);
        e("attempt_started", o().put("task_id", "t1").put("worker_id", "w-2").put("state", "running").put("attempt", 1));
        assertThat(rebuilt().task("t1").orElseThrow().attempts()).isEqualTo(2);
        log = EventLog.open(dir);
        e("recovery_attempted", o().put("task_id", "t1").put("worker_id", "w-2").put("state", "running").put("attempt", 1));
        e("attempt_started", o().put("task_id", "t1").put("worker_id", "w-2").put("state", "running").put("attempt", 2));
        assertThat(rebuilt().task("t1").orElseThrow().attempts()).isEqualTo(3);
        log = EventLog.open(dir);
        started("t1", "w-2", 4); // a person's retry on the same worker: its next attempt is its third, the task's fourth
        e("attempt_started", o().put("task_id", "t1").put("worker_id", "w-2").put("state", "running").put("attempt", 3));
        assertThat(rebuilt().task("t1").orElseThrow().attempts()).isEqualTo(4);
    }
}
