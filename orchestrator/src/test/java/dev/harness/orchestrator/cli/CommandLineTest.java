package dev.harness.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.harness.orchestrator.ExitCode;
import dev.harness.orchestrator.Orchestrator;
import dev.harness.orchestrator.OrchestratorException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CommandLineTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Orchestrator.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void everyCommandHasHelpWithTheExitCodes() {
        for (String command : new String[] {"run", "plan", "resume", "runs", "status", "events"}) {
            out.getBuffer().setLength(0);
            assertThat(run(command, "--help")).isZero();
            assertThat(out.toString()).contains("Usage: orchestrator " + command, "Exit codes:");
            for (ExitCode exit : ExitCode.values()) {
                if (exit != ExitCode.TERMINATED) {
                    assertThat(out.toString()).containsPattern("(?m)^\\s+" + exit.code() + "\\s+" + java.util.regex.Pattern.quote(
                            exit.meaning().substring(0, 20)));
                }
            }
        }
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Exit codes:").containsPattern("4\\s+internal or service failure");
    }

    /**
     * The common options are declared once (scope INHERIT on the top command), yet every
     * subcommand's help shows them next to its own usage line, its own description and
     * --help/--version.
     */
    @Test
    void everySubcommandsHelpShowsItsOwnDescriptionAndTheInheritedOptions() {
        CommandLine top = Orchestrator.commandLine();
        for (var entry : top.getSubcommands().entrySet()) {
            String name = entry.getKey();
            if (name.equals("help")) {
                continue;
            }
            out.getBuffer().setLength(0);
            assertThat(run(name, "--help")).as(name).isZero();
            String help = out.toString().replaceAll("\\s+", " "); // as wrapped to any width
            String description = entry.getValue().getCommandSpec().usageMessage().description()[0].replaceAll("\\s+", " ");
            assertThat(help).as(name).contains("Usage: orchestrator " + name, description,
                    "-C, --workspace=DIR", "--state-dir=DIR", "--json", "--no-color", "--worker-manager=CMD",
                    "-h, --help", "-V, --version", "Exit codes:");
            assertThat(help).as(name + " shows the top command's description only on the top command")
                    .doesNotContain(top.getCommandSpec().usageMessage().description()[0].replaceAll("\\s+", " "));
        }
    }

    /** A common option means the same before and after the subcommand's name. */
    @Test
    void aCommonOptionWorksBeforeOrAfterTheSubcommandsName(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) {
        String missing = tmp.resolve("missing").toString();
        assertThat(run("-C", missing, "runs")).isEqualTo(2);
        assertThat(run("runs", "-C", missing)).isEqualTo(2);
        assertThat(err.toString().lines().filter(l -> l.contains(missing + " does not exist"))).hasSize(2);
        out.getBuffer().setLength(0);
        assertThat(run("runs", "-C", tmp.toString(), "--state-dir", tmp.resolve("state").toString(), "--json")).isZero();
        assertThat(out.toString()).isEmpty(); // --json after the name: no runs is no lines, not a table
        assertThat(run("--json", "runs", "-C", tmp.toString(), "--state-dir", tmp.resolve("state").toString())).isZero();
        assertThat(out.toString()).isEmpty();
    }

    /** The README's exit-code table is the same list as ExitCode (the one declaration). */
    @Test
    void theReadmeListsTheSameExitCodes() throws Exception {
        java.nio.file.Path readme = java.nio.file.Path.of("..", "README.md");
        String text = java.nio.file.Files.readString(readme);
        String table = text.substring(text.indexOf("### Exit codes"));
        table = table.substring(0, table.indexOf("\n### ", 5));
        for (ExitCode exit : ExitCode.values()) {
            assertThat(table).as("README exit code %d", exit.code()).contains("| " + exit.code() + " | " + exit.meaning() + " |");
        }
    }

    @Test
    void aBadOptionValueIsOneLineAndAPointerToHelp() {
        assertThat(run("events", "r1", "--since", "x", "--kind")).isEqualTo(2);
        assertThat(run("-j", "many", "x")).isEqualTo(2);
        String[] lines = err.toString().strip().split("\n");
        assertThat(lines[lines.length - 1]).isEqualTo("Try 'orchestrator --help' for more information.");
        assertThat(err.toString()).contains("-j").doesNotContain("Usage:");
    }

    @Test
    void anObjectiveThatStartsWithADashIsToldToGoAfterTheDoubleDash() {
        assertThat(run("-rf the build dir")).isEqualTo(2);
        assertThat(err.toString()).contains("An objective that starts with '-' goes after '--': orchestrator [OPTIONS] -- '-rf the build dir'");
        String[] lines = err.toString().strip().split("\n");
        assertThat(lines[lines.length - 1]).isEqualTo("Try 'orchestrator --help' for more information.");

        err.getBuffer().setLength(0);
        assertThat(run("--bogus", "x")).isEqualTo(2);
        assertThat(err.toString()).doesNotContain("goes after '--'");
    }

    /** A bad run option found while the run is being opened leaves no empty run for runs, watch and the dashboard. */
    @Test
    void aBadRunOptionLeavesNoRunDirectoryBehind(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        java.nio.file.Path workspace = java.nio.file.Files.createDirectories(tmp.resolve("ws"));
        java.nio.file.Path state = tmp.resolve("state");
        String[][] bad = {
            {"--budget-usd", "-3"},
            {"--trust", "--no-trust"},
            {"--recipes", tmp.resolve("missing.yaml").toString()},
            {"--agent", "nosuchagent"},
            {"--agent", "./no-such-agent.sh --prompt {prompt}"},
        };
        for (String[] options : bad) {
            err.getBuffer().setLength(0);
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("-C", workspace.toString(),
                    "--state-dir", state.toString(), "--yes"));
            args.addAll(java.util.List.of(options));
            args.add("add dark mode");
            assertThat(run(args.toArray(String[]::new))).as(String.join(" ", options)).isEqualTo(2);
            assertThat(err.toString()).startsWith("orchestrator: ");
            try (var runs = java.nio.file.Files.list(state)) {
                assertThat(runs.map(p -> p.getFileName().toString()).toList()).as(String.join(" ", options)).isEmpty();
            }
        }
    }

    /** --agent nosuchagent is refused once, before planning, naming the presets; a preset or a program on PATH is not. */
    @Test
    void anUnknownAgentIsRefusedBeforePlanningWithThePresets(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        java.nio.file.Path workspace = java.nio.file.Files.createDirectories(tmp.resolve("ws"));
        assertThat(run("-C", workspace.toString(), "--state-dir", tmp.resolve("state").toString(), "--yes", "--agent", "nosuchagent",
                "add dark mode")).isEqualTo(2);
        assertThat(err.toString()).contains("The agent 'nosuchagent' is neither a preset (none, claude, codex, aider)");
        assertThat(err.toString().split("nosuchagent", -1)).as("the error once").hasSize(3); // the name twice in one message

        java.nio.file.Path bin = java.nio.file.Files.createDirectories(tmp.resolve("bin"));
        for (String program : new String[] {"claude", "codex", "aider"}) {
            java.nio.file.Path file = java.nio.file.Files.writeString(bin.resolve(program), "#!/bin/sh\n");
            assertThat(file.toFile().setExecutable(true)).isTrue();
        }
        java.util.Map<String, String> path = java.util.Map.of("PATH", bin + ":/usr/bin:/bin");
        for (String fine : new String[] {"none", "claude", "codex", "aider", "sh -c {prompt}", "/bin/sh {prompt_file}"}) {
            RunSession.refuseUnknownAgent(fine, path, workspace); // no exception: bootstrap checks the rest
        }
        // a preset whose program is not installed is refused as early, saying which program to install
        java.util.Map<String, String> without = java.util.Map.of("PATH", "/nonexistent-gaps28");
        for (String preset : new String[] {"claude", "codex", "aider"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> RunSession.refuseUnknownAgent(preset, without, workspace))
                    .hasMessageContaining("The agent preset '" + preset + "' runs '" + preset + "', which is not on PATH: install it");
        }
        RunSession.refuseUnknownAgent("none", without, workspace);
    }

    /** A scripted agent that exists but is not executable was refused as "not found"; it says what to do instead. */
    @Test
    void anAgentScriptThatIsNotExecutableIsRefusedSayingSo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        java.nio.file.Path workspace = java.nio.file.Files.createDirectories(tmp.resolve("ws"));
        java.nio.file.Path script = java.nio.file.Files.writeString(tmp.resolve("my agent.sh"), "#!/bin/sh\nexit 0\n");
        java.util.Map<String, String> path = java.util.Map.of("PATH", "/usr/bin:/bin");
        Object[][] cases = {
            {"[\"" + script + "\", \"{prompt_file}\"]", "runs " + script + ", which is not executable: chmod +x '" + script + "'"},
            {"'../my agent.sh' {prompt}", "which is not executable: chmod +x '" + script + "'"}, // relative to the workspace, as bootstrap resolves it
            {tmp.resolve("missing.sh") + " {prompt}", "was not found"},
        };
        for (Object[] c : cases) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> RunSession.refuseUnknownAgent((String) c[0], path, workspace))
                    .as((String) c[0]).hasMessageContaining((String) c[1]);
        }
        assertThat(script.toFile().setExecutable(true)).isTrue();
        RunSession.refuseUnknownAgent("[\"" + script + "\"]", path, workspace);
    }

    @Test
    void versionAnswersEverywhere() {
        assertThat(run("--version")).isZero();
        assertThat(run("events", "--version")).isZero();
        assertThat(out.toString()).contains("orchestrator ");
    }

    /** main's shortcut for a version check prints exactly what the command line prints, and nothing else takes it. */
    @Test
    void theVersionShortcutPrintsWhatTheCommandLinePrints() {
        for (String flag : new String[] {"--version", "-V"}) {
            out.getBuffer().setLength(0);
            assertThat(run(flag)).isZero();
            assertThat(Orchestrator.quickAnswer(flag)).isEqualTo(out.toString()).startsWith("orchestrator ");
        }
        assertThat(Orchestrator.quickAnswer("events", "--version")).isNull();
        assertThat(Orchestrator.quickAnswer("--version", "x")).isNull();
        assertThat(Orchestrator.quickAnswer("runs")).isNull();
        assertThat(Orchestrator.quickAnswer()).isNull();
    }

    @Test
    void badArgumentsAreUsageErrors() {
        assertThat(run("--no-such-option", "x")).isEqualTo(2);
        assertThat(run("plan", "--format", "svg", "x")).isEqualTo(2);
        assertThat(run("resume", "r1", "--decision", "maybe")).isEqualTo(2);
        assertThat(err.toString()).contains("--decision must be one of retry, skip, abort");
        assertThat(run("-j", "0", "x")).isEqualTo(2);
        assertThat(run("")).isEqualTo(2);
        assertThat(err.toString()).contains("objective is empty");
        assertThat(run()).isEqualTo(2);
    }

    @Test
    void aStateDirectoryThatCannotBeCreatedOrAMissingWorkspaceIsAUsageErrorBeforeAnythingStarts(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path workspace) throws Exception {
        java.nio.file.Path file = java.nio.file.Files.writeString(workspace.resolve("not-a-dir"), "x");
        assertThat(run("-C", workspace.toString(), "--state-dir", file.resolve("runs").toString(), "--yes", "add dark mode"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("Cannot create the run directory");
        assertThat(run("-C", workspace.resolve("missing").toString(), "add dark mode")).isEqualTo(2);
        assertThat(err.toString()).contains("does not exist or is not a directory");
    }

    /** What one command line printed and returned. */
    private record Outcome(int code, String out, String err) {}

    private static Outcome outcome(CommandLine cli, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        java.io.PrintStream systemOut = System.out;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            int code = cli.execute(args);
            return new Outcome(code, out + printed.toString(java.nio.charset.StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(systemOut);
        }
    }

    /**
     * A command line built with only the invoked subcommand's model parses, answers, and fails
     * exactly as the whole one: same exit code, same output, same usage errors.
     */
    @Test
    void theInvokedSubcommandAloneBehavesAsTheWholeCommandLine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) {
        String state = tmp.resolve("state").toString();
        String missing = tmp.resolve("missing").toString();
        String[][] table = {
            {"status", "--state-dir", state},
            {"status", "r1", "extra"},
            {"status", "nope", "--state-dir", state},
            {"status", "runs", "--state-dir", state},
            {"status", "nope", "--state-dir", state, "--json"},
            {"events", "r1", "--since", "x"},
            {"events", "r1", "--kind"},
            {"events", "--bogus", "r1"},
            {"events"},
            {"runs", "--bogus"},
            {"runs", "status"},
            {"runs", "-C", missing},
            {"runs", "-C", tmp.toString(), "--state-dir", state},
            {"runs", "-C", tmp.toString(), "--state-dir", state, "--json"},
            {"resume", "r1", "--decision", "maybe"},
            {"resume"},
            {"plan", "--format", "svg", "x"},
            {"validate"},
            {"validate", tmp.resolve("missing.json").toString()},
            {"run", "-j", "many", "x"},
            {"run", "-j", "0", "x"},
            {"run", ""},
            {"clean"},
            {"diff"},
            {"apply"},
            {"watch", "--bogus"},
            {"serve", "--port", "x"},
        };
        for (String[] args : table) {
            CommandLine reduced = Orchestrator.commandLineFor(args);
            assertThat(reduced.getSubcommands().keySet()).as(String.join(" ", args)).containsExactly(args[0]);
            assertThat(outcome(reduced, args)).as(String.join(" ", args)).isEqualTo(outcome(Orchestrator.commandLine(), args));
        }
        // help, the version and anything not starting with a subcommand's name get every subcommand
        for (String[] args : new String[][] {{}, {"--help"}, {"status", "--help"}, {"events", "r1", "-h"}, {"runs", "-V"},
                {"help", "status"}, {"-C", tmp.toString(), "runs"}, {"add", "dark", "mode"}}) {
            assertThat(Orchestrator.commandLineFor(args).getSubcommands().keySet()).as(String.join(" ", args))
                    .containsExactlyElementsOf(Orchestrator.commandLine().getSubcommands().keySet());
        }
    }

    /** Each subcommand is listed under the name its own annotation gives it, in the help's order. */
    @Test
    void theSubcommandsAreListedUnderTheirOwnNames() {
        CommandLine top = Orchestrator.commandLine();
        assertThat(top.getSubcommands().keySet()).containsExactly(
                "run", "plan", "validate", "resume", "runs", "status", "events", "watch", "serve", "apply", "diff", "clean", "help");
        top.getSubcommands().forEach((name, sub) -> assertThat(
                sub.getCommand().getClass().getAnnotation(picocli.CommandLine.Command.class).name()).isEqualTo(name));
    }

    @Test
    void durationsReadAsAPersonWritesThem() {
        assertThat(RunOptions.parseDuration("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThatThrownBy(() -> RunOptions.parseDuration("5")).isInstanceOf(OrchestratorException.class)
                .hasMessageContaining("give a unit, e.g. 5s, 5m or 5h");
        assertThat(RunOptions.parseDuration("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(RunOptions.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThatThrownBy(() -> RunOptions.parseDuration("soon")).isInstanceOf(OrchestratorException.class);
        assertThatThrownBy(() -> RunOptions.parseDuration("0s")).isInstanceOf(OrchestratorException.class);
    }
}
