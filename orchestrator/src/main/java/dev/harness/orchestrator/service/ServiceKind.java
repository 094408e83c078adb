package dev.harness.orchestrator.service;

import java.util.Set;

/** The three services the orchestrator drives, with the requests that are safe to send twice. */
public enum ServiceKind {
    PLANNING("planning-service", "HARNESS_PLANNING_SERVICE", Set.of("decompose", "validate")),
    BOOTSTRAP("bootstrap-service", "HARNESS_BOOTSTRAP_SERVICE", Set.of("execute_phase", "get_status")),
    WORKER_MANAGER("worker-manager", "HARNESS_WORKER_MANAGER", Set.of("get_worker", "list_workers", "wait_worker"));

    private final String executable;
    private final String envVar;
    private final Set<String> idempotentMethods;

    ServiceKind(String executable, String envVar, Set<String> idempotentMethods) {
        this.executable = executable;
        this.envVar = envVar;
        this.idempotentMethods = idempotentMethods;
    }

    /** The executable's name under the installation's bin/, and the name in logs. */
    public String executable() {
        return executable;
    }

    /** The environment variable that overrides the command. */
    public String envVar() {
        return envVar;
    }

    /** Requests whose repetition changes nothing: retried once after the service is restarted. */
    public boolean isIdempotent(String method) {
        return idempotentMethods.contains(method);
    }
}
