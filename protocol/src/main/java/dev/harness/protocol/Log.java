package dev.harness.protocol;

import java.io.PrintStream;
import java.time.Instant;

/** Diagnostics for people: always stderr, never the protocol channel. */
public final class Log {
    private static volatile String name = "service";
    private static volatile boolean quiet;

    private Log() {}

    public static void setName(String serviceName) {
        name = serviceName;
    }

    public static void setQuiet(boolean value) {
        quiet = value;
    }

    public static void info(String message) {
        if (!quiet) {
            write("info", message, null);
        }
    }

    public static void warn(String message) {
        write("warn", message, null);
    }

    public static void error(String message, Throwable cause) {
        write("error", message, cause);
    }

    private static void write(String level, String message, Throwable cause) {
        PrintStream err = System.err;
        synchronized (err) {
            err.println(Instant.now() + " " + name + " " + level + ": " + message);
            if (cause != null) {
                cause.printStackTrace(err);
            }
        }
    }
}
