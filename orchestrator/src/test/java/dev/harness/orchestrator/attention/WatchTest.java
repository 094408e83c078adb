package dev.harness.orchestrator.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.harness.orchestrator.Orchestrator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code orchestrator watch} in another JVM, following a log this test writes as an orchestrator
 * would: through a pseudo-terminal (tmux, whose screen is read back) and through a pipe (plain).
 */
class WatchTest {
    @TempDir
    Path temp;

    private List<String> watchCommand(String runId) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                Orchestrator.class.getName(), "watch"));
        if (runId != null) {
            command.add(runId);
        }
        command.addAll(List.of("--state-dir", temp.resolve("runs").toString(), "--interval", "50"));
        return command;
    }

    /**
     * Without RUN, watch follows the newest run and ends with it, saying which run it follows: an
     * older run parked at its plan gate (its orchestrator still holding it) no longer keeps it open.
     */
    @Test
    void withoutARunIdItFollowsTheNewestRunAndEndsWithIt() throws Exception {
        try (RunScript old = new RunScript(temp.resolve("runs"), "run-1-old", RunScript.tree()).awaitApproval();
                RunScript run = new RunScript(temp.resolve("runs"), "run-2-new", RunScript.tree()).approve().start("a")) {
            ProcessBuilder builder = new ProcessBuilder(watchCommand(null)).redirectErrorStream(true);
            builder.environment().put("NO_COLOR", "1");
            builder.environment().remove("HARNESS_PROGRAM");
            Process watch = builder.start();
            ByteArrayOutputStream seen = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            while (!seen.toString(StandardCharsets.UTF_8).contains("▶ a running")) {
                int n = watch.getInputStream().read(buffer);
                assertTrue(n > 0, "watch ended early: " + seen);
                seen.write(buffer, 0, n);
            }
            run.complete("a").start("b").complete("b").start("c").complete("c").finish();
            // a bound on failure only: before this fix watch kept following run-1-old and never ended
            boolean ended = watch.waitFor(60, TimeUnit.SECONDS);
            if (!ended) {
                watch.destroyForcibly().waitFor();
            }
            seen.write(watch.getInputStream().readAllBytes());
            assertTrue(ended, "watch ended with the newest run: " + seen);
            String out = seen.toString(StandardCharsets.UTF_8);
            assertEquals(0, watch.exitValue(), out);
            assertTrue(out.startsWith("Following run run-2-new, the newest of this workspace (1 older: orchestrator runs;"
                    + " orchestrator watch RUN_ID for one of them).\n"), out);
            assertFalse(out.contains("run-1-old"), out);
            assertTrue(out.trim().endsWith("Run ended: completed"), out);
        }
    }

    @Test
    void withoutARunIdAndNoRunItSaysSoAndEnds() throws Exception {
        Process watch = new ProcessBuilder(watchCommand(null)).redirectErrorStream(true).start();
        String out = new String(watch.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(watch.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, watch.exitValue(), out);
        assertTrue(out.startsWith("No run in this workspace yet"), out);
    }

    @Test
    void aTerminalScreenShowsTasksChangingStateUntilTheRunEnds() throws Exception {
        assumeTrue(run("tmux", "-V") == 0, "tmux is not installed: the pseudo-terminal test needs it");
        Path socket = temp.resolve("tmux.sock");
        try (RunScript run = new RunScript(temp.resolve("runs"), "run-tty", RunScript.tree()).awaitApproval()) {
            Path script = temp.resolve("watch.sh");
            Files.writeString(script, "#!/bin/sh\nunset NO_COLOR\nexport TERM=xterm-256color COLUMNS=100\n"
                    + String.join(" ", watchCommand("run-tty").stream().map(a -> "'" + a + "'").toList())
                    + "\necho WATCH-EXIT=$?\nsleep 600\n");
            script.toFile().setExecutable(true);
            assertEquals(0, run("tmux", "-S", socket.toString(), "new-session", "-d", "-x", "120", "-y", "30",
                    script.toString()));
            try {
                String screen = screenUntil(socket, s -> s.contains("Waiting for approval of the plan"));
                assertTrue(screen.contains("· a pending"), screen);
                assertTrue(screen.contains("└─· b pending"), screen);

                run.approve().start("a").output("a", "compiling\nsrc/theme.js ok\n");
                screen = screenUntil(socket, s -> s.contains("▶ a running") && s.contains("src/theme.js ok"));
                assertFalse(screen.contains("Waiting for"), screen);

                run.complete("a").start("b").start("c");
                screen = screenUntil(socket, s -> s.contains("✓ a completed") && s.contains("▶ b running") && s.contains("▶ c running"));

                run.complete("b").complete("c").finish();
                screen = screenUntil(socket, s -> s.contains("WATCH-EXIT="));
                assertTrue(screen.contains("WATCH-EXIT=0"), screen);
                assertTrue(screen.contains("✓ c completed"), screen);
                assertTrue(screen.contains("Run ended: completed"), screen);
            } finally {
                run("tmux", "-S", socket.toString(), "kill-server");
            }
        }
    }

    @Test
    void withoutATerminalTheOutputIsPlainAndEndsWithTheRun() throws Exception {
        try (RunScript run = new RunScript(temp.resolve("runs"), "run-plain", RunScript.tree(), temp.resolve("runs"),
                new dev.harness.api.worker.Budget(1.0, null)).approve().start("a").usage("a", 0.0421, 12, 340)) {
            ProcessBuilder builder = new ProcessBuilder(watchCommand("run-plain")).redirectErrorStream(true);
            builder.environment().remove("NO_COLOR");
            builder.environment().put("TERM", "xterm-256color");
            Process watch = builder.start();
            ByteArrayOutputStream seen = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            while (!seen.toString(StandardCharsets.UTF_8).contains("▶ a running")) {
                int n = watch.getInputStream().read(buffer);
                assertTrue(n > 0, "watch ended early: " + seen);
                seen.write(buffer, 0, n);
            }
            run.complete("a").start("b").complete("b").start("c").complete("c").finish();
            seen.write(watch.getInputStream().readAllBytes());
            assertTrue(watch.waitFor(60, TimeUnit.SECONDS));
            String out = seen.toString(StandardCharsets.UTF_8);
            assertEquals(0, watch.exitValue(), out);
            assertFalse(out.contains("\u001b"), "no escape sequences in plain output: " + out);
            assertTrue(out.contains("✓ c completed"), out);
            assertTrue(out.contains("Spent: $0.0421, 352 tokens (12 in, 340 out), 2 turns, 1 attempt · Budget: $1.00 for the run"
                    + " · $0.9579 left"), "what the run spent, against its budget: " + out);
            assertTrue(out.trim().endsWith("Run ended: completed"), out);
        }
    }

    private String screenUntil(Path socket, Predicate<String> wanted) throws Exception {
        String screen = "";
        for (int i = 0; i < 600; i++) {
            screen = capture(socket);
            if (wanted.test(screen)) {
                return screen;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the screen never showed what was expected:\n" + screen);
    }

    private static String capture(Path socket) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("tmux", "-S", socket.toString(), "capture-pane", "-p", "-J").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    private static int run(String... command) {
        try {
            Process p = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
