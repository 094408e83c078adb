package dev.harness.worker.temporal;

import dev.harness.worker.remote.RemoteResult;
import java.util.List;

/**
 * A host's heartbeat details: who runs the attempt (and which dispatch of it this is) and every
 * event so far, so the worker manager relays them while the attempt runs; a later heartbeat
 * carries all of an earlier one's events, so one that is throttled away loses nothing.
 */
public record HostProgress(String host, int hostAttempt, List<RemoteResult.HostEvent> events) {
    public HostProgress {
        events = List.copyOf(events);
    }
}
