package dev.harness.worker.lifecycle;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** ISO-8601 UTC with milliseconds, the suite's one time format. */
public final class WorkerClock {
    private WorkerClock() {}

    public static String iso(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }
}
