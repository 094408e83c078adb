package dev.harness.worker.lifecycle;

import static dev.harness.api.worker.WorkerState.CANCELLED;
import static dev.harness.api.worker.WorkerState.FAILED;
import static dev.harness.api.worker.WorkerState.FINISHED;
import static dev.harness.api.worker.WorkerState.READY_FOR_PROMPT;
import static dev.harness.api.worker.WorkerState.RUNNING;
import static dev.harness.api.worker.WorkerState.SPAWNING;
import static dev.harness.api.worker.WorkerState.TRUST_REQUIRED;

import dev.harness.api.worker.WorkerState;
import dev.harness.protocol.DomainError;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The one table of legal worker transitions (PIPELINE.md, "Worker lifecycle"). Everything that
 * changes a worker's state goes through {@link #require}; anything not listed here is refused.
 */
public final class Transitions {
    private static final Map<WorkerState, EnumSet<WorkerState>> TABLE = new EnumMap<>(WorkerState.class);

    static {
        TABLE.put(SPAWNING, EnumSet.of(TRUST_REQUIRED, READY_FOR_PROMPT, CANCELLED));
        TABLE.put(TRUST_REQUIRED, EnumSet.of(READY_FOR_PROMPT, FAILED, CANCELLED));
        TABLE.put(READY_FOR_PROMPT, EnumSet.of(RUNNING, CANCELLED));
        TABLE.put(RUNNING, EnumSet.of(FINISHED, RUNNING, FAILED, CANCELLED));
        // failed → ready_for_prompt only after a human's "retry"; failed is terminal otherwise, so
        // cancel does not apply to it (the table's "any non-terminal → cancelled").
        TABLE.put(FAILED, EnumSet.of(READY_FOR_PROMPT));
        TABLE.put(FINISHED, EnumSet.noneOf(WorkerState.class));
        TABLE.put(CANCELLED, EnumSet.noneOf(WorkerState.class));
    }

    private Transitions() {}

    public static Set<WorkerState> allowedFrom(WorkerState from) {
        return EnumSet.copyOf(TABLE.get(from));
    }

    public static boolean isLegal(WorkerState from, WorkerState to) {
        return TABLE.get(from).contains(to);
    }

    /** Throws {@link IllegalTransition} unless the table allows {@code from → to}. */
    public static void require(WorkerState from, WorkerState to) {
        if (!isLegal(from, to)) {
            throw new IllegalTransition(from, to, allowedFrom(from));
        }
    }

    /** A refusal of a request that does not fit the worker's state, even where the table has the edge for another cause. */
    public static IllegalTransition refuse(WorkerState from, WorkerState to, String why) {
        return new IllegalTransition(from, to, allowedFrom(from), why);
    }

    /** A refused transition; the service turns it into the illegal_transition domain error. */
    public static final class IllegalTransition extends DomainError {
        private static final long serialVersionUID = 1L;
        private final WorkerState current;
        private final WorkerState requested;
        private final transient Set<WorkerState> allowed;

        IllegalTransition(WorkerState current, WorkerState requested, Set<WorkerState> allowed) {
            this(current, requested, allowed, null);
        }

        IllegalTransition(WorkerState current, WorkerState requested, Set<WorkerState> allowed, String why) {
            super("illegal_transition", "A worker in state " + current.wire() + " cannot move to " + requested.wire()
                    + (why == null ? "" : " (" + why + ")") + ".", data(current, requested, allowed));
            this.current = current;
            this.requested = requested;
            this.allowed = allowed;
        }

        private static com.fasterxml.jackson.databind.JsonNode data(WorkerState current, WorkerState requested,
                                                                   Set<WorkerState> allowed) {
            return dev.harness.protocol.Json.toNode(new dev.harness.api.rpc.WorkerErrorData.IllegalTransition(current,
                    requested, allowed.stream().sorted().toList()));
        }

        public WorkerState current() {
            return current;
        }

        public WorkerState requested() {
            return requested;
        }

        public Set<WorkerState> allowed() {
            return allowed;
        }
    }
}
