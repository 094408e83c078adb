package dev.harness.worker.remote;

import dev.harness.protocol.UsageException;
import java.util.Map;

/** Loads the executor asked for by name, so nothing of it is loaded (or needed) unless asked for. */
public final class RemoteExecutors {
    /** In the worker-temporal jar, which bin/worker-manager runs when the Temporal executor is asked for. */
    static final String TEMPORAL = "dev.harness.worker.temporal.TemporalExecutorFactory";

    private RemoteExecutors() {}

    public static RemoteExecutor connect(ExecutorSettings settings, Map<String, String> env) throws UsageException {
        Class<?> type;
        try {
            type = Class.forName(TEMPORAL);
        } catch (ClassNotFoundException e) {
            throw new UsageException("--executor temporal needs the worker-temporal module: build it (mvn -B -DskipTests"
                    + " package) and start the worker manager through bin/worker-manager, which then runs its jar");
        }
        try {
            RemoteExecutor.Factory factory = (RemoteExecutor.Factory) type.getDeclaredConstructor().newInstance();
            return factory.connect(settings, env);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("the Temporal executor could not be made: " + e, e);
        }
    }
}
