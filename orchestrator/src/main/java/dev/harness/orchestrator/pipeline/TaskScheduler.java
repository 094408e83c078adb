package dev.harness.orchestrator.pipeline;

import dev.harness.api.plan.ApprovedPacket;
import dev.harness.api.plan.TaskPacket;
import dev.harness.api.worker.FailureClass;
import dev.harness.api.run.SkipCause;
import dev.harness.api.run.RunEvent;
import dev.harness.orchestrator.OrchestratorException;
import dev.harness.api.run.TaskStatus;
import dev.harness.orchestrator.integration.ScopeOverlap;
import dev.harness.protocol.graph.DependencyOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
    record Prior(TaskStatus status, String workerId, int attempts, boolean skippedForGood) {}

    /** How the run ended; {@code pause} is set when it waits for a person. */
    record Outcome(int completed, int failed, int skipped, List<String> notStarted, String pausedTask,
                   TaskResult pause, boolean aborted, RuntimeException internal, List<String> interrupted) {}

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
    static List<ApprovedPacket> dependencyOrder(List<ApprovedPacket> packets) {
        Map<String, TaskPacket> byId = new LinkedHashMap<>();
        for (ApprovedPacket packet : packets) {
            TaskPacket task = packet.task();
            if (byId.put(task.id(), task) != null) {
                throw OrchestratorException.usage("The plan has two tasks with the id '" + task.id() + "'.");
            }
        }
        for (TaskPacket task : byId.values()) {
            for (String dep : task.dependencies()) {
                if (!byId.containsKey(dep)) {
                    throw OrchestratorException.usage("Task " + task.id() + " depends on '" + dep + "', which is not in the plan.");
                }
            }
        }
        DependencyOrder.Result<ApprovedPacket> order = DependencyOrder.of(packets, ApprovedPacket::id,
                p -> p.task().dependencies());
        if (order instanceof DependencyOrder.Cycle<ApprovedPacket> cycle) {
            throw OrchestratorException.usage("The plan's dependencies form a cycle: " + cycle.spelled() + ".");
        }
        return order.orElseThrow();
    }

    Outcome run(List<ApprovedPacket> packets, Map<String, Prior> prior) {
        List<ApprovedPacket> order = dependencyOrder(packets);
        Map<String, ApprovedPacket> byId = new LinkedHashMap<>();
        Map<String, TaskStatus> state = new HashMap<>();
        Map<String, TaskRunner.Start> starts = new HashMap<>();
        for (ApprovedPacket packet : order) {
            String id = packet.id();
            byId.put(id, packet);
            Prior before = prior.get(id);
            if (before != null && before.status() == TaskStatus.COMPLETED) {
                state.put(id, TaskStatus.COMPLETED);
            } else if (before != null && before.status() == TaskStatus.SKIPPED && before.skippedForGood()) {
                state.put(id, TaskStatus.SKIPPED);
            } else {
                state.put(id, TaskStatus.PENDING);
                if (before != null && before.workerId() != null) {
                    starts.put(id, new TaskRunner.Start.Existing(before.workerId(), Math.max(1, before.attempts())));
                } else {
                    starts.put(id, new TaskRunner.Start.Fresh(before == null ? 1 : before.attempts() + 1));
                }
            }
        }
        progress.bar(finishedCount(state));

        Interruption interruption = ctx.interruption();
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
        List<String> interrupted = new ArrayList<>();
        Set<String> postponed = new HashSet<>(); // pending, but not started again in this pass
        try {
            while (true) {
                skipDependents(order, state);
                boolean stopNew = aborting.get() || interruption.requested() || pause != null || internal != null
                        || (failures > 0 && !ctx.settings().keepGoing());
                if (!stopNew) {
                    for (ApprovedPacket packet : order) {
                        if (running >= ctx.settings().jobs()) {
                            break;
                        }
                        String id = packet.id();
                        if (state.get(id) != TaskStatus.PENDING || postponed.contains(id) || !dependenciesCompleted(packet, state)) {
                            continue;
                        }
                        if (!ctx.settings().verifyOnly() && ScopeOverlap.overlapsAny(packet.task(), order.stream()
                                .filter(p -> state.get(p.id()) == TaskStatus.RUNNING).map(ApprovedPacket::task).toList())) {
                            continue; // it may change the same files as a running task: it waits, to avoid a conflict
                        }
                        state.put(id, TaskStatus.RUNNING);
                        running++;
                        TaskRunner.Start start = starts.get(id);
                        done.submit(() -> {
                            try {
                                return new Done(id, runner.run(packet, start,
                                        () -> aborting.get() || interruption.requested()), null);
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
                    if (interruption.requested()) {
                        // the services went down with the orchestrator (e.g. Ctrl-C reached them too)
                        state.put(id, TaskStatus.PENDING);
                        interrupted.add(id);
                        continue;
                    }
                    internal = finished.error();
                    state.put(id, TaskStatus.FAILED);
                    failures++;
                    recordInternalFailure(id, byId.get(id), finished.error());
                    continue;
                }
                TaskResult result = finished.result();
                if (result instanceof TaskResult.Completed) {
                    state.put(id, TaskStatus.COMPLETED);
                } else if (result instanceof TaskResult.Skipped) {
                    state.put(id, TaskStatus.SKIPPED);
                } else if (result instanceof TaskResult.Postponed) {
                    state.put(id, TaskStatus.PENDING);
                    postponed.add(id);
                } else if (result instanceof TaskResult.Failed) {
                    state.put(id, TaskStatus.FAILED);
                    failures++;
                } else if (result instanceof TaskResult.Aborted) {
                    state.put(id, TaskStatus.FAILED);
                    failures++;
                    aborting.set(true);
                } else if (result instanceof TaskResult.Interrupted) {
                    state.put(id, TaskStatus.PENDING);
                    interrupted.add(id);
                } else {
                    state.put(id, TaskStatus.AWAITING_DECISION);
                    if (pause == null) {
                        pause = result;
                        pausedTask = id;
                    }
                }
                progress.bar(finishedCount(state));
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
        for (ApprovedPacket packet : order) {
            String id = packet.id();
            if (state.get(id) == TaskStatus.PENDING && !interrupted.contains(id)) {
                notStarted.add(id);
            }
        }
        return new Outcome(count(state, TaskStatus.COMPLETED), count(state, TaskStatus.FAILED), count(state, TaskStatus.SKIPPED),
                notStarted, pausedTask, pause, aborting.get(), internal, List.copyOf(interrupted));
    }

    private void recordInternalFailure(String id, ApprovedPacket packet, RuntimeException error) {
        ctx.log().append(new RunEvent.TaskFailed(id, null, FailureClass.UNKNOWN,
                FailureReason.oneLine(String.valueOf(error.getMessage())), false));
        progress.failed(id, packet.task().displayTitle(), null, "unknown", FailureReason.oneLine(String.valueOf(error.getMessage())), false);
    }

    private static boolean dependenciesCompleted(ApprovedPacket packet, Map<String, TaskStatus> state) {
        for (String dep : packet.task().dependencies()) {
            if (state.get(dep) != TaskStatus.COMPLETED) {
                return false;
            }
        }
        return true;
    }

    /** A pending task whose dependency failed or was skipped is skipped, naming the dependency. */
    private void skipDependents(List<ApprovedPacket> order, Map<String, TaskStatus> state) {
        for (ApprovedPacket packet : order) {
            String id = packet.id();
            if (state.get(id) != TaskStatus.PENDING) {
                continue;
            }
            for (String dep : packet.task().dependencies()) {
                TaskStatus depState = state.get(dep);
                if (depState == TaskStatus.FAILED || depState == TaskStatus.SKIPPED) {
                    String reason = "dependency " + dep + " " + depState.wire();
                    state.put(id, TaskStatus.SKIPPED);
                    ctx.log().append(new RunEvent.TaskSkipped(id, reason, SkipCause.DEPENDENCY));
                    progress.skipped(id, packet.task().displayTitle(), reason);
                    break;
                }
            }
        }
    }

    private static int count(Map<String, TaskStatus> state, TaskStatus value) {
        return (int) state.values().stream().filter(value::equals).count();
    }

    private static int finishedCount(Map<String, TaskStatus> state) {
        return count(state, TaskStatus.COMPLETED) + count(state, TaskStatus.SKIPPED) + count(state, TaskStatus.FAILED);
    }
}
