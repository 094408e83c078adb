package dev.harness.orchestrator.attention;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.harness.api.worker.Budget;
import dev.harness.api.worker.UsageTotal;
import dev.harness.orchestrator.runlog.RunSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's JSON, as records: {@code /api/runs} (one {@link RunLine} per run), a run's
 * {@code state.json} ({@link StateDocument}, which its page polls) and a decision's JSON answer. Every
 * field is written, null included, except where a record says otherwise.
 */
final class DashboardApi {
    private DashboardApi() {
    }

    /** One run in {@code /api/runs}; {@code asking}: a question waits at a terminal (it logs nothing until answered). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RunLine(String runId, String status, String objective, int total, int completed, int failed, int skipped,
                   UsageTotal usage, boolean asking) {
        /** {@code objective} as the page may show it (already redacted). */
        static RunLine of(RunSummary run, String objective, boolean asking) {
            return new RunLine(run.runId(), run.problemText().isPresent() ? "unreadable" : run.status().wire(), objective,
                    run.total(), run.completed(), run.failed(), run.skipped(), run.usage(), asking);
        }
    }

    /** A question a terminal asks now, shown on the run's page. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record AskedAtTerminal(String gate, String taskId, String question) {}

    /** One task of {@code state.json}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record TaskLine(String id, String status, String fill, int attempt, Long elapsedMs, String lastLine, String reason,
                    String cost, String tokens, String budget, UsageTotal usage) {}

    /** A run's {@code state.json}: asked_at_terminal only while a terminal asks, budget only when the run has one. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record StateDocument(String runId, String status, String waitingFor,
                    @JsonInclude(JsonInclude.Include.NON_NULL) AskedAtTerminal askedAtTerminal, long lastSeq,
                    List<TaskLine> tasks, UsageTotal usage, String usageLine,
                    @JsonInclude(JsonInclude.Include.NON_NULL) Budget budget, String budgetLine, boolean spentUp) {
        static StateDocument of(Dashboard.Snapshot s, AskedAtTerminal asked) {
            Map<String, JsonNode> packets = Dashboard.packetsById(s.state());
            List<TaskLine> tasks = new ArrayList<>();
            for (RunView.TaskView task : s.view().tasks()) {
                UsageTotal used = Dashboard.taskUsage(s.state(), task.id());
                tasks.add(new TaskLine(task.id(), task.status().wire(), PlanGraph.fill(task.status()), task.attempt(),
                        task.elapsed() == null ? null : task.elapsed().toMillis(), task.lastLine(), task.reason(),
                        SpendLines.cost(used), SpendLines.tokens(used), SpendLines.taskBudget(packets.get(task.id()), used), used));
            }
            var state = s.state();
            return new StateDocument(s.dir().runId(), s.status().wire(), s.view().waitingFor(), asked, state.lastSeq(), tasks,
                    state.usage(), SpendLines.usageLine(state.usage()), state.budget().isNone() ? null : state.budget(),
                    SpendLines.budgetLine(state.budget(), state.usage()).orElse(null),
                    state.budget().exhaustedBy(state.usage()).isPresent());
        }
    }

    /** The answer to a decision posted with {@code Accept: application/json}. */
    record DecisionAnswer(String result) {}
}
