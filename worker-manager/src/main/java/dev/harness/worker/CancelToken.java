package dev.harness.worker;

import java.time.Duration;
import java.util.Optional;

/** Lets cancel_worker and SIGTERM reach the process an attempt is running right now. */
final class CancelToken {
    private boolean cancelled;
    private Process current;

    synchronized boolean isCancelled() {
        return cancelled;
    }

    /** Records the running process; false (and the process killed) if cancellation came first. */
    boolean attach(Process process, Duration grace) {
        synchronized (this) {
            if (!cancelled) {
                current = process;
                return true;
            }
        }
        ProcessTree.kill(process.toHandle(), grace);
        return false;
    }

    synchronized void detach(Process process) {
        if (current == process) {
            current = null;
        }
    }

    /** Marks cancelled; returns the process to kill, if one is running. */
    synchronized Optional<ProcessHandle> cancel() {
        cancelled = true;
        return Optional.ofNullable(current).map(Process::toHandle);
    }
}
