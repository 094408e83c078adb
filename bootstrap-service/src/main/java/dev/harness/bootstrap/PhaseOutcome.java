package dev.harness.bootstrap;

import java.util.ArrayList;
import java.util.List;

/** What a phase's work found, built up while it runs: diagnostics, artifacts, the files it read. */
public final class PhaseOutcome {
    private boolean success = true;
    private final List<String> diagnostics = new ArrayList<>();
    private Artifacts artifacts;
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

    /** What the phase found (null until the phase reports it: then its artifacts are an empty object). */
    public Artifacts artifacts() {
        return artifacts;
    }

    /** The phase's artifacts, reported once at the end of its work. */
    public void report(Artifacts artifacts) {
        this.artifacts = artifacts;
    }

    public InputFiles inputs() {
        return inputs;
    }
}
