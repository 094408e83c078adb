package dev.harness.orchestrator.pipeline;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.harness.api.worker.ApprovalSource;
import dev.harness.api.run.RunEvent;
import dev.harness.api.run.Gate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.orchestrator.runlog.EventLog;
import dev.harness.orchestrator.runlog.RunDirectory;
import dev.harness.orchestrator.service.ServiceSet;
import dev.harness.protocol.Json;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Everything one orchestrator invocation shares while it drives a run. */
public final class RunContext {
    private final RunSettings settings;
    private final RunDirectory dir;
    private final EventLog log;
    private final RunDisplay console;
    private final Terminal terminal;
    private final ServiceSet services;
    private final String approver;
    private final Interruption interruption = new Interruption();
    private final Map<String, dev.harness.api.worker.Evidence> lastFailure = new ConcurrentHashMap<>();
    private final dev.harness.orchestrator.spend.RunSpend spend;
    private final Map<String, dev.harness.orchestrator.evidence.FailingCheck> failingChecks = new ConcurrentHashMap<>();

    public RunContext(RunSettings settings, RunDirectory dir, EventLog log, RunDisplay console, Terminal terminal,
                      ServiceSet services) {
        this.settings = settings;
        this.dir = dir;
        this.log = log;
        this.console = console;
        this.terminal = terminal;
        this.services = services;
        this.approver = approverName();
        this.spend = new dev.harness.orchestrator.spend.RunSpend(settings.budget());
    }

    /** What the run has spent against its budget (kept current from the relayed usage_recorded events). */
    public dev.harness.orchestrator.spend.RunSpend spend() {
        return spend;
    }

    public RunSettings settings() {
        return settings;
    }

    /** The planning service's context for this run: the workspace (validate and refine warn about checks it lacks). */
    ObjectNode planningContext() {
        return (ObjectNode) Json.toNode(new dev.harness.api.rpc.PlanningMethods.Where(settings().workspace().toString(),
                null, null, null));
    }

    public RunDirectory dir() {
        return dir;
    }

    public EventLog log() {
        return log;
    }

    public RunDisplay console() {
        return console;
    }

    public Terminal terminal() {
        return terminal;
    }

    public ServiceSet services() {
        return services;
    }

    /** Set when the orchestrator was asked to stop (SIGINT, SIGTERM). */
    public Interruption interruption() {
        return interruption;
    }

    /** Who approves at this keyboard or through this command line: the OS user. */
    public String approver() {
        return approver;
    }

    public static String approverName() {
        String user = System.getProperty("user.name");
        return user == null || user.isBlank() ? "unknown" : user;
    }

    /** The evidence of a worker's last failure_classified event: it makes the one-line reason. */
    public void rememberFailure(String workerId, dev.harness.api.worker.Evidence evidence) {
        if (workerId != null && evidence != null) {
            lastFailure.put(workerId, evidence);
        }
    }

    /**
     * A worker's acceptance check result: the attempt's first failing one is kept as its evidence
     * (the one the worker manager's reason names); later failures of the attempt are counted.
     */
    public void rememberCheck(String workerId, dev.harness.api.worker.TestResult result) {
        if (workerId != null) {
            dev.harness.orchestrator.evidence.FailingCheck.fromResult(result)
                    .ifPresent(c -> failingChecks.merge(workerId, c, (first, later) -> first.andOneMore()));
        }
    }

    /** A new attempt starts: the previous attempt's evidence no longer explains anything. */
    public void forgetCheck(String workerId) {
        if (workerId != null) {
            failingChecks.remove(workerId);
        }
    }

    public java.util.Optional<dev.harness.orchestrator.evidence.FailingCheck> failingCheck(String workerId) {
        return java.util.Optional.ofNullable(workerId == null ? null : failingChecks.get(workerId));
    }

    private final Map<String, java.util.List<String>> allowedDecisions = new ConcurrentHashMap<>();

    /** A task's escalation: which decisions the worker manager will accept for it. */
    public void rememberEscalation(String taskId, java.util.List<dev.harness.api.worker.Decision> allowed) {
        if (taskId != null) {
            allowedDecisions.put(taskId, dev.harness.orchestrator.evidence.FailingCheck.allowedDecisions(allowed));
        }
    }

    public java.util.List<String> allowedDecisions(String taskId) {
        return allowedDecisions.getOrDefault(taskId, java.util.List.of("retry", "skip", "abort"));
    }

    public dev.harness.api.worker.Evidence lastFailure(String workerId) {
        return workerId == null ? null : lastFailure.get(workerId);
    }

    /** A gate's approval (PIPELINE.md: who, how, when — the event's time — what, why). */
    public RunEvent.GateApproved approved(Gate gate, String digest, ApprovalSource source, String comment, String taskId) {
        return new RunEvent.GateApproved(gate, digest, approverFor(source), asGiven(source),
                blankToNull(commentFor(source, comment)), taskId);
    }

    /** A gate's refusal, with the same record as an approval. */
    public RunEvent.GateRejected rejected(Gate gate, String digest, ApprovalSource source, String comment, String taskId) {
        return new RunEvent.GateRejected(gate, digest, approverFor(source), asGiven(source),
                blankToNull(commentFor(source, comment)), taskId);
    }

    /** The plan changed at the gate (the new packets need a new approval). */
    public RunEvent.GateModified modified(String digest, ApprovalSource source, String comment, ArrayNode packets) {
        return new RunEvent.GateModified(Gate.PLAN, digest, approverFor(source), source, blankToNull(comment), null, packets);
    }

    private ApprovalSource flagSource = ApprovalSource.CLI_FLAG;
    private String flagComment;

    /**
     * The decisions given by command-line flags (--yes, --trust, --decision) were made elsewhere:
     * in the dashboard ({@code web}), which resumes the run with those flags; recorded with that
     * source and the person's comment, as if made at the terminal.
     */
    public void flagsGivenBy(ApprovalSource source, String comment) {
        flagSource = source;
        flagComment = blankToNull(comment);
    }

    /** The source to record for a decision given by a flag. */
    public ApprovalSource asGiven(ApprovalSource source) {
        return source == ApprovalSource.CLI_FLAG ? flagSource : source;
    }

    private String commentFor(ApprovalSource source, String comment) {
        return source == ApprovalSource.CLI_FLAG && flagComment != null ? flagComment : comment;
    }

    private String approverFor(ApprovalSource source) {
        return source == ApprovalSource.POLICY ? "trust-policy" : approver;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
