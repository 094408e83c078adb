package dev.harness.orchestrator.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.api.plan.PlanFinding;
import dev.harness.api.plan.PlanReport;
import dev.harness.api.rpc.PlanningMethods;
import dev.harness.orchestrator.ExitCode;
import dev.harness.orchestrator.OrchestratorException;
import dev.harness.orchestrator.pipeline.ScopeBoundary;
import dev.harness.orchestrator.render.CommandName;
import dev.harness.orchestrator.service.ServiceSet;
import dev.harness.protocol.Json;
import dev.harness.protocol.RpcException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code validate PLAN_FILE}: the checks {@code --plan FILE} makes before a run opens (the plan rules with the
 * workspace's facts, and every scope inside the workspace), with each problem listed; nothing is run and no run
 * is recorded. Without it, {@code orchestrator validate plan.json} started a run whose objective was those words.
 */
@Command(name = "validate", description = {"Check a plan file as --plan FILE would (the plan rules, with this workspace's facts,"
        + " and every scope inside the workspace) and list each problem; nothing is run and no run is recorded.",
        "Exit code 0 when it is valid (warnings are listed), 2 when it is not."})
public final class ValidateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PLAN_FILE",
            description = "A JSON array of task packets, or an object with \"packets\" (as --plan takes).")
    Path planFile;

    @ParentCommand
    RunInvocation parent;

    @Override
    public Integer call() throws IOException {
        ArrayNode packets = RunInvocation.loadPlan(planFile);
        CommonOptions c = parent.commonOptions();
        Path workspace = c.resolvedWorkspace();
        // no run directory: the service's stderr goes to a temporary file, kept and named on failure
        Path logs = Files.createTempDirectory("harness-validate-");
        Path stderrLog = logs.resolve("planning-service.stderr.log");
        boolean keepLog = false;
        PlanReport report;
        try (ServiceSet services = new ServiceSet(workspace, java.util.Map.of(),
                kind -> ServiceSet.Launch.of(kind, c.serviceOverrides().get(kind), System.getenv(), workspace,
                        List.of(), stderrLog), message -> System.err.println("orchestrator: " + message))) {
            ObjectNode params = Json.object();
            params.set("packets", packets);
            // the workspace: checks naming a script or target it lacks are warned about, as for --plan
            params.set("context", Json.toNode(new PlanningMethods.Where(workspace.toString(), null, null, null)));
            report = PlanningMethods.VALIDATE.readResult(services.planning().call(PlanningMethods.VALIDATE.name(), params,
                    Duration.ofMinutes(2)));
        } catch (RpcException e) {
            keepLog = true;
            throw new OrchestratorException(e.code() == -32602 ? ExitCode.USAGE : ExitCode.INTERNAL,
                    "planning-service could not validate " + planFile + ": " + e.getMessage() + " (its log: " + stderrLog + ")");
        } catch (RuntimeException e) {
            keepLog = true;
            throw e;
        } finally {
            if (!keepLog) {
                Files.deleteIfExists(stderrLog);
                Files.deleteIfExists(logs);
            }
        }
        List<String> errors = new ArrayList<>(report.errors().stream().map(ValidateCommand::line).toList());
        errors.addAll(ScopeBoundary.escaping(packets, workspace));
        String run = CommandName.current() + (c.workspace != null ? " -C " + workspace : "") + " --plan " + planFile;
        System.out.print(report(planFile, run, packets.size(), errors, report.warnings().stream().map(ValidateCommand::line).toList()));
        System.out.flush();
        return errors.isEmpty() ? ExitCode.SUCCESS.code() : ExitCode.USAGE.code();
    }

    /** What validate prints: a verdict line, then each error and warning on a line of its own. */
    static String report(Path file, String run, int tasks, List<String> errors, List<String> warnings) {
        StringBuilder out = new StringBuilder();
        String count = tasks + (tasks == 1 ? " task" : " tasks");
        if (errors.isEmpty()) {
            out.append(file).append(": valid, ").append(count)
                    .append(warnings.isEmpty() ? "" : warnings.size() == 1 ? ", 1 warning" : ", " + warnings.size() + " warnings")
                    .append(". Run it with ").append(run).append('\n');
        } else {
            out.append(file).append(": not valid, ").append(errors.size() == 1 ? "1 error" : errors.size() + " errors")
                    .append(" (").append(count).append("); --plan would refuse it and open no run.\n");
        }
        errors.forEach(e -> out.append("  error:   ").append(e).append('\n'));
        warnings.forEach(w -> out.append("  warning: ").append(w).append('\n'));
        return out.toString();
    }

    private static String line(PlanFinding finding) {
        return finding.message();
    }
}
