package dev.harness.bootstrap;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The five bootstrap phases, in their fixed order. Each phase's prerequisites are every phase
 * before it: the order is the dependency (the prompt needs the repository root cli_entry found,
 * main_runtime needs everything).
 */
public enum Phase {
    CLI_ENTRY("cli_entry"),
    SYSTEM_PROMPT_FASTPATH("system_prompt_fastpath"),
    MCP_FASTPATH("mcp_fastpath"),
    DAEMON_WORKER_FASTPATH("daemon_worker_fastpath"),
    MAIN_RUNTIME("main_runtime");

    private final String wireName;

    Phase(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public List<Phase> prerequisites() {
        return Arrays.asList(values()).subList(0, ordinal());
    }

    public static Optional<Phase> fromWire(String name) {
        return Arrays.stream(values()).filter(p -> p.wireName.equals(name)).findFirst();
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(Phase::wireName).toList();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
