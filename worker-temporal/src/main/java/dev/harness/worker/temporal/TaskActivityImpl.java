package dev.harness.worker.temporal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.api.worker.WorkerEventKind;
import dev.harness.api.worker.WorkerEventPayload;
import dev.harness.protocol.Json;
import dev.harness.protocol.Log;
import dev.harness.worker.attempt.HostRunner;
import dev.harness.worker.remote.RemoteExecutor.RemoteFailure;
import dev.harness.worker.remote.RemoteResult;
import dev.harness.worker.remote.RemoteTask;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A worker host's activity: runs the attempt with {@link HostRunner} and heartbeats while it runs
 * (at a third of the heartbeat timeout, and on every event), each heartbeat carrying the events so
 * far. A cancelled workflow reaches the attempt through the heartbeat and stops its process tree.
 * A failure no outcome could be made for leaves as an application failure whose type is its
 * failure class, which the retry policy knows as retryable or not.
 */
public final class TaskActivityImpl implements TaskActivity {
    private final HostRunner runner;
    private final ScheduledExecutorService beats = Executors.newScheduledThreadPool(1, r -> {
        Thread t = new Thread(r, "heartbeat");
        t.setDaemon(true);
        return t;
    });

    public TaskActivityImpl(HostRunner runner) {
        this.runner = runner;
    }

    @Override
    public RemoteResult attempt(RemoteTask task) {
        ActivityExecutionContext context = Activity.getExecutionContext();
        int hostAttempt = context.getInfo().getAttempt();
        String host = runner.host().name();
        List<RemoteResult.HostEvent> events = new ArrayList<>();
        HostRunner.Stop stop = new HostRunner.Stop();
        Runnable beat = () -> {
            List<RemoteResult.HostEvent> copy;
            synchronized (events) {
                copy = List.copyOf(events);
            }
            try {
                context.heartbeat(new HostProgress(host, hostAttempt, copy));
            } catch (ActivityCompletionException e) {
                stop.stop(); // cancelled, or no longer this host's: stop the agent and the tests
            }
        };
        if (hostAttempt > 1) {
            // Temporal hands a retry the last heartbeat of the dispatch before: that host was lost
            Optional<HostProgress> before = context.getHeartbeatDetails(HostProgress.class);
            var lost = new WorkerEventPayload.HostLost(before.map(HostProgress::host).orElse("a worker host"),
                    before.map(HostProgress::hostAttempt).orElse(hostAttempt - 1), "no heartbeat within "
                    + task.heartbeatSeconds() + " s, or it failed before an outcome; dispatched again, to " + host);
            events.add(new RemoteResult.HostEvent(0, WorkerEventKind.HOST_LOST.wire(), Json.toNode(lost)));
        }
        beat.run(); // the server knows this host has the attempt before the host says so
        Log.info("attempt " + task.attempt() + " of worker " + task.workerId() + " (task " + task.taskId() + ") on "
                + host + ", dispatch " + hostAttempt);
        long every = Math.max(200, task.heartbeatSeconds() * 1000 / 3);
        var ticking = beats.scheduleAtFixedRate(beat, every, every, TimeUnit.MILLISECONDS);
        try {
            RemoteResult result = runner.run(task, hostAttempt, (String kind, ObjectNode payload) -> {
                synchronized (events) {
                    events.add(new RemoteResult.HostEvent(events.size(), kind, payload.deepCopy()));
                }
                beat.run();
            }, stop);
            Log.info("attempt " + task.attempt() + " of worker " + task.workerId() + " done on " + host
                    + (result.outcome().succeeded() ? ": its tests passed" : ": it failed"));
            synchronized (events) {
                return result.withEvents(events);
            }
        } catch (RemoteFailure e) {
            Log.warn("attempt " + task.attempt() + " of worker " + task.workerId() + " failed on " + host + ": " + e.getMessage());
            throw ApplicationFailure.newFailure(e.getMessage(), e.failureClass().wire());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApplicationFailure.newNonRetryableFailure("the attempt was stopped on " + host, "cancelled");
        } finally {
            ticking.cancel(false);
        }
    }
}
