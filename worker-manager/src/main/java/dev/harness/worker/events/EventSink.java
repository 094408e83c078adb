package dev.harness.worker.events;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Where a worker_event goes: the current request's context, or the notifier from a background thread. */
@FunctionalInterface
public interface EventSink {
    void publish(ObjectNode event);
}
