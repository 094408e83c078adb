package dev.harness.orchestrator.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The events of a run as a table for people ({@code orchestrator events RUN_ID} without --json):
 * SEQ, TIME, KIND, TASK, WORKER, DETAILS — the details one short line per event, chosen by kind.
 */
public final class EventTable {
    static final int DETAILS_WIDTH = 100;
    private static final Set<String> SHOWN = Set.of("seq", "time", "kind", "run_id", "task_id", "worker_id");

    public String render(List<ObjectNode> events) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"SEQ", "TIME", "KIND", "TASK", "WORKER", "DETAILS"});
        for (ObjectNode event : events) {
            rows.add(new String[] {
                text(event, "seq"),
                text(event, "time"),
                text(event, "kind"),
                orDash(text(event, "task_id")),
                orDash(text(event, "worker_id")),
                SafeText.brief(details(event), DETAILS_WIDTH)
            });
        }
        return Columns.format(rows) + (events.isEmpty() ? "(no events)\n" : "");
    }

    /** A short description of what the event says, by kind; other kinds show their remaining fields. */
    static String details(ObjectNode e) {
        String kind = text(e, "kind");
        return switch (kind) {
            case "run_started" -> "objective: " + text(e, "objective") + opt(" workspace: ", text(e, "workspace"));
            case "plan_created" -> e.path("packets").size() + " tasks" + opt(", planner ", text(e, "planner"))
                    + opt(", digest ", shortDigest(text(e, "digest")))
                    + (e.path("warnings").size() > 0 ? ", " + e.path("warnings").size() + " warnings" : "");
            case "gate_approval_requested" -> "gate " + text(e, "gate") + opt(", digest ", shortDigest(text(e, "digest")));
            case "gate_approved", "gate_rejected", "gate_modified" -> "gate " + text(e, "gate")
                    + opt(" by ", text(e, "approver")) + opt(" via ", text(e, "source"))
                    + opt(", digest ", shortDigest(text(e, "digest"))) + opt(": ", text(e, "comment"));
            case "bootstrap_phase_started" -> text(e, "phase");
            case "bootstrap_phase_completed" -> text(e, "phase") + (e.path("success").asBoolean() ? " ok" : " FAILED")
                    + diagnostics(e.path("diagnostics"));
            case "task_started" -> "attempt " + text(e, "attempt");
            case "task_completed" -> durationMs(e.path("duration_ms")) + opt(" branch ", text(e, "branch"))
                    + opt(" commit ", text(e, "commit"));
            case "task_failed" -> join(text(e, "failure_class"), text(e, "reason"))
                    + (e.path("escalation_required").asBoolean() ? " (escalated)" : "");
            case "decision_recorded" -> orFirst(text(e, "decision"), e.path("payload").path("decision").asText(""))
                    + opt(" by ", orFirst(text(e, "approver"), e.path("payload").path("approver").asText("")))
                    + opt(": ", text(e, "comment"));
            case "task_skipped" -> text(e, "reason");
            case "run_paused" -> text(e, "status") + opt(": ", text(e, "reason"));
            case "execution_complete" -> text(e, "status") + ": " + text(e, "completed") + " completed, "
                    + text(e, "failed") + " failed, " + text(e, "skipped") + " skipped";
            default -> rest(e);
        };
    }

    /** Fields not already in their own column, as compact JSON (state first for worker events). */
    private static String rest(ObjectNode e) {
        ObjectNode rest = Json.object();
        Iterator<Map.Entry<String, JsonNode>> fields = e.properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!SHOWN.contains(field.getKey())) {
                rest.set(field.getKey(), field.getValue());
            }
        }
        if (rest.isEmpty()) {
            return "";
        }
        String state = text(rest, "state");
        if (state != null) {
            rest.remove("state");
            return "state " + state + (rest.isEmpty() ? "" : " " + Json.write(rest));
        }
        return Json.write(rest);
    }

    private static String diagnostics(JsonNode diagnostics) {
        if (diagnostics.isArray() && diagnostics.size() > 0) {
            JsonNode first = diagnostics.get(0);
            return ": " + (first.isTextual() ? first.asText() : Json.write(first))
                    + (diagnostics.size() > 1 ? " (+" + (diagnostics.size() - 1) + " more)" : "");
        }
        return diagnostics.isTextual() ? ": " + diagnostics.asText() : "";
    }

    private static String durationMs(JsonNode ms) {
        return ms.canConvertToLong() ? Console.formatDuration(java.time.Duration.ofMillis(ms.asLong())) : "done";
    }

    private static String shortDigest(String digest) {
        return digest == null ? null : digest.substring(0, Math.min(12, digest.length()));
    }

    private static String join(String a, String b) {
        if (a == null) {
            return b == null ? "" : b;
        }
        return b == null ? a : a + ": " + b;
    }

    private static String opt(String label, String value) {
        return value == null || value.isEmpty() ? "" : label + value;
    }

    private static String orFirst(String a, String b) {
        return a != null && !a.isEmpty() ? a : b;
    }

    private static String orDash(String s) {
        return s == null || s.isEmpty() ? "-" : SafeText.brief(s, 40);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        return SafeText.oneLine(value.isValueNode() ? value.asText() : Json.write(value));
    }
}
