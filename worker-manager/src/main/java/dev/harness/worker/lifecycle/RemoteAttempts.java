package dev.harness.worker.lifecycle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.api.worker.FailureClass;
import dev.harness.api.worker.WorkerEventKind;
import dev.harness.api.worker.WorkerEventPayload;
import dev.harness.api.worker.WorkerState;
import dev.harness.protocol.Json;
import dev.harness.protocol.Log;
import dev.harness.worker.attempt.AgentCommand;
import dev.harness.worker.attempt.AttemptOutcome;
import dev.harness.worker.attempt.Verified;
import dev.harness.worker.checkout.Git;
import dev.harness.worker.checkout.GitWorktree;
import dev.harness.worker.events.EventSink;
import dev.harness.worker.recovery.Classification;
import dev.harness.worker.recovery.RecoveryRecipe;
import dev.harness.worker.recovery.RecoveryRecipes;
import dev.harness.worker.remote.RemoteExecutor;
import dev.harness.worker.remote.RemoteResult;
import dev.harness.worker.remote.RemoteTask;
import dev.harness.worker.trust.TrustPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The worker manager's side of the remote executor: before an attempt is dispatched, the commit it
 * starts from and the bases it builds on are pushed to the git remote hosts fetch from; the attempt
 * goes to the executor and its outcome comes back for the same classification and recipes as a
 * local one; a verified task's branch is fetched from the remote into the workspace's repository,
 * so integration and everything above the worker manager sees what a local run leaves.
 */
public final class RemoteAttempts {
    private final RemoteExecutor executor;
    private final WorkerRegistry workers;
    private final RecoveryRecipes recipes;
    private final Git git;
    private final String configuredRemote;
    private final long heartbeatSeconds;
    private final java.time.Duration defaultTimeout;
    private final EventSink background;
    /** Workers whose in-flight attempt a new manager attaches to again: their attempt_started is already logged. */
    private final java.util.Set<String> reattached = ConcurrentHashMap.newKeySet();
    /** The last result per worker, read when its attempt passed classification. */
    private final Map<String, RemoteResult> results = new ConcurrentHashMap<>();

    public RemoteAttempts(RemoteExecutor executor, WorkerRegistry workers, RecoveryRecipes recipes, Git git, String configuredRemote,
                   long heartbeatSeconds, java.time.Duration defaultTimeout, EventSink background) {
        this.executor = executor;
        this.workers = workers;
        this.recipes = recipes;
        this.git = git;
        this.configuredRemote = configuredRemote;
        this.heartbeatSeconds = heartbeatSeconds;
        this.defaultTimeout = defaultTimeout;
        this.background = background;
    }

    public String describe() {
        return executor.describe();
    }

    void close() {
        executor.close();
    }

    void reattaching(String workerId) {
        reattached.add(workerId);
    }

    /** Runs attempt {@code attempt} of the worker through the executor; the outcome is the classifier's to judge. */
    AttemptOutcome attempt(WorkerRecord w, int attempt, CancelToken token) throws InterruptedException {
        RemoteTask task;
        try {
            task = task(w, attempt);
        } catch (GitWorktree.WorktreeFailure e) {
            return setupFailure(attempt, FailureClass.INVALID_INPUT, e.getMessage());
        }
        synchronized (w) {
            if (w.state != WorkerState.RUNNING || token.isCancelled()) {
                return setupFailure(attempt, FailureClass.UNKNOWN, "cancelled before dispatch");
            }
            WorkerEventPayload.AttemptStarted started = new WorkerEventPayload.AttemptStarted(attempt,
                    AgentCommand.parse(w.agent).describe(), "a worker host's checkout of " + task.gitRemote() + " ("
                    + executor.describe() + ", workflow " + task.workflowId() + ")", "on the worker host", w.feedback != null);
            if (!reattached.remove(w.id)) {
                workers.emit(w, WorkerEventKind.ATTEMPT_STARTED, started, background);
            }
            w.testEvidence = null; // an earlier attempt's finding is not this one's
        }
        Path attemptDir = workers.store().logsOf(w.id).resolve("attempt-" + attempt);
        RelayedKeys relayedKeys = new RelayedKeys(attemptDir.resolve("relayed-events.txt"));
        synchronized (w) {
            relayedKeys.addLogged(workers.events(w, -1, Integer.MAX_VALUE));
        }
        RemoteExecutor.Progress progress = new RemoteExecutor.Progress() {
            @Override
            public void event(String kind, ObjectNode payload, String key) {
                // claimed before it is relayed, in one step: a check, then a later add let two threads handing
                // over the same host event (a re-attach's catch-up and the live stream) both relay it
                if (key != null && !relayedKeys.claim(key)) {
                    return; // relayed by the manager that dispatched it, before this one attached again, or by this one
                }
                if (key != null) {
                    // the key goes into the logged event itself: a successor reads it back from the worker's
                    // events, so a kill between logging and noting cannot relay the same event twice
                    payload = payload.deepCopy();
                    payload.put(HOST_EVENT_KEY, key);
                }
                try {
                    event(kind, payload);
                } catch (RuntimeException notRelayed) {
                    relayedKeys.release(key); // not logged: the host's next hand-over may relay it
                    throw notRelayed;
                }
                relayedKeys.note(key);
            }

            @Override
            public void event(String kind, ObjectNode payload) {
                synchronized (w) {
                    Optional<WorkerEventKind> known = WorkerEventKind.find(kind);
                    if (known.isEmpty()) {
                        Log.warn("worker " + w.id + ": a host sent an event of an unknown kind '" + kind + "'; not relayed");
                        return;
                    }
                    WorkerEventPayload typed;
                    try {
                        typed = WorkerEventPayload.of(known.get(), payload); // read as its kind says, or refused
                    } catch (RuntimeException e) {
                        Log.warn("worker " + w.id + ": a host's " + kind + " event cannot be read (" + e.getMessage() + "); not relayed");
                        return;
                    }
                    if (typed instanceof WorkerEventPayload.UsageRecorded usage) {
                        // counted even if the worker was cancelled meanwhile: the attempt was paid for (the run's budget)
                        w.used = w.used.plus(usage);
                    }
                    if (w.state == WorkerState.RUNNING && !token.isCancelled()) {
                        // relayed whole (payloads are open: a host's extra fields stay), its logs named in this manager's attempt directory
                        workers.emit(w, known.get(), absoluteLogs(payload, attemptDir), background);
                    }
                }
            }

            @Override
            public boolean cancelled() {
                return token.isCancelled();
            }
        };
        try {
            RemoteResult result = executor.run(task, progress);
            keepLogs(w, result, attemptDir);
            results.put(w.id, result);
            synchronized (w) {
                if (w.state == WorkerState.RUNNING && !token.isCancelled()) {
                    w.testEvidence = result.testEvidence();
                }
            }
            return absoluteLogs(result.outcome(), attemptDir);
        } catch (RemoteExecutor.RemoteFailure e) {
            results.remove(w.id);
            return setupFailure(attempt, e.failureClass(), e.getMessage());
        }
    }

    /** The payload field a relayed host event carries its key in (payloads are open: the schema allows it). */
    static final String HOST_EVENT_KEY = "host_event_key";

    /**
     * The keys of the host events relayed for one attempt: read back from the worker's logged events
     * (each relayed event carries its key), and one a line in its attempt directory. A manager that
     * attaches again to the attempt (its predecessor was killed) relays only the rest — exactly once,
     * since an event and its key are logged in one record.
     */
    private static final class RelayedKeys {
        private final Path file;
        private final java.util.Set<String> keys = ConcurrentHashMap.newKeySet();

        RelayedKeys(Path file) {
            this.file = file;
            if (java.nio.file.Files.isRegularFile(file)) {
                try {
                    keys.addAll(java.nio.file.Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8));
                } catch (java.io.IOException e) {
                    Log.warn("the relayed events of " + file.getParent() + " cannot be read (" + e.getMessage()
                            + "); events relayed before may be logged again");
                }
            }
        }

        /** Whether this key was not yet relayed, taking it if so (atomic: one thread of many wins). */
        boolean claim(String key) {
            return keys.add(key);
        }

        void release(String key) {
            if (key != null) {
                keys.remove(key);
            }
        }

        /** The keys the worker's logged events carry (what an earlier manager relayed, whether or not it noted it). */
        void addLogged(List<com.fasterxml.jackson.databind.JsonNode> events) {
            for (com.fasterxml.jackson.databind.JsonNode event : events) {
                com.fasterxml.jackson.databind.JsonNode key = event.path("payload").path(HOST_EVENT_KEY);
                if (key.isTextual()) {
                    keys.add(key.asText());
                }
            }
        }

        /** Notes a claimed key in the attempt directory, for a manager that attaches again. */
        synchronized void note(String key) {
            if (key == null) {
                return;
            }
            try {
                java.nio.file.Files.createDirectories(file.getParent());
                java.nio.file.Files.writeString(file, key + "\n", java.nio.charset.StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            } catch (java.io.IOException e) {
                Log.warn("cannot note a relayed event in " + file + " (" + e.getMessage() + "); a manager that attaches"
                        + " again may log it twice");
            }
        }
    }

    /** The host's log tails, kept where a local attempt's logs are (the events name them there). */
    private static void keepLogs(WorkerRecord w, RemoteResult result, Path attemptDir) {
        try {
            java.nio.file.Files.createDirectories(attemptDir);
            for (RemoteResult.LogTail log : result.logs()) {
                Path file = attemptDir.resolve(log.name()).normalize();
                if (!file.getParent().equals(attemptDir)) {
                    Log.warn("worker " + w.id + ": the host sent a log named '" + log.name() + "'; not kept");
                    continue;
                }
                java.nio.file.Files.writeString(file, (log.truncated() ? "[the start of this log stayed on " + result.host()
                        + "]\n" : "") + log.text(), java.nio.charset.StandardCharsets.UTF_8);
            }
        } catch (java.io.IOException e) {
            Log.warn("worker " + w.id + ": the host's logs cannot be kept in " + attemptDir + ": " + e.getMessage());
        }
    }

    /** A host names its logs relative to the attempt's directory; here they are this manager's copies. */
    static ObjectNode absoluteLogs(ObjectNode payload, Path attemptDir) {
        return dev.harness.worker.attempt.LogFields.mapped(payload, log -> absolute(log, attemptDir));
    }

    private static String absolute(String log, Path attemptDir) {
        if (log == null || log.isEmpty() || Path.of(log).isAbsolute()) {
            return log;
        }
        Path file = attemptDir.resolve(log).normalize();
        return file.startsWith(attemptDir) ? file.toString() : log;
    }

    private static AttemptOutcome absoluteLogs(AttemptOutcome outcome, Path attemptDir) {
        AttemptOutcome.AgentResult a = outcome.agent();
        AttemptOutcome.AgentResult agent = a == null ? null : new AttemptOutcome.AgentResult(a.ran(), a.command(), a.exitCode(),
                a.timedOut(), a.startError(), a.structured(), a.outputTail(), absolute(a.log(), attemptDir), a.durationMs());
        // withLog keeps what the base run said of a failed check (it fails there too, or the change broke it)
        List<AttemptOutcome.TestResult> tests = outcome.tests().stream().map(t -> t.withLog(absolute(t.log(), attemptDir))).toList();
        return new AttemptOutcome(outcome.attempt(), agent, tests, outcome.setupFailure());
    }

    private static AttemptOutcome setupFailure(int attempt, FailureClass failureClass, String message) {
        return new AttemptOutcome(attempt, AttemptOutcome.AgentResult.none(), List.of(),
                new AttemptOutcome.SetupFailure(failureClass, message));
    }

    /**
     * What the host sent for this attempt, made ready on the remote: the start commit (the workspace
     * repository's HEAD when the worker first ran) and each base, under refs/harness/tasks/WORKER/.
     */
    private RemoteTask task(WorkerRecord w, int attempt) throws GitWorktree.WorktreeFailure {
        Path top = git.topLevel(w.workspace).map(TrustPolicy::realOrNormal).orElseThrow(() -> new GitWorktree.WorktreeFailure(
                "the Temporal executor runs tasks in a checkout of a git repository, and " + w.workspace + " is not in one"));
        String remote = configuredRemote != null ? configuredRemote : origin(top);
        String prefix = "refs/harness/tasks/" + w.id + "/";
        String start;
        String branch;
        List<String> bases = new ArrayList<>();
        synchronized (w) {
            start = w.checkout.start();
            if (start == null) {
                Git.Output head = git.run(top, "rev-parse", "--verify", "--quiet", "HEAD");
                if (!head.ok()) {
                    throw new GitWorktree.WorktreeFailure("the repository " + top + " has no commit to branch from; commit once, then retry");
                }
                start = head.text();
                w.checkout = w.checkout.startingAt(start);
                w.baseCommit = start;
            }
            if (w.branch == null) {
                String wanted = GitWorktree.branchName(w.checkout.runId(), w.taskId != null ? w.taskId : w.id);
                String candidate = wanted;
                for (int n = 2; git.run(top, "rev-parse", "--verify", "--quiet", "refs/heads/" + candidate).ok(); n++) {
                    candidate = wanted + "-" + n;
                }
                w.branch = candidate;
            }
            branch = w.branch;
            workers.save(w);
        }
        List<String> refspecs = new ArrayList<>(List.of(start + ":" + prefix + "start"));
        for (int i = 0; i < w.baseRefs.size(); i++) {
            Git.Output sha = git.run(top, "rev-parse", "--verify", "--quiet", w.baseRefs.get(i) + "^{commit}");
            if (!sha.ok()) {
                throw new GitWorktree.WorktreeFailure("the base " + w.baseRefs.get(i) + " is not a commit in " + top);
            }
            refspecs.add(sha.text() + ":" + prefix + "base-" + (i + 1));
            bases.add(prefix + "base-" + (i + 1));
        }
        List<String> args = new ArrayList<>(List.of("push", "-q", "--force", "--", remote));
        refspecs.forEach(spec -> args.add("+" + spec));
        Git.Output pushed = git.run(top, args.toArray(String[]::new));
        if (!pushed.ok()) {
            throw new GitWorktree.WorktreeFailure("cannot push the task's start to the git remote " + remote + ": " + pushed.text());
        }
        String workspacePath = top.relativize(TrustPolicy.realOrNormal(w.workspace)).toString();
        long timeout = w.packet.hasNonNull("timeout_seconds") ? w.packet.get("timeout_seconds").asLong() : defaultTimeout.toSeconds();
        RecoveryRecipe transientRecipe = recipes.forClass(FailureClass.TRANSIENT);
        List<String> nonRetryable = new ArrayList<>();
        for (FailureClass c : FailureClass.values()) {
            RecoveryRecipe.Action action = recipes.forClass(c).action();
            if (action != RecoveryRecipe.Action.RETRY && action != RecoveryRecipe.Action.RETRY_WITH_FEEDBACK) {
                nonRetryable.add(c.wire());
            }
        }
        boolean retries = transientRecipe.action() == RecoveryRecipe.Action.RETRY
                || transientRecipe.action() == RecoveryRecipe.Action.RETRY_WITH_FEEDBACK;
        RemoteTask.RetryTerms terms = new RemoteTask.RetryTerms(retries ? transientRecipe.maxRetries() + 1 : 1,
                Math.max(1000, transientRecipe.backoffBefore(1)), 2.0, nonRetryable);
        synchronized (w) {
            return new RemoteTask(w.id, w.taskId, w.checkout.runId(), attempt, remote, prefix + "start",
                    start, bases, branch, workspacePath, w.scopePath, w.scopeExisted, w.packet.deepCopy(), w.agent,
                    w.extraPrompt, w.feedback, timeout, w.checkout.setup(), terms, heartbeatSeconds, systemPrompt(w),
                    w.dollarsLeft(workers.used()));
        }
    }

    /**
     * The text of the bootstrap's assembled system prompt (spawn_worker's system_prompt, a file on
     * this machine), which a host cannot read; null when there is none or it is gone, and then the
     * host names the instruction files of its checkout, as a local attempt does then. Caller holds the monitor.
     */
    private static String systemPrompt(WorkerRecord w) {
        if (w.systemPrompt == null) {
            return null;
        }
        try {
            return java.nio.file.Files.readString(Path.of(w.systemPrompt), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException | RuntimeException e) {
            Log.warn("the system prompt " + w.systemPrompt + " cannot be read (" + e.getMessage()
                    + "); the host's prompt lists the instruction files instead");
            return null;
        }
    }

    private String origin(Path top) throws GitWorktree.WorktreeFailure {
        Git.Output url = git.run(top, "remote", "get-url", "origin");
        if (!url.ok() || url.text().isBlank()) {
            throw new GitWorktree.WorktreeFailure("the Temporal executor needs a git remote the worker hosts can reach:"
                    + " give --git-remote (or temporal.git_remote in config.yaml), or add a remote 'origin' to " + top);
        }
        return url.text().strip();
    }

    /**
     * The tests passed on the host: did the task change what it was meant to (the same rule as a
     * local attempt), from what the host saw. Caller holds the monitor.
     */
    Optional<Classification> checkChange(WorkerRecord w) {
        RemoteResult result = results.get(w.id);
        w.verified = Verified.unchanged();
        if (result == null || result.changes() == null || AgentCommand.parse(w.agent).isNone()) {
            return Optional.empty();
        }
        if (result.changes().count() > 0) {
            w.verified = Verified.changed(result.changes().count(), result.changes().sample());
            return Optional.empty();
        }
        if (!WorkerRuns.expectsChange(w.task)) {
            return Optional.empty();
        }
        String scope = w.scopePath.isEmpty() ? "the workspace" : "its scope " + w.scopePath;
        w.verified = null;
        return Optional.of(Classification.of(FailureClass.LOGIC_ERROR, "no_change", "the task is meant to change code in "
                + scope + " but its agent changed nothing there; its acceptance tests passed on an unchanged workspace,"
                + " which verifies nothing"));
    }

    /**
     * The host's commit, brought into the workspace's repository as the task's branch (commit_created),
     * or why there is none (commit_skipped). Caller holds the monitor.
     */
    Optional<Classification> commit(WorkerRecord w) {
        RemoteResult result = results.get(w.id);
        if (result == null) {
            return Optional.empty();
        }
        if (result.commit() == null) {
            if (result.commitSkipped() != null) {
                workers.emit(w, WorkerEventKind.COMMIT_SKIPPED, new WorkerEventPayload.CommitSkipped(result.commitSkipped(),
                        null, null), background);
            }
            return Optional.empty();
        }
        Optional<Path> top = git.topLevel(w.workspace);
        String remote = configuredRemote != null ? configuredRemote : top.map(t -> git.run(t, "remote", "get-url", "origin").text()).orElse("");
        Git.Output fetched = top.isEmpty() ? new Git.Output(-1, w.workspace + " is no longer in a git repository")
                : git.run(top.get(), "fetch", "-q", "--no-tags", "--", remote,
                        "+refs/heads/" + result.branch() + ":refs/heads/" + result.branch());
        if (!fetched.ok()) {
            return Optional.of(Classification.of(FailureClass.TRANSIENT, "commit", "the host pushed " + result.branch()
                    + " but it cannot be fetched from " + remote + ": " + fetched.text()));
        }
        w.commit = result.commit();
        w.branch = result.branch();
        workers.emit(w, WorkerEventKind.COMMIT_CREATED, new WorkerEventPayload.CommitCreated(w.branch, null, w.commit), background);
        return Optional.empty();
    }
}
