package dev.harness.worker.attempt;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.Json;
import dev.harness.worker.events.WorkerEvents;
import dev.harness.worker.lifecycle.WorkerClock;
import dev.harness.worker.recovery.Classification;
import java.nio.file.Path;
import java.time.Instant;

/** One attempt as the worker's record keeps it (attempt_history): agent, tests, outcome, failure. */
public final class AttemptSummary {
    private AttemptSummary() {}

    public static ObjectNode of(AttemptOutcome outcome, Classification failure, Instant started, Path attemptDir) {
        ObjectNode node = Json.object();
        node.put("attempt", outcome.attempt());
        node.put("started_at", WorkerClock.iso(started));
        node.put("ended_at", WorkerClock.iso(Instant.now()));
        node.put("log_dir", attemptDir.toString());
        AttemptOutcome.AgentResult agent = outcome.agent();
        if (agent != null && agent.ran()) {
            ObjectNode a = node.putObject("agent");
            a.put("command", agent.command());
            if (agent.exitCode() == null) {
                a.putNull("exit_code");
            } else {
                a.put("exit_code", agent.exitCode());
            }
            a.put("timed_out", agent.timedOut());
            a.put("duration_ms", agent.durationMs());
            if (agent.startError() != null) {
                a.put("start_error", agent.startError());
            }
            if (agent.log() != null) {
                node.put("agent_log", agent.log());
            }
        }
        ArrayNode tests = node.putArray("acceptance");
        for (int i = 0; i < outcome.tests().size(); i++) {
            tests.add(WorkerEvents.payload(AttemptRunner.testResult(outcome.tests().get(i), i)));
        }
        if (outcome.setupFailure() != null) {
            node.put("setup_failure", outcome.setupFailure().message());
        }
        node.put("outcome", failure == null ? "passed" : "failed");
        if (failure != null) {
            node.put("failure_class", failure.failureClass().wire());
            node.set("evidence", failure.evidence().deepCopy());
        }
        return node;
    }
}
