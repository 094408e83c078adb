package dev.harness.bootstrap.phase;

import dev.harness.api.plan.TaskPacket;

/** The task packet as prose for the system prompt: what to do, where, and how it will be checked. */
final class TaskPacketText {
    private TaskPacketText() {}

    static String render(TaskPacket packet) {
        StringBuilder text = new StringBuilder();
        line(text, "Title", packet.title());
        line(text, "Objective", packet.objective());
        String path = packet.scopePath() == null ? "" : packet.scopePath();
        text.append("Scope: ").append(packet.scope().wire()).append(path.isEmpty() ? "" : " (" + path + ")").append("\n");
        if (!packet.acceptanceTests().isEmpty()) {
            text.append("Acceptance tests (every one must exit 0):\n");
            packet.acceptanceTests().forEach(t -> text.append("- ").append(t).append("\n"));
        }
        line(text, "Commit policy", packet.commitPolicy());
        line(text, "Escalation policy", packet.escalationPolicy());
        return text.toString();
    }

    private static void line(StringBuilder text, String label, String value) {
        if (value != null && !value.isBlank()) {
            text.append(label).append(": ").append(value).append("\n");
        }
    }
}
