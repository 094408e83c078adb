package dev.harness.bootstrap.phase;

import com.fasterxml.jackson.databind.JsonNode;

/** The task packet as prose for the system prompt: what to do, where, and how it will be checked. */
final class TaskPacketText {
    private TaskPacketText() {}

    static String render(JsonNode packet) {
        StringBuilder text = new StringBuilder();
        line(text, "Title", packet.path("title"));
        line(text, "Objective", packet.path("objective"));
        String scope = packet.path("scope").asText("");
        if (!scope.isEmpty()) {
            String path = packet.path("scope_path").asText("");
            text.append("Scope: ").append(scope).append(path.isEmpty() ? "" : " (" + path + ")").append("\n");
        }
        JsonNode tests = packet.path("acceptance_tests");
        if (tests.isArray() && !tests.isEmpty()) {
            text.append("Acceptance tests (every one must exit 0):\n");
            tests.forEach(t -> text.append("- ").append(t.asText()).append("\n"));
        }
        line(text, "Commit policy", packet.path("commit_policy"));
        line(text, "Escalation policy", packet.path("escalation_policy"));
        return text.toString();
    }

    private static void line(StringBuilder text, String label, JsonNode value) {
        if (value.isValueNode() && !value.asText().isBlank()) {
            text.append(label).append(": ").append(value.asText()).append("\n");
        }
    }
}
