package dev.harness.mcp;

import dev.harness.api.run.RunStatusReport;
import dev.harness.protocol.Json;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ElicitFormRequest;
import io.modelcontextprotocol.spec.McpSchema.ElicitResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The plan gate and the trust gate of a run that waits for them, put to the person through MCP
 * elicitation: the client shows the form to its user, not to the model, so the answer is a
 * person's (the MCP spec: elicitation requests input from the user). Only asked when the client
 * declared the elicitation capability; the answer is recorded as approval source mcp_elicitation.
 */
final class GateQuestion {
    static final String APPROVE = "approve_plan";
    static final String TRUST = "trust_workspace";
    static final String COMMENT = "comment";

    /** What the person answered: which gates they passed, and their comment. */
    record Answer(boolean approvePlan, boolean trustWorkspace, String comment) {
        boolean passesAnything() {
            return approvePlan || trustWorkspace;
        }
    }

    private GateQuestion() {}

    /** Whether the client can ask its user (it declared elicitation, form mode or the older bare capability). */
    static boolean supported(McpSchema.ClientCapabilities capabilities) {
        return capabilities != null && capabilities.elicitation() != null;
    }

    /**
     * The question for a run's status ({@code orchestrator status --json}): the plan's tasks, what
     * approving means, and a yes/no per gate still closed. Empty when no gate waits.
     */
    static Optional<ElicitFormRequest> of(RunStatusReport status, String workspace) {
        if (!status.atGate()) {
            return Optional.empty();
        }
        boolean planApproved = status.approvalHolds();
        StringBuilder message = new StringBuilder();
        message.append("The harness asks you (not your agent): run ").append(status.runId())
                .append(" in ").append(workspace).append(" waits for ")
                .append(planApproved ? "you to trust the workspace." : "your approval of its plan.").append('\n')
                .append("Objective: ").append(status.objective() == null ? "" : status.objective()).append('\n')
                .append("Plan (digest ").append(abbreviate(status.planDigest() == null ? "" : status.planDigest())).append("):\n");
        List<String> lines = new ArrayList<>();
        for (RunStatusReport.TaskLine task : status.taskLines()) {
            lines.add("  " + task.id() + "  " + (task.title() == null ? "" : task.title()) + files(task.files()));
        }
        message.append(String.join("\n", lines.subList(0, Math.min(lines.size(), 30))));
        if (lines.size() > 30) {
            message.append("\n  … and ").append(lines.size() - 30).append(" more (run_status ").append(status.runId()).append(" lists them all)");
        }
        if (status.budget() != null) {
            message.append("\nBudget: ").append(Json.write(status.budget()));
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        if (!planApproved) {
            properties.put(APPROVE, Map.of("type", "boolean", "title", "Approve this plan",
                    "description", "The run executes exactly these tasks.", "default", false));
            required.add(APPROVE);
        }
        properties.put(TRUST, Map.of("type", "boolean", "title", "Trust the workspace for this run",
                "description", "Its workers may run the agent and the acceptance tests in " + workspace + ".", "default", false));
        required.add(TRUST);
        properties.put(COMMENT, Map.of("type", "string", "title", "Comment (optional)",
                "description", "Recorded with your decision in the run's log."));
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("required", required);
        return Optional.of(ElicitFormRequest.builder(message.toString(), schema).build());
    }

    /** The person's answer; empty when they declined or cancelled (the run keeps waiting). */
    static Optional<Answer> answer(ElicitResult result, boolean planAlreadyApproved) {
        if (result == null || result.action() != ElicitResult.Action.ACCEPT || result.content() == null) {
            return Optional.empty();
        }
        Map<String, Object> content = result.content();
        boolean approve = planAlreadyApproved || Boolean.TRUE.equals(content.get(APPROVE));
        boolean trust = Boolean.TRUE.equals(content.get(TRUST));
        Object comment = content.get(COMMENT);
        return Optional.of(new Answer(approve && !planAlreadyApproved, trust,
                comment instanceof String text && !text.isBlank() ? text.strip() : null));
    }

    /** " (files: a, b)" as the plan table's SCOPE says them, at most four and then how many more; "" for none. */
    static String files(List<String> files) {
        if (files.isEmpty()) {
            return "";
        }
        int shown = Math.min(files.size(), 4);
        return " (files: " + String.join(", ", files.subList(0, shown))
                + (shown < files.size() ? " +" + (files.size() - shown) + " more" : "") + ")";
    }

    private static String abbreviate(String digest) {
        return digest.length() > 12 ? digest.substring(0, 12) : digest;
    }
}
