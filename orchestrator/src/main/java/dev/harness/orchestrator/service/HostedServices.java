package dev.harness.orchestrator.service;

import dev.harness.bootstrap.BootstrapService;
import dev.harness.bootstrap.host.HostEnvironment;
import dev.harness.planning.PlanningService;
import dev.harness.protocol.Service;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The services the orchestrator can host in its own JVM, each made fresh per start (a restart
 * after a failure gets a new one) with the workspace as its directory, which a child process
 * would have had as its working directory. The worker manager is not among them: it keeps the
 * run's workers and their processes, and outlives a failure of the orchestrator's.
 */
final class HostedServices {
    private HostedServices() {}

    static Optional<Supplier<Service>> of(ServiceKind kind, Path workspace) {
        return switch (kind) {
            case PLANNING -> Optional.of(() -> new PlanningService(System.getenv(), workspace));
            case BOOTSTRAP -> Optional.of(() -> new BootstrapService(HostEnvironment.current(), workspace));
            case WORKER_MANAGER -> Optional.empty();
        };
    }
}
