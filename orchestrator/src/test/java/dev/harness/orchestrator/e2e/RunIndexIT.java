package dev.harness.orchestrator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Runs are found by id from any directory, through the person's run index under the XDG state directory. */
class RunIndexIT extends E2E {
    private String realWorkspace() {
        try {
            return workspace.toRealPath().toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void statusEventsAndResumeFindARunFromAnotherDirectory() {
        copyDashboard();
        Path plan = planFile(packet("t1", "Check the theme module", List.of("test -d src/theme")));
        Result run = orchestrator(Map.of(), List.of("-C", workspace.toString(), "--plan", plan.toString(), "--yes", "--trust", "check"));
        assertThat(run.exit()).as(run.all()).isZero();
        String id = run.runId();

        // the tests run from the temporary directory, not the workspace, and name no workspace
        Result status = orchestrator("status", id);
        assertThat(status.exit()).as(status.all()).isZero();
        assertThat(status.stdout()).contains("Status:     completed", "Workspace:  " + realWorkspace());
        Result events = orchestrator("events", id, "--kind", "task_completed");
        assertThat(events.exit()).as(events.all()).isZero();
        assertThat(events.stdout()).contains("task_completed", "t1");
        Result resumed = orchestrator("resume", id);
        assertThat(resumed.exit()).as(resumed.all()).isZero();
        assertThat(resumed.all()).contains("already completed");

        // a run the index lost (another machine's, another state home) is indexed again when it is resumed
        Path entry = temp.resolve("state/harness/runs-index").resolve(id + ".json");
        try {
            java.nio.file.Files.delete(entry);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(orchestrator("runs", "--all").stdout()).doesNotContain(id);
        Result again = orchestrator("resume", id, "-C", workspace.toString());
        assertThat(again.exit()).as(again.all()).isZero();

        Result all = orchestrator("runs", "--all");
        assertThat(all.stdout()).contains(id, "completed", "WORKSPACE");
        assertThat(temp.resolve("state/harness/runs-index").resolve(id + ".json")).exists();

        Result unknown = orchestrator("status", "20990101-000000-dead");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.stderr()).contains("unknown run '20990101-000000-dead'", "harness/repos/", // the default state dir
                "run index " + temp.resolve("state/harness/runs-index"), "runs --all");
    }
}
