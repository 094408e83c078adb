package dev.harness.orchestrator.attention;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.api.run.RunStatus;
import dev.harness.api.worker.Budget;
import dev.harness.api.worker.UsageTotal;
import dev.harness.orchestrator.runlog.RunSummary;
import dev.harness.protocol.Json;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's JSON comes from records now; its bytes are those the ObjectNode trees wrote before. */
class DashboardApiTest {
    @TempDir
    Path temp;

    @Test
    void aRunsStateIsWhatTheTreeWrote() {
        try (RunScript plain = new RunScript(temp.resolve("runs"), "run-plain", RunScript.tree()).awaitApproval();
                RunScript spent = new RunScript(temp.resolve("runs"), "run-spent", RunScript.tree(), temp.resolve("runs"),
                        new Budget(1.0, null)).approve().start("a").usage("a", 0.0421, 12, 340).output("a", "compiling\nok\n")
                        .complete("a").start("b")) {
            for (RunScript run : new RunScript[] {plain, spent}) {
                Dashboard.Snapshot s = Dashboard.read(run.dir);
                for (DashboardApi.AskedAtTerminal asked : new DashboardApi.AskedAtTerminal[] {null,
                        new DashboardApi.AskedAtTerminal("plan", null, "Approve the plan? [y/N]"),
                        new DashboardApi.AskedAtTerminal("decision", "a", "Retry, skip or abort task a?")}) {
                    assertThat(Json.write(DashboardApi.StateDocument.of(s, asked))).isEqualTo(Json.write(tree(s, asked)));
                }
            }
        }
    }

    @Test
    void aRunLineAndADecisionAnswerAreWhatTheTreesWrote() {
        Path path = temp.resolve("runs/run-x");
        for (RunSummary run : new RunSummary[] {
                new RunSummary("run-x", "add \"dark\" mode", RunStatus.RUNNING, Instant.EPOCH, 3, 1, 1, 0, path, null,
                        new UsageTotal(0.0421, 12, 340, 9000, 150, 3, 1)),
                new RunSummary("run-y", null, RunStatus.PLANNED, null, 0, 0, 0, 0, path, "unreadable log", UsageTotal.NONE)}) {
            for (boolean asking : new boolean[] {true, false}) {
                ObjectNode line = Json.object();
                line.put("run_id", run.runId());
                line.put("status", run.problemText().isPresent() ? "unreadable" : run.status().wire());
                line.put("objective", run.objective());
                line.put("total", run.total());
                line.put("completed", run.completed());
                line.put("failed", run.failed());
                line.put("skipped", run.skipped());
                line.set("usage", Json.toNode(run.usage()));
                line.put("asking", asking);
                ArrayNode runs = Json.array().add(line);
                assertThat(Json.write(java.util.List.of(DashboardApi.RunLine.of(run, run.objective(), asking)))).isEqualTo(Json.write(runs));
            }
        }
        assertThat(Json.write(new DashboardApi.DecisionAnswer("Approved: the run continues")))
                .isEqualTo(Json.write(Json.object().put("result", "Approved: the run continues")));
    }

    /** Dashboard.stateJson as it was (before redaction), with the terminal's question given. */
    private static JsonNode tree(Dashboard.Snapshot s, DashboardApi.AskedAtTerminal asked) {
        ObjectNode node = Json.object();
        node.put("run_id", s.dir().runId());
        node.put("status", s.status().wire());
        node.put("waiting_for", s.view().waitingFor());
        if (asked != null) {
            node.putObject("asked_at_terminal").put("gate", asked.gate()).put("task_id", asked.taskId()).put("question", asked.question());
        }
        node.put("last_seq", s.state().lastSeq());
        Map<String, JsonNode> packets = Dashboard.packetsById(s.state());
        ArrayNode tasks = node.putArray("tasks");
        for (RunView.TaskView task : s.view().tasks()) {
            ObjectNode t = tasks.addObject();
            t.put("id", task.id());
            t.put("status", task.status().wire());
            t.put("fill", PlanGraph.fill(task.status()));
            t.put("attempt", task.attempt());
            t.put("elapsed_ms", task.elapsed() == null ? null : task.elapsed().toMillis());
            t.put("last_line", task.lastLine());
            t.put("reason", task.reason());
            UsageTotal used = Dashboard.taskUsage(s.state(), task.id());
            t.put("cost", SpendLines.cost(used));
            t.put("tokens", SpendLines.tokens(used));
            t.put("budget", SpendLines.taskBudget(packets.get(task.id()), used));
            t.set("usage", Json.toNode(used));
        }
        node.set("usage", Json.toNode(s.state().usage()));
        node.put("usage_line", SpendLines.usageLine(s.state().usage()));
        if (!s.state().budget().isNone()) {
            node.set("budget", Json.toNode(s.state().budget()));
        }
        node.put("budget_line", SpendLines.budgetLine(s.state().budget(), s.state().usage()).orElse(null));
        node.put("spent_up", s.state().budget().exhaustedBy(s.state().usage()).isPresent());
        return node;
    }
}
