package dev.harness.planning;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A small workspace written by a test and scanned as the planner sees it (no tools on PATH, no scan reuse). */
final class ScannedWorkspace {
    private ScannedWorkspace() {
    }

    static Path write(Path root, String relative, String content) throws Exception {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    static WorkspaceFacts facts(Path root) throws Exception {
        return new ScanCache(new WorkspaceScanner(WorkspaceScanner.DEFAULT_MAX_DEPTH, WorkspaceScanner.DEFAULT_MAX_ENTRIES),
                new ToolchainDetector(Map.of("PATH", "")), Duration.ZERO, Clock.systemUTC()).facts(root.toRealPath());
    }

    /** The files the planner would change for the objective, best first. */
    static List<String> located(String objective, WorkspaceFacts facts) {
        return ChangeLocator.locate(ChangeLocator.keys(objective), facts, ChangeLocator.projectNames(facts)).stream()
                .map(ChangeLocator.FileMatch::path).toList();
    }
}
