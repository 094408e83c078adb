package dev.harness.orchestrator.cli;

import dev.harness.orchestrator.ExitCode;
import dev.harness.orchestrator.integration.Apply;
import dev.harness.orchestrator.runlog.EventLog;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code apply RUN}: the run's verified integration branch into the person's current branch. */
@Command(name = "apply", description = {"Bring a completed run's integration branch (harness/run-RUN_ID) into your current branch:",
                "a fast-forward when possible, otherwise a merge commit, or one commit with --squash.",
                "Refuses, changing nothing, when you have uncommitted changes in a file the run changes (it names them);",
                "uncommitted changes elsewhere are kept as they are."})
public final class ApplyCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_ID")
    String runId;

    @Option(names = "--squash", description = "One commit with the run's whole change instead of its history.")
    boolean squash;

    @ParentCommand
    RunInvocation parent;

    @Override
    public Integer call() {
        CommonOptions c = parent.commonOptions();
        RunRepository run = RunRepository.find(c, runId);
        Apply.Result result;
        try (EventLog log = EventLog.open(run.run().dir())) {
            result = new Apply(run.git()).apply(log, runId, run.journal(), squash);
        }
        if (result.applied()) {
            System.out.println(result.message());
            return ExitCode.SUCCESS.code();
        }
        System.err.println("orchestrator: not applied: " + result.message());
        return ExitCode.TASK_FAILED.code();
    }
}
