package dev.harness.orchestrator.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.orchestrator.runlog.EventLogReader;
import dev.harness.orchestrator.runlog.RunDirectory;
import java.nio.file.Path;
import java.util.List;

/** Finds a run by id under the state directory and reads its log (strictly, but for a torn last line). */
record RunLookup(Path workspace, Path stateDir, RunDirectory dir, List<ObjectNode> events, List<String> warnings) {
    static RunLookup find(CommonOptions common, String runId) {
        Path workspace = common.resolvedWorkspace();
        Path stateDir = common.resolvedStateDir(workspace);
        RunDirectory dir = RunDirectory.open(stateDir, runId);
        EventLogReader.Contents contents = EventLogReader.read(dir.eventsFile(), true);
        return new RunLookup(workspace, stateDir, dir, contents.events(), contents.warnings());
    }
}
