package dev.harness.bootstrap;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.Json;
import java.util.ArrayList;
import java.util.List;

/** What a phase's work found, built up while it runs: diagnostics, artifacts, the files it read. */
public final class PhaseOutcome {
    private boolean success = true;
    private final List<String> diagnostics = new ArrayList<>();
    private final ObjectNode artifacts = Json.object();
    private final InputFiles inputs = new InputFiles();

    /** A problem that does not stop the phase. */
    public void warn(String diagnostic) {
        diagnostics.add(diagnostic);
    }

    /** A problem that makes the phase fail. */
    public void fail(String diagnostic) {
        success = false;
        diagnostics.add(diagnostic);
    }

    public boolean success() {
        return success;
    }

    public List<String> diagnostics() {
        return diagnostics;
    }

    public ObjectNode artifacts() {
        return artifacts;
    }

    public InputFiles inputs() {
        return inputs;
    }
}
