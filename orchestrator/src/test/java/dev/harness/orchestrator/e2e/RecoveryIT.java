package dev.harness.orchestrator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Scripted fake agents through the whole pipeline: recovery by recipe, escalations, decisions on resume. */
class RecoveryIT extends E2E {
    @BeforeEach
    void workspace() {
        copyDashboard();
    }

    private Result run(Path plan, String agent, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("-C", workspace.toString(), "--plan", plan.toString(),
                "--yes", "--trust", "--recipes", FAST_RECIPES.toString(), "--agent", agent));
        args.addAll(List.of(more));
        return orchestrator(java.util.Map.of(), args);
    }

    @Test
    void aTransientFailureIsRetriedWithBackoffAndTheTaskCompletes() {
        Path plan = planFile(packet("t1", "Fetch the theme tokens", List.of("test -f t1.done")));

        Result result = run(plan, agent("flaky.sh", scratch.toString()));

        assertThat(result.exit()).as(result.all()).isZero();
        String id = result.runId();
        assertThat(last(id, "failure_classified").path("payload").path("failure_class").asText()).isEqualTo("transient");
        assertThat(events(id, "recovery_attempted", "t1")).isNotEmpty();
        assertThat(last(id, "task_completed").path("task_id").asText()).isEqualTo("t1");
        assertThat(workspace.resolve("t1.done")).exists();
        assertThat(result.stdout()).contains("[Task 1/1] ↻", "[Task 1/1] ✓ Fetch the theme tokens");
    }

    @Test
    void aPermissionEscalationStopsInAwaitingDecisionAndSkipOnResumeSkipsTheTaskAndItsDependents() throws Exception {
        Path plan = planFile(packet("t1", "Deploy the preview", List.of("test -f t1.done")),
                packet("t2", "Announce the preview", List.of("test -f t1.done"), "t1"),
                packet("t3", "Check the theme module", List.of("test -d src/theme")));

        Files.writeString(scratch.resolve("t3.calls"), "1"); // t3's agent was granted its permission already
        Result first = run(plan, agent("permission-once.sh", scratch.toString()));

        assertThat(first.exit()).as(first.all()).isEqualTo(3);
        String id = first.runId();
        JsonNode paused = last(id, "run_paused");
        assertThat(paused.path("status").asText()).isEqualTo("awaiting_decision");
        assertThat(paused.path("task_id").asText()).isEqualTo("t1");
        assertThat(last(id, "recovery_escalation").path("payload").path("failure_class").asText()).isEqualTo("permission");
        assertThat(first.stdout()).contains("resume " + id + " --decision retry|skip|abort");
        assertThat(events(id, "task_started", "t2")).isEmpty();

        Result status = orchestrator("status", id, "-C", workspace.toString());
        assertThat(status.stdout()).contains("awaiting_decision", "--decision");

        Result resumed = orchestrator("resume", id, "-C", workspace.toString(), "--decision", "skip");

        // skipped tasks: nothing failed, but the run is not complete (its own status and exit code)
        assertThat(resumed.exit()).as(resumed.all()).isEqualTo(5);
        assertThat(last(id, "execution_complete").path("status").asText()).isEqualTo("completed_with_skips");
        assertThat(orchestrator("status", id, "-C", workspace.toString()).stdout()).contains("Status:     completed_with_skips");
        JsonNode decision = last(id, "decision_recorded");
        assertThat(decision.path("decision").asText()).isEqualTo("skip");
        assertThat(events(id, "task_skipped", "t1")).isNotEmpty();
        assertThat(last(id, "task_skipped").path("task_id").asText()).isEqualTo("t2");
        assertThat(last(id, "task_skipped").path("reason").asText()).contains("dependency t1");
        assertThat(events(id, "task_completed", "t3")).hasSize(1);
        assertThat(workspace.resolve("t1.done")).doesNotExist();
        assertThat(last(id, "execution_complete").path("skipped").asInt()).isEqualTo(2);
    }

    @Test
    void aLogicErrorIsRetriedOnceWithTheFailureFedBackAndThenPasses() throws Exception {
        Path plan = planFile(packet("t1", "Finish the feature",
                // the complaint is assembled at run time, so the prompt's copy of the command does not contain it
                List.of("grep -qx done feature.txt || { printf 'feature.txt must %s done\\n' say; exit 1; }")));

        Result result = run(plan, agent("fix-on-feedback.sh"));

        assertThat(result.exit()).as(result.all()).isZero();
        String id = result.runId();
        assertThat(events(id, "failure_classified", "t1")).anySatisfy(e ->
                assertThat(e.path("payload").path("failure_class").asText()).isEqualTo("logic_error"));
        assertThat(events(id, "attempt_started", "t1")).hasSize(2);
        assertThat(Files.readString(workspace.resolve("feature.txt")).strip()).isEqualTo("done");
        assertThat(last(id, "execution_complete").path("status").asText()).isEqualTo("completed");
    }

    @Test
    void anUnrecoverableFailureIsNotRetriedAndSkipLetsTheRestOfThePlanRun() {
        Path plan = planFile(packet("t1", "Deploy with the deploy tool", List.of("true")),
                packet("t2", "Check the theme module", List.of("test -d src/theme"), "t1"));

        Result first = run(plan, agent("missing-tool.sh"));

        assertThat(first.exit()).as(first.all()).isEqualTo(3);
        String id = first.runId();
        assertThat(last(id, "failure_classified").path("payload").path("failure_class").asText()).isEqualTo("unrecoverable");
        assertThat(events(id, "attempt_started", "t1")).hasSize(1);
        assertThat(first.stdout()).contains("[Task 1/2] ⏸ Deploy with the deploy tool", "unrecoverable");

        Result resumed = orchestrator("resume", id, "-C", workspace.toString(), "--decision", "skip");

        assertThat(resumed.exit()).as(resumed.all()).isEqualTo(5);
        assertThat(events(id, "task_skipped", "t1")).hasSize(1);
        assertThat(events(id, "task_skipped", "t2")).hasSize(1);
        assertThat(events(id, "attempt_started", "t1")).hasSize(1);
    }

    @Test
    void anUnrecoverableFailureWithAbortEndsTheRunAndNothingElseStarts() {
        Path plan = planFile(packet("t1", "Deploy with the deploy tool", List.of("true")),
                packet("t2", "Check the theme module", List.of("test -d src/theme"), "t1"));

        Result first = run(plan, agent("missing-tool.sh"));
        assertThat(first.exit()).as(first.all()).isEqualTo(3);
        String id = first.runId();

        Result resumed = orchestrator("resume", id, "-C", workspace.toString(), "--decision", "abort");

        assertThat(resumed.exit()).as(resumed.all()).isEqualTo(1);
        assertThat(last(id, "decision_recorded").path("decision").asText()).isEqualTo("abort");
        assertThat(last(id, "execution_complete").path("status").asText()).isEqualTo("aborted");
        assertThat(events(id, "task_started", "t2")).isEmpty();
        Result status = orchestrator("status", id, "-C", workspace.toString());
        assertThat(status.stdout()).contains("Status:     aborted");
    }

    @Test
    void aTaskPastTheTimeoutFailsNothingNewStartsAndKeepGoingOnResumeRunsTheIndependentTask() {
        Path plan = planFile(packet("t1", "A task that hangs", List.of("true")),
                packet("t2", "An independent task", List.of("true")),
                packet("t3", "Depends on the hanging task", List.of("true"), "t1"));
        String slow = agent("slow-task.sh", "t1", "120");

        Result first = run(plan, slow, "--timeout", "2s");

        assertThat(first.exit()).as(first.all()).isEqualTo(1);
        String id = first.runId();
        assertThat(last(id, "task_failed").path("reason").asText()).contains("--timeout");
        assertThat(events(id, "task_skipped", "t3")).singleElement()
                .satisfies(e -> assertThat(e.path("reason").asText()).isEqualTo("dependency t1 failed"));
        assertThat(events(id, "task_started", "t2")).as("no new task after a failure").isEmpty();
        assertThat(first.stdout()).contains("Not started after the failure: t2", "[Task 1/3] ✗ A task that hangs");

        Result resumed = orchestrator("resume", id, "-C", workspace.toString(), "--keep-going", "--timeout", "2s");

        assertThat(resumed.exit()).as(resumed.all()).isEqualTo(1);
        assertThat(events(id, "task_started", "t1")).hasSize(2);
        assertThat(events(id, "task_completed", "t2")).hasSize(1);
        assertThat(last(id, "execution_complete").path("status").asText()).isEqualTo("failed");
    }
}
