package dev.harness.api.run;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * One line of events.jsonl: the fields the log gives every line (seq, time, run_id) and the
 * event. {@link RunEventCodec} is the one place that turns it into JSON and back.
 *
 * @param seq  1, 2, 3... in file order, without gaps
 * @param time ISO-8601 UTC with milliseconds, as written
 */
public record LoggedEvent(long seq, String time, String runId, RunEvent event) {
    public LoggedEvent {
        if (time == null || event == null) {
            throw new IllegalArgumentException("a logged event has a time and an event");
        }
    }

    public String kind() {
        return event.kind();
    }

    public String taskId() {
        return event.taskId();
    }

    public String workerId() {
        return event.workerId();
    }

    /** The time as an instant, when it parses. */
    public Optional<Instant> instant() {
        try {
            return Optional.of(Instant.parse(time));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
