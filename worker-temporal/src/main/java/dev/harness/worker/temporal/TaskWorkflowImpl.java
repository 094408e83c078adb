package dev.harness.worker.temporal;

import dev.harness.worker.remote.RemoteResult;
import dev.harness.worker.remote.RemoteTask;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * Runs the attempt as one activity whose options come from the task: the heartbeat timeout after
 * which a silent host's attempt goes to another host, and the retry policy the worker manager
 * derived from the recovery recipes (the transient recipe's retries and backoff; the failure
 * classes whose recipe does not retry are non-retryable error types).
 */
public final class TaskWorkflowImpl implements TaskWorkflow {
    /** Preparing a worktree (an install) may take this long on top of the agent and the tests. */
    static final Duration SETUP_ALLOWANCE = Duration.ofMinutes(20);

    @Override
    public RemoteResult run(RemoteTask task) {
        TaskActivity activity = Workflow.newActivityStub(TaskActivity.class, options(task));
        return activity.attempt(task);
    }

    static ActivityOptions options(RemoteTask task) {
        RemoteTask.RetryTerms terms = task.retry();
        int checks = task.packet().path("acceptance_tests").size() + 1;
        Duration bound = Duration.ofSeconds(Math.max(1, task.timeoutSeconds()) * checks).plus(SETUP_ALLOWANCE);
        return ActivityOptions.newBuilder()
                .setStartToCloseTimeout(bound)
                .setHeartbeatTimeout(Duration.ofSeconds(task.heartbeatSeconds()))
                .setRetryOptions(RetryOptions.newBuilder()
                        .setMaximumAttempts(terms.maxAttempts())
                        .setInitialInterval(Duration.ofMillis(terms.initialIntervalMs()))
                        .setBackoffCoefficient(terms.backoffCoefficient())
                        .setDoNotRetry(terms.nonRetryable().toArray(String[]::new))
                        .build())
                .build();
    }
}
