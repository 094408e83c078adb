package dev.harness.orchestrator.runlog;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.harness.api.run.RunStatus;
import dev.harness.api.worker.UsageTotal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * One line of {@code orchestrator runs}: id, objective, status, start, task counts, what it used. A run whose log
 * cannot be read has a {@code problem} (and PLANNED with zero counts), so listing never fails on it.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class) // same field names as the event log
public record RunSummary(String runId, String objective, RunStatus status, Instant started, int total,
                         int completed, int failed, int skipped, Path path, String problem, UsageTotal usage) {

    public static RunSummary of(RunState state, RunDirectory dir) {
        return new RunSummary(dir.runId(), state.objective(), liveStatus(state, dir), state.startedAt().orElse(null),
                state.taskCount(), state.completedCount(), state.failedCount(), state.skippedCount(),
                dir.path(), null, state.usage());
    }

    /**
     * The run's status as a person should see it: a log that says running while no orchestrator
     * holds the run's writer lock belongs to an orchestrator that is gone, so the run is interrupted.
     */
    public static RunStatus liveStatus(RunState state, RunDirectory dir) {
        return state.status() == RunStatus.RUNNING ? state.status(EventLog.writerActive(dir)) : state.status();
    }

    /**
     * The run's summary from its snapshot alone, if one holds for the log as it is now (the writer's
     * liveness asked anew); empty when the log would have to be read (QuickAnswer then leaves it to runs).
     */
    public static Optional<RunSummary> kept(RunDirectory dir) {
        return SummarySnapshot.LogStamp.of(dir.eventsFile()).flatMap(stamp -> SummarySnapshot.find(dir, stamp)).map(s -> {
            RunStatus status = s.loggedStatus() == RunStatus.RUNNING && !EventLog.writerActive(dir)
                    ? RunStatus.INTERRUPTED : s.loggedStatus(); // as RunState#status(boolean)
            return new RunSummary(dir.runId(), s.objective(), status, s.startedAt(), s.total(), s.completed(),
                    s.failed(), s.skipped(), dir.path(), null, s.usage());
        });
    }

    /**
     * Reads the run's log (a torn last line is tolerated, as resume would) and summarises it; a log
     * unchanged since it was last summarised is not replayed again ({@link SummarySnapshot}).
     */
    public static RunSummary read(RunDirectory dir) {
        Optional<SummarySnapshot.LogStamp> before = SummarySnapshot.LogStamp.of(dir.eventsFile());
        Optional<RunSummary> kept = kept(dir);
        if (kept.isPresent()) {
            return kept.get();
        }
        RunState state;
        try {
            state = RunState.rebuild(EventLogReader.read(dir.eventsFile(), true).events());
        } catch (RunLogException e) {
            return new RunSummary(dir.runId(), null, RunStatus.PLANNED, null, 0, 0, 0, 0, dir.path(),
                    e.getMessage(), UsageTotal.NONE);
        }
        // kept only if the log did not change while it was read: otherwise the stamp would not match what was read
        if (before.isPresent() && before.equals(SummarySnapshot.LogStamp.of(dir.eventsFile()))) {
            SummarySnapshot.of(before.get(), state).keep(dir);
        }
        return of(state, dir);
    }

    public Optional<String> problemText() {
        return Optional.ofNullable(problem);
    }
}
