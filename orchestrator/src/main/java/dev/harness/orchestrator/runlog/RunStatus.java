package dev.harness.orchestrator.runlog;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** Where a run stands, as rebuilt from its log. Wire names are snake_case. */
public enum RunStatus {
    PLANNED,
    AWAITING_APPROVAL,
    REJECTED,
    RUNNING,
    AWAITING_DECISION,
    /** The orchestrator was interrupted (SIGINT/SIGTERM), or is gone while the log says running. */
    INTERRUPTED,
    COMPLETED,
    /** Ended with nothing failed but some tasks skipped (by decision or policy): not everything was done. */
    COMPLETED_WITH_SKIPS,
    FAILED,
    ABORTED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<RunStatus> fromWire(String name) {
        for (RunStatus status : values()) {
            if (status.wireName().equals(name)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }

    /** Nothing more will happen to the run without a new decision (or ever). */
    public boolean isTerminal() {
        return this == REJECTED || this == COMPLETED || this == COMPLETED_WITH_SKIPS || this == FAILED || this == ABORTED;
    }

    @Override
    public String toString() {
        return wireName();
    }
}
