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
 * {@code status} and {@code events} print a run from status-output.properties / events-output.properties only while the log, the path to it and the build are
 * exactly what it was made from; its output is always what replaying the log prints.
 */
class OutputSnapshotTest {
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
        return command("status", stateDir, more);
    }

    /** What {@code COMMAND RUN --state-dir=DIR MORE...} printed: stdout, then "stderr:" and stderr. */
    private static String command(String name, Path stateDir, String... more) {
        String[] args = new String[3 + more.length];
        args[0] = name;
        args[1] = RUN;
        args[2] = "--state-dir=" + stateDir;
        System.arraycopy(more, 0, args, 3, more.length);
        CommandLine cli = new CommandLine(Orchestrator.commandLineFor(args));
        PrintStream systemOut = System.out;
        PrintStream systemErr = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ByteArrayOutputStream warned = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(warned, true, StandardCharsets.UTF_8));
        try {
            assertThat(cli.run(args)).as(cli.err()).isZero();
        } finally {
            System.setOut(systemOut);
            System.setErr(systemErr);
        }
        String err = warned.toString(StandardCharsets.UTF_8);
        return printed.toString(StandardCharsets.UTF_8) + (err.isEmpty() ? "" : "stderr:" + err);
    }

    private String events(String... more) {
        return command("events", state(), more);
    }

    private String eventsReplayed(String... more) throws Exception {
        Files.deleteIfExists(state().resolve(RUN).resolve("events-output.properties"));
        return events(more);
    }

    @Test
    void eventsOfAnUnchangedLogPrintWhatTheirReplayPrints() throws Exception {
        Path dir = run(Files.readAllLines(RECORDED));
        Files.writeString(dir.resolve("events.jsonl"), "{\"seq\":62,\"ti", StandardOpenOption.APPEND); // torn: a warning
        for (String[] query : new String[][] {{}, {"--json"}, {"--kind", "task_*", "--json"}, {"--kind", "gate_rejected"},
                {"--task", "t2"}, {"--since", "2020-01-01"}}) {
            String first = events(query);
            assertThat(dir.resolve("events-output.properties")).isRegularFile();
            assertThat(first).as(String.join(" ", query)).contains("stderr:orchestrator: warning:");
            assertThat(events(query)).as(String.join(" ", query)).isEqualTo(first).isEqualTo(eventsReplayed(query));
        }
        assertThat(events("--kind", "gate_rejected")).contains("no event matched --kind gate_rejected; this run's kinds are: ");
        String table = events();
        Path file = dir.resolve("events-output.properties");
        Files.writeString(file, Files.readString(file).replace("SEQ", "Seq"));
        assertThat(events()).isEqualTo(table.replace("SEQ", "Seq")); // the kept output was used
        assertThat(events("--json")).doesNotContain("Seq").isEqualTo(eventsReplayed("--json")); // another query
        assertThat(events()).contains("SEQ"); // ...and replayed it, the snapshot then kept the table anew
        for (String kind : new String[] {"task_started", "task_failed", "spawning", "running"}) {
            events("--kind", kind); // four more queries: the table's output is the oldest kept, and goes
        }
        Files.writeString(file, Files.readString(file).replace("SEQ", "Seq"));
        assertThat(events()).contains("SEQ");
        Files.writeString(dir.resolve("events.jsonl"), "\n", StandardOpenOption.APPEND); // the torn line completed: changed
        assertThatThrownByCorruptLog();
    }

    /** The log changed into a corrupt one: the command fails as on any corrupt log, snapshot or not. */
    private void assertThatThrownByCorruptLog() {
        String[] args = {"events", RUN, "--state-dir=" + state(), "--json"};
        CommandLine cli = new CommandLine(Orchestrator.commandLineFor(args));
        assertThat(cli.run(args)).isEqualTo(2);
        assertThat(cli.err()).contains("events.jsonl:62");
    }

    /** A misspelt --kind is a usage error naming the kinds, not an empty table with exit 0; a known prefix is not */
    @Test
    void anUnknownKindIsRefusedNamingTheKinds() throws Exception {
        run(Files.readAllLines(RECORDED));
        for (int round = 0; round < 2; round++) { // the second time, with the first answer's snapshot on disk
            String[] args = {"events", RUN, "--state-dir=" + state(), "--kind", "task_started,nosuchkind"};
            CommandLine cli = new CommandLine(Orchestrator.commandLineFor(args));
            PrintStream systemOut = System.out;
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            try {
                assertThat(cli.run(args)).isEqualTo(2);
            } finally {
                System.setOut(systemOut);
            }
            assertThat(printed.toString(StandardCharsets.UTF_8)).isEmpty();
            assertThat(cli.err()).contains("--kind: no such event kind: nosuchkind", "the kinds are: ", "gate_approved", "task_started");
            assertThat(events("--kind", "task_*")).contains("task_started");
        }
    }

    /** What replaying the log prints: the same command with no snapshot to read. */
    private String replayed(String... more) throws Exception {
        Files.deleteIfExists(state().resolve(RUN).resolve("status-output.properties"));
        String out = status(more);
        return out;
    }

    /** Rewrites every kept output, so the next status shows whether it read the snapshot or the log. */
    private void markSnapshot() throws Exception {
        Path file = state().resolve(RUN).resolve("status-output.properties");
        // kept as printed, after the key (the same length: each output's size is written above it)
        Files.writeString(file, Files.readString(file).replace("Objective:", "OBJECTIVE:").replace("\"run_id\":", "\"RUN_ID\":"));
    }

    @Test
    void anUnchangedLogPrintsWhatItsReplayPrints() throws Exception {
        Path dir = run(Files.readAllLines(RECORDED));
        for (String[] view : new String[][] {{}, {"--json"}}) {
            String first = status(view);
            assertThat(dir.resolve("status-output.properties")).isRegularFile();
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

    /** An output showing what looks like a secret is never written to disk (the console masks it when printed). */
    @Test
    void anOutputWithASecretIsNotKept() throws Exception {
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(RECORDED));
        com.fasterxml.jackson.databind.node.ObjectNode first =
                (com.fasterxml.jackson.databind.node.ObjectNode) dev.harness.protocol.Json.parse(lines.get(0));
        first.put("objective", "use ghp_SnapshotT0kenValue0123456789abcdef to log in");
        lines.set(0, dev.harness.protocol.Json.write(first));
        Path dir = run(lines);
        assertThat(status()).contains("ghp_SnapshotT0kenValue0123456789abcdef").isEqualTo(status());
        assertThat(events("--json")).contains("ghp_SnapshotT0kenValue0123456789abcdef");
        assertThat(dir.resolve("status-output.properties")).doesNotExist();
        assertThat(dir.resolve("events-output.properties")).doesNotExist();
    }

    /** What is kept is bounded: outputs beyond the limit are dropped oldest first, and one larger than it alone is not written. */
    @Test
    void keptOutputsAreBoundedInSize() throws Exception {
        run(Files.readAllLines(RECORDED));
        RunDirectory dir = RunDirectory.open(state(), RUN);
        dev.harness.orchestrator.runlog.OutputSnapshot.Key key =
                dev.harness.orchestrator.runlog.OutputSnapshot.Key.of(dir).orElseThrow();
        Path kept = dir.path().resolve("events-output.properties");
        String large = "x".repeat(3 << 20);
        var events = dev.harness.orchestrator.runlog.OutputSnapshot.EVENTS;
        assertThat(events.keep(dir, key, null, java.util.Map.of("first", large))).isTrue();
        assertThat(events.keep(dir, key, null, java.util.Map.of("second", large))).isTrue();
        String both = Files.readString(kept);
        assertThat(events.find(dir, key, "second")).contains(large);
        assertThat(events.find(dir, key, "first")).isEmpty();
        assertThat(events.keep(dir, key, null, java.util.Map.of("third", "x".repeat(5 << 20)))).isFalse();
        assertThat(Files.readString(kept)).isEqualTo(both);
    }

    /**
     * Outputs are kept as printed, one after another after the key: any text comes back exactly (a line that is
     * the key's end mark, non-ASCII, an empty output), each view alone; a file cut short, grown, or of the
     * earlier all-Properties format answers nothing (the log is read anew), never part of an output.
     */
    @Test
    void keptOutputsComeBackExactlyOrNotAtAll() throws Exception {
        run(Files.readAllLines(RECORDED));
        RunDirectory dir = RunDirectory.open(state(), RUN);
        var key = dev.harness.orchestrator.runlog.OutputSnapshot.Key.of(dir).orElseThrow();
        var events = dev.harness.orchestrator.runlog.OutputSnapshot.EVENTS;
        java.util.Map<String, String> views = new java.util.LinkedHashMap<>();
        views.put("table", "SEQ\n.\n\n.\nkey.size=1\n");
        views.put("table stderr", "");
        views.put("json", "{\"objective\":\"caf\u00e9 \u2603 \ud83d\ude80\"}\r\n");
        views.put("4:x\n=. ", "#!\\ \\u0041");
        assertThat(events.keep(dir, key, null, views)).isTrue();
        for (var view : views.entrySet()) {
            assertThat(events.find(dir, key, view.getKey())).as(view.getKey()).contains(view.getValue());
        }
        Path kept = dir.path().resolve("events-output.properties");
        byte[] whole = Files.readAllBytes(kept);
        for (byte[] damaged : List.of(java.util.Arrays.copyOf(whole, whole.length - 1),
                java.util.Arrays.copyOf(whole, whole.length + 1),
                "#\nformat=2\nviews=1\nview.0.name=table\nview.0.output=SEQ\n".getBytes(StandardCharsets.UTF_8))) {
            Files.write(kept, damaged);
            assertThat(events.find(dir, key, "table")).isEmpty();
        }
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
