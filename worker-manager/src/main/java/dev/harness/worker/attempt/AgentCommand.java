package dev.harness.worker.attempt;

import dev.harness.protocol.CommandWords;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The agent a worker runs: a preset (none, claude, codex, aider) or a custom argument-list
 * template. The prompt reaches it as one argument ({prompt}), as a file path ({prompt_file}), or
 * on stdin when the template names neither. It is always an argument list: no shell ever sees
 * the prompt or any other user text. The presets never put the prompt on the command line (where
 * {@code ps} shows it to every user and ARG_MAX bounds it): claude and codex read it on stdin,
 * aider from the attempt's prompt file (readable by its owner only).
 */
public record AgentCommand(String name, List<String> template) {
    public static final String PROMPT = "{prompt}";
    public static final String PROMPT_FILE = "{prompt_file}";

    private static final Map<String, List<String>> PRESETS = Map.of(
            // `claude -p` with no prompt argument reads the prompt from stdin
            "claude", List.of("claude", "-p", "--output-format", "stream-json", "--verbose"),
            // `codex exec -` reads the prompt from stdin
            "codex", List.of("codex", "exec", "--json", "-"),
            "aider", List.of("aider", "--yes-always", "--message-file", PROMPT_FILE));

    public AgentCommand {
        template = List.copyOf(template);
    }

    public static AgentCommand none() {
        return new AgentCommand("none", List.of());
    }

    /**
     * A preset name, a JSON array of arguments, or words separated by spaces (quotes group words,
     * a backslash escapes; nothing is expanded).
     */
    public static AgentCommand parse(String spec) {
        String text = spec == null ? "" : spec.strip();
        if (text.isEmpty() || text.equals("none")) {
            return none();
        }
        if (PRESETS.containsKey(text)) {
            return new AgentCommand(text, PRESETS.get(text));
        }
        List<String> argv;
        try {
            argv = CommandWords.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the agent command template is unusable: " + e.getMessage());
        }
        if (argv.get(0).isBlank()) {
            throw new IllegalArgumentException("the agent command template is empty");
        }
        return new AgentCommand("custom", argv);
    }

    public boolean isNone() {
        return template.isEmpty();
    }

    /** The program the template starts (argv[0]). */
    public String program() {
        return template.isEmpty() ? "none" : template.get(0);
    }

    /** True when the prompt goes on stdin because the template has no placeholder for it. */
    public boolean promptOnStdin() {
        return template.stream().noneMatch(a -> a.contains(PROMPT) || a.contains(PROMPT_FILE));
    }

    /** The argument list for one attempt, placeholders filled in. */
    public List<String> argv(String prompt, Path promptFile) {
        List<String> argv = new ArrayList<>(template.size());
        for (String arg : template) {
            argv.add(arg.replace(PROMPT_FILE, promptFile.toString()).replace(PROMPT, prompt));
        }
        return argv;
    }

    /**
     * Claude Code stops by itself at a dollar budget ({@code --max-budget-usd}): the claude preset
     * is given what is left of the worker's budget; any other agent is returned unchanged.
     */
    public AgentCommand withMaxBudgetUsd(Double usd) {
        if (usd == null || !name.equals("claude")) {
            return this;
        }
        List<String> args = new ArrayList<>(template);
        String amount = java.math.BigDecimal.valueOf(usd).setScale(4, java.math.RoundingMode.DOWN).stripTrailingZeros().toPlainString();
        args.addAll(List.of("--max-budget-usd", amount));
        return new AgentCommand(name, args);
    }

    /** How the agent is described in snapshots and events (the template, not a filled-in prompt). */
    public String describe() {
        return isNone() ? "none" : name.equals("custom") ? String.join(" ", template) : name;
    }

}
