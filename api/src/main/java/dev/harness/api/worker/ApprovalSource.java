package dev.harness.api.worker;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.harness.api.Wire;
import dev.harness.api.WireName;
import java.util.Optional;

/** How an approval, refusal or decision was given (who asked whom, through what). */
public enum ApprovalSource implements WireName {
    HUMAN_TTY("human_tty"),
    CLI_FLAG("cli_flag"),
    POLICY("policy"),
    AUTO_ALLOWLIST("auto_allowlist"),
    HUMAN_APPROVAL("human_approval"),
    HUMAN_DENIAL("human_denial"),
    HUMAN_DECISION("human_decision"),
    RECIPE("recipe"),
    ESCALATION_POLICY("escalation_policy"),
    /** A person, in the local dashboard (orchestrator serve). */
    WEB("web"),
    /** A person, in the form their MCP client showed them (harness-mcp's elicitation; never the model). */
    MCP_ELICITATION("mcp_elicitation");

    private final String wire;

    ApprovalSource(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    /** @throws IllegalArgumentException for a name that is not one of the wire names */
    @JsonCreator
    public static ApprovalSource fromWire(String name) {
        return Wire.parse(ApprovalSource.class, name);
    }

    public static Optional<ApprovalSource> find(String name) {
        return Wire.find(ApprovalSource.class, name);
    }

    @Override
    public String toString() {
        return wire;
    }
}
