package dev.harness.orchestrator.spend;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harness.api.plan.TaskPacket;
import dev.harness.api.worker.Budget;
import dev.harness.api.worker.UsageTotal;
import dev.harness.api.worker.WorkerEventPayload;
import dev.harness.orchestrator.runlog.RunState;
import dev.harness.orchestrator.runlog.TaskState;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a run has spent so far against its budget and its tasks' own budgets, kept up to date from
 * the usage_recorded events as they are relayed (and seeded from the log on resume, so a resumed
 * run counts what it spent before). Asked before every new task attempt: a spent budget means no
 * new attempt starts; attempts already running are let finish.
 */
public final class RunSpend {
    private final Budget budget;
    private UsageTotal run = UsageTotal.NONE;
    private final Map<String, UsageTotal> byTask = new HashMap<>();

    public RunSpend(Budget budget) {
        this.budget = budget == null ? Budget.NONE : budget;
    }

    public Budget budget() {
        return budget;
    }

    /** Starts from what the log says was spent (before this orchestrator). */
    public synchronized void seed(RunState state) {
        run = state.usage();
        byTask.clear();
        for (TaskState task : state.tasks()) {
            byTask.put(task.id(), task.usage());
        }
    }

    /** One attempt's usage as relayed; a null task counts for the run only. */
    public synchronized void record(String taskId, WorkerEventPayload.UsageRecorded usage) {
        run = run.plus(usage);
        if (taskId != null) {
            byTask.merge(taskId, UsageTotal.NONE.plus(usage), UsageTotal::plus);
        }
    }

    public synchronized UsageTotal spent() {
        return run;
    }

    /** Why no new attempt of this task may start (the run's budget or the packet's own is spent), else empty. */
    public synchronized Optional<String> exhausted(TaskPacket packet) {
        String taskId = packet.id();
        Optional<String> runWhy = budget.exhaustedBy(run);
        if (runWhy.isPresent()) {
            return Optional.of("the run's budget is spent: " + runWhy.get());
        }
        return packet.budget().exhaustedBy(taskSpent(taskId)).map(why -> "task " + taskId + "'s budget is spent: " + why);
    }

    /** What a new worker of this task may spend of the task's own budget (NONE: the packet has none). */
    public synchronized Budget taskRemaining(TaskPacket packet) {
        Budget task = packet.budget();
        return task.isNone() ? task : task.remaining(taskSpent(packet.id()));
    }

    /**
     * What is left of the run's budget (NONE: no limit): the worker manager shares it among the run's
     * workers, so parallel workers together stop at it, not each on its own.
     */
    public synchronized Budget runRemaining() {
        return budget.remaining(run);
    }

    /**
     * "Budget: $2.00 for the run (spent $0.52: 26%); tasks' own: t1 $0.50" — what the gate, status
     * and the summary say; empty when neither the run nor any packet has a budget.
     */
    public static Optional<String> describe(Budget run, UsageTotal spent, Iterable<JsonNode> packets) {
        StringBuilder line = new StringBuilder();
        if (!run.isNone()) {
            line.append(run.describe()).append(" for the run");
            if (!spent.isEmpty()) {
                line.append(" (spent ").append(spent.brief().replace(" / ", ", ").replace(" tok", " tokens"));
                run.exhaustedBy(spent).ifPresent(why -> line.append(" — spent up"));
                line.append(')');
            }
        }
        java.util.List<String> own = new java.util.ArrayList<>();
        for (JsonNode packet : packets) {
            Budget task = BudgetConfig.ofPacket(packet);
            if (!task.isNone()) {
                own.add(packet.path("id").asText() + " " + task.describe());
            }
        }
        if (!own.isEmpty()) {
            line.append(line.length() == 0 ? "" : "; ").append("tasks' own: ").append(String.join(", ", own));
        }
        return line.length() == 0 ? Optional.empty() : Optional.of(line.toString());
    }

    private UsageTotal taskSpent(String taskId) {
        return byTask.getOrDefault(taskId, UsageTotal.NONE);
    }
}
