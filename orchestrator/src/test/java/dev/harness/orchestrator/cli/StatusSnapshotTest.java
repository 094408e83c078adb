package dev.harness.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harness.orchestrator.Orchestrator;
import dev.harness.orchestrator.runlog.EventLog;
import dev.harness.orchestrator.runlog.RunDirectory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code status} prints a run from status.json only while the log, the path to it and the build are
 * exactly what it was made from; its output is always what replaying the log prints.
 */
class StatusSnapshotTest {
    private static final String RUN = "20261130-000000-cds0";
    /** A recorded run: tasks completed, failed with an escalation, skipped; a pause and a resume. */
    private static final Path RECORDED = Path.of("src", "main", "cds", "state", RUN, "events.jsonl");

    @TempDir
    Path tmp;

    private Path state() {
        return tmp.resolve("state");
    }

    private Path run(List<String> lines) throws Exception {
        Path dir = Files.createDirectories(state().resolve(RUN));
        Files.write(dir.resolve("events.jsonl"), lines);
        return dir;
    }

    private String status(String... more) {
        return status(state(), more);
    }

    private String status(Path stateDir, String... more) {
        String[] args = new String[3 + more.length];
        args[0] = "status";
        args[1] = RUN;
        args[2] = "--state-dir=" + stateDir;
        System.arraycopy(more, 0, args, 3, more.length);
        CommandLine cli = new CommandLine(Orchestrator.commandLineFor(args));
        PrintStream systemOut = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            assertThat(cli.run(args)).as(cli.err()).isZero();
        } finally {
            System.setOut(systemOut);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }

    /** What replaying the log prints: the same command with no snapshot to read. */
    private String replayed(String... more) throws Exception {
        Files.deleteIfExists(state().resolve(RUN).resolve("status.json"));
        String out = status(more);
        return out;
    }

    /** Rewrites every kept output, so the next status shows whether it read the snapshot or the log. */
    private void markSnapshot() throws Exception {
        Path file = state().resolve(RUN).resolve("status.json");
        Files.writeString(file, Files.readString(file).replace("Objective:", "OBJECTIVE:").replace("\"run_id\\\"", "\"RUN_ID\\\""));
    }

    @Test
    void anUnchangedLogPrintsWhatItsReplayPrints() throws Exception {
        Path dir = run(Files.readAllLines(RECORDED));
        for (String[] view : new String[][] {{}, {"--json"}}) {
            String first = status(view);
            assertThat(dir.resolve("status.json")).isRegularFile();
            assertThat(first).contains(view.length == 0 ? "Objective:" : "\"run_id\"");
            assertThat(status(view)).isEqualTo(first);
            assertThat(replayed(view)).isEqualTo(first);
        }
        status();
        status("--json");
        markSnapshot();
        assertThat(status()).contains("OBJECTIVE:"); // both views were kept, and used
        assertThat(status("--json")).contains("\"RUN_ID\"");
    }

    @Test
    void aChangedLogIsReplayed() throws Exception {
        Path dir = run(Files.readAllLines(RECORDED));
        String before = status();
        markSnapshot();
        // a torn last line (a writer killed mid-write): the log changed, and status says so
        Files.writeString(dir.resolve("events.jsonl"), "{\"seq\":62,\"ti", StandardOpenOption.APPEND);
        String after = status();
        assertThat(after).isNotEqualTo(before).contains("Objective:", "dropped an incomplete last line");
        assertThat(status()).isEqualTo(after).isEqualTo(replayed());
    }

    @Test
    void anotherPathToTheSameLogIsReplayed() throws Exception {
        run(Files.readAllLines(RECORDED));
        status();
        markSnapshot();
        Path link = Files.createSymbolicLink(tmp.resolve("link"), state());
        String viaLink = status(link);
        assertThat(viaLink).contains("Objective:", "Log:        " + link.resolve(RUN).resolve("events.jsonl"));
        assertThat(status(link)).isEqualTo(viaLink);
    }

    /** A log that says running: whether its writer is alive is asked every time, the snapshot kept for both. */
    @Test
    void aRunningRunShowsWhetherItsWriterIsAliveEachTime() throws Exception {
        Path dir = run(Files.readAllLines(RECORDED).subList(0, 25));
        String interrupted = status();
        assertThat(interrupted).contains("Status:     interrupted");
        try (EventLog writer = EventLog.open(RunDirectory.open(state(), RUN))) {
            String running = status();
            assertThat(running).contains("Status:     running", "An orchestrator is running it now.");
            assertThat(status("--json")).contains("\"status\":\"running\"");
        }
        assertThat(status()).isEqualTo(interrupted);
        assertThat(status("--json")).contains("\"status\":\"interrupted\"");
    }

    /** A command line with its own error stream. */
    private record CommandLine(picocli.CommandLine cli, StringWriter errors) {
        CommandLine(picocli.CommandLine cli) {
            this(cli, new StringWriter());
            cli.setErr(new PrintWriter(errors));
        }

        int run(String... args) {
            return cli.execute(args);
        }

        String err() {
            return errors.toString();
        }
    }
}
