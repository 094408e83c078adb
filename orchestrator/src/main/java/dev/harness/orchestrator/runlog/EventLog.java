package dev.harness.orchestrator.runlog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.api.run.LoggedEvent;
import dev.harness.api.run.RunEvent;
import dev.harness.api.run.RunEventCodec;
import dev.harness.protocol.Json;
import dev.harness.protocol.Log;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The append-only event log of one run. Each {@link #append} takes a {@link RunEvent} record and
 * writes one compact JSON line {@code {seq, time, kind, run_id, ...the event's fields}}
 * ({@link RunEventCodec}, which {@link EventLogReader} reads back with) straight to the file (no user-space buffer, so a
 * crash of this process loses nothing already appended) and then tells the listeners. The run is
 * locked while open: two orchestrators never write the same run. The lock is taken on a separate
 * {@code writer.lock} file because POSIX drops a process's lock on a file when any descriptor of that
 * file is closed — and readers in the same process open and close events.jsonl freely.
 */
public final class EventLog implements AutoCloseable {
    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /**
     * Runs this process has open for writing. Checked before touching writer.lock at all: opening and
     * closing a second descriptor of it here would silently drop the first one's POSIX lock.
     */
    private static final Set<Path> OPEN_HERE = ConcurrentHashMap.newKeySet();

    private final RunDirectory dir;
    private final FileChannel channel;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Clock clock;
    private final boolean fsync;
    private final List<Consumer<ObjectNode>> listeners = new CopyOnWriteArrayList<>();
    private long lastSeq;
    private boolean closed;

    private EventLog(RunDirectory dir, FileChannel channel, FileChannel lockChannel, FileLock lock, Clock clock,
                     boolean fsync, long lastSeq) {
        this.dir = dir;
        this.channel = channel;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.clock = clock;
        this.fsync = fsync;
        this.lastSeq = lastSeq;
    }

    /** Creates the log or reopens it for appending; seq continues after its last event. */
    public static EventLog open(RunDirectory dir) {
        return open(dir, Clock.systemUTC(), false);
    }

    /**
     * @param fsync also force every line to the storage device (survives a power cut, not only a
     *              process kill; costs a disk flush per event)
     * @throws CorruptLogException when a line other than a torn last one is malformed: appending
     *              to a log that cannot be read back would only bury the damage
     */
    public static EventLog open(RunDirectory dir, Clock clock, boolean fsync) {
        Path file = dir.eventsFile();
        Path lockFile = lockFile(dir);
        Path key = lockFile.toAbsolutePath().normalize();
        if (!OPEN_HERE.add(key)) {
            throw new RunLogException("run " + dir.runId() + " is already open for writing in this process");
        }
        FileChannel lockChannel;
        try {
            lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            OPEN_HERE.remove(key);
            throw new RunLogException("cannot open " + lockFile + ": " + RunDirectory.describe(e), e);
        }
        FileChannel channel = null;
        try {
            FileLock lock = acquire(lockChannel, dir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ);
            EventLogReader.Contents contents = EventLogReader.read(file, true);
            Optional<EventLogReader.TornTail> torn = contents.tornTail();
            if (torn.isPresent()) {
                setAside(file, torn.get());
                channel.truncate(torn.get().offset());
            } else {
                terminateLastLine(channel);
            }
            channel.position(channel.size());
            List<LoggedEvent> events = contents.events();
            long lastSeq = events.isEmpty() ? 0 : events.get(events.size() - 1).seq();
            EventLog log = new EventLog(dir, channel, lockChannel, lock, clock, fsync, lastSeq);
            torn.ifPresent(t -> {
                Log.warn(t.describe() + "; it was saved to " + tornFile(file));
                log.append(new RunEvent.LogRepaired(t.lineNumber(), t.text().length(), tornFile(file).toString()));
            });
            return log;
        } catch (IOException e) {
            closeQuietly(channel);
            closeQuietly(lockChannel); // closing the channel releases its lock
            OPEN_HERE.remove(key);
            throw new RunLogException("cannot open " + file + " for appending: " + RunDirectory.describe(e), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            closeQuietly(lockChannel);
            OPEN_HERE.remove(key);
            throw e;
        }
    }

    /**
     * Whether an orchestrator is writing this run now (it holds writer.lock). A run whose log says
     * running but has no writer was interrupted: its orchestrator is gone.
     */
    public static boolean writerActive(RunDirectory dir) {
        Path lockFile = lockFile(dir);
        if (OPEN_HERE.contains(lockFile.toAbsolutePath().normalize())) {
            return true; // and touching writer.lock here would drop this process's own lock
        }
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock probe = channel.tryLock();
            if (probe == null) {
                return true;
            }
            probe.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            return false; // cannot even open it for writing: no writer of ours can hold it either
        }
    }

    static Path lockFile(RunDirectory dir) {
        return dir.path().resolve("writer.lock");
    }

    private static FileLock acquire(FileChannel channel, RunDirectory dir) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            throw new RunLogException("run " + dir.runId() + " is already open for writing in this process");
        }
        if (lock == null) {
            throw new RunLogException("run " + dir.runId() + " is being written by another orchestrator process"
                    + " (" + lockFile(dir) + " is locked)");
        }
        return lock;
    }

    static Path tornFile(Path eventsFile) {
        return eventsFile.resolveSibling(eventsFile.getFileName() + ".torn");
    }

    /** The torn bytes are kept beside the log, not destroyed: the log itself is never rewritten otherwise. */
    private static void setAside(Path file, EventLogReader.TornTail torn) throws IOException {
        Files.writeString(tornFile(file), torn.text() + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** A complete last line whose newline was lost must not be glued to the next event. */
    private static void terminateLastLine(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size == 0) {
            return;
        }
        ByteBuffer last = ByteBuffer.allocate(1);
        channel.read(last, size - 1);
        if (last.get(0) != '\n') {
            channel.write(ByteBuffer.wrap(new byte[] {'\n'}), size);
        }
    }

    /**
     * Appends one event and returns it as logged (with its seq and time). Listeners get the line
     * as written, in seq order, after it is written.
     */
    public LoggedEvent append(RunEvent event) {
        if (event == null || !KIND.matcher(event.kind()).matches()) {
            throw new IllegalArgumentException("event kind must be snake_case: '" + (event == null ? null : event.kind()) + "'");
        }
        LoggedEvent logged;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("event log of run " + dir.runId() + " is closed");
            }
            logged = new LoggedEvent(lastSeq + 1, TIME.format(clock.instant()), dir.runId(), event);
            // every free-text field, the plan's packets included, is masked before it is written
            // (the digests stay those of the raw packets, kept in plan.json)
            ObjectNode line = (ObjectNode) Secrets.REDACTOR.redactJson(RunEventCodec.toJson(logged));
            write((Json.write(line) + "\n").getBytes(StandardCharsets.UTF_8));
            lastSeq++;
            for (Consumer<ObjectNode> listener : listeners) {
                try {
                    listener.accept(line.deepCopy());
                } catch (RuntimeException e) {
                    Log.warn("event listener failed on seq " + lastSeq + ": " + e);
                }
            }
        }
        return logged;
    }

    private void write(byte[] line) {
        ByteBuffer buffer = ByteBuffer.wrap(line);
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            if (fsync) {
                channel.force(false);
            }
        } catch (IOException e) {
            throw new RunLogException("cannot append to " + dir.eventsFile() + ": " + RunDirectory.describe(e), e);
        }
    }

    public void addListener(Consumer<ObjectNode> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<ObjectNode> listener) {
        listeners.remove(listener);
    }

    public synchronized long lastSeq() {
        return lastSeq;
    }

    public RunDirectory directory() {
        return dir;
    }

    public Path path() {
        return dir.eventsFile();
    }

    /** Formats an instant the way event times are written (ISO-8601 UTC, milliseconds). */
    public static String formatTime(Instant instant) {
        return TIME.format(instant);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } catch (IOException e) {
            Log.warn("could not release the lock on " + dir.eventsFile() + ": " + e.getMessage());
        }
        closeQuietly(channel);
        closeQuietly(lockChannel);
        OPEN_HERE.remove(lockFile(dir).toAbsolutePath().normalize());
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing buffered in user space; closing cannot lose events
        }
    }

    /** The orchestrator's redactor (its environment's secret values, the user's rules), made once. */
    private static final class Secrets {
        static final dev.harness.protocol.secrets.Redactor REDACTOR =
                dev.harness.protocol.secrets.Redactor.forEnvironment(System.getenv());
    }
}
