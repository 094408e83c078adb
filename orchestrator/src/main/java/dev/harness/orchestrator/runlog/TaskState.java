package dev.harness.orchestrator.runlog;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.harness.api.run.TaskStatus;
import dev.harness.api.run.TaskVerification;
import dev.harness.api.worker.FailureClass;
import dev.harness.api.worker.UsageTotal;
import java.util.List;

/**
 * One task as rebuilt from the log.
 *
 * @param attempts     the highest attempt number seen (0: never started)
 * @param failureClass the last failure class (transient, permission, ...) or null
 * @param lastReason   why it last failed or was skipped, or null
 * @param interrupted  it started and no end was logged: the orchestrator died while it ran
 * @param skippedByDecision skipped by a person's decision or a policy, not because a dependency failed
 * @param verification how far a completed task was verified, as its task_completed recorded it (null in earlier logs)
 * @param testWarning  a completed task's own tests are no evidence for its change (they passed on its base, or it
 *                     changed none): the warning with the tests, or null
 * @param usage        what its attempts used (every usage_recorded of the task, retries included)
 * @param files        the files its packet says it is expected to change (empty when the packet lists none)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class) // same field names as the event log
public record TaskState(
        String id,
        String title,
        List<String> dependsOn,
        TaskStatus status,
        String workerId,
        int attempts,
        FailureClass failureClass,
        String lastReason,
        boolean interrupted,
        boolean skippedByDecision,
        Long durationMs,
        String branch,
        String commit,
        TaskVerification verification,
        String testWarning,
        UsageTotal usage,
        List<String> files) {
    public TaskState {
        dependsOn = List.copyOf(dependsOn);
        files = files == null ? List.of() : List.copyOf(files);
    }
}
