package dev.harness.worker.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.api.worker.WorkerEventKind;
import dev.harness.api.worker.WorkerEventPayload;
import dev.harness.api.worker.WorkerState;
import dev.harness.protocol.DomainError;
import dev.harness.protocol.Json;
import dev.harness.protocol.RpcException;
import dev.harness.worker.events.EventSink;
import dev.harness.worker.events.WorkerEvents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The workers this manager knows: lookup by id, new ids, and the one place a worker's state
 * changes ({@link #transition}), which checks the table, emits the event, persists and wakes
 * waiters.
 */
public final class WorkerRegistry {
    /** unknown_worker's data: the id asked for and how many workers the manager knows. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record UnknownWorker(String workerId, int knownWorkers) {}

    /** Manager instances alive in this JVM, so a record's owner can be told dead or alive. */
    private static final Set<String> LIVE_INSTANCES = ConcurrentHashMap.newKeySet();

    /**
     * Idle workers kept in memory besides the busy ones (issue 13): a long-lived manager knows tens
     * of thousands of workers, and a record with its events and packet costs several KB, so idle
     * ones beyond this many (least recently used first) live only in their record file and are read
     * back when asked about.
     */
    public static final int DEFAULT_RESIDENT_IDLE = 256;

    /**
     * What is kept of every worker: its latest state and usage (for the list's filter and the run's
     * spend) and, while it is resident, its latest snapshot without events as compact JSON, replaced
     * whole after every change. The read methods answer from here without taking a worker's
     * monitor, which a running attempt may hold through a slow git call.
     */
    private static final class Entry {
        WorkerState state;
        dev.harness.api.worker.UsageTotal used;
        byte[] json;

        Entry(WorkerState state, dev.harness.api.worker.UsageTotal used) {
            this.state = state;
            this.used = used;
        }
    }

    /** Guards the index and the resident maps; never held while taking a worker's monitor. */
    private final Object lock = new Object();
    /** Every worker this manager knows, in spawn order. */
    private final Map<String, Entry> index = new java.util.LinkedHashMap<>();
    /** Workers something may be acting on (running, waiting for a decision or a retry): never evicted. */
    private final Map<String, WorkerRecord> busy = new java.util.HashMap<>();
    /** Idle resident workers, least recently used first; the eldest beyond the bound is evicted. */
    private final java.util.LinkedHashMap<String, WorkerRecord> idle = new java.util.LinkedHashMap<>(64, 0.75f, true);
    private final int residentIdle;

    /** One page of list_workers: at most the limit's workers, and the cursor for the next page (null on the last). */
    public record Page(ArrayNode workers, String nextCursor) {}
    private final WorkerStore store;
    private final String instance = UUID.randomUUID().toString();
    private final long pid = ProcessHandle.current().pid();

    /** Masks every event payload before it is kept or sent (its texts come from masked logs; this is the last guard). */
    private final dev.harness.protocol.secrets.Redactor redactor;

    public WorkerRegistry(WorkerStore store) {
        this(store, dev.harness.protocol.secrets.Redactor.builtIn());
    }

    public WorkerRegistry(WorkerStore store, dev.harness.protocol.secrets.Redactor redactor) {
        this(store, redactor, DEFAULT_RESIDENT_IDLE);
    }

    /** @param residentIdle how many idle workers stay in memory (at least 1) */
    public WorkerRegistry(WorkerStore store, dev.harness.protocol.secrets.Redactor redactor, int residentIdle) {
        if (residentIdle < 1) {
            throw new IllegalArgumentException("residentIdle must be at least 1, not " + residentIdle);
        }
        this.store = store;
        this.redactor = redactor;
        this.residentIdle = residentIdle;
        LIVE_INSTANCES.add(instance);
    }

    public WorkerStore store() {
        return store;
    }

    /** The manager is done: its forced saves are on the device before it exits (they were flushed off the saving threads). */
    public void close() {
        store.flushed();
        LIVE_INSTANCES.remove(instance);
    }

    /**
     * The worker's record: the one in memory, or (for an idle worker evicted from memory) read back
     * from its record file, so every worker this manager ever knew is answerable. One copy per
     * worker is resident at a time.
     */
    public WorkerRecord get(String id) {
        synchronized (lock) {
            WorkerRecord record = busy.get(id);
            if (record == null) {
                record = idle.get(id); // (a use: now the most recently used)
            }
            if (record != null) {
                return record;
            }
            Entry entry = index.get(id);
            if (entry != null) {
                java.util.Optional<WorkerRecord> read = store.load(id);
                if (read.isPresent()) {
                    record = read.get();
                    admit(record, entry);
                    return record;
                }
                dev.harness.protocol.Log.warn("worker " + id + "'s record file can no longer be read; answering it as unknown");
            }
            throw new DomainError("unknown_worker", "No worker has the id '" + id + "'; list_workers shows the known ones.",
                    Json.toNode(new UnknownWorker(id, index.size())));
        }
    }

    /** The workers in memory (every busy one among them): what start-up, EOF and SIGTERM look at for running workers. */
    Collection<WorkerRecord> all() {
        synchronized (lock) {
            List<WorkerRecord> resident = new ArrayList<>(busy.values());
            resident.addAll(idle.values());
            return resident;
        }
    }

    /** How many workers are in memory now (the busy ones and at most the bound's idle ones). */
    public int residentCount() {
        synchronized (lock) {
            return busy.size() + idle.size();
        }
    }

    /** How many workers this manager knows, in memory or only on disk. */
    public int knownCount() {
        synchronized (lock) {
            return index.size();
        }
    }

    /** What every worker of this manager used (its state directory is one run's): the run's spend here. */
    public dev.harness.api.worker.UsageTotal used() {
        dev.harness.api.worker.UsageTotal total = dev.harness.api.worker.UsageTotal.NONE;
        synchronized (lock) {
            for (Entry entry : index.values()) {
                if (!entry.used.isEmpty()) {
                    total = total.plus(entry.used);
                }
            }
        }
        return total;
    }

    void add(WorkerRecord record) {
        record.ownerPid = pid;
        record.ownerInstance = instance;
        adopt(record);
    }

    /** Adds a record read from disk without claiming it. */
    public void adopt(WorkerRecord record) {
        synchronized (lock) {
            index.putIfAbsent(record.id, new Entry(record.state, record.used));
        }
        publish(record);
    }

    /**
     * Start-up: every record in the state directory, in spawn order, read one at a time so that
     * only the busy ones and the bound's idle ones stay in memory however many there are.
     *
     * @return how many workers were read
     */
    public int adoptAll() {
        record Known(java.time.Instant createdAt, String id, WorkerState state, dev.harness.api.worker.UsageTotal used,
                     WorkerRecord resident) {}
        List<Known> known = new ArrayList<>();
        store.forEachRecord(record -> known.add(new Known(record.createdAt, record.id, record.state, record.used,
                evictable(record) ? null : record)));
        // spawn order: creation time, and for workers created in the same millisecond (the record keeps no
        // finer time) the order newId() gave them, base_2 after base and base_10 after base_9
        known.sort(java.util.Comparator.comparing(Known::createdAt).thenComparing(Known::id, SPAWN_ORDER));
        for (Known k : known) {
            if (k.resident() != null) {
                adopt(k.resident());
            } else {
                synchronized (lock) {
                    index.putIfAbsent(k.id(), new Entry(k.state(), k.used()));
                }
            }
        }
        return known.size();
    }

    /**
     * Replaces the worker's published snapshot; caller holds the monitor (or owns the record alone).
     * The record published is the resident one from now on (it is the latest written to disk).
     */
    void publish(WorkerRecord record) {
        byte[] json = Json.writeBytes(record.snapshot(false));
        synchronized (lock) {
            Entry entry = index.computeIfAbsent(record.id, id -> new Entry(record.state, record.used));
            entry.state = record.state;
            entry.used = record.used;
            entry.json = json;
            admit(record, entry);
        }
    }

    /** Makes the record the worker's resident copy, busy or idle, and evicts the idle beyond the bound. Holds the lock. */
    private void admit(WorkerRecord record, Entry entry) {
        if (evictable(record)) {
            busy.remove(record.id);
            idle.put(record.id, record);
        } else {
            idle.remove(record.id);
            busy.put(record.id, record);
        }
        while (idle.size() > residentIdle) {
            java.util.Iterator<Map.Entry<String, WorkerRecord>> eldest = idle.entrySet().iterator();
            String evicted = eldest.next().getKey();
            eldest.remove();
            index.get(evicted).json = null; // its record file holds it whole
        }
        if (entry.json == null && (busy.containsKey(record.id) || idle.containsKey(record.id))) {
            entry.json = Json.writeBytes(record.snapshot(false));
        }
    }

    /**
     * Whether nothing can be acting on the worker, so its record may leave memory: not running (an
     * attempt, a follower or a waiter holds it), no retry pending, no decision awaited (decide
     * answers the record a person was shown).
     */
    private static boolean evictable(WorkerRecord record) {
        return record.state != WorkerState.RUNNING && !record.awaitsDecision() && record.pendingRetry == null;
    }

    /**
     * One page of the workers' latest snapshots in spawn order, optionally of one state: at most
     * {@code limit} after the worker named by {@code cursor} (null: from the first). A cursor names a
     * worker, so workers spawned between pages come on a later page. Takes no worker's monitor; a
     * worker that is only on disk is read from its record file.
     *
     * @throws RpcException -32602 at /cursor when the cursor names no worker this manager knows
     */
    public Page snapshots(WorkerState state, String cursor, int limit) {
        record Listed(String id, byte[] json) {}
        List<Listed> listed = new ArrayList<>();
        String nextCursor = null;
        synchronized (lock) {
            if (cursor != null && !index.containsKey(cursor)) {
                throw RpcException.invalidParams("/cursor", "'" + cursor + "' names no worker this manager knows; pass a "
                        + "next_cursor from an earlier page, or no cursor to start from the first worker");
            }
            boolean afterCursor = cursor == null;
            for (Map.Entry<String, Entry> each : index.entrySet()) {
                if (!afterCursor) {
                    afterCursor = each.getKey().equals(cursor);
                    continue;
                }
                Entry entry = each.getValue();
                if (state != null && entry.state != state) {
                    continue;
                }
                if (listed.size() == limit) {
                    nextCursor = listed.get(listed.size() - 1).id();
                    break;
                }
                listed.add(new Listed(each.getKey(), entry.json));
            }
        }
        ArrayNode array = Json.array();
        for (Listed each : listed) {
            try {
                if (each.json() != null) {
                    array.add(Json.MAPPER.readTree(each.json()));
                } else {
                    // evicted: its file is the whole record (read without making it resident: a list is not a use)
                    store.load(each.id()).ifPresent(record -> array.add(Json.toNode(record.snapshot(false))));
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e); // bytes this process wrote from a tree
            }
        }
        return new Page(array, nextCursor);
    }

    /** This process's pid and manager instance, as records name their owner. */
    boolean ownedHere(WorkerRecord record) {
        return record.ownerPid == pid && instance.equals(record.ownerInstance);
    }

    /**
     * The worker's events with seq greater than {@code afterSeq}, oldest first, at most {@code limit}:
     * from the record while it still holds them, else from its journal on disk (which holds every
     * one). Caller holds the monitor.
     */
    public List<JsonNode> events(WorkerRecord record, long afterSeq, int limit) {
        List<JsonNode> found = new ArrayList<>();
        if (afterSeq + 1 < record.firstHeldSeq()) {
            found.addAll(store.journal(record.id, afterSeq, limit));
        }
        long last = found.isEmpty() ? afterSeq : found.get(found.size() - 1).path("seq").asLong();
        for (JsonNode event : record.events) {
            if (found.size() >= limit) {
                break;
            }
            if (event.path("seq").asLong() > last) {
                found.add(event.deepCopy());
            }
        }
        return found;
    }

    /** A record's owner is alive when it is a live manager in this JVM or another live process. */
    boolean ownerAlive(WorkerRecord record) {
        if (record.ownerPid == pid) {
            return record.ownerInstance != null && LIVE_INSTANCES.contains(record.ownerInstance);
        }
        // a zombie runs nothing: a SIGKILLed manager orphaned inside a container may wait long to be reaped
        return record.ownerPid > 0 && ProcessHandle.of(record.ownerPid)
                .map(p -> !dev.harness.protocol.process.ProcessTree.isGone(p)).orElse(false);
    }

    private boolean known(String id) {
        synchronized (lock) {
            return index.containsKey(id);
        }
    }

    /** Ids as {@link #newId} makes them: by their base, then by the suffix's number (none counts as 1). */
    static final java.util.Comparator<String> SPAWN_ORDER = java.util.Comparator
            .comparing((String id) -> idParts(id)[0]).thenComparingLong(id -> Long.parseLong(idParts(id)[1]));

    private static String[] idParts(String id) {
        java.util.regex.Matcher m = SUFFIXED.matcher(id);
        return m.matches() ? new String[] {m.group(1), m.group(2)} : new String[] {id, "1"};
    }

    private static final java.util.regex.Pattern SUFFIXED = java.util.regex.Pattern.compile("(worker_\\d+_\\d+)_(\\d{1,9})");

    /** worker_&lt;pid&gt;_&lt;epochSeconds&gt;, with a suffix when that is taken. */
    synchronized String newId() {
        String base = "worker_" + pid + "_" + Instant.now().getEpochSecond();
        String id = base;
        for (int n = 2; known(id) || store.exists(id); n++) {
            id = base + "_" + n;
        }
        return id;
    }

    /** Changes the state through the table, emits the transition's event, persists, wakes waiters. Caller holds the monitor. */
    public ObjectNode transition(WorkerRecord record, WorkerState to, WorkerEvents.Transition why, EventSink sink) {
        Transitions.require(record.state, to);
        WorkerState from = record.state;
        record.state = to;
        if (to == WorkerState.FINISHED || to == WorkerState.FAILED || to == WorkerState.CANCELLED) {
            record.endedAt = Instant.now();
        }
        return emit(record, WorkerEventKind.fromWire(to.wire()), why.between(from, to), sink);
    }

    /**
     * Emits a step event (no state change) and persists: the one path from a typed payload to the
     * event on the wire and in the journal. Caller holds the monitor.
     */
    public ObjectNode emit(WorkerRecord record, WorkerEventKind kind, WorkerEventPayload payload, EventSink sink) {
        return emit(record, kind, WorkerEvents.payload(payload), sink);
    }

    /** An event whose payload is kept whole (a worker host's, relayed: payloads are open, extra fields stay). */
    public ObjectNode emit(WorkerRecord record, WorkerEventKind kind, ObjectNode payload, EventSink sink) {
        return emit(record, kind, payload, sink, true);
    }

    /**
     * A step of a worker's progress that changes nothing resume acts on (an attempt started, where
     * its checks run, a check's result, its worktree made, the trust resolution its transition
     * follows at once): emitted and persisted like any event, but not forced to the device. The
     * worker's next state change forces the record whole, steps included; a flush per step cost
     * more than the rest of a short task (issue 15).
     */
    public ObjectNode step(WorkerRecord record, WorkerEventKind kind, WorkerEventPayload payload, EventSink sink) {
        return emit(record, kind, WorkerEvents.payload(payload), sink, false);
    }

    /**
     * Progress that changes nothing in the record but its events (an attempt started, where its
     * checks run, a check's result, an agent's exit, the trust resolution its transition follows
     * at once): emitted and appended to the worker's journal, but the record file is not rewritten;
     * the next save writes it whole, and a load replays the journal past the record's last save
     * (a kill -9 in between loses nothing). A rewrite per step was a file created and one freed
     * each time (issue 15). Callers change no other field of the record before it, unless a save
     * follows at once under the same monitor (trust_resolved, then ready_for_prompt).
     */
    public ObjectNode progress(WorkerRecord record, WorkerEventKind kind, WorkerEventPayload payload, EventSink sink) {
        return emit(record, kind, WorkerEvents.payload(payload), sink, null);
    }

    /** {@code forced}: saved and flushed; false: saved, not flushed; null: journaled only ({@link #progress}). */
    private ObjectNode emit(WorkerRecord record, WorkerEventKind kind, ObjectNode payload, EventSink sink, Boolean forced) {
        claim(record);
        ObjectNode masked = (ObjectNode) redactor.redactJson(payload);
        ObjectNode event = record.newEvent(kind.wire(), masked, record.attempts);
        byte[] line = WorkerStore.journalLine(event);
        record.journalBytes += line.length;
        if (forced != null) {
            store.save(record, forced);
        }
        store.appendEvent(record, line);
        publish(record);
        record.notifyAll();
        sink.publish(event);
        return event;
    }

    /** Persists without an event, forced to the device (a field changed that the next event will explain). */
    public void save(WorkerRecord record) {
        claim(record);
        store.save(record);
        publish(record);
    }

    /** Persists without an event and without a flush: a field of the worker's progress, like {@link #step}. */
    public void saveStep(WorkerRecord record) {
        claim(record);
        store.save(record, false);
        publish(record);
    }

    private void claim(WorkerRecord record) {
        record.ownerPid = pid;
        record.ownerInstance = instance;
    }
}
