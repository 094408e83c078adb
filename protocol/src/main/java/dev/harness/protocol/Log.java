package dev.harness.protocol;

import java.io.PrintStream;
import java.time.Instant;

/**
 * Diagnostics for people: stderr (or, for a service hosted inside another program's JVM, its own
 * log file), never the protocol channel.
 *
 * <p>A process that is one service writes to System.err under the name {@link #setName} gave. A
 * service hosted in-process ({@link HostedProcess}) runs with a {@link Channel} of its own, which
 * the threads it starts inherit: its lines carry its name and go to its log, not to the host's
 * stderr, and its --quiet does not silence the host.
 */
public final class Log {
    /** Where one service's diagnostics go, and under which name; shared by the threads that inherit it. */
    public static final class Channel {
        private final PrintStream stream;
        private volatile String name;
        private volatile boolean quiet;

        /** @param stream where the lines go; null for the System.err of the moment */
        public Channel(String name, PrintStream stream) {
            this.name = name;
            this.stream = stream;
        }

        PrintStream stream() {
            return stream != null ? stream : System.err;
        }
    }

    private static final Channel PROCESS = new Channel("service", null);
    private static final InheritableThreadLocal<Channel> HOSTED = new InheritableThreadLocal<>();

    private Log() {}

    /** The channel of the service this thread works for: its hosted one, else the process's. */
    static Channel current() {
        Channel hosted = HOSTED.get();
        return hosted != null ? hosted : PROCESS;
    }

    /** From now on this thread, and every thread it starts, logs to {@code channel}. */
    public static void useChannel(Channel channel) {
        HOSTED.set(channel);
    }

    public static void setName(String serviceName) {
        current().name = serviceName;
    }

    public static void setQuiet(boolean value) {
        current().quiet = value;
    }

    public static void info(String message) {
        if (!current().quiet) {
            write("info", message, null);
        }
    }

    public static void warn(String message) {
        write("warn", message, null);
    }

    public static void error(String message, Throwable cause) {
        write("error", message, cause);
    }

    /** A line as it is (no time, level or name), e.g. a start-up trace mark. */
    static void raw(String line) {
        PrintStream err = current().stream();
        synchronized (err) {
            err.println(line);
        }
    }

    private static void write(String level, String message, Throwable cause) {
        Channel channel = current();
        PrintStream err = channel.stream();
        synchronized (err) {
            err.println(Instant.now() + " " + channel.name + " " + level + ": " + message);
            if (cause != null) {
                cause.printStackTrace(err);
            }
        }
    }
}
