package dev.harness.orchestrator.cli;

import picocli.CommandLine.Command;

/** {@code run OBJECTIVE}: the whole pipeline for a new run (also the default command). */
@Command(name = "run", description = "Plan the objective, show the plan and wait for approval, bootstrap the workspace, run the tasks"
                + " (up to -j at once) and print a summary.")
public final class RunCommand extends RunInvocation {
}
