package dev.harness.worker.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The workers this manager knows: lookup by id, new ids, and the one place a worker's state
 * changes ({@link #transition}), which checks the table, emits the event, persists and wakes
 * waiters.
 */
public final class WorkerRegistry {
    /** Manager instances alive in this JVM, so a record's owner can be told dead or alive. */
    private static final Set<String> LIVE_INSTANCES = ConcurrentHashMap.newKeySet();

    private final Map<String, WorkerRecord> byId = new ConcurrentHashMap<>();
    /**
     * Each worker's latest snapshot (without events), replaced whole after every change: the read
     * methods answer from here without taking a worker's monitor, which a running attempt may hold
     * through a slow git call. Kept as compact JSON with its state (for the filter), not as a tree: a
     * tree costs several times the bytes, for every worker a long-lived manager knows (issue 13).
     */
    private final Map<String, Published> published = new ConcurrentHashMap<>();

    private record Published(WorkerState state, byte[] json) {}

    /** One page of list_workers: at most the limit's workers, and the cursor for the next page (null on the last). */
    public record Page(ArrayNode workers, String nextCursor) {}
    private final ConcurrentLinkedQueue<WorkerRecord> inOrder = new ConcurrentLinkedQueue<>();
    private final WorkerStore store;
    private final String instance = UUID.randomUUID().toString();
    private final long pid = ProcessHandle.current().pid();

    /** Masks every event payload before it is kept or sent (its texts come from masked logs; this is the last guard). */
    private final dev.harness.protocol.secrets.Redactor redactor;

    public WorkerRegistry(WorkerStore store) {
        this(store, dev.harness.protocol.secrets.Redactor.builtIn());
    }

    public WorkerRegistry(WorkerStore store, dev.harness.protocol.secrets.Redactor redactor) {
        this.store = store;
        this.redactor = redactor;
        LIVE_INSTANCES.add(instance);
    }

    public WorkerStore store() {
        return store;
    }

    public void close() {
        LIVE_INSTANCES.remove(instance);
    }

    public WorkerRecord get(String id) {
        WorkerRecord record = byId.get(id);
        if (record == null) {
            ObjectNode data = Json.object();
            data.put("worker_id", id);
            data.put("known_workers", byId.size());
            throw new DomainError("unknown_worker", "No worker has the id '" + id + "'; list_workers shows the known ones.", data);
        }
        return record;
    }

    Collection<WorkerRecord> all() {
        return List.copyOf(inOrder);
    }

    /** What every worker of this manager used (its state directory is one run's): the run's spend here. */
    public dev.harness.api.worker.UsageTotal used() {
        dev.harness.api.worker.UsageTotal total = dev.harness.api.worker.UsageTotal.NONE;
        for (WorkerRecord record : all()) {
            total = total.plus(record.used);
        }
        return total;
    }

    void add(WorkerRecord record) {
        record.ownerPid = pid;
        record.ownerInstance = instance;
        publish(record);
        byId.put(record.id, record);
        inOrder.add(record);
    }

    /** Adds a record read from disk without claiming it. */
    public void adopt(WorkerRecord record) {
        publish(record);
        byId.put(record.id, record);
        inOrder.add(record);
    }

    /** Replaces the worker's published snapshot; caller holds the monitor (or owns the record alone). */
    void publish(WorkerRecord record) {
        published.put(record.id, new Published(record.state, Json.writeBytes(record.snapshot(false))));
    }

    /**
     * One page of the workers' latest snapshots in spawn order, optionally of one state: at most
     * {@code limit} after the worker named by {@code cursor} (null: from the first). A cursor names a
     * worker, so workers spawned between pages come on a later page. Takes no worker's monitor.
     *
     * @throws RpcException -32602 at /cursor when the cursor names no worker this manager knows
     */
    public Page snapshots(WorkerState state, String cursor, int limit) {
        ArrayNode array = Json.array();
        boolean afterCursor = cursor == null;
        String last = null;
        for (WorkerRecord w : inOrder) {
            if (!afterCursor) {
                afterCursor = w.id.equals(cursor);
                continue;
            }
            Published snapshot = published.get(w.id);
            if (snapshot == null || state != null && snapshot.state() != state) {
                continue;
            }
            if (array.size() == limit) {
                return new Page(array, last);
            }
            try {
                array.add(Json.MAPPER.readTree(snapshot.json()));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e); // bytes this process wrote from a tree
            }
            last = w.id;
        }
        if (!afterCursor) {
            throw RpcException.invalidParams("/cursor", "'" + cursor + "' names no worker this manager knows; pass a "
                    + "next_cursor from an earlier page, or no cursor to start from the first worker");
        }
        return new Page(array, null);
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
        return record.ownerPid > 0 && ProcessHandle.of(record.ownerPid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** worker_&lt;pid&gt;_&lt;epochSeconds&gt;, with a suffix when that is taken. */
    synchronized String newId() {
        String base = "worker_" + pid + "_" + Instant.now().getEpochSecond();
        String id = base;
        for (int n = 2; byId.containsKey(id) || store.exists(id); n++) {
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
        claim(record);
        ObjectNode masked = (ObjectNode) redactor.redactJson(payload);
        ObjectNode event = record.newEvent(kind.wire(), masked, record.attempts);
        store.save(record);
        store.appendEvent(record.id, event);
        publish(record);
        record.notifyAll();
        sink.publish(event);
        return event;
    }

    /** Persists without an event (a field changed that the next event will explain). */
    public void save(WorkerRecord record) {
        claim(record);
        store.save(record);
        publish(record);
    }

    private void claim(WorkerRecord record) {
        record.ownerPid = pid;
        record.ownerInstance = instance;
    }
}
