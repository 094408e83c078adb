package dev.harness.orchestrator.integration;

import com.fasterxml.jackson.databind.JsonNode;
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

    /** The run log's lines whole (with the fields only integration reads). */
    public static List<com.fasterxml.jackson.databind.node.ObjectNode> lines(java.nio.file.Path eventsFile) {
        return IntegrationEvents.read(eventsFile);
    }

    public static IntegrationJournal of(List<? extends JsonNode> events) {
        IntegrationJournal journal = new IntegrationJournal();
        events.forEach(journal::apply);
        return journal;
    }

    private void apply(JsonNode event) {
        String kind = event.path("kind").asText();
        String task = event.path("task_id").asText(null);
        switch (kind) {
            case "task_completed" -> {
                if (task != null && event.hasNonNull("commit")) {
                    work.put(task, new TaskWork(task, event.path("branch").asText(null), event.get("commit").asText()));
                } else if (task != null) {
                    work.remove(task);
                }
            }
            case "worktree_created" -> worktrees.add(new Worktree(task, event.path("worker_id").asText(null),
                    event.at("/payload/worktree").asText(null), event.at("/payload/branch").asText(null),
                    event.at("/payload/base_commit").asText(null)));
            case "merge_started" -> {
                branch = event.path("target").asText(branch);
                if (base == null) {
                    base = event.path("base").asText(null);
                }
                if (tip == null) {
                    tip = event.path("tip").asText(null);
                }
                pendingTask = task;
                completed = false;
            }
            case "merge_completed" -> {
                merged.put(task, event.path("commit").asText());
                tip = event.path("result").asText(tip);
                conflicts.remove(task);
                pendingTask = null;
            }
            case "merge_conflict" -> {
                List<String> files = new ArrayList<>();
                event.path("files").forEach(f -> files.add(f.asText()));
                conflicts.put(task, new Conflict(task, event.path("branch").asText(null), event.path("commit").asText(null),
                        event.path("tip").asText(null), files, event.path("sides").asText("")));
                conflictCount.merge(task, 1, Integer::sum);
                pendingTask = null;
            }
            case "integration_completed" -> {
                branch = event.path("branch").asText(branch);
                base = event.path("base").asText(base);
                tip = event.path("tip").asText(tip);
                completed = true;
            }
            case "task_skipped" -> {
                if (task != null) {
                    work.remove(task); // skipped by decision after a conflict: its work is left out
                }
            }
            case "task_failed" -> {
                if (task != null && "merge_conflict".equals(event.path("failure_class").asText())) {
                    sentBack.merge(task, 1, Integer::sum);
                }
            }
            case "worktree_removed" -> removedWorktrees.add(event.path("worktree").asText());
            case "apply_completed" -> appliedAs = event.path("how").asText("applied");
            case "clean_completed" -> cleaned = true;
            default -> { }
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
