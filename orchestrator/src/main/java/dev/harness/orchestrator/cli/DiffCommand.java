package dev.harness.orchestrator.cli;

import dev.harness.orchestrator.ExitCode;
import dev.harness.orchestrator.OrchestratorException;
import dev.harness.orchestrator.integration.GitCli;
import dev.harness.orchestrator.integration.IntegrationJournal;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code diff RUN [TASK]}: what a run, or one of its tasks, changed. */
@Command(name = "diff", description = {"Show what a run changed (its integration branch against the commit it started from),",
                "or what one task changed (its verified commit against where the task started)."})
public final class DiffCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_ID")
    String runId;

    @Parameters(index = "1", arity = "0..1", paramLabel = "TASK")
    String taskId;

    @Option(names = "--stat", description = "Only the summary of changed files.")
    boolean stat;

    @ParentCommand
    RunInvocation parent;

    @Override
    public Integer call() {
        CommonOptions c = parent.commonOptions();
        RunRepository run = RunRepository.find(c, runId);
        IntegrationJournal journal = run.journal();
        String from;
        String to;
        if (taskId != null) {
            IntegrationJournal.TaskWork work = journal.workOf(taskId);
            if (work == null) {
                throw OrchestratorException.usage("Task " + taskId + " of run " + runId + " made no verified commit"
                        + " (it only verified, failed, or is not in the plan).");
            }
            from = work.commit() + "^1";
            to = work.commit();
        } else {
            if (journal.tip() == null || journal.base() == null) {
                throw OrchestratorException.usage("Run " + runId + " has no integration branch (it committed nothing);"
                        + " name a task to see its change.");
            }
            from = journal.base();
            to = journal.tip();
        }
        GitCli.Result diff = stat
                ? run.git().run("diff", "--no-color", "--stat", from, to)
                : run.git().run("diff", "--no-color", "--stat", "--patch", from, to);
        if (!diff.ok()) {
            throw OrchestratorException.usage("git diff failed: " + diff.said());
        }
        System.out.print(diff.out());
        System.out.flush();
        return ExitCode.SUCCESS.code();
    }
}
