package dev.harness.worker.attempt;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The prompt an agent gets: the objective, where to work, how it will be checked, which
 * instruction files apply, the caller's extra words, and on a retry what went wrong last time.
 */
public final class WorkerPrompt {
    private static final List<String> INSTRUCTION_FILES = List.of(
            "CLAUDE.md", "AGENTS.md", "GEMINI.md", ".github/copilot-instructions.md", ".cursorrules");

    private WorkerPrompt() {}

    public static String build(JsonNode packet, String scopePath, List<String> instructionFiles, String extra, String feedback) {
        StringBuilder text = new StringBuilder();
        text.append("# Task\n").append(packet.path("objective").asText()).append("\n\n");
        if (packet.hasNonNull("title")) {
            text.append("Title: ").append(packet.path("title").asText()).append('\n');
        }
        if (packet.hasNonNull("description")) {
            text.append(packet.path("description").asText()).append("\n\n");
        }
        text.append("# Scope\n").append(packet.path("scope").asText("workspace"));
        if (!scopePath.isEmpty()) {
            text.append(": ").append(scopePath);
        }
        text.append("\nWork only inside this scope.\n\n");
        text.append("# Acceptance tests\nThe task is done when every one of these commands exits 0 (run from the workspace root):\n");
        for (JsonNode test : packet.path("acceptance_tests")) {
            text.append("- `").append(test.asText()).append("`\n");
        }
        if (packet.path("acceptance_tests").isEmpty()) {
            text.append("(none given)\n");
        }
        if (packet.hasNonNull("commit_policy")) {
            text.append("\nCommit policy: ").append(packet.path("commit_policy").asText())
                    .append(" (the harness commits after the tests pass; do not commit yourself).\n");
        }
        if (packet.hasNonNull("escalation_policy")) {
            text.append("Escalation policy: ").append(packet.path("escalation_policy").asText()).append('\n');
        }
        if (!instructionFiles.isEmpty()) {
            text.append("\n# Instructions\nFollow the instruction files of this project: ")
                    .append(String.join(", ", instructionFiles)).append('\n');
        }
        if (extra != null && !extra.isBlank()) {
            text.append("\n# Additional instructions\n").append(extra.strip()).append('\n');
        }
        if (feedback != null && !feedback.isBlank()) {
            text.append("\n# Previous attempt failed\nFix the cause of this failure:\n").append(feedback.strip()).append('\n');
        }
        return text.toString();
    }

    /** Instruction files from the scope directory up to the workspace root, as workspace-relative names. */
    public static List<String> instructionFiles(Path workspace, Path scopeDir) {
        List<String> found = new ArrayList<>();
        Path dir = Files.isDirectory(scopeDir) ? scopeDir : scopeDir.getParent();
        while (dir != null && dir.startsWith(workspace)) {
            for (String name : INSTRUCTION_FILES) {
                Path file = dir.resolve(name);
                if (Files.isRegularFile(file)) {
                    String relative = workspace.relativize(file).toString();
                    if (!found.contains(relative)) {
                        found.add(relative);
                    }
                }
            }
            dir = dir.equals(workspace) ? null : dir.getParent();
        }
        return found;
    }
}
