package dev.harness.orchestrator.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.orchestrator.OrchestratorException;
import dev.harness.protocol.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the approved plan's tasks in dependency order, up to {@code jobs} at once. A task starts
 * only when all its dependencies completed; a task whose dependency failed or was skipped is
 * skipped with that reason; after an unrecovered failure no new task starts unless keep-going.
 */
final class TaskScheduler {
    /** What an earlier orchestrator already did for a task (resume). */
    record Prior(String status, String workerId, int attempts, boolean skippedForGood) {}

    /** How the run ended; {@code pause} is set when it waits for a person. */
    record Outcome(int completed, int failed, int skipped, List<String> notStarted, String pausedTask,
                   TaskResult pause, boolean aborted, RuntimeException internal) {}

    private record Done(String taskId, TaskResult result, RuntimeException error) {}

    private final RunContext ctx;
    private final TaskRunner runner;
    private final RunDisplay progress;

    TaskScheduler(RunContext ctx, TaskRunner runner, RunDisplay progress) {
        this.ctx = ctx;
        this.runner = runner;
        this.progress = progress;
    }

    /** Packets in an order where every packet comes after its dependencies (plan order where free). */
    static List<JsonNode> dependencyOrder(List<JsonNode> packets) {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        for (JsonNode packet : packets) {
            String id = packet.path("id").asText();
            if (byId.put(id, packet) != null) {
                throw OrchestratorException.usage("The plan has two tasks with the id '" + id + "'.");
            }
        }
        for (JsonNode packet : packets) {
            for (JsonNode dep : packet.path("depends_on")) {
                if (!byId.containsKey(dep.asText())) {
                    throw OrchestratorException.usage("Task " + packet.path("id").asText() + " depends on '" + dep.asText()
                            + "', which is not in the plan.");
                }
            }
        }
        List<JsonNode> ordered = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        while (ordered.size() < packets.size()) {
            boolean progressMade = false;
            for (JsonNode packet : packets) {
                String id = packet.path("id").asText();
                if (placed.contains(id)) {
                    continue;
                }
                boolean ready = true;
                for (JsonNode dep : packet.path("depends_on")) {
                    ready &= placed.contains(dep.asText());
                }
                if (ready) {
                    ordered.add(packet);
                    placed.add(id);
                    progressMade = true;
                }
            }
            if (!progressMade) {
                List<String> stuck = new ArrayList<>(byId.keySet());
                stuck.removeAll(placed);
                throw OrchestratorException.usage("The plan's dependencies form a cycle among: " + String.join(", ", stuck) + ".");
            }
        }
        return ordered;
    }

    Outcome run(List<JsonNode> packets, Map<String, Prior> prior) {
        List<JsonNode> order = dependencyOrder(packets);
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        Map<String, String> state = new HashMap<>();
        Map<String, TaskRunner.Start> starts = new HashMap<>();
        for (JsonNode packet : order) {
            String id = packet.path("id").asText();
            byId.put(id, packet);
            Prior before = prior.get(id);
            if (before != null && before.status().equals("completed")) {
                state.put(id, "completed");
            } else if (before != null && before.status().equals("skipped") && before.skippedForGood()) {
                state.put(id, "skipped");
            } else {
                state.put(id, "pending");
                if (before != null && before.workerId() != null) {
                    starts.put(id, new TaskRunner.Start.Existing(before.workerId(), Math.max(1, before.attempts())));
                } else {
                    starts.put(id, new TaskRunner.Start.Fresh(before == null ? 1 : before.attempts() + 1));
                }
            }
        }
        progress.bar(count(state, "completed") + count(state, "skipped") + count(state, "failed"));

        AtomicBoolean aborting = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(ctx.settings().jobs(), r -> {
            Thread thread = new Thread(r, "task");
            thread.setDaemon(true);
            return thread;
        });
        ExecutorCompletionService<Done> done = new ExecutorCompletionService<>(pool);
        int running = 0;
        int failures = 0;
        String pausedTask = null;
        TaskResult pause = null;
        RuntimeException internal = null;
        try {
            while (true) {
                skipDependents(order, state);
                boolean stopNew = aborting.get() || pause != null || internal != null
                        || (failures > 0 && !ctx.settings().keepGoing());
                if (!stopNew) {
                    for (JsonNode packet : order) {
                        if (running >= ctx.settings().jobs()) {
                            break;
                        }
                        String id = packet.path("id").asText();
                        if (!state.get(id).equals("pending") || !dependenciesCompleted(packet, state)) {
                            continue;
                        }
                        state.put(id, "running");
                        running++;
                        TaskRunner.Start start = starts.get(id);
                        done.submit(() -> {
                            try {
                                return new Done(id, runner.run(packet, start, aborting::get), null);
                            } catch (RuntimeException e) {
                                return new Done(id, null, e);
                            }
                        });
                    }
                }
                if (running == 0) {
                    break;
                }
                Done finished = done.take().get();
                running--;
                String id = finished.taskId();
                if (finished.error() != null) {
                    internal = finished.error();
                    state.put(id, "failed");
                    failures++;
                    recordInternalFailure(id, byId.get(id), finished.error());
                    continue;
                }
                TaskResult result = finished.result();
                if (result instanceof TaskResult.Completed) {
                    state.put(id, "completed");
                } else if (result instanceof TaskResult.Skipped) {
                    state.put(id, "skipped");
                } else if (result instanceof TaskResult.Failed) {
                    state.put(id, "failed");
                    failures++;
                } else if (result instanceof TaskResult.Aborted) {
                    state.put(id, "failed");
                    failures++;
                    aborting.set(true);
                } else {
                    state.put(id, "waiting");
                    if (pause == null) {
                        pause = result;
                        pausedTask = id;
                    }
                }
                progress.bar(count(state, "completed") + count(state, "skipped") + count(state, "failed"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            aborting.set(true);
            throw new OrchestratorException(dev.harness.orchestrator.ExitCode.INTERNAL, "Interrupted while tasks were running.", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        List<String> notStarted = new ArrayList<>();
        for (Map.Entry<String, String> entry : state.entrySet()) {
            if (entry.getValue().equals("pending")) {
                notStarted.add(entry.getKey());
            }
        }
        return new Outcome(count(state, "completed"), count(state, "failed"), count(state, "skipped"),
                order.stream().map(p -> p.path("id").asText()).filter(notStarted::contains).toList(),
                pausedTask, pause, aborting.get(), internal);
    }

    private void recordInternalFailure(String id, JsonNode packet, RuntimeException error) {
        ObjectNode details = Json.object();
        details.put("task_id", id);
        details.put("failure_class", "unknown");
        details.put("reason", WorkerSnapshot.oneLine(String.valueOf(error.getMessage())));
        details.put("escalation_required", false);
        ctx.log().append("task_failed", details);
        progress.failed(id, TaskRunner.title(packet), null, "unknown", WorkerSnapshot.oneLine(String.valueOf(error.getMessage())), false);
    }

    private static boolean dependenciesCompleted(JsonNode packet, Map<String, String> state) {
        for (JsonNode dep : packet.path("depends_on")) {
            if (!"completed".equals(state.get(dep.asText()))) {
                return false;
            }
        }
        return true;
    }

    /** A pending task whose dependency failed or was skipped is skipped, naming the dependency. */
    private void skipDependents(List<JsonNode> order, Map<String, String> state) {
        for (JsonNode packet : order) {
            String id = packet.path("id").asText();
            if (!state.get(id).equals("pending")) {
                continue;
            }
            for (JsonNode dep : packet.path("depends_on")) {
                String depState = state.get(dep.asText());
                if ("failed".equals(depState) || "skipped".equals(depState)) {
                    String reason = "dependency " + dep.asText() + " " + depState;
                    state.put(id, "skipped");
                    ObjectNode details = Json.object();
                    details.put("task_id", id);
                    details.put("reason", reason);
                    details.put("cause", "dependency");
                    ctx.log().append("task_skipped", details);
                    progress.skipped(id, TaskRunner.title(packet), reason);
                    break;
                }
            }
        }
    }

    private static int count(Map<String, String> state, String value) {
        return (int) state.values().stream().filter(value::equals).count();
    }
}
