package dev.harness.orchestrator.integration;

import dev.harness.api.run.LoggedEvent;
import dev.harness.api.run.RunEvent;
import dev.harness.api.worker.FailureClass;
import dev.harness.api.worker.WorkerEventPayload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the run's log says about its branches and their integration, rebuilt from the events alone
 * (a pure reducer, like RunState): each task's latest verified commit and branch, the worktrees
 * the workers made, the integration base and tip journaled before and after every merge, the
 * merges that conflicted, and whether the result was applied or cleaned.
 */
public final class IntegrationJournal {
    /** A task's verified work: the branch and commit of its latest completion. */
    public record TaskWork(String taskId, String branch, String commit) {}

    /** A worktree a worker made, and the commit it started from. */
    public record Worktree(String taskId, String workerId, String path, String branch, String base) {}

    /** A merge that conflicted (the latest for its task). */
    public record Conflict(String taskId, String branch, String commit, String tip, List<String> files, String sides) {}

    private final Map<String, TaskWork> work = new LinkedHashMap<>();
    private final Map<String, String> merged = new LinkedHashMap<>();
    private final List<Worktree> worktrees = new ArrayList<>();
    private final Map<String, Conflict> conflicts = new LinkedHashMap<>();
    private final Map<String, Integer> conflictCount = new LinkedHashMap<>();
    private final List<String> removedWorktrees = new ArrayList<>();
    private final Map<String, Integer> sentBack = new LinkedHashMap<>();
    private String base;
    private String tip;
    private String branch;
    private String pendingTask;
    private String appliedAs;
    private boolean completed;
    private boolean cleaned;

    /** The run log's events (none when it has no log yet). */
    public static List<LoggedEvent> events(java.nio.file.Path eventsFile) {
        return IntegrationEvents.read(eventsFile);
    }

    public static IntegrationJournal of(List<LoggedEvent> events) {
        IntegrationJournal journal = new IntegrationJournal();
        events.forEach(logged -> journal.apply(logged.event()));
        return journal;
    }

    private void apply(RunEvent event) {
        String task = event.taskId();
        if (event instanceof RunEvent.TaskCompleted e) {
            if (task != null && e.commit() != null) {
                work.put(task, new TaskWork(task, e.branch(), e.commit()));
            } else if (task != null) {
                work.remove(task);
            }
        } else if (event instanceof RunEvent.WorkerEventRelayed e
                && e.details() instanceof WorkerEventPayload.WorktreeCreated created) {
            worktrees.add(new Worktree(task, e.workerId(), created.worktree(), created.branch(), created.baseCommit()));
        } else if (event instanceof RunEvent.MergeStarted e) {
            branch = e.target() != null ? e.target() : branch;
            if (base == null) {
                base = e.base();
            }
            if (tip == null) {
                tip = e.tip();
            }
            pendingTask = task;
            completed = false;
        } else if (event instanceof RunEvent.MergeCompleted e) {
            merged.put(task, e.commit());
            tip = e.result() != null ? e.result() : tip;
            conflicts.remove(task);
            pendingTask = null;
        } else if (event instanceof RunEvent.MergeConflict e) {
            conflicts.put(task, new Conflict(task, e.branch(), e.commit(), e.tip(),
                    e.files() == null ? List.of() : e.files(), e.sides() == null ? "" : e.sides()));
            conflictCount.merge(task, 1, Integer::sum);
            pendingTask = null;
        } else if (event instanceof RunEvent.IntegrationCompleted e) {
            branch = e.branch() != null ? e.branch() : branch;
            base = e.base() != null ? e.base() : base;
            tip = e.tip() != null ? e.tip() : tip;
            completed = true;
        } else if (event instanceof RunEvent.TaskSkipped) {
            if (task != null) {
                work.remove(task); // skipped by decision after a conflict: its work is left out
            }
        } else if (event instanceof RunEvent.TaskFailed e) {
            if (task != null && e.failureClass() == FailureClass.MERGE_CONFLICT) {
                sentBack.merge(task, 1, Integer::sum);
            }
        } else if (event instanceof RunEvent.WorktreeRemoved e) {
            removedWorktrees.add(e.worktree());
        } else if (event instanceof RunEvent.ApplyCompleted e) {
            appliedAs = e.how() != null ? e.how() : "applied";
        } else if (event instanceof RunEvent.CleanCompleted) {
            cleaned = true;
        }
    }

    /** Tasks with a verified commit, in the order they completed. */
    public List<TaskWork> work() {
        return List.copyOf(work.values());
    }

    public TaskWork workOf(String taskId) {
        return work.get(taskId);
    }

    /** The commit of the task that is in the integration branch, or null. */
    public String mergedCommit(String taskId) {
        return merged.get(taskId);
    }

    /** The tasks whose work is in the integration branch, in the order they were merged. */
    public List<String> mergedTasks() {
        return List.copyOf(merged.keySet());
    }

    public boolean isMerged(TaskWork task) {
        return task.commit().equals(merged.get(task.taskId()));
    }

    public List<Worktree> worktrees() {
        return List.copyOf(worktrees);
    }

    public boolean removed(String worktree) {
        return removedWorktrees.contains(worktree);
    }

    public Conflict conflictOf(String taskId) {
        return conflicts.get(taskId);
    }

    public int conflicts(String taskId) {
        return conflictCount.getOrDefault(taskId, 0);
    }

    /** How often the task failed with merge_conflict (was sent back, or given up on). */
    public int sentBack(String taskId) {
        return sentBack.getOrDefault(taskId, 0);
    }

    public String base() {
        return base;
    }

    public String tip() {
        return tip;
    }

    public String branch() {
        return branch;
    }

    /** A merge whose start was journaled but whose end was not (the orchestrator died in between). */
    public String pendingTask() {
        return pendingTask;
    }

    public boolean completed() {
        return completed;
    }

    public String appliedAs() {
        return appliedAs;
    }

    public boolean cleaned() {
        return cleaned;
    }

    /** The commit a task's worktree started from (its first worktree), or null. */
    public String startOf(String taskId) {
        for (Worktree w : worktrees) {
            if (taskId.equals(w.taskId()) && w.base() != null) {
                return w.base();
            }
        }
        return null;
    }
}
