package dev.harness.worker;

import static dev.harness.worker.Fixtures.id;
import static dev.harness.worker.Fixtures.packet;
import static dev.harness.worker.Fixtures.spawn;
import static dev.harness.worker.Fixtures.template;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** Agent processes for real: presets found on PATH, timeouts, cancellation, SIGTERM, git worktrees and commits. */
class AgentProcessWireTest {
    @TempDir
    Path tmp;

    private WireSession session(Map<String, String> env, String... extra) throws Exception {
        Path policy = Fixtures.write(tmp.resolve("policy.yaml"), "trusted_roots: [\"" + tmp + "\"]\n");
        Path recipes = Fixtures.write(tmp.resolve("recipes.yaml"),
                "recipes:\n  transient: {action: retry, max_retries: 1, backoff_ms: [5]}\n");
        String[] base = {"--state-dir", tmp.resolve("state").toString(), "--trust-policy", policy.toString(),
                "--recipes", recipes.toString(), "--kill-grace-ms", "300"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return new WireSession(env, args);
    }

    private static String start(WireSession wire, ObjectNode packet, Path ws, String agent) {
        String worker = wire.ok("spawn_worker", spawn(packet, ws, agent)).get("worker_id").asText();
        assertThat(wire.ok("check_trust", id(worker)).get("requires_approval").asBoolean()).isFalse();
        wire.ok("run_worker", id(worker));
        return worker;
    }

    private static void awaitFile(Path file) throws InterruptedException {
        for (int i = 0; i < 1000 && !(Files.exists(file) && file.toFile().length() > 0); i++) {
            Thread.sleep(10);
        }
        assertThat(file).exists();
    }

    private static long pid(Path file) throws Exception {
        return Long.parseLong(Files.readString(file).strip());
    }

    /** Whether the process still exists once it had a moment to finish dying (a bound that stops a hung test). */
    private static boolean alive(long pid) throws InterruptedException {
        for (int i = 0; i < 1000; i++) {
            if (ProcessHandle.of(pid).map(dev.harness.protocol.process.ProcessTree::isGone).orElse(true)) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    /** The built-in presets get the prompt on stdin (claude, codex) or in a file only its owner reads (aider), never in argv. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"claude", "codex", "aider"})
    void aPresetGetsThePromptOffTheCommandLine(String preset) throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Files.move(Fixtures.agent(bin, "prompt-where.sh"), bin.resolve(preset));
        Path out = Files.createDirectories(tmp.resolve("out"));
        Map<String, String> env = Fixtures.env(tmp.resolve("home"));
        env.put("PATH", bin + ":" + System.getenv("PATH"));
        env.put("FAKE_AGENT_OUT", out.toString());
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        String marker = "Make the greeting say hello-" + preset + "-4711";
        try (WireSession wire = session(env)) {
            String worker = start(wire, packet(marker, "true"), ws, preset);
            JsonNode done = wire.ok("wait_worker", id(worker));
            assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("finished");
        }
        assertThat(Files.readString(out.resolve("prompt.txt"))).contains(marker);
        assertThat(Files.readString(out.resolve("args.txt"))).doesNotContain("hello-" + preset);
        if (preset.equals("aider")) {
            assertThat(Files.readString(out.resolve("mode.txt")).strip()).isEqualTo("600");
        }
    }

    @Test
    void theClaudePresetRunsClaudeFromPathAndReadsItsStreamJson() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path claude = Fixtures.agent(bin, "claude-stream.sh");
        Files.move(claude, bin.resolve("claude"));
        Map<String, String> env = Fixtures.env(tmp.resolve("home"));
        env.put("PATH", bin + ":" + System.getenv("PATH"));
        env.put("FAKE_CLAUDE_MODE", "429");
        env.put("FAKE_CLAUDE_COUNTER", tmp.resolve("claude-count").toString());
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        try (WireSession wire = session(env)) {
            String worker = start(wire, packet("Say hello", "test -f claude.txt"), ws, "claude");
            JsonNode done = wire.ok("wait_worker", id(worker));
            assertThat(done.get("state").asText()).isEqualTo("finished");
            assertThat(done.get("attempts").asInt()).isEqualTo(2);
            JsonNode classified = wire.events(worker).stream().filter(e -> e.path("kind").asText().equals("failure_classified"))
                    .findFirst().orElseThrow().get("payload");
            assertThat(classified.get("failure_class").asText()).isEqualTo("transient");
            assertThat(classified.at("/evidence/source").asText()).isEqualTo("claude_result");
            assertThat(classified.at("/evidence/api_error_status").asInt()).isEqualTo(429);
            // the preset passes -p --output-format stream-json --verbose, and the prompt on stdin
            assertThat(Files.readString(ws.resolve("claude.txt")))
                    .startsWith("written by the fake claude: -p --output-format stream-json --verbose\nstdin:\n")
                    .contains("Say hello");
            JsonNode exited = wire.events(worker).stream().filter(e -> e.path("kind").asText().equals("agent_exited"))
                    .reduce((a, b) -> b).orElseThrow();
            assertThat(exited.at("/payload/agent_result/subtype").asText()).isEqualTo("success");
            wire.assertEventsSchemaValid();
        }
    }

    @Test
    void claudePermissionDenialsArePermissionFailures() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Files.move(Fixtures.agent(bin, "claude-stream.sh"), bin.resolve("claude"));
        Map<String, String> env = Fixtures.env(tmp.resolve("home"));
        env.put("PATH", bin + ":" + System.getenv("PATH"));
        env.put("FAKE_CLAUDE_MODE", "denied");
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        try (WireSession wire = session(env)) {
            String worker = start(wire, packet("Write a file", "test -f claude.txt"), ws, "claude");
            JsonNode failed = wire.ok("wait_worker", id(worker));
            assertThat(failed.get("failure_class").asText()).isEqualTo("permission");
            assertThat(failed.at("/evidence/detail").asText()).contains("Write");
            assertThat(failed.get("escalation_required").asBoolean()).isTrue();
            assertThat(wire.kinds(worker)).contains("permission_required");
        }
    }

    @Test
    void aMissingPresetCommandIsUnrecoverableAndNamed() throws Exception {
        Map<String, String> env = Fixtures.env(tmp.resolve("home"));
        env.put("PATH", Files.createDirectories(tmp.resolve("empty-bin")) + ":/usr/bin:/bin");
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        try (WireSession wire = session(env)) {
            String worker = start(wire, packet("x", "true"), ws, "codex");
            JsonNode failed = wire.ok("wait_worker", id(worker));
            assertThat(failed.get("failure_class").asText()).isEqualTo("unrecoverable");
            assertThat(failed.at("/evidence/detail").asText()).contains("'codex'", "not found");
        }
    }

    @Test
    void aTimeoutKillsTheWholeProcessTree() throws Exception {
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        Path pidFile = tmp.resolve("child.pid");
        ObjectNode packet = packet("Hang", "true");
        packet.put("timeout_seconds", 1);
        try (WireSession wire = session(Fixtures.env(tmp.resolve("home")))) {
            String worker = start(wire, packet, ws, template(Fixtures.agent(tmp.resolve("agents"), "hang.sh"), pidFile.toString()));
            JsonNode failed = wire.ok("wait_worker", id(worker));
            assertThat(failed.get("state").asText()).isEqualTo("failed");
            assertThat(failed.get("failure_class").asText()).isEqualTo("transient");
            assertThat(failed.at("/evidence/source").asText()).isEqualTo("timeout");
            assertThat(failed.get("attempts").asInt()).isEqualTo(2); // one retry, then escalation
            assertThat(failed.at("/attempt_history/0/agent/timed_out").asBoolean()).isTrue();
            assertThat(alive(pid(pidFile))).as("the agent's child process").isFalse();
        }
    }

    @Test
    void cancelStopsARunningWorkerAndItsChildren() throws Exception {
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        Path pidFile = tmp.resolve("child.pid");
        try (WireSession wire = session(Fixtures.env(tmp.resolve("home")))) {
            String worker = start(wire, packet("Hang", "true"), ws,
                    template(Fixtures.agent(tmp.resolve("agents"), "hang.sh"), pidFile.toString()));
            awaitFile(pidFile);
            JsonNode cancelled = wire.ok("cancel_worker", Fixtures.with(id(worker), "reason", "changed my mind"));
            assertThat(cancelled.get("state").asText()).isEqualTo("cancelled");
            assertThat(alive(pid(pidFile))).isFalse();
            JsonNode again = wire.error("cancel_worker", id(worker));
            assertThat(again.get("code").asInt()).isEqualTo(-32021);
            assertThat(again.at("/data/allowed")).isEmpty();
            assertThat(wire.kinds(worker)).endsWith("cancelled").doesNotContain("failure_classified");
            wire.assertEventsSchemaValid();
        }
    }

    @Test
    void sigtermTerminatesWorkersAndRecordsThemCancelled() throws Exception {
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        Path pidFile = tmp.resolve("child.pid");
        String worker;
        try (WireSession wire = session(Fixtures.env(tmp.resolve("home")))) {
            worker = start(wire, packet("Hang", "true"), ws, template(Fixtures.agent(tmp.resolve("agents"), "hang.sh"), pidFile.toString()));
            awaitFile(pidFile);
            wire.terminate();
            assertThat(alive(pid(pidFile))).isFalse();
            assertThat(wire.kinds(worker)).endsWith("cancelled");
        }
        try (WireSession again = session(Fixtures.env(tmp.resolve("home")))) {
            JsonNode snapshot = again.ok("get_worker", id(worker));
            assertThat(snapshot.get("state").asText()).isEqualTo("cancelled");
            assertThat(snapshot.at("/events").toString()).contains("SIGTERM");
        }
    }

    @Test
    void eofLetsRunningWorkersFinish() throws Exception {
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        String worker;
        WireSession wire = session(Fixtures.env(tmp.resolve("home")));
        worker = start(wire, packet("Slow", "test -f slow.txt"), ws, "[\"sh\", \"-c\", \"sleep 0.5; touch \\\"$HARNESS_WORKSPACE/slow.txt\\\"\"]");
        assertThat(wire.closeAndWait()).isZero();
        assertThat(wire.kinds(worker)).endsWith("finished");
        assertThat(ws.resolve("slow.txt")).exists();
    }

    @Test
    void aVerifiedCommitLandsOnTheWorkersOwnBranch() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Fixtures.git(repo, "init", "-q", "-b", "main");
        Files.writeString(repo.resolve("README.md"), "hello\n");
        Fixtures.git(repo, "add", "README.md");
        Fixtures.git(repo, "commit", "-q", "-m", "initial");
        Path app = Files.createDirectories(repo.resolve("app"));
        Files.writeString(app.resolve("keep.txt"), "x\n");
        Fixtures.git(repo, "add", "-A");
        Fixtures.git(repo, "commit", "-q", "-m", "app");
        String head = Fixtures.gitOut(repo, "rev-parse", "HEAD");

        ObjectNode packet = packet("Add the feature flag", "grep -q on feature.txt");
        packet.put("id", "t1");
        packet.put("commit_policy", "single verified commit");
        ObjectNode params = spawn(packet, app, template(Fixtures.agent(tmp.resolve("agents"), "write-file.sh"), "feature.txt", "on"));
        try (WireSession wire = session(Fixtures.env(tmp.resolve("home")))) {
            String worker = wire.ok("spawn_worker", params).get("worker_id").asText();
            wire.ok("check_trust", id(worker));
            wire.ok("run_worker", id(worker));
            JsonNode done = wire.ok("wait_worker", id(worker));
            assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("finished");
            assertThat(done.get("branch").asText()).isEqualTo("harness/t1");
            String commit = done.get("commit").asText();
            JsonNode created = wire.events(worker).stream().filter(e -> e.path("kind").asText().equals("commit_created"))
                    .findFirst().orElseThrow();
            assertThat(created.at("/payload/commit").asText()).isEqualTo(commit);
            assertThat(Fixtures.gitOut(repo, "rev-parse", "harness/t1")).isEqualTo(commit);
            assertThat(Fixtures.gitOut(repo, "rev-parse", "harness/t1~1")).isEqualTo(head);
            assertThat(Fixtures.gitOut(repo, "show", "harness/t1:app/feature.txt")).isEqualTo("on");
            assertThat(Fixtures.gitOut(repo, "log", "-1", "--format=%B", "harness/t1")).contains("Add the feature flag",
                    "Verified-by: grep -q on feature.txt");
            // the user's own checkout is untouched
            assertThat(app.resolve("feature.txt")).doesNotExist();
            assertThat(Fixtures.gitOut(repo, "status", "--porcelain")).isEmpty();
            assertThat(Fixtures.gitOut(repo, "rev-parse", "--abbrev-ref", "HEAD")).isEqualTo("main");
            wire.assertEventsSchemaValid();

            // a second worker for the same task gets its own branch
            String second = wire.ok("spawn_worker", params).get("worker_id").asText();
            wire.ok("check_trust", id(second));
            wire.ok("run_worker", id(second));
            JsonNode secondDone = wire.ok("wait_worker", id(second));
            assertThat(secondDone.get("branch").asText()).isEqualTo("harness/t1-2"); // readable, numbered, never a worker id
        }
    }

    /** An agent that rewrites a file with the content it had changed nothing git can commit: no_change, not "changed and verified". */
    @Test
    void anAgentThatRewritesAFileWithItsOwnContentChangedNothing() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Fixtures.git(repo, "init", "-q", "-b", "main");
        Files.writeString(repo.resolve("keep.txt"), "x\n");
        Fixtures.git(repo, "add", "keep.txt");
        Fixtures.git(repo, "commit", "-q", "-m", "initial");

        ObjectNode packet = packet("Add the feature flag", "grep -q x keep.txt");
        packet.put("id", "t1");
        packet.put("commit_policy", "single verified commit");
        // same bytes, another modification time: the scope looks written, git sees nothing
        String agent = "[\"sh\", \"-c\", \"printf 'x\\\\n' > \\\"$HARNESS_WORKSPACE/keep.txt\\\" && touch -d 2001-01-01 \\\"$HARNESS_WORKSPACE/keep.txt\\\"\"]";
        try (WireSession wire = session(Fixtures.env(tmp.resolve("home")))) {
            String worker = wire.ok("spawn_worker", spawn(packet, repo, agent)).get("worker_id").asText();
            wire.ok("check_trust", id(worker));
            wire.ok("run_worker", id(worker));
            JsonNode failed = wire.ok("wait_worker", id(worker));
            assertThat(failed.get("state").asText()).as(failed.toString()).isEqualTo("failed");
            assertThat(failed.get("failure_class").asText()).isEqualTo("logic_error");
            assertThat(failed.at("/evidence/source").asText()).isEqualTo("no_change");
            assertThat(failed.at("/evidence/detail").asText()).contains("keep.txt", "nothing to commit");
            assertThat(failed.has("verification")).isFalse();
            assertThat(wire.kinds(worker)).doesNotContain("finished", "commit_created");
            wire.assertEventsSchemaValid();
        }
    }

    @Test
    void aTaskBuildsOnTheBranchesOfTheTasksItDependsOn() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Fixtures.git(repo, "init", "-q", "-b", "main");
        Files.writeString(repo.resolve("README.md"), "hello\n");
        Fixtures.git(repo, "add", "README.md");
        Fixtures.git(repo, "commit", "-q", "-m", "initial");
        Fixtures.git(repo, "checkout", "-q", "-b", "harness/t1");
        Files.writeString(repo.resolve("provider.txt"), "theme provider\n");
        Fixtures.git(repo, "add", "provider.txt");
        Fixtures.git(repo, "commit", "-q", "-m", "t1's work");
        Fixtures.git(repo, "checkout", "-q", "main");

        ObjectNode packet = packet("Add the toggle", "test -f provider.txt && grep -q on toggle.txt");
        packet.put("id", "t2");
        packet.put("commit_policy", "single verified commit");
        ObjectNode params = spawn(packet, repo, template(Fixtures.agent(tmp.resolve("agents"), "write-file.sh"), "toggle.txt", "on"));
        params.putArray("base_refs").add("harness/t1");
        try (WireSession wire = session(Fixtures.env(tmp.resolve("home")))) {
            String worker = wire.ok("spawn_worker", params).get("worker_id").asText();
            wire.ok("check_trust", id(worker));
            wire.ok("run_worker", id(worker));
            JsonNode done = wire.ok("wait_worker", id(worker));
            assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("finished");
            assertThat(Fixtures.gitOut(repo, "show", "harness/t2:provider.txt")).isEqualTo("theme provider");
            assertThat(Fixtures.gitOut(repo, "show", "harness/t2:toggle.txt")).isEqualTo("on");
            assertThat(repo.resolve("provider.txt")).doesNotExist(); // the user's checkout is untouched

            ObjectNode hostile = spawn(packet, repo, null);
            hostile.putArray("base_refs").add("--upload-pack=touch /tmp/x");
            assertThat(wire.error("spawn_worker", hostile).get("code").asInt()).isEqualTo(-32602);
        }
    }

    @Test
    void theBuiltInWorkerVerifiesTheWorkingTreeAsItIsAndMakesNoBranch() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Fixtures.git(repo, "init", "-q", "-b", "main");
        Fixtures.git(repo, "commit", "-q", "--allow-empty", "-m", "initial");
        Files.writeString(repo.resolve("uncommitted.txt"), "work in progress\n");
        ObjectNode packet = packet("Check the work in progress", "test -f uncommitted.txt");
        packet.put("id", "t1");
        packet.put("commit_policy", "single verified commit");
        try (WireSession wire = session(Fixtures.env(tmp.resolve("home")))) {
            String worker = start(wire, packet, repo, "none");
            JsonNode done = wire.ok("wait_worker", id(worker));
            assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("finished");
            assertThat(done.has("branch")).isFalse();
            assertThat(wire.kinds(worker)).contains("commit_skipped").doesNotContain("worktree_created");
            assertThat(Fixtures.gitOut(repo, "branch", "--list", "harness/*")).isEmpty();
        }
    }

    @Test
    void withoutACommitPolicyTheWorkerWorksInTheWorkspaceItself() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Fixtures.git(repo, "init", "-q");
        Fixtures.git(repo, "commit", "-q", "--allow-empty", "-m", "initial");
        try (WireSession wire = session(Fixtures.env(tmp.resolve("home")))) {
            String worker = start(wire, packet("x", "test -f a.txt"), repo,
                    template(Fixtures.agent(tmp.resolve("agents"), "write-file.sh"), "a.txt", "1"));
            JsonNode done = wire.ok("wait_worker", id(worker));
            assertThat(done.get("state").asText()).isEqualTo("finished");
            assertThat(done.has("branch")).isFalse();
            assertThat(repo.resolve("a.txt")).exists();
        }
    }
}
