package dev.harness.bootstrap.host;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short command (git, a --version check) as an argument list — never through a shell —
 * with a timeout after which its whole process tree is killed. Output is captured, bounded.
 */
public final class CommandRunner {
    public static final int MAX_CAPTURE_BYTES = 64 * 1024;

    /** How a command ended. {@code exitCode} is -1 when it timed out. */
    public record Result(int exitCode, String stdout, String stderr, boolean timedOut, long durationMs) {
        public boolean ok() {
            return !timedOut && exitCode == 0;
        }

        public static String firstLine(String text) {
            String trimmed = text.strip();
            int newline = trimmed.indexOf('\n');
            return newline < 0 ? trimmed : trimmed.substring(0, newline).strip();
        }
    }

    private final HostEnvironment environment;
    private final ChildProcesses children;

    public CommandRunner(HostEnvironment environment, ChildProcesses children) {
        this.environment = environment;
        this.children = children;
    }

    /**
     * @throws IOException when the command cannot be started at all (not found, not executable)
     */
    public Result run(List<String> argv, Path directory, Duration timeout, Map<String, String> extraEnv) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(argv).directory(directory.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment.variables());
        builder.environment().putAll(extraEnv);
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        long start = System.nanoTime();
        Process process = children.track(builder.start());
        Capture out = Capture.start(process.getInputStream());
        Capture err = Capture.start(process.getErrorStream());
        boolean exited;
        try {
            exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exited = false;
        }
        if (!exited) {
            ChildProcesses.killTree(process);
        }
        children.forget(process);
        long durationMs = (System.nanoTime() - start) / 1_000_000;
        return new Result(exited ? process.exitValue() : -1, out.text(), err.text(), !exited, durationMs);
    }

    public Result run(List<String> argv, Path directory, Duration timeout) throws IOException {
        return run(argv, directory, timeout, Map.of());
    }

    /** Drains a stream on its own thread, keeping at most MAX_CAPTURE_BYTES. */
    public static final class Capture {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final Thread thread;

        private Capture(InputStream in) {
            this.thread = new Thread(() -> drain(in), "capture");
            this.thread.setDaemon(true);
        }

        public static Capture start(InputStream in) {
            Capture capture = new Capture(in);
            capture.thread.start();
            return capture;
        }

        private void drain(InputStream in) {
            byte[] buffer = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    synchronized (bytes) {
                        int room = MAX_CAPTURE_BYTES - bytes.size();
                        if (room > 0) {
                            bytes.write(buffer, 0, Math.min(room, n));
                        }
                    }
                }
            } catch (IOException e) {
                // the process was killed; what was read is what there is
            }
        }

        public String text() {
            try {
                thread.join(1000); // a killed tree closes its pipes promptly; never wait long for a grandchild
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
