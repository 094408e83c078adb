package dev.harness.worker;

import dev.harness.protocol.Dispatcher;
import dev.harness.protocol.Service;
import dev.harness.protocol.ServiceLauncher;

/** The worker-manager executable. */
public final class WorkerManager implements Service {
    public static void main(String[] args) {
        ServiceLauncher.launch(new WorkerManager(), args);
    }

    @Override
    public String name() {
        return "worker-manager";
    }

    @Override
    public String summary() {
        return "Runs workers for task packets behind a trust gate, verifies them and recovers from failures.";
    }

    @Override
    public void register(Dispatcher dispatcher) {
        // handlers arrive with the service's own issue
    }
}
