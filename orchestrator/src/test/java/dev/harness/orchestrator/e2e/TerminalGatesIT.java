package dev.harness.orchestrator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harness.protocol.process.ProcessTree;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The interactive gates, driven through a real pseudo-terminal (util-linux script) as a person would. */
class TerminalGatesIT extends E2E {
    private Path plan;

    @BeforeEach
    void workspace() {
        copyDashboard();
        plan = planFile(packet("t1", "Check the theme module", List.of("test -d src/theme")),
                packet("t2", "Check the dashboard module", List.of("test -d src/dashboard"), "t1"));
    }

    /** The orchestrator on a terminal: its output is read as it comes, answers are typed when asked. */
    final class Session implements AutoCloseable {
        private final Process process;
        private final StringBuffer screen = new StringBuffer();
        private final OutputStream keyboard;

        Session(String extraEnv) throws IOException {
            String command = (extraEnv.isEmpty() ? "" : extraEnv + " ") + "NO_COLOR=1 " + quote(ORCHESTRATOR.toString())
                    + " -C " + quote(workspace.toString()) + " --plan " + quote(plan.toString()) + " check";
            ProcessBuilder builder = new ProcessBuilder("script", "-qfec", command, "/dev/null").directory(temp.toFile())
                    .redirectErrorStream(true);
            builder.environment().put("XDG_CONFIG_HOME", temp.resolve("config").toString());
            builder.environment().put("XDG_STATE_HOME", temp.resolve("state").toString()); // where runDir() looks
            builder.environment().remove("HARNESS_TRUST_POLICY");
            process = builder.start();
            keyboard = process.getOutputStream();
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
        }

        /** Waits until the screen shows {@code text} for the {@code nth} time (1-based), then types the answer. */
        void answer(String text, int nth, String typed) throws Exception {
            await(text, nth);
            keyboard.write((typed + "\n").getBytes(StandardCharsets.UTF_8));
            keyboard.flush();
        }

        /** Waits until the screen shows {@code text} for the {@code nth} time (1-based). */
        void await(String text, int nth) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (count(screen.toString(), text) < nth) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    throw new AssertionError("never saw '" + text + "' (" + nth + "x) on the terminal:\n" + screen);
                }
                Thread.sleep(50);
            }
        }

        int exit() throws Exception {
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).as(screen.toString()).isTrue();
            return process.exitValue();
        }

        String screen() {
            return screen.toString();
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    private static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    @Test
    void aPersonApprovesThePlanAndTrustsTheWorkspaceAtTheTerminal() throws Exception {
        try (Session session = new Session("")) {
            session.answer("Approve this plan?", 1, "a");
            session.answer("Trust this workspace for this run?", 1, "y");
            assertThat(session.exit()).as(session.screen()).isZero();
            String id = new Result(0, session.screen(), "").runId();
            List<JsonNode> approvals = events(id, "gate_approved");
            assertThat(approvals).anySatisfy(a -> {
                assertThat(a.path("gate").asText()).isEqualTo("plan");
                assertThat(a.path("source").asText()).isEqualTo("human_tty");
                assertThat(a.path("approver").asText()).isNotBlank();
                assertThat(a.path("digest").asText()).hasSize(64);
            });
            // trust is the run's: asked once, right after the plan gate and before the bootstrap, recorded once
            // for the approved plan; each worker's own approval is the run's grant covering its packet
            assertThat(approvals).filteredOn(a -> a.path("gate").asText().equals("trust")).singleElement()
                    .satisfies(a -> {
                        assertThat(a.path("source").asText()).isEqualTo("human_tty");
                        assertThat(a.path("digest").asText()).isEqualTo(last(id, "plan_created").path("digest").asText());
                    });
            assertThat(count(session.screen(), "Trust this workspace for this run?")).isEqualTo(1);
            assertThat(session.screen().indexOf("Trust this workspace for this run?"))
                    .isLessThan(session.screen().indexOf("[Bootstrap"));
            assertThat(events(id, "trust_resolved")).hasSize(2)
                    .allSatisfy(e -> assertThat(e.at("/payload/source").asText()).isEqualTo("human_tty"));
            assertThat(session.screen()).contains("[Task 2/2] ✓ Check the dashboard module");
        }
    }

    @Test
    void aPersonEditsThePlanInTheirEditorThenApprovesTheEditedPlan() throws Exception {
        Path editor = temp.resolve("edit-plan.sh");
        Files.writeString(editor, "#!/bin/sh\nsed -i 's/Check the dashboard module/Check the dashboard cards/' \"$1\"\n");
        Files.setPosixFilePermissions(editor, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (Session session = new Session("EDITOR=" + quote(editor.toString()))) {
            session.answer("Approve this plan?", 1, "e");
            session.answer("Approve this plan?", 2, "a");
            session.answer("Trust this workspace for this run?", 1, "y");
            assertThat(session.exit()).as(session.screen()).isZero();
            String id = new Result(0, session.screen(), "").runId();
            JsonNode modified = last(id, "gate_modified");
            assertThat(modified.path("packets").get(1).path("title").asText()).isEqualTo("Check the dashboard cards");
            JsonNode approved = events(id, "gate_approved").stream()
                    .filter(a -> a.path("gate").asText().equals("plan")).findFirst().orElseThrow();
            assertThat(approved.path("digest").asText()).isEqualTo(modified.path("digest").asText());
            assertThat(session.screen()).contains("[Task 2/2] ✓ Check the dashboard cards");
        }
    }

    @Test
    void anInvalidEditReopensTheEditorOnThePersonsOwnTextWithTheErrorOnTop() throws Exception {
        // first opening: the person renames a task and leaves a stray word (invalid JSON); second opening
        // (the error on top, their rename still there): they remove the word
        Path seen = temp.resolve("second-opening.txt");
        Path editor = temp.resolve("edit-plan.sh");
        Files.writeString(editor, "#!/bin/sh\nif head -1 \"$1\" | grep -q '^// The edited plan was not accepted'; then\n"
                + "  cp \"$1\" " + quote(seen.toString()) + "; sed -i 's/ oops//' \"$1\"\n"
                + "else sed -i 's/\"Check the dashboard module\"/\"Check the dashboard cards\" oops/' \"$1\"; fi\n");
        Files.setPosixFilePermissions(editor, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (Session session = new Session("EDITOR=" + quote(editor.toString()))) {
            session.answer("Approve this plan?", 1, "e");
            session.answer("Approve this plan?", 2, "a");
            session.answer("Trust this workspace for this run?", 1, "y");
            assertThat(session.exit()).as(session.screen()).isZero();
            assertThat(Files.readString(seen)).contains("not valid JSON (line", "\"Check the dashboard cards\" oops");
            String id = new Result(0, session.screen(), "").runId();
            assertThat(last(id, "gate_modified").path("packets").get(1).path("title").asText()).isEqualTo("Check the dashboard cards");
        }
    }

    @Test
    void aPersonAsksForAChangeInPlainWordsAndApprovesTheRefinedPlan() throws Exception {
        try (Session session = new Session("")) {
            session.answer("Approve this plan?", 1, "f");
            session.answer("What should change?", 1, "drop task 2");
            session.answer("Approve this plan?", 2, "a");
            session.answer("Trust this workspace for this run?", 1, "y");
            assertThat(session.exit()).as(session.screen()).isZero();
            String id = new Result(0, session.screen(), "").runId();
            JsonNode modified = last(id, "gate_modified");
            assertThat(modified.path("comment").asText()).isEqualTo("drop task 2");
            assertThat(modified.path("packets")).hasSize(1);
            assertThat(events(id, "task_completed")).hasSize(1);
            assertThat(events(id, "task_started", "t2")).isEmpty();
        }
    }

    @Test
    void feedbackThatMovesATaskOutsideTheWorkspaceLeavesThePlanUnchanged() throws Exception {
        try (Session session = new Session("")) {
            session.answer("Approve this plan?", 1, "f");
            session.answer("What should change?", 1, "set the scope of task 2 to ../../etc");
            session.answer("Approve this plan?", 2, "a");
            session.answer("Trust this workspace for this run?", 1, "y");
            assertThat(session.exit()).as(session.screen()).isZero();
            assertThat(session.screen()).contains("outside the workspace", "the plan was left unchanged");
            String id = new Result(0, session.screen(), "").runId();
            assertThat(events(id, "gate_modified")).isEmpty();
            assertThat(events(id, "task_completed")).hasSize(2);
        }
    }

    @Test
    void refusingTrustRejectsTheRunWithoutFailingATask() throws Exception {
        try (Session session = new Session("")) {
            session.answer("Approve this plan?", 1, "a");
            session.answer("Trust this workspace for this run?", 1, "n");
            assertThat(session.exit()).as(session.screen()).isEqualTo(1);
            String id = new Result(0, session.screen(), "").runId();
            assertThat(session.screen()).contains("Trust was refused", "nothing was bootstrapped or run");
            assertThat(last(id, "execution_complete").path("status").asText()).isEqualTo("rejected");
            assertThat(last(id, "gate_rejected").path("gate").asText()).isEqualTo("trust");
            assertThat(events(id, "bootstrap_phase_started")).isEmpty();
            assertThat(events(id, "task_started")).isEmpty();
            assertThat(events(id, "task_failed")).isEmpty();
            assertThat(orchestrator("status", id, "-C", workspace.toString()).stdout()).contains("Status:     rejected");
        }
    }

    /** What the refine says of its change (a task it added that lists no files, and why) is shown with the new plan. */
    @Test
    void theRefinedPlanIsShownWithWhatTheRefineSaysOfIt() throws Exception {
        try (Session session = new Session("")) {
            session.answer("Approve this plan?", 1, "f");
            session.answer("What should change?", 1, "add a task to zorblax the quuxification");
            session.answer("Approve this plan?", 2, "r");
            session.answer("Why (optional)?", 1, "seen enough");
            assertThat(session.exit()).as(session.screen()).isEqualTo(1);
            String screen = session.screen();
            assertThat(screen.indexOf("warning: plan: The new task t3 lists no files: no file's name or content matched its words"))
                    .as(screen).isGreaterThan(screen.indexOf("What should change?"));
            String id = new Result(0, screen, "").runId();
            assertThat(last(id, "gate_modified").path("packets")).hasSize(3);
        }
    }

    @Test
    void aPersonRejectsThePlanAndNothingRuns() throws Exception {
        try (Session session = new Session("")) {
            session.answer("Approve this plan?", 1, "r");
            session.answer("Why (optional)?", 1, "not this week");
            assertThat(session.exit()).as(session.screen()).isEqualTo(1);
            String id = new Result(0, session.screen(), "").runId();
            assertThat(last(id, "gate_rejected").path("comment").asText()).isEqualTo("not this week");
            assertThat(events(id, "bootstrap_phase_started")).isEmpty();
            assertThat(events(id, "task_started")).isEmpty();
        }
    }

    /**
     * While the plan waits for an answer the worker manager is already started (its JVM start is not paid
     * after "approve"), yet it has been asked for nothing: no worker, no trust grant. A refusal ends it at
     * EOF, not by a signal.
     */
    @Test
    void theWorkerManagerStartsWhileThePlanIsReadAndARefusalEndsItCleanly() throws Exception {
        try (Session session = new Session("")) {
            session.await("Approve this plan?", 1);
            String id = new Result(0, session.screen(), "").runId();
            Path log = runDir(id).resolve("services").resolve("worker-manager.stderr.log");
            Path stateDir = runDir(id).resolve("workers");
            ProcessHandle manager = awaitProcess("--state-dir " + stateDir);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); // a failure bound only
            while (!(Files.exists(log) && Files.readString(log).contains("state in " + stateDir))) {
                assertThat(System.nanoTime()).as("the worker manager ready before approval").isLessThan(deadline);
                Thread.sleep(50);
            }
            try (Stream<Path> records = Files.list(stateDir.resolve("records"))) {
                assertThat(records).as("no worker before approval").isEmpty();
            }
            assertThat(events(id, "gate_approved")).isEmpty();
            assertThat(events(id, "trust_resolved")).isEmpty();
            assertThat(events(id).stream().map(e -> e.path("kind").asText())).noneMatch(k -> k.startsWith("worker_"));

            session.answer("Approve this plan?", 1, "r");
            session.answer("Why (optional)?", 1, "");
            assertThat(session.exit()).as(session.screen()).isEqualTo(1);
            assertThat(ProcessTree.awaitGone(manager, Duration.ofSeconds(30))).as("the worker manager exited").isTrue();
            assertThat(Files.readString(log)).doesNotContain("terminating");
            assertThat(events(id, "task_started")).isEmpty();
        }
    }

    /** The one live process whose command line has {@code marker} (the run's worker state directory). */
    private static ProcessHandle awaitProcess(String marker) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); // a failure bound only
        while (true) {
            Optional<ProcessHandle> found = ProcessHandle.allProcesses()
                    .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains(marker)).orElse(false))
                    .findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            assertThat(System.nanoTime()).as("a process with " + marker).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
