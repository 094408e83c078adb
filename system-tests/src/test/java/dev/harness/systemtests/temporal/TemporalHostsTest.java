package dev.harness.systemtests.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harness.protocol.Json;
import dev.harness.protocol.process.ProcessTree;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Across processes, as a team would run it: the Temporal test server on 127.0.0.1 (a free port),
 * two worker hosts (bin/worker-manager --temporal-worker), a bare git remote in a temporary
 * directory, and a real `orchestrator` run with the Temporal executor. One host is killed with
 * SIGKILL while it runs a task: the task completes on the other host, the run's log shows the
 * lost dispatch, and every task's work is integrated.
 */
class TemporalHostsTest {
    private static final Path HOME = Paths.get(System.getProperty("harness.home")).toAbsolutePath().normalize();
    private static final Duration LIMIT = Duration.ofSeconds(240); // stops a hung test; not a timing claim

    @TempDir
    Path tmp;
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopAll() {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    private Map<String, String> env(String name) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", Files.createDirectories(tmp.resolve(name + "-home")).toString());
        env.put("XDG_CONFIG_HOME", tmp.resolve(name + "-config").toString());
        env.put("XDG_STATE_HOME", tmp.resolve(name + "-state").toString());
        env.put("HARNESS_TRUST_POLICY", "");
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        return env;
    }

    private Process start(List<String> command, Map<String, String> env, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(tmp.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectError(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    private String git(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString(), "-c", "user.name=t", "-c", "user.email=t@l"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }

    /** The test server as its own JVM, bound to 127.0.0.1; returns HOST:PORT once it listens. */
    private String temporalServer() throws Exception {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process server = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                LoopbackTemporalServer.class.getName(), "0")
                .redirectError(tmp.resolve("temporal.log").toFile()).start();
        processes.add(server);
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertThat(line).as("the test server's first line (its log: %s)", tmp.resolve("temporal.log")).startsWith("listening ");
        return line.substring("listening ".length());
    }

    private Process host(String name, String target) throws Exception {
        Path state = tmp.resolve(name);
        Path policy = tmp.resolve(name + "-policy.yaml");
        Files.createDirectories(state.resolve("hosts"));
        Files.writeString(policy, "trusted_roots: ['" + state.resolve("hosts").toRealPath() + "']\n");
        // one attempt at a time: a busy host then holds no idle poll, which the test server (unlike a
        // real cluster) would keep handing tasks to after the host is killed
        return start(List.of(HOME.resolve("bin/worker-manager").toString(), "--temporal-worker", "--temporal-target", target,
                "--task-queue", "it", "--state-dir", state.toString(), "--trust-policy", policy.toString(),
                "--host-name", name, "--max-workers", "1"), env(name), tmp.resolve(name + ".log"));
    }

    private String log(String name) throws IOException {
        Path file = tmp.resolve(name + ".log");
        return Files.exists(file) ? Files.readString(file) : "";
    }

    /** The host the run's log names for t1's first dispatch, once it does. */
    private String hostOfT1() throws IOException {
        Path state = tmp.resolve("person-state");
        if (!Files.isDirectory(state)) {
            return null;
        }
        Path events;
        try (Stream<Path> found = Files.walk(state)) {
            events = found.filter(p -> p.getFileName().toString().equals("events.jsonl")).findFirst().orElse(null);
        }
        if (events == null) {
            return null;
        }
        for (String line : Files.readAllLines(events)) {
            if (line.contains("\"host_assigned\"") && line.contains("\"task_id\":\"t1\"") && line.endsWith("}")) {
                return Json.parse(line).at("/payload/host").asText();
            }
        }
        return null;
    }

    private static String packet(String id, String test, String commit, String... deps) {
        return "{\"id\":\"" + id + "\",\"title\":\"Task " + id + "\",\"objective\":\"Task " + id + " in the workspace\","
                + "\"scope\":\"workspace\",\"scope_path\":null,\"acceptance_tests\":[\"" + test + "\"],"
                + "\"depends_on\":" + Json.write(Json.toNode(List.of(deps))) + ",\"commit_policy\":\"" + commit
                + "\",\"escalation_policy\":\"ask\"}";
    }

    @Test
    void aPlanRunsAcrossTwoHostsAndSurvivesOneBeingKilledMidTask() throws Exception {
        String target = temporalServer();
        Process hostA = host("host-a", target);
        Process hostB = host("host-b", target);

        long ready = System.nanoTime() + LIMIT.toNanos();
        while (!(log("host-a").contains("polling") && log("host-b").contains("polling")) && System.nanoTime() < ready) {
            Thread.sleep(100);
        }
        assertThat(log("host-a") + log("host-b")).as("both hosts poll").contains("host-a polling", "host-b polling");
        Path workspace = tmp.resolve("workspace");
        Files.createDirectories(workspace);
        Files.writeString(workspace.resolve("README.md"), "a project\n");
        git(workspace, "init", "-q", "-b", "main");
        git(workspace, "add", "-A");
        git(workspace, "commit", "-q", "-m", "first");
        Path remote = Files.createDirectories(tmp.resolve("remote.git"));
        git(remote, "init", "-q", "--bare");
        git(workspace, "remote", "add", "origin", remote.toString());
        // the agent leaves TASK.txt; t1's agent takes long enough for its host to be killed under it
        Path agent = tmp.resolve("agent.sh");
        Files.writeString(agent, "#!/bin/sh\n[ \"$1\" = --version ] && { echo agent 1; exit 0; }\n"
                + "[ \"$HARNESS_TASK_ID\" = t1 ] && sleep 6\n"
                + "echo \"made by $HARNESS_TASK_ID\" > \"$HARNESS_WORKSPACE/$HARNESS_TASK_ID.txt\"\n"
                + "echo 'Tokens: 2.3k sent, 115 received. Cost: $0.0082 message, $0.0164 session.'\n");
        agent.toFile().setExecutable(true);
        Path plan = tmp.resolve("plan.json");
        Files.writeString(plan, "[" + packet("t1", "test -f t1.txt", "single verified commit") + ","
                + packet("t2", "test -f t2.txt", "single verified commit") + ","
                + packet("t3", "test -f t1.txt && test -f t2.txt", "none", "t1", "t2") + "]");

        Map<String, String> env = env("person");
        env.put("HARNESS_EXECUTOR", "temporal");
        env.put("HARNESS_TEMPORAL_TARGET", target);
        env.put("HARNESS_TASK_QUEUE", "it");
        env.put("HARNESS_TEMPORAL_HEARTBEAT", "5");
        Path out = tmp.resolve("orchestrator.out");
        ProcessBuilder orchestrator = new ProcessBuilder(HOME.resolve("bin/orchestrator").toString(), "-C",
                workspace.toString(), "--plan", plan.toString(), "--yes", "--trust", "-j", "2", "--agent", agent.toString(),
                "two hosts").directory(tmp.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(tmp.resolve("orchestrator.err").toFile());
        orchestrator.environment().putAll(env);
        Process run = orchestrator.start();
        processes.add(run);
        // kill the host that took t1 while its agent runs, once the run's log says which host that is
        long deadline = System.nanoTime() + LIMIT.toNanos();
        String killed = null;
        while (killed == null && System.nanoTime() < deadline && run.isAlive()) {
            String assigned = hostOfT1();
            if (assigned != null) {
                killed = assigned;
                (assigned.equals("host-a") ? hostA : hostB).destroyForcibly(); // SIGKILL: no goodbye, no cleanup
            } else {
                Thread.sleep(100);
            }
        }
        assertThat(killed).as("a host took t1 (host logs:%n%s%n%s)", log("host-a"), log("host-b")).isNotNull();
        String survivor = killed.equals("host-a") ? "host-b" : "host-a";
        assertThat(run.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)).as("the run ended (its output: %s%nhosts:%n%s%n%s)",
                Files.readString(out), log("host-a"), log("host-b")).isTrue();

        String output = Files.readString(out) + Files.readString(tmp.resolve("orchestrator.err"));
        assertThat(run.exitValue()).as(output).isZero();
        assertThat(output).contains("3 completed");
        Path events;
        try (Stream<Path> found = Files.walk(tmp.resolve("person-state"))) {
            events = found.filter(p -> p.getFileName().toString().equals("events.jsonl")).findFirst().orElseThrow();
        }
        List<JsonNode> t1 = new ArrayList<>();
        for (String line : Files.readAllLines(events)) {
            JsonNode event = Json.parse(line);
            if (event.path("task_id").asText().equals("t1") && event.path("kind").asText().startsWith("host_")) {
                t1.add(event);
            }
        }
        // the log shows the interrupted dispatch on the killed host, then the one that completed on the other
        assertThat(t1).extracting(e -> e.path("kind").asText() + " " + e.at("/payload/host").asText() + " "
                        + e.at("/payload/host_attempt").asInt())
                .containsSubsequence("host_assigned " + killed + " 1", "host_lost " + killed + " 1",
                        "host_assigned " + survivor + " 2");
        // the work of both committing tasks reached the person's repository and is integrated
        String runId = output.replaceAll("(?s).*Run (\\d{8}-\\d{6}-[0-9a-z]+).*", "$1");
        assertThat(git(workspace, "show", "harness/run-" + runId + ":t1.txt")).isEqualTo("made by t1");
        assertThat(git(workspace, "show", "harness/run-" + runId + ":t2.txt")).isEqualTo("made by t2");
        assertThat(workspace.resolve("t1.txt")).doesNotExist();
        assertThat(log(survivor)).contains("(task t1) on " + survivor + ", dispatch 2");

        // what a local attempt leaves, from a host: its usage counted, its test evidence, its logs in the
        // person's state directory (named there by the events), the host's extra fields kept
        assertThat(events("usage_recorded", "t2")).extracting(e -> e.at("/payload/cost_usd").asDouble()).containsExactly(0.0164);
        JsonNode t2Finished = events("finished", "t2").get(0);
        assertThat(t2Finished.at("/payload/test_evidence/evidence").asText()).isEqualTo("no_test_changed");
        JsonNode tested = events("acceptance_test_result", "t2").get(0);
        Path testLog = Path.of(tested.at("/payload/log").asText());
        assertThat(testLog).startsWith(tmp.resolve("person-state")).isRegularFile();
        JsonNode agentExited = events("agent_exited", "t2").get(0);
        assertThat(Path.of(agentExited.at("/payload/log").asText())).startsWith(tmp.resolve("person-state")).content()
                .contains("Cost: $0.0082");
        assertThat(events("worktree_created", "t2").get(0).at("/payload/host").asText()).isIn("host-a", "host-b");
    }

    /** A repository with a bare remote as its origin, as a team's would be. */
    private Path workspaceWithRemote() throws Exception {
        Path workspace = tmp.resolve("workspace");
        Files.createDirectories(workspace);
        Files.writeString(workspace.resolve("README.md"), "a project\n");
        git(workspace, "init", "-q", "-b", "main");
        git(workspace, "add", "-A");
        git(workspace, "commit", "-q", "-m", "first");
        Path remote = Files.createDirectories(tmp.resolve("remote.git"));
        git(remote, "init", "-q", "--bare");
        git(workspace, "remote", "add", "origin", remote.toString());
        return workspace;
    }

    private Map<String, String> personEnv(String target) throws IOException {
        Map<String, String> env = env("person");
        env.put("HARNESS_EXECUTOR", "temporal");
        env.put("HARNESS_TEMPORAL_TARGET", target);
        env.put("HARNESS_TASK_QUEUE", "it");
        env.put("HARNESS_TEMPORAL_HEARTBEAT", "5");
        return env;
    }

    private List<String> lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    /** Waits (bounded by LIMIT, a hang guard) until the file has the line, and says so if it never came. */
    private void awaitLine(Path file, String line, Process run) throws Exception {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!lines(file).contains(line) && System.nanoTime() < deadline && run.isAlive()) {
            Thread.sleep(100);
        }
        assertThat(lines(file)).as("%s%n%s", file, diagnostics()).contains(line);
    }

    /** What a failed assertion shows: the run's output, the services' logs and the host's. */
    private String diagnostics() throws IOException {
        StringBuilder text = new StringBuilder();
        List<Path> files = new ArrayList<>(List.of(tmp.resolve("orchestrator.out"), tmp.resolve("orchestrator.err"),
                tmp.resolve("resume.out"), tmp.resolve("resume.err"), tmp.resolve("host-a.log")));
        if (Files.isDirectory(tmp.resolve("person-state"))) {
            try (Stream<Path> found = Files.walk(tmp.resolve("person-state"))) {
                found.filter(p -> p.getFileName().toString().endsWith(".log") || p.getFileName().toString().equals("events.jsonl"))
                        .forEach(files::add);
            }
        }
        for (Path file : files) {
            if (Files.isRegularFile(file)) {
                String content = Files.readString(file);
                text.append("--- ").append(file).append('\n').append(content, Math.max(0, content.length() - 6000),
                        content.length()).append('\n');
            }
        }
        return text.toString();
    }

    /** The worker manager the orchestrator runs (with the Temporal executor, the java of the worker-temporal jar). */
    private static List<ProcessHandle> workerManagers(Process orchestrator) {
        return orchestrator.descendants().filter(p -> p.info().commandLine().orElse("").contains("worker-temporal.jar")).toList();
    }

    private List<JsonNode> events(String kind, String task) throws IOException {
        Path events;
        try (Stream<Path> found = Files.walk(tmp.resolve("person-state"))) {
            events = found.filter(p -> p.getFileName().toString().equals("events.jsonl")).findFirst().orElseThrow();
        }
        List<JsonNode> matching = new ArrayList<>();
        for (String line : Files.readAllLines(events)) {
            JsonNode event = Json.parse(line);
            if (event.path("kind").asText().equals(kind) && event.path("task_id").asText().equals(task)) {
                matching.add(event);
            }
        }
        return matching;
    }

    /**
     * The machine that waits is lost, not the host: while a host runs t1 the worker manager is
     * SIGKILLed (the orchestrator starts another, which attaches to the same attempt), and while it
     * runs t2 the orchestrator and its worker manager are SIGKILLed together and the run is resumed.
     * Neither task runs again: each agent ran once, on its first dispatch, and each attempt is logged once.
     */
    @Test
    void anAttemptOutlivesTheWorkerManagerAndTheOrchestratorWaitingForIt() throws Exception {
        String target = temporalServer();
        Process host = host("host-a", target);
        Path workspace = workspaceWithRemote();
        Path runs = tmp.resolve("agent-runs.txt");
        // the agent notes each run, then works only once the test releases it: the kills land mid-attempt, never racing it
        Path agent = tmp.resolve("agent.sh");
        Files.writeString(agent, "#!/bin/sh\n[ \"$1\" = --version ] && { echo agent 1; exit 0; }\n"
                + "echo \"$HARNESS_TASK_ID\" >> '" + runs + "'\n"
                + "while [ ! -f '" + tmp + "'/release-\"$HARNESS_TASK_ID\" ]; do sleep 0.1; done\n"
                + "echo \"made by $HARNESS_TASK_ID\" > \"$HARNESS_WORKSPACE/$HARNESS_TASK_ID.txt\"\n");
        agent.toFile().setExecutable(true);
        Path plan = tmp.resolve("plan.json");
        Files.writeString(plan, "[" + packet("t1", "test -f t1.txt", "single verified commit") + ","
                + packet("t2", "test -f t1.txt && test -f t2.txt", "single verified commit", "t1") + "]");
        Map<String, String> env = personEnv(target);
        Path out = tmp.resolve("orchestrator.out");
        ProcessBuilder orchestrator = new ProcessBuilder(HOME.resolve("bin/orchestrator").toString(), "-C",
                workspace.toString(), "--plan", plan.toString(), "--yes", "--trust", "--agent", agent.toString(),
                "outlive the waiter").directory(tmp.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(tmp.resolve("orchestrator.err").toFile());
        orchestrator.environment().putAll(env);
        Process run = orchestrator.start();
        processes.add(run);

        // 1. t1's agent runs on the host: the worker manager dies under it; the orchestrator starts another
        awaitLine(runs, "t1", run);
        List<ProcessHandle> managers = workerManagers(run);
        assertThat(managers).as("the run's worker manager among %s", run.descendants()
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList()).hasSize(1);
        managers.get(0).destroyForcibly(); // SIGKILL: no shutdown hook, the attempt's record says running
        assertThat(managers.get(0).onExit().get(LIMIT.toSeconds(), TimeUnit.SECONDS).isAlive()).isFalse();
        Files.writeString(tmp.resolve("release-t1"), "");

        // 2. t2's agent runs: the orchestrator and its worker manager die together; the run is resumed
        awaitLine(runs, "t2", run);
        List<ProcessHandle> family = new ArrayList<>(run.descendants().toList());
        run.destroyForcibly();
        family.forEach(ProcessHandle::destroyForcibly);
        assertThat(run.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        for (ProcessHandle p : family) { // orphans now: gone, not onExit(), which waits for a reaper
            assertThat(ProcessTree.awaitGone(p, LIMIT)).as("%s exited", p.pid()).isTrue();
        }
        String killedOutput = Files.readString(out);
        assertThat(killedOutput).as(killedOutput + Files.readString(tmp.resolve("orchestrator.err")))
                .containsPattern("Run \\d{8}-\\d{6}-[0-9a-z]+");
        String runId = killedOutput.replaceAll("(?s).*Run (\\d{8}-\\d{6}-[0-9a-z]+).*", "$1");
        assertThat(events("task_completed", "t2")).isEmpty();
        Files.writeString(tmp.resolve("release-t2"), "");
        ProcessBuilder resume = new ProcessBuilder(HOME.resolve("bin/orchestrator").toString(), "-C", workspace.toString(),
                "resume", runId, "--yes", "--trust").directory(tmp.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(tmp.resolve("resume.out").toFile()).redirectError(tmp.resolve("resume.err").toFile());
        resume.environment().putAll(env);
        Process resumed = resume.start();
        processes.add(resumed);
        assertThat(resumed.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)).as("the resumed run ended (host:%n%s)", log("host-a"))
                .isTrue();
        String output = Files.readString(tmp.resolve("resume.out")) + Files.readString(tmp.resolve("resume.err"));
        assertThat(resumed.exitValue()).as(output).isZero();

        // neither task ran again: one agent run each, one attempt each in the log and on the host
        assertThat(lines(runs)).containsExactly("t1", "t2");
        assertThat(events("attempt_started", "t1")).hasSize(1);
        assertThat(events("attempt_started", "t2")).hasSize(1);
        assertThat(events("task_completed", "t1")).hasSize(1);
        assertThat(events("task_completed", "t2")).hasSize(1);
        // the re-attached managers relay only what their predecessors had not: every host event is logged once
        // (a relayed event carries its host_event_key, read back by the successor from the worker's own events,
        // so even a manager killed between logging an event and noting its key has it relayed once)
        for (String t : List.of("t1", "t2")) {
            assertThat(events("host_assigned", t)).extracting(e -> e.at("/payload/host_attempt").asInt()).containsExactly(1);
            assertThat(events("worktree_created", t)).hasSize(1);
            assertThat(events("agent_exited", t)).hasSize(1);
            assertThat(events("acceptance_test_result", t)).hasSize(1);
            assertThat(events("host_assigned", t).get(0).at("/payload/host_event_key").asText()).isNotBlank();
        }
        assertThat(events("host_lost", "t1")).isEmpty();
        assertThat(events("host_lost", "t2")).isEmpty();
        String hostLog = log("host-a");
        assertThat(hostLog.split("\\(task t1\\) on host-a", -1)).hasSize(2);
        assertThat(hostLog.split("\\(task t2\\) on host-a", -1)).hasSize(2);
        assertThat(host.isAlive()).isTrue();
        // the re-attached attempts' work is integrated as a local run's would be
        assertThat(git(workspace, "show", "harness/run-" + runId + ":t1.txt")).isEqualTo("made by t1");
        assertThat(git(workspace, "show", "harness/run-" + runId + ":t2.txt")).isEqualTo("made by t2");
    }
}
