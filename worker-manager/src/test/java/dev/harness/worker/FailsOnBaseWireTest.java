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
        return run(check, agentScript, null);
    }

    /** @param baseRef where the task starts (an earlier task's branch), or null for the person's HEAD */
    private JsonNode run(String check, String agentScript, String baseRef) {
        ObjectNode packet = packet("Add dark mode", check);
        packet.put("id", "t1");
        packet.put("commit_policy", agentScript == null ? "none" : "single verified commit");
        String agent = agentScript == null ? null : Json.array().add("sh").add("-c").add(agentScript).toString();
        ObjectNode params = spawn(packet, repo, agent);
        if (baseRef != null) {
            params.putArray("base_refs").add(baseRef);
        }
        String worker = wire.ok("spawn_worker", params).get("worker_id").asText();
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
        // the point first: a summary cuts a long reason
        assertThat(detail).startsWith("acceptance test `sh lint.sh` fails on the unchanged project (" + base + ") too (exit 3):"
                + " not caused by this run").contains("fix the check or skip the task");
        assertThat(Fixtures.gitOut(repo, "worktree", "list", "--porcelain")).doesNotContain("/base-");
        assertThat(Files.readString(repo.resolve("src/theme.sh"))).isEqualTo("theme=light\n");
    }

    /**
     * With the built-in recipes a logic_error goes back to the agent with the failure. When the tests the
     * check names failing after the change are tests that fail on the person's unchanged project too, the
     * next attempt would fail the same way however right its change: the person decides after the first.
     * A test the change broke next to them, or a check naming no test (one written for the new behaviour,
     * failing alike before and after a first try), goes back to the agent.
     */
    @Test
    void anAgentIsNotSentBackForTestsTheUnchangedProjectFailsToo() throws Exception {
        wire.close();
        wire = new WireSession(Fixtures.env(tmp.resolve("home")), "--state-dir", tmp.resolve("state-built-in").toString(),
                "--trust-policy", tmp.resolve("policy.yaml").toString(), "--kill-grace-ms", "300");
        // the project's suite, red before any task: one legacy test fails; the theme test passes while the theme is light
        Fixtures.write(repo.resolve("suite.sh"), "echo 'TAP version 13'\necho 'not ok 1 - parses a legacy range'\n"
                + "grep -q light src/theme.sh && echo 'ok 2 - theme is light' || echo 'not ok 2 - theme is light'\n"
                + "echo '# fail 1'\nexit 1\n");
        Fixtures.git(repo, "add", "-A");
        Fixtures.git(repo, "commit", "-q", "-m", "a red suite");
        Path runs = tmp.resolve("agent-runs.txt");

        JsonNode red = run("sh suite.sh", "echo ran >> " + runs + "; echo 'a=1' > src/other.sh");
        assertThat(red.get("state").asText()).isEqualTo("failed");
        assertThat(red.get("escalation_required").asBoolean()).isTrue();
        assertThat(red.get("attempts").asInt()).isEqualTo(1);
        assertThat(Files.readAllLines(runs)).containsExactly("ran");
        assertThat(red.get("failure_summary").asText()).startsWith("the check fails (exit 1) on the unchanged project too,"
                + " the same tests failing: not caused by this run, and another attempt of the agent would fail it the same way");
        assertThat(wire.kinds(red.get("worker_id").asText())).contains("recovery_escalation").doesNotContain("recovery_attempted");

        Files.delete(runs);
        JsonNode broke = run("sh suite.sh", "echo ran >> " + runs + "; printf 'theme=dark\\n' > src/theme.sh");
        assertThat(broke.get("attempts").asInt()).isEqualTo(2);
        assertThat(Files.readAllLines(runs)).containsExactly("ran", "ran");
        assertThat(wire.kinds(broke.get("worker_id").asText())).contains("recovery_attempted");

        Files.delete(runs);
        JsonNode unnamed = run("sh lint.sh", "echo ran >> " + runs + "; echo 'a=1' > src/other.sh");
        assertThat(unnamed.get("attempts").asInt()).isEqualTo(2);
        assertThat(unnamed.at("/evidence/detail").asText()).contains("fails on the unchanged project (");
    }

    /**
     * A task that starts on an earlier task's work (a verifying task on the integrated whole): a check
     * failing there too is run on the person's unchanged project as well, which tells a project broken
     * before the run from a run that broke it.
     */
    @Test
    void onAnEarlierTasksWorkTheUnchangedProjectTellsWhoBrokeTheCheck() throws Exception {
        String project = Fixtures.gitOut(repo, "rev-parse", "main").substring(0, 12);
        Fixtures.git(repo, "branch", "harness/earlier");
        Fixtures.git(repo, "worktree", "add", "-q", tmp.resolve("earlier").toString(), "harness/earlier");
        Fixtures.write(tmp.resolve("earlier/src/theme.sh"), "theme=dark\n");
        Fixtures.git(tmp.resolve("earlier"), "commit", "-q", "-am", "earlier task");
        String earlier = Fixtures.gitOut(repo, "rev-parse", "harness/earlier").substring(0, 12);

        // broken before the run: the unchanged project fails it too
        String both = run("sh lint.sh", "echo more >> src/theme.sh", "harness/earlier").at("/evidence/detail").asText();
        assertThat(both).contains("`sh lint.sh` fails on the unchanged project (" + project + ") too (exit 3): not caused by this run");

        // broken by the earlier task: it passes on the unchanged project
        String byRun = run("grep -q light src/theme.sh", "echo more >> src/theme.sh", "harness/earlier").at("/evidence/detail").asText();
        assertThat(byRun).contains("`grep -q light src/theme.sh` fails on this task's base " + earlier + " too (exit 1) but passes"
                + " on the unchanged project (" + project + "): the work of an earlier task of this run broke it")
                .doesNotContain("not caused by this run");
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
