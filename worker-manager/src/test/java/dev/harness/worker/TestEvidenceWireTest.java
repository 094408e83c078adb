package dev.harness.worker;

import static dev.harness.worker.Fixtures.id;
import static dev.harness.worker.Fixtures.packet;
import static dev.harness.worker.Fixtures.spawn;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proof that a task's tests test its change (issue 14 item 4): once every acceptance test passed,
 * the tests the task added or changed run again on its base commit, in a temporary worktree; a test
 * that already passes there is not evidence, and the finished event and the snapshot say so.
 */
class TestEvidenceWireTest {
    private static final String RUN_TESTS = "for t in test/*_test.sh; do sh \"$t\" || exit 1; done";

    @TempDir
    Path tmp;
    Path repo;
    WireSession wire;

    @BeforeEach
    void start() throws Exception {
        repo = Files.createDirectories(tmp.resolve("trusted/repo"));
        Fixtures.git(repo, "init", "-q", "-b", "main");
        Fixtures.write(repo.resolve("src/theme.sh"), "theme=light\n");
        Fixtures.write(repo.resolve("test/theme_test.sh"), ". ./src/theme.sh\n[ -n \"$theme\" ]\n");
        Fixtures.git(repo, "add", "-A");
        Fixtures.git(repo, "commit", "-q", "-m", "initial");
        Path policy = Fixtures.write(tmp.resolve("policy.yaml"), "trusted_roots: [\"" + tmp.resolve("trusted") + "\"]\n");
        wire = new WireSession(Fixtures.env(tmp.resolve("home")), "--state-dir", tmp.resolve("state").toString(),
                "--trust-policy", policy.toString(), "--kill-grace-ms", "300");
    }

    @AfterEach
    void stop() throws Exception {
        wire.close();
    }

    private JsonNode run(String commitPolicy, String agentScript) {
        return run(commitPolicy, agentScript, true);
    }

    private JsonNode run(String commitPolicy, String agentScript, boolean expectsChange) {
        ObjectNode packet = packet("Add dark mode", RUN_TESTS);
        packet.put("id", "t1");
        packet.put("commit_policy", commitPolicy);
        packet.put("expects_change", expectsChange);
        String agent = Json.array().add("sh").add("-c").add(agentScript).toString();
        String worker = wire.ok("spawn_worker", spawn(packet, repo, agent)).get("worker_id").asText();
        wire.ok("check_trust", id(worker));
        wire.ok("run_worker", id(worker));
        JsonNode done = wire.ok("wait_worker", id(worker));
        assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("finished");
        wire.assertEventsSchemaValid();
        return done;
    }

    private JsonNode finished(JsonNode done) {
        return wire.events(done.get("worker_id").asText()).stream().filter(e -> e.path("kind").asText().equals("finished"))
                .findFirst().orElseThrow().path("payload");
    }

    private void noBaseWorktreeLeft() throws Exception {
        assertThat(Fixtures.gitOut(repo, "worktree", "list", "--porcelain")).doesNotContain("/base-");
    }

    @Test
    void aNewTestThatFailsOnTheBaseIsEvidence() throws Exception {
        JsonNode done = run("single verified commit", "printf 'theme=dark\\n' > src/theme.sh"
                + " && printf '. ./src/theme.sh\\n[ \"$theme\" = dark ]\\n' > test/dark_test.sh");
        JsonNode evidence = done.get("test_evidence");
        assertThat(evidence.path("evidence").asText()).as(evidence.toString()).isEqualTo("new_test_fails_on_base");
        assertThat(evidence.path("tests").toString()).contains("test/dark_test.sh");
        assertThat(evidence.path("base").asText()).isEqualTo(Fixtures.gitOut(repo, "rev-parse", "main"));
        assertThat(evidence.at("/base_runs/0/passed").asBoolean()).isFalse();
        assertThat(evidence.path("detail").asText()).contains("fails on the base");
        assertThat(finished(done).path("test_evidence")).isEqualTo(evidence);
        assertThat(Files.readString(Path.of(evidence.at("/base_runs/0/log").asText()))).isNotNull();
        // the person's checkout is untouched: still light, no new test, nothing left of the base worktree
        assertThat(Files.readString(repo.resolve("src/theme.sh"))).isEqualTo("theme=light\n");
        assertThat(repo.resolve("test/dark_test.sh")).doesNotExist();
        noBaseWorktreeLeft();
    }

    @Test
    void aNewTestThatAlreadyPassesOnTheBaseIsNotEvidence() throws Exception {
        // in place (no commit asked): the base is the person's HEAD, run in its own temporary worktree
        JsonNode done = run("none", "printf 'theme=light\\ndark=yes\\n' > src/theme.sh"
                + " && printf '. ./src/theme.sh\\n[ -n \"$theme\" ]\\n' > test/also_test.sh");
        JsonNode evidence = done.get("test_evidence");
        assertThat(evidence.path("evidence").asText()).as(evidence.toString()).isEqualTo("tests_pass_on_base");
        assertThat(evidence.path("tests").toString()).contains("test/also_test.sh");
        assertThat(evidence.at("/base_runs/0/passed").asBoolean()).isTrue();
        assertThat(evidence.path("detail").asText()).contains("already passes on the base", "not evidence");
        assertThat(finished(done).at("/test_evidence/evidence").asText()).isEqualTo("tests_pass_on_base");
        // the agent's work in the person's tree is as it left it; the harness added nothing there
        assertThat(Files.readString(repo.resolve("src/theme.sh"))).isEqualTo("theme=light\ndark=yes\n");
        assertThat(Fixtures.gitOut(repo, "status", "--porcelain")).isEqualTo("M src/theme.sh\n?? test/also_test.sh".strip());
        noBaseWorktreeLeft();
    }

    @Test
    void aTaskThatChangedNoTestSaysSoWithoutRunningTheBase() throws Exception {
        JsonNode done = run("single verified commit", "printf 'theme=dark\\n' > src/theme.sh");
        JsonNode evidence = done.get("test_evidence");
        assertThat(evidence.path("evidence").asText()).isEqualTo("no_test_changed");
        assertThat(evidence.path("base_runs")).isEmpty();
        noBaseWorktreeLeft();
    }

    @Test
    void aTaskThatChangedNothingCarriesNoTestEvidence() throws Exception {
        JsonNode done = run("none", "true", false);
        assertThat(done.get("verification").asText()).isEqualTo("verified_unchanged");
        assertThat(done.has("test_evidence")).as(done.toString()).isFalse();
        assertThat(finished(done).has("test_evidence")).isFalse();
    }
}
