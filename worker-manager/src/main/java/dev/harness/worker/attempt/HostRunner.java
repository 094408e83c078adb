package dev.harness.worker.attempt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.api.plan.TaskPacket;
import dev.harness.api.worker.FailureClass;
import dev.harness.api.worker.WorkerEventKind;
import dev.harness.api.worker.WorkerEventPayload;
import dev.harness.protocol.Json;
import dev.harness.protocol.json.Digest;
import dev.harness.worker.checkout.CommitPolicy;
import dev.harness.worker.checkout.WorkerCheckout;
import dev.harness.worker.lifecycle.CancelToken;
import dev.harness.worker.checkout.Git;
import dev.harness.worker.checkout.GitWorktree;
import dev.harness.worker.checkout.WorktreeSetup;
import dev.harness.worker.events.WorkerEvents;
import dev.harness.worker.remote.RemoteExecutor.RemoteFailure;
import dev.harness.worker.remote.RemoteResult;
import dev.harness.worker.remote.RemoteTask;
import dev.harness.worker.trust.TrustPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A worker host's side of an attempt: the same steps as the local executor (trust, worktree,
 * preparation, prompt, agent, acceptance tests, what changed, commit), in the host's own checkout —
 * a bare cache of the task's git remote, a worktree per attempt — and under the host's own trust
 * policy, then the task's branch pushed back to that remote. Nothing of the executor that carried
 * the task is known here: it hands a task in and gets a result (or a failure that no outcome could
 * be made for) back.
 */
public final class HostRunner {
    private static final Duration SETUP_LIMIT = Duration.ofMinutes(15);
    /** What of each attempt log goes back with the result (Temporal keeps results small: ~2 MB at most). */
    static final int LOG_TAIL_BYTES = 32 * 1024;
    static final int MAX_LOGS = 24;

    /** What a host knows about itself: its state directory, policy, name and limits. */
    public record Host(String name, Path stateDir, TrustPolicy policy, Duration defaultTimeout) {}

    /** Receives the host's events as they happen. */
    public interface Listener {
        void event(String kind, ObjectNode payload);
    }

    /** Lets the carrier stop a running attempt (a cancelled task, a host shutting down). */
    public static final class Stop {
        private final CancelToken token = new CancelToken();

        public void stop() {
            token.stop();
        }

        public boolean stopped() {
            return token.isCancelled();
        }
    }

    private final Host host;
    private final Git git;
    private final GitWorktree worktrees;
    private final WorktreeSetup setup;
    private final AttemptRunner runner;

    public HostRunner(Host host, java.util.Map<String, String> env, Duration grace) {
        this.host = host;
        this.git = new Git(env);
        this.worktrees = new GitWorktree(git);
        this.setup = new WorktreeSetup(env, SETUP_LIMIT);
        // the same base-vs-result test evidence as the local executor's attempts
        this.runner = new AttemptRunner(env, grace, AttemptRunner.OutputCaps.DEFAULT, dev.harness.protocol.secrets.Redactor
                .forEnvironment(env), new BaseTestRun(git, grace), null); // checks in the host's own worktree (placing null)
    }

    public Host host() {
        return host;
    }

    /**
     * Runs the task's attempt here.
     *
     * @param hostAttempt how many times the carrier has handed this attempt to a host (1 the first time)
     * @throws RemoteFailure when the attempt cannot be made here and another try might (the remote
     *                       cannot be reached, the branch cannot be pushed) or must not (trust)
     */
    public RemoteResult run(RemoteTask task, int hostAttempt, Listener listener, Stop stop)
            throws RemoteFailure, InterruptedException {
        List<RemoteResult.HostEvent> events = new ArrayList<>();
        String label = task.workerId() + "-" + task.attempt() + "-" + hostAttempt;
        Path hostsDir = host.stateDir().resolve("hosts");
        Path worktree = hostsDir.resolve("worktrees").resolve(label);
        Path attemptDir = hostsDir.resolve("logs").resolve(task.workerId()).resolve("attempt-" + task.attempt() + "-" + hostAttempt);
        Listener recording = (kind, given) -> {
            ObjectNode payload = relativeLogs(given, attemptDir);
            synchronized (events) {
                events.add(new RemoteResult.HostEvent(events.size(), kind, payload.deepCopy()));
            }
            listener.event(kind, payload);
        };
        checkTrust(worktree);
        Path cache = fetch(task, hostsDir);
        AttemptOutcome outcome;
        Path workdir;
        try {
            workdir = checkout(task, cache, worktree, recording);
        } catch (GitWorktree.WorktreeFailure e) {
            outcome = new AttemptOutcome(task.attempt(), AttemptOutcome.AgentResult.none(), List.of(),
                    new AttemptOutcome.SetupFailure(e.getMessage().startsWith("preparing the worktree")
                            ? FailureClass.UNRECOVERABLE : FailureClass.INVALID_INPUT, e.getMessage()));
            return new RemoteResult(host.name(), hostAttempt, outcome, null, null, null, null, events, null, List.of());
        }
        // Claude stops itself at what was left of the task's and the run's budget when it was dispatched
        AgentCommand agent = AgentCommand.parse(task.agent()).withMaxBudgetUsd(task.maxBudgetUsd());
        // the bootstrap's assembled system prompt comes as text (its file is on the orchestrator's machine);
        // without one the prompt names the instruction files of the host's checkout, as a local attempt's does
        WorkerPrompt.Instructions instructions = task.systemPrompt() != null
                ? new WorkerPrompt.Instructions.Assembled(Path.of("system-prompt.md"), task.systemPrompt())
                : WorkerPrompt.instructions(Optional.empty(), workdir, workdir.resolve(task.scopePath()));
        TaskPacket typed = Json.convert(task.packet(), TaskPacket.class);
        String prompt = WorkerPrompt.build(typed, task.scopePath(), instructions, task.extraPrompt(), task.feedback());
        Duration timeout = task.timeoutSeconds() > 0 ? Duration.ofSeconds(task.timeoutSeconds()) : host.defaultTimeout();
        AttemptRunner.Spec spec = new AttemptRunner.Spec(task.workerId(), task.taskId(), task.attempt(), typed,
                workdir, workdir, task.scopePath(), task.scopeExisted(), agent, prompt, attemptDir, timeout);
        Optional<ScopeChanges.Snapshot> before = agent.isNone() ? Optional.empty()
                : ScopeChanges.take(workdir, task.scopePath(), host.stateDir());
        ScopeChanges.Snapshot[] after = new ScopeChanges.Snapshot[1];
        dev.harness.api.worker.TestEvidence[] evidence = new dev.harness.api.worker.TestEvidence[1];
        try {
            outcome = runner.run(spec, stop.token, new AttemptRunner.Steps() {
                @Override
                public void step(WorkerEventKind kind, WorkerEventPayload payload) {
                    recording.event(kind.wire(), WorkerEvents.payload(payload));
                }

                @Override
                public void testEvidence(dev.harness.api.worker.TestEvidence found) {
                    evidence[0] = found;
                }

                @Override
                public void agentDone() {
                    if (!agent.isNone()) {
                        after[0] = ScopeChanges.take(workdir, task.scopePath(), host.stateDir()).orElse(null);
                    }
                }
            });
        } catch (IOException e) {
            throw new RemoteFailure(FailureClass.TRANSIENT, host.name() + " could not run the attempt: " + e.getMessage());
        }
        if (stop.stopped()) {
            throw new InterruptedException("the attempt was stopped");
        }
        RemoteResult.Changes changes = null;
        if (before.isPresent() && after[0] != null) {
            ScopeChanges.Changes found = ScopeChanges.between(before.get(), after[0]);
            changes = new RemoteResult.Changes(found.count(), found.sample(20));
        }
        String commit = null;
        String skipped = null;
        boolean wantsCommit = CommitPolicy.wantsCommit(typed.commitPolicy());
        if (outcome.succeeded() && wantsCommit) {
            if (agent.isNone()) {
                skipped = "the built-in worker (agent none) only runs the acceptance tests, so there is nothing to commit";
            } else {
                try {
                    commit = worktrees.commitAll(worktree, WorkerCheckout.commitMessage(typed, task.workerId(),
                            task.taskId()), "harness", List.of()).orElse(null);
                } catch (GitWorktree.WorktreeFailure e) {
                    throw new RemoteFailure(FailureClass.UNKNOWN, e.getMessage());
                }
                if (commit == null) {
                    skipped = "the worker changed nothing, so there is nothing to commit";
                } else {
                    push(task, worktree, commit);
                }
            }
        }
        return new RemoteResult(host.name(), hostAttempt, relativeLogs(outcome, attemptDir), changes, task.branch(), commit,
                skipped, events, evidence[0], logTails(attemptDir));
    }

    /** The payload with each "log" that names a file of the attempt directory named relative to it. */
    static ObjectNode relativeLogs(ObjectNode payload, Path attemptDir) {
        return LogFields.mapped(payload, log -> relative(log, attemptDir));
    }

    private static String relative(String log, Path attemptDir) {
        if (log == null) {
            return null;
        }
        Path path = Path.of(log);
        return path.isAbsolute() && path.startsWith(attemptDir) ? attemptDir.relativize(path).toString() : log;
    }

    private static AttemptOutcome relativeLogs(AttemptOutcome outcome, Path attemptDir) {
        AttemptOutcome.AgentResult a = outcome.agent();
        AttemptOutcome.AgentResult agent = a == null ? null : new AttemptOutcome.AgentResult(a.ran(), a.command(), a.exitCode(),
                a.timedOut(), a.startError(), a.structured(), a.outputTail(), relative(a.log(), attemptDir), a.durationMs());
        // withLog keeps what the base run said of a failed check (it fails there too, or the change broke it)
        List<AttemptOutcome.TestResult> tests = outcome.tests().stream().map(t -> t.withLog(relative(t.log(), attemptDir))).toList();
        return new AttemptOutcome(outcome.attempt(), agent, tests, outcome.setupFailure());
    }

    /** The end of each log the attempt left (the prompt, the agent's, each test's), to go back with the result. */
    static List<RemoteResult.LogTail> logTails(Path attemptDir) {
        List<RemoteResult.LogTail> tails = new ArrayList<>();
        if (!Files.isDirectory(attemptDir)) {
            return tails;
        }
        try (var files = Files.list(attemptDir)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().limit(MAX_LOGS).toList()) {
                long size = Files.size(file);
                tails.add(new RemoteResult.LogTail(file.getFileName().toString(), LogTail.tail(file, LOG_TAIL_BYTES),
                        size > LOG_TAIL_BYTES));
            }
        } catch (IOException e) {
            dev.harness.protocol.Log.warn("the logs of " + attemptDir + " cannot be read: " + e.getMessage());
        }
        return tails;
    }

    /** The host's own policy decides whether tasks may run in its checkouts; a host never asks anyone. */
    private void checkTrust(Path worktree) throws RemoteFailure {
        TrustPolicy.Verdict verdict = host.policy().evaluate(worktree);
        if (verdict.kind() != TrustPolicy.Verdict.Kind.TRUSTED) {
            throw new RemoteFailure(FailureClass.PERMISSION, "the worker host " + host.name() + " does not run tasks in "
                    + host.stateDir().resolve("hosts") + ": its trust policy (" + host.policy().source() + ") "
                    + (verdict.kind() == TrustPolicy.Verdict.Kind.DENIED ? "denies it" : "does not trust it")
                    + (verdict.reason() == null ? "" : " (" + verdict.reason() + ")")
                    + "; its operator adds that directory to the policy's trusted roots");
        }
    }

    /** The host's cache of the remote (one bare repository per remote) with the task's refs fetched into it. */
    private Path fetch(RemoteTask task, Path hostsDir) throws RemoteFailure {
        Path cache = hostsDir.resolve("cache").resolve(Digest.of(task.gitRemote()).substring(0, 16) + ".git");
        synchronized (HostRunner.class) { // one init per cache; fetches into it may overlap
            if (!Files.isDirectory(cache)) {
                try {
                    Files.createDirectories(cache);
                } catch (IOException e) {
                    throw new RemoteFailure(FailureClass.UNRECOVERABLE, "cannot create " + cache + ": " + e.getMessage());
                }
                Git.Output init = git.run(cache, "init", "-q", "--bare");
                if (!init.ok()) {
                    throw new RemoteFailure(FailureClass.UNRECOVERABLE, "git init of the cache " + cache + " failed: " + init.text());
                }
            }
        }
        List<String> args = new ArrayList<>(List.of("fetch", "-q", "--no-tags", "--", task.gitRemote()));
        args.add("+" + task.startRef() + ":" + task.startRef());
        task.baseRefs().forEach(ref -> args.add("+" + ref + ":" + ref));
        Git.Output fetched = git.run(cache, args.toArray(String[]::new));
        if (!fetched.ok()) {
            throw new RemoteFailure(FailureClass.TRANSIENT, host.name() + " cannot fetch the task's refs from "
                    + task.gitRemote() + ": " + fetched.text());
        }
        return cache;
    }

    private Path checkout(RemoteTask task, Path cache, Path worktree, Listener listener) throws GitWorktree.WorktreeFailure {
        if (Files.exists(worktree)) {
            git.run(cache, "worktree", "remove", "--force", worktree.toString());
        }
        git.run(cache, "worktree", "prune");
        try {
            Files.createDirectories(worktree.getParent());
        } catch (IOException e) {
            throw new GitWorktree.WorktreeFailure("cannot create " + worktree.getParent() + ": " + e.getMessage());
        }
        Git.Output add = git.run(cache, "worktree", "add", "-q", "--detach", worktree.toString(), task.startCommit());
        if (!add.ok()) {
            throw new GitWorktree.WorktreeFailure("git worktree add failed: " + add.text());
        }
        if (!task.baseRefs().isEmpty()) {
            List<String> args = new ArrayList<>(List.of("-c", "user.name=harness", "-c", "user.email=harness@localhost",
                    "merge", "--no-edit", "-q", "-m", "harness: start from " + String.join(", ", task.baseRefs())));
            args.addAll(task.baseRefs());
            Git.Output merge = git.run(worktree, args.toArray(String[]::new));
            if (!merge.ok()) {
                git.run(worktree, "merge", "--abort");
                throw new GitWorktree.WorktreeFailure("the work of " + String.join(", ", task.baseRefs())
                        + " cannot be combined: " + merge.text());
            }
        }
        Path workspace = worktree.resolve(task.workspacePath());
        ObjectNode created = (ObjectNode) Json.toNode(new WorkerEventPayload.WorktreeCreated(worktree.toString(),
                task.branch(), task.startCommit(), worktrees.head(worktree), task.baseRefs()));
        created.put("host", host.name()); // which host made it: the schema's payload is open for it
        listener.event("worktree_created", created);
        WorktreeSetup.Result prepared = setup.prepare(worktree, workspace, task.setup());
        if (!prepared.ok()) {
            listener.event("setup_failed", (ObjectNode) Json.toNode(new WorkerEventPayload.SetupFailed(worktree.toString(),
                    prepared.source(), prepared.command(), prepared.exitCode(), prepared.durationMs(), prepared.outputTail())));
            throw new GitWorktree.WorktreeFailure("preparing the worktree failed: '" + prepared.command() + "' exited with "
                    + prepared.exitCode());
        }
        boolean ran = prepared.command() != null; // nothing to install and no setup command: no command fields
        listener.event("worktree_prepared", (ObjectNode) Json.toNode(new WorkerEventPayload.WorktreePrepared(worktree.toString(),
                prepared.source(), prepared.command(), ran ? prepared.exitCode() : null, ran ? prepared.durationMs() : null,
                ran ? prepared.outputTail() : null)));
        return workspace;
    }

    private void push(RemoteTask task, Path worktree, String commit) throws RemoteFailure {
        Git.Output pushed = git.run(worktree, "push", "-q", "--force", "--", task.gitRemote(),
                commit + ":refs/heads/" + task.branch());
        if (!pushed.ok()) {
            throw new RemoteFailure(FailureClass.TRANSIENT, host.name() + " cannot push " + task.branch() + " to "
                    + task.gitRemote() + ": " + pushed.text());
        }
    }
}
