package dev.harness.api.bootstrap;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.HashSet;
import java.util.List;

/** Ordered preparation phases (bootstrap-plan.schema.json; execute_plan's params). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BootstrapPlan(List<Phase> phases, BootstrapContext context, Boolean force) {
    public BootstrapPlan {
        if (phases == null || phases.isEmpty()) {
            throw new IllegalArgumentException("a bootstrap plan names at least one phase");
        }
        if (new HashSet<>(phases).size() != phases.size()) {
            throw new IllegalArgumentException("a bootstrap plan names a phase twice");
        }
        phases = List.copyOf(phases);
    }
}
