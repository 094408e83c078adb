package dev.harness.worker.lifecycle;

import dev.harness.protocol.process.Cancellation;

/**
 * Lets cancel_worker and SIGTERM reach the attempt running right now. Marking (under the worker's
 * monitor) stops the attempt from recording anything more; {@link #stop} (outside it: it waits for
 * the tree to die) kills the running child and every descendant, double-forked ones included.
 */
public final class CancelToken {
    private final Cancellation cancellation = new Cancellation();
    private boolean marked;

    public synchronized boolean isCancelled() {
        return marked || cancellation.isCancelled();
    }

    /** From now on the attempt counts as cancelled (cheap; call it holding the worker's monitor). */
    synchronized void mark() {
        marked = true;
    }

    /** Kills the running child's whole tree (TERM, grace, KILL) and keeps new ones from starting. */
    public void stop() {
        mark();
        cancellation.cancel();
    }

    public Cancellation cancellation() {
        return cancellation;
    }
}
