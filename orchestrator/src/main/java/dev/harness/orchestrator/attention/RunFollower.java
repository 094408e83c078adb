package dev.harness.orchestrator.attention;

import dev.harness.api.run.LoggedEvent;
import dev.harness.api.run.RunStatus;
import dev.harness.orchestrator.runlog.EventLogReader;
import dev.harness.orchestrator.runlog.RunDirectory;
import dev.harness.orchestrator.runlog.RunState;
import dev.harness.orchestrator.runlog.RunSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

/**
 * Follows one run's events.jsonl, whoever writes it (this process, another terminal's, a resume the
 * dashboard started): the log is read again through {@link EventLogReader} only when its size or
 * time changed (a torn last line is a write in progress, so it is left for the next look).
 */
public final class RunFollower {
    private final RunDirectory dir;
    private long seenSize = -1;
    private FileTime seenTime;
    private List<LoggedEvent> events = List.of();
    private RunState state;

    public RunFollower(RunDirectory dir) {
        this.dir = dir;
    }

    public RunDirectory dir() {
        return dir;
    }

    /** Reads the log again if it changed; true when it did. */
    public boolean refresh() {
        long size;
        FileTime time;
        try {
            size = Files.size(dir.eventsFile());
            time = Files.getLastModifiedTime(dir.eventsFile());
        } catch (IOException e) {
            return false; // not there yet, or moved: the next look tells
        }
        if (size == seenSize && time.equals(seenTime) && state != null) {
            return false;
        }
        events = EventLogReader.read(dir.eventsFile(), true).events();
        state = RunState.rebuild(events);
        seenSize = size;
        seenTime = time;
        return true;
    }

    public List<LoggedEvent> events() {
        return events;
    }

    public RunState state() {
        if (state == null) {
            refresh();
        }
        return state == null ? RunState.rebuild(List.of()) : state;
    }

    /** The status a person should see (a dead writer's "running" is interrupted). */
    public RunStatus status() {
        return RunSummary.liveStatus(state(), dir);
    }

    public RunView view(Instant now) {
        RunState current = state();
        return RunView.of(events, current, RunSummary.liveStatus(current, dir), now);
    }

    /** Nothing more happens to the run without a person: it ended, or nobody runs it any more. */
    public static boolean over(RunStatus status) {
        return status.isTerminal() || status == RunStatus.INTERRUPTED;
    }
}
