package dev.harness.orchestrator.integration;

import dev.harness.api.run.LoggedEvent;
import dev.harness.orchestrator.runlog.EventLogReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** How integration reads the run's log: every event, typed, as the log's one reader binds it. */
final class IntegrationEvents {
    private IntegrationEvents() {}

    /**
     * Every complete event of the run's log; none when there is no log yet. A torn last line (a
     * kill mid-write) is left out without a warning: integration reads the log it is writing.
     */
    static List<LoggedEvent> read(Path eventsFile) {
        if (!Files.exists(eventsFile)) {
            return List.of();
        }
        return EventLogReader.read(eventsFile, true).events();
    }
}
