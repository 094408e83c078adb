package dev.harness.orchestrator;

import dev.harness.orchestrator.cli.QuickAnswer;
import dev.harness.orchestrator.render.RedactedOutput;
import dev.harness.protocol.secrets.Redactor;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The orchestrator executable's entry point. A read-only command whose answer is already on disk
 * ({@link QuickAnswer}: {@code --version}, an unchanged log's {@code status} or {@code events}) is printed
 * from here, before any of the command line's classes (picocli, Jackson) is loaded; anything else runs
 * the whole command line ({@link Orchestrator}). Kept apart from Orchestrator so that class's start-up
 * (its subcommands' table) is not paid by an answer that needs none of it.
 */
public final class Main {
    /**
     * Set by bin/harness-launch on the first of two JVMs for runs/status/events (JDK 25+): answer only from
     * what is kept beside the log, else exit {@link #NOT_KEPT} having printed nothing.
     */
    static final String KEPT_ONLY = "harness.kept-only";
    /** That JVM's "not kept: ask again" (EX_TEMPFAIL; no orchestrator exit code and none the JVM uses itself). */
    static final int NOT_KEPT = 75;

    private Main() {}

    public static void main(String[] args) {
        // nothing the orchestrator prints (lines, summaries, status, events, runs, plan, prompts, errors)
        // shows a secret: its environment's secret values, URL passwords and token shapes are masked
        Redactor redactor = Redactor.forEnvironment(System.getenv());
        FileOutputStream stdout = new FileOutputStream(FileDescriptor.out);
        FileOutputStream stderr = new FileOutputStream(FileDescriptor.err);
        System.setOut(RedactedOutput.printStream(stdout, redactor));
        System.setErr(RedactedOutput.printStream(stderr, redactor));
        boolean keptOnly = System.getProperty(KEPT_ONLY) != null;
        Optional<QuickAnswer.Answer> quick = keptOnly ? QuickAnswer.kept(args) : QuickAnswer.of(args);
        if (quick.isEmpty() && keptOnly) {
            System.exit(NOT_KEPT); // nothing printed: bin/harness-launch starts the usual JVM with the same arguments
        }
        if (quick.isPresent()) {
            print(quick.get(), redactor, stdout, stderr);
            trainQuickAnswers(redactor);
            System.exit(ExitCode.SUCCESS.code());
        }
        Orchestrator.run(args);
    }

    /**
     * Prints a quick answer: stderr first, then stdout. A screened answer (kept because this build's masking left it
     * as it was) goes out as it is when this environment adds nothing to that masking (no secret value, no pattern
     * of the user's), so its text is not masked, nor the masking's shapes compiled, a second time (a kept events
     * table of 1,000 events: about 110 KB). Anything else is masked line by line as the whole CLI's output is.
     */
    public static void print(QuickAnswer.Answer answer, Redactor redactor, OutputStream stdout, OutputStream stderr) {
        if (answer.screened() && redactor.masksOnlyBuiltInShapes()) {
            try {
                stderr.write(answer.err().getBytes(StandardCharsets.UTF_8));
                stderr.flush();
                stdout.write(answer.out().getBytes(StandardCharsets.UTF_8));
                stdout.flush();
            } catch (IOException e) {
                // a reader gone (events | head): the PrintStreams below say nothing and exit 0 either
                return;
            }
            return;
        }
        PrintStream err = RedactedOutput.printStream(stderr, redactor); // as System.err, over the same stream
        err.print(answer.err());
        err.flush();
        PrintStream out = RedactedOutput.printStream(stdout, redactor);
        out.print(answer.out());
        out.flush();
    }

    /**
     * The read-only commands' start-up archive's training only (bin/make-cds-archive runs {@code --version}
     * with HARNESS_TRAINING and HARNESS_TRAINING_THEN set): the same JVM then runs the follow-up commands,
     * output discarded, answered from disk when they can be and by the whole command line when not (the
     * first read of a log), so that archive holds the classes of both, and none of a run's (a class in
     * an archive is loaded on every start: the main archive costs a quick answer about a third more).
     */
    private static void trainQuickAnswers(Redactor redactor) {
        String file = System.getenv("HARNESS_TRAINING_THEN");
        if (System.getenv("HARNESS_TRAINING") == null || file == null || file.isEmpty()) {
            return;
        }
        PrintStream out = System.out;
        PrintStream err = System.err;
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
        try {
            for (String line : Files.readAllLines(Path.of(file))) {
                if (line.isBlank()) {
                    continue;
                }
                String[] args = line.strip().split("\\s+");
                System.setOut(discard);
                System.setErr(discard);
                boolean keptOnly = System.getProperty(KEPT_ONLY) != null;
                Optional<QuickAnswer.Answer> answer = keptOnly ? QuickAnswer.kept(args) : QuickAnswer.of(args);
                if (answer.isPresent()) {
                    // printed as a real answer is (kept status/events as kept, runs masked), so the masking a
                    // non-kept answer needs is in the archive too: printed to a plain stream it was not, and a
                    // kept runs paid 5-6 ms CPU for loading and running it untrained
                    print(answer.get(), redactor, OutputStream.nullOutputStream(), OutputStream.nullOutputStream());
                } else if (!keptOnly) { // the kept answers' archive holds nothing else
                    Orchestrator.execute(args);
                }
                System.setOut(out);
                System.setErr(err);
            }
        } catch (IOException e) {
            err.println("orchestrator: training: cannot read " + file + ": " + e.getMessage());
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
