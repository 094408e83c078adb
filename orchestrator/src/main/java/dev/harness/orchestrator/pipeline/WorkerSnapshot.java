package dev.harness.orchestrator.pipeline;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads what the orchestrator needs out of worker-manager's snapshot (wait_worker, get_worker, decide). */
record WorkerSnapshot(JsonNode node) {
    String workerId() {
        return node.path("worker_id").asText();
    }

    String state() {
        return node.path("state").asText();
    }

    boolean escalationRequired() {
        return node.path("escalation_required").asBoolean(false);
    }

    boolean timedOut() {
        return node.path("timed_out").asBoolean(false);
    }

    int attempts() {
        return node.path("attempts").asInt(0);
    }

    String failureClass() {
        JsonNode value = node.get("failure_class");
        return value == null || value.isNull() ? "unknown" : value.asText();
    }

    /** The branch the worker committed on, if it made a commit. */
    String branch() {
        return text("branch");
    }

    String commit() {
        return text("commit");
    }

    /** One line a person can act on: the failure's own message first, then the classifier's evidence. */
    String reason(JsonNode lastClassified) {
        String reason = text("failure_summary", "evidence.detail", "failure.reason", "failure.message", "reason", "error");
        if (reason == null && lastClassified != null) {
            reason = firstText(lastClassified, "summary", "reason", "evidence.detail", "message");
        }
        return reason == null ? "the worker ended in state " + state() : oneLine(reason);
    }

    private String text(String... paths) {
        return firstText(node, paths);
    }

    static String firstText(JsonNode root, String... paths) {
        for (String path : paths) {
            JsonNode value = root;
            for (String part : path.split("\\.")) {
                value = value == null ? null : value.get(part);
            }
            if (value != null && value.isTextual() && !value.asText().isBlank()) {
                return value.asText();
            }
            if (value != null && value.isArray() && value.size() > 0 && value.get(0).isTextual()) {
                return value.get(0).asText();
            }
        }
        return null;
    }

    static String oneLine(String text) {
        String line = text.strip().replaceAll("\\s*\\R\\s*", " | ");
        return line.length() > 200 ? line.substring(0, 197) + "..." : line;
    }
}
