package dev.harness.orchestrator.pipeline;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.harness.orchestrator.render.PlanRenderer;
import dev.harness.orchestrator.runlog.RunLogException;
import java.io.IOException;
import dev.harness.protocol.fs.AtomicFile;
import java.nio.file.Path;
import java.util.List;

/** Shows the plan to the person and keeps plan.json beside the event log in step with it. */
final class PlanPresenter {
    private final RunContext ctx;
    private final String planId;
    private final String objective;
    private final String planner;

    PlanPresenter(RunContext ctx, String planId, String objective, String planner) {
        this.ctx = ctx;
        this.planId = planId;
        this.objective = objective;
        this.planner = planner;
    }

    void show(ArrayNode packets, List<String> warnings) {
        List<dev.harness.api.plan.TaskPacket> typed = dev.harness.api.plan.TaskPacket.listOf(packets);
        ctx.console().block(new PlanRenderer().table(typed, ctx.settings().verifyOnly(), "in the plan file " + ctx.dir().planFile()));
        dev.harness.orchestrator.spend.RunSpend.describe(ctx.settings().budget(), spentSoFar(), packets)
                .ifPresent(line -> ctx.console().info("Budget: " + line));
        for (String warning : PlanRenderer.beyondTable(typed, warnings)) {
            ctx.console().warn("plan: " + warning);
        }
    }

    /** What the run spent before this gate (a plan changed on resume); nothing for a new run. */
    private dev.harness.api.worker.UsageTotal spentSoFar() {
        if (!java.nio.file.Files.isRegularFile(ctx.dir().eventsFile())) {
            return dev.harness.api.worker.UsageTotal.NONE;
        }
        return dev.harness.orchestrator.runlog.RunState.rebuild(
                dev.harness.orchestrator.runlog.EventLogReader.readAll(ctx.dir().eventsFile(), true)).usage();
    }

    /** plan.json: the plan as last proposed, replaced atomically. */
    void writePlanFile(ArrayNode packets, String digest) {
        PlanFile plan = new PlanFile(planId, objective, packets, digest, planner, ctx.settings().workspace().toString());
        Path file = ctx.dir().planFile();
        try {
            // the approved plan's exact bytes (a command may carry the person's own password): readable by its owner only
            AtomicFile.writeStringOwnerOnly(file, plan.text());
        } catch (IOException e) {
            throw new RunLogException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
