package dev.harness.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harness.api.run.RunEvent;
import dev.harness.api.run.RunOutcome;
import dev.harness.orchestrator.Orchestrator;
import dev.harness.orchestrator.pipeline.Interruption;
import dev.harness.orchestrator.runlog.EventLogReader;
import dev.harness.orchestrator.runlog.RunDirectory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The signal handler's record, driven directly (no signal is sent): a Ctrl-C after the run's final
 * event logs nothing and says nothing about resuming; before it, the interruption is logged.
 */
class RunSessionInterruptionTest {
    @TempDir
    Path tmp;

    @Test
    void aSignalAfterTheFinalEventRecordsNoInterruption() throws Exception {
        Handled handled = signalled(true);

        assertThat(handled.kinds()).containsExactly("run_started", "execution_complete");
        assertThat(handled.printed()).doesNotContain("Interrupted", "resume");
    }

    @Test
    void aSignalBeforeTheFinalEventIsLoggedWithHowToContinue() throws Exception {
        Handled handled = signalled(false);

        assertThat(handled.kinds()).containsExactly("run_started", "run_interrupted");
        assertThat(handled.printed()).contains("Interrupted (SIGINT)", "Continue with: orchestrator resume");
    }

    private record Handled(List<String> kinds, String printed) {}

    private Handled signalled(boolean ended) throws Exception {
        Path workspace = Files.createDirectories(tmp.resolve("ws"));
        RunDirectory dir = RunDirectory.create(tmp.resolve("state"), RunDirectory.newRunId());
        RunInvocation invocation = Orchestrator.commandLine().parseArgs("-C", workspace.toString(),
                "--state-dir", tmp.resolve("state").toString(), "add dark mode").commandSpec().commandLine().getCommand();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8)); // the console writes to stdout
        try (RunSession session = RunSession.open(invocation.commonOptions(), invocation.runOptions(), workspace, dir)) {
            var ctx = session.context();
            ctx.log().append(new RunEvent.RunStarted("add dark mode", workspace.toString(), null));
            if (ended) {
                ctx.interruption().end(() -> ctx.log().append(new RunEvent.ExecutionComplete(0, 0, 0, RunOutcome.COMPLETED)));
            }
            assertThat(session.recordInterruption(Interruption.Signal.INT)).as("the process ends now").isTrue();
        } finally {
            System.setOut(stdout);
        }
        List<String> kinds = EventLogReader.readAll(dir.eventsFile(), true).stream()
                .map(dev.harness.api.run.LoggedEvent::kind).toList();
        return new Handled(kinds, printed.toString(StandardCharsets.UTF_8));
    }
}
