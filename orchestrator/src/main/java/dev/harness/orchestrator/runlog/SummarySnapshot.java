package dev.harness.orchestrator.runlog;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.JsonNode;
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

    /**
     * The snapshot of this exact log, if one was written and still holds. Read from the JSON tree, not
     * bound to the record: binding a record type by reflection costs a cold process about 40 ms of CPU,
     * as much as the rest of reading it.
     */
    static Optional<SummarySnapshot> find(RunDirectory dir, LogStamp stamp) {
        Path file = dir.path().resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode kept = Json.parse(Files.readString(file));
            JsonNode log = kept.path("log");
            JsonNode usage = kept.path("usage");
            if (kept.path("format").asInt() != FORMAT || !log.path("file").isTextual()
                    || !stamp.equals(new LogStamp(log.path("file").asText(), log.path("size").asLong(-1),
                            log.path("modified").asText()))
                    || !kept.path("logged_status").isTextual() || !usage.isObject()) {
                return Optional.empty();
            }
            String started = kept.path("started").isTextual() ? kept.get("started").asText() : null;
            if (started != null) {
                Instant.parse(started);
            }
            return Optional.of(new SummarySnapshot(FORMAT, stamp, kept.path("objective").isTextual()
                    ? kept.get("objective").asText() : null, RunStatus.fromWire(kept.get("logged_status").asText()),
                    started, kept.path("total").asInt(), kept.path("completed").asInt(), kept.path("failed").asInt(),
                    kept.path("skipped").asInt(), new UsageTotal(usage.path("cost_usd").isNumber()
                            ? usage.get("cost_usd").asDouble() : null, usage.path("input_tokens").asLong(),
                            usage.path("output_tokens").asLong(), usage.path("cache_read_tokens").asLong(),
                            usage.path("cache_creation_tokens").asLong(), usage.path("turns").asInt(),
                            usage.path("attempts").asInt())));
        } catch (IOException | IllegalArgumentException | java.time.format.DateTimeParseException e) {
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
