package dev.harness.orchestrator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A person deciding after an escalation sees why without opening a log: the real failing
 * {@code node --test} assertion, the failing-test count and the full log's path, at the prompt,
 * and again in {@code status}.
 */
class EvidenceIT extends E2E {
    private static boolean nodeInstalled() {
        try {
            return new ProcessBuilder("node", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void theEscalationPromptShowsTheFailingAssertionOfARealNodeTest() throws Exception {
        assumeTrue(nodeInstalled(), "node is not installed");
        copyDashboard();
        Path test = workspace.resolve("test/theme.test.js");
        String source = Files.readString(test);
        String broken = source.replaceFirst("assert\\.(strictEqual|equal)\\(", "assert.strictEqual('broken', ");
        assertThat(broken).isNotEqualTo(source);
        Files.writeString(test, broken);
        Path plan = planFile(packet("t1", "Run the dashboard tests", List.of("node --test test/")));
        String command = "NO_COLOR=1 " + TerminalGatesIT.quote(ORCHESTRATOR.toString()) + " -C "
                + TerminalGatesIT.quote(workspace.toString()) + " --plan " + TerminalGatesIT.quote(plan.toString())
                + " --recipes " + TerminalGatesIT.quote(FAST_RECIPES.toString()) + " --yes --trust check";
        ProcessBuilder builder = new ProcessBuilder("script", "-qfec", command, "/dev/null").directory(temp.toFile())
                .redirectErrorStream(true);
        builder.environment().put("XDG_CONFIG_HOME", temp.resolve("config").toString());
        builder.environment().put("XDG_STATE_HOME", temp.resolve("state").toString()); // where runDir() looks
        builder.environment().put("HOME", temp.resolve("home").toString());
        builder.environment().remove("HARNESS_TRUST_POLICY");
        Process process = builder.start();
        StringBuffer screen = new StringBuffer();
        Thread reader = new Thread(() -> {
            try (InputStream in = process.getInputStream()) {
                byte[] buffer = new byte[4096];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    screen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                screen.append("\n[read failed: ").append(e).append("]");
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!screen.toString().contains("Retry, skip this task, or abort the run?")) {
                assertThat(System.nanoTime() < deadline && process.isAlive()).as("no escalation prompt:%n%s", screen).isTrue();
                Thread.sleep(50);
            }
            String prompt = screen.toString();
            assertThat(prompt).contains("check `node --test test/` failed: exit 1, 1 failing test",
                    "not ok", "expected: ", "actual: 'broken'", "full log: ");
            // the evidence comes before the question, where the decision is made
            assertThat(prompt.indexOf("actual: 'broken'")).isLessThan(prompt.indexOf("Retry, skip this task"));
            OutputStream keyboard = process.getOutputStream();
            keyboard.write("s\n".getBytes(StandardCharsets.UTF_8));
            keyboard.flush();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(screen.toString()).isTrue();
            String id = new Result(0, screen.toString(), "").runId();
            String logLine = prompt.lines().filter(l -> l.contains("full log: ")).findFirst().orElseThrow();
            Path log = Path.of(logLine.substring(logLine.indexOf("full log: ") + "full log: ".length()).strip());
            assertThat(Files.readString(log)).contains("not ok");
            assertThat(screen.toString()).contains("Skipped:");
            assertThat(events(id, "task_skipped", "t1")).hasSize(1);
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    @Test
    void statusAndTheFailureLineShowTheEvidenceWithoutATerminal() throws Exception {
        copyDashboard();
        // two checks fail: the task line (the worker manager's reason), the evidence under it and
        // status all name the first one, with its own log, and count the other
        String firstCheck = "echo 'not ok 1 - fixed.txt exists'; echo '# fail 1'; test -f fixed.txt";
        Path plan = planFile(packet("t1", "Check the fix", List.of(firstCheck, "echo 'second check broken'; exit 2")));
        Result first = orchestrator(java.util.Map.of(), List.of("-C", workspace.toString(), "--plan", plan.toString(),
                "--yes", "--trust", "--recipes", FAST_RECIPES.toString(), "check"));
        assertThat(first.exit()).as(first.all()).isEqualTo(3);
        String headline = "check `" + firstCheck + "` failed: exit 1, 1 failing test (and 1 more check failed)";
        // the task line may be cut to the terminal's width: the check it names starts the same
        assertThat(first.stdout()).contains("(check `echo 'not ok 1 - fixed.txt exist", headline, "not ok 1 - fixed.txt exists",
                "full log: ", "test-1.log");
        assertThat(first.stdout()).doesNotContain("test-2.log");
        String id = first.runId();
        Result status = orchestrator("status", id, "-C", workspace.toString());
        assertThat(status.stdout()).contains("Task t1: " + headline, "  not ok 1 - fixed.txt exists", "test-1.log");
        assertThat(status.stdout()).doesNotContain("test-2.log");
    }
}
