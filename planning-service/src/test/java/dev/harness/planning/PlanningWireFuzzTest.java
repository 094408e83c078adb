package dev.harness.planning;

import dev.harness.protocol.Service;
import dev.harness.protocol.fuzz.ServiceWireFuzz;
import java.nio.file.Path;
import java.util.Map;
import net.jqwik.api.PropertyDefaults;

/** The planning service's loop under hostile lines made from examples/planning, and its corpus of past findings. */
@PropertyDefaults(tries = 60)
class PlanningWireFuzzTest extends ServiceWireFuzz {
    @Override
    protected String examples() {
        return "planning";
    }

    @Override
    protected Service service(Path home) {
        return new PlanningService(Map.of("HOME", home.toString()), home);
    }
}
