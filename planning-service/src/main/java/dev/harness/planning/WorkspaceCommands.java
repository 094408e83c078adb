package dev.harness.planning;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The build, test and lint commands a workspace really has, found by ToolchainDetector; what could
 * not be detected is said in {@code notes} (they become plan warnings).
 */
public record WorkspaceCommands(String directory, List<Toolchain> toolchains, List<String> testCommands,
                                List<String> buildCommands, List<String> lintCommands, List<String> notes,
                                String gradlePrefix, String mavenPrefix) {
    public WorkspaceCommands {
        toolchains = List.copyOf(toolchains);
        testCommands = List.copyOf(new LinkedHashSet<>(testCommands));
        buildCommands = List.copyOf(new LinkedHashSet<>(buildCommands));
        lintCommands = List.copyOf(new LinkedHashSet<>(lintCommands));
        notes = List.copyOf(notes);
    }

    public boolean hasTests() {
        return !testCommands.isEmpty();
    }

    /** Every check the workspace has, build first: what a final verification runs. */
    public List<String> allChecks() {
        List<String> all = new ArrayList<>(buildCommands);
        all.addAll(lintCommands);
        all.addAll(testCommands);
        return List.copyOf(new LinkedHashSet<>(all));
    }

    /** A command that runs only this test file (relative to the workspace), from the first toolchain that can. */
    public Optional<String> targetedTest(String testFile) {
        String relative = testFile;
        if (!directory.isEmpty()) {
            if (!testFile.startsWith(directory + "/")) {
                return Optional.empty();
            }
            relative = testFile.substring(directory.length() + 1);
        }
        for (Toolchain toolchain : toolchains) {
            String prefix = toolchain == Toolchain.GRADLE ? gradlePrefix : toolchain == Toolchain.MAVEN ? mavenPrefix : "";
            Optional<String> command = toolchain.targetedTest(relative, prefix);
            if (command.isPresent()) {
                return command.map(this::inDirectory);
            }
        }
        return Optional.empty();
    }

    /** The same commands run from the workspace root for a subproject in {@code subdirectory}. */
    public WorkspaceCommands in(String subdirectory) {
        WorkspaceCommands moved = new WorkspaceCommands(subdirectory, toolchains, List.of(), List.of(), List.of(),
                notes.stream().map(n -> "In " + subdirectory + ": " + n).toList(), gradlePrefix, mavenPrefix);
        return new WorkspaceCommands(subdirectory, toolchains, testCommands.stream().map(moved::inDirectory).toList(),
                buildCommands.stream().map(moved::inDirectory).toList(), lintCommands.stream().map(moved::inDirectory).toList(),
                moved.notes, gradlePrefix, mavenPrefix);
    }

    private String inDirectory(String command) {
        return directory.isEmpty() ? command : "cd " + ShellQuote.quote(directory) + " && " + command;
    }

    public boolean isEmpty() {
        return testCommands.isEmpty() && buildCommands.isEmpty() && lintCommands.isEmpty();
    }

    public List<String> toolchainLabels() {
        return toolchains.stream().map(Toolchain::label).toList();
    }
}
