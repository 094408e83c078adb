package dev.harness.planning;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Everything the planners know about a workspace: its tree (bounded), its names, its commands at
 * the root and those of subprojects with their own (commands already prefixed with cd DIR &&).
 */
public record WorkspaceFacts(Path root, WorkspaceScan scan, NameIndex names, WorkspaceCommands commands,
                             List<WorkspaceCommands> subprojects, boolean gitRepository, ContentIndex content,
                             WorkspacePackages packages, SourceGraph graph, List<String> sortedFiles) {
    public WorkspaceFacts {
        subprojects = List.copyOf(subprojects);
    }

    /** Facts with the content index, packages and import graph built from the scan. */
    public static WorkspaceFacts of(Path root, WorkspaceScan scan, WorkspaceCommands commands,
                                    List<WorkspaceCommands> subprojects, boolean gitRepository) {
        return of(root, scan, commands, subprojects, gitRepository, CompletableFuture.completedFuture(ContentIndex.build(root, scan)));
    }

    /** The same, with the content index being built meanwhile (it is the slow part): the rest is built while it reads. */
    static WorkspaceFacts of(Path root, WorkspaceScan scan, WorkspaceCommands commands, List<WorkspaceCommands> subprojects,
                             boolean gitRepository, CompletableFuture<ContentIndex> contentIndex) {
        WorkspacePackages packages = WorkspacePackages.detect(root, scan).withSubprojects(subprojects);
        java.util.regex.Matcher goModule = java.util.regex.Pattern.compile("(?m)^module\\s+(\\S+)")
                .matcher(ManifestFile.read(root, "go.mod"));
        List<String> sorted = new ArrayList<>(scan.files());
        java.util.Collections.sort(sorted);
        NameIndex names = NameIndex.of(scan);
        dev.harness.protocol.StartupTrace.mark("scan: packages and names");
        ContentIndex content;
        try {
            content = contentIndex.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        dev.harness.protocol.StartupTrace.mark("scan: text index joined");
        SourceGraph graph = new SourceGraph(scan, content, packages, goModule.find() ? goModule.group(1) : null);
        return new WorkspaceFacts(root, scan, names, commands, subprojects, gitRepository, content, packages,
                graph, List.copyOf(sorted));
    }

    /** The scanned files under directory {@code dir}, in path order. */
    public List<String> filesUnder(String dir) {
        String prefix = dir + "/";
        int at = java.util.Collections.binarySearch(sortedFiles, prefix);
        int start = at >= 0 ? at : -at - 1;
        // every path under dir/ sorts before dir0 ('0' follows '/'): two binary searches, no walk over the subtree
        int to = java.util.Collections.binarySearch(sortedFiles, dir + "0");
        int end = to >= 0 ? to : -to - 1;
        return sortedFiles.subList(start, Math.max(start, end));
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
        if (scan.timeLimited()) {
            notes.add("The workspace scan stopped at its safety time limit (--scan-max-seconds) after "
                    + (scan.directories().size() + scan.files().size()) + " entries, so this plan depends on the machine's "
                    + "speed; deeper paths were not considered "
                    + "for scopes. Is " + root + " the project's directory?");
        } else if (scan.truncated()) {
            notes.add("The workspace scan stopped after " + (scan.directories().size() + scan.files().size())
                    + " entries; deeper paths were not considered for scopes.");
        }
        if (content.unread() > 0) {
            notes.add("The text index stopped at its safety time limit (--scan-max-seconds), so this plan depends on the "
                    + "machine's speed: " + content.unread() + " files were not read for matching; only their names were considered.");
        }
        return notes;
    }
}
