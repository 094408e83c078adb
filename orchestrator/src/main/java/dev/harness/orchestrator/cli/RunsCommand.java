package dev.harness.orchestrator.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.harness.api.worker.UsageTotal;
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
                System.out.println(Json.write(IndexLine.of(run, entry.workspace())));
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

    /** The word the table shows: a run whose log cannot be read is not "planned". */
    private static String statusWord(RunSummary run) {
        return run.problemText().isPresent() ? "unreadable" : run.status().wire();
    }

    /** One line of {@code runs --json}: problem only for a run whose log cannot be read. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Line(String runId, String status, String objective, String started, int total, int completed, int failed,
                int skipped, UsageTotal usage, String path, @JsonInclude(JsonInclude.Include.NON_NULL) String problem) {
        static Line of(RunSummary run) {
            return new Line(run.runId(), statusWord(run), run.objective(), run.started() == null ? null : run.started().toString(),
                    run.total(), run.completed(), run.failed(), run.skipped(), run.usage(), run.path().toString(),
                    run.problemText().orElse(null));
        }
    }

    /** One line of {@code runs --all --json}: with the run's workspace. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record IndexLine(String runId, String status, String workspace, String objective, String started, int total, int completed,
                     int failed, int skipped, UsageTotal usage, String path) {
        static IndexLine of(RunSummary run, String workspace) {
            return new IndexLine(run.runId(), statusWord(run), workspace, run.objective(),
                    run.started() == null ? null : run.started().toString(), run.total(), run.completed(), run.failed(),
                    run.skipped(), run.usage(), run.path().toString());
        }
    }

    /** What runs prints of these runs of {@code stateDir} (QuickAnswer prints it too, from their kept summaries). */
    static String listing(Path stateDir, List<RunSummary> runs) {
        if (runs.isEmpty()) {
            // runs lists the current directory's workspace: a person who ran with --workspace elsewhere and
            // then asks from here is told where the other runs are, not only that there are none here
            return "No runs under " + stateDir + "." + System.lineSeparator()
                    + "Another workspace's runs: runs -C WORKSPACE, or runs --all for every workspace's." + System.lineSeparator();
        }
        return Table.of(List.of("RUN", "STATUS", "TASKS", "USAGE", "STARTED", "OBJECTIVE"), runs.stream().map(run -> List.of(
                run.runId(),
                run.problemText().isPresent() ? "unreadable" : run.status().wire(),
                run.completed() + " done, " + run.failed() + " failed, " + run.skipped() + " skipped of " + run.total(),
                run.usage().brief(),
                run.started() == null ? "-" : run.started().toString(),
                run.problemText().orElse(run.objective() == null ? "-" : run.objective()))).toList());
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
                System.out.println(Json.write(Line.of(run)));
            }
            return ExitCode.SUCCESS.code();
        }
        System.out.print(listing(stateDir, runs));
        return ExitCode.SUCCESS.code();
    }
}
