package dev.harness.orchestrator.runlog;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.harness.api.run.RunStatus;
import dev.harness.api.worker.UsageTotal;
import dev.harness.protocol.Json;
import dev.harness.protocol.fs.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Optional;

/**
 * What {@code runs} shows of a run, kept beside its log ({@code summary.json}) so listing runs does not
 * replay every run's whole log each time: binding a long log's events costs a read-only command most of
 * its CPU. It only stands for the exact log it was made from — same file, size and modification time —
 * so a run still being written, a torn last line completed or repaired, or any other change to the log
 * replays the log and writes a new one. It holds the status as logged; whether a running run's writer is
 * still alive is asked anew every time ({@link RunSummary#liveStatus}).
 *
 * @param started as {@link Instant#toString} (the shared mapper has no java.time module)
 * @param format bumped whenever what the reducer makes of a log changes, so older snapshots are replayed
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record SummarySnapshot(int format, LogStamp log, String objective, RunStatus loggedStatus, String started,
                       int total, int completed, int failed, int skipped, UsageTotal usage) {
    static final int FORMAT = 1;
    static final String FILE = "summary.json";

    /** Identifies one state of the log: an append changes its size, a rewrite its file or time. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record LogStamp(String file, long size, String modified) {
        static Optional<LogStamp> of(Path eventsFile) {
            try {
                BasicFileAttributes a = Files.readAttributes(eventsFile, BasicFileAttributes.class);
                return Optional.of(new LogStamp(String.valueOf(a.fileKey()), a.size(), a.lastModifiedTime().toString()));
            } catch (IOException e) {
                return Optional.empty(); // the replay that follows names the problem
            }
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
            SummarySnapshot kept = Json.MAPPER.readValue(file.toFile(), SummarySnapshot.class);
            return kept.format() == FORMAT && stamp.equals(kept.log()) && kept.loggedStatus() != null
                    && kept.usage() != null && (kept.started() == null || Instant.parse(kept.started()) != null)
                    ? Optional.of(kept) : Optional.empty();
        } catch (IOException | java.time.format.DateTimeParseException e) {
            return Optional.empty(); // damaged or from another version: the log is the truth, replay it
        }
    }

    /**
     * Keeps this snapshot for the next listing. Whether it could be written changes nothing the person
     * sees (a read-only state directory just replays every time), so a failure is only returned.
     */
    boolean keep(RunDirectory dir) {
        try {
            AtomicFile.writeStringOwnerOnly(dir.path().resolve(FILE), Json.write(this));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
