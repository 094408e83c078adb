package dev.harness.orchestrator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code watch} without RUN, as a new user meets it: an older run still waits for its plan's
 * approval (nobody runs it), a newer one completed. watch follows the newest, says so and ends.
 */
class WatchIT extends E2E {
    @Test
    void withoutARunIdItFollowsTheNewestRunAndEndsEvenWhileAnOlderOneWaitsForApproval() {
        copyDashboard();
        Path plan = planFile(packet("t1", "Check the theme module", List.of("test -d src/theme")));
        Result parked = orchestrator("-C", workspace.toString(), "--plan", plan.toString(), "check");
        assertThat(parked.exit()).as(parked.all()).isEqualTo(3);
        String old = parked.runId();
        Result done = orchestrator("-C", workspace.toString(), "--plan", plan.toString(), "--yes", "--trust", "check");
        assertThat(done.exit()).as(done.all()).isZero();
        String newest = done.runId();

        // before, watch followed every unfinished run, so the parked one kept it open (E2E's LIMIT fails it)
        Result watch = orchestrator("watch", "-C", workspace.toString());
        assertThat(watch.exit()).as(watch.all()).isZero();
        assertThat(watch.stdout()).startsWith("Following run " + newest + ", the newest of this workspace (1 older: ")
                .contains("watch RUN_ID for one of them", "Run ended: completed").doesNotContain(old);
    }
}
