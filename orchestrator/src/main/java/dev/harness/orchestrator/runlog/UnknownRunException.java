package dev.harness.orchestrator.runlog;

import dev.harness.orchestrator.render.CommandName;
import java.nio.file.Path;

/** No run with this id exists under the state directory. */
public final class UnknownRunException extends RunLogException {
    private final String runId;
    private final Path stateDir;

    public UnknownRunException(String runId, Path stateDir, String why) {
        super("unknown run '" + runId + "' in " + stateDir + ": " + why
                + " (list the runs there with `" + CommandName.current() + " runs`)");
        this.runId = runId;
        this.stateDir = stateDir;
    }

    public String runId() {
        return runId;
    }

    public Path stateDir() {
        return stateDir;
    }
}
