package dev.harness.worker.attempt;

import dev.harness.api.plan.TaskPacket;
import dev.harness.protocol.Log;
import dev.harness.protocol.workspace.InstructionFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The prompt an agent gets: the objective, where to work, how it will be checked, the project's
 * instructions (the system prompt the bootstrap assembled, or else the names of the instruction
 * files that apply), the caller's extra words, and on a retry what went wrong last time.
 */
public final class WorkerPrompt {
    /** Where the project's instructions come from for one attempt. */
    public sealed interface Instructions {
        /** The text the bootstrap's system_prompt_fastpath assembled from the instruction files. */
        record Assembled(Path source, String text) implements Instructions {}

        /** No assembled prompt: the instruction files found in the checkout, workspace-relative. */
        record FileNames(List<String> names) implements Instructions {
            public FileNames {
                names = List.copyOf(names);
            }
        }
    }

    private WorkerPrompt() {}

    public static String build(TaskPacket packet, String scopePath, Instructions instructions, String extra, String feedback) {
        StringBuilder text = new StringBuilder();
        text.append("# Task\n").append(packet.objective()).append("\n\n");
        if (packet.title() != null) {
            text.append("Title: ").append(packet.title()).append('\n');
        }
        if (packet.description() != null) {
            text.append(packet.description()).append("\n\n");
        }
        text.append("# Scope\n").append(packet.scope().wire());
        if (!scopePath.isEmpty()) {
            text.append(": ").append(scopePath);
        }
        text.append("\nWork only inside this scope.\n\n");
        if (!packet.expectedFiles().isEmpty()) {
            // the files the approved plan showed the person: the agent starts there and says why if it goes further
            text.append("# Files\nThe approved plan expects this task to change these files (relative to the workspace root); "
                    + "change other files only where the objective needs it:\n");
            for (String file : packet.expectedFiles()) {
                text.append("- `").append(file).append("`\n");
            }
            text.append('\n');
        }
        text.append("# Acceptance tests\nThe task is done when every one of these commands exits 0 (run from the workspace root):\n");
        for (String test : packet.acceptanceTests()) {
            text.append("- `").append(test).append("`\n");
        }
        if (packet.acceptanceTests().isEmpty()) {
            text.append("(none given)\n");
        }
        if (packet.commitPolicy() != null) {
            text.append("\nCommit policy: ").append(packet.commitPolicy())
                    .append(" (the harness commits after the tests pass; do not commit yourself).\n");
        }
        if (packet.escalationPolicy() != null) {
            text.append("Escalation policy: ").append(packet.escalationPolicy()).append('\n');
        }
        if (instructions instanceof Instructions.Assembled assembled && !assembled.text().isBlank()) {
            text.append("\n# Project instructions\n").append(assembled.text().strip()).append('\n');
        } else if (instructions instanceof Instructions.FileNames files && !files.names().isEmpty()) {
            text.append("\n# Instructions\nFollow the instruction files of this project: ")
                    .append(String.join(", ", files.names())).append('\n');
        }
        if (extra != null && !extra.isBlank()) {
            text.append("\n# Additional instructions\n").append(extra.strip()).append('\n');
        }
        if (feedback != null && !feedback.isBlank()) {
            text.append("\n# Previous attempt failed\nFix the cause of this failure:\n").append(feedback.strip()).append('\n');
        }
        return text.toString();
    }

    /**
     * The project's instructions for an attempt in {@code workdir}: the bootstrap's assembled system
     * prompt when one was given and can be read, else the instruction files that apply to the scope.
     */
    public static Instructions instructions(Optional<Path> systemPrompt, Path workdir, Path scopeDir) {
        if (systemPrompt.isPresent()) {
            Path source = systemPrompt.get();
            try {
                return new Instructions.Assembled(source, Files.readString(source, StandardCharsets.UTF_8));
            } catch (IOException | RuntimeException e) {
                // The run's bootstrap directory may have been cleaned since: the file names still guide the agent.
                Log.warn("the system prompt " + source + " cannot be read (" + e.getMessage()
                        + "); the prompt lists the instruction files instead");
            }
        }
        return new Instructions.FileNames(instructionFiles(workdir, scopeDir));
    }

    /**
     * The suite's instruction files ({@link InstructionFiles#NAMES}) in each directory from the
     * workspace root down to the scope, as workspace-relative names: the more specific ones last,
     * the order the bootstrap assembles them in.
     */
    public static List<String> instructionFiles(Path workspace, Path scopeDir) {
        List<Path> dirs = new ArrayList<>();
        Path dir = Files.isDirectory(scopeDir) ? scopeDir : scopeDir.getParent();
        while (dir != null && dir.startsWith(workspace)) {
            dirs.add(0, dir);
            dir = dir.equals(workspace) ? null : dir.getParent();
        }
        List<String> found = new ArrayList<>();
        for (Path each : dirs) {
            for (String name : InstructionFiles.NAMES) {
                Path file = each.resolve(name);
                if (Files.isRegularFile(file)) {
                    String relative = workspace.relativize(file).toString();
                    if (!found.contains(relative)) {
                        found.add(relative);
                    }
                }
            }
        }
        return found;
    }
}
