package dev.harness.orchestrator.service;

import dev.harness.orchestrator.OrchestratorException;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where the stateless services (planning, bootstrap) run: inside the orchestrator's JVM (the
 * default: no JVM start, and the classes they share with the orchestrator are loaded once) or as
 * child processes, chosen with HARNESS_SERVICES. Either way every message crosses a pipe as the
 * same bytes and is validated against the same contract; the worker manager is always a process.
 */
public enum Hosting {
    IN_PROCESS("in-process"),
    PROCESS("process");

    public static final String ENV = "HARNESS_SERVICES";

    private final String wire;

    Hosting(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** HARNESS_SERVICES, in-process when unset or blank; any other word is a usage error naming the choices. */
    public static Hosting from(Map<String, String> env) {
        String value = env.get(ENV);
        if (value == null || value.isBlank()) {
            return IN_PROCESS;
        }
        for (Hosting hosting : values()) {
            if (hosting.wire.equals(value.strip())) {
                return hosting;
            }
        }
        throw OrchestratorException.usage(ENV + "=" + value + " is not a choice: use "
                + Arrays.stream(values()).map(Hosting::wire).collect(Collectors.joining(" or ")) + ".");
    }
}
