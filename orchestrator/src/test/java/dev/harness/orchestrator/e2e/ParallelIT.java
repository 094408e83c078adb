package dev.harness.orchestrator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** -j N: independent tasks really run at the same time; dependent ones wait. */
class ParallelIT extends E2E {
    @BeforeEach
    void workspace() {
        copyDashboard();
    }

    @Test
    void twoIndependentTasksOverlapWithJ2AndTheirDependentStartsAfterBoth() throws Exception {
        Path times = scratch.resolve("times");
        Path plan = planFile(packet("t1", "Theme tokens", List.of("true")),
                packet("t2", "Dashboard cards", List.of("true")),
                packet("t3", "Wire them together", List.of("true"), "t1", "t2"));

        Result result = orchestrator("-C", workspace.toString(), "--plan", plan.toString(), "--yes", "--trust", "-j", "2",
                "--agent", agent("timed.sh", times.toString(), "2"));

        assertThat(result.exit()).as(result.all()).isZero();
        // the copy is no git repository: the summary says where the agent's work is
        assertThat(result.stdout()).contains("Not a git repository: the agent worked in ", "its changes are there, not committed");
        long start1 = read(times, "t1.start");
        long end1 = read(times, "t1.end");
        long start2 = read(times, "t2.start");
        long end2 = read(times, "t2.end");
        assertThat(start1).as("t1 started before t2 ended").isLessThan(end2);
        assertThat(start2).as("t2 started before t1 ended").isLessThan(end1);
        assertThat(read(times, "t3.start")).isGreaterThanOrEqualTo(Math.max(end1, end2));
    }

    private static long read(Path dir, String name) throws Exception {
        return Long.parseLong(Files.readString(dir.resolve(name)).strip());
    }
}
