package dev.harness.orchestrator.pipeline;

import dev.harness.api.plan.ApprovedPacket;
import dev.harness.api.plan.Plan;
import dev.harness.api.plan.PlanFinding;
import dev.harness.api.plan.PlanReport;
import dev.harness.api.plan.TaskPacket;
import dev.harness.api.rpc.PlanningMethods;
import dev.harness.api.rpc.WorkerMethods;
import dev.harness.api.worker.WorkerSnapshot;
import dev.harness.api.worker.WorkerState;
import dev.harness.api.worker.Decision;
import dev.harness.api.worker.FailureClass;
import dev.harness.api.worker.ApprovalSource;
import dev.harness.api.run.RunOutcome;
import dev.harness.api.run.RunEvent;
import dev.harness.api.run.PauseStatus;
import dev.harness.api.run.Gate;
import dev.harness.api.run.SkipCause;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.orchestrator.ExitCode;
import dev.harness.orchestrator.OrchestratorException;
import dev.harness.orchestrator.evidence.FailingCheck;
import dev.harness.orchestrator.integration.Apply;
import dev.harness.orchestrator.integration.ConflictRecipe;
import dev.harness.orchestrator.integration.RunIntegration;
import dev.harness.orchestrator.render.CommandName;
import dev.harness.orchestrator.runlog.EventLogReader;
import dev.harness.orchestrator.runlog.Escalation;
import dev.harness.orchestrator.runlog.PlanDigest;
import dev.harness.orchestrator.runlog.RunState;
import dev.harness.api.run.RunStatus;
import dev.harness.orchestrator.runlog.TaskState;
import dev.harness.api.run.TaskStatus;
import dev.harness.orchestrator.service.ServiceKind;
import dev.harness.protocol.Json;
import dev.harness.protocol.JsonRpc;
import dev.harness.protocol.RpcException;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The whole pipeline for one run: plan → show → plan gate → bootstrap → tasks (trust gate, run,
 * verify, escalations) → summary; and the same from a run's log when it is resumed.
 */
public final class RunPipeline {
    private static final Duration PLAN_CALL = Duration.ofMinutes(10);
    private static final Duration DECISION_CALL = Duration.ofSeconds(60);

    private final RunContext ctx;
    private final DecisionGate decisions;
    private final AtomicReference<Plan> lastPlanCreated = new AtomicReference<>();
    private final WorkerEventRecorder recorder;
    private String trustedEarlierBy;
    private final AtomicBoolean warming = new AtomicBoolean();

    public RunPipeline(RunContext ctx) {
        this.ctx = ctx;
        this.decisions = new DecisionGate(ctx);
        this.recorder = new WorkerEventRecorder(ctx);
        ctx.services().onNotification(ServiceKind.WORKER_MANAGER, recorder);
        ctx.services().onNotification(ServiceKind.PLANNING, message -> {
            try {
                JsonRpc.notificationParams(message, PlanningMethods.PLAN_CREATED, Plan.class).ifPresent(lastPlanCreated::set);
            } catch (IllegalArgumentException unreadable) {
                ctx.console().warn("planning-service's plan_created cannot be read (its plan id and warnings are left out): "
                        + unreadable.getMessage());
            }
        });
    }

    /** A plan given with --plan, checked against the plan rules and the workspace, with its warnings. */
    public record GivenPlan(ArrayNode packets, List<String> warnings) {
        public GivenPlan {
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * Checks a plan given with --plan before the run starts (nothing is logged): a plan that breaks
     * the rules or reaches outside the workspace is a usage error and opens no run.
     */
    public GivenPlan check(ArrayNode packets) {
        // with the workspace, validate also warns about checks naming a script or target the project lacks
        PlanReport report = PlanGate.validate(ctx, packets, ctx.planningContext());
        List<String> outside = ScopeBoundary.escaping(packets, ctx.settings().workspace());
        if (!report.valid()) {
            // every error at once, as validate lists them (a scope outside the workspace too), then where to see them one a line
            List<String> errors = new java.util.ArrayList<>(report.errors().stream().map(PlanFinding::message).toList());
            errors.addAll(outside);
            throw OrchestratorException.usage("The plan file breaks the plan rules (" + errors.size()
                    + (errors.size() == 1 ? " error): " : " errors): ")
                    + String.join("; ", errors.stream().map(m -> m.endsWith(".") ? m.substring(0, m.length() - 1) : m).toList())
                    + ". " + dev.harness.orchestrator.render.CommandName.current() + " validate PLAN_FILE lists each error and warning.");
        }
        if (!outside.isEmpty()) {
            throw OrchestratorException.usage("The plan file has tasks outside the workspace: " + String.join("; ", outside) + ".");
        }
        return new GivenPlan(packets, report.warnings().stream().map(PlanFinding::message).toList());
    }

    /** A new run: the objective is planned (or the given plan, already checked, is used) and goes through the gate. */
    public ExitCode start(String objective, GivenPlan givenPlan) {
        ctx.log().append(new RunEvent.RunStarted(objective, ctx.settings().workspace().toString(),
                new RunEvent.RunOptions(ctx.settings().jobs(), ctx.settings().agent(), ctx.settings().keepGoing(),
                        ctx.settings().budget().isNone() ? null : ctx.settings().budget(),
                        ctx.settings().keepWorktrees() ? Boolean.TRUE : null, ctx.settings().setup())));
        ctx.console().info("Run " + ctx.dir().runId() + " — log: " + ctx.dir().eventsFile());
        PromptOnCommandLine.warning(ctx.settings().agent()).ifPresent(ctx.console()::warn);
        if (ctx.settings().yes()) {
            warmUp(); // the plan will be approved: start the other services while it is being made
        }

        ArrayNode packets;
        String planId;
        String planner;
        List<String> warnings = new ArrayList<>();
        if (givenPlan != null) {
            warnings.addAll(givenPlan.warnings());
            packets = givenPlan.packets();
            planId = "plan-" + ctx.dir().runId();
            planner = "file";
        } else {
            ctx.console().info("Planning: " + objective);
            PlanningMethods.DecomposeParams params = new PlanningMethods.DecomposeParams(objective,
                    ctx.planningContext());
            JsonNode result;
            try {
                // the packets as planned, byte for byte: the plan's digest (and so every approval) covers them
                result = ctx.services().planning().call(PlanningMethods.DECOMPOSE.name(), Json.toNode(params), PLAN_CALL);
            } catch (RpcException e) {
                throw new OrchestratorException(e.code() == -32602 ? ExitCode.USAGE : ExitCode.INTERNAL,
                        "planning-service could not plan this objective: " + e.getMessage());
            }
            packets = (ArrayNode) result;
            Plan notice = lastPlanCreated.get();
            planId = notice == null ? "plan-" + ctx.dir().runId() : notice.planId();
            planner = notice == null || notice.planner() == null ? "built_in" : notice.planner();
            if (notice != null && notice.warnings() != null) {
                warnings.addAll(notice.warnings());
            }
        }
        String digest = PlanDigest.of(packets);
        ctx.log().append(new RunEvent.PlanCreated(planId, objective, packets, warnings, digest, planner));
        PlanPresenter presenter = new PlanPresenter(ctx, planId, objective, planner);
        presenter.writePlanFile(packets, digest);
        presenter.show(packets, warnings);
        return gateThenExecute(packets, objective, presenter, planId, Map.of());
    }

    /**
     * Starts bootstrap-service and worker-manager in the background, once; a failure shows up at first use.
     * Starting them runs nothing: no task, no trust grant (those are requests sent only after the gates).
     */
    private void warmUp() {
        if (!warming.compareAndSet(false, true)) {
            return;
        }
        Thread starter = new Thread(() -> {
            // the worker manager first: a JVM start, the long pole (bootstrap is usually hosted in this JVM)
            for (ServiceKind kind : List.of(ServiceKind.WORKER_MANAGER, ServiceKind.BOOTSTRAP)) {
                try {
                    ctx.services().get(kind).warmUp();
                } catch (RuntimeException e) {
                    return; // reported when the service is first needed
                }
            }
        }, "warm-up");
        starter.setDaemon(true);
        starter.start();
    }

    private ExitCode gateThenExecute(ArrayNode packets, String objective, PlanPresenter presenter, String planId,
                                     Map<String, TaskScheduler.Prior> prior) {
        if (ctx.settings().yes() || ctx.terminal().interactive()) {
            warmUp(); // someone answers now: the worker manager's JVM starts while the plan is read, not after "yes"
        }
        PlanGate.Verdict verdict = new PlanGate(ctx, new PlanEditor(System.getenv()), presenter, lastPlanCreated::get).decide(packets, objective);
        if (verdict instanceof PlanGate.Verdict.Rejected) {
            ctx.console().info("Plan rejected; nothing was run. Log: " + ctx.dir().eventsFile());
            return ExitCode.TASK_FAILED;
        }
        if (verdict instanceof PlanGate.Verdict.Paused) {
            ctx.log().append(new RunEvent.RunPaused(PauseStatus.AWAITING_APPROVAL,
                    "the plan needs approval and there is no terminal to ask (use --yes to approve from a script)", null));
            ctx.console().info("Run " + ctx.dir().runId() + " is waiting for approval of its plan (plan.json: "
                    + ctx.dir().planFile() + ").");
            // one command past every gate still ahead: the plan's approval and the workspace's trust
            ctx.console().info("To approve (and trust the workspace) and continue: " + CommandName.current() + " resume " + ctx.dir().runId()
                    + " --yes --trust"
                    + workspaceHint());
            return ExitCode.WAITING_FOR_HUMAN;
        }
        PlanGate.Verdict.Approved approved = (PlanGate.Verdict.Approved) verdict;
        return execute(approved.packets(), planId, prior);
    }

    private String workspaceHint() {
        return " --workspace " + dev.harness.protocol.CommandWords.quote(ctx.settings().workspace().toString()); // a hint to paste into a shell
    }

    /** The trust gate, then the bootstrap, then the tasks; the summary at the end. */
    private ExitCode execute(ArrayNode packets, String planId, Map<String, TaskScheduler.Prior> prior) {
        ctx.spend().seed(readState()); // a resumed run counts what it spent before
        // trust is resolved once for the run, before anything of the workspace runs (the bootstrap
        // probes the workspace's own MCP servers only once it is trusted)
        TrustGate.Verdict trust = new TrustGate(ctx, trustedEarlierBy).resolve(packets);
        if (trust instanceof TrustGate.Verdict.Refused refused) {
            complete(0, 0, 0, "rejected");
            ctx.console().info("Trust was refused (" + refused.reason() + "): the run is rejected; nothing was bootstrapped or run."
                    + " Log: " + ctx.dir().eventsFile());
            return ExitCode.TASK_FAILED;
        }
        if (trust instanceof TrustGate.Verdict.Paused paused) {
            ctx.log().append(new RunEvent.RunPaused(PauseStatus.AWAITING_TRUST, paused.reason(), null));
            ctx.console().info("Waiting for trust: " + paused.reason() + ".");
            ctx.console().info("To trust the workspace for this run: " + CommandName.current() + " resume " + ctx.dir().runId() + " --trust"
                    + workspaceHint() + " (or add it to the trusted_roots of your trust policy)");
            return ExitCode.WAITING_FOR_HUMAN;
        }
        if (!new BootstrapSequence(ctx, true).run()) {
            complete(0, 0, 0, "failed");
            // the plan and the gates' answers stand: once the cause is fixed the run goes on from the bootstrap
            ctx.console().info("Fix the cause, then continue: " + CommandName.current() + " resume " + ctx.dir().runId()
                    + workspaceHint());
            return ExitCode.TASK_FAILED;
        }
        // typed for reading, each kept as its approved JSON for the worker manager (the grant's digest covers it)
        List<ApprovedPacket> list = ApprovedPacket.listOf(packets);
        ctx.console().planStarted(list);
        RunIntegration integration = RunIntegration.of(ctx.log(), ctx.settings().workspace(), ctx.dir().runId(),
                ctx.settings().agent(), ctx.settings().keepWorktrees(),
                TaskScheduler.dependencyOrder(list).stream().map(ApprovedPacket::id).toList(),
                ConflictRecipe.from(ctx.settings().recipes()));
        TaskRunner runner = new TaskRunner(ctx, decisions, ctx.console(), planId,
                integration);
        TaskScheduler scheduler = new TaskScheduler(ctx, runner, ctx.console());
        TaskScheduler.Outcome outcome = scheduler.run(list, prior);
        RunIntegration.Next integrated = null;
        boolean abortedByDecision = false;
        // the committing tasks' branches come together on harness/run-<id>; a conflict sends its task back
        while (integration != null && outcome.internal() == null && outcome.pause() == null && !outcome.aborted()
                && outcome.failed() == 0 && !ctx.interruption().requested()) {
            integrated = integration.afterPass();
            if (integrated instanceof RunIntegration.Next.RunAgain again) {
                ctx.console().info("Task " + again.taskId() + " conflicts with the integrated work; it is sent back to its agent.");
                outcome = scheduler.run(list, priorOf(readState()));
                continue;
            }
            if (integrated instanceof RunIntegration.Next.Escalate escalate) {
                ApprovedPacket packet = list.stream().filter(p -> p.id().equals(escalate.taskId())).findFirst()
                        .orElseThrow();
                Optional<DecisionGate.Decision> decision = decisions.decide(packet.task(), "merge_conflict",
                        escalate.reason(), null); // the evidence is the conflict itself
                if (decision.isEmpty()) {
                    integration.escalated(escalate.taskId(), escalate.reason());
                    return pausedForDecision(escalate.taskId(), "merge_conflict", escalate.reason());
                }
                recordConflictDecision(escalate.taskId(), decision.get());
                String chosen = decision.get().decision();
                if (chosen.equals("retry")) {
                    integration.sendBack(escalate.taskId(), escalate.reason() + " (retried by decision)");
                    outcome = scheduler.run(list, priorOf(readState()));
                    continue;
                }
                if (chosen.equals("skip")) {
                    skippedAfterConflict(escalate.taskId(), escalate.reason());
                    // a task postponed behind the conflict runs now (or is skipped with the task it depends on)
                    outcome = scheduler.run(list, priorOf(readState()));
                    continue;
                }
                RunIntegration.failed(ctx.log(), escalate.taskId(), "aborted by decision after: " + escalate.reason(), false);
                abortedByDecision = true;
                break;
            }
            break;
        }
        if (ctx.interruption().requested()) {
            return interrupted(outcome.interrupted());
        }
        if (outcome.internal() != null) {
            ctx.console().error("Stopped: " + outcome.internal().getMessage());
            ctx.console().info("After fixing the cause, continue with: " + CommandName.current() + " resume " + ctx.dir().runId() + workspaceHint());
            return ExitCode.INTERNAL;
        }
        if (outcome.pause() instanceof TaskResult.AwaitingDecision waiting) {
            ctx.log().append(new RunEvent.RunPaused(PauseStatus.AWAITING_DECISION,
                    waiting.failureClass() + ": " + waiting.reason(), outcome.pausedTask()));
            ctx.console().summary(readState());
            ctx.console().info("Task " + outcome.pausedTask() + " needs a decision (" + waiting.failureClass() + ": "
                    + waiting.reason() + ").");
            ctx.console().info("Continue with: " + CommandName.current() + " resume " + ctx.dir().runId()
                    + " --decision " + String.join("|", allowedDecisions(outcome.pausedTask())) + workspaceHint());
            if (dev.harness.api.worker.FailureClass.BUDGET_EXCEEDED.wire().equals(waiting.failureClass())) {
                ctx.console().info("(retry runs the task once more anyway; to raise the budget add --budget-usd or --budget-tokens"
                        + " to the resume)");
            }
            return ExitCode.WAITING_FOR_HUMAN;
        }
        boolean integrationFailed = integrated instanceof RunIntegration.Next.Failed || abortedByDecision;
        // a task skipped after a merge conflict is only in the log, not in the scheduler's count
        int skipped = integration != null ? readState().skippedCount() : outcome.skipped();
        String status = outcome.aborted() || abortedByDecision ? "aborted"
                : outcome.failed() > 0 || !outcome.notStarted().isEmpty() || integrationFailed ? "failed"
                : skipped > 0 ? "completed_with_skips" : "completed";
        // the integrated work of every task that was not skipped passed the verifying tasks
        if ((status.equals("completed") || status.equals("completed_with_skips")) && integrated instanceof RunIntegration.Next.Done done) {
            integration.completed(done.outcome(), completedTasks(readState()));
        }
        if (integration != null) {
            RunState now = readState(); // integration may have failed or skipped a task the scheduler saw complete
            complete(now.completedCount(), now.failedCount(), now.skippedCount(), status);
        } else {
            complete(outcome.completed(), outcome.failed(), outcome.skipped(), status);
        }
        ctx.console().summary(readState());
        if (integration != null) {
            integration.summary(ctx.dir().runId()).forEach(ctx.console()::info);
            if (integrated instanceof RunIntegration.Next.Failed failed) {
                ctx.console().info("Not integrated: " + failed.reason());
            }
            if (status.equals("completed") && ctx.settings().apply()) { // an incomplete run is applied only on request
                return Apply.afterRun(ctx, integration) ? ExitCode.SUCCESS : ExitCode.TASK_FAILED;
            }
        } else if (ctx.settings().verifyOnly()) {
            ctx.console().info("No agent (--agent none): nothing was changed or committed, so there is no integration branch.");
        } else {
            // no git: no worktrees, no commits; the person must know where the agent's work went
            ctx.console().info("Not a git repository: the agent worked in " + ctx.settings().workspace()
                    + " itself; its changes are there, not committed (no branch to apply or diff).");
        }
        if (!outcome.notStarted().isEmpty()) {
            ctx.console().info("Not started after the failure: " + String.join(", ", outcome.notStarted())
                    + " (use --keep-going to run independent tasks anyway; resume continues the run).");
        }
        if (status.equals("completed")) {
            return ExitCode.SUCCESS;
        }
        if (status.equals("completed_with_skips")) {
            ctx.console().info("Completed with skips: nothing failed, but " + skipped + " of " + list.size()
                    + " tasks were skipped, so the objective is not done (exit " + ExitCode.COMPLETED_WITH_SKIPS.code() + ").");
            return ExitCode.COMPLETED_WITH_SKIPS;
        }
        if (status.equals("aborted")) {
            ctx.console().info("The run was aborted; it stays aborted (resume --reopen " + ctx.dir().runId()
                    + " would run its unfinished tasks again).");
            return ExitCode.TASK_FAILED;
        }
        ctx.console().info("To run the failed tasks again: " + CommandName.current() + " resume " + ctx.dir().runId() + workspaceHint());
        return ExitCode.TASK_FAILED;
    }

    /** SIGINT/SIGTERM while tasks ran: the workers were cancelled; the log says so, and how to continue. */
    public ExitCode interrupted(List<String> tasks) {
        Interruption.Signal signal = ctx.interruption().signal().orElse(Interruption.Signal.INT);
        ctx.log().append(new RunEvent.RunInterrupted(signal.displayName(), ctx.interruption().reason(), tasks));
        ctx.console().console().clearProgress();
        ctx.console().info("Interrupted (" + signal.displayName() + ")" + (tasks.isEmpty() ? ""
                : ": cancelled " + String.join(", ", tasks) + ", which will run again") + ". Continue with: " + CommandName.current() + " resume "
                + ctx.dir().runId() + workspaceHint());
        return signal.exitCode();
    }

    private void complete(int completed, int failed, int skipped, String status) {
        ctx.interruption().end(() -> ctx.log().append(new RunEvent.ExecutionComplete(completed, failed, skipped,
                RunOutcome.fromWire(status))));
    }

    private List<String> allowedDecisions(String taskId) {
        try {
            return FailingCheck.allowedDecisions(EventLogReader.readAll(ctx.dir().eventsFile(), true), taskId);
        } catch (RuntimeException e) {
            return FailingCheck.allowedDecisions(null);
        }
    }

    private RunState readState() {
        return RunState.rebuild(EventLogReader.readAll(ctx.dir().eventsFile(), true));
    }

    /**
     * Continues a run from its log alone: completed tasks stay done, the failed or interrupted
     * task runs again (or its waiting worker gets the decision), an unapproved plan goes through
     * the gate first. A plan that no longer matches its approval is refused.
     */
    public ExitCode resume(RunState state, String decision, boolean reopen) {
        if (state.packets() == null || state.packets().isEmpty()) {
            throw OrchestratorException.usage("Run " + ctx.dir().runId() + " has no plan (planning never finished); start a new run.");
        }
        ArrayNode approvedPackets = checkPlanFile(state);
        if (state.approvedDigest() != null && !state.approvalHolds()) {
            throw OrchestratorException.usage("Run " + ctx.dir().runId() + " is refused: its plan (digest "
                    + abbreviate(state.planDigest()) + ") no longer matches the approved plan (digest "
                    + abbreviate(state.approvedDigest()) + "). Start a new run to approve a new plan.");
        }
        if (!java.util.EnumSet.of(RunStatus.REJECTED, RunStatus.COMPLETED, RunStatus.COMPLETED_WITH_SKIPS).contains(state.status())
                && (state.status() != RunStatus.ABORTED || reopen)) {
            state = catchUpWorkers(state);
        }
        RunStatus status = state.status();
        if (status == RunStatus.REJECTED) {
            ctx.console().info("Run " + ctx.dir().runId() + " was rejected (its plan, or trust in its workspace, was refused); nothing to resume.");
            return ExitCode.TASK_FAILED;
        }
        if (status == RunStatus.ABORTED && !reopen) {
            ctx.console().info("Run " + ctx.dir().runId() + " was aborted, and an abort is final: nothing was changed."
                    + " To run its unfinished tasks anyway: " + CommandName.current() + " resume " + ctx.dir().runId() + " --reopen" + workspaceHint());
            return ExitCode.TASK_FAILED;
        }
        Optional<Escalation> escalation = state.pendingEscalation();
        if (decision != null) {
            if (escalation.isEmpty()) {
                throw OrchestratorException.usage("Run " + ctx.dir().runId() + " is not waiting for a decision (status "
                        + status + "); --decision applies only to a run in awaiting_decision. Nothing was changed.");
            }
            if (escalation.get().failureClass() == dev.harness.api.worker.FailureClass.MERGE_CONFLICT) {
                String taskId = escalation.get().taskId();
                recordConflictDecision(taskId, new DecisionGate.Decision(decision, "cli_flag", "resume --decision " + decision));
                if (decision.equals("skip")) {
                    skippedAfterConflict(taskId, escalation.get().reason());
                } else if (decision.equals("retry")) {
                    RunIntegration.failed(ctx.log(), taskId, escalation.get().reason() + " (retried by decision)", false);
                } else {
                    RunIntegration.failed(ctx.log(), taskId, "aborted by decision after: " + escalation.get().reason(), false);
                    complete(state.completedCount(), state.failedCount(), state.skippedCount(), "aborted");
                    ctx.console().info("Run " + ctx.dir().runId() + " aborted by decision.");
                    return ExitCode.TASK_FAILED;
                }
                state = readState();
                status = state.status();
                escalation = state.pendingEscalation();
            } else {
                applyDecision(escalation.get(), decision);
            }
        } else if (escalation.isPresent() && !ctx.terminal().interactive()
                && !escalationPolicyDecides(state, escalation.get().taskId())) {
            Escalation e = escalation.get();
            ctx.console().info("Run " + ctx.dir().runId() + " is waiting for a decision on task " + e.taskId() + " ("
                    + e.failureClass() + ": " + e.reason() + ").");
            ctx.console().info("Continue with: " + CommandName.current() + " resume " + ctx.dir().runId() + " --decision "
                    + String.join("|", allowedDecisions(e.taskId()))
                    + workspaceHint());
            return ExitCode.WAITING_FOR_HUMAN;
        }
        boolean allDone = state.tasks().stream().allMatch(t -> t.status() == TaskStatus.COMPLETED
                || (t.status() == TaskStatus.SKIPPED && t.skippedByDecision()));
        if (status == RunStatus.COMPLETED || status == RunStatus.COMPLETED_WITH_SKIPS
                || (state.approvalHolds() && allDone && state.executionComplete())) {
            ctx.console().summary(state);
            if (state.skippedCount() > 0) {
                ctx.console().info("Run " + ctx.dir().runId() + " ended with skipped tasks (" + state.skippedCount()
                        + " tasks skipped by decision); nothing to resume.");
                return ExitCode.COMPLETED_WITH_SKIPS;
            }
            ctx.console().info("Run " + ctx.dir().runId() + " already completed; nothing to do.");
            return ExitCode.SUCCESS;
        }
        ctx.log().append(new RunEvent.RunResumed(status, state.tasksToRun(),
                decision == null ? null : Decision.fromWire(decision),
                ctx.settings().budget().equals(state.budget()) ? null : ctx.settings().budget()));
        ctx.console().info("Resuming run " + ctx.dir().runId() + " (" + status + ") — log: " + ctx.dir().eventsFile());
        PromptOnCommandLine.warning(ctx.settings().agent()).ifPresent(ctx.console()::warn);
        Map<String, TaskScheduler.Prior> prior = priorOf(state);
        // --trust and a person's trust hold for the whole run, resumed or not; a policy's verdict is asked again
        trustedEarlierBy = state.approvals().stream()
                .filter(a -> a.gate() == Gate.TRUST && "approved".equals(a.decision())
                        && (a.source() == ApprovalSource.CLI_FLAG || a.source() == ApprovalSource.HUMAN_TTY
                        || a.source() == ApprovalSource.WEB || a.source() == ApprovalSource.MCP_ELICITATION)) // a person, wherever
                .map(a -> a.source().wire()).reduce((first, second) -> second).orElse(null);
        String planId = state.planId() == null ? "plan-" + ctx.dir().runId() : state.planId();
        if (!state.approvalHolds()) {
            PlanPresenter presenter = new PlanPresenter(ctx, planId, state.objective(), state.planner());
            presenter.show(state.packets(), state.planWarnings());
            return gateThenExecute(approvedPackets, state.objective(), presenter, planId, prior);
        }
        return execute(approvedPackets, planId, prior);
    }

    /**
     * Logs the events the workers had while no orchestrator listened (issue 20), so everything the
     * resume decides comes from the complete log; a task whose worker finished meanwhile is recorded
     * completed here, as the live run would have, and is not run again.
     */
    private RunState catchUpWorkers(RunState state) {
        List<dev.harness.api.run.LoggedEvent> logged = EventLogReader.readAll(ctx.dir().eventsFile(), true);
        if (!recorder.catchUp(logged) && state.tasks().stream().noneMatch(t -> t.status() == TaskStatus.COMPLETED)) {
            return state;
        }
        RunState complete = readState();
        java.util.Set<String> recorded = new java.util.HashSet<>();
        for (dev.harness.api.run.LoggedEvent entry : EventLogReader.readAll(ctx.dir().eventsFile(), true)) {
            if (entry.event() instanceof RunEvent.TaskCompleted done) {
                recorded.add(done.taskId());
            }
        }
        boolean appended = false;
        for (TaskState task : complete.tasks()) {
            if (task.status() == TaskStatus.COMPLETED && task.workerId() != null && !recorded.contains(task.id())) {
                ctx.log().append(new RunEvent.TaskCompleted(task.id(), task.workerId(), task.durationMs(), task.branch(), task.commit(),
                        task.verification()));
                ctx.console().info("Task " + task.id() + " finished while the orchestrator was stopped (worker "
                        + task.workerId() + "); recorded completed, not run again.");
                appended = true;
            }
        }
        return appended ? readState() : complete;
    }

    /**
     * A decision from the command line is put to the worker manager before anything in the run
     * changes: refused, it is a usage error (exit 2) and the run still waits exactly as it did.
     */
    private void applyDecision(Escalation escalation, String decision) {
        String taskId = escalation.taskId();
        WorkerSnapshot worker = null;
        if (escalation.workerId() != null) {
            try {
                worker = ctx.services().workers().call(WorkerMethods.GET_WORKER,
                        new WorkerMethods.WorkerRef(escalation.workerId()), DECISION_CALL);
            } catch (RpcException e) {
                worker = null; // the worker manager no longer knows it: the decision is applied when the task is reached
            }
        }
        if (worker == null || worker.state() != WorkerState.FAILED || !worker.awaitsDecision()) {
            decisions.preset(taskId, decision);
            return;
        }
        DecisionGate.Decision chosen = new DecisionGate.Decision(decision, "cli_flag", "resume --decision " + decision);
        // the source is web when the dashboard resumed the run
        var params = new WorkerMethods.DecideParams(worker.workerId(), Decision.fromWire(decision), ctx.approver(),
                chosen.comment(), null, ctx.asGiven(ApprovalSource.CLI_FLAG));
        try {
            ctx.services().workers().call(WorkerMethods.DECIDE, params, DECISION_CALL);
        } catch (RpcException e) {
            throw OrchestratorException.usage("Task " + taskId + " cannot take --decision " + decision + ": " + e.getMessage()
                    + " Nothing was changed; run " + ctx.dir().runId() + " still waits for a decision (" + CommandName.current() + " status "
                    + ctx.dir().runId() + ").");
        }
        DecisionGate.record(ctx, taskId, worker.workerId(), chosen);
        decisions.applied(taskId, chosen);
    }

    private ExitCode pausedForDecision(String taskId, String failureClass, String reason) {
        ctx.log().append(new RunEvent.RunPaused(PauseStatus.AWAITING_DECISION, failureClass + ": " + reason, taskId));
        ctx.console().summary(readState());
        ctx.console().info("Task " + taskId + " needs a decision (" + failureClass + ": " + reason + ").");
        ctx.console().info("Continue with: " + CommandName.current() + " resume " + ctx.dir().runId()
                + " --decision retry|skip|abort" + workspaceHint());
        return ExitCode.WAITING_FOR_HUMAN;
    }

    private void recordConflictDecision(String taskId, DecisionGate.Decision decision) {
        ctx.log().append(new RunEvent.DecisionRecorded(taskId, null, Decision.fromWire(decision.decision()),
                decision.source().equals("policy") ? "escalation_policy" : ctx.approver(),
                ApprovalSource.fromWire(decision.source()), FailureClass.MERGE_CONFLICT, decision.comment()));
    }

    private void skippedAfterConflict(String taskId, String reason) {
        ctx.log().append(new RunEvent.TaskSkipped(taskId, "skipped by decision after merge_conflict: " + reason,
                SkipCause.DECISION));
    }

    /** What earlier passes did for each task, as the scheduler takes it. */
    private static Map<String, TaskScheduler.Prior> priorOf(RunState state) {
        Map<String, TaskScheduler.Prior> prior = new HashMap<>();
        for (TaskState task : state.tasks()) {
            // a task sent back after a merge conflict starts a new worker on the integration tip, not its finished one
            boolean sentBack = task.status() == TaskStatus.FAILED && task.failureClass() == dev.harness.api.worker.FailureClass.MERGE_CONFLICT;
            prior.put(task.id(), new TaskScheduler.Prior(task.status(), sentBack ? null : task.workerId(),
                    task.attempts(), task.skippedByDecision()));
        }
        return prior;
    }

    private static List<String> completedTasks(RunState state) {
        return state.tasks().stream().filter(t -> t.status() == TaskStatus.COMPLETED).map(TaskState::id).toList();
    }

    private static boolean escalationPolicyDecides(RunState state, String taskId) {
        for (TaskPacket packet : TaskPacket.listOf(state.packets())) {
            if (packet.id().equals(taskId)) {
                String policy = packet.escalationPolicy() == null ? "" : packet.escalationPolicy().strip().toLowerCase(java.util.Locale.ROOT);
                return policy.equals("skip") || policy.equals("abort");
            }
        }
        return false;
    }

    /**
     * plan.json holds the approved plan's exact bytes (the approval digest covers them, and a
     * command may carry a password the person wrote there); the event log holds the same packets
     * with secrets masked. The packets a resume runs are plan.json's, after checking that they are
     * the plan the log recorded (the digest) and that the log's copy is their masked image; a run
     * without plan.json runs the log's packets. Anything else is refused: it is not what was approved.
     */
    private ArrayNode checkPlanFile(RunState state) {
        if (!Files.isRegularFile(ctx.dir().planFile())) {
            return state.packets();
        }
        PlanFile plan;
        try {
            plan = PlanFile.read(ctx.dir().planFile());
        } catch (IOException | IllegalArgumentException e) {
            throw OrchestratorException.usage("Run " + ctx.dir().runId() + " is refused: " + ctx.dir().planFile()
                    + " cannot be read (" + e.getMessage() + ").");
        }
        ArrayNode packets = plan.packets();
        if (packets == null || !PlanDigest.of(packets).equals(state.planDigest())
                || !maskedImage(state.packets(), packets)) {
            throw OrchestratorException.usage("Run " + ctx.dir().runId() + " is refused: " + ctx.dir().planFile()
                    + " no longer matches the plan in its event log (it was changed after the plan was recorded).");
        }
        return packets;
    }

    /** Whether {@code logged} is {@code raw} with some of its text masked (equal where nothing was masked). */
    static boolean maskedImage(JsonNode logged, JsonNode raw) {
        if (logged.isTextual() && raw.isTextual()) {
            return logged.asText().equals(raw.asText()) || logged.asText().contains(dev.harness.protocol.secrets.Redactor.MASK);
        }
        if (logged.isContainerNode() && raw.isContainerNode() && logged.size() == raw.size() && logged.isArray() == raw.isArray()) {
            if (logged.isArray()) {
                for (int i = 0; i < logged.size(); i++) {
                    if (!maskedImage(logged.get(i), raw.get(i))) {
                        return false;
                    }
                }
                return true;
            }
            for (java.util.Iterator<String> names = raw.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!logged.has(name) || !maskedImage(logged.get(name), raw.get(name))) {
                    return false;
                }
            }
            return true;
        }
        return logged.equals(raw);
    }

    private static String abbreviate(String digest) {
        return digest == null ? "none" : digest.substring(0, Math.min(12, digest.length()));
    }
}
