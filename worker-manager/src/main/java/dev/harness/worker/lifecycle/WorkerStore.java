package dev.harness.worker.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harness.protocol.Json;
import dev.harness.protocol.Log;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Worker records on disk, one JSON file per worker under STATE_DIR/records. A write goes to a
 * temporary file that is then renamed over the old one, so a reader (or a crash) never sees half
 * a record.
 */
public final class WorkerStore {
    private final Path stateDir;
    private final Path records;

    /**
     * How a record file is replaced: always whole (write beside it, then rename), and when
     * {@code forced} also flushed to the device, so that it survives a power cut: {@link #ATOMIC}
     * before it returns, a store's own writer ({@link #WorkerStore(Path)}) right after, on its
     * flush thread ({@link FlushQueue}).
     */
    @FunctionalInterface
    public interface RecordWriter {
        void write(Path target, String text, boolean forced) throws IOException;

        RecordWriter ATOMIC = (target, text, forced) -> {
            if (forced) {
                dev.harness.protocol.fs.AtomicFile.writeString(target, text);
            } else {
                dev.harness.protocol.fs.AtomicFile.replaceString(target, text);
            }
        };
    }

    private final RecordWriter writer;

    /** Forces the records saved as forced, off the saving thread. */
    private final FlushQueue flushes;

    /**
     * Records replaced whole at once and, when forced, flushed to the device by the store's flush
     * thread: a crash of this process loses nothing a save returned from, a power cut at most the
     * last few milliseconds' states (issue 15: the flushes on the request thread were most of a
     * short task's harness time).
     */
    public WorkerStore(Path stateDir) throws IOException {
        this(stateDir, null, FlushQueue.Device.FSYNC);
    }

    /** With a writer of its own (tests): a forced write is flushed by the writer itself, before it returns. */
    public WorkerStore(Path stateDir, RecordWriter writer) throws IOException {
        this(stateDir, writer, FlushQueue.Device.FSYNC);
    }

    /** Records replaced at once, forced ones flushed through {@code device} off the saving thread. */
    WorkerStore(Path stateDir, FlushQueue.Device device) throws IOException {
        this(stateDir, null, device);
    }

    private WorkerStore(Path stateDir, RecordWriter own, FlushQueue.Device device) throws IOException {
        this.flushes = new FlushQueue(device);
        this.writer = own != null ? own : (target, text, forced) -> {
            dev.harness.protocol.fs.AtomicFile.replaceString(target, text);
            if (forced) {
                flushes.add(target);
            }
        };
        this.stateDir = stateDir;
        this.records = stateDir.resolve("records");
        // owner-only like a run's directory: records, logs and copies of the person's files are theirs alone
        dev.harness.protocol.fs.PrivateDirectory.create(stateDir);
        Files.createDirectories(records);
    }

    /** Returns once every forced save made before it is on the device (a manager about to exit). */
    public void flushed() {
        flushes.awaitFlushed();
    }


    Path stateDir() {
        return stateDir;
    }

    Path logsOf(String workerId) {
        return stateDir.resolve("logs").resolve(workerId);
    }

    public Path worktreeOf(String workerId) {
        return stateDir.resolve("worktrees").resolve(workerId);
    }

    /** The worker's events, one JSON line each, appended as they happen: the complete history (the record keeps the latest). */
    Path eventsOf(String workerId) {
        return stateDir.resolve("events").resolve(workerId + ".jsonl");
    }

    /** When the record file last changed (and its size), to notice another manager's writes; 0 when it is gone. */
    long stamp(String workerId) {
        Path file = records.resolve(workerId + ".json");
        try {
            return Files.getLastModifiedTime(file).toMillis() * 31 + Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /** The record as it is on disk now, if it can be read. */
    java.util.Optional<WorkerRecord> load(String workerId) {
        Path file = records.resolve(workerId + ".json");
        try {
            return java.util.Optional.of(withJournal(WorkerRecord.fromDisk(Json.parse(Files.readString(file, StandardCharsets.UTF_8)))));
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * The record with what its journal holds beyond it: the progress events appended after the
     * record's last save (a manager killed before its next save), so their numbers are never given
     * twice. Costs one stat when there is nothing to replay.
     */
    private WorkerRecord withJournal(WorkerRecord record) {
        Path file = eventsOf(record.id);
        long size = file.toFile().length(); // 0 when there is no journal: no exception on this per-load path
        if (record.journalBytes >= 0 && size > record.journalBytes) {
            try (java.io.RandomAccessFile in = new java.io.RandomAccessFile(file.toFile(), "r")) {
                in.seek(record.journalBytes);
                byte[] rest = new byte[(int) Math.min(size - record.journalBytes, Integer.MAX_VALUE - 8)];
                in.readFully(rest);
                for (String line : new String(rest, StandardCharsets.UTF_8).split("\n")) {
                    JsonNode event = line.isBlank() ? null : parsedOrNull(line);
                    if (event instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
                        record.replay(object);
                    }
                }
            } catch (IOException e) {
                Log.warn("cannot read the event journal " + file + " past the record: " + e.getMessage());
            }
        }
        record.journalBytes = size;
        return record;
    }

    private static JsonNode parsedOrNull(String line) {
        try {
            return Json.parse(line);
        } catch (IOException torn) {
            return null; // a line torn by a kill: the event was never answered to anyone
        }
    }

    /** An event as its journal line, UTF-8. */
    static byte[] journalLine(JsonNode event) {
        return (Json.write(event) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Appends an event's line ({@link #journalLine}) to the worker's journal. The record counts it
     * in {@code journalBytes} before it is saved; after a failed append that count follows the file.
     */
    void appendEvent(WorkerRecord record, byte[] line) {
        Path file = eventsOf(record.id);
        try {
            try {
                Files.write(file, line, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            } catch (java.nio.file.NoSuchFileException first) {
                // the journals' directory, made on first use (createDirectories throws inside on every call when it exists)
                Files.createDirectories(file.getParent());
                Files.write(file, line, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            record.journalBytes = file.toFile().length();
            Log.error("cannot append to the event journal " + file + ": " + e.getMessage(), null);
        }
    }

    /** Journal events with seq greater than {@code afterSeq}, oldest first, at most {@code limit}. */
    List<JsonNode> journal(String workerId, long afterSeq, int limit) {
        List<JsonNode> found = new ArrayList<>();
        Path file = eventsOf(workerId);
        if (!Files.isRegularFile(file)) {
            return found;
        }
        try (java.io.BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            long last = afterSeq;
            while ((line = reader.readLine()) != null && found.size() < limit) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode event;
                try {
                    event = Json.parse(line);
                } catch (IOException torn) {
                    continue; // a line torn by a crash; the record holds that event
                }
                long seq = event.path("seq").asLong(-1);
                if (seq > last) {
                    found.add(event);
                    last = seq;
                }
            }
        } catch (IOException e) {
            Log.warn("cannot read the event journal " + file + ": " + e.getMessage());
        }
        return found;
    }

    /** A run's trust grant (grant_trust), written whole like a record; a later grant of the run replaces it. */
    public void saveGrant(String runId, JsonNode grant) {
        Path target = stateDir.resolve("grants").resolve(runId + ".json");
        try {
            Files.createDirectories(target.getParent());
            dev.harness.protocol.fs.AtomicFile.writeString(target, Json.write(grant) + "\n");
        } catch (IOException e) {
            Log.error("cannot persist the trust grant of run " + runId + " to " + target + ": " + e.getMessage(), null);
        }
    }

    /** The run's trust grant, if one was recorded and can be read. */
    public java.util.Optional<JsonNode> loadGrant(String runId) {
        Path file = stateDir.resolve("grants").resolve(runId + ".json");
        if (!Files.isRegularFile(file)) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(Json.parse(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            Log.warn("cannot read the trust grant " + file + ": " + e.getMessage());
            return java.util.Optional.empty();
        }
    }

    boolean exists(String workerId) {
        return Files.exists(records.resolve(workerId + ".json"));
    }

    /** Persists the record as it is now, forced to the device (see {@link #save(WorkerRecord, boolean)}); callers hold the record's monitor. */
    void save(WorkerRecord record) {
        save(record, true);
    }

    /**
     * Persists the record as it is now; callers hold the record's monitor. Either way the file is
     * replaced whole before this returns (a killed process never leaves half a record, nor loses
     * one it answered from); {@code forced} also flushes it to the device, so it survives a power
     * cut: every state change is (resume reads the state), a step between two of them is not, the
     * next forced save writing the record whole again. The store's own writer flushes on its flush
     * thread, within milliseconds, so no request waits for the disk.
     */
    void save(WorkerRecord record, boolean forced) {
        Path target = records.resolve(record.id + ".json");
        try {
            writer.write(target, Json.write(record.toDisk()) + "\n", forced);
        } catch (IOException e) {
            Log.error("cannot persist worker " + record.id + " to " + target + ": " + e.getMessage(), null);
        }
    }

    /**
     * Reads the records one at a time, in no particular order, handing each to {@code each}: a
     * manager with many workers keeps only what it needs of them. An unreadable one is reported on
     * stderr and skipped.
     */
    void forEachRecord(java.util.function.Consumer<WorkerRecord> each) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(records, "*.json")) {
            for (Path file : files) {
                WorkerRecord record;
                try {
                    record = withJournal(WorkerRecord.fromDisk(Json.parse(Files.readString(file, StandardCharsets.UTF_8))));
                } catch (IOException | RuntimeException e) {
                    Log.warn("skipping unreadable worker record " + file + ": " + e.getMessage());
                    continue;
                }
                each.accept(record);
            }
        } catch (IOException e) {
            Log.warn("cannot list worker records in " + records + ": " + e.getMessage());
        }
    }
}
