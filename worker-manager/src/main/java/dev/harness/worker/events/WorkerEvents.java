package dev.harness.worker.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.api.worker.Decision;
import dev.harness.api.worker.FailureClass;
import dev.harness.api.worker.TestEvidence;
import dev.harness.api.worker.Verification;
import dev.harness.api.worker.WorkerEventPayload;
import dev.harness.api.worker.WorkerState;
import dev.harness.protocol.Json;
import java.util.List;

/**
 * Event payloads built from the suite's typed records (api's {@link WorkerEventPayload}, one per
 * kind), so the compiler keeps what the worker manager emits and what readers expect in agreement.
 */
public final class WorkerEvents {
    private WorkerEvents() {}

    /** The payload as the JSON object an event carries (null fields left out). */
    public static ObjectNode payload(WorkerEventPayload payload) {
        return (ObjectNode) Json.toNode(payload);
    }

    /**
     * What a state transition says beyond from and to (which the registry fills in): why, and what
     * the new state carries. Built as {@code Transition.because("…").failureClass(…)}.
     */
    public static final class Transition {
        private final String reason;
        private FailureClass failureClass;
        private Boolean escalationRequired;
        private Decision decision;
        private Integer nextAttempt;
        private Long delayMs;
        private Integer attempts;
        private String commit;
        private String branch;
        private Verification verification;
        private Integer changedCount;
        private List<String> changedFiles;
        private Boolean queued;
        private String agent;
        private TestEvidence testEvidence;

        private Transition(String reason) {
            this.reason = reason;
        }

        public static Transition because(String reason) {
            return new Transition(reason);
        }

        /** A transition that gives no reason of its own (running, finished). */
        public static Transition plain() {
            return new Transition(null);
        }

        /** failed: its class, and whether it now waits for a person's decision. */
        public Transition failed(FailureClass failureClass, boolean escalationRequired) {
            this.failureClass = failureClass;
            this.escalationRequired = escalationRequired;
            return this;
        }

        /** failed by a decision (skip or abort): no decision is awaited any more. */
        public Transition decided(Decision decision) {
            this.decision = decision;
            this.escalationRequired = false;
            return this;
        }

        /** running: the attempt that comes next, after {@code delayMs} when a recipe backs off. */
        public Transition next(int nextAttempt, Long delayMs) {
            this.nextAttempt = nextAttempt;
            this.delayMs = delayMs;
            return this;
        }

        /** running: whether the attempt waits for a slot of the pool, and with which agent. */
        public Transition starting(boolean queued, String agent) {
            this.queued = queued;
            this.agent = agent;
            return this;
        }

        /** finished: how many attempts it took and how far it was verified. */
        public Transition finished(int attempts, Verification verification) {
            this.attempts = attempts;
            this.verification = verification;
            return this;
        }

        public Transition changed(int changedCount, List<String> changedFiles) {
            this.changedCount = changedCount;
            this.changedFiles = List.copyOf(changedFiles);
            return this;
        }

        /** finished: whether the task's own tests fail on its base (null: not looked at). */
        public Transition tested(TestEvidence evidence) {
            this.testEvidence = evidence;
            return this;
        }

        public Transition committed(String commit, String branch) {
            this.commit = commit;
            this.branch = branch;
            return this;
        }

        public WorkerEventPayload.StateChanged between(WorkerState from, WorkerState to) {
            return new WorkerEventPayload.StateChanged(from, to, reason, failureClass, escalationRequired, decision,
                    nextAttempt, delayMs, attempts, commit, branch, verification, changedCount, changedFiles, testEvidence, queued, agent);
        }
    }
}
