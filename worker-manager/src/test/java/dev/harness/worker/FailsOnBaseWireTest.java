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
 * A check that fails without the task's change too cannot tell whether the task works: the
 * failure's evidence says so, where the person decides and in the feedback an agent gets. A check
 * that passes on the base and fails after the change is an ordinary failure of the change.
 */
class FailsOnBaseWireTest {
    @TempDir
    Path tmp;
    Path repo;
    WireSession wire;

    @BeforeEach
    void start() throws Exception {
        repo = Files.createDirectories(tmp.resolve("trusted/repo"));
        Fixtures.git(repo, "init", "-q", "-b", "main");
        Fixtures.write(repo.resolve("src/theme.sh"), "theme=light\n");
        // broken before any task: the project's own lint step fails on the committed code
        Fixtures.write(repo.resolve("lint.sh"), "echo 'src/theme.sh:1 unexpected token' >&2\nexit 3\n");
        Fixtures.git(repo, "add", "-A");
        Fixtures.git(repo, "commit", "-q", "-m", "initial");
        Path policy = Fixtures.write(tmp.resolve("policy.yaml"), "trusted_roots: [\"" + tmp.resolve("trusted") + "\"]\n");
        Path recipes = Fixtures.write(tmp.resolve("recipes.yaml"), "recipes:\n  logic_error: {action: escalate, max_retries: 1}\n");
        wire = new WireSession(Fixtures.env(tmp.resolve("home")), "--state-dir", tmp.resolve("state").toString(),
                "--trust-policy", policy.toString(), "--recipes", recipes.toString(), "--kill-grace-ms", "300");
    }

    @AfterEach
    void stop() throws Exception {
        wire.close();
    }

    private JsonNode run(String check, String agentScript) {
        ObjectNode packet = packet("Add dark mode", check);
        packet.put("id", "t1");
        packet.put("commit_policy", agentScript == null ? "none" : "single verified commit");
        String agent = agentScript == null ? null : Json.array().add("sh").add("-c").add(agentScript).toString();
        String worker = wire.ok("spawn_worker", spawn(packet, repo, agent)).get("worker_id").asText();
        wire.ok("check_trust", id(worker));
        wire.ok("run_worker", id(worker));
        JsonNode done = wire.ok("wait_worker", id(worker));
        wire.assertEventsSchemaValid();
        return done;
    }

    @Test
    void aCheckThatFailsOnTheBaseTooIsNamedAsSuch() throws Exception {
        JsonNode failed = run("sh lint.sh", "printf 'theme=dark\\n' > src/theme.sh");
        assertThat(failed.get("state").asText()).isEqualTo("failed");
        assertThat(failed.get("failure_class").asText()).isEqualTo("logic_error");
        String detail = failed.at("/evidence/detail").asText();
        String base = Fixtures.gitOut(repo, "rev-parse", "main").substring(0, 12);
        assertThat(detail).contains("acceptance test `sh lint.sh` failed with exit code 3",
                "`sh lint.sh` fails on the base " + base + " too (exit 3), before this task's change", "fix the check or skip the task");
        assertThat(Fixtures.gitOut(repo, "worktree", "list", "--porcelain")).doesNotContain("/base-");
        assertThat(Files.readString(repo.resolve("src/theme.sh"))).isEqualTo("theme=light\n");
    }

    @Test
    void aCheckThatPassesOnTheBaseIsAFailureOfTheChange() throws Exception {
        JsonNode failed = run("grep -q light src/theme.sh", "printf 'theme=dark\\n' > src/theme.sh");
        assertThat(failed.get("state").asText()).isEqualTo("failed");
        String detail = failed.at("/evidence/detail").asText();
        assertThat(detail).isEqualTo("acceptance test `grep -q light src/theme.sh` failed with exit code 1");
    }

    @Test
    void withNoAgentOnACleanTreeTheUnchangedProjectFailsIt() throws Exception {
        JsonNode failed = run("sh lint.sh", null);
        assertThat(failed.get("state").asText()).isEqualTo("failed");
        assertThat(failed.at("/evidence/detail").asText()).contains("the project as committed (",
                "no uncommitted change) fails it before any change");
    }

    @Test
    void withNoAgentAndAnUncommittedChangeNothingIsClaimed() throws Exception {
        Fixtures.write(repo.resolve("src/theme.sh"), "theme=broken\n");
        JsonNode failed = run("sh lint.sh", null);
        assertThat(failed.get("state").asText()).isEqualTo("failed");
        assertThat(failed.at("/evidence/detail").asText()).isEqualTo("acceptance test `sh lint.sh` failed with exit code 3");
    }
}
