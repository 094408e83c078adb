package dev.harness.planning;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the planners know about a workspace: its tree (bounded), its names, its commands at
 * the root and those of subprojects with their own (commands already prefixed with cd DIR &&).
 */
public record WorkspaceFacts(Path root, WorkspaceScan scan, NameIndex names, WorkspaceCommands commands,
                             List<WorkspaceCommands> subprojects, boolean gitRepository) {
    public WorkspaceFacts {
        subprojects = List.copyOf(subprojects);
    }

    /** The commands that apply to {@code path}: its innermost subproject's, else the root's. */
    public WorkspaceCommands commandsFor(String path) {
        WorkspaceCommands best = commands;
        for (WorkspaceCommands sub : subprojects) {
            if ((path.equals(sub.directory()) || path.startsWith(sub.directory() + "/"))
                    && sub.directory().length() > best.directory().length()) {
                best = sub;
            }
        }
        return best;
    }

    /** What could not be detected or was cut short, for the plan's warnings. */
    public List<String> notes() {
        List<String> notes = new ArrayList<>();
        for (String note : commands.notes()) {
            if (note.startsWith("No test command detected") && !subprojects.isEmpty()) {
                notes.add("No test command at the workspace root; subprojects with their own: " + String.join(", ",
                        subprojects.stream().map(s -> s.directory() + " (" + String.join(", ", s.toolchainLabels()) + ")").toList())
                        + ".");
            } else {
                notes.add(note);
            }
        }
        subprojects.forEach(s -> notes.addAll(s.notes()));
        if (scan.isEmpty()) {
            notes.add(0, "The workspace " + root + " is empty; there are no paths to scope tasks to.");
        }
        if (scan.truncated()) {
            notes.add("The workspace scan stopped after " + (scan.directories().size() + scan.files().size())
                    + " entries; deeper paths were not considered for scopes.");
        }
        return notes;
    }
}
