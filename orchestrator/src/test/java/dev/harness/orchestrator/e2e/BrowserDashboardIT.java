package dev.harness.orchestrator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harness.protocol.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The dashboard in a real browser: headless Chromium (Debian's chromium) driven by playwright-core
 * (npm, installed globally by .ci/run) over bin/orchestrator serve and a real run paused at its plan
 * gate — the graph is shown, the plan approved in the inbox, the failed task's evidence opened, the
 * cause fixed and retry decided in the page, the tasks turn green live; a second run's trust refused
 * in the inbox (by keyboard); a third run's cost and spent budget read, its budget raised with its
 * retry, and it finishes. Screenshots
 * per step in orchestrator/target/browser-screenshots/. Skipped, saying why, where the browser,
 * node or playwright-core is missing.
 */
class BrowserDashboardIT extends E2E {
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

    private static String output(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Test
    void approveInTheBrowserAndWatchTheTasksTurnGreen() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "no Chromium at " + CHROMIUM + " (apt-get install chromium): browser test skipped");
        assumeTrue(output("node", "--version") != null, "node is not installed: browser test skipped");
        String globalModules = output("npm", "root", "-g");
        assumeTrue(globalModules != null && Files.isDirectory(Path.of(globalModules, "playwright-core")),
                "playwright-core is not installed (npm install -g playwright-core): browser test skipped");

        copyDashboard();
        // t2's check fails until the person fixes the workspace (fixed.txt), then decides retry in the page
        Path plan = planFile(packet("t1", "Check the theme module", List.of("test -d src/theme")),
                packet("t2", "Check the fix", List.of("test -f fixed.txt || { echo 'not ok 1 - fixed.txt exists'; exit 1; }"),
                        "t1"));
        Result paused = orchestrator(Map.of(), List.of("-C", workspace.toString(), "--plan", plan.toString(),
                "--recipes", FAST_RECIPES.toString(), "check"));
        assertThat(paused.exit()).as(paused.all()).isEqualTo(3);
        String id = paused.runId();
        // a second run waits for trust (approved with --yes, no terminal): refused in the page
        Result untrusted = orchestrator(Map.of(), List.of("-C", workspace.toString(), "--plan",
                planFile(packet("r1", "Check the settings module", List.of("test -d src/settings"))).toString(),
                "--yes", "check"));
        assertThat(untrusted.exit()).as(untrusted.all()).isEqualTo(3);
        String refusedId = untrusted.runId();
        // a third run spends what the fake Claude reports ($0.0421, 352 tokens an attempt) and stops at its $0.08 budget
        Result spent = orchestrator(Map.of(), List.of("-C", workspace.toString(), "--plan",
                planFile(packet("t1", "Write the first file", List.of("test -f t1.txt")),
                        packet("t2", "Write the second file", List.of("test -f t2.txt")),
                        packet("t3", "Write the third file", List.of("test -f t3.txt"))).toString(),
                "--yes", "--trust", "--agent", agent("claude-usage.sh"), "--budget-usd", "0.08", "write three files"));
        assertThat(spent.exit()).as(spent.all()).isEqualTo(3);
        String budgetId = spent.runId();
        assertThat(last(budgetId, "task_failed").path("failure_class").asText()).isEqualTo("budget_exceeded");

        Path out = temp.resolve("serve.out");
        Path err = temp.resolve("serve.err");
        Process serve = start(List.of(ORCHESTRATOR.toString(), "serve", "-C", workspace.toString()), Map.of(), out, err);
        try {
            Matcher url = Pattern.compile("Dashboard: (\\S+)").matcher("");
            for (int i = 0; i < 600 && !url.reset(Files.readString(out)).find(); i++) {
                assertThat(serve.isAlive()).as(Files.readString(err)).isTrue();
                Thread.sleep(50);
            }
            Path shots = ROOT.resolve("orchestrator/target/browser-screenshots");
            Files.createDirectories(shots);
            Path script = ROOT.resolve("orchestrator/src/test/resources/dashboard/browser-check.mjs");
            ProcessBuilder node = new ProcessBuilder("node", script.toString(), url.group(1), id, shots.toString(),
                    workspace.resolve("fixed.txt").toString(), refusedId, budgetId).redirectErrorStream(true);
            node.environment().put("NODE_PATH", globalModules);
            node.environment().put("CHROMIUM", CHROMIUM.toString());
            // an ES module resolves bare names from its own location, not NODE_PATH: link the global module in
            Path modules = temp.resolve("node_modules");
            Files.createDirectories(modules);
            Files.createSymbolicLink(modules.resolve("playwright-core"), Path.of(globalModules, "playwright-core"));
            Path local = temp.resolve("browser-check.mjs");
            Files.copy(script, local);
            node.command().set(1, local.toString());
            Process browser = node.start();
            String result = new String(browser.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(browser.waitFor(5, TimeUnit.MINUTES)).isTrue();
            assertThat(browser.exitValue()).as(result).isZero();
            JsonNode seen = Json.parse(result.lines().reduce((a, b) -> b).orElse("{}"));
            assertThat(seen.path("status").asText()).isEqualTo("completed");
            assertThat(seen.path("sawTaskCompleted").asBoolean()).as("the live stream showed task_completed").isTrue();
            assertThat(seen.path("fills")).hasSize(2);
            seen.path("fills").forEach(fill -> assertThat(fill.asText()).isEqualTo("#86efac"));
            // the failed task's evidence was on the page where retry was decided
            assertThat(seen.path("evidence").asText()).contains("not ok 1 - fixed.txt exists");
            assertThat(seen.path("reason").asText()).contains("fixed.txt");
            assertThat(shots.resolve("5-failed-evidence.png")).exists();
            assertThat(shots.resolve("7-completed.png")).exists();
            assertThat(events(id).stream().filter(e -> e.path("kind").asText().equals("gate_approved")
                    && e.path("gate").asText().equals("plan")).map(e -> e.path("source").asText()).toList()).containsExactly("web");
            // retry is recorded as made in the page: by the run, and in the worker manager's own record
            List<JsonNode> decisions = events(id, "decision_recorded", "t2");
            assertThat(decisions).filteredOn(e -> !e.has("payload")).singleElement().satisfies(d -> {
                assertThat(d.path("decision").asText()).isEqualTo("retry");
                assertThat(d.path("source").asText()).isEqualTo("web");
                assertThat(d.path("approver").asText()).isEqualTo(System.getProperty("user.name"));
            });
            assertThat(decisions).filteredOn(e -> e.has("payload")).singleElement()
                    .satisfies(d -> assertThat(d.at("/payload/source").asText()).isEqualTo("web"));
            assertThat(events(id, "task_completed", "t2")).hasSize(1);

            // the runs list shows what each run cost: nothing reported is "—", not $0
            assertThat(seen.path("runsRows")).anySatisfy(row -> assertThat(row.asText()).contains(budgetId, "awaiting_decision",
                    "$0.0842", "704 tokens"));
            assertThat(seen.path("runsRows")).anySatisfy(row -> assertThat(row.asText()).contains(id, "—"));

            // trust refused in the page: the run is rejected, the page says by whom and where, nothing is left to answer
            JsonNode refused = seen.path("refused");
            assertThat(refused.path("status").asText()).isEqualTo("rejected");
            assertThat(refused.path("decisions").asText()).contains("plan approved by", "source cli_flag",
                    "trust rejected by " + System.getProperty("user.name") + ", source web", "not this repository");
            assertThat(refused.path("inbox").asInt()).isZero();
            JsonNode rejection = last(refusedId, "gate_rejected");
            assertThat(rejection.path("gate").asText()).isEqualTo("trust");
            assertThat(rejection.path("source").asText()).isEqualTo("web");
            assertThat(rejection.path("comment").asText()).isEqualTo("not this repository");
            assertThat(last(refusedId, "execution_complete").path("status").asText()).isEqualTo("rejected");
            assertThat(events(refusedId, "bootstrap_phase_started")).as("nothing of the workspace ran").isEmpty();

            // the budget run: its cost per task and in all, the spent budget, and the escalation saying how to raise it
            JsonNode budget = seen.path("budget");
            assertThat(budget.path("usage").asText()).startsWith("Spent: $0.0842, 704 tokens (24 in, 680 out");
            assertThat(budget.path("budget").asText())
                    .isEqualTo("Budget: $0.08 for the run · $0.00 left — spent up ($0.0842 spent of the $0.08 budget): no new attempt starts");
            assertThat(budget.path("escalation").asText()).contains("budget_exceeded: the run's budget is spent: $0.0842 spent of the $0.08"
                    + " budget", "To raise the run's budget, give a new one with Retry");
            assertThat(budget.path("costs").toString()).isEqualTo("[[\"t1\",\"$0.0421\",\"352 tokens\"],[\"t2\",\"$0.0421\",\"352 tokens\"],"
                    + "[\"t3\",\"—\",\"—\"]]");
            JsonNode after = budget.path("after");
            assertThat(after.path("status").asText()).isEqualTo("completed");
            assertThat(after.path("usage").asText()).startsWith("Spent: $0.1263, 1056 tokens");
            assertThat(after.path("budget").asText()).isEqualTo("Budget: $1.00 for the run · $0.8737 left");
            assertThat(after.path("t3").asText()).isEqualTo("$0.0421");
            assertThat(after.path("decisions").asText()).contains("retry for task t3 by " + System.getProperty("user.name") + ", source web");
            assertThat(last(budgetId, "run_resumed").path("budget").path("usd").asDouble()).isEqualTo(1.0);
            assertThat(events(budgetId, "task_completed", "t3")).hasSize(1);
        } finally {
            serve.descendants().forEach(ProcessHandle::destroy);
            serve.destroy();
        }
    }
}
