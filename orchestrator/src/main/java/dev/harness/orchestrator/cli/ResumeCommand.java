package dev.harness.orchestrator.cli;

import dev.harness.api.worker.ApprovalSource;
import dev.harness.orchestrator.ExitCode;
import dev.harness.orchestrator.OrchestratorException;
import dev.harness.orchestrator.attention.DecisionInbox;
import dev.harness.orchestrator.pipeline.RunContext;
import dev.harness.orchestrator.render.CommandName;
import dev.harness.orchestrator.runlog.EventLog;
import dev.harness.orchestrator.runlog.RunDirectory;
import dev.harness.orchestrator.pipeline.RunPipeline;
import dev.harness.orchestrator.runlog.RunState;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code resume RUN_ID}: continue a run from its event log alone. */
@Command(name = "resume", description = {"Continue a run from its events.jsonl: completed tasks are never run again; the failed or"
                + " interrupted task runs again; a run waiting for approval or a decision gets it here.",
                "A run whose plan no longer matches its approval, or whose log is corrupted, is refused."})
public final class ResumeCommand implements Callable<Integer> {
    private static final List<String> DECISIONS = List.of("retry", "skip", "abort");

    @Mixin
    RunOptions run = new RunOptions();

    @Parameters(index = "0", paramLabel = "RUN_ID", description = "The run to continue (see 'orchestrator runs').")
    String runId;

    @Option(names = "--decision", paramLabel = "DECISION",
            description = "For a run waiting after an escalation: retry, skip (the task) or abort (the run).")
    String decision;

    @Option(names = "--reopen",
            description = "Run the unfinished tasks of an aborted run (an abort is final otherwise).")
    boolean reopen;

    @Option(names = "--approval-source", hidden = true, paramLabel = "SOURCE",
            description = "Internal (the dashboard, harness-mcp): record the decisions given here by flags as made there"
                    + " (web, mcp_elicitation).")
    String approvalSource;

    @Option(names = "--approval-comment", hidden = true, paramLabel = "TEXT",
            description = "Internal (the dashboard): the person's comment on the decision.")
    String approvalComment;

    @ParentCommand
    RunInvocation parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (decision != null && !DECISIONS.contains(decision)) {
            throw RunInvocation.usageError(spec, "--decision must be one of retry, skip, abort (got '" + decision + "').");
        }
        CommonOptions c = parent.commonOptions();
        RunOptions r = run.orParent(parent == null ? null : parent.run);
        RunLookup found = RunLookup.find(c, runId);
        if (approvalSource != null && !approvalSource.equals("web") && !approvalSource.equals("mcp_elicitation")) {
            throw RunInvocation.usageError(spec, "--approval-source can only be web or mcp_elicitation.");
        }
        if (EventLog.writerActive(found.dir()) && (decision != null || r.yes || r.trust || r.noTrust)) {
            return handToWaitingTerminal(found.dir(), r);
        }
        RunState state = RunState.rebuild(found.events());
        for (String warning : found.warnings()) {
            System.err.println("orchestrator: warning: " + warning + " (the torn line is set aside; the run continues)");
        }
        // the run's own choices stand unless given again here
        var matched = spec.commandLine().getParseResult();
        if (!matched.hasMatchedOption("--agent") && state.options().hasNonNull("agent")) {
            r.agent = state.options().get("agent").asText();
        }
        if (!matched.hasMatchedOption("-j") && state.options().has("jobs")) {
            r.jobs = Math.max(1, state.options().get("jobs").asInt(1));
        }
        if (!matched.hasMatchedOption("--keep-going") && state.options().has("keep_going")) {
            r.keepGoing = state.options().get("keep_going").asBoolean(false);
        }
        if (!matched.hasMatchedOption("--keep-worktrees") && state.options().has("keep_worktrees")) {
            r.keepWorktrees = state.options().get("keep_worktrees").asBoolean(false);
        }
        if (!matched.hasMatchedOption("--setup") && state.options().hasNonNull("setup")) {
            r.setup = state.options().get("setup").asText();
        }
        // a run keeps the budget it started with (config.yaml is not read again); a part given here replaces it
        dev.harness.api.worker.Budget logged = state.budget();
        try {
            r.budget = new dev.harness.api.worker.Budget(r.budgetUsd != null ? r.budgetUsd : logged.usd(),
                    r.budgetTokens != null ? r.budgetTokens : logged.tokens());
        } catch (IllegalArgumentException e) {
            throw RunInvocation.usageError(spec, "Budget: " + e.getMessage());
        }
        Path workspace = found.workspace();
        if (state.workspace() != null && c.workspace == null && Files.isDirectory(Path.of(state.workspace()))) {
            workspace = Path.of(state.workspace());
        }
        if (!Files.isWritable(workspace)) {
            throw OrchestratorException.usage("The workspace " + workspace + " cannot be written; the tasks need to change it.");
        }
        // a run resumed from elsewhere (another state dir, another index) is found by id from now on too
        RunLookup.index(found.dir(), workspace, state.objective(), state.startedAt().orElseGet(java.time.Instant::now));
        try (RunSession session = RunSession.open(c, r, workspace, found.dir())) {
            if (approvalSource != null) {
                session.context().flagsGivenBy(ApprovalSource.fromWire(approvalSource), approvalComment);
            }
            return new RunPipeline(session.context()).resume(state, decision, reopen).code();
        }
    }

    /**
     * Another orchestrator holds the run and may be asking at its terminal: the decision given here
     * answers that question (recorded there, with this source), instead of a second writer.
     */
    private int handToWaitingTerminal(RunDirectory dir, RunOptions r) {
        String action = decision != null ? decision : r.yes ? "approve" : r.noTrust ? "refuse" : "trust";
        Optional<DecisionInbox.Prompt> prompt = DecisionInbox.waiting(dir);
        if (prompt.isEmpty() || !prompt.get().actions().contains(action)) {
            throw OrchestratorException.usage(heldElsewhere(dir.runId(), prompt, action));
        }
        ApprovalSource source = approvalSource == null ? ApprovalSource.CLI_FLAG : ApprovalSource.fromWire(approvalSource);
        String request = DecisionInbox.answer(dir, prompt.get(), action, source, RunContext.approverName(), approvalComment);
        PrintStream err = System.err;
        for (int i = 0; i < 600; i++) { // up to a minute: it looks several times a second
            if (DecisionInbox.taken(dir, request)) {
                err.println(taken(dir.runId(), prompt.get().taskId(), action));
                return ExitCode.SUCCESS.code();
            }
            if (!EventLog.writerActive(dir)) {
                break;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw OrchestratorException.usage("Run " + dir.runId() + ": the orchestrator running it did not take " + action
                + " (it was answered there first, or it stopped asking). Nothing was changed here; see " + CommandName.current() + " status "
                + dir.runId() + ".");
    }

    /** What the orchestrator holding the run did with the answer given here, and where the run goes on (or ends). */
    static String taken(String runId, String taskId, String action) {
        String what = switch (action) {
            case "approve" -> "approved the plan";
            case "trust" -> "trusted the workspace";
            case "refuse" -> "refused trust in the workspace";
            default -> "took the decision " + action + (taskId == null ? "" : " for task " + taskId);
        };
        boolean ends = action.equals("refuse") || action.equals("abort");
        return "Run " + runId + ": the orchestrator running it " + what + " at its terminal; "
                + (ends ? "the run ends there" : "it continues there") + " (" + CommandName.current() + " watch " + runId + ").";
    }

    /**
     * Why a flag given here cannot answer the orchestrator that holds the run, naming only what resume
     * itself can give there (rejecting a plan is done at that terminal, not by a flag).
     */
    static String heldElsewhere(String runId, Optional<DecisionInbox.Prompt> prompt, String action) {
        List<String> givable = prompt.map(p -> p.actions().stream().filter(ResumeCommand::givenByFlag)
                .map(ResumeCommand::flag).toList()).orElse(List.of());
        String asked = prompt.isEmpty() ? ", which is not asking anything that " + flag(action) + " answers"
                : ", which asks: " + prompt.get().question() + (givable.isEmpty()
                        ? " (nothing resume can give answers it; answer at that terminal)"
                        : " (" + String.join(" or ", givable) + " can be given here)");
        return "Run " + runId + " is being run by another orchestrator now" + asked + ". Nothing was changed.";
    }

    private static boolean givenByFlag(String action) {
        return action.equals("approve") || action.equals("trust") || action.equals("refuse") || DECISIONS.contains(action);
    }

    private static String flag(String action) {
        return switch (action) {
            case "approve" -> "--yes";
            case "trust" -> "--trust";
            case "refuse" -> "--no-trust";
            default -> "--decision " + action;
        };
    }
}
