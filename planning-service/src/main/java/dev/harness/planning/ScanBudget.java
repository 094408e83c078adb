package dev.harness.planning;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A safety net on how long a workspace scan may take: its walk, then its text index, each get
 * {@code eachNanos}. What bounds a scan is deterministic: the walk's entry and depth limits and the
 * index's file and byte limits, so the same workspace gives the same plan on an idle or a loaded
 * machine. A time limit tight enough to bind on a project made plans depend on the load (2 s cut
 * gson's index at load 30, where it took 3.5-5 s); this one only stops a pathological tree or a
 * stalled file system, and the plan's warnings say so. The walk always takes in its first
 * {@code floorEntries} entries and the index always reads its first slice, so even then a plan has
 * something to stand on.
 */
public record ScanBudget(long eachNanos, int floorEntries, LongSupplier nanoTime) {
    /**
     * Six times and more what walking or indexing the largest projects tried took at load 30 on 2 cores (gson,
     * markdown: 3.5-5.7 s to index): only a tree or a disk far out of the ordinary reaches it.
     */
    public static final Duration DEFAULT = Duration.ofSeconds(30);
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
