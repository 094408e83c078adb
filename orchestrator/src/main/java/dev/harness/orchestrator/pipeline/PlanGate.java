package dev.harness.orchestrator.pipeline;

import dev.harness.api.plan.PlanFinding;
import dev.harness.api.plan.PlanReport;
import dev.harness.api.rpc.PlanningMethods;
import dev.harness.api.worker.ApprovalSource;
import dev.harness.api.run.RunEvent;
import dev.harness.api.run.Gate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.orchestrator.runlog.PlanDigest;
import dev.harness.api.run.RunStatus;
import dev.harness.protocol.Json;
import dev.harness.protocol.RpcException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Nothing runs until the plan is approved: by --yes, or by the person at the terminal (approve,
 * reject, edit in $EDITOR, refine with feedback — edits and refinements are re-validated,
 * recorded as gate_modified and shown again). Without either, the run pauses in awaiting_approval.
 */
final class PlanGate {
    sealed interface Verdict {
        record Approved(ArrayNode packets, String digest) implements Verdict {}

        record Rejected(String comment) implements Verdict {}

        record Paused() implements Verdict {}
    }

    private static final Duration CALL = Duration.ofMinutes(10);
    private final RunContext ctx;
    private final PlanEditor editor;
    private final PlanPresenter presenter;
    /** The planning service's last plan_created: a refine announces its plan there, with what the person should know. */
    private final java.util.function.Supplier<dev.harness.api.plan.Plan> lastPlanCreated;
    private List<String> refineWarnings = List.of();

    PlanGate(RunContext ctx, PlanEditor editor, PlanPresenter presenter) {
        this(ctx, editor, presenter, () -> null);
    }

    PlanGate(RunContext ctx, PlanEditor editor, PlanPresenter presenter,
             java.util.function.Supplier<dev.harness.api.plan.Plan> lastPlanCreated) {
        this.ctx = ctx;
        this.editor = editor;
        this.presenter = presenter;
        this.lastPlanCreated = lastPlanCreated;
    }

    Verdict decide(ArrayNode packets, String objective) {
        String digest = PlanDigest.of(packets);
        ctx.log().append(new RunEvent.GateApprovalRequested(Gate.PLAN, digest, null));
        if (ctx.settings().yes()) {
            ctx.log().append(ctx.approved(Gate.PLAN, digest, ApprovalSource.CLI_FLAG, "--yes", null));
            ctx.console().info("Plan approved (--yes).");
            return new Verdict.Approved(packets, digest);
        }
        if (!ctx.terminal().interactive()) {
            return new Verdict.Paused();
        }
        return ctx.terminal().atGate(new Terminal.Gate(RunStatus.AWAITING_APPROVAL, null, "the plan waits for approval"),
                () -> ask(packets, objective, digest));
    }

    private Verdict ask(ArrayNode packets, String objective, String approvalDigest) {
        String digest = approvalDigest;
        ArrayNode current = packets;
        while (true) {
            Optional<String> choice = ctx.terminal().choose("Approve this plan?", List.of("approve", "reject", "edit", "feedback"));
            if (choice.isEmpty()) {
                return new Verdict.Paused();
            }
            switch (choice.get()) {
                case "approve" -> {
                    Optional<Terminal.Answer> by = ctx.terminal().answeredElsewhere();
                    ctx.log().append(ctx.approved(Gate.PLAN, digest, by.map(Terminal.Answer::source).orElse(ApprovalSource.HUMAN_TTY),
                            by.map(Terminal.Answer::comment).orElse(null), null));
                    return new Verdict.Approved(current, digest);
                }
                case "reject" -> {
                    Optional<Terminal.Answer> by = ctx.terminal().answeredElsewhere();
                    String why = by.isPresent() ? Optional.ofNullable(by.get().comment()).orElse("")
                            : ctx.terminal().ask("Why (optional)? ").orElse("");
                    ctx.log().append(ctx.rejected(Gate.PLAN, digest, by.map(Terminal.Answer::source).orElse(ApprovalSource.HUMAN_TTY),
                            why, null));
                    return new Verdict.Rejected(why);
                }
                case "edit" -> {
                    Optional<ArrayNode> edited = edit(current);
                    if (edited.isPresent()) {
                        current = edited.get();
                        digest = modified(current, "edited in the editor");
                    }
                }
                default -> {
                    Optional<String> feedback = ctx.terminal().ask("What should change? ");
                    if (feedback.isEmpty() || feedback.get().isBlank()) {
                        continue;
                    }
                    Optional<ArrayNode> refined = refine(current, feedback.get(), objective);
                    if (refined.isPresent()) {
                        current = refined.get();
                        digest = modified(current, feedback.get(), refineWarnings);
                    }
                }
            }
        }
    }

    private String modified(ArrayNode packets, String comment) {
        return modified(packets, comment, List.of());
    }

    private String modified(ArrayNode packets, String comment, List<String> warnings) {
        String digest = PlanDigest.of(packets);
        ctx.log().append(ctx.modified(digest, ApprovalSource.HUMAN_TTY, comment, packets));
        presenter.writePlanFile(packets, digest);
        presenter.show(packets, warnings);
        return digest;
    }

    private Optional<ArrayNode> edit(ArrayNode packets) {
        ArrayNode edited;
        List<PlanFinding> warnings = new java.util.ArrayList<>();
        try {
            // what the planning service or the workspace boundary refuses reopens the editor with the reason at the top
            edited = editor.edit(packets, candidate -> candidate.equals(packets) ? List.of() : problems(candidate, warnings));
        } catch (IllegalArgumentException e) {
            ctx.console().error(e.getMessage());
            return Optional.empty();
        } catch (IOException e) {
            ctx.console().error("Editing failed: " + e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        if (edited.equals(packets)) {
            ctx.console().info("The plan was not changed.");
            return Optional.empty();
        }
        for (PlanFinding warning : warnings) {
            ctx.console().warn(warning.message());
        }
        return Optional.of(edited);
    }

    /** Why an edited plan cannot be used (the plan rules, the workspace boundary); empty when it can. */
    private List<String> problems(ArrayNode edited, List<PlanFinding> warnings) {
        warnings.clear();
        PlanReport report;
        try {
            report = validate(ctx, edited, null);
        } catch (RpcException e) {
            return List.of("refused by the planning service: " + e.getMessage());
        }
        List<String> problems = new java.util.ArrayList<>();
        for (PlanFinding error : report.errors()) {
            problems.add((error.packetId() != null ? error.packetId() + ": " : "") + error.message());
        }
        ScopeBoundary.escaping(edited, ctx.settings().workspace()).forEach(p -> problems.add("outside the workspace: " + p));
        warnings.addAll(report.warnings());
        return problems;
    }

    /**
     * The planning service's report on packets as they are (an edited plan may not even be packets:
     * validate says what is wrong with any JSON, so they go as written); with {@code context}
     * (the workspace) it also warns about checks naming what the workspace lacks.
     */
    static PlanReport validate(RunContext ctx, ArrayNode packets, ObjectNode context) {
        ObjectNode params = Json.object();
        params.set("packets", packets);
        if (context != null) {
            params.set("context", context); // the workspace: checks naming what it lacks are warned about too
        }
        return PlanningMethods.VALIDATE.readResult(ctx.services().planning().call(PlanningMethods.VALIDATE.name(), params, CALL));
    }

    private Optional<ArrayNode> refine(ArrayNode packets, String feedback, String objective) {
        List<ObjectNode> given = new java.util.ArrayList<>();
        packets.forEach(p -> given.add((ObjectNode) p)); // a plan that was shown: validated packets
        PlanningMethods.RefineParams params = new PlanningMethods.RefineParams(given, feedback, objective,
                ctx.planningContext());
        try {
            dev.harness.api.plan.Plan before = lastPlanCreated.get();
            // the refined packets come back as planned, byte for byte: their digest is what gets approved
            JsonNode refined = ctx.services().planning().call(PlanningMethods.REFINE.name(), PlanningMethods.REFINE.toParams(params),
                    CALL);
            // its plan_created came before the answer: the notes of the refine (a task added, one listing no files)
            dev.harness.api.plan.Plan notice = lastPlanCreated.get();
            refineWarnings = notice == null || notice == before || notice.warnings() == null ? List.of() : notice.warnings();
            List<String> outside = ScopeBoundary.escaping(refined, ctx.settings().workspace());
            if (!outside.isEmpty()) {
                ctx.console().error("The refined plan has tasks outside the workspace; the plan was left unchanged:");
                outside.forEach(problem -> ctx.console().error("  " + problem));
                return Optional.empty();
            }
            return Optional.of((ArrayNode) refined);
        } catch (RpcException e) {
            ctx.console().error("The plan could not be refined: " + e.getMessage());
            return Optional.empty();
        }
    }
}
