package dev.harness.orchestrator.runlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
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
 * Events of kinds it does not know are ignored, so newer logs stay readable.
 */
public final class RunState {
    private String runId;
    private String objective;
    private String workspace;
    private ObjectNode options = JsonNodeFactory.instance.objectNode();
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
    private final Map<String, Task> tasks = new LinkedHashMap<>();
    private final Map<String, Boolean> bootstrapPhases = new LinkedHashMap<>();
    private final Map<String, Escalation> escalations = new LinkedHashMap<>();
    private final Map<String, String> workerTasks = new HashMap<>(); // for worker events without task_id
    private final List<String> anomalies = new ArrayList<>();
    private String pauseReason;
    private Instant startedAt;
    private Instant lastEventAt;
    private long lastSeq;
    private int eventCount;

    private RunState() {}

    /** Folds the events, in order, into the state they describe. */
    public static RunState rebuild(List<ObjectNode> events) {
        RunState state = new RunState();
        for (ObjectNode event : events) {
            state.apply(event);
        }
        return state;
    }

    /** Mutable per-task record used only while folding. */
    private static final class Task {
        final String id;
        String title;
        List<String> dependsOn = List.of();
        TaskStatus status = TaskStatus.PENDING;
        String workerId;
        int attempts;
        String failureClass;
        String lastReason;
        boolean skippedByDecision;
        Long durationMs;
        String branch;
        String commit;

        Task(String id) {
            this.id = id;
        }

        TaskState snapshot() {
            return new TaskState(id, title, dependsOn, status, workerId, attempts, failureClass, lastReason,
                    status == TaskStatus.RUNNING, status == TaskStatus.SKIPPED && skippedByDecision,
                    durationMs, branch, commit);
        }
    }

    private void apply(ObjectNode event) {
        eventCount++;
        lastSeq = Math.max(lastSeq, event.path("seq").asLong(0));
        Optional<Instant> time = EventQuery.eventTime(event);
        if (time.isPresent()) {
            if (startedAt == null) {
                startedAt = time.get();
            }
            lastEventAt = time.get();
        }
        if (runId == null) {
            runId = text(event, "run_id");
        }
        String kind = text(event, "kind");
        if (kind == null) {
            return;
        }
        switch (kind) {
            case "run_started" -> {
                objective = textOr(event, "objective", objective);
                workspace = textOr(event, "workspace", workspace);
                if (event.get("options") instanceof ObjectNode o) {
                    options = o.deepCopy();
                }
            }
            case "plan_created" -> planCreated(event);
            case "gate_approval_requested" -> {
                if (isPlanGate(event)) {
                    status = RunStatus.AWAITING_APPROVAL;
                }
            }
            case "gate_approved", "gate_rejected", "gate_modified" -> gate(kind, event);
            case "bootstrap_phase_completed" -> {
                String phase = text(event, "phase");
                boolean success = event.path("success").asBoolean(false);
                if (phase != null) {
                    bootstrapPhases.put(phase, success);
                }
                if (!success) {
                    status = RunStatus.FAILED;
                }
            }
            case "task_started" -> taskStarted(event);
            case "task_completed" -> taskCompleted(event);
            case "task_failed" -> taskFailed(event);
            case "task_skipped" -> taskSkipped(event);
            case "decision_recorded" -> decision(event);
            case "recovery_escalation" -> escalation(event);
            case "failure_classified" -> {
                Task task = taskOf(event);
                if (task != null) {
                    task.failureClass = firstText(event, "failure_class", "payload.failure_class",
                            "payload.class", "payload.classification.failure_class");
                    noteWorker(task, event);
                }
            }
            case "finished" -> workerFinished(event);
            case "run_paused" -> {
                RunStatus.fromWire(text(event, "status")).ifPresent(s -> status = s);
                pauseReason = text(event, "reason");
            }
            case "run_interrupted" -> {
                status = RunStatus.INTERRUPTED;
                pauseReason = text(event, "reason");
            }
            case "run_resumed" -> {
                pauseReason = null;
                // the orchestrator logs run_resumed only when it goes on (an aborted run only when reopened)
                if (status != RunStatus.REJECTED && status != RunStatus.COMPLETED) {
                    status = RunStatus.RUNNING;
                }
                executionComplete = false;
            }
            case "execution_complete" -> {
                executionComplete = true;
                status = RunStatus.fromWire(text(event, "status"))
                        .orElse(failedCount() > 0 ? RunStatus.FAILED : RunStatus.COMPLETED);
            }
            default -> {
                // worker events (spawning, running, recovery_attempted, ...) only refine the task
                Task task = taskOf(event);
                if (task != null) {
                    noteWorker(task, event);
                }
            }
        }
    }

    private void planCreated(ObjectNode event) {
        if (planApproval != null && status != RunStatus.AWAITING_APPROVAL) {
            anomalies.add("seq " + event.path("seq").asLong() + ": a new plan after the plan was approved");
        }
        planId = textOr(event, "plan_id", planId);
        planner = textOr(event, "planner", planner);
        if (objective == null) {
            objective = text(event, "objective");
        }
        planWarnings.clear();
        event.path("warnings").forEach(w -> planWarnings.add(w.asText()));
        setPlan(event.get("packets"), text(event, "digest"));
        status = RunStatus.PLANNED;
    }

    private void setPlan(JsonNode newPackets, String digest) {
        packets = newPackets instanceof ArrayNode a ? a.deepCopy() : JsonNodeFactory.instance.arrayNode();
        recordedPlanDigest = digest;
        planDigest = PlanDigest.of(packets);
        Map<String, Task> previous = new HashMap<>(tasks);
        tasks.clear();
        for (JsonNode packet : packets) {
            String id = packet.path("id").asText(null);
            if (id == null || id.isEmpty()) {
                continue;
            }
            Task task = previous.getOrDefault(id, new Task(id));
            task.title = packet.path("title").asText(packet.path("objective").asText(id));
            List<String> deps = new ArrayList<>();
            packet.path("depends_on").forEach(d -> deps.add(d.asText()));
            task.dependsOn = List.copyOf(deps);
            tasks.put(id, task);
        }
    }

    private void gate(String kind, ObjectNode event) {
        String decision = switch (kind) {
            case "gate_approved" -> "approved";
            case "gate_rejected" -> "rejected";
            default -> "modified";
        };
        Approval approval = new Approval(textOr(event, "gate", "plan"), decision, text(event, "digest"),
                text(event, "approver"), text(event, "source"), text(event, "comment"), text(event, "task_id"),
                text(event, "time"));
        approvals.add(approval);
        if (!isPlanGate(event)) {
            return;
        }
        switch (decision) {
            case "approved" -> {
                approvedDigest = approval.digest();
                planApproval = approval;
                status = RunStatus.RUNNING;
            }
            case "rejected" -> status = RunStatus.REJECTED;
            default -> {
                if (event.has("packets")) {
                    setPlan(event.get("packets"), approval.digest());
                }
                status = RunStatus.AWAITING_APPROVAL;
            }
        }
    }

    private void taskStarted(ObjectNode event) {
        Task task = taskOf(event);
        if (task == null) {
            anomalies.add("seq " + event.path("seq").asLong() + ": task_started for a task not in the plan: "
                    + text(event, "task_id"));
            return;
        }
        if (task.status == TaskStatus.COMPLETED) {
            anomalies.add("seq " + event.path("seq").asLong() + ": completed task " + task.id + " started again");
        }
        task.status = TaskStatus.RUNNING;
        int attempt = event.path("attempt").asInt(0);
        task.attempts = Math.max(task.attempts + (attempt > 0 ? 0 : 1), attempt);
        noteWorker(task, event);
        escalations.remove(task.id);
        status = RunStatus.RUNNING;
    }

    private void taskCompleted(ObjectNode event) {
        Task task = taskOf(event);
        if (task == null) {
            return;
        }
        task.status = TaskStatus.COMPLETED;
        task.failureClass = null;
        task.lastReason = null;
        if (event.path("duration_ms").canConvertToLong()) {
            task.durationMs = event.path("duration_ms").asLong();
        }
        task.branch = textOr(event, "branch", task.branch);
        task.commit = textOr(event, "commit", task.commit);
        noteWorker(task, event);
        escalations.remove(task.id);
    }

    private void workerFinished(ObjectNode event) {
        // the worker verified the task (acceptance tests passed) even if the orchestrator died before
        // logging task_completed: the work is done and must not run twice
        Task task = taskOf(event);
        if (task == null) {
            return;
        }
        noteWorker(task, event);
        if (task.status != TaskStatus.COMPLETED && task.status != TaskStatus.SKIPPED) {
            task.status = TaskStatus.COMPLETED;
            task.failureClass = null;
            task.lastReason = null;
            task.branch = firstTextOr(task.branch, event, "branch", "payload.branch");
            task.commit = firstTextOr(task.commit, event, "commit", "payload.commit");
            escalations.remove(task.id);
        }
    }

    private void taskFailed(ObjectNode event) {
        Task task = taskOf(event);
        if (task == null) {
            return;
        }
        noteWorker(task, event);
        task.failureClass = textOr(event, "failure_class", task.failureClass);
        task.lastReason = textOr(event, "reason", task.lastReason);
        if (event.path("escalation_required").asBoolean(false)) {
            task.status = TaskStatus.AWAITING_DECISION;
            escalations.put(task.id, new Escalation(task.id, task.workerId, task.failureClass, task.lastReason));
            status = RunStatus.AWAITING_DECISION;
        } else {
            task.status = TaskStatus.FAILED;
            escalations.remove(task.id);
        }
    }

    private void escalation(ObjectNode event) {
        Task task = taskOf(event);
        if (task == null || task.status == TaskStatus.COMPLETED || task.status == TaskStatus.SKIPPED) {
            return;
        }
        noteWorker(task, event);
        task.failureClass = firstTextOr(task.failureClass, event, "failure_class", "payload.failure_class");
        task.lastReason = firstTextOr(task.lastReason, event, "reason", "payload.reason", "payload.message");
        task.status = TaskStatus.AWAITING_DECISION;
        escalations.put(task.id, new Escalation(task.id, task.workerId, task.failureClass, task.lastReason));
    }

    private void taskSkipped(ObjectNode event) {
        Task task = taskOf(event);
        if (task == null) {
            return;
        }
        task.status = TaskStatus.SKIPPED;
        task.lastReason = textOr(event, "reason", task.lastReason);
        // cause "dependency": it runs again when its dependency does; any other cause (a decision, a
        // policy) stands on resume. Without a cause: skipped although every dependency completed means
        // a decision.
        String cause = text(event, "cause");
        boolean byDecision = cause != null ? !cause.equals("dependency") : task.dependsOn.stream()
                .allMatch(d -> tasks.containsKey(d) && tasks.get(d).status == TaskStatus.COMPLETED);
        task.skippedByDecision = task.skippedByDecision || byDecision;
        escalations.remove(task.id);
    }

    private void decision(ObjectNode event) {
        Task task = taskOf(event);
        String decision = firstText(event, "decision", "payload.decision");
        if (task == null || decision == null) {
            return;
        }
        noteWorker(task, event);
        escalations.remove(task.id);
        switch (decision) {
            case "retry" -> {
                // only a waiting or failed task goes back; a late duplicate of the decision (the worker
                // manager reports it too) must not turn a task that already restarted into a pending one
                if (task.status == TaskStatus.AWAITING_DECISION || task.status == TaskStatus.FAILED) {
                    task.status = TaskStatus.PENDING;
                }
                if (status == RunStatus.AWAITING_DECISION || status == RunStatus.FAILED) {
                    status = RunStatus.RUNNING;
                }
            }
            case "skip" -> {
                if (task.status != TaskStatus.COMPLETED) {
                    task.status = TaskStatus.SKIPPED;
                    task.skippedByDecision = true;
                    task.lastReason = "skipped by decision" + approverSuffix(event);
                }
                if (status == RunStatus.AWAITING_DECISION) {
                    status = RunStatus.RUNNING;
                }
            }
            case "abort" -> {
                if (task.status == TaskStatus.AWAITING_DECISION || task.status == TaskStatus.RUNNING) {
                    task.status = TaskStatus.FAILED;
                }
                status = RunStatus.ABORTED;
            }
            default -> anomalies.add("seq " + event.path("seq").asLong() + ": unknown decision '" + decision + "'");
        }
    }

    private static String approverSuffix(ObjectNode event) {
        String approver = firstText(event, "approver", "payload.approver");
        return approver == null ? "" : " of " + approver;
    }

    private void noteWorker(Task task, ObjectNode event) {
        String worker = text(event, "worker_id");
        if (worker != null) {
            task.workerId = worker;
        }
        JsonNode attempt = event.get("attempt");
        if (attempt != null && attempt.canConvertToInt()) {
            task.attempts = Math.max(task.attempts, attempt.asInt());
        }
    }

    private Task taskOf(ObjectNode event) {
        String id = text(event, "task_id");
        String worker = text(event, "worker_id");
        if (id != null && worker != null) {
            workerTasks.put(worker, id);
        } else if (id == null && worker != null) {
            id = workerTasks.get(worker);
        }
        return id == null ? null : tasks.get(id);
    }

    private static boolean isPlanGate(ObjectNode event) {
        String gate = text(event, "gate");
        return gate == null || gate.equals("plan");
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

    public RunStatus status() {
        return status;
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
        tasks.values().forEach(t -> list.add(t.snapshot()));
        return list;
    }

    public Optional<TaskState> task(String id) {
        Task task = tasks.get(id);
        return task == null ? Optional.empty() : Optional.of(task.snapshot());
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

    /** Kahn's algorithm, taking ready tasks in plan order; a cycle's members follow in plan order. */
    public List<String> dependencyOrder() {
        Map<String, Integer> waiting = new LinkedHashMap<>();
        Map<String, List<String>> dependents = new HashMap<>();
        for (Task task : tasks.values()) {
            int n = 0;
            for (String dep : new HashSet<>(task.dependsOn)) {
                if (tasks.containsKey(dep) && !dep.equals(task.id)) {
                    n++;
                    dependents.computeIfAbsent(dep, k -> new ArrayList<>()).add(task.id);
                }
            }
            waiting.put(task.id, n);
        }
        List<String> planOrder = new ArrayList<>(tasks.keySet());
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < planOrder.size(); i++) {
            position.put(planOrder.get(i), i);
        }
        List<String> order = new ArrayList<>();
        java.util.PriorityQueue<String> ready = new java.util.PriorityQueue<>(
                java.util.Comparator.comparing(position::get));
        waiting.forEach((id, n) -> {
            if (n == 0) {
                ready.add(id);
            }
        });
        while (!ready.isEmpty()) {
            String id = ready.poll();
            order.add(id);
            for (String dependent : dependents.getOrDefault(id, List.of())) {
                int left = waiting.merge(dependent, -1, Integer::sum);
                if (left == 0) {
                    ready.add(dependent);
                }
            }
        }
        if (order.size() < planOrder.size()) {
            Deque<String> rest = new ArrayDeque<>();
            for (String id : planOrder) {
                if (!order.contains(id)) {
                    rest.add(id);
                }
            }
            order.addAll(rest);
        }
        return order;
    }

    // ---- small JSON helpers ----

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isValueNode() && !value.isNull() ? value.asText() : null;
    }

    private static String textOr(JsonNode node, String field, String fallback) {
        String value = text(node, field);
        return value != null ? value : fallback;
    }

    /** The first present text among dotted paths such as "payload.failure_class". */
    private static String firstText(JsonNode node, String... paths) {
        for (String path : paths) {
            JsonNode current = node;
            for (String part : path.split("\\.")) {
                current = current == null ? null : current.get(part);
            }
            if (current != null && current.isValueNode() && !current.isNull()) {
                return current.asText();
            }
        }
        return null;
    }

    private static String firstTextOr(String fallback, JsonNode node, String... paths) {
        String value = firstText(node, paths);
        return value != null ? value : fallback;
    }
}
