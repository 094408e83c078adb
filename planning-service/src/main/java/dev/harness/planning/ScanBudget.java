package dev.harness.planning;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * How long a workspace scan may take: its walk, then its text index, each get {@code eachNanos}. A
 * decompose of / or of a home directory would otherwise walk and read until the entry and byte
 * limits stop it, 30 s alone and minutes on a busy machine (issue 13); with a budget it answers in
 * seconds with what was seen by then, and the plan's warnings say so. The walk always takes in
 * its first {@code floorEntries} entries (a small project is seen whole however loaded the machine
 * is) and the index always reads its first slice, so even a starved scan plans on something.
 */
public record ScanBudget(long eachNanos, int floorEntries, LongSupplier nanoTime) {
    /** Enough to walk and index a 50,000-file repository on an idle machine. */
    public static final Duration DEFAULT = Duration.ofSeconds(2);
    /** Entries every walk takes in before the clock counts: more than any small project has. */
    public static final int FLOOR_ENTRIES = 2_000;

    public static ScanBudget of(Duration each) {
        return new ScanBudget(each.toNanos(), FLOOR_ENTRIES, System::nanoTime);
    }

    /** No time limit: only the entry, depth and byte limits apply. */
    public static ScanBudget unlimited() {
        return new ScanBudget(Long.MAX_VALUE, 0, System::nanoTime);
    }

    /** A stage's clock, started now. */
    public Stage start() {
        return new Stage(nanoTime.getAsLong());
    }

    /** One stage (the walk or the index) of a scan, timed from its start. */
    public final class Stage {
        private final long started;

        private Stage(long started) {
            this.started = started;
        }

        public boolean spent() {
            return nanoTime.getAsLong() - started >= eachNanos;
        }
    }
}
