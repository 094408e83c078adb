package dev.harness.worker.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.api.plan.TaskPacket;
import dev.harness.api.worker.Approval;
import dev.harness.api.worker.DecisionRecord;
import dev.harness.api.worker.Evidence;
import dev.harness.api.worker.FailureClass;
import dev.harness.api.worker.TrustAssessment;
import dev.harness.api.worker.Verification;
import dev.harness.api.worker.WorkerSnapshot;
import dev.harness.api.worker.WorkerState;
import dev.harness.protocol.Json;
import dev.harness.protocol.Log;
import dev.harness.protocol.json.Digest;
import dev.harness.worker.attempt.ScopeChanges;
import dev.harness.worker.attempt.Verified;
import dev.harness.worker.checkout.CheckoutPlan;
import dev.harness.worker.recovery.DecisionLog;
import dev.harness.worker.recovery.Failure;
import dev.harness.worker.trust.Clearance;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
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
    /** The packet as it came (its canonical JSON is what an approval's digest covers) and its typed view. */
    public final ObjectNode packet;
    public final TaskPacket task;
    public final Path workspace;
    final String scopePath;
    final boolean scopeExisted;
    public final String agent;
    final Instant createdAt;

    public WorkerState state = WorkerState.SPAWNING;
    public int attempts;
    /** The latest failure, null while nothing failed or once the worker finished. */
    public Failure failure;
    /** The trust gate's assessment and the approval that lets the worker run. */
    public Clearance clearance = Clearance.NONE;
    /** Escalation decisions in order, and the latest word (a decision or a trust denial). */
    public DecisionLog decisions = DecisionLog.EMPTY;
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
    /** What the checkout keeps (run, setup command, start commit, files setup created). */
    public CheckoutPlan checkout = CheckoutPlan.NONE;
    /** What this worker may spend (spawn_worker's budget: the rest of the run's and the task's); NONE: no limit. */
    public dev.harness.api.worker.Budget budget = dev.harness.api.worker.Budget.NONE;
    /** What its attempts reported using (their usage_recorded events); read by other workers' budget checks. */
    public volatile dev.harness.api.worker.UsageTotal used = dev.harness.api.worker.UsageTotal.NONE;
    /**
     * What is left of the run's budget when it was spawned (spawn_worker's run_budget), shared with the
     * run's other workers: checked against everything this manager's workers used since ({@link #usedBefore}).
     */
    public dev.harness.api.worker.Budget runBudget = dev.harness.api.worker.Budget.NONE;
    /** What this manager's workers had used when it was spawned. */
    public dev.harness.api.worker.UsageTotal usedBefore = dev.harness.api.worker.UsageTotal.NONE;
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

    /** How far the finished task was verified and what it changed (null until finished, or when a change was missing). */
    public Verified verified;
    /** Whether the finished task's own tests already passed on its base (null: not looked at). */
    public dev.harness.api.worker.TestEvidence testEvidence;
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
        this.task = Json.convert(packet, TaskPacket.class);
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
        clearance = disk.clearance;
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
        verified = disk.verified;
        testEvidence = disk.testEvidence;
        baseCommit = disk.baseCommit;
        baseRefs = disk.baseRefs;
        checkout = disk.checkout;
        budget = disk.budget;
        used = disk.used;
        runBudget = disk.runBudget;
        usedBefore = disk.usedBefore;
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
            node.set("evidence", Json.toNode(failure.evidence()));
        }
        putIfPresent(node, "failure_summary", failure == null ? null : failure.summary());
        setIfPresent(node, "trust", clearance.assessment());
        setIfPresent(node, "approval", clearance.approval());
        setIfPresent(node, "decision", decisions.latest());
        if (!decisions.all().isEmpty()) {
            node.set("decisions", Json.toNode(decisions.all()));
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
        if (verified != null) {
            node.put("verification", verified.verification().wire());
            if (verified.changedFiles() != null) {
                ObjectNode changes = node.putObject("changes");
                changes.put("count", verified.changedCount());
                changes.set("files", Json.toNode(verified.changedFiles()));
            }
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
        node.set("checkout", Json.toNode(checkout));
        if (!budget.isNone()) {
            node.set("budget", Json.toNode(budget));
        }
        if (!used.isEmpty()) {
            node.set("used", Json.toNode(used));
        }
        if (!runBudget.isNone()) {
            node.set("run_budget", Json.toNode(runBudget));
            node.set("used_before", Json.toNode(usedBefore));
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

    /**
     * A record file as this build reads it (what {@link #toDisk} writes; an earlier build's file
     * reads too, its missing fields null). Enums stay text here so one unknown name costs only
     * its field.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Stored(String workerId, String taskId, String planId, ObjectNode taskPacket, String workspace, String scopePath,
                  Boolean scopeExisted, String agent, String createdAt, String state, Integer attempts, String failureClass,
                  String failureSummary, Evidence evidence, Boolean escalationRequired, ObjectNode trust,
                  ObjectNode approval, ObjectNode decision, List<ObjectNode> decisions, Map<String, Integer> autoRetries,
                  Map<String, Integer> humanRetries, String recovering, String extraPrompt, String systemPrompt,
                  String feedback, String workdir, String worktree, String branch, String baseCommit, List<String> baseRefs,
                  String commit, String verification, WorkerSnapshot.Changes changes, ObjectNode testEvidence,
                  ObjectNode budget, ObjectNode used, ObjectNode runBudget, ObjectNode usedBefore, ObjectNode checkout,
                  ArrayNode attemptHistory, ArrayNode events, Integer seq, Integer droppedEvents, String startedAt,
                  String endedAt, String updatedAt, Long ownerPid, String ownerInstance) {}

    /** A failure an earlier build recorded without evidence. */
    private static final Evidence NO_EVIDENCE = new Evidence(null, null, null, null, null, null, null, null, null, null);

    static WorkerRecord fromDisk(JsonNode node) {
        Stored d = Json.convert(node, Stored.class);
        WorkerRecord r = new WorkerRecord(d.workerId(), d.taskId(), d.planId(), d.taskPacket(), Path.of(d.workspace()),
                or(d.scopePath(), ""), Boolean.TRUE.equals(d.scopeExisted()), or(d.agent(), "none"), Instant.parse(d.createdAt()));
        r.state = WorkerState.fromWire(d.state());
        r.attempts = or(d.attempts(), 0);
        FailureClass failureClass = d.failureClass() == null ? null : FailureClass.fromWire(d.failureClass());
        if (failureClass != null || d.failureSummary() != null) {
            r.failure = new Failure(failureClass, failureClass == null ? null : or(d.evidence(), NO_EVIDENCE),
                    d.failureSummary() != null ? d.failureSummary() : failureClass.wire(), Boolean.TRUE.equals(d.escalationRequired()));
        }
        r.clearance = new Clearance(typed(d.trust(), TrustAssessment.class, r.id), typed(d.approval(), Approval.class, r.id));
        List<DecisionRecord> decided = new java.util.ArrayList<>();
        for (ObjectNode each : or(d.decisions(), List.<ObjectNode>of())) {
            DecisionRecord read = typed(each, DecisionRecord.class, r.id);
            if (read != null) {
                decided.add(read);
            }
        }
        r.decisions = new DecisionLog(typed(d.decision(), DecisionRecord.class, r.id), decided);
        readRetries(d.autoRetries(), r.autoRetries);
        readRetries(d.humanRetries(), r.humanRetries);
        r.recovering = d.recovering() == null ? null : FailureClass.fromWire(d.recovering());
        r.extraPrompt = d.extraPrompt();
        r.systemPrompt = d.systemPrompt();
        r.feedback = d.feedback();
        r.workdir = d.workdir();
        r.worktree = d.worktree();
        r.branch = d.branch();
        r.baseCommit = d.baseCommit();
        r.baseRefs = d.baseRefs() == null ? List.of() : List.copyOf(d.baseRefs());
        r.commit = d.commit();
        r.verified = d.verification() == null ? null : verified(Verification.fromWire(d.verification()), d.changes());
        r.testEvidence = testEvidence(d.testEvidence());
        r.checkout = d.checkout() == null ? CheckoutPlan.NONE : Json.convert(d.checkout(), CheckoutPlan.class);
        r.budget = d.budget() == null ? dev.harness.api.worker.Budget.NONE : Json.convert(d.budget(), dev.harness.api.worker.Budget.class);
        r.used = d.used() == null ? dev.harness.api.worker.UsageTotal.NONE
                : Json.convert(d.used(), dev.harness.api.worker.UsageTotal.class);
        r.runBudget = d.runBudget() == null ? dev.harness.api.worker.Budget.NONE
                : Json.convert(d.runBudget(), dev.harness.api.worker.Budget.class);
        r.usedBefore = d.usedBefore() == null ? dev.harness.api.worker.UsageTotal.NONE
                : Json.convert(d.usedBefore(), dev.harness.api.worker.UsageTotal.class);
        r.attemptHistory = or(d.attemptHistory(), Json.array());
        r.events = or(d.events(), Json.array());
        r.seq = or(d.seq(), r.events.size());
        r.droppedEvents = or(d.droppedEvents(), 0);
        r.startedAt = d.startedAt() == null ? null : Instant.parse(d.startedAt());
        r.endedAt = d.endedAt() == null ? null : Instant.parse(d.endedAt());
        r.updatedAt = d.updatedAt() == null ? r.createdAt : Instant.parse(d.updatedAt());
        r.ownerPid = or(d.ownerPid(), 0L);
        r.ownerInstance = d.ownerInstance();
        return r;
    }

    private static <T> T or(T value, T otherwise) {
        return value == null ? otherwise : value;
    }

    /** Why no new attempt may start: its own budget, or the run's shared one, is spent; empty while both last. */
    public java.util.Optional<String> budgetSpent(dev.harness.api.worker.UsageTotal usedByAllWorkers) {
        java.util.Optional<String> own = budget.exhaustedBy(used);
        if (own.isPresent()) {
            return own;
        }
        return runBudget.exhaustedBy(since(usedByAllWorkers, usedBefore)).map(why -> "the run's budget: " + why);
    }

    /** Claude's --max-budget-usd: the smaller dollar remainder of its own and the run's budget; null when neither has one. */
    public Double dollarsLeft(dev.harness.api.worker.UsageTotal usedByAllWorkers) {
        Double own = budget.usd() == null ? null : budget.remaining(used).usd();
        Double run = runBudget.usd() == null ? null : runBudget.remaining(since(usedByAllWorkers, usedBefore)).usd();
        if (own == null || run == null) {
            return own == null ? run : own; // (no ?: mixing Double and double: it would unbox a null)
        }
        return Math.min(own, run);
    }

    private static dev.harness.api.worker.UsageTotal since(dev.harness.api.worker.UsageTotal now, dev.harness.api.worker.UsageTotal before) {
        return new dev.harness.api.worker.UsageTotal(
                now.costUsd() == null ? null : now.costUsd() - (before.costUsd() == null ? 0 : before.costUsd()),
                now.inputTokens() - before.inputTokens(), now.outputTokens() - before.outputTokens(),
                now.cacheReadTokens() - before.cacheReadTokens(), now.cacheCreationTokens() - before.cacheCreationTokens(),
                now.turns() - before.turns(), now.attempts() - before.attempts());
    }

    public int retriesUsed(Map<FailureClass, Integer> counts, FailureClass failureClass) {
        return counts.getOrDefault(failureClass, 0);
    }

    private static ObjectNode retries(Map<FailureClass, Integer> counts) {
        ObjectNode node = Json.object();
        counts.forEach((k, v) -> node.put(k.wire(), v));
        return node;
    }

    private static void readRetries(Map<String, Integer> counts, Map<FailureClass, Integer> into) {
        if (counts != null) {
            counts.forEach((name, count) -> into.put(FailureClass.fromWire(name), count));
        }
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static void setIfPresent(ObjectNode node, String field, Record value) {
        if (value != null) {
            node.set(field, Json.toNode(value));
        }
    }

    private static Verified verified(Verification how, WorkerSnapshot.Changes changes) {
        if (changes == null || changes.files() == null) {
            return new Verified(how, 0, null);
        }
        return new Verified(how, or(changes.count(), changes.files().size()), changes.files());
    }

    /**
     * A part of a record written by an earlier build that no longer reads (an approval source this
     * build does not know, say) is left out with a warning: a missing approval only makes the gate
     * ask again, it never lets more run.
     */
    private static <T> T typed(ObjectNode node, Class<T> type, String workerId) {
        if (node == null) {
            return null;
        }
        try {
            return Json.convert(node, type);
        } catch (IllegalArgumentException e) {
            Log.warn("worker " + workerId + ": its " + type.getSimpleName() + " does not read (" + e.getMessage() + "); left out");
            return null;
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
