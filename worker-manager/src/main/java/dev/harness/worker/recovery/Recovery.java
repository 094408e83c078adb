package dev.harness.worker.recovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.api.worker.FailureClass;
import dev.harness.api.worker.RecoveryAction;
import dev.harness.api.worker.WorkerEventPayload;
import dev.harness.api.worker.WorkerState;
import dev.harness.protocol.DomainError;
import dev.harness.protocol.Json;
import dev.harness.worker.attempt.AttemptOutcome;
import dev.harness.worker.events.EventSink;
import dev.harness.worker.events.WorkerEvents;
import dev.harness.worker.lifecycle.WorkerClock;
import dev.harness.worker.lifecycle.WorkerRecord;
import dev.harness.worker.lifecycle.WorkerRegistry;
import dev.harness.worker.trust.WorkerTrust;
import java.time.Instant;

/**
 * What happens after a failed attempt, by the recipe of its failure class: retry (with backoff,
 * or with the failure fed back), escalate to a human, or decide skip / abort by policy; and the
 * human's own decision after an escalation. Callers hold the worker's monitor.
 */
public final class Recovery {
    /** Starts the worker's next attempt after a delay (the run pool's business). */
    public interface Scheduler {
        void attemptAfter(WorkerRecord w, long delayMs);
    }

    private final WorkerRegistry workers;
    private final WorkerTrust gate;
    private final RecoveryRecipes recipes;
    private final EventSink background;
    private final Scheduler scheduler;

    public Recovery(WorkerRegistry workers, WorkerTrust gate, RecoveryRecipes recipes, EventSink background, Scheduler scheduler) {
        this.workers = workers;
        this.gate = gate;
        this.recipes = recipes;
        this.background = background;
        this.scheduler = scheduler;
    }

    /** decide: a human's retry / skip / abort for a worker waiting in failed after an escalation. */
    public void decide(WorkerRecord w, String decision, String approver, String comment, EventSink sink) {
        synchronized (w) {
            if (w.state != WorkerState.FAILED || !w.awaitsDecision()) {
                ObjectNode data = Json.object();
                data.put("current_state", w.state.wire());
                data.put("escalation_required", w.awaitsDecision());
                throw new DomainError("no_escalation_pending", "Worker " + w.id + " is " + w.state.wire()
                        + " and not waiting for a decision.", data);
            }
            FailureClass failureClass = w.failure.classOrUnknown();
            ObjectNode record = Json.object();
            record.put("decision", decision);
            record.put("approver", approver == null || approver.isBlank() ? gate.defaultApprover() : approver);
            record.put("source", "human_decision");
            record.put("time", WorkerClock.iso(Instant.now()));
            if (comment != null) {
                record.put("comment", comment);
            }
            record.put("failure_class", failureClass.wire());
            record.put("digest", w.packetDigest());
            if (decision.equals("retry")) {
                // Recipes bound the automatic retries only: a person who decides retry may have
                // fixed the cause, so the retry is always honoured, counted and logged.
                RecoveryRecipe recipe = recipes.forClass(failureClass);
                int retry = w.retriesUsed(w.humanRetries, failureClass) + 1;
                record.put("human_retry", retry);
                record.put("beyond_recipe", retry > recipe.humanRetries());
                record.put("next_attempt", w.attempts + 1);
                if (failureClass == FailureClass.PERMISSION) {
                    gate.recheck(w); // a denied root still wins over a human's retry
                    record.put("trust_rechecked", true);
                }
                w.humanRetries.merge(failureClass, 1, Integer::sum);
                w.failure = w.failure.decided();
                w.decision = record;
                w.decisions.add(record.deepCopy());
                workers.emit(w, "decision_recorded", record.deepCopy(), sink);
                workers.transition(w, WorkerState.READY_FOR_PROMPT, WorkerTrust.reason("a human decided retry"), sink);
            } else {
                w.failure = w.failure.decided();
                w.decision = record;
                w.decisions.add(record.deepCopy());
                workers.emit(w, "decision_recorded", record.deepCopy(), sink);
            }
        }
    }

    /** A failed attempt: classify, then retry, escalate or decide by the recipe. Caller holds the monitor. */
    public void recover(WorkerRecord w, Classification failure, AttemptOutcome outcome) {
        failure = withinBudget(w, failure);
        FailureClass failureClass = failure.failureClass();
        w.failure = Failure.classified(failure);
        ObjectNode classified = Json.object();
        classified.put("failure_class", failureClass.wire());
        classified.set("evidence", failure.evidence().deepCopy());
        workers.emit(w, "failure_classified", classified, background);

        RecoveryRecipe recipe = recipes.forClass(failureClass);
        switch (recipe.action()) {
            case RETRY, RETRY_WITH_FEEDBACK -> {
                int used = w.retriesUsed(w.autoRetries, failureClass);
                if (used < recipe.maxRetries()) {
                    retry(w, failure, outcome, recipe, used + 1);
                } else {
                    escalate(w, failure, outcome, "the " + failureClass.wire() + " recipe's " + recipe.maxRetries()
                            + " retries are used up");
                }
            }
            case ESCALATE -> escalate(w, failure, outcome, "the " + failureClass.wire() + " recipe escalates to a human");
            case SKIP, ABORT -> decideBy(w, recipe.action().wire(), "recipe",
                    "the " + failureClass.wire() + " recipe decides " + recipe.action().wire());
        }
    }

    /**
     * With the worker's budget spent, no new attempt starts whatever failed: the failure becomes
     * budget_exceeded (its recipe escalates; recipes may not retry it), naming the failure it followed.
     */
    static Classification withinBudget(WorkerRecord w, Classification failure) {
        java.util.Optional<String> spent = w.budget.exhaustedBy(w.used);
        if (spent.isEmpty() || failure.failureClass() == FailureClass.BUDGET_EXCEEDED) {
            return failure;
        }
        ObjectNode evidence = Json.object();
        evidence.put("source", dev.harness.api.worker.EvidenceSource.BUDGET.wire());
        evidence.put("detail", "the budget is spent (" + spent.get() + "); no new attempt after this "
                + failure.failureClass().wire() + " failure: " + failure.summary());
        return new Classification(FailureClass.BUDGET_EXCEEDED, evidence);
    }

    private void retry(WorkerRecord w, Classification failure, AttemptOutcome outcome, RecoveryRecipe recipe, int retry) {
        long delay = recipe.backoffBefore(retry);
        w.autoRetries.merge(failure.failureClass(), 1, Integer::sum);
        w.recovering = failure.failureClass();
        w.feedback = feedback(failure, outcome, recipe.action() == RecoveryRecipe.Action.RETRY_WITH_FEEDBACK);
        workers.emit(w, "recovery_attempted", WorkerEvents.payload(new WorkerEventPayload.RecoveryAttempted(
                failure.failureClass(), RecoveryAction.fromWire(recipe.action().wire()), retry, recipe.maxRetries(),
                w.attempts + 1, delay, recipe.action() == RecoveryRecipe.Action.RETRY_WITH_FEEDBACK)), background);
        ObjectNode transition = Json.object();
        transition.put("reason", "retry " + retry + " of " + recipe.maxRetries() + " after a " + failure.failureClass().wire() + " failure");
        transition.put("next_attempt", w.attempts + 1);
        transition.put("delay_ms", delay);
        workers.transition(w, WorkerState.RUNNING, transition, background);
        scheduler.attemptAfter(w, delay);
    }

    private void escalate(WorkerRecord w, Classification failure, AttemptOutcome outcome, String reason) {
        FailureClass failureClass = failure.failureClass();
        // if a human decides retry, the agent hears what went wrong
        w.feedback = feedback(failure, outcome, true);
        if (failureClass == FailureClass.PERMISSION) {
            ObjectNode payload = Json.object();
            payload.put("reason", failure.summary());
            payload.set("evidence", failure.evidence().deepCopy());
            payload.put("hint", "grant the permission, then decide retry (the trust policy is checked again)");
            workers.emit(w, "permission_required", payload, background);
        }
        RecoveryRecipe recipe = recipes.forClass(failureClass);
        int left = Math.max(0, recipe.humanRetries() - w.retriesUsed(w.humanRetries, failureClass));
        // a person's retry is always accepted (they may have fixed the cause); retries_left says
        // how many the recipe itself foresees
        ArrayNode allowed = Json.array().add("retry").add("skip").add("abort");
        ObjectNode payload = Json.object();
        payload.put("failure_class", failureClass.wire());
        payload.put("reason", reason);
        payload.put("summary", failure.summary());
        payload.set("allowed_decisions", allowed);
        payload.put("retries_left", left);
        EscalationPolicy policy = EscalationPolicy.of(w.packet.path("escalation_policy").asText(null));
        payload.put("escalation_policy", policy.name().toLowerCase(java.util.Locale.ROOT));
        workers.emit(w, "recovery_escalation", payload, background);
        if (policy == EscalationPolicy.ASK) {
            w.failure = w.failure.awaitingDecision();
            ObjectNode transition = Json.object();
            transition.put("reason", failure.summary());
            transition.put("failure_class", failureClass.wire());
            transition.put("escalation_required", true);
            workers.transition(w, WorkerState.FAILED, transition, background);
        } else {
            decideBy(w, policy == EscalationPolicy.SKIP ? "skip" : "abort", "escalation_policy",
                    "the packet's escalation_policy decides " + policy.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** A decision taken by policy rather than a person, recorded the same way. */
    private void decideBy(WorkerRecord w, String decision, String source, String comment) {
        ObjectNode record = Json.object();
        record.put("decision", decision);
        record.put("approver", "policy");
        record.put("source", source);
        record.put("time", WorkerClock.iso(Instant.now()));
        record.put("comment", comment);
        record.put("failure_class", (w.failure == null ? FailureClass.UNKNOWN : w.failure.classOrUnknown()).wire());
        record.put("digest", w.packetDigest());
        w.decision = record;
        w.decisions.add(record.deepCopy());
        if (w.failure != null) {
            w.failure = w.failure.decided();
        }
        workers.emit(w, "decision_recorded", record.deepCopy(), background);
        ObjectNode transition = Json.object();
        transition.put("reason", w.failure == null ? comment : w.failure.summary());
        transition.put("decision", decision);
        transition.put("escalation_required", false);
        workers.transition(w, WorkerState.FAILED, transition, background);
    }

    private static String feedback(Classification failure, AttemptOutcome outcome, boolean full) {
        StringBuilder text = new StringBuilder();
        text.append("Failure class: ").append(failure.failureClass().wire()).append('\n')
                .append(failure.summary()).append('\n');
        String output = null;
        if (outcome != null) {
            AttemptOutcome.TestResult test = outcome.firstFailedTest();
            if (test != null && outcome.agent().succeeded()) {
                text.append("Failing acceptance test: ").append(test.command()).append(" (exit ")
                        .append(test.exitCode()).append(")\n");
                output = test.outputTail();
            } else if (outcome.agent() != null) {
                output = outcome.agent().outputTail();
            }
        }
        if (output != null && !output.isBlank()) {
            text.append("Output (last lines):\n").append(FailureClassifier.tail(output, full ? 3000 : 800)).append('\n');
        }
        return text.toString();
    }
}
