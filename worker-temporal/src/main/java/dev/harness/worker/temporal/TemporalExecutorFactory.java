package dev.harness.worker.temporal;

import dev.harness.protocol.UsageException;
import dev.harness.worker.remote.ExecutorSettings;
import dev.harness.worker.remote.RemoteExecutor;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.Map;

/**
 * Named by RemoteExecutors: the worker manager's Temporal executor, connected to the settings'
 * frontend. The worker manager also runs the workflows (each a single activity call, so this costs
 * nothing): the machine that waits for a run's attempts is alive while it waits, whereas a worker
 * host may die with a workflow task in hand; the hosts run the activities only.
 */
public final class TemporalExecutorFactory implements RemoteExecutor.Factory {
    @Override
    public RemoteExecutor connect(ExecutorSettings settings, Map<String, String> env) throws UsageException {
        var stubs = TemporalConnection.stubs(settings, env, Duration.ofSeconds(30));
        WorkflowClient client = TemporalConnection.client(stubs, settings, TemporalConnection.identity("worker-manager"));
        WorkerFactory workflows = WorkerFactory.newInstance(client);
        // no sticky queue: a manager killed with a workflow cached would hold its next task on a queue
        // only it polls; without one, the next manager (restarted, or a resumed run's) takes it at once
        workflows.newWorker(settings.taskQueue(), WorkerOptions.newBuilder()
                .setStickyQueueScheduleToStartTimeout(Duration.ZERO).build())
                .registerWorkflowImplementationTypes(TaskWorkflowImpl.class);
        workflows.start();
        return new TemporalExecutor(client, settings, workflows);
    }
}
