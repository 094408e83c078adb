package dev.harness.planning;

import dev.harness.protocol.Dispatcher;
import dev.harness.protocol.Service;
import dev.harness.protocol.ServiceLauncher;

/** The planning-service executable. */
public final class PlanningService implements Service {
    public static void main(String[] args) {
        ServiceLauncher.launch(new PlanningService(), args);
    }

    @Override
    public String name() {
        return "planning-service";
    }

    @Override
    public String summary() {
        return "Turns an objective into a plan of task packets, refines plans and validates them.";
    }

    @Override
    public void register(Dispatcher dispatcher) {
        // handlers arrive with the service's own issue
    }
}
