package dev.harness.worker.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harness.api.worker.TestEvidence;
import dev.harness.worker.attempt.AttemptOutcome;
import java.util.List;

/**
 * What a worker host returns for one attempt: the outcome the worker manager classifies (exactly
 * as a local attempt's), what the agent changed in the scope, the commit it pushed to the task's
 * branch on the remote (when the tests passed and the packet asks for a commit), and every event
 * it emitted, in order, so none is lost between heartbeats; the base-vs-result test evidence of
 * its tests (null when none was taken) and the tails of the attempt's logs, which the manager
 * keeps in its own attempt directory as a local attempt's.
 */
public record RemoteResult(String host, int hostAttempt, AttemptOutcome outcome, Changes changes, String branch,
                           String commit, String commitSkipped, List<HostEvent> events, TestEvidence testEvidence,
                           List<LogTail> logs) {

    public RemoteResult {
        events = List.copyOf(events);
        logs = logs == null ? List.of() : List.copyOf(logs);
    }

    /** A result with the events the carrier recorded (it sees every one, also those before the runner's). */
    public RemoteResult withEvents(List<HostEvent> all) {
        return new RemoteResult(host, hostAttempt, outcome, changes, branch, commit, commitSkipped, all, testEvidence, logs);
    }

    /**
     * The end of one log file of the attempt, {@code name} relative to the attempt's directory (the
     * events name it so: a host's paths mean nothing to the manager); {@code truncated} when the
     * head was cut.
     */
    public record LogTail(String name, String text, boolean truncated) {}

    /** What the agent changed in its scope: {@code count} files, a sample of their paths. */
    public record Changes(int count, List<String> sample) {
        public Changes {
            sample = List.copyOf(sample);
        }
    }

    /** A worker event as the host emitted it (relayed to the orchestrator through the manager). */
    public record HostEvent(int index, String kind, JsonNode payload) {}
}
