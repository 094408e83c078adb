package dev.harness.orchestrator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Decisions a person takes after an escalation, from the command line: the person's retry after a
 * fix completes the task; an abort is final; a decision the run cannot take changes nothing.
 */
class DecisionsIT extends E2E {
    private Path plan;

    @BeforeEach
    void workspace() {
        copyDashboard();
        // the check fails until the person "fixes" the workspace
        plan = planFile(packet("t1", "Check the fix", List.of("test -f fixed.txt || { echo 'not ok 1 - fixed.txt exists'; exit 1; }")),
                packet("t2", "Check the theme module", List.of("test -d src/theme"), "t1"));
    }

    private Result escalated() {
        Result first = orchestrator(Map.of(), List.of("-C", workspace.toString(), "--plan", plan.toString(), "--yes", "--trust",
                "--recipes", FAST_RECIPES.toString(), "check"));
        assertThat(first.exit()).as(first.all()).isEqualTo(3);
        return first;
    }

    private byte[] log(String id) throws Exception {
        return Files.readAllBytes(runDir(id).resolve("events.jsonl"));
    }

    @Test
    void aPersonsRetryAfterTheFixCompletesTheTask() throws Exception {
        String id = escalated().runId();
        Files.writeString(workspace.resolve("fixed.txt"), "fixed\n");

        Result retried = orchestrator("resume", id, "-C", workspace.toString(), "--decision", "retry");

        // needs the worker manager to honour a person's retry after the recipe's retries are used up (issue 11)
        assertThat(retried.exit()).as(retried.all()).isZero();
        assertThat(events(id, "task_completed", "t1")).hasSize(1);
        assertThat(events(id, "task_completed", "t2")).hasSize(1);
        assertThat(last(id, "decision_recorded").path("decision").asText()).isEqualTo("retry");
        assertThat(orchestrator("status", id, "-C", workspace.toString()).stdout()).contains("Status:     completed");
    }

    @Test
    void withNoAgentACheckFailingOnTheBaseRunsOnceAndTheRunStopsAtADecisionSayingWhy() throws Exception {
        // the logic_error recipe retries with feedback, but with no agent nothing would change: a second
        // run of the same check on the same tree would only cost the person its minutes again
        git("init", "-q", "-b", "main");
        git("add", "-A");
        git("-c", "user.name=t", "-c", "user.email=t@localhost", "commit", "-q", "-m", "dashboard");
        Path runs = temp.resolve("check-runs.txt");
        Path once = planFile(packet("t1", "Check the fix",
                List.of("echo ran >> '" + runs + "'; test -f fixed.txt || { echo 'not ok 1 - fixed.txt exists'; exit 1; }")));
        Result first = orchestrator(Map.of(), List.of("-C", workspace.toString(), "--plan", once.toString(), "--yes", "--trust",
                "--agent", "none", "check"));

        assertThat(first.exit()).as(first.all()).isEqualTo(3);
        String id = first.runId();
        assertThat(Files.readAllLines(runs)).containsExactly("ran");
        assertThat(events(id, "recovery_attempted")).isEmpty();
        assertThat(last(id, "run_paused").path("status").asText()).isEqualTo("awaiting_decision");
        // what to do agrees with the hint below it: retry (--decision retry) once the check or the base is fixed
        String why = "with no agent nothing would change until you fix the check or the project, then retry";
        assertThat(first.stdout()).contains(why, "--decision retry").doesNotContain("no retry");
        Result status = orchestrator("status", id, "-C", workspace.toString());
        assertThat(status.stdout()).as(status.all()).contains("awaiting_decision", why);
        Result events = orchestrator("events", id, "-C", workspace.toString());
        assertThat(events.stdout()).as(events.all())
                .contains("escalated to a person: logic_error: the check fails (exit 1) on the unchanged project too"); // the table cuts the row
        Result escalation = orchestrator("events", id, "-C", workspace.toString(), "--kind", "recovery_escalation", "--json");
        assertThat(escalation.stdout()).as(escalation.all()).contains("not retried: the check fails (exit 1) on the unchanged project too:"
                + " not caused by this run; " + why);
    }

    private void git(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", workspace.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
    }

    @Test
    void anAbortIsFinalAndAPlainResumeChangesNothing() throws Exception {
        String id = escalated().runId();
        Result aborted = orchestrator("resume", id, "-C", workspace.toString(), "--decision", "abort");
        assertThat(aborted.exit()).as(aborted.all()).isEqualTo(1);
        assertThat(events(id, "task_started", "t2")).isEmpty();
        byte[] before = log(id);

        Result again = orchestrator("resume", id, "-C", workspace.toString());

        assertThat(again.exit()).as(again.all()).isEqualTo(1);
        assertThat(again.all()).contains("aborted", "final", "--reopen");
        assertThat(log(id)).isEqualTo(before);
        assertThat(orchestrator("status", id, "-C", workspace.toString()).stdout())
                .contains("Status:     aborted", "resume " + id + " --reopen");
    }

    @Test
    void aDecisionTheRunCannotTakeIsRefusedAndTheRunStaysAsItWas() throws Exception {
        Result paused = orchestrator(Map.of(), List.of("-C", workspace.toString(), "--plan", plan.toString(), "check"));
        assertThat(paused.exit()).as(paused.all()).isEqualTo(3);
        String id = paused.runId();
        byte[] before = log(id);

        Result refused = orchestrator("resume", id, "-C", workspace.toString(), "--decision", "skip");

        assertThat(refused.exit()).as(refused.all()).isEqualTo(2);
        assertThat(refused.stderr()).contains("not waiting for a decision", "Nothing was changed");
        assertThat(log(id)).isEqualTo(before);
        assertThat(orchestrator("status", id, "-C", workspace.toString()).stdout()).contains("Status:     awaiting_approval");
    }
}
