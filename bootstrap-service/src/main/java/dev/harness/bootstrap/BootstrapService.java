package dev.harness.bootstrap;

import dev.harness.protocol.Dispatcher;
import dev.harness.protocol.Service;
import dev.harness.protocol.ServiceLauncher;

/** The bootstrap-service executable. */
public final class BootstrapService implements Service {
    public static void main(String[] args) {
        ServiceLauncher.launch(new BootstrapService(), args);
    }

    @Override
    public String name() {
        return "bootstrap-service";
    }

    @Override
    public String summary() {
        return "Prepares and checks a workspace in five ordered, idempotent phases before any worker runs.";
    }

    @Override
    public void register(Dispatcher dispatcher) {
        // handlers arrive with the service's own issue
    }
}
