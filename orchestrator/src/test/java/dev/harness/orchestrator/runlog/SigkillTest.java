package dev.harness.orchestrator.runlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.harness.api.run.Gate;
import dev.harness.api.run.LoggedEvent;
import dev.harness.api.worker.ApprovalSource;
import dev.harness.api.run.RunEvent;
import dev.harness.api.run.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A writer killed with SIGKILL mid-stream: its lock goes with it, and the log stays usable. */
class SigkillTest {
    @TempDir
    Path stateDir;

    @Test
    @Timeout(90)
    void aKilledWritersLogReopensAndContinuesItsSeq() throws Exception {
        RunDirectory dir = RunDirectory.create(stateDir, "killed");
        try (EventLog log = EventLog.open(dir)) {
            log.append(new RunEvent.RunStarted("x", null, null));
            log.append(new RunEvent.GateApproved(Gate.PLAN, "d", "ana", ApprovalSource.CLI_FLAG, "--yes", null));
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                AppendingProcess.class.getName(), stateDir.toString(), "killed")
                .redirectErrorStream(true).redirectOutput(stateDir.resolve("child.out").toFile()).start();
        try {
            while (Files.size(dir.eventsFile()) < 2_000_000) {
                assertThat(child.isAlive()).as("child still appending; its output: %s",
                        Files.readString(stateDir.resolve("child.out"))).isTrue();
                Thread.sleep(20);
            }
            // while it lives, nobody else may write the run
            assertThatThrownBy(() -> EventLog.open(dir)).isInstanceOf(RunLogException.class)
                    .hasMessageContaining("another orchestrator process");
            assertThat(EventLog.writerActive(dir)).isTrue();
        } finally {
            child.destroyForcibly(); // SIGKILL
            child.waitFor(30, TimeUnit.SECONDS);
        }

        assertThat(EventLog.writerActive(dir)).as("the killed writer's lock went with it").isFalse();
        List<LoggedEvent> before = EventLogReader.read(dir.eventsFile(), true).events();
        long lastSeq = before.get(before.size() - 1).seq();
        assertThat(RunState.rebuild(before).status(false)).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(lastSeq).isGreaterThan(10);
        try (EventLog log = EventLog.open(dir)) {
            long next = log.append(new RunEvent.RunResumed(RunStatus.INTERRUPTED, List.of(), null)).seq();
            assertThat(EventLog.writerActive(dir)).isTrue();
            assertThat(next).isGreaterThan(lastSeq); // lastSeq + 1, or + 2 after a log_repaired note
        }
        List<LoggedEvent> after = EventLogReader.readAll(dir.eventsFile()); // strict: every line whole again
        assertThat(after.get(after.size() - 1).kind()).isEqualTo("run_resumed");
        assertThat(after.subList(0, before.size())).isEqualTo(before);
    }
}
