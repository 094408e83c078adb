package dev.harness.protocol;

/**
 * Start-up timing for people tuning it: with HARNESS_TRACE_STARTUP set, each mark prints to stderr
 * how long after the JVM started it was reached. Costs nothing otherwise.
 */
public final class StartupTrace {
    private static final boolean ON = System.getenv("HARNESS_TRACE_STARTUP") != null;
    private static final long JVM_START_MILLIS = ON ? ProcessHandle.current().info().startInstant()
            .map(java.time.Instant::toEpochMilli).orElse(System.currentTimeMillis()) : 0;

    private StartupTrace() {}

    public static void mark(String what) {
        if (ON) {
            System.err.println("startup: " + (System.currentTimeMillis() - JVM_START_MILLIS) + " ms " + what);
        }
    }
}
