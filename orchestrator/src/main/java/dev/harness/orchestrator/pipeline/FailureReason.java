package dev.harness.orchestrator.pipeline;

import dev.harness.api.worker.Evidence;
import dev.harness.api.worker.WorkerSnapshot;

/** The one line a person reads about why a worker stopped. */
final class FailureReason {
    private FailureReason() {}

    /**
     * The failure's own summary first, then the classifier's evidence (the snapshot's, else the
     * last failure_classified event's), else the state the worker ended in.
     */
    static String of(WorkerSnapshot snapshot, Evidence lastClassified) {
        String reason = firstNonBlank(snapshot.failureSummary(),
                snapshot.evidence() == null ? null : snapshot.evidence().detail(),
                lastClassified == null ? null : lastClassified.detail());
        return reason == null ? "the worker ended in state " + snapshot.state().wire() : oneLine(reason);
    }

    private static String firstNonBlank(String... texts) {
        for (String text : texts) {
            if (text != null && !text.isBlank()) {
                return text;
            }
        }
        return null;
    }

    /** Line breaks as " | ", at most 200 characters. */
    static String oneLine(String text) {
        String line = text.strip().replaceAll("\\s*\\R\\s*", " | ");
        return line.length() > 200 ? line.substring(0, 197) + "..." : line;
    }
}
