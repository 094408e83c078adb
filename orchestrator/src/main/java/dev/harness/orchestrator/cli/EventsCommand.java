package dev.harness.orchestrator.cli;

import dev.harness.api.run.LoggedEvent;
import dev.harness.api.run.RunEvent;
import dev.harness.api.run.RunEventCodec;
import dev.harness.api.worker.UsageTotal;
import dev.harness.api.worker.WorkerEventKind;
import dev.harness.api.worker.WorkerEventPayload;
import dev.harness.orchestrator.ExitCode;
import dev.harness.orchestrator.render.EventTable;
import dev.harness.orchestrator.runlog.EventQuery;
import dev.harness.orchestrator.runlog.OutputSnapshot;
import java.util.Optional;
import dev.harness.protocol.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code events RUN_ID}: a run's events, filtered, as a table or as JSONL for jq. */
@Command(name = "events", description = "Show a run's events (a table; --json: one JSON object per line, as stored).")
public final class EventsCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_ID")
    String runId;

    @Option(names = "--kind", paramLabel = "KIND", split = ",", description = "Only these kinds (repeat or comma-separate).")
    List<String> kinds = new ArrayList<>();

    @Option(names = "--task", paramLabel = "TASK_ID", description = "Only events of this task.")
    String task;

    @Option(names = "--worker", paramLabel = "WORKER_ID", description = "Only events of this worker.")
    String worker;

    @Option(names = "--since", paramLabel = "TIME", description = "Only events at or after TIME (ISO-8601, a date, or 10m, 2h ago).")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Only events before TIME.")
    String until;

    @ParentCommand
    RunInvocation parent;

    @Spec
    CommandSpec spec;

    /** The sum of the usage_recorded events among {@code events}. */
    static UsageTotal usageOf(List<LoggedEvent> events) {
        UsageTotal total = UsageTotal.NONE;
        for (LoggedEvent event : events) {
            if (event.event() instanceof RunEvent.WorkerEventRelayed relayed && relayed.workerKind() == WorkerEventKind.USAGE_RECORDED) {
                total = total.plus(readable(relayed));
            }
        }
        return total;
    }

    /** The event's usage; null (adds nothing) when its payload cannot be read: the table shows it as it is. */
    private static WorkerEventPayload.UsageRecorded readable(RunEvent.WorkerEventRelayed relayed) {
        try {
            return (WorkerEventPayload.UsageRecorded) relayed.details();
        } catch (IllegalArgumentException unreadable) {
            return null;
        }
    }

    /** Every kind the suite writes (the orchestrator's and the relayed workers'), and any other this run's log holds. */
    private void refuseUnknownKinds(RunLookup.Place place) {
        java.util.Set<String> known = suiteKinds();
        if (EventQuery.unknownKinds(kinds, known).isEmpty()) {
            return;
        }
        place.read().events().forEach(e -> known.add(e.kind())); // a later version's kind, read by this one
        List<String> unknown = EventQuery.unknownKinds(kinds, known);
        if (!unknown.isEmpty()) {
            throw RunInvocation.usageError(spec, "--kind: no such event kind: " + String.join(", ", unknown)
                    + " (a kind or a prefix ending in *, e.g. task_*); the kinds are: " + String.join(", ", known));
        }
    }

    @Override
    public Integer call() {
        CommonOptions c = parent.commonOptions();
        EventQuery query = query(kinds, task, worker);
        Instant now = Instant.now();
        try {
            if (since != null) {
                query = query.since(EventQuery.parseTime(since, now));
            }
            if (until != null) {
                query = query.until(EventQuery.parseTime(until, now));
            }
        } catch (IllegalArgumentException e) {
            throw RunInvocation.usageError(spec, "--since/--until: " + e.getMessage());
        }
        RunLookup.Place place = RunLookup.locate(c, runId);
        refuseUnknownKinds(place);
        // times are resolved first, so a relative --since never matches an earlier answer
        QuickAnswer.Answer answer = answer(place, query, c.json, task, worker, kinds);
        System.err.print(answer.err());
        System.err.flush();
        System.out.print(answer.out());
        System.out.flush();
        return ExitCode.SUCCESS.code();
    }

    /** Whether every kind asked for is one the suite writes (else the log's own kinds decide: the command line's). */
    /** The query of {@code --kind}, {@code --task} and {@code --worker}: the one both this command and QuickAnswer ask. */
    static EventQuery query(List<String> kinds, String task, String worker) {
        EventQuery query = EventQuery.all();
        if (!kinds.isEmpty()) {
            query = query.kinds(kinds);
        }
        if (task != null) {
            query = query.task(task);
        }
        if (worker != null) {
            query = query.worker(worker);
        }
        return query;
    }

    static boolean knownKinds(List<String> kinds) {
        return EventQuery.unknownKinds(kinds, suiteKinds()).isEmpty();
    }

    private static java.util.Set<String> suiteKinds() {
        java.util.Set<String> known = new java.util.TreeSet<>();
        for (dev.harness.api.run.RunEventKind kind : dev.harness.api.run.RunEventKind.values()) {
            known.add(kind.wire());
        }
        for (dev.harness.api.worker.WorkerEventKind kind : dev.harness.api.worker.WorkerEventKind.values()) {
            known.add(kind.wire());
        }
        return known;
    }

    /** What events printed last time for {@code query} and the log as it is now, if kept; else empty. */
    static Optional<QuickAnswer.Answer> kept(RunLookup.Place place, EventQuery query, boolean json, String task, String worker,
                                             List<String> kinds) {
        String view = QuickAnswer.eventsView(json, task, worker, query.sinceInstant(), query.untilInstant(), kinds);
        return OutputSnapshot.Key.of(place.dir()).flatMap(k -> kept(place, k, view));
    }

    private static Optional<QuickAnswer.Answer> kept(RunLookup.Place place, OutputSnapshot.Key key, String view) {
        Optional<OutputSnapshot.Kept> kept = OutputSnapshot.EVENTS.read(place.dir(), key);
        Optional<String> keptOut = kept.flatMap(k -> k.view(view));
        Optional<String> keptErr = kept.flatMap(k -> k.view(view + " stderr"));
        return keptOut.isPresent() && keptErr.isPresent()
                ? Optional.of(new QuickAnswer.Answer(keptOut.get(), keptErr.get(), true)) : Optional.empty();
    }

    /**
     * What events prints for {@code query} (QuickAnswer's too, without the command line): an unchanged log
     * answers the same query with what it printed last time (OutputSnapshot); else the log is read and the
     * answer kept.
     */
    static QuickAnswer.Answer answer(RunLookup.Place place, EventQuery query, boolean json, String task, String worker,
                                     List<String> kinds) {
        String view = QuickAnswer.eventsView(json, task, worker, query.sinceInstant(), query.untilInstant(), kinds);
        Optional<OutputSnapshot.Key> key = OutputSnapshot.Key.of(place.dir());
        Optional<QuickAnswer.Answer> kept = key.flatMap(k -> kept(place, k, view));
        if (kept.isPresent()) {
            return kept.get();
        }
        RunLookup found = place.read();
        StringBuilder err = new StringBuilder();
        for (String warning : found.warnings()) {
            err.append("orchestrator: warning: ").append(warning).append(System.lineSeparator());
        }
        List<LoggedEvent> selected = query.apply(found.events());
        if (selected.isEmpty() && !kinds.isEmpty()) {
            // a misspelt kind looks exactly like "nothing happened": say which kinds this run has
            java.util.Set<String> present = new java.util.TreeSet<>();
            found.events().forEach(e -> present.add(e.kind()));
            err.append("orchestrator: no event matched --kind " + String.join(",", kinds)
                    + "; this run's kinds are: " + String.join(", ", present)).append(System.lineSeparator());
        }
        StringBuilder out = new StringBuilder();
        if (json) {
            for (LoggedEvent event : selected) {
                out.append(Json.write(RunEventCodec.toJson(event))).append('\n');
            }
        } else {
            out.append(new EventTable().render(selected));
            UsageTotal used = usageOf(selected);
            if (!used.isEmpty()) {
                out.append("Usage of the attempts shown: ").append(used.describe()).append(System.lineSeparator());
            }
        }
        if (key.isPresent()) {
            java.util.Map<String, String> views = new java.util.LinkedHashMap<>();
            views.put(view, out.toString());
            views.put(view + " stderr", err.toString());
            OutputSnapshot.EVENTS.keep(place.dir(), key.get(), null, views);
        }
        return new QuickAnswer.Answer(out.toString(), err.toString());
    }
}
