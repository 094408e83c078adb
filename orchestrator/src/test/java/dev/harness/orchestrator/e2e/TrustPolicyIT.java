package dev.harness.orchestrator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A workspace the user's trust policy denies: the trust gate refuses the task, as a person's "no" would. */
class TrustPolicyIT extends E2E {
    @BeforeEach
    void workspace() {
        copyDashboard();
    }

    @Test
    void aDeniedWorkspaceFailsItsTasksAsPermissionFailuresNotAsAServiceFailure() throws Exception {
        Path policy = Files.writeString(temp.resolve("trust-policy.yaml"),
                "trusted_roots: []\ndenied_roots: ['" + workspace + "']\ndefault: require_approval\n");
        Path plan = planFile(packet("t1", "Check the theme module", List.of("test -d src/theme")),
                packet("t2", "Check the build", List.of("true"), "t1"));

        Result run = orchestrator("-C", workspace.toString(), "--plan", plan.toString(), "--yes", "--trust",
                "--trust-policy", policy.toString(), "check");

        assertThat(run.exit()).as(run.all()).isEqualTo(1);
        assertThat(run.all()).contains("permission", "denies this workspace").doesNotContain("Stopped:");
        String id = run.runId();
        assertThat(events(id, "task_failed")).singleElement()
                .satisfies(e -> assertThat(e.path("failure_class").asText()).isEqualTo("permission"));
        assertThat(events(id, "gate_rejected")).singleElement()
                .satisfies(e -> assertThat(e.path("source").asText()).isEqualTo("policy"));
        assertThat(events(id, "task_skipped")).singleElement()
                .satisfies(e -> assertThat(e.path("task_id").asText()).isEqualTo("t2"));
    }
}
