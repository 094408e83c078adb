package dev.harness.planning;

import dev.harness.protocol.fuzz.ServiceWireFuzz;
import java.util.Map;
import net.jqwik.api.PropertyDefaults;

/** The planning service's loop under hostile lines made from examples/planning, and its corpus of past findings. */
@PropertyDefaults(tries = 60)
class PlanningWireFuzzTest extends ServiceWireFuzz {
    PlanningWireFuzzTest() {
        super("planning", home -> new PlanningService(Map.of("HOME", home.toString()), home));
    }
}
