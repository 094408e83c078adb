package dev.harness.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harness.orchestrator.Main;
import dev.harness.orchestrator.Orchestrator;
import dev.harness.orchestrator.runlog.EventLog;
import dev.harness.orchestrator.runlog.OutputSnapshot;
import dev.harness.orchestrator.runlog.RunDirectory;
import dev.harness.protocol.secrets.Redactor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The entry point's answers ({@link QuickAnswer}: from disk, or a first read without the command line) are
 * exactly what the whole command line prints, or nothing: over many argument lists and states of a run (no snapshot, a snapshot, a changed log, a
 * running log with and without its writer, a usage error, a run that is not there), whenever QuickAnswer
 * answers, the command line exits 0 and prints the same stdout and stderr; and it does answer the plain
 * cases once the output is kept.
 */
class QuickAnswerTest {
    private static final String RUN = "20261130-000000-cds0";
    private static final Path RECORDED = Path.of("src", "main", "cds", "state", RUN, "events.jsonl");

    @TempDir
    Path tmp;

    /** What the whole command line does with {@code args}: exit code, stdout, stderr. */
    private record Printed(int code, String out, String err) {}

    private static Printed whole(String... args) {
        picocli.CommandLine cli = Orchestrator.commandLineFor(args);
        java.io.StringWriter cliOut = new java.io.StringWriter();
        java.io.StringWriter cliErr = new java.io.StringWriter();
        cli.setOut(new java.io.PrintWriter(cliOut, true));
        cli.setErr(new java.io.PrintWriter(cliErr, true));
        PrintStream systemOut = System.out;
        PrintStream systemErr = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ByteArrayOutputStream warned = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(warned, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = cli.execute(args);
        } finally {
            System.setOut(systemOut);
            System.setErr(systemErr);
        }
        return new Printed(code, printed.toString(StandardCharsets.UTF_8) + cliOut,
                warned.toString(StandardCharsets.UTF_8) + cliErr);
    }

    /** Every argument list of the table: the plain ones QuickAnswer may answer, and ones it must leave alone. */
    private List<String[]> argumentLists(Path state, Path workspace) {
        String s = state.toString();
        String w = workspace.toString();
        List<String[]> lists = new ArrayList<>();
        for (String command : new String[] {"status", "events"}) {
            lists.add(new String[] {command, RUN, "--state-dir", s});
            lists.add(new String[] {command, RUN, "--state-dir=" + s, "--json"});
            lists.add(new String[] {command, "--json", RUN, "--state-dir", s});
            lists.add(new String[] {command, RUN, "--no-color", "--state-dir", s, "-C", w});
            lists.add(new String[] {command, RUN, "--state-dir", s, "--workspace=" + w, "--json"});
            lists.add(new String[] {command, RUN, "--state-dir", s, "--json", "--json"}); // twice: a usage error
            lists.add(new String[] {command, RUN, RUN, "--state-dir", s}); // two ids
            lists.add(new String[] {command, RUN, "--state-dir", s, "--help"});
            lists.add(new String[] {command, RUN, "--state-dir", s, "--version"});
            lists.add(new String[] {command, RUN, "--state-dir", s, "--"});
            lists.add(new String[] {command, RUN, "--state-dir"});
            lists.add(new String[] {command, "--state-dir", s});
            lists.add(new String[] {command, "no-such-run", "--state-dir", s});
            lists.add(new String[] {command, "../" + RUN, "--state-dir", s});
            lists.add(new String[] {command, RUN, "--state-dir", s, "-C", tmp.resolve("missing").toString()});
            lists.add(new String[] {command, RUN, "--state-dir", s, "--bogus"});
            lists.add(new String[] {command, RUN, "--state-dir", s, "--json=true"});
            lists.add(new String[] {command, RUN, "--state-dir", s, "--kind", "task_started"});
        }
        lists.add(new String[] {"events", RUN, "--state-dir", s, "--kind", "task_started,task_failed"});
        lists.add(new String[] {"events", RUN, "--state-dir", s, "--kind=task_*", "--kind", "run_started", "--json"});
        lists.add(new String[] {"events", RUN, "--state-dir", s, "--kind", "gate_rejected"});
        lists.add(new String[] {"events", RUN, "--state-dir", s, "--kind", "a,,b"});
        lists.add(new String[] {"events", RUN, "--state-dir", s, "--task", "t2"});
        lists.add(new String[] {"events", RUN, "--state-dir", s, "--task=t2", "--worker", "w-1"});
        lists.add(new String[] {"events", RUN, "--state-dir", s, "--task", "t2", "--task", "t3"});
        lists.add(new String[] {"events", RUN, "--state-dir", s, "--since", "2020-01-01"});
        lists.add(new String[] {"events", RUN, "--state-dir", s, "--until", "1h"});
        lists.add(new String[] {"--version", "--json"});
        lists.add(new String[] {"runs", "--state-dir", s});
        lists.add(new String[] {"runs", "--state-dir=" + s, "--no-color", "-C", w});
        lists.add(new String[] {"runs", "--state-dir", s, "--json"});
        lists.add(new String[] {"runs", "--state-dir", s, "--all"});
        lists.add(new String[] {"runs", RUN, "--state-dir", s});
        lists.add(new String[] {"help", "status"});
        lists.add(new String[] {"-C", w, "status", RUN, "--state-dir", s});
        return lists;
    }

    /** Asks every list twice (the first may keep an output), QuickAnswer after the command line; returns how many it answered. */
    private int compareAll(Path state, Path workspace) {
        int answered = 0;
        for (int round = 0; round < 2; round++) {
            for (String[] args : argumentLists(state, workspace)) {
                Printed printed = whole(args);
                // the launcher's first JVM (kept answers alone), then its second (QuickAnswer.of, else the CLI)
                Optional<QuickAnswer.Answer> kept = QuickAnswer.kept(args);
                Optional<QuickAnswer.Answer> quick = QuickAnswer.of(args);
                if (kept.isPresent()) {
                    keptAnswers++;
                    assertThat(quick).as(String.join(" ", args)).isEqualTo(kept);
                    // status and events print what they kept (screened when kept); runs and --version are rendered
                    assertThat(kept.get().screened()).as(String.join(" ", args))
                            .isEqualTo(args[0].equals("status") || args[0].equals("events"));
                }
                if (quick.isPresent()) {
                    answered++;
                    assertThat(printed.code()).as(String.join(" ", args)).isZero();
                    assertThat(quick.get().out()).as(String.join(" ", args)).isEqualTo(printed.out());
                    assertThat(quick.get().err()).as(String.join(" ", args)).isEqualTo(printed.err());
                    // printed as it is (screened, nothing added to the masking) or masked: the same bytes either way
                    QuickAnswer.Answer masked = new QuickAnswer.Answer(quick.get().out(), quick.get().err());
                    for (Redactor redactor : List.of(Redactor.forEnvironment(java.util.Map.of(), tmp), Redactor.builtIn())) {
                        assertThat(bytesPrinted(quick.get(), redactor)).as(String.join(" ", args))
                                .isEqualTo(bytesPrinted(masked, redactor));
                    }
                }
            }
        }
        return answered;
    }

    /** What Main prints of {@code answer}: stdout, a NUL, stderr. */
    private static String bytesPrinted(QuickAnswer.Answer answer, Redactor redactor) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Main.print(answer, redactor, out, err);
        return out.toString(StandardCharsets.UTF_8) + "\0" + err.toString(StandardCharsets.UTF_8);
    }

    /** How many answers compareAll found kept (QuickAnswer.kept), over all its calls. */
    private int keptAnswers;

    private Path run(List<String> lines) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("state").resolve(RUN));
        Files.write(dir.resolve("events.jsonl"), lines);
        return dir;
    }

    @Test
    void everyAnswerIsWhatTheCommandLinePrints() throws Exception {
        Path dir = run(Files.readAllLines(RECORDED));
        Path workspace = Files.createDirectories(tmp.resolve("ws"));
        Path state = tmp.resolve("state");
        // the plain lists: status and events in both views, with their options in any order, kinds, a task
        // (both rounds: the command line kept each output before QuickAnswer was asked)
        assertThat(compareAll(state, workspace)).isEqualTo(2 * (5 + 5 + 6 + 2));
        assertThat(keptAnswers).isEqualTo(2 * (5 + 5 + 6 + 2)); // each kept by the command line asked just before
        // a torn last line: the log changed (a new output, with events' warning on stderr)
        Files.writeString(dir.resolve("events.jsonl"), "{\"seq\":62,\"ti", StandardOpenOption.APPEND);
        String[] events = {"events", RUN, "--state-dir", state.toString()};
        assertThat(QuickAnswer.kept(events)).isEmpty(); // the log changed: nothing kept holds
        QuickAnswer.Answer reread = QuickAnswer.of(events).orElseThrow(); // read anew, not the kept output
        assertThat(reread.err()).contains("warning:", "dropped an incomplete last line");
        assertThat(new Printed(0, reread.out(), reread.err())).isEqualTo(whole(events));
        assertThat(compareAll(state, workspace)).isEqualTo(2 * (5 + 5 + 6 + 2));
        Printed torn = whole(events); // kept anew (compareAll's later queries pushed it out of the last four)
        assertThat(QuickAnswer.of(events)).contains(new QuickAnswer.Answer(torn.out(), torn.err(), true));
        assertThat(torn.err()).contains("warning:");
        // completed into a corrupt log: the command line's error, never a kept answer
        Files.writeString(dir.resolve("events.jsonl"), "\n", StandardOpenOption.APPEND);
        assertThat(QuickAnswer.kept(events)).isEmpty();
        assertThat(QuickAnswer.of(events)).isEmpty();
        assertThat(whole(events).code()).isEqualTo(2);
        assertThat(QuickAnswer.of(events)).isEmpty();
    }

    /** A log that says running: the kept answer follows whether its writer is alive, asked each time. */
    @Test
    void aRunningRunIsAnsweredByWhetherItsWriterIsAlive() throws Exception {
        run(Files.readAllLines(RECORDED).subList(0, 25));
        Path state = tmp.resolve("state");
        String[] status = {"status", RUN, "--state-dir", state.toString()};
        Printed interrupted = whole(status);
        assertThat(interrupted.out()).contains("Status:     interrupted");
        assertThat(QuickAnswer.of(status).orElseThrow().out()).isEqualTo(interrupted.out());
        assertThat(QuickAnswer.kept(status).orElseThrow().out()).isEqualTo(interrupted.out());
        try (EventLog writer = EventLog.open(RunDirectory.open(state, RUN))) {
            assertThat(QuickAnswer.kept(status).orElseThrow().out()).contains("Status:     running").isEqualTo(whole(status).out());
            String running = QuickAnswer.of(status).orElseThrow().out();
            assertThat(running).contains("Status:     running").isEqualTo(whole(status).out());
            assertThat(compareAll(state, Files.createDirectories(tmp.resolve("ws")))).isGreaterThan(20);
        }
        assertThat(QuickAnswer.of(status).orElseThrow().out()).isEqualTo(interrupted.out());
        assertThat(QuickAnswer.kept(status).orElseThrow().out()).isEqualTo(interrupted.out());
    }

    /**
     * A kept answer stands only for the log it was made from: appended to (by a writer, so its modification
     * time moves too), cut short, or rewritten with other lines of the same length, the log is read anew and the
     * answer equals the command line's.
     */
    @Test
    void aKeptAnswerIsNotUsedOnceTheLogChanged() throws Exception {
        List<String> recorded = Files.readAllLines(RECORDED);
        Path dir = run(recorded.subList(0, 40));
        Path state = tmp.resolve("state");
        Path log = dir.resolve("events.jsonl");
        List<String[]> asked = List.of(new String[] {"status", RUN, "--state-dir", state.toString()},
                new String[] {"status", RUN, "--state-dir", state.toString(), "--json"},
                new String[] {"events", RUN, "--state-dir", state.toString()},
                new String[] {"events", RUN, "--state-dir", state.toString(), "--json"});
        List<Runnable> changes = List.of(
                () -> append(log, recorded.subList(40, recorded.size())),
                () -> write(log, recorded.subList(0, 30)),
                () -> write(log, sameLengthOtherObjective(recorded.subList(0, 30))));
        for (Runnable change : changes) {
            for (String[] args : asked) {
                assertThat(QuickAnswer.of(args)).isPresent(); // now kept
                assertThat(QuickAnswer.kept(args)).as(String.join(" ", args)).isPresent();
            }
            java.nio.file.attribute.FileTime before = Files.getLastModifiedTime(log);
            long size = Files.size(log);
            change.run();
            // a change of size is seen even within one tick of the file system's clock; a rewrite of the same
            // size by its modification time (the key holds both, and the file's identity)
            Files.setLastModifiedTime(log, Files.size(log) != size ? before
                    : java.nio.file.attribute.FileTime.fromMillis(before.toMillis() + 1000));
            for (String[] args : asked) {
                assertThat(QuickAnswer.kept(args)).as(String.join(" ", args)).isEmpty();
                Printed printed = whole(args);
                assertThat(QuickAnswer.kept(args)).as(String.join(" ", args))
                        .contains(new QuickAnswer.Answer(printed.out(), printed.err(), true));
            }
        }
    }

    private static void append(Path log, List<String> lines) {
        try {
            Files.write(log, lines, StandardOpenOption.APPEND);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The same lines with the run's objective spelt otherwise (the same length). */
    private static List<String> sameLengthOtherObjective(List<String> lines) {
        List<String> changed = new ArrayList<>(lines);
        changed.replaceAll(line -> line.replace("\"objective\":\"check things\"", "\"objective\":\"check THINGS\""));
        assertThat(changed).isNotEqualTo(lines);
        return changed;
    }

    /** The log rewritten in place (same file) with {@code lines}. */
    private static void write(Path log, List<String> lines) {
        try {
            Files.write(log, lines, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * An output kept for another build, another path to the log, or the orchestrator invoked under another
     * name (its hints name the command as it was run) is not answered: each is part of the key.
     */
    @Test
    void anOutputKeptForAnotherBuildPathOrProgramIsNotAnswered() throws Exception {
        run(Files.readAllLines(RECORDED));
        Path state = tmp.resolve("state");
        String[] status = {"status", RUN, "--state-dir", state.toString()};
        String printed = whole(status).out();
        assertThat(QuickAnswer.of(status).orElseThrow().out()).isEqualTo(printed);
        RunDirectory dir = RunDirectory.open(state, RUN);
        OutputSnapshot.Key key = OutputSnapshot.Key.of(dir).orElseThrow();
        for (OutputSnapshot.Key other : List.of(new OutputSnapshot.Key(key.log(), key.eventsFile(), key.build() + "x", key.program()),
                new OutputSnapshot.Key(key.log(), key.eventsFile() + "x", key.build(), key.program()),
                new OutputSnapshot.Key(key.log(), key.eventsFile(), key.build(), "/elsewhere/bin/orchestrator"))) {
            Files.delete(dir.path().resolve("status-output.properties"));
            assertThat(OutputSnapshot.STATUS.keep(dir, key, dev.harness.api.run.RunStatus.COMPLETED,
                    java.util.Map.of("text:completed", "kept for the right key"))).isTrue();
            assertThat(QuickAnswer.of(status).orElseThrow().out()).isEqualTo("kept for the right key");
            // the same output written under another key: the kept file no longer matches this invocation
            String file = Files.readString(dir.path().resolve("status-output.properties"));
            int body = file.indexOf("\n.\n") + 1; // the key, then the outputs (OutputSnapshot)
            assertThat(body).isPositive();
            java.util.Properties written = new java.util.Properties();
            written.load(new java.io.StringReader(file.substring(0, body)));
            written.setProperty("key.build", other.build());
            written.setProperty("key.events_file", other.eventsFile());
            written.setProperty("key.program", other.program());
            java.io.StringWriter text = new java.io.StringWriter();
            written.store(text, null);
            Files.writeString(dir.path().resolve("status-output.properties"), text + file.substring(body));
            assertThat(OutputSnapshot.STATUS.read(dir, other)).isPresent(); // well formed, for the other key
            assertThat(QuickAnswer.of(status).orElseThrow().out()).isEqualTo(printed); // read anew
            assertThat(whole(status).out()).isEqualTo(printed);
        }
    }

    /**
     * A kept answer goes out unmasked only when the environment adds nothing to the masking it was screened by:
     * a secret-named variable whose value is in the output, or a pattern of the person's own, masks it as before.
     */
    @Test
    void aKeptAnswerIsMaskedWhenTheEnvironmentAddsASecret() throws Exception {
        run(Files.readAllLines(RECORDED));
        Path state = tmp.resolve("state");
        for (String command : new String[] {"status", "events"}) {
            String[] args = {command, RUN, "--state-dir", state.toString()};
            assertThat(whole(args).code()).isZero(); // keeps the output
            QuickAnswer.Answer kept = QuickAnswer.kept(args).orElseThrow();
            assertThat(kept.screened()).isTrue();
            assertThat(kept.out()).contains(RUN);
            for (java.util.Map<String, String> environment : List.of(java.util.Map.of("DEPLOY_TOKEN", RUN),
                    java.util.Map.of("HARNESS_SECRET_PATTERNS", "2026113\\d-000000"))) {
                Redactor redactor = Redactor.forEnvironment(environment, tmp);
                assertThat(redactor.masksOnlyBuiltInShapes()).as(environment.toString()).isFalse();
                assertThat(bytesPrinted(kept, redactor)).as(environment.toString())
                        .doesNotContain(RUN).contains(Redactor.MASK)
                        .isEqualTo(bytesPrinted(new QuickAnswer.Answer(kept.out(), kept.err()), redactor));
            }
        }
    }

    /**
     * Nothing kept: the first read of a log is answered by reading it, exactly as the command line does
     * (stdout, stderr, exit 0), for every plain status and events argument list, and is kept for the next time.
     */
    @Test
    void aLogReadForTheFirstTimeIsAnsweredAsTheCommandLineWould() throws Exception {
        Path dir = run(Files.readAllLines(RECORDED));
        Path state = tmp.resolve("state");
        int answered = 0;
        for (String[] args : argumentLists(state, Files.createDirectories(tmp.resolve("ws")))) {
            forgetKeptOutputs(dir);
            assertThat(QuickAnswer.kept(args)).as(String.join(" ", args)).isEmpty(); // never a first read
            Optional<QuickAnswer.Answer> quick = QuickAnswer.of(args);
            forgetKeptOutputs(dir);
            Printed printed = whole(args);
            if (quick.isPresent()) {
                answered++;
                assertThat(printed.code()).as(String.join(" ", args)).isZero();
                assertThat(quick.get().out()).as(String.join(" ", args)).isEqualTo(printed.out());
                assertThat(quick.get().err()).as(String.join(" ", args)).isEqualTo(printed.err());
            }
        }
        assertThat(answered).isEqualTo(5 + 5 + 6); // runs: only from summaries kept, else the command line's
        forgetKeptOutputs(dir);
        String[] status = {"status", RUN, "--state-dir", state.toString()};
        String first = QuickAnswer.of(status).orElseThrow().out();
        assertThat(dir.resolve("status-output.properties")).exists();
        assertThat(QuickAnswer.of(status).orElseThrow().out()).isEqualTo(first);
    }

    private static void forgetKeptOutputs(Path dir) throws Exception {
        Files.deleteIfExists(dir.resolve("status-output.properties"));
        Files.deleteIfExists(dir.resolve("events-output.properties"));
        Files.deleteIfExists(dir.resolve("summary.properties"));
    }
}
