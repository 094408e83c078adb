package dev.harness.planning;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Everything the planners know about a workspace: its tree (bounded) and its commands. */
public record WorkspaceFacts(Path root, WorkspaceScan scan, NameIndex names, WorkspaceCommands commands,
                             boolean gitRepository) {

    /** What could not be detected or was cut short, for the plan's warnings. */
    public List<String> notes() {
        List<String> notes = new ArrayList<>(commands.notes());
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
