package dev.harness.orchestrator.attention;

import dev.harness.api.run.LoggedEvent;
import dev.harness.api.run.RunEvent;
import dev.harness.api.run.RunStatus;
import dev.harness.api.run.TaskStatus;
import dev.harness.api.worker.WorkerEventPayload;
import dev.harness.orchestrator.runlog.Escalation;
import dev.harness.orchestrator.runlog.RunState;
import dev.harness.orchestrator.runlog.TaskState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a person watching a run sees of it, derived from its typed events and the {@link RunState}
 * they fold into: each task with its depth in the plan's dependency tree, the time it has run (or
 * ran), its attempt, and the last line its worker's output tails showed; what the run waits for; and
 * what it spent against its budget (null when nothing was spent and it has none).
 * Shared by {@code watch} and the dashboard, so both say the same.
 */
public record RunView(String runId, String objective, RunStatus status, List<TaskView> tasks, String waitingFor,
                      Instant startedAt, Instant lastEventAt, String spend) {

    /** One task's line. {@code elapsed} is null for a task that never started. */
    public record TaskView(String id, String title, List<String> dependsOn, int depth, TaskStatus status,
                           int attempt, Duration elapsed, String lastLine, String reason) {}

    /**
     * @param events the run's log, in order
     * @param status the run's live status (the log's, corrected by the writer lock)
     * @param now    the clock for running tasks' elapsed time
     */
    public static RunView of(List<LoggedEvent> events, RunState state, RunStatus status, Instant now) {
        Map<String, Instant> started = new HashMap<>();
        Map<String, Instant> ended = new HashMap<>();
        Map<String, String> lastLine = new HashMap<>();
        for (LoggedEvent logged : events) {
            RunEvent event = logged.event();
            String task = event.taskId();
            if (task == null) {
                continue;
            }
            Optional<Instant> at = logged.instant();
            if (event instanceof RunEvent.TaskStarted) {
                at.ifPresent(t -> started.put(task, t));
                ended.remove(task);
            } else if (event instanceof RunEvent.TaskCompleted || event instanceof RunEvent.TaskFailed
                    || event instanceof RunEvent.TaskSkipped) {
                at.ifPresent(t -> ended.put(task, t));
            } else if (event instanceof RunEvent.SetupFailed setup) {
                lastLineOf(setup.outputTail()).ifPresent(l -> lastLine.put(task, l));
            } else if (event instanceof RunEvent.WorkerEventRelayed relayed) {
                outputTail(relayed.details()).flatMap(RunView::lastLineOf).ifPresent(l -> lastLine.put(task, l));
            }
        }
        Map<String, Integer> depth = new HashMap<>();
        List<TaskView> tasks = new ArrayList<>();
        for (String id : state.dependencyOrder()) {
            TaskState task = state.task(id, status).orElse(null);
            if (task == null) {
                continue;
            }
            int d = 0;
            for (String dep : task.dependsOn()) {
                d = Math.max(d, depth.getOrDefault(dep, 0) + 1);
            }
            depth.put(id, d);
            Instant from = started.get(id);
            Duration elapsed = null;
            if (from != null) {
                Instant to = task.status() == TaskStatus.RUNNING ? now : ended.getOrDefault(id, now);
                elapsed = Duration.between(from, to.isBefore(from) ? from : to);
            }
            tasks.add(new TaskView(id, task.title(), task.dependsOn(), d, task.status(), task.attempts(), elapsed,
                    lastLine.get(id), task.failureClass() == null ? task.lastReason()
                    : task.failureClass().wire() + (task.lastReason() == null ? "" : ": " + task.lastReason())));
        }
        return new RunView(state.runId(), state.objective(), status, List.copyOf(tasks), waitingFor(state, status),
                state.startedAt().orElse(null), state.lastEventAt().orElse(null), SpendLines.summary(state.usage(), state.budget()));
    }

    /** The last non-blank line of an output tail. */
    static Optional<String> lastLineOf(String tail) {
        if (tail == null) {
            return Optional.empty();
        }
        String[] lines = tail.split("\\R");
        for (int i = lines.length - 1; i >= 0; i--) {
            if (!lines[i].isBlank()) {
                return Optional.of(lines[i].strip());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> outputTail(WorkerEventPayload details) {
        if (details instanceof WorkerEventPayload.AgentExited agent) {
            return Optional.ofNullable(agent.outputTail());
        }
        if (details instanceof WorkerEventPayload.AcceptanceTestResult test) {
            return Optional.ofNullable(test.outputTail());
        }
        if (details instanceof WorkerEventPayload.SetupFailed setup) {
            return Optional.ofNullable(setup.outputTail());
        }
        if (details instanceof WorkerEventPayload.WorktreePrepared prepared) {
            return Optional.ofNullable(prepared.outputTail());
        }
        return Optional.empty();
    }

    /** What the run waits for, in a person's words, or null when it waits for nobody. */
    static String waitingFor(RunState state, RunStatus status) {
        return switch (status) {
            case AWAITING_APPROVAL -> state.approvedDigest() == null || !state.approvalHolds()
                    ? "approval of the plan" + state.pauseReason().map(r -> " (" + r + ")").orElse("")
                    : "trust in the workspace" + state.pauseReason().map(r -> " (" + r + ")").orElse(""); // the trust gate pauses so
            case AWAITING_TRUST -> "trust in the workspace" + state.pauseReason().map(r -> " (" + r + ")").orElse("");
            case AWAITING_DECISION -> {
                List<Escalation> pending = state.pendingEscalations();
                yield pending.isEmpty() ? "a decision"
                        : "a decision on task " + String.join(", ", pending.stream().map(Escalation::taskId).toList())
                          + " (retry, skip or abort)";
            }
            case INTERRUPTED -> "a resume (no orchestrator is running it)";
            default -> null;
        };
    }

    public int count(TaskStatus wanted) {
        return (int) tasks.stream().filter(t -> t.status() == wanted).count();
    }
}
