package dev.harness.orchestrator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harness.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cost and budgets through the whole pipeline, with the fake agent that prints Claude Code's
 * stream-json result ($0.0421, 352 tokens per attempt): totals in status, runs and the summary;
 * a spent budget starts no new attempt, fails the task as budget_exceeded and waits for a person.
 */
class BudgetIT extends E2E {
    @BeforeEach
    void workspace() {
        copyDashboard();
    }

    private Path threeTasks() {
        return planFile(packet("t1", "Write the first file", List.of("test -f t1.txt")),
                packet("t2", "Write the second file", List.of("test -f t2.txt")),
                packet("t3", "Write the third file", List.of("test -f t3.txt")));
    }

    private Result run(Path plan, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("-C", workspace.toString(), "--plan", plan.toString(),
                "--yes", "--trust", "--agent", agent("claude-usage.sh")));
        args.addAll(List.of(more));
        return orchestrator(java.util.Map.of(), args);
    }

    @Test
    void aRunStopsStartingTasksAtItsBudgetAndARaisedBudgetFinishesIt() throws Exception {
        // two attempts spend $0.0842: the third task may not start under a $0.08 budget
        Result first = run(threeTasks(), "--budget-usd", "0.08");

        assertThat(first.exit()).as(first.all()).isEqualTo(3);
        String id = first.runId();
        assertThat(events(id, "task_completed")).hasSize(2);
        assertThat(events(id, "task_started", "t3")).isEmpty();
        JsonNode failed = last(id, "task_failed");
        assertThat(failed.path("task_id").asText()).isEqualTo("t3");
        assertThat(failed.path("failure_class").asText()).isEqualTo("budget_exceeded");
        assertThat(failed.path("escalation_required").asBoolean()).isTrue();
        assertThat(failed.path("reason").asText()).contains("$0.0842 spent of the $0.08 budget");
        assertThat(last(id, "run_paused").path("status").asText()).isEqualTo("awaiting_decision");
        assertThat(last(id, "run_started").path("options").path("budget").path("usd").asDouble()).isEqualTo(0.08);
        assertThat(first.stdout()).contains("Budget: $0.08 for the run", "budget_exceeded",
                "Usage: $0.0842, 704 tokens (24 in, 680 out, 18000 cache read, 300 cache write), 6 turns, 2 attempts",
                "--decision retry|skip|abort", "--budget-usd");

        Result status = orchestrator("status", id, "-C", workspace.toString());
        assertThat(status.stdout()).contains("Usage:      $0.0842, 704 tokens", "Budget:     $0.08 for the run (spent $0.0842, 704 tokens — spent up)",
                "$0.0421 / 352 tok");
        JsonNode json = Json.parse(orchestrator("status", id, "--json", "-C", workspace.toString()).stdout());
        assertThat(json.path("usage").path("cost_usd").asDouble()).isEqualTo(0.0842);
        assertThat(json.path("usage").path("tokens").asLong()).isEqualTo(704);
        assertThat(json.path("budget").path("usd").asDouble()).isEqualTo(0.08);
        assertThat(json.path("tasks").get(0).path("usage").path("cost_usd").asDouble()).isEqualTo(0.0421);
        assertThat(json.path("tasks").get(2).path("usage").path("attempts").asInt()).isZero();
        JsonNode line = Json.parse(orchestrator("runs", "--json", "-C", workspace.toString()).stdout().strip());
        assertThat(line.path("usage").path("cost_usd").asDouble()).isEqualTo(0.0842);
        assertThat(orchestrator("runs", "-C", workspace.toString()).stdout()).contains("USAGE", "$0.0842 / 704 tok");
        assertThat(orchestrator("events", id, "--kind", "usage_recorded", "-C", workspace.toString()).stdout())
                .contains("Usage of the attempts shown: $0.0842");

        // a raised budget on resume: logged, and the waiting task runs
        Result resumed = orchestrator("resume", id, "-C", workspace.toString(), "--decision", "retry", "--budget-usd", "1");

        assertThat(resumed.exit()).as(resumed.all()).isZero();
        assertThat(last(id, "run_resumed").path("budget").path("usd").asDouble()).isEqualTo(1.0);
        assertThat(last(id, "decision_recorded").path("decision").asText()).isEqualTo("retry");
        assertThat(events(id, "task_completed", "t3")).hasSize(1);
        assertThat(workspace.resolve("t3.txt")).exists();
        assertThat(orchestrator("status", id, "-C", workspace.toString()).stdout())
                .contains("Budget:     $1.00 for the run (spent $0.1263, 1056 tokens)");
    }

    @Test
    void aTasksOwnBudgetStopsOnlyThatTaskAndSkipOnResumeEndsTheRun() throws Exception {
        // the config's budget applies when no flag is given; t1's own budget of 300 tokens is spent by one attempt
        Files.createDirectories(temp.resolve("config/harness"));
        Files.writeString(temp.resolve("config/harness/config.yaml"), "budget_usd: 5\n");
        Path plan = planFile(packet("t2", "Write the second file", List.of("test -f t2.txt")),
                packet("t1", "Write the first file", List.of("test -f t1.txt", "test -f never.txt"))
                        .put("budget_tokens", 300));

        Result first = run(plan, "--recipes", FAST_RECIPES.toString());

        String id = first.runId();
        assertThat(first.stdout()).contains("Budget: $5.00 for the run; tasks' own: t1 300 tokens");
        assertThat(events(id, "task_completed", "t2")).hasSize(1);
        JsonNode failed = events(id, "task_failed", "t1").get(events(id, "task_failed", "t1").size() - 1);
        assertThat(failed.path("failure_class").asText()).as(first.all()).isEqualTo("budget_exceeded");
        // the worker manager ran one attempt, saw the budget spent and did not retry the logic_error
        assertThat(failed.path("reason").asText()).contains("352 tokens used of the 300-token budget");
        assertThat(events(id, "attempt_started").stream().filter(e -> e.path("task_id").asText().equals("t1"))).hasSize(1);
        assertThat(events(id, "recovery_attempted")).isEmpty();
        assertThat(first.exit()).as(first.all()).isEqualTo(3);

        Result skipped = orchestrator("resume", id, "-C", workspace.toString(), "--decision", "skip");

        assertThat(skipped.exit()).as(skipped.all()).isEqualTo(5);
        assertThat(last(id, "decision_recorded").path("decision").asText()).isEqualTo("skip");
        assertThat(last(id, "execution_complete").path("status").asText()).isEqualTo("completed_with_skips");
        assertThat(last(id, "run_started").path("options").path("budget").path("usd").asDouble()).isEqualTo(5.0);
    }

    @Test
    void ctrlCAtTheBudgetPromptLeavesARunThatResumeDecisionRetryFinishes() throws Exception {
        // at a terminal the spent budget is asked about; the escalation is logged before the question,
        // so a Ctrl-C there leaves a run that --decision accepts
        Path plan = threeTasks();
        String command = "NO_COLOR=1 " + TerminalGatesIT.quote(ORCHESTRATOR.toString()) + " -C "
                + TerminalGatesIT.quote(workspace.toString()) + " --plan " + TerminalGatesIT.quote(plan.toString())
                + " --yes --trust --agent " + TerminalGatesIT.quote(agent("claude-usage.sh")) + " --budget-usd 0.08 check";
        ProcessBuilder builder = new ProcessBuilder("script", "-qfec", command, "/dev/null").directory(temp.toFile())
                .redirectErrorStream(true);
        builder.environment().put("XDG_CONFIG_HOME", temp.resolve("config").toString());
        builder.environment().put("HOME", temp.resolve("home").toString());
        builder.environment().put("XDG_STATE_HOME", temp.resolve("state").toString()); // where runDir() looks
        builder.environment().remove("HARNESS_TRUST_POLICY");
        Process process = builder.start();
        StringBuffer screen = new StringBuffer();
        Thread reader = new Thread(() -> {
            try (java.io.InputStream in = process.getInputStream()) {
                byte[] buffer = new byte[4096];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    screen.append(new String(buffer, 0, n, java.nio.charset.StandardCharsets.UTF_8));
                }
            } catch (java.io.IOException e) {
                screen.append("\n[read failed: ").append(e).append("]");
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(90);
            while (!screen.toString().contains("Task t3 (Write the third file) needs a decision")) {
                assertThat(System.nanoTime() < deadline && process.isAlive()).as("never asked about t3:%n%s", screen).isTrue();
                Thread.sleep(50);
            }
            process.getOutputStream().write(3); // Ctrl-C at the prompt
            process.getOutputStream().flush();
            assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).as(screen.toString()).isTrue();
            String id = new Result(0, screen.toString(), "").runId();
            JsonNode failed = last(id, "task_failed");
            assertThat(failed.path("task_id").asText()).as(screen.toString()).isEqualTo("t3");
            assertThat(failed.path("failure_class").asText()).isEqualTo("budget_exceeded");
            assertThat(failed.path("escalation_required").asBoolean()).isTrue();
            assertThat(last(id, "run_paused").path("status").asText()).isEqualTo("awaiting_decision");
            assertThat(events(id, "task_started", "t3")).isEmpty();

            Result resumed = orchestrator("resume", id, "-C", workspace.toString(), "--decision", "retry");

            assertThat(resumed.exit()).as(resumed.all()).isZero();
            assertThat(last(id, "decision_recorded").path("decision").asText()).isEqualTo("retry");
            assertThat(events(id, "task_completed", "t3")).hasSize(1);
            assertThat(events(id, "task_started", "t1")).hasSize(1); // done before: not run again
            assertThat(workspace.resolve("t3.txt")).exists();
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
