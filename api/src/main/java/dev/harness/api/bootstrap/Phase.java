package dev.harness.api.bootstrap;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.harness.api.Wire;
import dev.harness.api.WireName;
import java.util.Optional;

/** The five bootstrap phases in their fixed order; each phase's prerequisites are the phases before it. */
public enum Phase implements WireName {
    CLI_ENTRY("cli_entry"),
    SYSTEM_PROMPT_FASTPATH("system_prompt_fastpath"),
    MCP_FASTPATH("mcp_fastpath"),
    DAEMON_WORKER_FASTPATH("daemon_worker_fastpath"),
    MAIN_RUNTIME("main_runtime");

    private final String wire;

    Phase(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    /** @throws IllegalArgumentException for a name that is not one of the wire names */
    @JsonCreator
    public static Phase fromWire(String name) {
        return Wire.parse(Phase.class, name);
    }

    public static Optional<Phase> find(String name) {
        return Wire.find(Phase.class, name);
    }

    public java.util.List<Phase> prerequisites() {
        return java.util.Arrays.asList(values()).subList(0, ordinal());
    }

    @Override
    public String toString() {
        return wire;
    }
}
