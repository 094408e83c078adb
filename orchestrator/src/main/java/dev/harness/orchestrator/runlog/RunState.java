package dev.harness.orchestrator.runlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.harness.api.run.TaskVerification;
import dev.harness.api.run.Gate;
import dev.harness.api.run.LoggedEvent;
import dev.harness.api.run.PauseStatus;
import dev.harness.api.run.RunEvent;
import dev.harness.api.run.RunOutcome;
import dev.harness.api.run.RunStatus;
import dev.harness.api.run.SkipCause;
import dev.harness.api.run.TaskStatus;
import dev.harness.api.worker.ApprovalSource;
import dev.harness.api.worker.Decision;
import dev.harness.api.worker.Budget;
import dev.harness.api.worker.FailureClass;
import dev.harness.api.worker.UsageTotal;
import dev.harness.api.worker.WorkerEventKind;
import dev.harness.api.worker.WorkerEventPayload;
import dev.harness.api.DirectFields;
import dev.harness.protocol.Json;
import dev.harness.protocol.graph.DependencyOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A run's state rebuilt from its events alone (a pure reducer: no I/O, no clock). This is what
 * {@code resume}, {@code status} and {@code runs} rely on, so it follows the log literally:
 * <ul>
 *   <li>the plan is the packets of the last plan_created or gate_modified; its digest is
 *       {@link PlanDigest#of} of those packets, and the approval holds only while the approved
 *       digest equals it (a gate_modified changes the plan and needs a new gate_approved);</li>
 *   <li>a task that was task_started with no end event was interrupted and runs again;</li>
 *   <li>completed tasks never run again; a task skipped only because a dependency failed runs
 *       again when that dependency does.</li>
 * </ul>
 * Each kind of event is one method of {@link RunEvent.Visitor}: the compiler names any kind the
 * reducer does not handle. The orchestrator's own decision_recorded and the worker manager's
 * (relayed) one are different records. Kinds this version does not know are ignored, so newer
 * logs stay readable.
 */
public final class RunState {
    private String runId;
    private String objective;
    private String workspace;
    private ObjectNode options = JsonNodeFactory.instance.objectNode();
    private RunEvent.RunOptions runOptions = new RunEvent.RunOptions(null, null, null);
    private String planId;
    private String planner;
    private ArrayNode packets = JsonNodeFactory.instance.arrayNode();
    private final List<String> planWarnings = new ArrayList<>();
    private String recordedPlanDigest;
    private String planDigest = PlanDigest.of(JsonNodeFactory.instance.arrayNode());
    private String approvedDigest;
    private Approval planApproval;
    private final List<Approval> approvals = new ArrayList<>();
    private RunStatus status = RunStatus.PLANNED;
    private boolean executionComplete;
    private boolean interrupted;
    private final Map<String, Task> tasks = new LinkedHashMap<>();
    private final Map<String, Boolean> bootstrapPhases = new LinkedHashMap<>();
    private final Map<String, Escalation> escalations = new LinkedHashMap<>();
    private final Map<String, String> workerTasks = new HashMap<>(); // for worker events without task_id
    // a worker's attempts count from 1; a task's go on across its workers (one interrupted, the next one resumed)
    private final Map<String, Integer> workerAttemptOffsets = new HashMap<>();
    private final List<String> anomalies = new ArrayList<>();
    private UsageTotal usage = UsageTotal.NONE;
    private Budget budget = Budget.NONE;
    private String pauseReason;
    private Instant startedAt;
    private Instant lastEventAt;
    private long lastSeq;
    private int eventCount;

    private RunState() {}

    /** Folds the events, in order, into the state they describe. */
    public static RunState rebuild(List<LoggedEvent> events) {
        RunState state = new RunState();
        Reducer reducer = state.new Reducer();
        for (LoggedEvent event : events) {
            state.note(event);
            reducer.seq = event.seq();
            reducer.time = event.time();
            event.event().accept(reducer);
        }
        // only the first and the last time that parse are wanted: parsing every line's time cost a
        // first read of 1,000 events ~15 ms CPU of cold java.time code (issue 15)
        for (LoggedEvent event : events) {
            Optional<Instant> time = event.instant();
            if (time.isPresent()) {
                state.startedAt = time.get();
                break;
            }
        }
        for (int i = events.size() - 1; i >= 0; i--) {
            Optional<Instant> time = events.get(i).instant();
            if (time.isPresent()) {
                state.lastEventAt = time.get();
                break;
            }
        }
        return state;
    }

    /**
     * What the reducer needs of a packet ({@link dev.harness.api.plan.TaskPacket}'s fields, without
     * its invariants): the plan is kept exactly as it was approved, and a log stays readable even
     * if a packet in it would not pass today's rules.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record PacketOutline(String id, String title, String objective, List<String> dependsOn, JsonNode files) {}

    /** Read without databind when every field is plain (issue 15's first reads); databind otherwise, as before. */
    static PacketOutline outline(JsonNode node) {
        try {
            DirectFields f = DirectFields.of(node);
            return new PacketOutline(f.text("id"), f.text("title"), f.text("objective"), f.texts("depends_on"),
                    f.node("files"));
        } catch (DirectFields.Mismatch notPlain) {
            return Json.convert(node, PacketOutline.class);
        }
    }

    /** Mutable per-task record used only while folding. */
    private static final class Task {
        final String id;
        String title;
        List<String> dependsOn = List.of();
        List<String> files = List.of();
        TaskStatus status = TaskStatus.PENDING;
        String workerId;
        int attempts;
        FailureClass failureClass;
        String lastReason;
        boolean skippedByDecision;
        Long durationMs;
        String branch;
        String commit;
        TaskVerification verification;
        String testWarning;
        UsageTotal usage = UsageTotal.NONE;

        Task(String id) {
            this.id = id;
        }

        /** @param runInterrupted run_interrupted is the run's last word: a task still running then was stopped */
        TaskState snapshot(boolean runInterrupted) {
            TaskStatus shown = runInterrupted && status == TaskStatus.RUNNING ? TaskStatus.INTERRUPTED : status;
            return new TaskState(id, title, dependsOn, shown, workerId, attempts, failureClass, lastReason,
                    status == TaskStatus.RUNNING, status == TaskStatus.SKIPPED && skippedByDecision,
                    durationMs, branch, commit, verification, testWarning, usage, files);
        }
    }

    private void note(LoggedEvent event) {
        eventCount++;
        lastSeq = Math.max(lastSeq, event.seq());
        if (runId == null) {
            runId = event.runId();
        }
    }

    /** One method per kind of event; each changes the state the way the kind says. */
    private final class Reducer implements RunEvent.Visitor<Void> {
        long seq;
        String time;

        @Override
        public Void runStarted(RunEvent.RunStarted e) {
            objective = e.objective() != null ? e.objective() : objective;
            workspace = e.workspace() != null ? e.workspace() : workspace;
            if (e.options() != null) {
                options = (ObjectNode) Json.toNode(e.options());
                runOptions = e.options();
                budget = e.options().budget() != null ? e.options().budget() : budget;
            }
            return null;
        }

        @Override
        public Void planCreated(RunEvent.PlanCreated e) {
            if (planApproval != null && status != RunStatus.AWAITING_APPROVAL) {
                anomalies.add("seq " + seq + ": a new plan after the plan was approved");
            }
            planId = e.planId() != null ? e.planId() : planId;
            planner = e.planner() != null ? e.planner() : planner;
            if (objective == null) {
                objective = e.objective();
            }
            planWarnings.clear();
            if (e.warnings() != null) {
                planWarnings.addAll(e.warnings());
            }
            setPlan(e.packets(), e.digest(), seq);
            status = RunStatus.PLANNED;
            return null;
        }

        @Override
        public Void gateApprovalRequested(RunEvent.GateApprovalRequested e) {
            if (e.gate() == null || e.gate() == Gate.PLAN) {
                status = RunStatus.AWAITING_APPROVAL;
            }
            return null;
        }

        @Override
        public Void gateApproved(RunEvent.GateApproved e) {
            Approval approval = record(e, "approved");
            if (e.isPlanGate()) {
                approvedDigest = approval.digest();
                planApproval = approval;
                status = RunStatus.RUNNING;
            }
            return null;
        }

        @Override
        public Void gateRejected(RunEvent.GateRejected e) {
            record(e, "rejected");
            if (e.isPlanGate()) {
                status = RunStatus.REJECTED;
            }
            return null;
        }

        @Override
        public Void gateModified(RunEvent.GateModified e) {
            Approval approval = record(e, "modified");
            if (e.isPlanGate()) {
                if (e.packets() != null) {
                    setPlan(e.packets(), approval.digest(), seq);
                }
                status = RunStatus.AWAITING_APPROVAL;
            }
            return null;
        }

        private Approval record(RunEvent.GateDecision e, String decision) {
            Approval approval = new Approval(e.gate() == null ? Gate.PLAN : e.gate(), decision, e.digest(), e.approver(),
                    e.source(), e.comment(), e.taskId(), time);
            approvals.add(approval);
            return approval;
        }

        @Override
        public Void bootstrapPhaseStarted(RunEvent.BootstrapPhaseStarted e) {
            return null;
        }

        @Override
        public Void bootstrapPhaseCompleted(RunEvent.BootstrapPhaseCompleted e) {
            if (e.phase() != null) {
                bootstrapPhases.put(e.phase().wire(), e.success());
            }
            if (!e.success()) {
                status = RunStatus.FAILED;
            }
            return null;
        }

        @Override
        public Void taskStarted(RunEvent.TaskStarted e) {
            Task task = taskOf(e.taskId(), e.workerId());
            if (task == null) {
                anomalies.add("seq " + seq + ": task_started for a task not in the plan: " + e.taskId());
                return null;
            }
            if (task.status == TaskStatus.COMPLETED) {
                anomalies.add("seq " + seq + ": completed task " + task.id + " started again");
            }
            task.status = TaskStatus.RUNNING;
            int attempt = e.attempt() == null ? 0 : e.attempt();
            task.attempts = Math.max(task.attempts + (attempt > 0 ? 0 : 1), attempt);
            if (e.workerId() != null) {
                workerAttemptOffsets.putIfAbsent(e.workerId(), Math.max(0, task.attempts - 1));
            }
            noteWorker(task, e.workerId(), null);
            task.testWarning = null;
            escalations.remove(task.id);
            status = RunStatus.RUNNING;
            interrupted = false;
            return null;
        }

        @Override
        public Void taskCompleted(RunEvent.TaskCompleted e) {
            Task task = taskOf(e.taskId(), e.workerId());
            if (task == null) {
                return null;
            }
            task.status = TaskStatus.COMPLETED;
            task.failureClass = null;
            task.lastReason = null;
            if (e.durationMs() != null) {
                task.durationMs = e.durationMs();
            }
            task.branch = e.branch() != null ? e.branch() : task.branch;
            task.commit = e.commit() != null ? e.commit() : task.commit;
            task.verification = e.verification();
            if (task.branch != null && task.commit == null) {
                task.testWarning = null; // it commits nothing: its agent's changes went with its checkout, nothing to prove
            }
            noteWorker(task, e.workerId(), null);
            escalations.remove(task.id);
            return null;
        }

        @Override
        public Void taskFailed(RunEvent.TaskFailed e) {
            Task task = taskOf(e.taskId(), e.workerId());
            if (task == null) {
                return null;
            }
            noteWorker(task, e.workerId(), null);
            task.failureClass = e.failureClass() != null ? e.failureClass() : task.failureClass;
            task.lastReason = e.reason() != null ? e.reason() : task.lastReason;
            if (e.awaitsDecision()) {
                task.status = TaskStatus.AWAITING_DECISION;
                escalations.put(task.id, new Escalation(task.id, task.workerId, task.failureClass, task.lastReason));
                status = RunStatus.AWAITING_DECISION;
            } else {
                task.status = TaskStatus.FAILED;
                escalations.remove(task.id);
            }
            return null;
        }

        @Override
        public Void taskSkipped(RunEvent.TaskSkipped e) {
            Task task = taskOf(e.taskId(), null);
            if (task == null) {
                return null;
            }
            if (e.cause() == SkipCause.POSTPONED) {
                // not skipped: it waits for the task sent back after a merge conflict, then runs
                task.status = TaskStatus.PENDING;
                task.lastReason = "postponed: " + (e.reason() != null ? e.reason() : "it waits for a task sent back");
                return null;
            }
            task.status = TaskStatus.SKIPPED;
            task.lastReason = e.reason() != null ? e.reason() : task.lastReason;
            // cause dependency: it runs again when its dependency does; any other cause (a decision, a
            // policy) stands on resume. Without a cause (older logs): skipped although every
            // dependency completed means a decision.
            boolean byDecision = e.cause() != null ? e.cause() != SkipCause.DEPENDENCY : task.dependsOn.stream()
                    .allMatch(d -> tasks.containsKey(d) && tasks.get(d).status == TaskStatus.COMPLETED);
            task.skippedByDecision = task.skippedByDecision || byDecision;
            escalations.remove(task.id);
            return null;
        }

        @Override
        public Void decisionRecorded(RunEvent.DecisionRecorded e) {
            decide(taskOf(e.taskId(), e.workerId()), e.workerId(), e.decision(), e.approver());
            return null;
        }

        @Override
        public Void runPaused(RunEvent.RunPaused e) {
            if (e.status() != null) {
                status = switch (e.status()) {
                    case AWAITING_DECISION -> RunStatus.AWAITING_DECISION;
                    case AWAITING_TRUST -> RunStatus.AWAITING_TRUST;
                    case AWAITING_APPROVAL -> RunStatus.AWAITING_APPROVAL; // the trust gate's pause too, so far
                };
            }
            pauseReason = e.reason();
            return null;
        }

        @Override
        public Void runResumed(RunEvent.RunResumed e) {
            pauseReason = null;
            budget = e.budget() != null ? e.budget() : budget;
            interrupted = false;
            // the orchestrator logs run_resumed only when it goes on (an aborted run only when reopened)
            if (status != RunStatus.REJECTED && status != RunStatus.COMPLETED) {
                status = RunStatus.RUNNING;
            }
            executionComplete = false;
            return null;
        }

        @Override
        public Void runInterrupted(RunEvent.RunInterrupted e) {
            interrupted = true;
            pauseReason = e.reason();
            return null;
        }

        @Override
        public Void logRepaired(RunEvent.LogRepaired e) {
            return null;
        }

        @Override
        public Void workerEventsUnavailable(RunEvent.WorkerEventsUnavailable e) {
            return null;
        }

        @Override
        public Void executionComplete(RunEvent.ExecutionComplete e) {
            executionComplete = true;
            status = e.status() != null ? fromOutcome(e.status()) : failedCount() > 0 ? RunStatus.FAILED : RunStatus.COMPLETED;
            return null;
        }

        @Override
        public Void runCompleted(RunEvent.RunCompleted e) {
            executionComplete = true;
            status = fromOutcome(e.status());
            return null;
        }

        @Override
        public Void worktreePrepared(RunEvent.WorktreePrepared e) {
            Task task = taskOf(e.taskId(), e.workerId());
            if (task != null) {
                noteWorker(task, e.workerId(), null);
                task.branch = e.branch() != null ? e.branch() : task.branch;
            }
            return null;
        }

        @Override
        public Void setupFailed(RunEvent.SetupFailed e) {
            Task task = taskOf(e.taskId(), e.workerId());
            if (task != null) {
                noteWorker(task, e.workerId(), null);
                task.lastReason = e.reason() != null ? e.reason() : task.lastReason;
            }
            return null;
        }

        @Override
        public Void mergeStarted(RunEvent.MergeStarted e) {
            return null;
        }

        @Override
        public Void mergeCompleted(RunEvent.MergeCompleted e) {
            return null;
        }

        @Override
        public Void mergeConflict(RunEvent.MergeConflict e) {
            Task task = taskOf(e.taskId(), null);
            if (task != null) {
                task.failureClass = FailureClass.MERGE_CONFLICT;
            }
            return null;
        }

        @Override
        public Void integrationCompleted(RunEvent.IntegrationCompleted e) {
            return null;
        }

        @Override
        public Void applyCompleted(RunEvent.ApplyCompleted e) {
            return null;
        }

        @Override
        public Void worktreeRemoved(RunEvent.WorktreeRemoved e) {
            return null;
        }

        @Override
        public Void cleanCompleted(RunEvent.CleanCompleted e) {
            return null;
        }

        @Override
        public Void notificationSent(RunEvent.NotificationSent e) {
            return null; // a notifier's fate never changes the run
        }

        @Override
        public Void notificationFailed(RunEvent.NotificationFailed e) {
            return null;
        }

        @Override
        public Void workerEventRelayed(RunEvent.WorkerEventRelayed e) {
            Task task = taskOf(e.taskId(), e.workerId());
            if (e.workerKind() == WorkerEventKind.USAGE_RECORDED) {
                recordUsage(task, e);
                return null;
            }
            if (task == null) {
                return null;
            }
            // only the kinds that change the task are bound to their payload record (binding every
            // relayed event would cost start-up time on long logs for nothing)
            WorkerEventPayload details = switch (e.workerKind()) {
                case FAILURE_CLASSIFIED, RECOVERY_ESCALATION, DECISION_RECORDED, FINISHED -> e.details();
                default -> null;
            };
            if (details instanceof WorkerEventPayload.FailureClassified classified) {
                task.failureClass = classified.failureClass();
            } else if (details instanceof WorkerEventPayload.RecoveryEscalation escalation) {
                escalated(task, escalation);
            } else if (details instanceof WorkerEventPayload.DecisionRecorded decided) {
                // A person's decision reaches the worker manager through the orchestrator, which logs it
                // as its own DecisionRecorded; the worker manager's echo of it (human_decision) changes
                // nothing more. Decisions the worker manager takes itself (by recipe or escalation_policy)
                // are only in its event.
                noteWorker(task, e.workerId(), e.attempt());
                if (decided.source() != ApprovalSource.HUMAN_DECISION) {
                    decide(task, e.workerId(), decided.decision(), decided.approver());
                }
                return null;
            } else if (e.workerKind() == WorkerEventKind.FINISHED && details instanceof WorkerEventPayload.StateChanged done) {
                finished(task, done);
            }
            noteWorker(task, e.workerId(), e.attempt());
            return null;
        }

        /** The run's total counts every attempt, even one whose task the plan no longer has. */
        private void recordUsage(Task task, RunEvent.WorkerEventRelayed e) {
            WorkerEventPayload.UsageRecorded used;
            try {
                used = (WorkerEventPayload.UsageRecorded) e.details();
            } catch (IllegalArgumentException unreadable) {
                anomalies.add("seq " + seq + ": a usage_recorded event that cannot be read: " + unreadable.getMessage());
                return;
            }
            usage = usage.plus(used);
            if (task != null) {
                task.usage = task.usage.plus(used);
                noteWorker(task, e.workerId(), e.attempt());
            }
        }

        @Override
        public Void unknown(RunEvent.Unknown e) {
            return null;
        }
    }

    private static RunStatus fromOutcome(RunOutcome outcome) {
        return switch (outcome) {
            case COMPLETED -> RunStatus.COMPLETED;
            case COMPLETED_WITH_SKIPS, PARTIAL -> RunStatus.COMPLETED_WITH_SKIPS;
            case FAILED -> RunStatus.FAILED;
            case REJECTED -> RunStatus.REJECTED;
            case ABORTED -> RunStatus.ABORTED;
            case INTERRUPTED -> RunStatus.INTERRUPTED;
        };
    }

    private void setPlan(ArrayNode newPackets, String digest, long seq) {
        packets = newPackets == null ? JsonNodeFactory.instance.arrayNode() : newPackets.deepCopy();
        recordedPlanDigest = digest;
        // the log keeps the packets with secrets masked; their digest is the approved raw plan's
        // (plan.json), which resume checks against plan.json itself
        planDigest = digest != null && Json.write(packets).contains(dev.harness.protocol.secrets.Redactor.MASK)
                ? digest : PlanDigest.of(packets);
        Map<String, Task> previous = new HashMap<>(tasks);
        tasks.clear();
        for (JsonNode node : packets) {
            PacketOutline packet;
            try {
                packet = outline(node);
            } catch (IllegalArgumentException e) {
                anomalies.add("seq " + seq + ": a packet of the plan is not an object with an id: " + e.getMessage());
                continue;
            }
            if (packet.id() == null || packet.id().isEmpty()) {
                continue;
            }
            Task task = previous.getOrDefault(packet.id(), new Task(packet.id()));
            task.title = packet.title() != null ? packet.title() : packet.objective() != null ? packet.objective() : packet.id();
            task.dependsOn = packet.dependsOn() == null ? List.of() : List.copyOf(packet.dependsOn());
            // a log's plan is kept as approved: a files entry that is not text is left out, not a reason to refuse the log
            List<String> files = new ArrayList<>();
            if (packet.files() != null && packet.files().isArray()) {
                packet.files().forEach(f -> {
                    if (f.isTextual()) {
                        files.add(f.asText());
                    }
                });
            }
            task.files = List.copyOf(files);
            tasks.put(packet.id(), task);
        }
    }

    /** The worker verified the task (acceptance tests passed) even if the orchestrator died before task_completed. */
    private void finished(Task task, WorkerEventPayload.StateChanged finished) {
        if (task.status != TaskStatus.COMPLETED && task.status != TaskStatus.SKIPPED) {
            task.testWarning = testWarning(finished.testEvidence());
            task.status = TaskStatus.COMPLETED;
            task.failureClass = null;
            task.lastReason = null;
            task.branch = finished.branch() != null ? finished.branch() : task.branch;
            task.commit = finished.commit() != null ? finished.commit() : task.commit;
            escalations.remove(task.id);
        }
    }

    /** What the base run said of a finished task's own tests when they are no evidence for its change, with the tests; else null. */
    static String testWarning(dev.harness.api.worker.TestEvidence evidence) {
        String warning = evidence == null ? null : evidence.warning();
        if (warning == null || evidence.tests().isEmpty()) {
            return warning;
        }
        int shown = Math.min(3, evidence.tests().size());
        return warning + " (" + String.join(", ", evidence.tests().subList(0, shown))
                + (evidence.tests().size() > shown ? " and " + (evidence.tests().size() - shown) + " more" : "") + ")";
    }

    private void escalated(Task task, WorkerEventPayload.RecoveryEscalation escalation) {
        if (task.status == TaskStatus.COMPLETED || task.status == TaskStatus.SKIPPED) {
            return;
        }
        task.failureClass = escalation.failureClass() != null ? escalation.failureClass() : task.failureClass;
        String reason = escalation.reason() != null ? escalation.reason() : escalation.summary();
        task.lastReason = reason != null ? reason : task.lastReason;
        task.status = TaskStatus.AWAITING_DECISION;
        escalations.put(task.id, new Escalation(task.id, task.workerId, task.failureClass, task.lastReason));
    }

    private void decide(Task task, String workerId, Decision decision, String approver) {
        if (task == null || decision == null) {
            return;
        }
        noteWorker(task, workerId, null);
        escalations.remove(task.id);
        switch (decision) {
            case RETRY -> {
                // only a waiting or failed task goes back: a task that already restarted stays running
                if (task.status == TaskStatus.AWAITING_DECISION || task.status == TaskStatus.FAILED) {
                    task.status = TaskStatus.PENDING;
                }
                if (status == RunStatus.AWAITING_DECISION || status == RunStatus.FAILED) {
                    status = RunStatus.RUNNING;
                }
            }
            case SKIP -> {
                if (task.status != TaskStatus.COMPLETED) {
                    task.status = TaskStatus.SKIPPED;
                    task.skippedByDecision = true;
                    task.lastReason = "skipped by decision" + (approver == null ? "" : " of " + approver);
                }
                if (status == RunStatus.AWAITING_DECISION) {
                    status = RunStatus.RUNNING;
                }
            }
            case ABORT -> {
                if (task.status == TaskStatus.AWAITING_DECISION || task.status == TaskStatus.RUNNING) {
                    task.status = TaskStatus.FAILED;
                }
                status = RunStatus.ABORTED;
            }
        }
    }

    private void noteWorker(Task task, String workerId, Integer attempt) {
        if (workerId != null) {
            task.workerId = workerId;
        }
        if (attempt != null) {
            task.attempts = Math.max(task.attempts, workerAttemptOffsets.getOrDefault(workerId, 0) + attempt);
        }
    }

    private Task taskOf(String id, String worker) {
        if (id != null && worker != null) {
            workerTasks.put(worker, id);
        } else if (id == null && worker != null) {
            id = workerTasks.get(worker);
        }
        return id == null ? null : tasks.get(id);
    }

    // ---- what callers read ----

    public String runId() {
        return runId;
    }

    public String objective() {
        return objective;
    }

    public String workspace() {
        return workspace;
    }

    /** The run's options as logged by run_started (jobs, agent, keep_going). */
    public ObjectNode options() {
        return options.deepCopy();
    }

    public String planId() {
        return planId;
    }

    public String planner() {
        return planner;
    }

    /** The current plan's packets (a copy). */
    public ArrayNode packets() {
        return packets.deepCopy();
    }

    public List<String> planWarnings() {
        return List.copyOf(planWarnings);
    }

    /** sha256 of the current packets' canonical JSON ({@link PlanDigest}). */
    public String planDigest() {
        return planDigest;
    }

    /** The digest the log recorded with the current plan (should equal {@link #planDigest()}). */
    public String recordedPlanDigest() {
        return recordedPlanDigest;
    }

    /** The digest the plan gate approved last, or null. */
    public String approvedDigest() {
        return approvedDigest;
    }

    public Optional<Approval> planApproval() {
        return Optional.ofNullable(planApproval);
    }

    /** Every gate decision in order (plan and trust gates). */
    public List<Approval> approvals() {
        return List.copyOf(approvals);
    }

    /** True when the plan gate approved exactly the current packets. */
    public boolean approvalHolds() {
        return approvedDigest != null && !packets.isEmpty() && approvedDigest.equals(planDigest());
    }

    /** Where the run stands by its log alone (a run whose writer was killed still says running). */
    public RunStatus status() {
        return interrupted ? RunStatus.INTERRUPTED : status;
    }

    /**
     * Where the run stands, knowing whether an orchestrator holds its writer lock
     * ({@link EventLog#writerActive}): a run the log says is running while nobody writes it was
     * interrupted.
     */
    public RunStatus status(boolean writerAlive) {
        RunStatus logged = status();
        if (!writerAlive && logged == RunStatus.RUNNING) {
            return RunStatus.INTERRUPTED;
        }
        return logged;
    }

    /** execution_complete was logged (and no run_resumed since). */
    public boolean executionComplete() {
        return executionComplete;
    }

    public Optional<String> pauseReason() {
        return Optional.ofNullable(pauseReason);
    }

    /** Tasks in plan order. */
    public List<TaskState> tasks() {
        List<TaskState> list = new ArrayList<>();
        tasks.values().forEach(t -> list.add(t.snapshot(interrupted)));
        return list;
    }

    public Optional<TaskState> task(String id) {
        Task task = tasks.get(id);
        return task == null ? Optional.empty() : Optional.of(task.snapshot(interrupted));
    }

    /**
     * Tasks in plan order as a person should see them when the run's live status is {@code live}
     * ({@link RunSummary#liveStatus}): a run whose orchestrator was killed logged no run_interrupted,
     * so its running tasks are interrupted too, not running.
     */
    public List<TaskState> tasks(RunStatus live) {
        boolean stopped = interrupted || live == RunStatus.INTERRUPTED;
        List<TaskState> list = new ArrayList<>();
        tasks.values().forEach(t -> list.add(t.snapshot(stopped)));
        return list;
    }

    /** One task as {@link #tasks(RunStatus)} shows it. */
    public Optional<TaskState> task(String id, RunStatus live) {
        Task task = tasks.get(id);
        return task == null ? Optional.empty() : Optional.of(task.snapshot(interrupted || live == RunStatus.INTERRUPTED));
    }

    public int taskCount() {
        return tasks.size();
    }

    public int completedCount() {
        return count(TaskStatus.COMPLETED);
    }

    /** Failed tasks, including those waiting for a decision. */
    public int failedCount() {
        return count(TaskStatus.FAILED) + count(TaskStatus.AWAITING_DECISION);
    }

    public int skippedCount() {
        return count(TaskStatus.SKIPPED);
    }

    private int count(TaskStatus wanted) {
        int n = 0;
        for (Task task : tasks.values()) {
            if (task.status == wanted) {
                n++;
            }
        }
        return n;
    }

    /** Tasks that started and never ended in the log: interrupted by the orchestrator's death. */
    public List<String> interruptedTasks() {
        List<String> ids = new ArrayList<>();
        tasks.values().forEach(t -> {
            if (t.status == TaskStatus.RUNNING) {
                ids.add(t.id);
            }
        });
        return ids;
    }

    /** The first escalation still waiting for a decision. */
    public Optional<Escalation> pendingEscalation() {
        return escalations.values().stream().findFirst();
    }

    public List<Escalation> pendingEscalations() {
        return List.copyOf(escalations.values());
    }

    /** Bootstrap phases reported, in order, with their success. */
    public Map<String, Boolean> bootstrapPhases() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(bootstrapPhases));
    }

    /** Events that contradict the rules (a completed task started again, ...); empty for a sound log. */
    public List<String> anomalies() {
        return List.copyOf(anomalies);
    }

    /** The run's budget: run_started's, or the last run_resumed that changed it; NONE: no limit. */
    public Budget budget() {
        return budget;
    }

    /** What every attempt of the run used, from its usage_recorded events. */
    public UsageTotal usage() {
        return usage;
    }

    public Optional<Instant> startedAt() {
        return Optional.ofNullable(startedAt);
    }

    public Optional<Instant> lastEventAt() {
        return Optional.ofNullable(lastEventAt);
    }

    public long lastSeq() {
        return lastSeq;
    }

    public int eventCount() {
        return eventCount;
    }

    /**
     * The tasks a resume must run, in dependency order (plan order among independent tasks):
     * everything not completed — pending, interrupted, failed, awaiting a decision — except tasks
     * skipped by a decision or policy. A task skipped because a dependency failed is included
     * again when that dependency is.
     */
    public List<String> tasksToRun() {
        List<String> order = dependencyOrder();
        Set<String> toRun = new HashSet<>();
        List<String> result = new ArrayList<>();
        for (String id : order) {
            Task task = tasks.get(id);
            boolean run = switch (task.status) {
                case COMPLETED -> false;
                case SKIPPED -> !task.skippedByDecision && task.dependsOn.stream().anyMatch(toRun::contains);
                default -> true;
            };
            if (run) {
                toRun.add(id);
                result.add(id);
            }
        }
        return result;
    }

    /**
     * The suite's one topological order (protocol's DependencyOrder: ready tasks in plan order); a
     * task's dependency on itself is ignored, and on a cycle its members and the tasks waiting on
     * them follow in plan order.
     */
    public List<String> dependencyOrder() {
        List<String> planOrder = new ArrayList<>(tasks.keySet());
        DependencyOrder.Result<String> result = DependencyOrder.of(planOrder, id -> id,
                id -> tasks.get(id).dependsOn.stream().filter(dep -> !dep.equals(id)).toList());
        if (result instanceof DependencyOrder.Ordered<String> ordered) {
            return ordered.items();
        }
        List<String> order = new ArrayList<>(((DependencyOrder.Cycle<String>) result).ordered());
        Set<String> placed = new HashSet<>(order);
        for (String id : planOrder) {
            if (!placed.contains(id)) {
                order.add(id);
            }
        }
        return order;
    }

    /** The run was started with --agent none (the built-in worker changes nothing). */
    public boolean noAgent() {
        return "none".equals(runOptions.agent());
    }

    /**
     * How far a completed task was verified: what its task_completed recorded; for a log written before that was
     * recorded, verified only when the run had no agent (null otherwise, and for a task not completed).
     */
    public TaskVerification verificationOf(TaskState task) {
        if (task.status() != TaskStatus.COMPLETED) {
            return null;
        }
        if (task.verification() != null) {
            return task.verification();
        }
        return noAgent() ? TaskVerification.VERIFIED_ONLY : null;
    }

}
