package dev.harness.orchestrator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 item 4 end to end: a task whose new test already passes before its change completes with
 * a warning on its line; one whose new test fails on its base completes without one.
 */
class TestEvidenceIT extends E2E {
    private static final String WARNING = "warning: its new or changed tests already pass without the change";

    @BeforeEach
    void gitWorkspace() throws Exception {
        copyDashboard();
        git("init", "-q", "-b", "main");
        git("add", "-A");
        git("-c", "user.name=t", "-c", "user.email=t@localhost", "commit", "-q", "-m", "dashboard");
    }

    private void git(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", workspace.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
    }

    private static ObjectNode committing(ObjectNode packet) {
        return packet.put("commit_policy", "single verified commit");
    }

    @Test
    void aNewTestThatPassesWithoutTheChangeIsFlaggedAndOneThatFailsOnTheBaseIsNot() throws Exception {
        Path plan = planFile(
                committing(packet("weak", "Weak dark mode", List.of("node --test test/"))),
                committing(packet("strong", "Strong dark mode", List.of("node --test test/"))));

        Result run = orchestrator("-C", workspace.toString(), "--plan", plan.toString(), "--yes", "--trust",
                "--agent", agent("add-test.sh"), "dark mode");

        assertThat(run.exit()).as(run.all()).isZero();
        List<String> lines = run.stdout().lines().toList();
        assertThat(lines).filteredOn(l -> l.contains("Weak dark mode") && l.contains("✓")).singleElement().asString()
                .contains("changed and verified", WARNING);
        assertThat(lines).filteredOn(l -> l.contains("Strong dark mode") && l.contains("✓")).singleElement().asString()
                .contains("changed and verified").doesNotContain("warning:");
        assertThat(workspace.resolve("test/weak.test.js")).doesNotExist(); // the person's checkout is untouched
    }
}
