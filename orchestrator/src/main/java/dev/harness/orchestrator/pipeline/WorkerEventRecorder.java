package dev.harness.orchestrator.pipeline;

import java.util.Optional;

import dev.harness.protocol.JsonRpc;

import dev.harness.api.rpc.WorkerMethods;
import dev.harness.api.run.LoggedEvent;
import dev.harness.api.worker.WorkerEvent;
import dev.harness.api.worker.WorkerEventPayload;
import dev.harness.api.run.RunEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.harness.protocol.Json;
import dev.harness.protocol.RpcException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Appends worker-manager's worker_event notifications to the run's event log as they arrive
 * (as {@link RunEvent.WorkerEventRelayed}: kind = the worker event's kind, with its worker_event_id), remembers each worker's last classification for the
 * one-line failure reason, and shows recovery steps to the person. Each worker event is logged
 * once: one already logged (by its number within the worker) is not appended again, and on resume
 * {@link #catchUp} appends the events a worker had while no orchestrator was listening.
 */
final class WorkerEventRecorder implements Consumer<JsonNode> {
    private static final Duration CALL = Duration.ofSeconds(60);
    private static final int PAGE = 1000;

    private final RunContext ctx;
    /** The highest seq logged per worker. */
    private final Map<String, Long> lastSeq = new HashMap<>();

    WorkerEventRecorder(RunContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void accept(JsonNode message) {
        WorkerEvent event;
        try {
            Optional<WorkerEvent> relayed = JsonRpc.notificationParams(message, WorkerMethods.WORKER_EVENT, WorkerEvent.class);
            if (relayed.isEmpty()) {
                return;
            }
            event = relayed.get();
        } catch (IllegalArgumentException e) {
            ctx.console().warn("worker-manager sent a worker_event this orchestrator cannot read (not logged): "
                    + e.getMessage());
            return;
        }
        relay(event);
    }

    /**
     * For each worker the log knows, asks the worker manager for every event after the last one the
     * log holds and appends them in order, so the log's numbering of each worker has no gap. A
     * worker the manager cannot answer for is named in a worker_events_unavailable event.
     *
     * @return whether anything was appended
     */
    boolean catchUp(List<LoggedEvent> logged) {
        Map<String, RunEvent.WorkerEventRelayed> lastLogged = new LinkedHashMap<>();
        for (LoggedEvent entry : logged) {
            if (entry.event() instanceof RunEvent.WorkerEventRelayed relayed && relayed.workerId() != null) {
                lastLogged.put(relayed.workerId(), relayed);
                long seq = seqOf(relayed.workerEventId());
                if (seq >= 0) {
                    synchronized (this) {
                        lastSeq.merge(relayed.workerId(), seq, Math::max);
                    }
                }
            }
        }
        boolean appended = false;
        for (RunEvent.WorkerEventRelayed last : lastLogged.values()) {
            String workerId = last.workerId();
            long after;
            synchronized (this) {
                after = lastSeq.getOrDefault(workerId, -1L);
            }
            while (true) {
                WorkerMethods.WorkerEvents page;
                try {
                    page = ctx.services().workers().call(WorkerMethods.GET_WORKER_EVENTS,
                            new WorkerMethods.EventsParams(workerId, after, null, PAGE), CALL);
                } catch (RpcException | IllegalArgumentException e) {
                    // today's behaviour: the task is decided from what the log and get_worker say
                    ctx.log().append(new RunEvent.WorkerEventsUnavailable(last.taskId(), workerId, last.workerEventId(),
                            e.getMessage()));
                    ctx.console().warn("the events worker " + workerId + " had after " + last.workerEventId()
                            + " cannot be fetched (" + e.getMessage() + "); the log may miss some of them");
                    break;
                }
                for (WorkerEvent event : page.events()) {
                    appended |= relay(event);
                }
                if (page.complete() || page.events().isEmpty() || page.nextAfterSeq() <= after) {
                    break;
                }
                after = page.nextAfterSeq();
            }
        }
        return appended;
    }

    /** Logs one worker event unless it is already logged; false when it was. */
    private synchronized boolean relay(WorkerEvent event) {
        String workerId = event.workerId();
        long seq = event.seq() != null ? event.seq() : seqOf(event.eventId());
        if (seq >= 0) {
            Long last = lastSeq.get(workerId);
            if (last != null && seq <= last) {
                return false;
            }
            lastSeq.put(workerId, seq);
        }
        ctx.log().append(RunEvent.WorkerEventRelayed.of(event));
        WorkerEventPayload details;
        try {
            details = event.details();
        } catch (IllegalArgumentException e) {
            // logged as it came; only what this orchestrator remembers and shows from it is lost
            ctx.console().warn("worker " + workerId + " sent a " + event.kind().wire() + " event this orchestrator cannot read: "
                    + e.getMessage());
            return true;
        }
        if (details instanceof WorkerEventPayload.FailureClassified classified) {
            ctx.rememberFailure(workerId, classified.evidence());
        } else if (details instanceof WorkerEventPayload.AcceptanceTestResult result) {
            ctx.rememberCheck(workerId, result.result());
        } else if (details instanceof WorkerEventPayload.AttemptStarted) {
            ctx.forgetCheck(workerId);
        } else if (details instanceof WorkerEventPayload.RecoveryEscalation escalation) {
            ctx.rememberEscalation(event.taskId(), escalation.allowedDecisions());
        } else if (details instanceof WorkerEventPayload.UsageRecorded usage) {
            ctx.spend().record(event.taskId(), usage);
        }
        ctx.console().workerEvent(event.taskId(), details, event.attempt() == null ? 0 : event.attempt());
        return true;
    }

    /** The seq in an event_id WORKER:SEQ; -1 when it has none. */
    static long seqOf(String eventId) {
        if (eventId == null) {
            return -1;
        }
        int colon = eventId.lastIndexOf(':');
        try {
            return Long.parseLong(eventId.substring(colon + 1));
        } catch (NumberFormatException e) {
            return -1; // not numbered the worker manager's way: never de-duplicated
        }
    }
}
