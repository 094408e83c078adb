package dev.harness.api.worker;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.harness.api.Wire;
import dev.harness.api.WireName;
import java.util.Optional;

/** What decided a failure class (the evidence's source). */
public enum EvidenceSource implements WireName {
    EXIT_CODE("exit_code"),
    TIMEOUT("timeout"),
    CLAUDE_RESULT("claude_result"),
    CODEX_EVENT("codex_event"),
    AGENT_OUTPUT("agent_output"),
    ACCEPTANCE_TEST("acceptance_test"),
    AGENT_COMMAND("agent_command"),
    SETUP("setup"),
    COMMIT("commit"),
    INTERRUPTED("interrupted"),
    /** A task meant to change code whose agent changed nothing in its scope. */
    NO_CHANGE("no_change"),
    /** The worker's budget was spent: no new attempt started after the attempt that failed. */
    BUDGET("budget");

    private final String wire;

    EvidenceSource(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    /** @throws IllegalArgumentException for a name that is not one of the wire names */
    @JsonCreator
    public static EvidenceSource fromWire(String name) {
        return Wire.parse(EvidenceSource.class, name);
    }

    public static Optional<EvidenceSource> find(String name) {
        return Wire.find(EvidenceSource.class, name);
    }

    @Override
    public String toString() {
        return wire;
    }
}
