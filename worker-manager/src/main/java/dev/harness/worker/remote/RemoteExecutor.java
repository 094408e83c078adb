package dev.harness.worker.remote;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.api.worker.FailureClass;
import dev.harness.protocol.UsageException;
import java.util.Map;

/**
 * The executor seam: runs one attempt of a worker somewhere other than this process and returns
 * its result. The local executor needs no such object (it is the worker manager's own attempt
 * path); an implementation is loaded by name only when {@code --executor} asks for it, so the local
 * worker manager never loads a class of it.
 */
public interface RemoteExecutor extends AutoCloseable {

    /**
     * Dispatches the attempt (or attaches to it when it was dispatched before: the same worker and
     * attempt is one execution) and waits for it; the host's events reach {@code progress} as they
     * happen.
     *
     * @throws RemoteFailure when no host could produce an outcome (its class decides the recovery)
     */
    RemoteResult run(RemoteTask task, Progress progress) throws RemoteFailure, InterruptedException;

    /** Asks the hosts to stop the attempt (cancel_worker, SIGTERM); returns at once. */
    void cancel(RemoteTask task);

    /** For a log line: where attempts go. */
    String describe();

    @Override
    void close();

    /** Receives what happens on the hosts: their worker events, and host_assigned / host_lost. */
    interface Progress {
        void event(String kind, ObjectNode payload);

        /**
         * An event with its key: the same event has the same key whenever it is relayed (the
         * dispatch and the host's index of it), so a manager that attaches again to an attempt
         * another one relayed part of can leave out what was relayed before.
         */
        default void event(String kind, ObjectNode payload, String key) {
            event(kind, payload);
        }

        /** True once the worker was cancelled: the executor then cancels the attempt and stops waiting. */
        default boolean cancelled() {
            return false;
        }
    }

    /** Makes the executor; the implementation class names one of these (see {@link RemoteExecutors}). */
    interface Factory {
        RemoteExecutor connect(ExecutorSettings settings, Map<String, String> env) throws UsageException;
    }

    /** No host produced an outcome: the failure's class is what the recipe is chosen by. */
    final class RemoteFailure extends Exception {
        private static final long serialVersionUID = 1L;
        private final FailureClass failureClass;

        public RemoteFailure(FailureClass failureClass, String message) {
            super(message);
            this.failureClass = failureClass;
        }

        public FailureClass failureClass() {
            return failureClass;
        }
    }
}
