package dev.harness.orchestrator.pipeline;

import dev.harness.orchestrator.ExitCode;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The orchestrator was asked to stop (SIGINT, SIGTERM). Once set, no new task starts and the
 * running workers are cancelled through the worker manager, which kills their process trees; the
 * pipeline then logs {@code run_interrupted} and ends with 130 or 143, and {@code resume} continues
 * the run where it stopped.
 */
public final class Interruption {
    /** The signals handled, with the exit code a shell expects after each (128 + signal number). */
    public enum Signal {
        INT(ExitCode.INTERRUPTED),
        TERM(ExitCode.TERMINATED);

        private final ExitCode exit;

        Signal(ExitCode exit) {
            this.exit = exit;
        }

        public ExitCode exitCode() {
            return exit;
        }

        public String displayName() {
            return "SIG" + name();
        }
    }

    private final AtomicReference<Signal> signal = new AtomicReference<>();
    /** Workers running now, by id, with how to cancel each (the task that drives it registers it). */
    private final Map<String, Consumer<String>> running = new ConcurrentHashMap<>();

    /** Set once the run's final event (execution_complete) is written; guarded by this. */
    private boolean ended;

    /**
     * Writes the run's final event and marks the run ended, together: a signal after it records no
     * interruption (the run completed), and one before it is recorded before the final event.
     */
    public synchronized void end(Runnable finalEvent) {
        finalEvent.run();
        ended = true;
    }

    /** Records an interruption (run_interrupted, and how to resume) unless the run has ended; whether it did. */
    public synchronized boolean recordUnlessEnded(Runnable record) {
        if (ended) {
            return false;
        }
        record.run();
        return true;
    }

    /** Records the signal; false when one was already received (a second Ctrl-C). */
    public boolean request(Signal received) {
        return signal.compareAndSet(null, received);
    }

    public boolean requested() {
        return signal.get() != null;
    }

    public Optional<Signal> signal() {
        return Optional.ofNullable(signal.get());
    }

    /** The worker {@code workerId} runs until {@link #finished}; {@code cancel} stops it with a reason. */
    void running(String workerId, Consumer<String> cancel) {
        running.put(workerId, cancel);
        if (requested()) {
            cancel.accept(reason()); // the signal came while it was being spawned
        }
    }

    void finished(String workerId) {
        running.remove(workerId);
    }

    /** Whether a task's worker is being driven now (the pipeline winds those down itself). */
    public boolean workersRunning() {
        return !running.isEmpty();
    }

    /** Cancels every running worker (each through the worker manager); failures are the caller's to ignore. */
    public void cancelRunning() {
        for (Map.Entry<String, Consumer<String>> worker : Map.copyOf(running).entrySet()) {
            try {
                worker.getValue().accept(reason());
            } catch (RuntimeException e) {
                // the worker manager is gone too: its own shutdown cancelled the worker
            }
        }
    }

    public String reason() {
        return signal().map(s -> "the orchestrator was interrupted (" + s.displayName() + ")").orElse("interrupted");
    }
}
