package dev.harness.orchestrator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** With an agent and commits, a task builds on the branches of the tasks it depends on. */
class DependentWorkIT extends E2E {
    @BeforeEach
    void gitWorkspace() throws Exception {
        copyDashboard();
        git("init", "-q", "-b", "main");
        git("add", "-A");
        git("-c", "user.name=t", "-c", "user.email=t@localhost", "commit", "-q", "-m", "dashboard");
    }

    private String git(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", workspace.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }

    private static ObjectNode committing(ObjectNode packet) {
        return packet.put("commit_policy", "single verified commit");
    }

    @Test
    void aLaterTaskSeesTheWorkOfTheTasksBeforeIt() throws Exception {
        Path plan = planFile(
                committing(packet("t1", "Theme provider", List.of("test -f t1.txt"))),
                committing(packet("t2", "Theme toggle", List.of("test -f t1.txt", "test -f t2.txt"), "t1")));

        Result run = orchestrator("-C", workspace.toString(), "--plan", plan.toString(), "--yes", "--trust",
                "--agent", agent("leave-mark.sh"), "dark mode");

        assertThat(run.exit()).as(run.all()).isZero();
        assertThat(git("show", "harness/" + run.runId() + "/t2:t1.txt")).isEqualTo("made by t1");
        assertThat(git("show", "harness/" + run.runId() + "/t2:t2.txt")).isEqualTo("made by t2");
        assertThat(workspace.resolve("t1.txt")).doesNotExist(); // the user's checkout is untouched
    }
}
