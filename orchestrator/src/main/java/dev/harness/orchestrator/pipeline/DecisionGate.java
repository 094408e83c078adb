package dev.harness.orchestrator.pipeline;

import dev.harness.api.worker.ApprovalSource;
import dev.harness.api.run.RunEvent;
import dev.harness.api.plan.TaskPacket;
import dev.harness.api.run.RunStatus;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who decides after an escalation: the packet's escalation_policy when it names skip or abort,
 * a decision given on the command line (resume --decision, for the escalation it names), or the
 * person at the terminal. Nobody → no decision, and the run pauses.
 */
final class DecisionGate {
    record Decision(String decision, String source, String comment) {}

    private final RunContext ctx;
    private final Map<String, String> presetByTask = new ConcurrentHashMap<>();
    private final Map<String, Decision> appliedByTask = new ConcurrentHashMap<>();

    DecisionGate(RunContext ctx) {
        this.ctx = ctx;
    }

    /** A decision given on the command line for the task waiting on one; used once. */
    void preset(String taskId, String decision) {
        presetByTask.put(taskId, decision);
    }

    /** A command-line decision the worker manager already accepted (resume checks it before changing the run). */
    void applied(String taskId, Decision decision) {
        appliedByTask.put(taskId, decision);
    }

    Optional<Decision> takeApplied(String taskId) {
        return Optional.ofNullable(appliedByTask.remove(taskId));
    }

    /** The orchestrator's own record of a decision (the worker manager relays its own as a worker event). */
    static void record(RunContext ctx, String taskId, String workerId, Decision decision) {
        ctx.log().append(new RunEvent.DecisionRecorded(taskId, workerId,
                dev.harness.api.worker.Decision.fromWire(decision.decision()),
                decision.source().equals("policy") ? "escalation_policy" : ctx.approver(),
                ctx.asGiven(ApprovalSource.fromWire(decision.source())), decision.comment()));
    }

    /** The command-line decision for a task whose worker no longer waits for one. */
    Optional<String> takePreset(String taskId) {
        return Optional.ofNullable(presetByTask.remove(taskId));
    }

    Optional<Decision> decide(TaskPacket packet, String failureClass, String reason,
                              dev.harness.orchestrator.evidence.FailingCheck check) {
        String taskId = packet.id();
        String title = packet.displayTitle();
        String policy = (packet.escalationPolicy() == null ? "ask" : packet.escalationPolicy()).strip().toLowerCase(Locale.ROOT);
        if (policy.equals("skip") || policy.equals("abort")) {
            return Optional.of(new Decision(policy, "policy", "the packet's escalation_policy is " + policy));
        }
        String preset = presetByTask.remove(taskId);
        if (preset != null) {
            return Optional.of(new Decision(preset, "cli_flag", "resume --decision " + preset));
        }
        if (!ctx.terminal().interactive()) {
            return Optional.empty();
        }
        // the evidence goes where the decision is made: the failing check, its assertions, its log
        ctx.console().evidence(check);
        List<String> allowed = ctx.allowedDecisions(taskId);
        Optional<String> answer = ctx.terminal().atGate(new Terminal.Gate(RunStatus.AWAITING_DECISION, taskId,
                failureClass + ": " + reason), () -> ctx.terminal().choose("Task " + taskId + " (" + title
                + ") needs a decision — " + failureClass + ": " + reason + ". " + question(allowed), allowed));
        Optional<Terminal.Answer> by = ctx.terminal().answeredElsewhere();
        if (by.isPresent()) {
            return answer.map(a -> new Decision(a, by.get().source().wire(),
                    by.get().comment() == null ? "decided " + by.get().from() : by.get().comment()));
        }
        return answer.map(a -> new Decision(a, "human_tty", "decided at the terminal"));
    }

    /** "Retry, skip this task, or abort the run?" — naming only the decisions that will be accepted. */
    static String question(List<String> allowed) {
        List<String> phrases = allowed.stream().map(d -> switch (d) {
            case "retry" -> "retry";
            case "skip" -> "skip this task";
            default -> "abort the run";
        }).toList();
        String text = phrases.size() == 1 ? phrases.get(0)
                : String.join(", ", phrases.subList(0, phrases.size() - 1)) + (phrases.size() > 2 ? "," : "") + " or "
                + phrases.get(phrases.size() - 1);
        return Character.toUpperCase(text.charAt(0)) + text.substring(1) + "?";
    }
}
