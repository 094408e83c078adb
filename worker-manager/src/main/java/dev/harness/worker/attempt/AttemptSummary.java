package dev.harness.worker.attempt;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.api.worker.Evidence;
import dev.harness.api.worker.FailureClass;
import dev.harness.api.worker.WorkerEventPayload;
import dev.harness.protocol.Json;
import dev.harness.worker.lifecycle.WorkerClock;
import dev.harness.worker.recovery.Classification;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One attempt as the worker's record keeps it (an entry of attempt_history): agent, tests,
 * outcome (passed or failed) and, when it failed, the class and the evidence.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AttemptSummary(int attempt, String startedAt, String endedAt, String logDir, Agent agent, String agentLog,
                             List<WorkerEventPayload.AcceptanceTestResult> acceptance, String setupFailure, String outcome,
                             FailureClass failureClass, Evidence evidence) {
    /** The agent's run, when one ran. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Agent(String command, @JsonInclude(JsonInclude.Include.ALWAYS) Integer exitCode, boolean timedOut,
                        long durationMs, String startError) {}

    public static AttemptSummary of(AttemptOutcome outcome, Classification failure, Instant started, Path attemptDir) {
        AttemptOutcome.AgentResult ran = outcome.agent() != null && outcome.agent().ran() ? outcome.agent() : null;
        List<WorkerEventPayload.AcceptanceTestResult> tests = new ArrayList<>();
        for (int i = 0; i < outcome.tests().size(); i++) {
            tests.add(AttemptRunner.testResult(outcome.tests().get(i), i));
        }
        return new AttemptSummary(outcome.attempt(), WorkerClock.iso(started), WorkerClock.iso(Instant.now()),
                attemptDir.toString(),
                ran == null ? null : new Agent(ran.command(), ran.exitCode(), ran.timedOut(), ran.durationMs(), ran.startError()),
                ran == null ? null : ran.log(), tests,
                outcome.setupFailure() == null ? null : outcome.setupFailure().message(), failure == null ? "passed" : "failed",
                failure == null ? null : failure.failureClass(), failure == null ? null : failure.evidence());
    }

    /** As attempt_history holds it. */
    public ObjectNode toJson() {
        return (ObjectNode) Json.toNode(this);
    }
}
