package dev.harness.orchestrator.cli;

import dev.harness.api.run.LoggedEvent;
import dev.harness.orchestrator.index.RunIndex;
import dev.harness.orchestrator.render.CommandName;
import dev.harness.orchestrator.runlog.EventLogReader;
import dev.harness.orchestrator.runlog.RunDirectory;
import dev.harness.orchestrator.runlog.RunLogException;
import dev.harness.orchestrator.runlog.UnknownRunException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds a run by id — under the workspace's state directory, else through the person's run index
 * (so {@code status RUN} works from any directory) — and reads its log (strictly, but for a torn
 * last line). An unknown id names every place it looked.
 */
record RunLookup(Path workspace, Path stateDir, RunDirectory dir, List<LoggedEvent> events, List<String> warnings) {
    static RunLookup find(CommonOptions common, String runId) {
        return locate(common, runId).read();
    }

    /** Where a run is, before its log is read. */
    record Place(Path workspace, Path stateDir, RunDirectory dir) {
        RunLookup read() {
            EventLogReader.Contents contents = EventLogReader.read(dir.eventsFile(), true);
            return new RunLookup(workspace, stateDir, dir, contents.events(), contents.warnings());
        }
    }

    static Place locate(CommonOptions common, String runId) {
        Path here = common.workspace != null ? common.resolvedWorkspace() : Path.of("").toAbsolutePath();
        Path stateDir = common.resolvedStateDir(here);
        RunDirectory dir;
        Path workspace = here;
        try {
            dir = RunDirectory.open(stateDir, runId);
        } catch (UnknownRunException notHere) {
            RunIndex index = RunIndex.forUser(System.getenv());
            Optional<RunIndex.Entry> entry = common.stateDir == null ? index.find(runId) : Optional.empty();
            if (entry.isEmpty()) {
                throw new RunLogException("unknown run '" + runId + "': not in " + stateDir
                        + (common.stateDir == null ? " nor in the run index " + index.dir() : "")
                        + " (list runs with `" + CommandName.current() + " runs`, or every workspace's with `" + CommandName.current() + " runs --all`)");
            }
            Path runDir = entry.get().runDirPath();
            dir = RunDirectory.open(runDir.getParent(), runId);
            stateDir = runDir.getParent();
            if (entry.get().workspace() != null && Files.isDirectory(Path.of(entry.get().workspace()))) {
                workspace = Path.of(entry.get().workspace());
            }
        }
        return new Place(workspace, stateDir, dir);
    }

    /** Records a new run in the person's index; a failure to do so costs only the lookup from elsewhere. */
    static void index(RunDirectory dir, Path workspace, String objective) {
        index(dir, workspace, objective, java.time.Instant.now());
    }

    /** Records a run (a new one, or one resumed: written again, with when it started). */
    static void index(RunDirectory dir, Path workspace, String objective, java.time.Instant started) {
        try {
            RunIndex.forUser(System.getenv()).record(new RunIndex.Entry(dir.runId(), dir.path().toString(),
                    workspace.toString(), objective, started.toString()));
        } catch (java.io.IOException | RuntimeException e) {
            System.err.println("orchestrator: warning: run " + dir.runId() + " is not in the run index ("
                    + e.getMessage() + "); use -C " + workspace + " to find it later");
        }
    }
}
