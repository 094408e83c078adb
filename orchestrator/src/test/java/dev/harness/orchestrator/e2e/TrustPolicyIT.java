package dev.harness.orchestrator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A workspace the user's trust policy denies: the run's trust gate refuses it, as a person's "no" would. */
class TrustPolicyIT extends E2E {
    @BeforeEach
    void workspace() {
        copyDashboard();
    }

    @Test
    void aDeniedWorkspaceRejectsTheRunBeforeAnythingIsBootstrappedOrRun() throws Exception {
        Path policy = Files.writeString(temp.resolve("trust-policy.yaml"),
                "trusted_roots: []\ndenied_roots: ['" + workspace + "']\ndefault: require_approval\n");
        Path plan = planFile(packet("t1", "Check the theme module", List.of("test -d src/theme")),
                packet("t2", "Check the build", List.of("true"), "t1"));

        Result run = orchestrator("-C", workspace.toString(), "--plan", plan.toString(), "--yes", "--trust",
                "--trust-policy", policy.toString(), "check");

        assertThat(run.exit()).as(run.all()).isEqualTo(1);
        assertThat(run.all()).contains("denies this workspace", "the run is rejected").doesNotContain("Stopped:");
        String id = run.runId();
        assertThat(last(id, "execution_complete").path("status").asText()).isEqualTo("rejected");
        assertThat(events(id, "gate_rejected")).singleElement().satisfies(e -> {
            assertThat(e.path("gate").asText()).isEqualTo("trust");
            assertThat(e.path("source").asText()).isEqualTo("policy");
        });
        assertThat(events(id, "bootstrap_phase_started")).isEmpty();
        assertThat(events(id, "task_started")).isEmpty();
        assertThat(events(id, "task_failed")).isEmpty();
    }

    @Test
    void resumeNoTrustRefusesAPausedRunAndTheRunEndsRejectedWithNothingRun() throws Exception {
        Path plan = planFile(packet("t1", "Check the theme module", List.of("test -d src/theme")));
        Result paused = orchestrator("-C", workspace.toString(), "--plan", plan.toString(), "--yes", "check");
        assertThat(paused.exit()).as(paused.all()).isEqualTo(3); // waiting for trust, no terminal
        String id = paused.runId();

        Result both = orchestrator("resume", id, "-C", workspace.toString(), "--trust", "--no-trust");
        assertThat(both.exit()).as(both.all()).isEqualTo(2);
        assertThat(both.all()).contains("--trust and --no-trust cannot be given together");
        assertThat(events(id, "gate_rejected")).isEmpty();

        Result refused = orchestrator("resume", id, "-C", workspace.toString(), "--no-trust");
        assertThat(refused.exit()).as(refused.all()).isEqualTo(1);
        assertThat(refused.all()).contains("refused by --no-trust", "the run is rejected");
        assertThat(last(id, "execution_complete").path("status").asText()).isEqualTo("rejected");
        assertThat(events(id, "gate_rejected")).singleElement().satisfies(e -> {
            assertThat(e.path("gate").asText()).isEqualTo("trust");
            assertThat(e.path("source").asText()).isEqualTo("cli_flag");
        });
        assertThat(events(id, "bootstrap_phase_started")).isEmpty();
        assertThat(events(id, "task_started")).isEmpty();

        // a refusal is final: a later --trust finds nothing to resume
        Result later = orchestrator("resume", id, "-C", workspace.toString(), "--trust");
        assertThat(later.all()).contains("was rejected");
        assertThat(events(id, "task_started")).isEmpty();
    }
}
