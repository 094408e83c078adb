package dev.harness.protocol.fs;

import java.io.IOException;

/**
 * One force to the device for every writer that asked before it began (group commit): writers that
 * rename files into one directory at the same time (a worker manager's lanes, each making a worker's
 * state change durable before acknowledging it) share one directory fsync instead of queueing one
 * each behind the other. {@link #commit} returns only after a force that began after the call did
 * has completed, so whatever the caller renamed before calling is durable when it returns; a force
 * that fails is reported to the writer that ran it and the next writer forces again.
 */
public final class GroupCommit {
    /** The force itself (a directory's fsync). */
    @FunctionalInterface
    public interface Force {
        void force() throws IOException;
    }

    private final Force force;
    /** Held while forcing: one force at a time, the next one covering everyone who asked meanwhile. */
    private final Object forcing = new Object();
    private long requested; // guarded by this
    private long durable; // guarded by forcing

    public GroupCommit(Force force) {
        this.force = force;
    }

    public void commit() throws IOException {
        long mine = request();
        synchronized (forcing) {
            if (durable >= mine) {
                return; // a force that began after this call covered it
            }
            long upTo = requested();
            force.force();
            durable = upTo;
        }
    }

    private synchronized long request() {
        return ++requested;
    }

    /** How many commits were asked for so far (the tests wait for writers to queue). */
    synchronized long requested() {
        return requested;
    }
}
