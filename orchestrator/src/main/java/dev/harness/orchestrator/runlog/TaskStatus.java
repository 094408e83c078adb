package dev.harness.orchestrator.runlog;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** Where one task stands, as rebuilt from the log. Wire names are snake_case. */
public enum TaskStatus {
    PENDING,
    /** Started and not ended; once the orchestrator is gone this means interrupted. */
    RUNNING,
    COMPLETED,
    FAILED,
    SKIPPED,
    AWAITING_DECISION;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<TaskStatus> fromWire(String name) {
        for (TaskStatus status : values()) {
            if (status.wireName().equals(name)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return wireName();
    }
}
