package dev.harness.worker.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.api.worker.FailureClass;
import dev.harness.protocol.Json;
import dev.harness.worker.attempt.HostRunner;
import dev.harness.worker.trust.TrustPolicy;
import dev.harness.worker.remote.ExecutorSettings;
import dev.harness.worker.remote.RemoteExecutor;
import dev.harness.worker.remote.RemoteResult;
import dev.harness.worker.remote.RemoteTask;
import io.temporal.activity.Activity;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Temporal executor in one process, on the SDK's test server with time skipping: real worker
 * hosts (HostRunner on a real bare git remote) behind the workflow and activity, the executor
 * dispatching and relaying. Covers completion with the branch pushed back, a host that stops
 * heartbeating (its attempt goes to another dispatch, the log says so), retries of a failure before
 * any outcome, and the failure classes the recipes make non-retryable.
 */
class TemporalExecutorTest {
    private static final String QUEUE = "harness-test";

    @TempDir
    Path dir;
    private TestWorkflowEnvironment env;
    private GitRemoteFixture git;
    private final List<String> events = new ArrayList<>();
    /** The threads the executor relayed on: its tracker is confined to the one that called run. */
    private final java.util.Set<Thread> relayedOn = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final RemoteExecutor.Progress progress = (kind, payload) -> {
        relayedOn.add(Thread.currentThread());
        synchronized (events) {
            events.add(kind + (payload.has("host_attempt") ? "#" + payload.get("host_attempt").asInt() + "@"
                    + payload.path("host").asText() : ""));
        }
    };

    @BeforeEach
    void start() throws Exception {
        git = new GitRemoteFixture(dir);
        env = TestWorkflowEnvironment.newInstance();
    }

    @AfterEach
    void stop() {
        env.close();
    }

    private HostRunner host(String name, boolean trusting) throws Exception {
        Path state = dir.resolve(name);
        Files.createDirectories(state);
        Path policyFile = dir.resolve(name + "-policy.yaml");
        Files.writeString(policyFile, trusting ? "trusted_roots: ['" + state.resolve("hosts") + "']\n" : "default: deny\n");
        return new HostRunner(new HostRunner.Host(name, state, TrustPolicy.load(policyFile, dir.resolve("home")),
                Duration.ofSeconds(60)), git.env, Duration.ofMillis(500));
    }

    private TemporalExecutor executor() {
        ExecutorSettings settings = new ExecutorSettings(ExecutorSettings.Kind.TEMPORAL, "in-process", "default", QUEUE,
                git.remote.toString(), Duration.ofSeconds(10), ExecutorSettings.Tls.NONE);
        return new TemporalExecutor(env.getWorkflowClient(), settings, null);
    }

    /** A task whose agent writes a file and whose acceptance test checks it; committed when verified. */
    private RemoteTask task(String workerId, RemoteTask.RetryTerms retry) {
        ObjectNode packet = Json.object();
        packet.put("id", "t1");
        packet.put("title", "write the greeting");
        packet.put("objective", "write hello into greeting.txt");
        packet.put("scope", "workspace");
        packet.put("commit_policy", "commit");
        ArrayNode tests = packet.putArray("acceptance_tests");
        tests.add("grep -q hello greeting.txt");
        String start = git.pushStart(workerId);
        return new RemoteTask(workerId, "t1", "run-1", 1, git.remote.toString(), start, git.head(), List.of(),
                "harness/run-1/t1", "", "", true, packet, "[\"sh\", \"-c\", \"echo hello > greeting.txt\"]", null, null,
                60, null, retry, 10, null, null);
    }

    private static RemoteTask.RetryTerms retries(int max) {
        return new RemoteTask.RetryTerms(max, 1000, 2.0, List.of("permission", "invalid_input", "unrecoverable"));
    }

    @Test
    void aVerifiedAttemptOnAHostPushesItsBranchAndRelaysItsEvents() throws Exception {
        Worker worker = env.newWorker(QUEUE);
        worker.registerWorkflowImplementationTypes(TaskWorkflowImpl.class);
        worker.registerActivitiesImplementations(new TaskActivityImpl(host("host-a", true)));
        env.start();

        RemoteResult result = executor().run(task("w1", retries(3)), progress);

        assertThat(result.outcome().succeeded()).isTrue();
        assertThat(result.host()).isEqualTo("host-a");
        assertThat(result.changes().count()).isEqualTo(1);
        assertThat(result.commit()).isNotNull();
        assertThat(git.git.run(git.remote, "rev-parse", "refs/heads/harness/run-1/t1").text()).isEqualTo(result.commit());
        assertThat(git.git.run(git.remote, "show", result.commit() + ":greeting.txt").text()).isEqualTo("hello");
        assertThat(events).startsWith("host_assigned#1@host-a")
                .contains("worktree_created", "agent_exited", "acceptance_test_result")
                .doesNotContain("host_lost");
        assertThat(events.stream().filter(e -> e.equals("acceptance_test_result")).count()).isEqualTo(1);
        // its polls and the result's hand-over take turns on the caller's thread: host_assigned cannot be told twice
        assertThat(relayedOn).containsExactly(Thread.currentThread());
    }

    /**
     * What a local attempt yields, from a host: the bootstrap's assembled system prompt (shipped as
     * text) in the agent's prompt, the base-vs-result test evidence, the agent's reported usage
     * relayed with its fields, and the attempt's logs back with the result, named relative to the
     * attempt's directory (the manager keeps them in its own).
     */
    @Test
    void aHostPromptsWithTheAssembledSystemPromptAndReturnsEvidenceUsageAndLogs() throws Exception {
        Worker worker = env.newWorker(QUEUE);
        worker.registerWorkflowImplementationTypes(TaskWorkflowImpl.class);
        worker.registerActivitiesImplementations(new TaskActivityImpl(host("host-a", true)));
        env.start();
        RemoteTask plain = task("w5", retries(3));
        ObjectNode packet = plain.packet().deepCopy();
        packet.putArray("acceptance_tests").add("sh tests/greeting_test.sh");
        String agent = Json.write(Json.toNode(List.of("sh", "-c", "mkdir -p tests && echo 'grep -q hello greeting.txt'"
                + " > tests/greeting_test.sh && echo hello > greeting.txt && cat \"$HARNESS_PROMPT_FILE\" && echo 'Tokens: 2.3k"
                + " sent, 115 received. Cost: $0.0082 message, $0.0164 session.'")));
        RemoteTask task = new RemoteTask(plain.workerId(), plain.taskId(), plain.runId(), plain.attempt(), plain.gitRemote(),
                plain.startRef(), plain.startCommit(), plain.baseRefs(), plain.branch(), plain.workspacePath(),
                plain.scopePath(), plain.scopeExisted(), packet, agent, null, null, 60, null, plain.retry(),
                plain.heartbeatSeconds(), "Always answer in haiku (the project's assembled instructions).", 1.5);
        List<ObjectNode> relayed = new ArrayList<>();

        RemoteResult result = executor().run(task, (kind, payload) -> {
            synchronized (relayed) {
                relayed.add(payload.put("kind", kind));
            }
        });

        assertThat(result.outcome().succeeded()).as(Json.write(Json.toNode(result.outcome()))).isTrue();
        assertThat(result.testEvidence()).isNotNull();
        assertThat(result.testEvidence().evidence()).isEqualTo(dev.harness.api.worker.TestEvidence.Kind.NEW_TEST_FAILS_ON_BASE);
        assertThat(result.testEvidence().tests()).containsExactly("tests/greeting_test.sh");
        // the agent's log came back whole, by its name in the attempt directory, and it shows the prompt the agent got
        String agentLog = result.outcome().agent().log();
        assertThat(Path.of(agentLog).isAbsolute()).as(agentLog).isFalse();
        assertThat(result.logs()).extracting(RemoteResult.LogTail::name).contains(agentLog, "prompt.md");
        RemoteResult.LogTail log = result.logs().stream().filter(l -> l.name().equals(agentLog)).findFirst().orElseThrow();
        assertThat(log.text()).contains("# Project instructions", "Always answer in haiku");
        assertThat(log.truncated()).isFalse();
        // usage_recorded keeps its fields on the way; the test result names its log as the manager will keep it
        ObjectNode usage = relayed.stream().filter(e -> e.path("kind").asText().equals("usage_recorded")).findFirst().orElseThrow();
        assertThat(usage.path("cost_usd").asDouble()).isEqualTo(0.0164);
        ObjectNode test = relayed.stream().filter(e -> e.path("kind").asText().equals("acceptance_test_result")).findFirst()
                .orElseThrow();
        assertThat(test.path("log").asText()).doesNotStartWith("/");
        assertThat(result.logs()).extracting(RemoteResult.LogTail::name).contains(test.path("log").asText());
    }

    @Test
    void anAttemptWhoseHostFallsSilentGoesToAnotherDispatchAndTheLogShowsBoth() throws Exception {
        HostRunner real = host("host-b", true);
        AtomicInteger dispatches = new AtomicInteger();
        TaskActivityImpl working = new TaskActivityImpl(real);
        Worker worker = env.newWorker(QUEUE);
        worker.registerWorkflowImplementationTypes(TaskWorkflowImpl.class);
        // the first dispatch lands on a host that hangs without a heartbeat (a frozen or unplugged machine)
        worker.registerActivitiesImplementations((TaskActivity) task -> {
            if (dispatches.incrementAndGet() == 1) {
                Activity.getExecutionContext().heartbeat(new HostProgress("host-frozen", 1, List.of()));
                // the test clock moves a second at a time past the 10-s heartbeat timeout and the 1-s retry backoff, then
                // stands still: moving it on while the re-dispatch is scheduled but not yet running (a loaded machine)
                // timed that one out too and sent the attempt to a third dispatch
                for (int advanced = 0, polls = 0; dispatches.get() < 2 && polls < 30_000; ) {
                    if (advanced < 14) {
                        env.sleep(Duration.ofSeconds(1));
                        advanced++;
                    } else {
                        java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L); // bound: 5 min, then the assertions fail
                        polls++;
                    }
                }
                throw new IllegalStateException("a lost host's late words are never heard");
            }
            return working.attempt(task);
        });
        env.start();

        RemoteResult result = executor().run(task("w2", retries(3)), progress);

        assertThat(dispatches.get()).isEqualTo(2);
        assertThat(result.hostAttempt()).isEqualTo(2);
        assertThat(result.outcome().succeeded()).isTrue();
        // the lost dispatch is told (with the host it was on) before the host it went to, each once
        assertThat(events).containsSubsequence("host_lost#1@host-frozen", "host_assigned#2@host-b", "acceptance_test_result");
        assertThat(events.stream().filter(e -> e.startsWith("host_lost")).count()).isEqualTo(1);
    }

    @Test
    void aFailureBeforeAnyOutcomeIsRetriedAsTheTransientRecipeSaysThenReported() throws Exception {
        AtomicInteger dispatches = new AtomicInteger();
        TaskActivityImpl working = new TaskActivityImpl(host("host-c", true));
        Worker worker = env.newWorker(QUEUE);
        worker.registerWorkflowImplementationTypes(TaskWorkflowImpl.class);
        worker.registerActivitiesImplementations((TaskActivity) task -> {
            dispatches.incrementAndGet();
            return working.attempt(task);
        });
        env.start();
        RemoteTask task = task("w3", retries(3));
        RemoteTask unreachable = new RemoteTask(task.workerId(), task.taskId(), task.runId(), task.attempt(),
                dir.resolve("no-such-remote.git").toString(), task.startRef(), task.startCommit(), task.baseRefs(),
                task.branch(), task.workspacePath(), task.scopePath(), task.scopeExisted(), task.packet(), task.agent(),
                null, null, 60, null, task.retry(), task.heartbeatSeconds(), null, null);

        RemoteExecutor.RemoteFailure failure = assertThrows(RemoteExecutor.RemoteFailure.class,
                () -> executor().run(unreachable, progress));

        assertThat(dispatches.get()).isEqualTo(3);
        assertThat(failure.failureClass()).isEqualTo(FailureClass.TRANSIENT);
        assertThat(failure.getMessage()).contains("cannot fetch the task's refs");
    }

    @Test
    void aFailureClassWhoseRecipeDoesNotRetryIsNotRetried() throws Exception {
        AtomicInteger dispatches = new AtomicInteger();
        TaskActivityImpl distrustful = new TaskActivityImpl(host("host-d", false));
        Worker worker = env.newWorker(QUEUE);
        worker.registerWorkflowImplementationTypes(TaskWorkflowImpl.class);
        worker.registerActivitiesImplementations((TaskActivity) task -> {
            dispatches.incrementAndGet();
            return distrustful.attempt(task);
        });
        env.start();

        RemoteExecutor.RemoteFailure failure = assertThrows(RemoteExecutor.RemoteFailure.class,
                () -> executor().run(task("w4", retries(3)), progress));

        assertThat(dispatches.get()).isEqualTo(1);
        assertThat(failure.failureClass()).isEqualTo(FailureClass.PERMISSION);
        assertThat(failure.getMessage()).contains("host-d").contains("trust policy");
    }

    @Test
    void anAttemptDispatchedTwiceRunsOnceAndTheSecondDispatchGetsTheFirstResult() throws Exception {
        AtomicInteger dispatches = new AtomicInteger();
        TaskActivityImpl working = new TaskActivityImpl(host("host-e", true));
        Worker worker = env.newWorker(QUEUE);
        worker.registerWorkflowImplementationTypes(TaskWorkflowImpl.class);
        worker.registerActivitiesImplementations((TaskActivity) task -> {
            dispatches.incrementAndGet();
            return working.attempt(task);
        });
        env.start();
        RemoteTask task = task("w5", retries(3));

        RemoteResult first = executor().run(task, progress);
        RemoteResult again = executor().run(task, progress); // e.g. a resumed worker manager dispatching it again

        assertThat(dispatches.get()).isEqualTo(1);
        assertThat(again.commit()).isEqualTo(first.commit());
    }
}
