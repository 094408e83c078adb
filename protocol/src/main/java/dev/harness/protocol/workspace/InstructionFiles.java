package dev.harness.protocol.workspace;

import java.util.List;

/**
 * The suite's one list of agent instruction files: what the bootstrap's system_prompt_fastpath
 * assembles the system prompt from and what a worker tells its agent to follow. Looked for in each
 * directory from the repository root down to the workspace (or scope), in this order, so the more
 * specific ones come last.
 */
public final class InstructionFiles {
    /** Prose for agents, by the tools that read them: AGENTS.md (Codex, many), CLAUDE.md (Claude Code), GEMINI.md, Cursor, Copilot. */
    public static final List<String> NAMES = List.of("AGENTS.md", "CLAUDE.md", "CLAUDE.local.md", "GEMINI.md", ".cursorrules",
            ".github/copilot-instructions.md");

    private InstructionFiles() {}
}
