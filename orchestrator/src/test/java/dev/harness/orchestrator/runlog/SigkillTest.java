package dev.harness.orchestrator.runlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
            log.append("run_started", null);
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
        } finally {
            child.destroyForcibly(); // SIGKILL
            child.waitFor(30, TimeUnit.SECONDS);
        }

        List<ObjectNode> before = EventLogReader.read(dir.eventsFile(), true).events();
        long lastSeq = before.get(before.size() - 1).get("seq").asLong();
        assertThat(lastSeq).isGreaterThan(10);
        try (EventLog log = EventLog.open(dir)) {
            long next = log.append("run_resumed", null).get("seq").asLong();
            assertThat(next).isGreaterThan(lastSeq); // lastSeq + 1, or + 2 after a log_repaired note
        }
        List<ObjectNode> after = EventLogReader.readAll(dir.eventsFile()); // strict: every line whole again
        assertThat(after.get(after.size() - 1).get("kind").asText()).isEqualTo("run_resumed");
        assertThat(after.subList(0, before.size())).isEqualTo(before);
    }
}
