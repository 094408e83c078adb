package dev.harness.worker.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harness.worker.attempt.AttemptOutcome;
import java.util.List;

/**
 * What a worker host returns for one attempt: the outcome the worker manager classifies (exactly
 * as a local attempt's), what the agent changed in the scope, the commit it pushed to the task's
 * branch on the remote (when the tests passed and the packet asks for a commit), and every event
 * it emitted, in order, so none is lost between heartbeats.
 */
public record RemoteResult(String host, int hostAttempt, AttemptOutcome outcome, Changes changes, String branch,
                           String commit, String commitSkipped, List<HostEvent> events) {

    public RemoteResult {
        events = List.copyOf(events);
    }

    /** What the agent changed in its scope: {@code count} files, a sample of their paths. */
    public record Changes(int count, List<String> sample) {
        public Changes {
            sample = List.copyOf(sample);
        }
    }

    /** A worker event as the host emitted it (relayed to the orchestrator through the manager). */
    public record HostEvent(int index, String kind, JsonNode payload) {}
}
