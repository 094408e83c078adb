package dev.harness.bootstrap.host;

import dev.harness.protocol.CommandWords;
import java.util.List;
import java.util.Optional;

/**
 * The agent a worker runs: a known preset (its command and the environment variables holding its
 * credentials) or a custom command. {@code none} means the task's own commands, run by {@code sh}.
 */
public record AgentPreset(String name, List<String> command, List<String> credentialVariables, boolean anyCredentialSuffices) {
    static final String DEFAULT = "none";
    /** The presets {@link #of} knows; anything else is a custom command. */
    public static final List<String> NAMES = List.of("none", "claude", "codex", "aider");

    public static AgentPreset of(String agent) {
        String text = agent == null || agent.isBlank() ? DEFAULT : agent.strip();
        return switch (text) {
            case "none" -> new AgentPreset("none", List.of("sh"), List.of(), false);
            case "claude" -> new AgentPreset("claude", List.of("claude"), List.of("ANTHROPIC_API_KEY"), false);
            case "codex" -> new AgentPreset("codex", List.of("codex"), List.of("OPENAI_API_KEY"), false);
            case "aider" -> new AgentPreset("aider", List.of("aider"), List.of("ANTHROPIC_API_KEY", "OPENAI_API_KEY"), true);
            // A custom command becomes an argument list the way the worker manager reads it; never a shell line.
            default -> new AgentPreset("custom", customCommand(text), List.of(), false);
        };
    }

    /** A command the suite cannot split (an unclosed quote) stays one word, so the check names it as written. */
    private static List<String> customCommand(String text) {
        try {
            return CommandWords.parse(text);
        } catch (IllegalArgumentException e) {
            return List.of(text);
        }
    }

    /** context.agent, else $HARNESS_AGENT, else none; returns the preset and where it came from. */
    public static Configured configured(Optional<String> contextAgent, HostEnvironment environment) {
        if (contextAgent.isPresent()) {
            return new Configured(of(contextAgent.get()), "context.agent");
        }
        Optional<String> fromEnv = environment.get("HARNESS_AGENT");
        return fromEnv.map(a -> new Configured(of(a), "HARNESS_AGENT"))
                .orElseGet(() -> new Configured(of(DEFAULT), "default"));
    }

    public record Configured(AgentPreset preset, String source) {}

    public String executable() {
        return command.get(0);
    }

    /** Whether the credentials this agent needs are in the environment (only presence is ever reported). */
    public boolean credentialsSatisfied(HostEnvironment environment) {
        if (credentialVariables.isEmpty()) {
            return true;
        }
        return anyCredentialSuffices
                ? credentialVariables.stream().anyMatch(environment::isSet)
                : credentialVariables.stream().allMatch(environment::isSet);
    }
}
