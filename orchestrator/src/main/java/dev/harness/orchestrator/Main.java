package dev.harness.orchestrator;

import dev.harness.orchestrator.cli.QuickAnswer;
import dev.harness.orchestrator.render.RedactedOutput;
import dev.harness.protocol.secrets.Redactor;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
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
        System.setOut(RedactedOutput.printStream(new FileOutputStream(FileDescriptor.out), redactor));
        System.setErr(RedactedOutput.printStream(new FileOutputStream(FileDescriptor.err), redactor));
        boolean keptOnly = System.getProperty(KEPT_ONLY) != null;
        Optional<QuickAnswer.Answer> quick = keptOnly ? QuickAnswer.kept(args) : QuickAnswer.of(args);
        if (quick.isEmpty() && keptOnly) {
            System.exit(NOT_KEPT); // nothing printed: bin/harness-launch starts the usual JVM with the same arguments
        }
        if (quick.isPresent()) {
            System.err.print(quick.get().err());
            System.err.flush();
            System.out.print(quick.get().out());
            System.out.flush();
            trainQuickAnswers();
            System.exit(ExitCode.SUCCESS.code());
        }
        Orchestrator.run(args);
    }

    /**
     * The read-only commands' start-up archive's training only (bin/make-cds-archive runs {@code --version}
     * with HARNESS_TRAINING and HARNESS_TRAINING_THEN set): the same JVM then runs the follow-up commands,
     * output discarded, answered from disk when they can be and by the whole command line when not (the
     * first read of a log), so that archive holds the classes of both, and none of a run's (a class in
     * an archive is loaded on every start: the main archive costs a quick answer about a third more).
     */
    private static void trainQuickAnswers() {
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
                    discard.print(answer.get().err());
                    discard.print(answer.get().out());
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
