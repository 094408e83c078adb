package dev.harness.orchestrator.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.orchestrator.ExitCode;
import dev.harness.orchestrator.index.RunIndex;
import dev.harness.orchestrator.runlog.RunDirectory;
import dev.harness.orchestrator.runlog.RunSummary;
import dev.harness.protocol.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code runs}: every run under the state directory, oldest first. */
@Command(name = "runs", description = "List the runs of the workspace (or --state-dir): id, status, task counts, usage (cost / tokens), start, objective.")
public final class RunsCommand implements Callable<Integer> {
    @Option(names = "--all", description = "Every run in your run index, whatever its workspace (with a WORKSPACE column).")
    boolean all;

    @ParentCommand
    RunInvocation parent;

    /** runs --all: the person's run index, across workspaces. */
    private int listAll(boolean json) {
        RunIndex index = RunIndex.forUser(System.getenv());
        List<List<String>> rows = new java.util.ArrayList<>();
        for (RunIndex.Entry entry : index.all()) {
            RunSummary run;
            try {
                run = RunSummary.read(RunDirectory.open(entry.runDirPath().getParent(), entry.runId()));
            } catch (RuntimeException e) {
                continue; // its directory went away or lost its log: nothing to show or resume
            }
            String status = run.problemText().isPresent() ? "unreadable" : run.status().wire();
            if (json) {
                ObjectNode line = Json.object();
                line.put("run_id", run.runId());
                line.put("status", status);
                line.put("workspace", entry.workspace());
                line.put("objective", run.objective());
                line.put("started", run.started() == null ? null : run.started().toString());
                line.put("total", run.total());
                line.put("completed", run.completed());
                line.put("failed", run.failed());
                line.put("skipped", run.skipped());
                line.set("usage", Json.toNode(run.usage()));
                line.put("path", run.path().toString());
                System.out.println(Json.write(line));
            } else {
                rows.add(List.of(run.runId(), status, run.completed() + "/" + run.total() + " done", run.usage().brief(),
                        entry.workspace() == null ? "-" : entry.workspace(), run.objective() == null ? "-" : run.objective()));
            }
        }
        if (!json) {
            System.out.print(rows.isEmpty() ? "No runs in the run index " + index.dir() + ".\n"
                    : Table.of(List.of("RUN", "STATUS", "TASKS", "USAGE", "WORKSPACE", "OBJECTIVE"), rows));
        }
        return ExitCode.SUCCESS.code();
    }

    @Override
    public Integer call() {
        CommonOptions c = parent.commonOptions();
        if (all) {
            return listAll(c.json);
        }
        Path stateDir = c.resolvedStateDir(c.resolvedWorkspace());
        List<RunSummary> runs = RunDirectory.list(stateDir);
        if (c.json) {
            for (RunSummary run : runs) {
                ObjectNode line = Json.object();
                line.put("run_id", run.runId());
                // the same word the table shows: a run whose log cannot be read is not "planned"
                line.put("status", run.problemText().isPresent() ? "unreadable" : run.status().wire());
                line.put("objective", run.objective());
                line.put("started", run.started() == null ? null : run.started().toString());
                line.put("total", run.total());
                line.put("completed", run.completed());
                line.put("failed", run.failed());
                line.put("skipped", run.skipped());
                line.set("usage", Json.toNode(run.usage()));
                line.put("path", run.path().toString());
                run.problemText().ifPresent(p -> line.put("problem", p));
                System.out.println(Json.write(line));
            }
            return ExitCode.SUCCESS.code();
        }
        if (runs.isEmpty()) {
            System.out.println("No runs under " + stateDir + ".");
            return ExitCode.SUCCESS.code();
        }
        System.out.print(Table.of(List.of("RUN", "STATUS", "TASKS", "USAGE", "STARTED", "OBJECTIVE"), runs.stream().map(run -> List.of(
                run.runId(),
                run.problemText().isPresent() ? "unreadable" : run.status().wire(),
                run.completed() + " done, " + run.failed() + " failed, " + run.skipped() + " skipped of " + run.total(),
                run.usage().brief(),
                run.started() == null ? "-" : run.started().toString(),
                run.problemText().orElse(run.objective() == null ? "-" : run.objective()))).toList()));
        return ExitCode.SUCCESS.code();
    }
}
