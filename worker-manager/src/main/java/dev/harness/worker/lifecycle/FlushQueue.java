package dev.harness.worker.lifecycle;

import dev.harness.protocol.Log;
import dev.harness.protocol.fs.AtomicFile;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Forces replaced record files to the device on a thread of its own, so the thread that saved one
 * (the request thread, a worker's) answers without waiting for the disk (issue 15: five forced
 * saves a task, each a file and a directory fsync, cost more than the rest of a short task).
 *
 * <p>A record is renamed into place before it is added here, so a crash of the process loses
 * nothing that was answered: the page cache holds it. Only a power cut in the few milliseconds
 * until its flush may bring back the record's previous whole version. A worker's record is one
 * file replaced whole, so a flush always forces its newest version and what is on the device never
 * goes back to an older state. Files added while a batch is forced go in the next batch; a batch's
 * directories are forced once each after its files (group commit).
 */
final class FlushQueue {
    /** How a file and a directory are forced to the device (tests count and hold them). */
    interface Device {
        void force(Path file) throws IOException;

        void forceDirectory(Path dir) throws IOException;

        /** The device itself, through protocol's one copy of forcing a file and a directory. */
        Device FSYNC = new Device() {
            @Override
            public void force(Path file) throws IOException {
                AtomicFile.force(file);
            }

            @Override
            public void forceDirectory(Path dir) throws IOException {
                AtomicFile.forceDirectory(dir);
            }
        };
    }

    /** The thread ends after this long without work and is started again by the next file. */
    private static final long IDLE_MS = 5_000;

    private final Device device;
    private final Object lock = new Object();
    private final Set<Path> pending = new LinkedHashSet<>();
    /** Files added so far, and how many of them are on the device: {@link #awaitFlushed} waits for the one to reach the other. */
    private long added;
    private long flushed;
    private Thread thread;

    FlushQueue(Device device) {
        this.device = device;
    }

    /** Queues the file (just renamed into place) to be forced, with its directory. */
    void add(Path file) {
        synchronized (lock) {
            pending.add(file);
            added++;
            if (thread == null) {
                thread = new Thread(this::run, "record-flush");
                thread.setDaemon(true); // a manager that exits without finish() loses only what a power cut would
                thread.start();
            }
            lock.notifyAll();
        }
    }

    /** Returns once every file added before this call has been forced (or its failure logged). */
    void awaitFlushed() {
        boolean interrupted = false;
        synchronized (lock) {
            long target = added;
            while (flushed < target) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    interrupted = true; // finish the wait: the caller is about to exit and wants the records down
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (true) {
            List<Path> batch;
            long upTo;
            synchronized (lock) {
                if (pending.isEmpty()) {
                    try {
                        lock.wait(IDLE_MS);
                    } catch (InterruptedException e) {
                        // never interrupted by this code; re-check the queue
                    }
                    if (pending.isEmpty()) {
                        thread = null; // idle: the next add starts a new one
                        return;
                    }
                }
                batch = new ArrayList<>(pending);
                pending.clear();
                upTo = added;
            }
            try {
                forceAll(batch);
            } catch (Throwable failure) { // e.g. out of memory: the waiters are still released, the thread goes on
                Log.error("cannot force worker records to the device", failure);
            }
            synchronized (lock) {
                flushed = upTo;
                lock.notifyAll();
            }
        }
    }

    private void forceAll(List<Path> files) {
        Set<Path> dirs = new LinkedHashSet<>();
        for (Path file : files) {
            try {
                device.force(file);
            } catch (NoSuchFileException gone) {
                // removed since: nothing of it to keep
            } catch (IOException | RuntimeException e) {
                Log.warn("cannot force " + file + " to the device: " + e.getMessage());
            }
            dirs.add(file.toAbsolutePath().getParent());
        }
        for (Path dir : dirs) {
            try {
                device.forceDirectory(dir);
            } catch (IOException | RuntimeException e) {
                Log.warn("cannot force the directory " + dir + " to the device: " + e.getMessage());
            }
        }
    }
}
