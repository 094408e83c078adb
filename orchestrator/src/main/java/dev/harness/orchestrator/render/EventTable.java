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

    /**
     * One human sentence per kind (the orchestrator's own kinds and the worker manager's relayed
     * ones); a kind this version does not know shows its remaining fields.
     */
    static String details(ObjectNode e) {
        String kind = text(e, "kind");
        JsonNode p = e.path("payload");
        return switch (kind) {
            case "run_started" -> "objective: " + text(e, "objective") + opt(" workspace: ", text(e, "workspace"));
            case "plan_created" -> e.path("packets").size() + " tasks planned" + opt(" by ", text(e, "planner"))
                    + opt(", digest ", shortDigest(text(e, "digest")))
                    + (e.path("warnings").size() > 0 ? ", " + e.path("warnings").size() + " warnings" : "");
            case "gate_approval_requested" -> "the " + text(e, "gate") + " gate asks for approval"
                    + opt(" of digest ", shortDigest(text(e, "digest")));
            case "gate_approved", "gate_rejected", "gate_modified" -> text(e, "gate") + " gate "
                    + kind.substring("gate_".length()) + opt(" by ", text(e, "approver")) + opt(" via ", text(e, "source"))
                    + opt(", digest ", shortDigest(text(e, "digest"))) + opt(": ", text(e, "comment"));
            case "bootstrap_phase_started" -> "phase " + text(e, "phase") + " started";
            case "bootstrap_phase_completed" -> "phase " + text(e, "phase") + (e.path("success").asBoolean() ? " ok" : " FAILED")
                    + diagnostics(e.path("diagnostics"));
            case "task_started" -> "attempt " + text(e, "attempt") + " started";
            case "task_completed" -> "completed in " + durationMs(e.path("duration_ms")) + opt(" on branch ", text(e, "branch"))
                    + opt(", commit ", shortDigest(text(e, "commit")));
            case "task_failed" -> "failed: " + join(text(e, "failure_class"), text(e, "reason"))
                    + (e.path("escalation_required").asBoolean() ? " (waits for a decision)" : "");
            case "task_skipped" -> "skipped: " + text(e, "reason");
            case "run_paused" -> "paused, " + text(e, "status") + opt(": ", text(e, "reason"));
            case "run_resumed" -> "resumed from " + text(e, "from_status") + opt(", decision ", text(e, "decision"))
                    + (e.path("tasks_to_run").size() > 0 ? ", to run: " + list(e.path("tasks_to_run")) : "");
            case "run_interrupted" -> "interrupted by " + text(e, "signal")
                    + (e.path("running_tasks").size() > 0 ? "; cancelled " + list(e.path("running_tasks")) : "");
            case "worker_events_unavailable" -> "events of worker " + text(e, "worker_id") + " after "
                    + orFirst(text(e, "last_worker_event_id"), "the start") + " unavailable" + opt(": ", text(e, "reason"));
            case "execution_complete" -> text(e, "status") + ": " + text(e, "completed") + " completed, "
                    + text(e, "failed") + " failed, " + text(e, "skipped") + " skipped";
            case "decision_recorded" -> orFirst(text(e, "decision"), text(p, "decision")) + " decided"
                    + opt(" by ", orFirst(text(e, "approver"), text(p, "approver")))
                    + opt(" via ", orFirst(text(e, "source"), text(p, "source"))) + opt(": ", orFirst(text(e, "comment"), text(p, "comment")));
            // the worker manager's events, relayed
            case "spawning" -> "worker spawned" + opt(" for agent ", text(p, "agent")) + opt(" in ", text(p, "scope_path"));
            case "trust_required" -> "the workspace needs trust" + opt(": ", text(p, "reason"));
            case "trust_resolved" -> "trusted" + opt(" by ", text(p, "approver")) + opt(" via ", text(p, "source"));
            case "trust_denied" -> "trust denied" + opt(" by ", text(p, "approver")) + opt(": ", text(p, "reason"));
            case "ready_for_prompt" -> "ready to run";
            case "running" -> "running" + opt(" (", text(p, "reason"), ")");
            case "finished" -> "worker finished: every check passed";
            case "failed" -> "worker failed" + opt(": ", join(text(p, "failure_class"), text(p, "reason")))
                    + (p.path("escalation_required").asBoolean() ? " (escalated)" : "");
            case "cancelled" -> "worker cancelled" + opt(": ", text(p, "reason"));
            case "attempt_started" -> "attempt " + orFirst(text(p, "attempt"), text(e, "attempt")) + " started"
                    + opt(" with agent ", text(p, "agent")) + (p.path("with_feedback").asBoolean() ? " (with the last failure as feedback)" : "");
            case "agent_exited" -> "agent " + orFirst(text(p, "agent"), "") + " exited "
                    + (p.path("timed_out").asBoolean() ? "(timed out)" : "with code " + text(p, "exit_code"))
                    + opt(" after ", p.has("duration_ms") ? durationMs(p.path("duration_ms")) : null) + opt(": ", text(p, "start_error"));
            case "acceptance_test_result" -> "check '" + text(p, "command") + "' "
                    + (p.path("passed").asBoolean() ? "passed" : p.path("timed_out").asBoolean() ? "timed out"
                    : "failed with exit code " + text(p, "exit_code")) + opt(", log ", text(p, "log"));
            case "commit_created" -> "committed " + shortDigest(text(p, "commit")) + opt(" on ", text(p, "branch"));
            case "commit_skipped" -> "no commit" + opt(": ", text(p, "reason"));
            case "permission_required" -> "permission required" + opt(": ", text(p, "reason"));
            case "failure_classified" -> "classified " + text(p, "failure_class")
                    + opt(" from ", text(p.path("evidence"), "source")) + opt(": ", text(p.path("evidence"), "detail"));
            case "recovery_attempted" -> text(p, "action") + " for " + text(p, "failure_class")
                    + opt(", retry ", text(p, "retry")) + opt(" of ", text(p, "max_retries"))
                    + opt(", next attempt ", text(p, "next_attempt"));
            case "recovery_applied" -> "recovery " + text(p, "outcome") + opt(" (now ", text(p, "new_failure_class"), ")");
            case "recovery_escalation" -> "escalated to a person: " + join(text(p, "failure_class"), orFirst(text(p, "summary"), text(p, "reason")))
                    + (p.path("allowed_decisions").size() > 0 ? "; may decide " + list(p.path("allowed_decisions")) : "");
            case "interrupted" -> "found interrupted" + opt(": ", text(p, "reason"));
            case "worktree_created" -> "worktree " + text(p, "worktree") + opt(" on branch ", text(p, "branch"));
            case "worktree_prepared" -> "worktree prepared by '" + text(p, "command") + "'" + opt(" (exit ", text(p, "exit_code"), ")");
            case "setup_failed" -> "worktree setup '" + text(p, "command") + "' failed" + opt(" with exit code ", text(p, "exit_code"));
            case "worktree_reset" -> "worktree reset" + opt(" to ", shortDigest(text(p, "commit")));
            case "host_assigned" -> "on worker host " + text(p, "host") + opt(" (dispatch ", text(p, "host_attempt"), ")");
            case "host_lost" -> "worker host " + text(p, "host") + " lost" + opt(" (dispatch ", text(p, "host_attempt"), ")")
                    + opt(": ", text(p, "reason"));
            case "checks_placed" -> switch (String.valueOf(text(p, "placement"))) {
                case "git_checkout" -> "checks run in a throwaway checkout of " + text(p, "workdir") + " (your files untouched)";
                case "copy" -> "checks run in a throwaway copy of " + text(p, "workdir") + " (your files untouched)";
                default -> "checks run in place, in " + text(p, "directory") + opt(": ", text(p, "reason"));
            };
            case "usage_recorded" -> "used" + opt(" $", text(p, "cost_usd")) + opt(", ", text(p, "input_tokens"), " tokens in")
                    + opt(", ", text(p, "output_tokens"), " out") + opt(", ", text(p, "num_turns"), " turns") + opt(" (", text(p, "source"), ")");
            default -> rest(e);
        };
    }

    private static String list(JsonNode array) {
        List<String> items = new ArrayList<>();
        array.forEach(item -> items.add(item.asText()));
        return String.join(", ", items);
    }

    private static String opt(String label, String value, String after) {
        return value == null || value.isEmpty() ? "" : label + value + after;
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
