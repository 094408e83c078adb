package dev.harness.worker.recovery;

import dev.harness.api.rpc.WorkerErrorData;
import dev.harness.api.worker.ApprovalSource;
import dev.harness.api.worker.Decision;
import dev.harness.api.worker.DecisionRecord;
import dev.harness.api.worker.FailureClass;
import dev.harness.api.worker.RecoveryAction;
import dev.harness.api.worker.WorkerEventKind;
import dev.harness.api.worker.WorkerEventPayload;
import dev.harness.api.worker.WorkerState;
import dev.harness.protocol.DomainError;
import dev.harness.protocol.Json;
import dev.harness.worker.attempt.AgentCommand;
import dev.harness.worker.attempt.AttemptOutcome;
import dev.harness.worker.events.EventSink;
import dev.harness.worker.events.WorkerEvents.Transition;
import dev.harness.worker.lifecycle.WorkerClock;
import dev.harness.worker.lifecycle.WorkerRecord;
import dev.harness.worker.lifecycle.WorkerRegistry;
import dev.harness.worker.trust.WorkerTrust;
import java.time.Instant;
import java.util.List;

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

    /**
     * decide: a human's retry / skip / abort for a worker waiting in failed after an escalation.
     *
     * @param source how the person gave it (human_tty, cli_flag, web, mcp_elicitation), recorded as given; null: human_decision
     */
    public void decide(WorkerRecord w, Decision chosen, String approver, String comment, ApprovalSource source, EventSink sink) {
        synchronized (w) {
            if (w.state != WorkerState.FAILED || !w.awaitsDecision()) {
                throw new DomainError("no_escalation_pending", "Worker " + w.id + " is " + w.state.wire()
                        + " and not waiting for a decision.",
                        Json.toNode(new WorkerErrorData.NoEscalationPending(w.state, w.awaitsDecision())));
            }
            FailureClass failureClass = w.failure.classOrUnknown();
            String who = approver == null || approver.isBlank() ? gate.defaultApprover() : approver;
            String time = WorkerClock.iso(Instant.now());
            ApprovalSource how = source == null ? ApprovalSource.HUMAN_DECISION : source;
            DecisionRecord record;
            if (chosen == Decision.RETRY) {
                // Recipes bound the automatic retries only: a person who decides retry may have
                // fixed the cause, so the retry is always honoured, counted and logged.
                RecoveryRecipe recipe = recipes.forClass(failureClass);
                int retry = w.retriesUsed(w.humanRetries, failureClass) + 1;
                boolean rechecked = failureClass == FailureClass.PERMISSION;
                if (rechecked) {
                    gate.recheck(w); // a denied root still wins over a human's retry
                }
                record = new DecisionRecord(chosen, who, how, time, comment, failureClass,
                        w.packetDigest(), rechecked ? Boolean.TRUE : null, null, null, retry, retry > recipe.humanRetries(),
                        w.attempts + 1);
                w.humanRetries.merge(failureClass, 1, Integer::sum);
            } else {
                record = new DecisionRecord(chosen, who, how, time, comment, failureClass,
                        w.packetDigest(), null, null, null, null, null, null);
            }
            w.failure = w.failure.decided();
            w.decisions = w.decisions.with(record);
            workers.emit(w, WorkerEventKind.DECISION_RECORDED, recorded(record), sink);
            if (chosen == Decision.RETRY) {
                workers.transition(w, WorkerState.READY_FOR_PROMPT, Transition.because("a human decided retry"), sink);
            }
        }
    }

    /** A failed attempt: classify, then retry, escalate or decide by the recipe. Caller holds the monitor. */
    public void recover(WorkerRecord w, Classification failure, AttemptOutcome outcome) {
        failure = withinBudget(w, failure, workers.used());
        FailureClass failureClass = failure.failureClass();
        RecoveryRecipe recipe = recipes.forClass(failureClass);
        // a retry that could only repeat the same work is not started: the person decides at once, told why
        java.util.Optional<String> repeated = recipe.action().retries()
                ? RepeatedAttempt.why(!AgentCommand.parse(w.agent).isNone(), failure, outcome)
                : java.util.Optional.empty();
        w.failure = repeated.isPresent() ? Failure.classified(failure).explained(repeated.get()) : Failure.classified(failure);
        workers.emit(w, WorkerEventKind.FAILURE_CLASSIFIED,
                new WorkerEventPayload.FailureClassified(failureClass, failure.evidence()), background);

        switch (recipe.action()) {
            case RETRY, RETRY_WITH_FEEDBACK -> {
                int used = w.retriesUsed(w.autoRetries, failureClass);
                if (repeated.isPresent()) {
                    escalate(w, failure, outcome, "not retried: " + repeated.get());
                } else if (used < recipe.maxRetries()) {
                    retry(w, failure, outcome, recipe, used + 1);
                } else {
                    escalate(w, failure, outcome, "the " + failureClass.wire() + " recipe's " + recipe.maxRetries()
                            + " retries are used up");
                }
            }
            case ESCALATE -> escalate(w, failure, outcome, "the " + failureClass.wire() + " recipe escalates to a human");
            case SKIP, ABORT -> decideBy(w, Decision.fromWire(recipe.action().wire()), ApprovalSource.RECIPE,
                    "the " + failureClass.wire() + " recipe decides " + recipe.action().wire());
        }
    }

    /**
     * With the worker's budget spent, no new attempt starts whatever failed: the failure becomes
     * budget_exceeded (its recipe escalates; recipes may not retry it), naming the failure it followed.
     */
    static Classification withinBudget(WorkerRecord w, Classification failure, dev.harness.api.worker.UsageTotal usedByAllWorkers) {
        java.util.Optional<String> spent = w.budgetSpent(usedByAllWorkers);
        if (spent.isEmpty() || failure.failureClass() == FailureClass.BUDGET_EXCEEDED) {
            return failure;
        }
        return Classification.of(FailureClass.BUDGET_EXCEEDED, dev.harness.api.worker.EvidenceSource.BUDGET.wire(),
                "the budget is spent (" + spent.get() + "); no new attempt after this " + failure.failureClass().wire()
                        + " failure: " + failure.summary());
    }

    private void retry(WorkerRecord w, Classification failure, AttemptOutcome outcome, RecoveryRecipe recipe, int retry) {
        long delay = recipe.backoffBefore(retry);
        w.autoRetries.merge(failure.failureClass(), 1, Integer::sum);
        w.recovering = failure.failureClass();
        w.feedback = feedback(failure, outcome, recipe.action() == RecoveryRecipe.Action.RETRY_WITH_FEEDBACK);
        workers.emit(w, WorkerEventKind.RECOVERY_ATTEMPTED, new WorkerEventPayload.RecoveryAttempted(
                failure.failureClass(), RecoveryAction.fromWire(recipe.action().wire()), retry, recipe.maxRetries(),
                w.attempts + 1, delay, recipe.action() == RecoveryRecipe.Action.RETRY_WITH_FEEDBACK), background);
        workers.transition(w, WorkerState.RUNNING, Transition.because("retry " + retry + " of " + recipe.maxRetries()
                + " after a " + failure.failureClass().wire() + " failure").next(w.attempts + 1, delay), background);
        scheduler.attemptAfter(w, delay);
    }

    private void escalate(WorkerRecord w, Classification failure, AttemptOutcome outcome, String reason) {
        FailureClass failureClass = failure.failureClass();
        String summary = w.failure.summary(); // the classification's, or why retrying it would repeat the same work
        // if a human decides retry, the agent hears what went wrong
        w.feedback = feedback(failure, outcome, true);
        if (failureClass == FailureClass.PERMISSION) {
            workers.emit(w, WorkerEventKind.PERMISSION_REQUIRED, new WorkerEventPayload.PermissionRequired(failure.summary(),
                    failure.evidence(), "grant the permission, then decide retry (the trust policy is checked again)"),
                    background);
        }
        RecoveryRecipe recipe = recipes.forClass(failureClass);
        int left = Math.max(0, recipe.humanRetries() - w.retriesUsed(w.humanRetries, failureClass));
        // a person's retry is always accepted (they may have fixed the cause); retries_left says
        // how many the recipe itself foresees
        EscalationPolicy policy = EscalationPolicy.of(w.task.escalationPolicy());
        workers.emit(w, WorkerEventKind.RECOVERY_ESCALATION, new WorkerEventPayload.RecoveryEscalation(failureClass, reason,
                summary, List.of(Decision.RETRY, Decision.SKIP, Decision.ABORT), left,
                policy.name().toLowerCase(java.util.Locale.ROOT)), background);
        if (policy == EscalationPolicy.ASK) {
            w.failure = w.failure.awaitingDecision();
            workers.transition(w, WorkerState.FAILED, Transition.because(summary).failed(failureClass, true), background);
        } else {
            decideBy(w, policy == EscalationPolicy.SKIP ? Decision.SKIP : Decision.ABORT, ApprovalSource.ESCALATION_POLICY,
                    "the packet's escalation_policy decides " + policy.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** A decision taken by policy rather than a person, recorded the same way. */
    private void decideBy(WorkerRecord w, Decision decision, ApprovalSource source, String comment) {
        DecisionRecord record = new DecisionRecord(decision, "policy", source, WorkerClock.iso(Instant.now()), comment,
                w.failure == null ? FailureClass.UNKNOWN : w.failure.classOrUnknown(), w.packetDigest(), null, null, null,
                null, null, null);
        w.decisions = w.decisions.with(record);
        if (w.failure != null) {
            w.failure = w.failure.decided();
        }
        workers.emit(w, WorkerEventKind.DECISION_RECORDED, recorded(record), background);
        workers.transition(w, WorkerState.FAILED,
                Transition.because(w.failure == null ? comment : w.failure.summary()).decided(decision), background);
    }

    private static WorkerEventPayload.DecisionRecorded recorded(DecisionRecord d) {
        return new WorkerEventPayload.DecisionRecorded(d.decision(), d.approver(), d.source(), d.time(), d.comment(),
                d.failureClass(), d.digest(), d.trustRechecked(), d.humanRetry(), d.beyondRecipe(), d.nextAttempt());
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
