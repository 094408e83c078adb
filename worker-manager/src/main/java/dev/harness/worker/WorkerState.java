package dev.harness.worker;

import java.util.Locale;

/** A worker's lifecycle state; the wire name is the snake_case constant name. */
public enum WorkerState {
    SPAWNING, TRUST_REQUIRED, READY_FOR_PROMPT, RUNNING, FINISHED, FAILED, CANCELLED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static WorkerState fromWire(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }

    /**
     * Terminal for the lifecycle table: finished and cancelled never change again. Failed is
     * terminal unless an escalation is pending (then a human's "retry" may revive it).
     */
    public boolean isFinal() {
        return this == FINISHED || this == CANCELLED;
    }
}
