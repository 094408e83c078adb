package dev.harness.orchestrator.pipeline;

import java.util.Optional;

/**
 * An agent command template with {@code {prompt}} puts the whole task prompt (the objective, the
 * files, the failure fed back) into the agent's argument list, where every user of the machine
 * can read it ({@code ps}, /proc/PID/cmdline) for as long as the agent runs. The person who wrote
 * that template is told once per run, on the console; the warning names the template's
 * placeholder, never a prompt, and is not logged.
 */
final class PromptOnCommandLine {
    static final String PROMPT = "{prompt}";

    private PromptOnCommandLine() {}

    /**
     * The warning for {@code agent} as given with --agent: a command template naming {@code {prompt}}
     * ({@code {prompt_file}} and a template without a placeholder, which reads stdin, are fine); a
     * preset's (claude, codex, aider) own argument list is the harness's choice, not configured here.
     */
    static Optional<String> warning(String agent) {
        if (agent == null || !agent.contains(PROMPT)) {
            return Optional.empty();
        }
        return Optional.of("the agent command passes the whole prompt as an argument ({prompt}), where other users of"
                + " this machine can read it (ps); use {prompt_file} (a file only you can read) or leave the placeholder out"
                + " (the prompt comes on stdin)");
    }
}
