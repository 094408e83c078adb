package dev.harness.orchestrator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.harness.orchestrator.ExitCode;
import dev.harness.orchestrator.OrchestratorException;
import dev.harness.orchestrator.pipeline.RunPipeline;
import dev.harness.orchestrator.runlog.RunDirectory;
import dev.harness.orchestrator.runlog.RunLogException;
import dev.harness.protocol.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What {@code run} and the bare {@code orchestrator OBJECTIVE} share: the options and the start of
 * a new run. The subcommands find the run options given before their name through {@code parent}.
 */
public abstract class RunInvocation implements Callable<Integer> {
    @Mixin
    RunOptions run = new RunOptions();

    @Option(names = "--plan", paramLabel = "FILE",
            description = "Use this plan (a JSON array of task packets, or an object with \"packets\") instead of planning;"
                    + " it is validated and still goes through the plan gate.")
    Path planFile;

    @Parameters(arity = "0..*", paramLabel = "OBJECTIVE", description = "What you want done, e.g. \"add dark mode\".")
    List<String> objective;

    @ParentCommand
    RunInvocation parent;

    @Spec
    CommandSpec spec;

    /** The options every command inherits: they live on the top command (the one without a parent). */
    public CommonOptions commonOptions() {
        return parent.commonOptions();
    }

    RunOptions runOptions() {
        return run.orParent(parent == null ? null : parent.run);
    }

    @Override
    public Integer call() {
        if ((objective == null || objective.isEmpty()) && planFile == null) {
            if (parent == null && spec.commandLine().getParseResult().originalArgs().isEmpty()) {
                spec.commandLine().usage(spec.commandLine().getErr());
                return ExitCode.USAGE.code();
            }
            throw OrchestratorException.usage("No objective given: say what you want done, e.g. orchestrator \"add dark mode\".");
        }
        String text = objective == null ? "" : String.join(" ", objective).strip();
        ArrayNode givenPlan = planFile == null ? null : loadPlan(planFile);
        if (text.isEmpty() && givenPlan != null) {
            text = "the plan in " + planFile.getFileName();
        }
        if (text.isEmpty()) {
            throw OrchestratorException.usage("The objective is empty: say what you want done, e.g. orchestrator \"add dark mode\".");
        }
        CommonOptions c = commonOptions();
        RunOptions r = runOptions();
        if (r.jobs < 1) {
            throw OrchestratorException.usage("-j must be at least 1.");
        }
        r.timeoutDuration();
        Path workspace = c.resolvedWorkspace();
        if (!Files.isWritable(workspace)) {
            throw OrchestratorException.usage("The workspace " + workspace + " cannot be written; the tasks need to change it.");
        }
        RunDirectory dir;
        try {
            dir = RunDirectory.create(c.resolvedStateDir(workspace), RunDirectory.newRunId());
        } catch (RunLogException e) {
            throw OrchestratorException.usage("Cannot create the run directory: " + e.getMessage());
        }
        RunSession opened;
        try {
            opened = RunSession.open(c, r, workspace, dir);
        } catch (OrchestratorException e) {
            dir.discardIfNothingRecorded(); // a bad option: no run was started, so none is left behind
            throw e;
        }
        RunPipeline pipeline;
        RunPipeline.GivenPlan checkedPlan;
        try {
            pipeline = new RunPipeline(opened.context());
            // a plan file that breaks the rules is refused before run_started: no run is left behind
            checkedPlan = givenPlan == null ? null : pipeline.check(givenPlan);
        } catch (RuntimeException e) {
            opened.close();
            dir.discardIfNothingRecorded();
            throw e;
        }
        RunLookup.index(dir, workspace, text);
        try (RunSession session = opened) {
            return pipeline.start(text, checkedPlan).code();
        }
    }

    static ArrayNode loadPlan(Path file) {
        JsonNode plan;
        try {
            plan = Json.parse(Files.readString(file));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // the parser's own words and where, not its internals ("Source: REDACTED (`StreamReadFeature…` disabled)")
            var at = e.getLocation();
            throw OrchestratorException.usage("The plan file " + file + " cannot be read as JSON: "
                    + (at == null || at.getLineNr() < 1 ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ")
                    + e.getOriginalMessage());
        } catch (java.nio.file.NoSuchFileException e) {
            throw OrchestratorException.usage("The plan file " + file + " does not exist.");
        } catch (IOException e) {
            throw OrchestratorException.usage("The plan file " + file + " cannot be read: " + e.getMessage());
        }
        JsonNode packets = plan.isArray() ? plan : plan.path("packets");
        if (!packets.isArray() || packets.isEmpty()) {
            throw OrchestratorException.usage("The plan file " + file + " has no task packets (expected an array, or an object with \"packets\").");
        }
        return (ArrayNode) packets;
    }

    /** For subcommands: picocli's own usage error path (exit 2). */
    static CommandLine.ParameterException usageError(CommandSpec spec, String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
