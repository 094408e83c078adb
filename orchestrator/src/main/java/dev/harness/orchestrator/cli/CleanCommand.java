package dev.harness.orchestrator.cli;

import dev.harness.orchestrator.ExitCode;
import dev.harness.orchestrator.integration.Cleanup;
import dev.harness.orchestrator.runlog.EventLog;
import dev.harness.orchestrator.runlog.RunDirectory;
import dev.harness.api.run.RunStatus;
import dev.harness.orchestrator.runlog.RunSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code clean RUN | --completed}: a run's worktrees and merged branches go; its log stays. */
@Command(name = "clean", description = {"Remove a run's task worktrees and the branches whose work is integrated or applied",
                "(and its integration branch once applied). An unmerged branch is kept unless --force;",
                "the run's log is never removed."})
public final class CleanCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "RUN_ID")
    String runId;

    @Option(names = "--completed", description = "Every completed run of the workspace.")
    boolean completed;

    @Option(names = "--force", description = "Also delete unmerged branches and their worktrees (their work is lost).")
    boolean force;

    @ParentCommand
    RunInvocation parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CommonOptions c = parent.commonOptions();
        if ((runId == null) == !completed) {
            throw RunInvocation.usageError(spec, "Name one run, or give --completed.");
        }
        List<String> runs = new ArrayList<>();
        if (runId != null) {
            runs.add(runId);
        } else {
            for (RunSummary summary : RunDirectory.list(c.resolvedStateDir(c.resolvedWorkspace()))) {
                if (summary.problemText().isEmpty() && summary.status() == RunStatus.COMPLETED) {
                    runs.add(summary.runId());
                }
            }
        }
        for (String id : runs) {
            RunRepository run = RunRepository.find(c, id);
            Cleanup.Report report;
            try (EventLog log = EventLog.open(run.run().dir())) {
                report = new Cleanup(run.git()).clean(log, run.journal(), force);
            }
            System.out.println("Run " + id + ": removed " + report.removedWorktrees().size() + " worktree(s), deleted "
                    + report.deletedBranches().size() + " branch(es)" + (report.deletedBranches().isEmpty() ? ""
                    : " (" + String.join(", ", report.deletedBranches()) + ")") + "; the log stays in " + run.run().dir());
            report.kept().forEach(k -> System.out.println("  kept " + k));
        }
        return ExitCode.SUCCESS.code();
    }
}
