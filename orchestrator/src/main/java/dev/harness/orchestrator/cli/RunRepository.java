package dev.harness.orchestrator.cli;

import dev.harness.api.run.LoggedEvent;
import dev.harness.api.run.RunEvent;
import dev.harness.orchestrator.OrchestratorException;
import dev.harness.orchestrator.integration.GitCli;
import dev.harness.orchestrator.integration.IntegrationJournal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A run found by id, its integration journal and the git repository its branches live in. */
record RunRepository(RunLookup run, IntegrationJournal journal, GitCli git) {
    static RunRepository find(CommonOptions common, String runId) {
        RunLookup found = RunLookup.find(common, runId);
        List<LoggedEvent> events = IntegrationJournal.events(found.dir().eventsFile());
        IntegrationJournal journal = IntegrationJournal.of(events);
        // the run's own record of its workspace wins: the command may be given from anywhere
        Path workspace = events.stream().map(LoggedEvent::event).filter(RunEvent.RunStarted.class::isInstance)
                .map(e -> ((RunEvent.RunStarted) e).workspace()).filter(w -> w != null && Files.isDirectory(Path.of(w)))
                .map(Path::of).findFirst().orElse(found.workspace());
        Path top = GitCli.topLevel(workspace);
        if (top == null) {
            throw OrchestratorException.usage("The workspace of run " + runId + " (" + workspace + ") is not a git repository;"
                    + " the run has no branches.");
        }
        return new RunRepository(found, journal, new GitCli(top));
    }
}
