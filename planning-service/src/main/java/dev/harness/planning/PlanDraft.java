package dev.harness.planning;

import java.util.List;

/** Packets a planner produced, the warnings that go with them, and which planner it was. */
public record PlanDraft(List<TaskPacket> packets, List<String> warnings, String planner) {
    public static final String BUILT_IN = "built_in";
    public static final String EXTERNAL = "external";

    public PlanDraft {
        packets = List.copyOf(packets);
        warnings = List.copyOf(warnings);
    }
}
