package dev.harness.worker.temporal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.api.worker.FailureClass;
import dev.harness.api.worker.WorkerEventKind;
import dev.harness.api.worker.WorkerEventPayload;
import dev.harness.protocol.Json;
import dev.harness.protocol.Log;
import dev.harness.worker.remote.ExecutorSettings;
import dev.harness.worker.remote.RemoteExecutor;
import dev.harness.worker.remote.RemoteResult;
import dev.harness.worker.remote.RemoteTask;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.converter.DataConverter;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.worker.WorkerFactory;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends each attempt to the task queue as a workflow whose id is the worker's and the attempt's
 * (a second dispatch of the same attempt attaches to the first: a completed attempt is never run
 * again), relays the hosts' events from their heartbeats while it runs, and says when a host was
 * lost and the attempt went to another one.
 */
final class TemporalExecutor implements RemoteExecutor {
    private static final long POLL_MS = 250;

    private final WorkflowClient client;
    private final ExecutorSettings settings;
    private final DataConverter converter;

    /** The workflow worker this process runs, stopped with it (null when another process runs the workflows). */
    private final WorkerFactory workflows;

    TemporalExecutor(WorkflowClient client, ExecutorSettings settings, WorkerFactory workflows) {
        this.client = client;
        this.settings = settings;
        this.workflows = workflows;
        this.converter = client.getOptions().getDataConverter();
    }

    @Override
    public String describe() {
        return settings.describe();
    }

    @Override
    public RemoteResult run(RemoteTask task, Progress progress) throws RemoteFailure, InterruptedException {
        WorkflowStub stub = client.newUntypedWorkflowStub("TaskWorkflow", WorkflowOptions.newBuilder()
                .setWorkflowId(task.workflowId())
                .setTaskQueue(settings.taskQueue())
                // one execution per worker attempt, ever: started again it is attached to, never re-run
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .build());
        try {
            stub.start(task);
        } catch (WorkflowExecutionAlreadyStarted e) {
            Log.info("attempt " + task.attempt() + " of worker " + task.workerId() + " was dispatched before; attaching to "
                    + task.workflowId());
            stub = client.newUntypedWorkflowStub(task.workflowId(), Optional.empty(), Optional.of("TaskWorkflow"));
        }
        CompletableFuture<RemoteResult> result = stub.getResultAsync(RemoteResult.class);
        Relay relay = new Relay(progress, task.heartbeatSeconds());
        while (true) {
            if (progress.cancelled()) {
                stub.cancel();
                throw new InterruptedException("cancelled");
            }
            try {
                RemoteResult done = result.get(POLL_MS, TimeUnit.MILLISECONDS);
                relay.finish(done);
                return done;
            } catch (TimeoutException e) {
                relay.look(describe(task.workflowId()));
            } catch (ExecutionException e) {
                look(task, relay);
                throw failure(task, e.getCause());
            }
        }
    }

    private void look(RemoteTask task, Relay relay) {
        try {
            relay.look(describe(task.workflowId()));
        } catch (RuntimeException e) {
            Log.warn("the last events of " + task.workflowId() + " cannot be read: " + e.getMessage());
        }
    }

    private Optional<PendingActivityInfo> describe(String workflowId) {
        DescribeWorkflowExecutionResponse response = client.getWorkflowServiceStubs().blockingStub()
                .describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
                        .setNamespace(settings.namespace())
                        .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                        .build());
        return response.getPendingActivitiesList().stream().findFirst();
    }

    /** What no host could finish, as the failure class the recipes know. */
    private static RemoteFailure failure(RemoteTask task, Throwable thrown) {
        Throwable cause = thrown instanceof WorkflowFailedException wf && wf.getCause() != null ? wf.getCause() : thrown;
        if (cause instanceof ActivityFailure af && af.getCause() != null) {
            cause = af.getCause();
        }
        if (cause instanceof ApplicationFailure app) {
            FailureClass failureClass = FailureClass.find(app.getType()).orElse(FailureClass.UNKNOWN);
            return new RemoteFailure(failureClass, app.getOriginalMessage());
        }
        if (cause instanceof TimeoutFailure timeout) {
            return new RemoteFailure(FailureClass.UNRECOVERABLE, "no worker host finished attempt " + task.attempt() + " within "
                    + task.retry().maxAttempts() + " dispatches: the last one timed out (" + timeout.getTimeoutType() + ")");
        }
        if (cause instanceof CanceledFailure) {
            return new RemoteFailure(FailureClass.UNKNOWN, "the attempt was cancelled in Temporal");
        }
        return new RemoteFailure(FailureClass.UNKNOWN, "the Temporal workflow " + task.workflowId() + " failed: " + cause);
    }

    @Override
    public void cancel(RemoteTask task) {
        client.newUntypedWorkflowStub(task.workflowId(), Optional.empty(), Optional.of("TaskWorkflow")).cancel();
    }

    @Override
    public void close() {
        if (workflows != null) {
            workflows.shutdown();
            workflows.awaitTermination(5, TimeUnit.SECONDS);
        }
        client.getWorkflowServiceStubs().shutdown();
    }

    /**
     * Relays each host event once, in order; a new dispatch (a host that stopped heartbeating, or
     * died) is a host_lost event for the old one and a host_assigned one for the new. Confined to
     * the thread in {@link #run}: its poll ({@code look}) and the result's hand-over ({@code finish})
     * take turns in that one loop, never at once, so its fields need no lock (TemporalExecutorTest
     * checks every event comes on that thread).
     */
    private final class Relay {
        private final Progress progress;
        private final long heartbeat;
        private String host;
        private int hostAttempt;
        private int relayed = -1;
        private final java.util.Set<Integer> lostAttempts = new java.util.HashSet<>();

        Relay(Progress progress, long heartbeat) {
            this.progress = progress;
            this.heartbeat = heartbeat;
        }

        void look(Optional<PendingActivityInfo> pending) {
            if (pending.isEmpty()) {
                return;
            }
            PendingActivityInfo info = pending.get();
            if (hostAttempt > 0 && info.getAttempt() > hostAttempt) {
                String failure = info.hasLastFailure() ? info.getLastFailure().getMessage() : "";
                lost(failure.isBlank() ? "no heartbeat within " + heartbeat + " s: the host died or was cut off" : failure);
            }
            if (!info.hasHeartbeatDetails()) {
                return;
            }
            HostProgress beat = converter.fromPayloads(0, Optional.of(info.getHeartbeatDetails()), HostProgress.class,
                    HostProgress.class);
            if (beat == null || beat.hostAttempt() < hostAttempt) {
                return; // the details of a dispatch already relayed (Temporal keeps them for the next one)
            }
            assigned(beat.host(), beat.hostAttempt(), beat.events());
            beat.events().forEach(this::relay);
        }

        void finish(RemoteResult done) {
            if (done.hostAttempt() > hostAttempt && hostAttempt > 0) {
                lost("no heartbeat within " + heartbeat + " s: the host died or was cut off");
            }
            assigned(done.host(), done.hostAttempt(), done.events());
            done.events().forEach(this::relay);
        }

        /** A new dispatch: the lost one it reports (its first event) is told before the host it went to. */
        private void assigned(String name, int attempt, java.util.List<RemoteResult.HostEvent> events) {
            if (attempt == hostAttempt) {
                return;
            }
            host = name;
            hostAttempt = attempt;
            relayed = -1;
            if (!events.isEmpty() && events.get(0).kind().equals("host_lost")) {
                relay(events.get(0));
            }
            progress.event(WorkerEventKind.HOST_ASSIGNED.wire(),
                    payload(new WorkerEventPayload.HostAssigned(name, attempt, settings.taskQueue())), attempt + ":assigned");
        }

        private void lost(String reason) {
            if (host == null || !lostAttempts.add(hostAttempt)) {
                return;
            }
            progress.event(WorkerEventKind.HOST_LOST.wire(),
                    payload(new WorkerEventPayload.HostLost(host, hostAttempt, reason)), hostAttempt + ":lost");
            host = null;
        }

        private void relay(RemoteResult.HostEvent event) {
            if (event.index() > relayed && event.payload() instanceof ObjectNode payload) {
                relayed = event.index();
                boolean lostOne = event.kind().equals(WorkerEventKind.HOST_LOST.wire());
                int lostAttempt = lostOne ? lostAttempt(payload) : 0;
                if (lostOne && !lostAttempts.add(lostAttempt)) {
                    return; // seen here already, while it happened
                }
                progress.event(event.kind(), payload, lostOne ? lostAttempt + ":lost" : hostAttempt + ":" + event.index());
            }
        }

        private static ObjectNode payload(WorkerEventPayload payload) {
            return (ObjectNode) Json.toNode(payload);
        }

        /** Which dispatch a relayed host_lost names (0 when it names none). */
        private static int lostAttempt(ObjectNode payload) {
            Integer attempt = Json.convert(payload, WorkerEventPayload.HostLost.class).hostAttempt();
            return attempt == null ? 0 : attempt;
        }
    }
}
