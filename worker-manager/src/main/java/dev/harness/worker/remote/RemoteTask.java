package dev.harness.worker.remote;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One attempt of a worker as a worker host receives it: everything a host needs to run it the way
 * the local executor does, in its own checkout. The repository comes from {@code gitRemote}: the
 * worker manager pushed the commit to start from ({@code startRef}, at {@code startCommit}) and each
 * base the task builds on ({@code baseRefs}, refs on that remote, merged in order) before dispatch;
 * the host pushes the task's commit to {@code branch} there. {@code workspacePath} is where the
 * workspace sits inside the repository ("" for its top). {@code systemPrompt} is the text of the
 * bootstrap's assembled system prompt (the host cannot read the manager's files; null when the run
 * has none) and {@code maxBudgetUsd} what is left of the task's and the run's dollar budget at
 * dispatch (Claude stops itself there; null without one). Nothing here is a secret: a host's
 * credentials live in its own environment.
 */
public record RemoteTask(String workerId, String taskId, String runId, int attempt, String gitRemote, String startRef,
                         String startCommit, List<String> baseRefs, String branch, String workspacePath, String scopePath,
                         boolean scopeExisted, JsonNode packet, String agent, String extraPrompt, String feedback,
                         long timeoutSeconds, String setup, RetryTerms retry, long heartbeatSeconds,
                         String systemPrompt, Double maxBudgetUsd) {

    public RemoteTask {
        baseRefs = List.copyOf(baseRefs);
    }

    /** The workflow of this attempt: one per worker and attempt, so a dispatched attempt is never started twice. */
    public String workflowId() {
        return "harness-" + workerId + "-attempt-" + attempt;
    }

    /**
     * How the executor retries an attempt whose host failed it before it could produce an outcome
     * (the host died, lost its heartbeat, or could not fetch): from the recovery recipe of the
     * transient class. {@code nonRetryable} are the failure classes whose recipe does not retry.
     */
    public record RetryTerms(int maxAttempts, long initialIntervalMs, double backoffCoefficient, List<String> nonRetryable) {
        public RetryTerms {
            nonRetryable = List.copyOf(nonRetryable);
        }
    }
}
