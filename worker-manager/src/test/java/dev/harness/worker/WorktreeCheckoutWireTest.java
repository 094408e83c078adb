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
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A task's worktree for real: named after the run, prepared before the agent, failures of setup, clean retries. */
class WorktreeCheckoutWireTest {
    @TempDir
    Path tmp;

    Path repo;

    @BeforeEach
    void repository() throws Exception {
        repo = Files.createDirectories(tmp.resolve("repo"));
        Fixtures.git(repo, "init", "-q", "-b", "main");
        // an npm-workspaces project: @m/app finds @m/core only through node_modules, which only an install makes
        Fixtures.write(repo.resolve("package.json"), "{\"name\":\"m\",\"private\":true,\"workspaces\":[\"packages/*\"]}\n");
        Fixtures.write(repo.resolve("packages/core/package.json"), "{\"name\":\"@m/core\",\"version\":\"1.0.0\"}\n");
        Fixtures.write(repo.resolve("packages/core/index.js"), "exports.answer = 42;\n");
        Fixtures.git(repo, "add", "-A");
        Fixtures.git(repo, "commit", "-q", "-m", "initial");
    }

    private WireSession session() throws Exception {
        Path policy = Fixtures.write(tmp.resolve("policy.yaml"), "trusted_roots: [\"" + tmp + "\"]\n");
        return new WireSession(Fixtures.env(tmp.resolve("home")), "--state-dir", tmp.resolve("state").toString(),
                "--trust-policy", policy.toString(), "--kill-grace-ms", "300");
    }

    private static JsonNode run(WireSession wire, ObjectNode params) {
        String worker = wire.ok("spawn_worker", params).get("worker_id").asText();
        wire.ok("check_trust", id(worker));
        wire.ok("run_worker", id(worker));
        return wire.ok("wait_worker", id(worker));
    }

    private static JsonNode event(WireSession wire, String worker, String kind) {
        return wire.events(worker).stream().filter(e -> e.path("kind").asText().equals(kind)).findFirst().orElseThrow(
                () -> new AssertionError("no " + kind + " event in " + wire.kinds(worker)));
    }

    @Test
    void theWorktreeIsPreparedBeforeTheAgentAndTheInstallIsNotPartOfTheCommit() throws Exception {
        ObjectNode packet = packet("Use the core package", "node -e \"process.exit(require('@m/core').answer === 42 ? 0 : 1)\"",
                "test -f used.txt");
        packet.put("id", "t1");
        packet.put("commit_policy", "single verified commit");
        ObjectNode params = spawn(packet, repo, template(Fixtures.agent(tmp.resolve("agents"), "write-file.sh"), "used.txt", "yes"));
        params.put("run_id", "20261130-010000-ab12");
        try (WireSession wire = session()) {
            JsonNode done = run(wire, params);
            String worker = done.get("worker_id").asText();
            assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("finished");
            assertThat(done.get("branch").asText()).isEqualTo("harness/20261130-010000-ab12/t1");
            JsonNode prepared = event(wire, worker, "worktree_prepared");
            assertThat(prepared.at("/payload/command").asText()).startsWith("npm install");
            assertThat(prepared.at("/payload/exit_code").asInt()).isZero();
            assertThat(wire.kinds(worker).indexOf("worktree_prepared")).isLessThan(wire.kinds(worker).indexOf("attempt_started"));
            String files = Fixtures.gitOut(repo, "show", "--name-only", "--format=", done.get("branch").asText());
            assertThat(files).contains("used.txt").doesNotContain("node_modules").doesNotContain("package-lock.json");
            assertThat(repo.resolve("node_modules")).doesNotExist(); // the person's checkout is untouched
            wire.assertEventsSchemaValid();
        }
    }

    @Test
    void aFailedSetupIsItsOwnFailureAndTheAgentNeverRuns() throws Exception {
        ObjectNode packet = packet("Anything", "true");
        packet.put("id", "t1");
        packet.put("commit_policy", "single verified commit");
        ObjectNode params = spawn(packet, repo, template(Fixtures.agent(tmp.resolve("agents"), "write-file.sh"), "x.txt", "x"));
        params.put("setup", "echo 'npm ERR! could not reach the registry'; exit 3");
        try (WireSession wire = session()) {
            JsonNode done = run(wire, params);
            String worker = done.get("worker_id").asText();
            assertThat(done.get("state").asText()).isEqualTo("failed");
            assertThat(done.get("failure_class").asText()).isEqualTo("unrecoverable");
            assertThat(done.at("/evidence/source").asText()).isEqualTo("setup");
            JsonNode failed = event(wire, worker, "setup_failed");
            assertThat(failed.at("/payload/exit_code").asInt()).isEqualTo(3);
            assertThat(failed.at("/payload/output_tail").asText()).contains("could not reach the registry");
            assertThat(wire.kinds(worker)).doesNotContain("agent_exited", "recovery_attempted");
        }
    }

    @Test
    void aRetryStartsFromCleanFilesNotTheFailedAttemptsHalfEdits() throws Exception {
        // the complaint lives in a script, so only the failed test's output (not the packet) tells the agent
        Path check = Fixtures.write(tmp.resolve("check.sh"),
                "grep -q done feature.txt || { echo 'assertion failed: feature.txt must say done'; exit 1; }\n");
        ObjectNode packet = packet("Finish the feature", "sh " + check);
        packet.put("id", "t1");
        packet.put("commit_policy", "single verified commit");
        ObjectNode params = spawn(packet, repo, template(Fixtures.agent(tmp.resolve("agents"), "debris-then-fix.sh")));
        params.put("setup", "true");
        try (WireSession wire = session()) {
            JsonNode done = run(wire, params);
            String worker = done.get("worker_id").asText();
            assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("finished");
            assertThat(wire.kinds(worker)).contains("worktree_reset");
            String files = Fixtures.gitOut(repo, "show", "--name-only", "--format=", done.get("branch").asText());
            assertThat(List.of(files.split("\n"))).containsExactly("feature.txt");
        }
    }
}
