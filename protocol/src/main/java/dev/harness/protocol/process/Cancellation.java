package dev.harness.protocol.process;

import java.util.ArrayList;
import java.util.List;

/**
 * Lets another thread (a cancel request, SIGTERM) stop a child that is running right now:
 * {@link ChildProcess#run()} registers itself while the child runs and kills the whole tree when
 * {@link #cancel()} is called. Cancelling before the child starts means it is never started.
 */
public final class Cancellation {
    private final List<Runnable> listeners = new ArrayList<>();
    private boolean cancelled;

    public void cancel() {
        List<Runnable> toRun;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            toRun = List.copyOf(listeners);
            listeners.clear();
        }
        toRun.forEach(Runnable::run);
    }

    public synchronized boolean isCancelled() {
        return cancelled;
    }

    /** Registers {@code onCancel}; false (and nothing registered) when already cancelled. */
    synchronized boolean register(Runnable onCancel) {
        if (cancelled) {
            return false;
        }
        listeners.add(onCancel);
        return true;
    }

    synchronized void unregister(Runnable onCancel) {
        listeners.remove(onCancel);
    }
}
