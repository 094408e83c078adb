package dev.harness.orchestrator.runlog;

import java.nio.file.Path;

/** A line of events.jsonl is not a valid event; the reader refuses rather than guesses. */
public final class CorruptLogException extends RunLogException {
    private final Path file;
    private final long lineNumber;
    private final String reason;

    public CorruptLogException(Path file, long lineNumber, String reason) {
        super(file + ":" + lineNumber + ": corrupt event log line: " + reason);
        this.file = file;
        this.lineNumber = lineNumber;
        this.reason = reason;
    }

    public Path getFile() {
        return file;
    }

    public long getLineNumber() {
        return lineNumber;
    }

    public String getReason() {
        return reason;
    }
}
