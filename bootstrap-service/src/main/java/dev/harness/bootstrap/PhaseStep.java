package dev.harness.bootstrap;

import dev.harness.api.bootstrap.Phase;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** The work of one phase. */
public interface PhaseStep {
    Phase phase();

    /**
     * The context fields and environment facts this phase depends on — cheap to compute, never
     * secret values — digested to decide whether a recorded result still applies.
     */
    ObjectNode inputs(BootstrapContext context, Map<Phase, PhaseRecord> earlier);

    /** Does the work. {@code earlier} holds the succeeded records of the phases before this one. */
    PhaseOutcome run(BootstrapContext context, Map<Phase, PhaseRecord> earlier);
}
