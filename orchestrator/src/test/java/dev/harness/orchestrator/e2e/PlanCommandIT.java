package dev.harness.orchestrator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.Json;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code orchestrator plan} output for machines, and plan files checked before anything runs. */
class PlanCommandIT extends E2E {
    @BeforeEach
    void workspace() {
        copyDashboard();
    }

    @Test
    void planWithJsonPrintsThePacketsAsJsonNotATable() throws Exception {
        Result run = orchestrator("plan", "--json", "-C", workspace.toString(), "add dark mode");

        assertThat(run.exit()).as(run.all()).isZero();
        JsonNode packets = Json.MAPPER.readTree(run.stdout());
        assertThat(packets.isArray()).isTrue();
        assertThat(packets.get(0).path("id").asText()).isEqualTo("t1");
        assertThat(packets.get(0).path("acceptance_tests").isArray()).isTrue();
    }

    @Test
    void anExplicitFormatStillWinsOverJson() {
        Result run = orchestrator("plan", "--json", "--format", "dot", "-C", workspace.toString(), "add dark mode");

        assertThat(run.exit()).as(run.all()).isZero();
        assertThat(run.stdout()).startsWith("digraph plan {");
    }

    @Test
    void aPlanFileWithATaskOutsideTheWorkspaceIsAUsageErrorBeforeAnyWorkerStarts() {
        ObjectNode outside = packet("t1", "Look around", List.of("true"));
        outside.put("scope", "module").put("scope_path", "../../etc");
        Path plan = planFile(outside, packet("t2", "Check the theme module", List.of("test -d src/theme"), "t1"));

        Result run = orchestrator("-C", workspace.toString(), "--plan", plan.toString(), "--yes", "--trust", "check");

        assertThat(run.exit()).as(run.all()).isEqualTo(2);
        assertThat(run.stderr()).contains("Packet t1: scope_path '../../etc'", "outside the workspace");
        assertThat(run.all()).doesNotContain("[Bootstrap", "[Task");
    }
    /** A plan file that is refused leaves no run behind: runs, watch and the dashboard would list it as 'planned 0 of 0'. */
    @Test
    void aRefusedPlanFileOpensNoRun() throws Exception {
        ObjectNode untitled = packet("t1", "Check the theme module", List.of("test -d src/theme"));
        untitled.remove("title"); // a required property
        untitled.put("depends_on", "t0"); // an array in the schema
        Path badJson = java.nio.file.Files.writeString(temp.resolve("broken.json"), "[{\"id\": \"t1\",");
        Object[][] cases = {
            {"unknown dependency", planFile(packet("t1", "Check the theme module", List.of("test -d src/theme"), "t9")), "t9"},
            {"bad JSON", badJson, "cannot be read as JSON"},
            {"schema error", planFile(untitled), "breaks the plan rules"},
        };
        for (Object[] c : cases) {
            Result run = orchestrator("-C", workspace.toString(), "--plan", c[1].toString(), "--yes", "--trust", "check");

            assertThat(run.exit()).as(c[0] + ": " + run.all()).isEqualTo(2);
            assertThat(run.stderr()).as(c[0].toString()).contains((String) c[2]);
            assertThat(run.all()).as(c[0].toString()).doesNotContain("Run 2", "[Bootstrap");
            assertThat(entries(stateDir())).as(c[0] + ": run directories").isEmpty();
            assertThat(entries(temp.resolve("state/harness/runs-index"))).as(c[0] + ": run index").isEmpty();
        }
    }

    /**
     * {@code validate PLAN_FILE}, as a new user types it: the plan checked as --plan checks it, each problem listed,
     * exit 2 when it is not valid, and nothing run or recorded (it used to start a run whose objective was those words).
     */
    @Test
    void validateListsEveryProblemOfAPlanFileAndRunsNothing() throws Exception {
        ObjectNode outside = packet("t2", "Look around", List.of("true"), "t9");
        outside.put("scope", "module").put("scope_path", "../../etc");
        Path bad = planFile(packet("t1", "Check the theme module", List.of("test -d src/theme")), outside);

        Result refused = orchestrator("validate", bad.toString(), "-C", workspace.toString());

        assertThat(refused.exit()).as(refused.all()).isEqualTo(2);
        assertThat(refused.stdout()).startsWith(bad + ": not valid, 2 errors (2 tasks)")
                .contains("  error:   ", "t9", "Packet t2: scope_path '../../etc'", "outside the workspace");
        assertThat(refused.all()).doesNotContain("Run 2", "[Bootstrap", "Planning:");

        Path good = planFile(packet("t1", "Check the theme module", List.of("test -d src/theme")));
        Result valid = orchestrator("validate", good.toString(), "-C", workspace.toString());

        assertThat(valid.exit()).as(valid.all()).isZero();
        assertThat(valid.stdout()).startsWith(good + ": valid, 1 task").contains("--plan " + good);
        assertThat(entries(stateDir())).as("run directories").isEmpty();
        assertThat(entries(temp.resolve("state/harness/runs-index"))).as("run index").isEmpty();
    }

    private static List<String> entries(Path dir) throws java.io.IOException {
        if (!java.nio.file.Files.isDirectory(dir)) {
            return List.of();
        }
        try (var listed = java.nio.file.Files.list(dir)) {
            return listed.map(p -> p.getFileName().toString()).toList();
        }
    }
}
