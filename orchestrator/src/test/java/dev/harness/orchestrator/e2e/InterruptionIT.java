package dev.harness.orchestrator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
 * Ctrl-C in the middle of a task, typed on a real pseudo-terminal (util-linux script): the run is
 * interrupted in order — worker cancelled with its process tree, no service restarted, the log says
 * run_interrupted, status says interrupted — and resume finishes it without re-running what was done.
 */
class InterruptionIT extends E2E {
    @Test
    void ctrlCMidTaskInterruptsTheRunAndResumeCompletesIt() throws Exception {
        copyDashboard();
        Path started = temp.resolve("started");
        Path pidFile = temp.resolve("test.pid");
        // the second task's check blocks the first time (until it is killed) and passes once resumed
        String blocking = "if [ -f " + started + " ]; then exit 0; fi; touch " + started + "; echo $$ > " + pidFile
                + "; exec sleep 120";
        Path plan = planFile(packet("t1", "Check the theme module", List.of("test -d src/theme")),
                packet("t2", "Wait for the interruption", List.of(blocking), "t1"));
        String command = "NO_COLOR=1 " + TerminalGatesIT.quote(ORCHESTRATOR.toString()) + " -C "
                + TerminalGatesIT.quote(workspace.toString()) + " --plan " + TerminalGatesIT.quote(plan.toString())
                + " --yes --trust check";
        ProcessBuilder builder = new ProcessBuilder("script", "-qfec", command, "/dev/null").directory(temp.toFile())
                .redirectErrorStream(true);
        builder.environment().put("XDG_CONFIG_HOME", temp.resolve("config").toString());
        builder.environment().put("HOME", temp.resolve("home").toString());
        builder.environment().put("XDG_STATE_HOME", temp.resolve("state").toString()); // where runDir() looks
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
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(pidFile) || Files.readString(pidFile).isBlank()) {
                assertThat(System.nanoTime() < deadline && process.isAlive()).as("the task never started:%n%s", screen).isTrue();
                Thread.sleep(50);
            }
            long testPid = Long.parseLong(Files.readString(pidFile).strip());
            OutputStream keyboard = process.getOutputStream();
            keyboard.write(3); // Ctrl-C
            keyboard.flush();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(screen.toString()).isTrue();
            assertThat(process.exitValue()).as(screen.toString()).isEqualTo(130);

            String shown = screen.toString();
            assertThat(shown).contains("Interrupted (SIGINT)", "orchestrator resume").doesNotContain("restart", "Exception");
            String id = new Result(0, shown, "").runId();
            JsonNode interrupted = last(id, "run_interrupted");
            assertThat(interrupted.path("signal").asText()).isEqualTo("SIGINT");
            assertThat(interrupted.path("running_tasks").toString()).contains("t2");
            assertThat(events(id, "task_failed")).isEmpty();
            // the task's process tree was killed, not left running
            long killDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (ProcessHandle.of(testPid).map(ProcessHandle::isAlive).orElse(false)) {
                assertThat(System.nanoTime() < killDeadline).as("the task's process %d still runs", testPid).isTrue();
                Thread.sleep(50);
            }

            Result status = orchestrator("-C", workspace.toString(), "status", id);
            assertThat(status.stdout()).contains("Status:     interrupted", "orchestrator resume " + id);

            Result resumed = orchestrator("-C", workspace.toString(), "resume", id, "--yes", "--trust");
            assertThat(resumed.exit()).as(resumed.all()).isZero();
            // the task's next attempt says why there is one: not a failure, the interruption
            assertThat(resumed.stdout()).contains("— attempt 2 (attempt 1 was interrupted)");
            assertThat(events(id, "task_started", "t1")).hasSize(1); // completed before: not run again
            assertThat(events(id, "task_completed", "t2")).hasSize(1);
            assertThat(orchestrator("-C", workspace.toString(), "status", id).stdout()).contains("Status:     completed");
            // without a RUN_ID: the workspace's newest run, this one
            assertThat(orchestrator("-C", workspace.toString(), "status").stdout())
                    .startsWith("The newest run of this workspace.").contains("Run:        " + id, "Status:     completed");
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    /**
     * The planning service runs inside the orchestrator's JVM, so an external planner is the
     * orchestrator's child: it runs in a session of its own, so the terminal's Ctrl-C (SIGINT to
     * the foreground process group) reaches the orchestrator alone, which stops the planner itself.
     */
    @Test
    void ctrlCWhilePlanningReachesTheOrchestratorNotTheExternalPlanner() throws Exception {
        copyDashboard();
        Path pidFile = temp.resolve("planner.pid");
        Path signals = temp.resolve("planner-signals.txt");
        Path planner = temp.resolve("planner.sh");
        Files.writeString(planner, "trap 'echo INT >> " + signals + "' INT\n"
                + "trap 'echo TERM >> " + signals + "; exit 143' TERM\n"
                + "echo $$ > " + pidFile + ".tmp; mv " + pidFile + ".tmp " + pidFile + "\n"
                + "while :; do sleep 120 & wait $!; done\n");
        String command = "NO_COLOR=1 " + TerminalGatesIT.quote(ORCHESTRATOR.toString()) + " -C "
                + TerminalGatesIT.quote(workspace.toString()) + " --yes --trust 'add dark mode'";
        java.util.Map<String, String> env = new java.util.HashMap<>();
        env.put("XDG_CONFIG_HOME", temp.resolve("config").toString());
        env.put("HOME", temp.resolve("home").toString());
        env.put("XDG_STATE_HOME", temp.resolve("state").toString());
        env.put("HARNESS_PLANNER_COMMAND", "bash " + planner);
        env.put("HARNESS_SERVICES", null); // hosted: the planner is the orchestrator's own child
        try (PtySession terminal = new PtySession(command, temp, env)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.exists(pidFile)) {
                assertThat(System.nanoTime() < deadline && terminal.alive()).as("the planner never started:%n%s", terminal.screen()).isTrue();
                Thread.sleep(50);
            }
            long plannerPid = Long.parseLong(Files.readString(pidFile).strip());
            terminal.control(3); // Ctrl-C: the terminal sends SIGINT to its foreground process group
            assertThat(terminal.exit()).as(terminal.screen()).isEqualTo(130);
            assertThat(terminal.screen()).contains("Interrupted (SIGINT)");
            // the orchestrator stopped the planner (SIGTERM to its tree) before it exited; the raw SIGINT never reached it
            assertThat(ProcessHandle.of(plannerPid).map(p -> !dev.harness.protocol.process.ProcessTree.isGone(p)).orElse(false))
                    .as("the planner %d still runs", plannerPid).isFalse();
            assertThat(Files.exists(signals) ? Files.readAllLines(signals) : List.of()).doesNotContain("INT");
        }
    }
}
