package dev.harness.worker.attempt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.api.plan.TaskPacket;
import dev.harness.api.worker.FailureClass;
import dev.harness.api.worker.TestEvidence;
import dev.harness.api.worker.WorkerEventKind;
import dev.harness.api.worker.WorkerEventPayload;
import dev.harness.protocol.Json;
import dev.harness.protocol.process.PathLookup;
import dev.harness.protocol.secrets.Redactor;
import dev.harness.worker.checkout.CheckTree;
import dev.harness.worker.checkout.Git;
import dev.harness.worker.lifecycle.CancelToken;
import dev.harness.worker.recovery.FailureClassifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one attempt of a worker: the agent (unless the preset is none) in the task's scope, then
 * every acceptance test as {@code sh -c COMMAND} (the user's own command, as written), each with
 * the attempt's timeout and its own log file. The tests run in a throwaway copy of the work
 * directory ({@link CheckTree}), so what they write never lands in the person's tree or the
 * task's commit.
 */
public final class AttemptRunner {
    static final int TAIL_BYTES = 64 * 1024;
    static final int TAIL_CHARS = 4000;

    /** What one attempt needs to know. */
    public record Spec(String workerId, String taskId, int attempt, TaskPacket packet, Path workspace, Path workdir,
                String scopePath, boolean scopeExisted, AgentCommand agent, String prompt, Path attemptDir,
                Duration timeout) {}

    /** Receives the attempt's steps as they happen (agent_exited, acceptance_test_result). */
    public interface Steps {
        void step(WorkerEventKind kind, WorkerEventPayload payload);

        /** The agent exited (before any test runs): what it changed can be looked at now. */
        default void agentDone() {}

        /** Every acceptance test passed: whether the task's own tests already passed on its base. */
        default void testEvidence(TestEvidence evidence) {}
    }

    /**
     * How much of a child's output a log keeps: {@code perCheck} for one agent run or test,
     * {@code perAttempt} for all of an attempt's logs together (a later check gets what is left,
     * never less than {@link #MIN_CHECK_BYTES}).
     */
    public record OutputCaps(long perCheck, long perAttempt) {
        static final long MIN_CHECK_BYTES = 64 * 1024;
        public static final OutputCaps DEFAULT = new OutputCaps(8L << 20, 32L << 20);
    }

    private final Map<String, String> baseEnv;
    private final Duration grace;
    private final OutputCaps caps;
    private final Redactor redactor;
    private final BaseTestRun baseTests;
    private final ChecksPlacing placing;

    /** Where an attempt's tests run: a copy of {@code workdir} under {@code scratch}, or the workdir itself. */
    @FunctionalInterface
    public interface ChecksPlacing {
        CheckTree place(Path workdir, Path scratch);
    }

    /**
     * A worker host's runner (the Temporal executor): its attempts run in the host's own worktree,
     * never in a person's tree, so the tests run there as they are.
     */
    public AttemptRunner(Map<String, String> baseEnv, Duration grace) {
        this(baseEnv, grace, OutputCaps.DEFAULT, Redactor.forEnvironment(baseEnv), null, null);
    }

    /** {@code redactor} masks every log as it is written; the agent's own environment's secrets are added to it. */
    public AttemptRunner(Map<String, String> baseEnv, Duration grace, OutputCaps caps, Redactor redactor) {
        this(baseEnv, grace, caps, redactor, null);
    }

    /** {@code baseTests}: runs a passing attempt's tests on its base (null: not done). */
    public AttemptRunner(Map<String, String> baseEnv, Duration grace, OutputCaps caps, Redactor redactor, BaseTestRun baseTests) {
        this(baseEnv, grace, caps, redactor, baseTests, (workdir, scratch) ->
                CheckTree.open(new Git(baseEnv), workdir, scratch, CheckTree.Limits.DEFAULT));
    }

    /** {@code placing}: where the tests run (the default is a throwaway copy of the work directory; null: the work directory). */
    public AttemptRunner(Map<String, String> baseEnv, Duration grace, OutputCaps caps, Redactor redactor, BaseTestRun baseTests,
                         ChecksPlacing placing) {
        this.baseTests = baseTests;
        this.placing = placing;
        this.baseEnv = Map.copyOf(baseEnv);
        this.grace = grace;
        this.caps = caps;
        this.redactor = redactor.withEnvironment(baseEnv);
    }

    /** What is left of one attempt's output budget. */
    private static final class Budget {
        private long left;

        Budget(long total) {
            left = total;
        }

        long nextCap(long perCheck) {
            return Math.max(OutputCaps.MIN_CHECK_BYTES, Math.min(perCheck, left));
        }

        void spent(CappedOutput log) {
            left -= Math.min(log.totalBytes(), log.cap());
        }
    }

    public AttemptOutcome run(Spec given, CancelToken token, Steps steps) throws IOException {
        AttemptOutcome.SetupFailure setup = checkSetup(given);
        if (setup != null) {
            return new AttemptOutcome(given.attempt(), AttemptOutcome.AgentResult.none(), List.of(), setup);
        }
        // from here on the work directory is named by its real path, as checked
        Spec spec = new Spec(given.workerId(), given.taskId(), given.attempt(), given.packet(), given.workspace(),
                given.workdir().toRealPath(), given.scopePath(), given.scopeExisted(), given.agent(), given.prompt(),
                given.attemptDir(), given.timeout());
        Files.createDirectories(spec.attemptDir());
        Path promptFile = spec.attemptDir().resolve("prompt.md");
        // the prompt may quote the person's own commands (a password in a check): its owner only reads it
        if (!Files.exists(promptFile, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.createFile(promptFile, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(promptFile, spec.prompt(), StandardCharsets.UTF_8);
        Map<String, String> env = environment(spec, promptFile);
        Redactor masking = redactor.withEnvironment(env);
        Budget budget = new Budget(caps.perAttempt());

        // the base is HEAD before the agent runs: an agent that commits does not move it
        String base = baseTests == null || spec.agent().isNone() ? null : baseTests.base(spec.workdir()).orElse(null);
        AttemptOutcome.AgentResult agent;
        try {
            agent = spec.agent().isNone() ? AttemptOutcome.AgentResult.none()
                    : runAgent(spec, promptFile, env, token, steps, masking, budget);
        } finally {
            keepMasked(promptFile, spec.prompt(), masking);
        }
        List<AttemptOutcome.TestResult> tests = new ArrayList<>();
        if (agent.succeeded() && !spec.packet().acceptanceTests().isEmpty() && !token.isCancelled()) {
            // one copy for all of the attempt's tests: a later check may read what an earlier one built
            try (CheckTree checks = placing == null ? CheckTree.inPlace(spec.workdir(), null)
                    : placing.place(spec.workdir(), spec.attemptDir().resolve("checkout"))) {
                if (placing != null) {
                    steps.step(WorkerEventKind.CHECKS_PLACED, checks.event());
                }
                Map<String, String> testEnv = new HashMap<>(env);
                testEnv.put("HARNESS_WORKSPACE", checks.directory().toString());
                if (!env.containsKey("PYTHONPYCACHEPREFIX") && !env.containsKey("PYTHONDONTWRITEBYTECODE")) {
                    checks.bytecodeDirectory().ifPresent(dir -> testEnv.put("PYTHONPYCACHEPREFIX", dir.toString()));
                }
                int index = 0;
                for (String test : spec.packet().acceptanceTests()) {
                    if (token.isCancelled()) {
                        break;
                    }
                    tests.add(runTest(spec, checks.directory(), test, index++, testEnv, token, steps, masking, budget));
                }
            }
            if (baseTests != null && !token.isCancelled() && tests.stream().anyMatch(t -> !t.passed())) {
                tests = withBase(spec, base, tests, env, token, masking, budget);
            }
            if (baseTests != null && !spec.agent().isNone() && !tests.isEmpty()
                    && tests.stream().allMatch(AttemptOutcome.TestResult::passed) && !token.isCancelled()) {
                steps.testEvidence(baseTests.check(spec.workdir(), base, tests.stream().map(AttemptOutcome.TestResult::command).toList(),
                        env, spec.attemptDir(), spec.timeout(), token, masking, budget.nextCap(caps.perCheck())));
            }
        }
        return new AttemptOutcome(spec.attempt(), agent, tests, null);
    }

    /**
     * The failed tests, each told whether it fails without the task's change too. After an agent:
     * the failing commands run once on the task's base (BaseTestRun keeps the answer per base and
     * command, so a retry does not pay again). With no agent on a git work tree with no
     * uncommitted change, the tests just ran on the unchanged project itself.
     */
    private List<AttemptOutcome.TestResult> withBase(Spec spec, String base, List<AttemptOutcome.TestResult> tests,
                                                     Map<String, String> env, CancelToken token, Redactor masking,
                                                     Budget budget) {
        if (spec.agent().isNone()) {
            Optional<String> head = baseTests.unchanged(spec.workdir());
            if (head.isEmpty()) {
                return tests;
            }
            String sentence = "the project as committed (" + head.get().substring(0, Math.min(12, head.get().length()))
                    + ", no uncommitted change) fails it before any change: it cannot tell whether this task works; "
                    + "fix the check or skip the task";
            return tests.stream().map(t -> t.passed() ? t : t.withOnBase(sentence)).toList();
        }
        List<String> failing = tests.stream().filter(t -> !t.passed()).map(AttemptOutcome.TestResult::command).distinct().toList();
        Map<String, BaseTestRun.FailsOnBase> onBase = baseTests.failingOnBase(spec.workdir(), base, failing, env,
                spec.attemptDir(), spec.timeout(), token, masking, budget.nextCap(caps.perCheck()));
        // the person's project as they have it (their checkout's HEAD): when the task started elsewhere (a
        // verifying task on the integrated work, a task on its dependencies' branches), a check failing on
        // that base too is run there as well: it tells a broken project from an earlier task's breakage
        String project = baseTests.base(spec.workspace()).orElse(null);
        Map<String, BaseTestRun.FailsOnBase> onProject = project == null || project.equals(base) ? Map.of()
                : baseTests.failingOnBase(spec.workdir(), project, failing.stream()
                        .filter(c -> onBase.containsKey(c) && onBase.get(c).fails()).toList(), env,
                        spec.attemptDir(), spec.timeout(), token, masking, budget.nextCap(caps.perCheck()));
        return tests.stream().map(t -> {
            BaseTestRun.FailsOnBase answer = t.passed() ? null : onBase.get(t.command());
            if (answer == null) {
                return t;
            }
            if (!answer.fails()) {
                return t.withPassedOnBase();
            }
            boolean isProject = answer.base().equals(project);
            BaseTestRun.FailsOnBase there = onProject.get(t.command());
            String sentence = answer.sentence(t.command(), isProject, there);
            BaseTestRun.FailsOnBase unchanged = isProject ? answer : there;
            return unchanged != null && unchanged.fails() && sameTestsFail(t, unchanged) ? t.withOnProject(sentence)
                    : t.withOnBase(sentence);
        }).toList();
    }

    /**
     * The tests that failed after the change are tests its runner named failing on the unchanged project
     * too: the change neither caused nor fixed them. A check whose output names no test (a script's own
     * message) is not compared: a check written for the new behaviour fails alike before and after a first try.
     */
    private static boolean sameTestsFail(AttemptOutcome.TestResult test, BaseTestRun.FailsOnBase unchanged) {
        java.util.Set<String> after = FailingTests.named(test.log() == null ? test.outputTail()
                : LogTail.tail(Path.of(test.log()), TAIL_BYTES));
        return !after.isEmpty() && FailingTests.named(LogTail.tail(Path.of(unchanged.log()), TAIL_BYTES)).containsAll(after);
    }

    /**
     * Right before the attempt: the workspace and the scope are resolved again (a directory may
     * have been swapped for a link since spawn); a scope that now leaves the workspace is a
     * permission failure naming where it leads.
     */
    private static AttemptOutcome.SetupFailure checkSetup(Spec spec) {
        if (!Files.isDirectory(spec.workspace())) {
            return new AttemptOutcome.SetupFailure(FailureClass.UNRECOVERABLE,
                    "the workspace " + spec.workspace() + " no longer exists");
        }
        try {
            Path real = spec.workspace().toRealPath();
            if (!real.equals(spec.workspace())) {
                return new AttemptOutcome.SetupFailure(FailureClass.PERMISSION, "the workspace " + spec.workspace()
                        + " now resolves to " + real + " (a link was put in its place); the task does not run there");
            }
        } catch (IOException e) {
            return new AttemptOutcome.SetupFailure(FailureClass.UNRECOVERABLE,
                    "the workspace " + spec.workspace() + " cannot be resolved: " + e.getMessage());
        }
        if (spec.scopeExisted() && !Files.exists(spec.workspace().resolve(spec.scopePath()), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return new AttemptOutcome.SetupFailure(FailureClass.UNRECOVERABLE,
                    "the scope path " + spec.scopePath() + " no longer exists in " + spec.workspace());
        }
        for (Path root : spec.workdir().equals(spec.workspace()) ? List.of(spec.workspace()) : List.of(spec.workspace(), spec.workdir())) {
            try {
                Optional<ScopeResolution.Resolved> scope = ScopeResolution.resolve(root, spec.scopePath());
                if (scope.isEmpty()) {
                    return new AttemptOutcome.SetupFailure(FailureClass.PERMISSION, "the scope path '" + spec.scopePath()
                            + "' in " + root + " is a loop of symbolic links");
                }
                if (!scope.get().inside()) {
                    return new AttemptOutcome.SetupFailure(FailureClass.PERMISSION, "the scope path '" + spec.scopePath()
                            + "' now resolves to " + scope.get().real() + ", outside the workspace " + scope.get().root()
                            + "; the task does not run outside its workspace");
                }
            } catch (IOException e) {
                return new AttemptOutcome.SetupFailure(FailureClass.UNRECOVERABLE,
                        "the scope path '" + spec.scopePath() + "' in " + root + " cannot be resolved: " + e.getMessage());
            }
        }
        return null;
    }

    /**
     * The agent reads its prompt as written, a password in the person's own check command included:
     * it is told to make that command exit 0 and may run it itself. Once the agent is done, the copy
     * that stays beside the attempt's logs is masked like them; the harness runs the checks from the
     * packet it keeps, never from this file.
     */
    private static void keepMasked(Path promptFile, String prompt, Redactor masking) throws IOException {
        String masked = masking.redact(prompt);
        if (!masked.equals(prompt)) {
            Files.writeString(promptFile, masked, StandardCharsets.UTF_8);
        }
    }

    private AttemptOutcome.AgentResult runAgent(Spec spec, Path promptFile, Map<String, String> env, CancelToken token,
                                                Steps steps, Redactor masking, Budget budget) throws IOException {
        Path log = spec.attemptDir().resolve("agent.log");
        List<String> argv = spec.agent().argv(spec.prompt(), promptFile);
        Path directory = agentDirectory(spec);
        CommandRun.Result result;
        CappedOutput output = new CappedOutput(log, budget.nextCap(caps.perCheck()), masking);
        try (output) {
            result = CommandRun.run(argv, directory, env, spec.agent().promptOnStdin() ? spec.prompt() : null, output,
                    spec.timeout(), grace, token);
        }
        budget.spent(output);
        String tail = LogTail.tail(log, TAIL_BYTES);
        List<JsonNode> structured = LogTail.structured(log);
        AttemptOutcome.AgentResult agent = new AttemptOutcome.AgentResult(true, spec.agent().program(),
                result.exitCode(), result.timedOut(), result.startError(), structured, tail,
                Files.exists(log) ? log.toString() : null, result.durationMs());
        // the agent's own summary where it gives one (Claude Code's last result event), a few fields of it
        ObjectNode agentResult = structured.stream().filter(e -> AgentEvent.of(e).is("result"))
                .reduce((a, b) -> b).map(r -> {
                    ObjectNode summary = Json.object();
                    for (String field : List.of("subtype", "is_error", "api_error_status", "total_cost_usd", "num_turns", "duration_ms")) {
                        if (r.has(field)) {
                            summary.set(field, r.get(field));
                        }
                    }
                    return summary;
                }).orElse(null);
        var exited = new WorkerEventPayload.AgentExited(spec.agent().describe(), result.exitCode(), result.timedOut(),
                result.durationMs(), result.startError(), agent.log(), agentResult, FailureClassifier.tail(tail, TAIL_CHARS),
                output.totalBytes(), output.truncated());
        if (!token.isCancelled()) {
            steps.agentDone();
            steps.step(WorkerEventKind.AGENT_EXITED, exited);
            AgentUsage.of(spec.attempt(), structured, log, usageFile(spec))
                    .ifPresent(usage -> steps.step(WorkerEventKind.USAGE_RECORDED, usage));
        }
        return agent;
    }

    private AttemptOutcome.TestResult runTest(Spec spec, Path directory, String command, int index, Map<String, String> env,
                                              CancelToken token, Steps steps, Redactor masking, Budget budget)
            throws IOException {
        Path log = spec.attemptDir().resolve("test-" + (index + 1) + ".log");
        String sh = PathLookup.find("sh", env).map(Path::toString).orElse("/bin/sh");
        CommandRun.Result result;
        CappedOutput output = new CappedOutput(log, budget.nextCap(caps.perCheck()), masking);
        try (output) {
            result = CommandRun.run(List.of(sh, "-c", command), directory, env, null, output, spec.timeout(), grace, token);
        }
        budget.spent(output);
        String tail = result.startError() != null ? masking.redact(result.startError())
                : FailureClassifier.tail(LogTail.tail(log, TAIL_BYTES), TAIL_CHARS);
        AttemptOutcome.TestResult test = new AttemptOutcome.TestResult(command, result.exitCode(), result.timedOut(),
                result.durationMs(), tail, Files.exists(log) ? log.toString() : null, output.totalBytes(), output.truncated());
        if (!token.isCancelled()) {
            steps.step(WorkerEventKind.ACCEPTANCE_TEST_RESULT, testResult(test, index));
        }
        return test;
    }

    /** One acceptance test as its event and the attempt history carry it. */
    static WorkerEventPayload.AcceptanceTestResult testResult(AttemptOutcome.TestResult test, int index) {
        return new WorkerEventPayload.AcceptanceTestResult(index, test.command(), test.exitCode(), test.passed(),
                test.timedOut(), test.durationMs(), test.outputTail(), test.outputBytes(), test.outputTruncated(), test.log());
    }

    /**
     * The task's scope inside the (work)tree by its real path (checked inside just before): a
     * directory, a file's directory, or the root while it does not exist yet.
     */
    private static Path agentDirectory(Spec spec) throws IOException {
        Optional<ScopeResolution.Resolved> scope = ScopeResolution.resolve(spec.workdir(), spec.scopePath());
        if (scope.isEmpty() || !scope.get().inside()) {
            throw new IOException("the scope path '" + spec.scopePath() + "' left the workspace while the attempt started");
        }
        return scope.get().directory();
    }

    private Map<String, String> environment(Spec spec, Path promptFile) {
        Map<String, String> env = new HashMap<>(baseEnv);
        env.put("HARNESS_WORKER_ID", spec.workerId());
        env.put("HARNESS_TASK_ID", spec.taskId() == null ? spec.workerId() : spec.taskId());
        env.put("HARNESS_OBJECTIVE", spec.packet().objective());
        env.put("HARNESS_SCOPE_PATH", spec.scopePath());
        env.put("HARNESS_ATTEMPT", Integer.toString(spec.attempt()));
        env.put("HARNESS_PROMPT_FILE", promptFile.toString());
        env.put("HARNESS_WORKSPACE", spec.workdir().toString());
        // a template agent reports its usage by writing this file (AgentUsage reads it after it exits)
        env.put(AgentUsage.FILE_VARIABLE, usageFile(spec).toString());
        return env;
    }

    private static Path usageFile(Spec spec) {
        return spec.attemptDir().resolve("usage.json");
    }
}
