package dev.harness.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.Json;
import dev.harness.protocol.Log;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs workers: a bounded pool of attempts, each followed by classification and the recipe of
 * its class (retry with backoff, retry with the failure fed back, escalate, skip, abort), plus
 * cancellation, human decisions after an escalation, and the end of the service (EOF, SIGTERM).
 */
final class WorkerRuns {
    /** How runs are bounded and where they happen. */
    record Settings(int maxWorkers, Duration defaultTimeout, Duration grace, WorktreeMode worktrees) {}

    private final Workers workers;
    private final TrustGate gate;
    private final RecoveryRecipes recipes;
    private final FailureClassifier classifier;
    private final AttemptRunner runner;
    private final GitWorktree worktrees;
    private final Git git;
    private final Settings settings;
    private final EventSink background;
    private final ThreadPoolExecutor pool;
    private final ScheduledExecutorService timers;

    WorkerRuns(Workers workers, TrustGate gate, RecoveryRecipes recipes, AttemptRunner runner, Git git, Settings settings,
               EventSink background) {
        this.workers = workers;
        this.gate = gate;
        this.recipes = recipes;
        this.classifier = new FailureClassifier(recipes);
        this.runner = runner;
        this.git = git;
        this.worktrees = new GitWorktree(git);
        this.settings = settings;
        this.background = background;
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(settings.maxWorkers(), settings.maxWorkers(), 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> daemon(r, "worker-" + n.incrementAndGet()));
        this.timers = new ScheduledThreadPoolExecutor(1, r -> daemon(r, "worker-backoff"));
    }

    /** run_worker: ready_for_prompt → running; the attempt starts when a pool slot is free. */
    ObjectNode run(WorkerRecord w, String extraPrompt, EventSink sink) {
        synchronized (w) {
            Transitions.require(w.state, WorkerState.RUNNING);
            if (w.state != WorkerState.READY_FOR_PROMPT) {
                throw Transitions.refuse(w.state, WorkerState.RUNNING, "run_worker starts a worker in ready_for_prompt");
            }
            gate.recheck(w);
            if (extraPrompt != null) {
                w.extraPrompt = extraPrompt;
            }
            w.token = new CancelToken();
            w.recovering = null;
            if (w.startedAt == null) {
                w.startedAt = Instant.now();
            }
            w.endedAt = null;
            ObjectNode payload = Json.object();
            payload.put("next_attempt", w.attempts + 1);
            payload.put("queued", pool.getActiveCount() >= settings.maxWorkers());
            payload.put("agent", w.agent);
            workers.transition(w, WorkerState.RUNNING, payload, sink);
            pool.execute(() -> attempt(w));
            ObjectNode result = Json.object();
            result.put("worker_id", w.id);
            result.put("state", w.state.wire());
            return result;
        }
    }

    /** wait_worker: blocks while the worker is running (it ends on its own); returns at once otherwise. */
    ObjectNode await(WorkerRecord w, Long timeoutMs) throws InterruptedException {
        long deadline = timeoutMs == null ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        synchronized (w) {
            while (w.state == WorkerState.RUNNING) {
                long left = deadline == Long.MAX_VALUE ? 0 : TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (deadline != Long.MAX_VALUE && left <= 0) {
                    break;
                }
                w.wait(deadline == Long.MAX_VALUE ? 0 : left);
            }
            ObjectNode snapshot = w.snapshot(false);
            snapshot.put("timed_out", w.state == WorkerState.RUNNING);
            return snapshot;
        }
    }

    /** cancel_worker: any non-terminal state → cancelled; a running process tree is terminated first. */
    ObjectNode cancel(WorkerRecord w, String reason, EventSink sink) {
        Optional<ProcessHandle> process;
        synchronized (w) {
            if (!Transitions.isLegal(w.state, WorkerState.CANCELLED)) {
                throw Transitions.refuse(w.state, WorkerState.CANCELLED,
                        w.state == WorkerState.FAILED ? "a failed worker is ended with decide skip or abort" : "it has already ended");
            }
            process = w.token.cancel();
            if (w.pendingRetry != null) {
                w.pendingRetry.cancel(false);
            }
        }
        process.ifPresent(p -> ProcessTree.kill(p, settings.grace()));
        synchronized (w) {
            if (w.state != WorkerState.CANCELLED) {
                w.escalationRequired = false;
                workers.transition(w, WorkerState.CANCELLED,
                        TrustGate.reason(reason == null || reason.isBlank() ? "cancelled by request" : reason), sink);
            }
            return w.snapshot(false);
        }
    }

    /** decide: a human's retry / skip / abort for a worker waiting in failed after an escalation. */
    ObjectNode decide(WorkerRecord w, String decision, String approver, String comment, boolean runNow, EventSink sink) {
        synchronized (w) {
            if (w.state != WorkerState.FAILED || !w.escalationRequired) {
                ObjectNode data = Json.object();
                data.put("current_state", w.state.wire());
                data.put("escalation_required", w.escalationRequired);
                throw new DomainFailure("no_escalation_pending", "Worker " + w.id + " is " + w.state.wire()
                        + " and not waiting for a decision.", data);
            }
            FailureClass failureClass = w.failureClass == null ? FailureClass.UNKNOWN : w.failureClass;
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
                RecoveryRecipe recipe = recipes.forClass(failureClass);
                int used = w.retriesUsed(w.humanRetries, failureClass);
                if (used >= recipe.humanRetries()) {
                    ObjectNode data = Json.object();
                    data.put("failure_class", failureClass.wire());
                    data.put("max_retries", recipe.humanRetries());
                    data.put("retries_used", used);
                    data.set("allowed_decisions", Json.array().add("skip").add("abort"));
                    throw new DomainFailure("retry_not_allowed", "The " + failureClass.wire() + " recipe allows "
                            + recipe.humanRetries() + " retry after an escalation and " + used
                            + " were used; decide skip or abort.", data);
                }
                if (failureClass == FailureClass.PERMISSION) {
                    gate.recheck(w); // a denied root still wins over a human's retry
                    record.put("trust_rechecked", true);
                }
                w.humanRetries.merge(failureClass, 1, Integer::sum);
                w.escalationRequired = false;
                w.decision = record;
                w.decisions.add(record.deepCopy());
                workers.emit(w, "decision_recorded", record.deepCopy(), sink);
                workers.transition(w, WorkerState.READY_FOR_PROMPT, TrustGate.reason("a human decided retry"), sink);
                if (runNow) {
                    return runAndSnapshot(w, sink);
                }
            } else {
                w.escalationRequired = false;
                w.decision = record;
                w.decisions.add(record.deepCopy());
                workers.emit(w, "decision_recorded", record.deepCopy(), sink);
            }
            return w.snapshot(false);
        }
    }

    private ObjectNode runAndSnapshot(WorkerRecord w, EventSink sink) {
        run(w, null, sink);
        return w.snapshot(false);
    }

    /** One attempt on a pool thread, then what its outcome calls for. Never leaves the worker running by accident. */
    private void attempt(WorkerRecord w) {
        int attempt;
        CancelToken token;
        String prompt;
        synchronized (w) {
            if (w.state != WorkerState.RUNNING || w.token.isCancelled()) {
                return;
            }
            w.pendingRetry = null;
            attempt = ++w.attempts;
            token = w.token;
        }
        try {
            Path workdir;
            AttemptOutcome outcome;
            Path attemptDir = workers.store().logsOf(w.id).resolve("attempt-" + attempt);
            try {
                workdir = checkout(w);
            } catch (GitWorktree.WorktreeFailure e) {
                outcome = new AttemptOutcome(attempt, AttemptOutcome.AgentResult.none(), List.of(),
                        new AttemptOutcome.SetupFailure(FailureClass.INVALID_INPUT, e.getMessage()));
                finishAttempt(w, token, outcome, Instant.now(), attemptDir);
                return;
            }
            Instant started = Instant.now();
            AgentCommand agent = AgentCommand.parse(w.agent);
            synchronized (w) {
                List<String> instructions = WorkerPrompt.instructionFiles(workdir, workdir.resolve(w.scopePath));
                prompt = WorkerPrompt.build(w.packet, w.scopePath, instructions, w.extraPrompt, w.feedback);
                ObjectNode payload = Json.object();
                payload.put("attempt", attempt);
                payload.put("agent", agent.describe());
                payload.put("workdir", workdir.toString());
                payload.put("log_dir", attemptDir.toString());
                payload.put("with_feedback", w.feedback != null);
                if (!stillRunning(w, token)) {
                    return;
                }
                workers.emit(w, "attempt_started", payload, background);
            }
            Duration timeout = w.packet.hasNonNull("timeout_seconds")
                    ? Duration.ofSeconds(w.packet.get("timeout_seconds").asLong()) : settings.defaultTimeout();
            AttemptRunner.Spec spec = new AttemptRunner.Spec(w.id, w.taskId, attempt, w.packet, w.workspace, workdir,
                    w.scopePath, w.scopeExisted, agent, prompt, attemptDir, timeout);
            outcome = runner.run(spec, token, (kind, payload) -> {
                synchronized (w) {
                    if (stillRunning(w, token)) {
                        workers.emit(w, kind, payload, background);
                    }
                }
            });
            finishAttempt(w, token, outcome, started, attemptDir);
        } catch (RuntimeException | IOException | Error bug) {
            Log.error("worker " + w.id + " attempt " + attempt + " failed inside the worker manager", bug);
            AttemptOutcome outcome = new AttemptOutcome(attempt, AttemptOutcome.AgentResult.none(), List.of(),
                    new AttemptOutcome.SetupFailure(FailureClass.UNKNOWN, "the worker manager could not run the attempt: " + bug));
            finishAttempt(w, token, outcome, Instant.now(), workers.store().logsOf(w.id).resolve("attempt-" + attempt));
        }
    }

    private void finishAttempt(WorkerRecord w, CancelToken token, AttemptOutcome outcome, Instant started, Path attemptDir) {
        Classification failure = classifier.classify(outcome);
        synchronized (w) {
            if (!stillRunning(w, token)) {
                return;
            }
            w.attemptHistory.add(history(outcome, failure, started, attemptDir));
            if (w.recovering != null) {
                ObjectNode applied = Json.object();
                applied.put("failure_class", w.recovering.wire());
                applied.put("outcome", failure == null ? "recovered" : "failed_again");
                if (failure != null) {
                    applied.put("new_failure_class", failure.failureClass().wire());
                }
                workers.emit(w, "recovery_applied", applied, background);
                w.recovering = null;
            }
            if (failure == null) {
                complete(w);
            } else {
                recover(w, failure, outcome);
            }
        }
    }

    /** Every test passed: commit if the packet asks for it, then finished. Caller holds the monitor. */
    private void complete(WorkerRecord w) {
        if (CommitPolicy.wantsCommit(w.packet.path("commit_policy").asText(null))) {
            if (w.worktree != null) {
                try {
                    Optional<String> sha = worktrees.commitAll(Path.of(w.worktree), commitMessage(w), "harness");
                    ObjectNode payload = Json.object();
                    payload.put("branch", w.branch);
                    payload.put("worktree", w.worktree);
                    if (sha.isPresent()) {
                        w.commit = sha.get();
                        payload.put("commit", sha.get());
                        workers.emit(w, "commit_created", payload, background);
                    } else {
                        payload.put("reason", "the worker changed nothing, so there is nothing to commit");
                        workers.emit(w, "commit_skipped", payload, background);
                    }
                } catch (GitWorktree.WorktreeFailure e) {
                    ObjectNode evidence = Json.object();
                    evidence.put("source", "commit");
                    evidence.put("detail", e.getMessage());
                    recover(w, new Classification(FailureClass.UNKNOWN, evidence), null);
                    return;
                }
            } else {
                ObjectNode payload = Json.object();
                payload.put("reason", settings.worktrees() == WorktreeMode.NEVER
                        ? "worktrees are disabled (--worktrees never), so the harness does not commit"
                        : "the workspace is not a git repository");
                workers.emit(w, "commit_skipped", payload, background);
            }
        }
        w.failureClass = null;
        w.evidence = null;
        w.failureSummary = null;
        w.feedback = null;
        ObjectNode payload = Json.object();
        payload.put("attempts", w.attempts);
        if (w.commit != null) {
            payload.put("commit", w.commit);
            payload.put("branch", w.branch);
        }
        workers.transition(w, WorkerState.FINISHED, payload, background);
    }

    /** A failed attempt: classify, then retry, escalate or decide by the recipe. Caller holds the monitor. */
    private void recover(WorkerRecord w, Classification failure, AttemptOutcome outcome) {
        FailureClass failureClass = failure.failureClass();
        w.failureClass = failureClass;
        w.evidence = failure.evidence();
        w.failureSummary = failure.summary();
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
                    escalate(w, failure, "the " + failureClass.wire() + " recipe's " + recipe.maxRetries()
                            + " retries are used up");
                }
            }
            case ESCALATE -> escalate(w, failure, "the " + failureClass.wire() + " recipe escalates to a human");
            case SKIP, ABORT -> decideBy(w, recipe.action().wire(), "recipe",
                    "the " + failureClass.wire() + " recipe decides " + recipe.action().wire());
        }
    }

    private void retry(WorkerRecord w, Classification failure, AttemptOutcome outcome, RecoveryRecipe recipe, int retry) {
        long delay = recipe.backoffBefore(retry);
        w.autoRetries.merge(failure.failureClass(), 1, Integer::sum);
        w.recovering = failure.failureClass();
        w.feedback = feedback(failure, outcome, recipe.action() == RecoveryRecipe.Action.RETRY_WITH_FEEDBACK);
        ObjectNode payload = Json.object();
        payload.put("failure_class", failure.failureClass().wire());
        payload.put("action", recipe.action().wire());
        payload.put("retry", retry);
        payload.put("max_retries", recipe.maxRetries());
        payload.put("next_attempt", w.attempts + 1);
        payload.put("delay_ms", delay);
        payload.put("with_feedback", recipe.action() == RecoveryRecipe.Action.RETRY_WITH_FEEDBACK);
        workers.emit(w, "recovery_attempted", payload, background);
        ObjectNode transition = Json.object();
        transition.put("reason", "retry " + retry + " of " + recipe.maxRetries() + " after a " + failure.failureClass().wire() + " failure");
        transition.put("next_attempt", w.attempts + 1);
        transition.put("delay_ms", delay);
        workers.transition(w, WorkerState.RUNNING, transition, background);
        w.pendingRetry = timers.schedule(() -> pool.execute(() -> attempt(w)), delay, TimeUnit.MILLISECONDS);
    }

    private void escalate(WorkerRecord w, Classification failure, String reason) {
        FailureClass failureClass = failure.failureClass();
        if (failureClass == FailureClass.PERMISSION) {
            ObjectNode payload = Json.object();
            payload.put("reason", failure.summary());
            payload.set("evidence", failure.evidence().deepCopy());
            payload.put("hint", "grant the permission, then decide retry (the trust policy is checked again)");
            workers.emit(w, "permission_required", payload, background);
        }
        RecoveryRecipe recipe = recipes.forClass(failureClass);
        int left = Math.max(0, recipe.humanRetries() - w.retriesUsed(w.humanRetries, failureClass));
        ArrayNode allowed = Json.array();
        if (left > 0) {
            allowed.add("retry");
        }
        allowed.add("skip").add("abort");
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
            w.escalationRequired = true;
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
        record.put("failure_class", w.failureClass == null ? FailureClass.UNKNOWN.wire() : w.failureClass.wire());
        record.put("digest", w.packetDigest());
        w.decision = record;
        w.decisions.add(record.deepCopy());
        w.escalationRequired = false;
        workers.emit(w, "decision_recorded", record.deepCopy(), background);
        ObjectNode transition = Json.object();
        transition.put("reason", w.failureSummary == null ? comment : w.failureSummary);
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

    private static ObjectNode history(AttemptOutcome outcome, Classification failure, Instant started, Path attemptDir) {
        ObjectNode node = Json.object();
        node.put("attempt", outcome.attempt());
        node.put("started_at", WorkerClock.iso(started));
        node.put("ended_at", WorkerClock.iso(Instant.now()));
        node.put("log_dir", attemptDir.toString());
        AttemptOutcome.AgentResult agent = outcome.agent();
        if (agent != null && agent.ran()) {
            ObjectNode a = node.putObject("agent");
            a.put("command", agent.command());
            if (agent.exitCode() == null) {
                a.putNull("exit_code");
            } else {
                a.put("exit_code", agent.exitCode());
            }
            a.put("timed_out", agent.timedOut());
            a.put("duration_ms", agent.durationMs());
            if (agent.startError() != null) {
                a.put("start_error", agent.startError());
            }
            if (agent.log() != null) {
                node.put("agent_log", agent.log());
            }
        }
        ArrayNode tests = node.putArray("acceptance");
        for (int i = 0; i < outcome.tests().size(); i++) {
            tests.add(AttemptRunner.testJson(outcome.tests().get(i), i));
        }
        if (outcome.setupFailure() != null) {
            node.put("setup_failure", outcome.setupFailure().message());
        }
        node.put("outcome", failure == null ? "passed" : "failed");
        if (failure != null) {
            node.put("failure_class", failure.failureClass().wire());
            node.set("evidence", failure.evidence().deepCopy());
        }
        return node;
    }

    private String commitMessage(WorkerRecord w) {
        String subject = w.packet.path("title").asText(w.packet.path("objective").asText("harness task")).strip();
        if (subject.length() > 72) {
            subject = subject.substring(0, 71) + "…";
        }
        StringBuilder body = new StringBuilder(subject).append("\n\n").append(w.packet.path("objective").asText()).append("\n\n");
        for (JsonNode test : w.packet.path("acceptance_tests")) {
            body.append("Verified-by: ").append(test.asText()).append('\n');
        }
        body.append("Harness-Worker: ").append(w.id).append('\n');
        if (w.taskId != null) {
            body.append("Harness-Task: ").append(w.taskId).append('\n');
        }
        return body.toString();
    }

    /** The directory the attempt works in: the worker's own worktree when it should have one, else the workspace. */
    private Path checkout(WorkerRecord w) throws GitWorktree.WorktreeFailure {
        synchronized (w) {
            if (w.workdir != null && Files.isDirectory(Path.of(w.workdir))) {
                return Path.of(w.workdir);
            }
        }
        boolean wantsCommit = CommitPolicy.wantsCommit(w.packet.path("commit_policy").asText(null));
        boolean useWorktree = settings.worktrees() == WorktreeMode.ALWAYS
                || (settings.worktrees() == WorktreeMode.AUTO && wantsCommit);
        Optional<Path> top = useWorktree ? git.topLevel(w.workspace) : Optional.empty();
        synchronized (w) {
            if (top.isPresent()) {
                Path repo = TrustPolicy.realOrNormal(top.get());
                GitWorktree.Checkout checkout = worktrees.create(repo, w.workspace, workers.store().worktreeOf(w.id),
                        GitWorktree.branchName(w.taskId != null ? w.taskId : w.id), w.id);
                w.worktree = checkout.worktree().toString();
                w.branch = checkout.branch();
                w.baseCommit = checkout.base();
                w.workdir = checkout.workspace().toString();
                ObjectNode payload = Json.object();
                payload.put("worktree", w.worktree);
                payload.put("branch", w.branch);
                payload.put("base_commit", w.baseCommit);
                workers.emit(w, "worktree_created", payload, background);
            } else {
                w.workdir = w.workspace.toString();
                workers.save(w);
            }
            return Path.of(w.workdir);
        }
    }

    private static boolean stillRunning(WorkerRecord w, CancelToken token) {
        return w.state == WorkerState.RUNNING && !token.isCancelled() && w.token == token;
    }

    /** At start: a record left running by a manager that is gone is failed (interrupted) and waits for a decision. */
    void interruptOrphans() {
        for (WorkerRecord w : workers.all()) {
            synchronized (w) {
                if (w.state != WorkerState.RUNNING || workers.ownerAlive(w)) {
                    continue;
                }
                long previousOwner = w.ownerPid;
                ObjectNode evidence = Json.object();
                evidence.put("source", "interrupted");
                evidence.put("detail", "the worker manager (pid " + previousOwner + ") stopped while this worker was running");
                w.failureClass = FailureClass.TRANSIENT;
                w.evidence = evidence;
                w.failureSummary = evidence.get("detail").asText();
                w.escalationRequired = true;
                w.recovering = null;
                ObjectNode payload = Json.object();
                payload.put("reason", w.failureSummary);
                payload.put("previous_owner_pid", previousOwner);
                workers.emit(w, "interrupted", payload, background);
                ObjectNode transition = Json.object();
                transition.put("reason", w.failureSummary);
                transition.put("failure_class", FailureClass.TRANSIENT.wire());
                transition.put("escalation_required", true);
                workers.transition(w, WorkerState.FAILED, transition, background);
            }
        }
    }

    /** EOF: let running workers reach an end; each attempt is bounded by its timeout and retries by their recipes. */
    void finish() {
        for (WorkerRecord w : workers.all()) {
            synchronized (w) {
                while (w.state == WorkerState.RUNNING) {
                    try {
                        w.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
        shutdown();
    }

    /** SIGTERM: stop every running worker's process tree (TERM, then KILL after the grace) and record it cancelled. */
    void terminate() {
        List<WorkerRecord> stopping = new ArrayList<>();
        List<ProcessHandle> processes = new ArrayList<>();
        for (WorkerRecord w : workers.all()) {
            synchronized (w) {
                if (w.state == WorkerState.RUNNING) {
                    w.token.cancel().ifPresent(processes::add);
                    if (w.pendingRetry != null) {
                        w.pendingRetry.cancel(false);
                    }
                    stopping.add(w);
                }
            }
        }
        ProcessTree.killAll(processes, settings.grace());
        for (WorkerRecord w : stopping) {
            synchronized (w) {
                if (w.state == WorkerState.RUNNING) {
                    workers.transition(w, WorkerState.CANCELLED,
                            TrustGate.reason("the worker manager was stopped (SIGTERM)"), background);
                }
            }
        }
        shutdown();
    }

    private void shutdown() {
        timers.shutdownNow();
        pool.shutdown();
        try {
            pool.awaitTermination(settings.grace().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pool.shutdownNow();
    }

    int activeAttempts() {
        return pool.getActiveCount();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
