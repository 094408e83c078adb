package dev.harness.protocol;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Start-up timing for people tuning it: with HARNESS_TRACE_STARTUP set, each mark prints to stderr
 * how long after the launch it was reached (wall) and how much CPU the whole process (JIT and GC
 * threads included) had used by then. Costs nothing otherwise.
 */
public final class StartupTrace {
    private static final boolean ON = System.getenv("HARNESS_TRACE_STARTUP") != null;
    /**
     * The launch, from bin/harness-launch ($EPOCHREALTIME, seconds with microseconds): the JVM's own
     * start instant (ProcessHandle) comes from the kernel's boot time in whole seconds, up to a
     * second off.
     */
    private static final long LAUNCHED_MICROS = ON ? launched() : 0;

    private StartupTrace() {}

    public static boolean enabled() {
        return ON;
    }

    public static void mark(String what) {
        if (ON) {
            long wall = (System.currentTimeMillis() * 1000 - LAUNCHED_MICROS) / 1000;
            Log.raw("startup: " + wall + " ms wall, " + cpuMillis() + " ms cpu: " + what);
        }
    }

    private static long launched() {
        String property = System.getProperty("harness.launched", "").replace(',', '.');
        try {
            return (long) (Double.parseDouble(property) * 1_000_000);
        } catch (NumberFormatException e) {
            return ProcessHandle.current().info().startInstant().map(i -> i.toEpochMilli() * 1000)
                    .orElse(System.currentTimeMillis() * 1000);
        }
    }

    /** utime + stime of this process from /proc/self/stat (clock ticks of 10 ms); -1 where there is no /proc. */
    private static long cpuMillis() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields after the command: state(0) … utime(11) stime(12)
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
