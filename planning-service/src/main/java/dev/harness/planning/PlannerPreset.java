package dev.harness.planning;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The coding-agent CLIs a person may already have, run headless as the planner: the prompt on
 * stdin, the plan on stdout, nothing written to the workspace (Claude Code's print mode answers
 * without tools it was not granted; Codex runs with a read-only sandbox).
 */
public enum PlannerPreset {
    CLAUDE("claude", List.of("claude", "-p", "--output-format", "json")),
    CODEX("codex", List.of("codex", "exec", "--sandbox", "read-only", "--skip-git-repo-check", "-"));

    private final String wireName;
    private final List<String> command;

    PlannerPreset(String wireName, List<String> command) {
        this.wireName = wireName;
        this.command = command;
    }

    public String wireName() {
        return wireName;
    }

    public List<String> command() {
        return command;
    }

    public static Optional<PlannerPreset> named(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.wireName.equals(wanted)).findFirst();
    }

    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(PlannerPreset::wireName).toList());
    }
}
