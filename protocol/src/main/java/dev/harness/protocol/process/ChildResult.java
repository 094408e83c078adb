package dev.harness.protocol.process;

import java.time.Duration;

/** How a child run by {@link ChildProcess} ended; each kind carries what was captured of its output. */
public sealed interface ChildResult {
    Captured stdout();

    /** Empty when stderr was merged into stdout. */
    Captured stderr();

    long durationMs();

    /** Exited with status 0. */
    default boolean ok() {
        return this instanceof Exited exited && exited.code() == 0;
    }

    /** The exit status, or -1 when the child did not exit by itself (timed out, cancelled, never started). */
    default int exitCode() {
        return this instanceof Exited exited ? exited.code() : -1;
    }

    /** One short sentence for a log or an error message. */
    String describe();

    /** The child exited by itself (a signal's death counts: its status is 128 + the signal number). */
    record Exited(int code, Captured stdout, Captured stderr, long durationMs) implements ChildResult {
        @Override
        public String describe() {
            return "exited with status " + code;
        }
    }

    /** The child did not exit within the timeout; its whole tree was killed. */
    record TimedOut(Duration timeout, Captured stdout, Captured stderr, long durationMs) implements ChildResult {
        @Override
        public String describe() {
            return "did not finish within " + timeout.toMillis() + " ms and was killed";
        }
    }

    /** Cancelled (or our thread interrupted) while it ran; its whole tree was killed. */
    record Cancelled(Captured stdout, Captured stderr, long durationMs) implements ChildResult {
        @Override
        public String describe() {
            return "was cancelled";
        }
    }

    /** The program was not found or could not be executed. */
    record NotStarted(String reason) implements ChildResult {
        @Override
        public Captured stdout() {
            return Captured.EMPTY;
        }

        @Override
        public Captured stderr() {
            return Captured.EMPTY;
        }

        @Override
        public long durationMs() {
            return 0;
        }

        @Override
        public String describe() {
            return reason;
        }
    }
}
