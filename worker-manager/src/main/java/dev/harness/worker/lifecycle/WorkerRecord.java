package dev.harness.worker.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.api.worker.FailureClass;
import dev.harness.api.worker.WorkerState;
import dev.harness.protocol.Json;
import dev.harness.protocol.json.Digest;
import dev.harness.worker.attempt.ScopeChanges;
import dev.harness.worker.recovery.Failure;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;

/**
 * Everything known about one worker: what it was asked, where, its state, attempts, trust,
 * failure, decisions, git result and its events. Guarded by its own monitor; every change is
 * persisted by the store and wakes anyone waiting on the worker.
 */
public final class WorkerRecord {
    /** Events kept per worker; older ones are dropped (and counted) so a record stays small. */
    private static final int MAX_EVENTS = 2000;

    public final String id;
    public final String taskId;
    final String planId;
    public final ObjectNode packet;
    public final Path workspace;
    final String scopePath;
    final boolean scopeExisted;
    public final String agent;
    final Instant createdAt;

    public WorkerState state = WorkerState.SPAWNING;
    public int attempts;
    /** The latest failure, null while nothing failed or once the worker finished. */
    public Failure failure;
    public ObjectNode trust;
    public ObjectNode approval;
    public ObjectNode decision;
    public ArrayNode decisions = Json.array();
    public final Map<FailureClass, Integer> autoRetries = new EnumMap<>(FailureClass.class);
    public final Map<FailureClass, Integer> humanRetries = new EnumMap<>(FailureClass.class);
    public FailureClass recovering;
    String extraPrompt;
    /** The bootstrap's assembled system prompt (a path), when the caller passed one. */
    public String systemPrompt;
    public String feedback;
    public String worktree;
    public String branch;
    public String commit;
    public String baseCommit;
    /** Branches or commits of the tasks this one builds on, merged into its worktree first. */
    public List<String> baseRefs = List.of();
    /** What WorkerCheckout keeps about the worker's checkout (run id, setup, start commit); its own shape. */
    public ObjectNode checkout = Json.object();
    /** What this worker may spend (spawn_worker's budget: the rest of the run's and the task's); NONE: no limit. */
    public dev.harness.api.worker.Budget budget = dev.harness.api.worker.Budget.NONE;
    /** What its attempts reported using (their usage_recorded events). */
    public dev.harness.api.worker.UsageTotal used = dev.harness.api.worker.UsageTotal.NONE;
    public String workdir;
    ArrayNode attemptHistory = Json.array();
    ArrayNode events = Json.array();
    int droppedEvents;
    public int seq;
    Instant startedAt;
    Instant endedAt;
    Instant updatedAt;
    long ownerPid;
    String ownerInstance;

    /** How the finished task was verified: changed_and_verified or verified_unchanged (null until finished). */
    String verification;
    /** The files the task changed in its scope (a sample) and how many, once finished with a change. */
    ArrayNode changedFiles;
    int changedCount;
    /** Whether the finished task's own tests already passed on its base (null: not looked at). */
    dev.harness.api.worker.TestEvidence testEvidence;
    /** Runtime only: the scope's files before the first attempt's agent and after the latest one's. */
    transient ScopeChanges.Snapshot changeBaseline;
    transient ScopeChanges.Snapshot changeAfterAgent;

    /** Runtime only: the current attempt's cancellation and a pending backoff. */
    transient CancelToken token = new CancelToken();
    transient ScheduledFuture<?> pendingRetry;

    WorkerRecord(String id, String taskId, String planId, ObjectNode packet, Path workspace, String scopePath,
                 boolean scopeExisted, String agent, Instant createdAt) {
        this.id = id;
        this.taskId = taskId;
        this.planId = planId;
        this.packet = packet;
        this.workspace = workspace;
        this.scopePath = scopePath;
        this.scopeExisted = scopeExisted;
        this.agent = agent;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    /** Builds the next event of this worker and keeps it in the record's history. */
    ObjectNode newEvent(String kind, ObjectNode payload, int attempt) {
        Instant now = Instant.now();
        ObjectNode event = Json.object();
        event.put("event_id", id + ":" + seq);
        event.put("kind", kind);
        event.put("worker_id", id);
        event.put("timestamp", now.getEpochSecond());
        event.put("time", WorkerClock.iso(now));
        event.put("seq", seq++);
        event.put("state", state.wire());
        if (taskId != null) {
            event.put("task_id", taskId);
        }
        if (attempt > 0) {
            event.put("attempt", attempt);
        }
        event.set("payload", payload == null ? Json.object() : payload);
        events.add(event);
        while (events.size() > MAX_EVENTS) {
            events.remove(0);
            droppedEvents++;
        }
        updatedAt = now;
        return event;
    }

    /**
     * Takes over what another manager process wrote for this worker (it still owns it and runs
     * it); the identity fields are the same by construction. Caller holds the monitor.
     */
    void refreshFrom(WorkerRecord disk) {
        state = disk.state;
        attempts = disk.attempts;
        failure = disk.failure;
        trust = disk.trust;
        approval = disk.approval;
        decision = disk.decision;
        decisions = disk.decisions;
        autoRetries.clear();
        autoRetries.putAll(disk.autoRetries);
        humanRetries.clear();
        humanRetries.putAll(disk.humanRetries);
        recovering = disk.recovering;
        extraPrompt = disk.extraPrompt;
        systemPrompt = disk.systemPrompt;
        feedback = disk.feedback;
        worktree = disk.worktree;
        branch = disk.branch;
        commit = disk.commit;
        verification = disk.verification;
        changedFiles = disk.changedFiles;
        changedCount = disk.changedCount;
        testEvidence = disk.testEvidence;
        baseCommit = disk.baseCommit;
        baseRefs = disk.baseRefs;
        checkout = disk.checkout;
        budget = disk.budget;
        used = disk.used;
        workdir = disk.workdir;
        attemptHistory = disk.attemptHistory;
        events = disk.events;
        droppedEvents = disk.droppedEvents;
        seq = disk.seq;
        startedAt = disk.startedAt;
        endedAt = disk.endedAt;
        updatedAt = disk.updatedAt;
        ownerPid = disk.ownerPid;
        ownerInstance = disk.ownerInstance;
    }

    /** Events still held in the record with seq greater than {@code afterSeq}; empty when older ones were dropped. */
    long firstHeldSeq() {
        return events.isEmpty() ? seq : events.get(0).path("seq").asLong(seq);
    }

    /** Failed and waiting for a person's decide. */
    public boolean awaitsDecision() {
        return failure != null && failure.awaitsDecision();
    }

    public String packetDigest() {
        return Digest.ofJson(packet);
    }

    /** The wire snapshot (contract: get_worker's response_schema); events only when asked. */
    public ObjectNode snapshot(boolean withEvents) {
        ObjectNode node = Json.object();
        node.put("worker_id", id);
        putIfPresent(node, "task_id", taskId);
        putIfPresent(node, "plan_id", planId);
        node.put("state", state.wire());
        node.set("task_packet", packet.deepCopy());
        node.put("packet_digest", packetDigest());
        node.put("workspace", workspace.toString());
        node.put("scope_path", scopePath);
        node.put("agent", agent);
        node.put("attempts", attempts);
        node.put("escalation_required", awaitsDecision());
        if (failure == null || failure.failureClass() == null) {
            node.putNull("failure_class");
        } else {
            node.put("failure_class", failure.failureClass().wire());
        }
        if (failure != null && failure.evidence() != null) {
            node.set("evidence", failure.evidence().deepCopy());
        }
        putIfPresent(node, "failure_summary", failure == null ? null : failure.summary());
        setIfPresent(node, "trust", trust);
        setIfPresent(node, "approval", approval);
        setIfPresent(node, "decision", decision);
        if (!decisions.isEmpty()) {
            node.set("decisions", decisions.deepCopy());
        }
        putIfPresent(node, "workdir", workdir);
        putIfPresent(node, "worktree", worktree);
        putIfPresent(node, "branch", branch);
        putIfPresent(node, "base_commit", baseCommit);
        if (!baseRefs.isEmpty()) {
            ArrayNode refs = node.putArray("base_refs");
            baseRefs.forEach(refs::add);
        }
        putIfPresent(node, "commit", commit);
        putIfPresent(node, "verification", verification);
        if (changedFiles != null) {
            ObjectNode changes = node.putObject("changes");
            changes.put("count", changedCount);
            changes.set("files", changedFiles.deepCopy());
        }
        if (testEvidence != null) {
            node.set("test_evidence", Json.toNode(testEvidence));
        }
        JsonNode last = attemptHistory.isEmpty() ? null : attemptHistory.get(attemptHistory.size() - 1);
        node.set("acceptance", last == null ? Json.array() : last.path("acceptance").deepCopy());
        node.set("attempt_history", attemptHistory.deepCopy());
        ArrayNode logs = node.putArray("logs");
        for (JsonNode attempt : attemptHistory) {
            if (attempt.hasNonNull("agent_log")) {
                logs.add(attempt.get("agent_log").asText());
            }
            for (JsonNode test : attempt.path("acceptance")) {
                if (test.hasNonNull("log")) {
                    logs.add(test.get("log").asText());
                }
            }
        }
        node.put("created_at", WorkerClock.iso(createdAt));
        node.put("updated_at", WorkerClock.iso(updatedAt));
        if (startedAt != null) {
            node.put("started_at", WorkerClock.iso(startedAt));
        }
        if (endedAt != null) {
            node.put("ended_at", WorkerClock.iso(endedAt));
            if (startedAt != null) {
                node.put("duration_ms", endedAt.toEpochMilli() - startedAt.toEpochMilli());
            }
        }
        node.put("event_count", seq);
        if (withEvents) {
            node.set("events", events.deepCopy());
        }
        return node;
    }

    /** The on-disk form: the snapshot with its events plus what only the manager needs. */
    ObjectNode toDisk() {
        ObjectNode node = snapshot(true);
        node.put("record_version", 1);
        node.put("scope_existed", scopeExisted);
        node.set("checkout", checkout.deepCopy());
        if (!budget.isNone()) {
            node.set("budget", Json.toNode(budget));
        }
        if (!used.isEmpty()) {
            node.set("used", Json.toNode(used));
        }
        node.put("seq", seq);
        node.put("dropped_events", droppedEvents);
        node.set("auto_retries", retries(autoRetries));
        node.set("human_retries", retries(humanRetries));
        putIfPresent(node, "recovering", recovering == null ? null : recovering.wire());
        putIfPresent(node, "extra_prompt", extraPrompt);
        putIfPresent(node, "system_prompt", systemPrompt);
        putIfPresent(node, "feedback", feedback);
        node.put("owner_pid", ownerPid);
        putIfPresent(node, "owner_instance", ownerInstance);
        return node;
    }

    static WorkerRecord fromDisk(JsonNode node) {
        WorkerRecord r = new WorkerRecord(node.path("worker_id").asText(), text(node, "task_id"), text(node, "plan_id"),
                (ObjectNode) node.path("task_packet"), Path.of(node.path("workspace").asText()),
                node.path("scope_path").asText(""), node.path("scope_existed").asBoolean(false),
                node.path("agent").asText("none"), Instant.parse(node.path("created_at").asText()));
        r.state = WorkerState.fromWire(node.path("state").asText());
        r.attempts = node.path("attempts").asInt(0);
        FailureClass failureClass = node.hasNonNull("failure_class") ? FailureClass.fromWire(node.get("failure_class").asText()) : null;
        String summary = text(node, "failure_summary");
        if (failureClass != null || summary != null) {
            ObjectNode evidence = node.get("evidence") instanceof ObjectNode o ? o : Json.object();
            r.failure = new Failure(failureClass, failureClass == null ? null : evidence,
                    summary != null ? summary : failureClass.wire(), node.path("escalation_required").asBoolean(false));
        }
        r.trust = node.get("trust") instanceof ObjectNode o ? o : null;
        r.approval = node.get("approval") instanceof ObjectNode o ? o : null;
        r.decision = node.get("decision") instanceof ObjectNode o ? o : null;
        r.decisions = node.get("decisions") instanceof ArrayNode a ? a : Json.array();
        readRetries(node.path("auto_retries"), r.autoRetries);
        readRetries(node.path("human_retries"), r.humanRetries);
        r.recovering = node.hasNonNull("recovering") ? FailureClass.fromWire(node.get("recovering").asText()) : null;
        r.extraPrompt = text(node, "extra_prompt");
        r.systemPrompt = text(node, "system_prompt");
        r.feedback = text(node, "feedback");
        r.workdir = text(node, "workdir");
        r.worktree = text(node, "worktree");
        r.branch = text(node, "branch");
        r.baseCommit = text(node, "base_commit");
        List<String> refs = new java.util.ArrayList<>();
        node.path("base_refs").forEach(ref -> refs.add(ref.asText()));
        r.baseRefs = List.copyOf(refs);
        r.commit = text(node, "commit");
        r.verification = text(node, "verification");
        r.changedFiles = node.path("changes").get("files") instanceof ArrayNode a ? a : null;
        r.changedCount = node.path("changes").path("count").asInt(0);
        r.testEvidence = testEvidence(node.get("test_evidence"));
        r.checkout = node.get("checkout") instanceof ObjectNode o ? o : Json.object();
        r.budget = node.hasNonNull("budget") ? Json.convert(node.get("budget"), dev.harness.api.worker.Budget.class)
                : dev.harness.api.worker.Budget.NONE;
        r.used = node.hasNonNull("used") ? Json.convert(node.get("used"), dev.harness.api.worker.UsageTotal.class)
                : dev.harness.api.worker.UsageTotal.NONE;
        r.attemptHistory = node.get("attempt_history") instanceof ArrayNode a ? a : Json.array();
        r.events = node.get("events") instanceof ArrayNode a ? a : Json.array();
        r.seq = node.path("seq").asInt(r.events.size());
        r.droppedEvents = node.path("dropped_events").asInt(0);
        r.startedAt = node.hasNonNull("started_at") ? Instant.parse(node.get("started_at").asText()) : null;
        r.endedAt = node.hasNonNull("ended_at") ? Instant.parse(node.get("ended_at").asText()) : null;
        r.updatedAt = node.hasNonNull("updated_at") ? Instant.parse(node.get("updated_at").asText()) : r.createdAt;
        r.ownerPid = node.path("owner_pid").asLong(0);
        r.ownerInstance = text(node, "owner_instance");
        return r;
    }

    public int retriesUsed(Map<FailureClass, Integer> counts, FailureClass failureClass) {
        return counts.getOrDefault(failureClass, 0);
    }

    private static ObjectNode retries(Map<FailureClass, Integer> counts) {
        ObjectNode node = Json.object();
        counts.forEach((k, v) -> node.put(k.wire(), v));
        return node;
    }

    private static void readRetries(JsonNode node, Map<FailureClass, Integer> into) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            into.put(FailureClass.fromWire(e.getKey()), e.getValue().asInt());
        }
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static void setIfPresent(ObjectNode node, String field, JsonNode value) {
        if (value != null) {
            node.set(field, value.deepCopy());
        }
    }

    /** The record's test evidence read back; null when absent or not understood (an older or damaged record). */
    private static dev.harness.api.worker.TestEvidence testEvidence(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        try {
            return Json.convert(node, dev.harness.api.worker.TestEvidence.class);
        } catch (IllegalArgumentException e) {
            dev.harness.protocol.Log.warn("a worker record's test_evidence is not understood and is left out: " + e.getMessage());
            return null;
        }
    }
}
