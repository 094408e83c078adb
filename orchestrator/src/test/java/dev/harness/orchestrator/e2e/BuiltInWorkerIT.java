package dev.harness.orchestrator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harness.protocol.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The README's main job on the built-in worker: a real plan, the gate, real bootstrap, real acceptance tests. */
class BuiltInWorkerIT extends E2E {
    @BeforeEach
    void workspace() {
        copyDashboard();
    }

    @Test
    void theMainJobPlansBootstrapsAndVerifiesEveryTaskWithItsOwnTests() throws Exception {
        Result run = orchestrator("--workspace", workspace.toString(), "add dark mode", "--yes", "--trust");

        assertThat(run.exit()).as(run.all()).isZero();
        String id = run.runId();
        assertThat(run.stdout()).contains("Plan:", "ACCEPTANCE TESTS", "npm test", "tasks will only be verified",
                "[Bootstrap 5/5] ✓ main_runtime", "completed —");
        assertThat(run.stdout()).containsPattern("\\[Task 1/\\d\\] ✓ ");

        JsonNode plan = last(id, "plan_created");
        int tasks = plan.path("packets").size();
        assertThat(tasks).isBetween(3, 7);
        assertThat(last(id, "gate_approved").path("source").asText()).isEqualTo("cli_flag");
        // one digest format, and one trust decision for the run: the gate covers the approved plan (its
        // digest is the plan's), and every worker's approval is the run's grant of that worker's packet
        JsonNode trustGate = events(id, "gate_approved").stream()
                .filter(e -> e.path("gate").asText().equals("trust")).collect(Collectors.toList()).get(0);
        assertThat(events(id, "gate_approved").stream().filter(e -> e.path("gate").asText().equals("trust"))).hasSize(1);
        assertThat(trustGate.path("digest").asText()).matches("[0-9a-f]{64}").isEqualTo(plan.path("digest").asText());
        List<String> packetDigests = events(id, "trust_resolved").stream()
                .map(e -> e.path("payload").path("digest").asText()).toList();
        assertThat(packetDigests).hasSize(tasks).allSatisfy(d -> assertThat(d).matches("[0-9a-f]{64}"));
        assertThat(events(id, "bootstrap_phase_completed")).hasSize(5)
                .allSatisfy(e -> assertThat(e.path("success").asBoolean()).isTrue());
        assertThat(events(id, "task_completed")).hasSize(tasks);
        // no agent ran: each task_completed records that its task was only verified (or has no real check)
        assertThat(events(id, "task_completed")).extracting(e -> e.path("verification").asText())
                .isSubsetOf("verified_only", "unverifiable").contains("verified_only");
        // the acceptance tests really ran, in the workspace, and passed
        List<JsonNode> results = events(id, "acceptance_test_result");
        assertThat(results).isNotEmpty();
        assertThat(results.stream().map(r -> r.path("payload").path("command").asText()).collect(Collectors.toSet()))
                .contains("npm test");
        JsonNode done = last(id, "execution_complete");
        assertThat(done.path("status").asText()).isEqualTo("completed");
        assertThat(done.path("completed").asInt()).isEqualTo(tasks);
        // every line of the log is one event with the common fields, seq without gaps
        List<JsonNode> all = events(id);
        for (int i = 0; i < all.size(); i++) {
            assertThat(all.get(i).path("seq").asLong()).isEqualTo(i + 1);
            assertThat(all.get(i).path("run_id").asText()).isEqualTo(id);
        }
        assertThat(runDir(id).resolve("plan.json")).exists();
        assertThat(runDir(id).resolve("services/worker-manager.stderr.log")).exists();

        // the run directory it left answers queries, and resuming a completed run does nothing
        Result status = orchestrator("status", id, "-C", workspace.toString());
        assertThat(status.exit()).isZero();
        assertThat(status.stdout()).contains("Status:     completed", "t1");
        Result query = orchestrator("events", id, "-C", workspace.toString(), "--kind", "task_completed", "--json");
        assertThat(query.exit()).isZero();
        assertThat(query.stdout().lines().map(l -> parse(l).path("kind").asText()).collect(Collectors.toSet()))
                .isEqualTo(Set.of("task_completed"));
        assertThat(query.stdout().lines()).hasSize(tasks);
        Result runs = orchestrator("runs", "-C", workspace.toString());
        assertThat(runs.stdout()).contains(id, "completed", "add dark mode");
        Result again = orchestrator("resume", id, "-C", workspace.toString());
        assertThat(again.exit()).as(again.all()).isZero();
        assertThat(again.stdout()).contains("already completed");
        assertThat(events(id, "task_started")).hasSize(tasks);
    }

    @Test
    void jsonModeStreamsEveryEventAsJsonOnStdoutAndTalksToPeopleOnStderr() {
        Path plan = planFile(packet("t1", "Check the theme module", List.of("test -d src/theme")),
                packet("t2", "Check the dashboard module", List.of("test -d src/dashboard"), "t1"));
        Result run = orchestrator("--json", "-C", workspace.toString(), "--yes", "--trust", "--plan", plan.toString());

        assertThat(run.exit()).as(run.all()).isZero();
        List<String> lines = run.stdout().lines().toList();
        assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(parse(line).has("kind")).isTrue());
        String id = parse(lines.get(0)).path("run_id").asText();
        assertThat(lines).hasSize(events(id).size());
        assertThat(parse(lines.get(lines.size() - 1)).path("kind").asText()).isEqualTo("execution_complete");
        assertThat(run.stderr()).contains("[Task 1/", "Plan:");
    }

    @Test
    void withoutATerminalAndWithoutYesTheRunWaitsForApprovalAndResumeApprovesIt() {
        Path plan = planFile(packet("t1", "Check the theme module", List.of("test -d src/theme")));
        Result run = orchestrator("-C", workspace.toString(), "--plan", plan.toString(), "check the theme");

        assertThat(run.exit()).as(run.all()).isEqualTo(3);
        String id = run.runId();
        assertThat(run.stdout()).contains("orchestrator resume " + id + " --yes");
        assertThat(last(id, "run_paused").path("status").asText()).isEqualTo("awaiting_approval");
        assertThat(events(id, "bootstrap_phase_started")).isEmpty();
        assertThat(events(id, "task_started")).isEmpty();

        Result resumed = orchestrator("resume", id, "-C", workspace.toString(), "--yes", "--trust");
        assertThat(resumed.exit()).as(resumed.all()).isZero();
        assertThat(last(id, "execution_complete").path("status").asText()).isEqualTo("completed");
        assertThat(last(id, "gate_approved").path("gate").asText()).isEqualTo("trust");
    }

    @Test
    void anEmptyObjectiveIsAUsageError() {
        Result run = orchestrator("-C", workspace.toString(), "   ");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.stderr()).contains("objective is empty");
        assertThat(workspace.resolve(".harness")).doesNotExist();
    }

    static JsonNode parse(String line) {
        try {
            return Json.parse(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
