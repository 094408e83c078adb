package dev.harness.orchestrator;

import dev.harness.orchestrator.cli.CommonOptions;
import dev.harness.orchestrator.cli.EventsCommand;
import dev.harness.orchestrator.cli.PlanCommand;
import dev.harness.orchestrator.cli.ResumeCommand;
import dev.harness.orchestrator.cli.RunCommand;
import dev.harness.orchestrator.cli.RunsCommand;
import dev.harness.orchestrator.cli.StatusCommand;
import dev.harness.orchestrator.cli.VersionProvider;
import dev.harness.orchestrator.cli.ServeCommand;
import dev.harness.orchestrator.cli.WatchCommand;
import dev.harness.orchestrator.runlog.RunLogException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ScopeType;

/**
 * The orchestrator executable: {@code orchestrator "objective"} plans, asks for approval, prepares
 * the workspace and runs one worker per task; subcommands plan only, resume, list and query runs.
 * Without a subcommand name it behaves as {@code run}.
 */
// scope INHERIT: every subcommand gets --help and --version (and the common options) from here
// The subcommands are SUBCOMMANDS (added by commandLine), not listed here: picocli would build every
// one's model from its annotations on each start, though a command runs only one of them.
@Command(name = "orchestrator", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, scope = ScopeType.INHERIT,
        description = {"Plan → approve → bootstrap → run workers → verify → summary, with an event log you can resume.",
                "",
                "  orchestrator [run] [OPTIONS] OBJECTIVE   (run is the default command)",
                "  orchestrator plan OBJECTIVE --format table|json|mermaid|dot",
                "  orchestrator validate PLAN_FILE   (check a plan file as --plan would; nothing runs)",
                "  orchestrator resume RUN_ID [--decision retry|skip|abort] [--yes] [--trust]",
                "  orchestrator runs | status [RUN_ID] | events RUN_ID [--kind K] [--task T] [--since TIME] [--json]",
                "  orchestrator watch [RUN_ID] | serve [--port N]",
                "  orchestrator apply RUN_ID [--squash] | diff RUN_ID [TASK] | clean RUN_ID|--completed [--force]"})
public final class Orchestrator extends dev.harness.orchestrator.cli.RunInvocation {
    /** The subcommands by name, in the order the help lists them. */
    static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
        commands.put("run", RunCommand::new);
        commands.put("plan", PlanCommand::new);
        commands.put("validate", dev.harness.orchestrator.cli.ValidateCommand::new);
        commands.put("resume", ResumeCommand::new);
        commands.put("runs", RunsCommand::new);
        commands.put("status", StatusCommand::new);
        commands.put("events", EventsCommand::new);
        commands.put("watch", WatchCommand::new);
        commands.put("serve", ServeCommand::new);
        commands.put("apply", dev.harness.orchestrator.cli.ApplyCommand::new);
        commands.put("diff", dev.harness.orchestrator.cli.DiffCommand::new);
        commands.put("clean", dev.harness.orchestrator.cli.CleanCommand::new);
        commands.put("help", CommandLine.HelpCommand::new);
        return java.util.Collections.unmodifiableMap(commands);
    }

    @Mixin
    CommonOptions common = new CommonOptions();

    @Override
    public CommonOptions commonOptions() {
        return common;
    }

    /** The executable's entry point is {@link Main}; this is the same. */
    public static void main(String[] args) {
        Main.main(args);
    }

    /** The whole command line, its output already masked (Main): runs {@code args} and exits with its code. */
    static void run(String[] args) {
        int code = execute(args);
        System.out.flush();
        System.err.flush();
        trainFollowUps();
        System.exit(code);
    }

    /**
     * A start-up archive's training run only (bin/make-cds-archive sets HARNESS_TRAINING and names
     * src/main/cds/training.then): after the run, the same JVM runs the read-only commands listed
     * there, their output discarded, so the archive also holds the classes (and method profiles)
     * of runs, status and events - otherwise loaded and linked from the jar on every such command.
     */
    private static void trainFollowUps() {
        String file = System.getenv("HARNESS_TRAINING_THEN");
        if (System.getenv("HARNESS_TRAINING") == null || file == null || file.isEmpty()) {
            return;
        }
        java.io.PrintStream out = System.out;
        java.io.PrintStream err = System.err;
        java.io.PrintStream discard = new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of(file))) {
                if (!line.isBlank()) {
                    System.setOut(discard);
                    System.setErr(discard);
                    int code = execute(line.strip().split("\\s+"));
                    System.setOut(out);
                    System.setErr(err);
                    if (code != ExitCode.SUCCESS.code()) {
                        err.println("orchestrator: training: '" + line.strip() + "' exited " + code);
                    }
                }
            }
        } catch (java.io.IOException e) {
            err.println("orchestrator: training: cannot read " + file + ": " + e.getMessage());
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    /** What {@code --version} (or {@code -V}) alone prints without building the command line; null for any other arguments. */
    public static String quickAnswer(String... args) {
        return args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))
                ? dev.harness.orchestrator.cli.QuickAnswer.of(args).map(dev.harness.orchestrator.cli.QuickAnswer.Answer::out).orElse(null)
                : null;
    }

    /** Runs the command line; returns the exit code (tests call this in-process). */
    public static int execute(String... args) {
        CommandLine cli = commandLineFor(args);
        return cli.execute(args);
    }

    /** The whole command line: every subcommand (help, completion, tests). */
    public static CommandLine commandLine() {
        return commandLine(SUBCOMMANDS.keySet());
    }

    /**
     * The command line that parses {@code args} as the whole one does, with only the model it
     * needs: when the first argument names a subcommand, the top command and that subcommand
     * alone (a subcommand's options, help and usage errors do not depend on its siblings; about
     * a third of a read-only command's start-up went to building the other ten). Anything that
     * could show the top command's help, or other arguments first, gets the whole command line.
     */
    public static CommandLine commandLineFor(String... args) {
        String first = args.length == 0 ? null : args[0];
        if (first == null || first.equals("help") || !SUBCOMMANDS.containsKey(first)) {
            return commandLine();
        }
        for (String arg : args) {
            if (arg.equals("-h") || arg.equals("--help") || arg.equals("-V") || arg.equals("--version")) {
                return commandLine();
            }
        }
        return commandLine(Set.of(first));
    }

    private static CommandLine commandLine(Set<String> names) {
        CommandLine cli = new CommandLine(new Orchestrator());
        SUBCOMMANDS.forEach((name, command) -> {
            if (names.contains(name)) {
                cli.addSubcommand(name, command.get());
            }
        });
        // picocli's usage, help and errors reach the masking one message at a time, not in 8 KB pieces
        cli.setOut(dev.harness.orchestrator.render.RedactedOutput.printWriter(() -> System.out));
        cli.setErr(dev.harness.orchestrator.render.RedactedOutput.printWriter(() -> System.err));
        cli.setExecutionExceptionHandler(Orchestrator::handle);
        cli.setParameterExceptionHandler(Orchestrator::badArguments);
        cli.setUsageHelpAutoWidth(true); // help fits the terminal it is shown on
        applyExitCodes(cli);
        dev.harness.orchestrator.cli.HelpLines.apply(cli); // paths and commands never split over two lines
        return cli;
    }

    /** Every command's help ends with the one list of exit codes (ExitCode). */
    private static void applyExitCodes(CommandLine command) {
        command.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCode.helpList());
        command.getSubcommands().values().forEach(Orchestrator::applyExitCodes);
    }

    /** A bad option or value: one line saying what was wrong, and where the help is (not the whole usage). */
    private static int badArguments(CommandLine.ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        PrintWriter err = cli.getErr();
        err.println("orchestrator: " + e.getMessage());
        String name = cli.getCommandSpec().qualifiedName();
        // A quoted objective that starts with '-' reads as an option; say how to pass it instead.
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
            unmatched.getUnmatched().stream().filter(arg -> arg.startsWith("-") && arg.strip().contains(" ")).findFirst()
                    .ifPresent(arg -> err.println("An objective that starts with '-' goes after '--': " + name
                            + " [OPTIONS] -- '" + arg.replace("'", "'\\''") + "'"));
        }
        err.println("Try '" + name + " --help' for more information.");
        err.flush();
        return ExitCode.USAGE.code();
    }

    private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        if (e instanceof OrchestratorException failure) {
            err.println("orchestrator: " + failure.getMessage());
            err.flush();
            return failure.exitCode().code();
        }
        if (e instanceof RunLogException failure) {
            err.println("orchestrator: " + failure.getMessage());
            err.flush();
            return ExitCode.USAGE.code();
        }
        err.println("orchestrator: internal error: " + e);
        e.printStackTrace(err);
        err.flush();
        return ExitCode.INTERNAL.code();
    }
}
