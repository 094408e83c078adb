package dev.harness.orchestrator.runlog;

import dev.harness.api.run.RunEvent;
import dev.harness.protocol.Json;
import java.nio.file.Path;

/** A separate JVM that appends events until it is killed: stands in for an orchestrator under SIGKILL. */
public final class AppendingProcess {
    private AppendingProcess() {}

    public static void main(String[] args) {
        RunDirectory dir = RunDirectory.open(Path.of(args[0]), args[1]);
        EventLog log = EventLog.open(dir);
        for (long i = 0; ; i++) {
            log.append(new RunEvent.Unknown("worker_note", Json.object().put("i", i).put("filler", "y".repeat((int) (i % 4096)))));
        }
    }
}
