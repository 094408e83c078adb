package dev.harness.worker.lifecycle;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.api.plan.TaskPacket;
import dev.harness.api.worker.Approval;
import dev.harness.api.worker.Budget;
import dev.harness.api.worker.DecisionRecord;
import dev.harness.api.worker.Evidence;
import dev.harness.api.worker.FailureClass;
import dev.harness.api.worker.TestResult;
import dev.harness.api.worker.TrustAssessment;
import dev.harness.api.worker.UsageTotal;
import dev.harness.api.worker.Verification;
import dev.harness.api.worker.WorkerEvent;
import dev.harness.api.worker.WorkerEventKind;
import dev.harness.api.worker.WorkerEventPayload;
import dev.harness.api.worker.WorkerSnapshot;
import dev.harness.api.worker.WorkerState;
import dev.harness.protocol.Json;
import dev.harness.protocol.Log;
import dev.harness.protocol.json.Digest;
import dev.harness.worker.attempt.AttemptSummary;
import dev.harness.worker.attempt.ScopeChanges;
import dev.harness.worker.attempt.Verified;
import dev.harness.worker.checkout.CheckoutPlan;
import dev.harness.worker.recovery.DecisionLog;
import dev.harness.worker.recovery.Failure;
import dev.harness.worker.trust.Clearance;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
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
    public Budget budget = Budget.NONE;
    /** What its attempts reported using (their usage_recorded events); read by other workers' budget checks. */
    public volatile UsageTotal used = UsageTotal.NONE;
    /**
     * What is left of the run's budget when it was spawned (spawn_worker's run_budget), shared with the
     * run's other workers: checked against everything this manager's workers used since ({@link #usedBefore}).
     */
    public Budget runBudget = Budget.NONE;
    /** What this manager's workers had used when it was spawned. */
    public UsageTotal usedBefore = UsageTotal.NONE;
    public String workdir;
    /** One entry per finished attempt (attempt_history). */
    public final List<AttemptSummary> attemptHistory = new ArrayList<>();
    ArrayNode events = Json.array();
    int droppedEvents;
    public int seq;
    /**
     * How long the worker's event journal is with every event this record holds appended: a load
     * replays what the journal has beyond it (progress events are journaled, not saved; -1: a record
     * of an earlier build, which saved every event).
     */
    long journalBytes = 0;
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
        ObjectNode event = (ObjectNode) Json.toNode(new WorkerEvent(id + ":" + seq, WorkerEventKind.fromWire(kind), id,
                now.getEpochSecond(), WorkerClock.iso(now), (long) seq++, state, taskId, attempt > 0 ? attempt : null,
                payload == null ? Json.object() : payload));
        events.add(event);
        while (events.size() > MAX_EVENTS) {
            events.remove(0);
            droppedEvents++;
        }
        updatedAt = now;
        return event;
    }

    /**
     * Takes back an event the journal holds beyond this record (a progress event journaled after
     * the record's last save): kept as the record would have kept it; one it already has is ignored.
     */
    void replay(ObjectNode event) {
        long eventSeq = event.path("seq").asLong(-1);
        if (eventSeq < seq) {
            return;
        }
        events.add(event);
        while (events.size() > MAX_EVENTS) {
            events.remove(0);
            droppedEvents++;
        }
        seq = (int) eventSeq + 1;
        try {
            updatedAt = Instant.parse(event.path("time").asText(""));
        } catch (java.time.format.DateTimeParseException unreadable) {
            updatedAt = Instant.ofEpochSecond(event.path("timestamp").asLong(updatedAt.getEpochSecond()));
        }
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
        attemptHistory.clear();
        attemptHistory.addAll(disk.attemptHistory);
        events = disk.events;
        droppedEvents = disk.droppedEvents;
        seq = disk.seq;
        startedAt = disk.startedAt;
        endedAt = disk.endedAt;
        updatedAt = disk.updatedAt;
        ownerPid = disk.ownerPid;
        ownerInstance = disk.ownerInstance;
        journalBytes = disk.journalBytes;
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
    public WorkerSnapshot snapshot(boolean withEvents) {
        List<WorkerEvent> held = null;
        if (withEvents) {
            held = new ArrayList<>(events.size());
            for (JsonNode event : events) {
                held.add(Json.convert(event, WorkerEvent.class));
            }
        }
        return snapshot(held);
    }

    private WorkerSnapshot snapshot(List<WorkerEvent> withEvents) {
        AttemptSummary last = attemptHistory.isEmpty() ? null : attemptHistory.get(attemptHistory.size() - 1);
        List<TestResult> acceptance = new ArrayList<>();
        if (last != null && last.acceptance() != null) {
            last.acceptance().forEach(test -> acceptance.add(test.result()));
        }
        List<ObjectNode> history = new ArrayList<>(attemptHistory.size());
        List<String> logs = new ArrayList<>();
        for (AttemptSummary attempt : attemptHistory) {
            history.add(attempt.toJson());
            if (attempt.agentLog() != null) {
                logs.add(attempt.agentLog());
            }
            for (var test : attempt.acceptance() == null ? List.<WorkerEventPayload.AcceptanceTestResult>of() : attempt.acceptance()) {
                if (test.log() != null) {
                    logs.add(test.log());
                }
            }
        }
        WorkerSnapshot.Changes changes = verified == null || verified.changedFiles() == null ? null
                : new WorkerSnapshot.Changes(verified.changedCount(), verified.changedFiles());
        return new WorkerSnapshot(id, taskId, planId, state, packet.deepCopy(), packetDigest(), workspace.toString(), scopePath,
                agent, attempts, awaitsDecision(), failure == null ? null : failure.failureClass(),
                failure == null ? null : failure.evidence(), failure == null ? null : failure.summary(),
                clearance.assessment(), clearance.approval(), decisions.latest(),
                decisions.all().isEmpty() ? null : decisions.all(), workdir, worktree, branch, baseCommit, baseRefs, commit,
                verified == null ? null : verified.verification(), testEvidence, changes, acceptance, history, logs,
                WorkerClock.iso(createdAt), WorkerClock.iso(updatedAt), startedAt == null ? null : WorkerClock.iso(startedAt),
                endedAt == null ? null : WorkerClock.iso(endedAt),
                endedAt == null || startedAt == null ? null : endedAt.toEpochMilli() - startedAt.toEpochMilli(),
                seq, withEvents, null);
    }

    /** The on-disk form: the snapshot with its events plus what only the manager needs. */
    ObjectNode toDisk() {
        ObjectNode node = (ObjectNode) Json.toNode(snapshot((List<WorkerEvent>) null));
        node.set("events", events.deepCopy()); // as held: the record's events are already their wire JSON
        node.setAll((ObjectNode) Json.toNode(new Kept(1, scopeExisted, checkout, budget.isNone() ? null : budget,
                used.isEmpty() ? null : used, runBudget.isNone() ? null : runBudget, runBudget.isNone() ? null : usedBefore,
                seq, droppedEvents, retries(autoRetries), retries(humanRetries), recovering, extraPrompt, systemPrompt,
                feedback, ownerPid, ownerInstance, journalBytes < 0 ? null : journalBytes)));
        return node;
    }

    /** What a record file holds beyond the snapshot: what only the manager needs (read back through {@link Stored}). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record Kept(int recordVersion, boolean scopeExisted, CheckoutPlan checkout, Budget budget, UsageTotal used,
                        Budget runBudget, UsageTotal usedBefore, int seq, int droppedEvents, Map<String, Integer> autoRetries,
                        Map<String, Integer> humanRetries, FailureClass recovering, String extraPrompt, String systemPrompt,
                        String feedback, long ownerPid, String ownerInstance, Long journalBytes) {}

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
                  List<ObjectNode> attemptHistory, ArrayNode events, Integer seq, Integer droppedEvents, String startedAt,
                  String endedAt, String updatedAt, Long ownerPid, String ownerInstance, Long journalBytes) {}

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
        r.budget = d.budget() == null ? Budget.NONE : Json.convert(d.budget(), Budget.class);
        r.used = d.used() == null ? UsageTotal.NONE
                : Json.convert(d.used(), UsageTotal.class);
        r.runBudget = d.runBudget() == null ? Budget.NONE
                : Json.convert(d.runBudget(), Budget.class);
        r.usedBefore = d.usedBefore() == null ? UsageTotal.NONE
                : Json.convert(d.usedBefore(), UsageTotal.class);
        for (ObjectNode each : or(d.attemptHistory(), List.<ObjectNode>of())) {
            AttemptSummary read = typed(each, AttemptSummary.class, r.id);
            if (read != null) {
                r.attemptHistory.add(read);
            }
        }
        r.events = or(d.events(), Json.array());
        r.seq = or(d.seq(), r.events.size());
        r.droppedEvents = or(d.droppedEvents(), 0);
        r.startedAt = d.startedAt() == null ? null : Instant.parse(d.startedAt());
        r.endedAt = d.endedAt() == null ? null : Instant.parse(d.endedAt());
        r.updatedAt = d.updatedAt() == null ? r.createdAt : Instant.parse(d.updatedAt());
        r.ownerPid = or(d.ownerPid(), 0L);
        r.ownerInstance = d.ownerInstance();
        r.journalBytes = or(d.journalBytes(), -1L);
        return r;
    }

    private static <T> T or(T value, T otherwise) {
        return value == null ? otherwise : value;
    }

    /** Why no new attempt may start: its own budget, or the run's shared one, is spent; empty while both last. */
    public java.util.Optional<String> budgetSpent(UsageTotal usedByAllWorkers) {
        java.util.Optional<String> own = budget.exhaustedBy(used);
        if (own.isPresent()) {
            return own;
        }
        return runBudget.exhaustedBy(since(usedByAllWorkers, usedBefore)).map(why -> "the run's budget: " + why);
    }

    /** Claude's --max-budget-usd: the smaller dollar remainder of its own and the run's budget; null when neither has one. */
    public Double dollarsLeft(UsageTotal usedByAllWorkers) {
        Double own = budget.usd() == null ? null : budget.remaining(used).usd();
        Double run = runBudget.usd() == null ? null : runBudget.remaining(since(usedByAllWorkers, usedBefore)).usd();
        if (own == null || run == null) {
            return own == null ? run : own; // (no ?: mixing Double and double: it would unbox a null)
        }
        return Math.min(own, run);
    }

    private static UsageTotal since(UsageTotal now, UsageTotal before) {
        return new UsageTotal(
                now.costUsd() == null ? null : now.costUsd() - (before.costUsd() == null ? 0 : before.costUsd()),
                now.inputTokens() - before.inputTokens(), now.outputTokens() - before.outputTokens(),
                now.cacheReadTokens() - before.cacheReadTokens(), now.cacheCreationTokens() - before.cacheCreationTokens(),
                now.turns() - before.turns(), now.attempts() - before.attempts());
    }

    public int retriesUsed(Map<FailureClass, Integer> counts, FailureClass failureClass) {
        return counts.getOrDefault(failureClass, 0);
    }

    private static Map<String, Integer> retries(Map<FailureClass, Integer> counts) {
        Map<String, Integer> named = new java.util.LinkedHashMap<>();
        counts.forEach((k, v) -> named.put(k.wire(), v));
        return named;
    }

    private static void readRetries(Map<String, Integer> counts, Map<FailureClass, Integer> into) {
        if (counts != null) {
            counts.forEach((name, count) -> into.put(FailureClass.fromWire(name), count));
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
