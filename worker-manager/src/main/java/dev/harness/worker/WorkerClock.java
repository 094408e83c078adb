package dev.harness.worker;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** ISO-8601 UTC with milliseconds, the suite's one time format. */
final class WorkerClock {
    private WorkerClock() {}

    static String iso(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }
}
