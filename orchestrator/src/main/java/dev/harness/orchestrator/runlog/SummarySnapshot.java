package dev.harness.orchestrator.runlog;

import dev.harness.api.run.RunStatus;
import dev.harness.api.worker.UsageTotal;
import dev.harness.protocol.fs.AtomicFile;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * What {@code runs} shows of a run, kept beside its log ({@code summary.properties}) so listing runs does not
 * replay every run's whole log each time: binding a long log's events costs a read-only command most of
 * its CPU. It only stands for the exact log it was made from — same file, size and modification time —
 * so a run still being written, a torn last line completed or repaired, or any other change to the log
 * replays the log and writes a new one. It holds the status as logged; whether a running run's writer is
 * still alive is asked anew every time ({@link RunSummary#liveStatus}). A {@link Properties} file (the
 * JDK's own escaping), read without a JSON library, as {@link OutputSnapshot}.
 *
 * @param started as {@link Instant#toString}
 * @param format bumped whenever what the reducer makes of a log changes, so older snapshots are replayed
 */
record SummarySnapshot(int format, LogStamp log, String objective, RunStatus loggedStatus, String started,
                       int total, int completed, int failed, int skipped, UsageTotal usage) {
    static final int FORMAT = 2;
    static final String FILE = "summary.properties";

    /** Identifies one state of the log: an append changes its size, a rewrite its file or time. */
    record LogStamp(String file, long size, String modified) {
        static Optional<LogStamp> of(Path eventsFile) {
            try {
                BasicFileAttributes a = Files.readAttributes(eventsFile, BasicFileAttributes.class);
                return Optional.of(new LogStamp(String.valueOf(a.fileKey()), a.size(), a.lastModifiedTime().toString()));
            } catch (IOException e) {
                return Optional.empty(); // the replay that follows names the problem
            }
        }

        /**
         * The same stamp, field by field: a record's own equals is bootstrapped through method handles on its
         * first call, classes spun at run time that no start-up archive keeps (about a tenth of a kept runs's CPU).
         */
        boolean same(LogStamp other) {
            return size == other.size && file.equals(other.file) && java.util.Objects.equals(modified, other.modified);
        }
    }

    static SummarySnapshot of(LogStamp stamp, RunState state) {
        return new SummarySnapshot(FORMAT, stamp, state.objective(), state.status(), state.startedAt().map(Instant::toString).orElse(null),
                state.taskCount(), state.completedCount(), state.failedCount(), state.skippedCount(), state.usage());
    }

    Instant startedAt() {
        return started == null ? null : Instant.parse(started);
    }

    /** The snapshot of this exact log, if one was written and still holds. */
    static Optional<SummarySnapshot> find(RunDirectory dir, LogStamp stamp) {
        Path file = dir.path().resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Properties kept = new Properties();
            kept.load(new StringReader(Files.readString(file)));
            if (!Integer.toString(FORMAT).equals(kept.getProperty("format"))
                    || !stamp.same(new LogStamp(kept.getProperty("log.file"), Long.parseLong(kept.getProperty("log.size", "-1")),
                            kept.getProperty("log.modified")))
                    || kept.getProperty("logged_status") == null) {
                return Optional.empty();
            }
            String started = kept.getProperty("started");
            if (started != null) {
                Instant.parse(started);
            }
            String cost = kept.getProperty("usage.cost_usd");
            return Optional.of(new SummarySnapshot(FORMAT, stamp, kept.getProperty("objective"),
                    RunStatus.fromWire(kept.getProperty("logged_status")), started, number(kept, "total"),
                    number(kept, "completed"), number(kept, "failed"), number(kept, "skipped"),
                    new UsageTotal(cost == null ? null : Double.valueOf(cost), Long.parseLong(kept.getProperty("usage.input_tokens")),
                            Long.parseLong(kept.getProperty("usage.output_tokens")), Long.parseLong(kept.getProperty("usage.cache_read_tokens")),
                            Long.parseLong(kept.getProperty("usage.cache_creation_tokens")), number(kept, "usage.turns"),
                            number(kept, "usage.attempts"))));
        } catch (IOException | IllegalArgumentException | NullPointerException | java.time.format.DateTimeParseException e) {
            return Optional.empty(); // damaged or from another version: the log is the truth, replay it
        }
    }

    private static int number(Properties kept, String name) {
        return Integer.parseInt(kept.getProperty(name));
    }

    /**
     * Keeps this snapshot for the next listing. Whether it could be written changes nothing the person
     * sees (a read-only state directory just replays every time), so a failure is only returned.
     */
    boolean keep(RunDirectory dir) {
        Properties kept = new Properties();
        kept.setProperty("format", Integer.toString(format));
        kept.setProperty("log.file", log.file());
        kept.setProperty("log.size", Long.toString(log.size()));
        kept.setProperty("log.modified", log.modified());
        if (objective != null) {
            kept.setProperty("objective", objective);
        }
        kept.setProperty("logged_status", loggedStatus.wire());
        if (started != null) {
            kept.setProperty("started", started);
        }
        kept.setProperty("total", Integer.toString(total));
        kept.setProperty("completed", Integer.toString(completed));
        kept.setProperty("failed", Integer.toString(failed));
        kept.setProperty("skipped", Integer.toString(skipped));
        if (usage.costUsd() != null) {
            kept.setProperty("usage.cost_usd", usage.costUsd().toString());
        }
        kept.setProperty("usage.input_tokens", Long.toString(usage.inputTokens()));
        kept.setProperty("usage.output_tokens", Long.toString(usage.outputTokens()));
        kept.setProperty("usage.cache_read_tokens", Long.toString(usage.cacheReadTokens()));
        kept.setProperty("usage.cache_creation_tokens", Long.toString(usage.cacheCreationTokens()));
        kept.setProperty("usage.turns", Integer.toString(usage.turns()));
        kept.setProperty("usage.attempts", Integer.toString(usage.attempts()));
        try {
            StringWriter text = new StringWriter();
            kept.store(text, null);
            AtomicFile.writeStringOwnerOnly(dir.path().resolve(FILE), text.toString());
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
