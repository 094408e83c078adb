package dev.harness.protocol.process;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs one child process from an argument list (never a shell line) to its end: working directory,
 * environment (inherited, added to, removed from, or replaced), stdin bytes or a closed stdin, a
 * timeout, bounded capture of stdout and stderr (the last {@link #capture(int) N} bytes of each and
 * the total seen), optional streaming to a capped log file and to a line callback, and cancellation.
 *
 * <p>The output is drained on threads of its own, so the timeout fires even when the child never
 * closes its stdout. On timeout or cancellation the whole tree is ended: SIGTERM, a grace period,
 * SIGKILL ({@link ProcessTree}). Every child carries a {@link ProcessTag} in its environment, so on
 * Linux descendants that escaped the tree (double-forked, reparented to init) are found and killed
 * too, and by default also after a normal exit ({@link #killStragglersOnExit(boolean)}).
 *
 * <pre>{@code
 * ChildResult r = ChildProcess.of("git", "status", "--porcelain").directory(repo).timeout(Duration.ofSeconds(30)).run();
 * }</pre>
 */
public final class ChildProcess {
    public static final int DEFAULT_CAPTURE_BYTES = 64 * 1024;
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(5);
    /** A line given to the line callback is cut at this many characters. */
    public static final int MAX_LINE_CHARS = 64 * 1024;
    /** How long to wait for the output pipes after the child exited, when a straggler keeps them open. */
    private static final Duration PIPE_DRAIN = Duration.ofSeconds(2);

    private final List<String> argv;
    private Path directory;
    private Map<String, String> environment;
    private byte[] stdin;
    private Duration timeout;
    private Duration grace = DEFAULT_GRACE;
    private int captureBytes = DEFAULT_CAPTURE_BYTES;
    private boolean mergeStderr;
    private Path logFile;
    private long logCapBytes = Long.MAX_VALUE;
    private Consumer<String> lineListener;
    private OutputStream stream;
    private OutputStream stdoutSink;
    private boolean killStragglersOnExit = true;
    private Cancellation cancellation;
    private boolean lookUpProgram = true;
    private boolean ownSession;

    private ChildProcess(List<String> argv) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a command needs at least the program");
        }
        argv.forEach(a -> Objects.requireNonNull(a, "argument"));
        this.argv = List.copyOf(argv);
    }

    public static ChildProcess of(List<String> argv) {
        return new ChildProcess(argv);
    }

    public static ChildProcess of(String... argv) {
        return new ChildProcess(List.of(argv));
    }

    public ChildProcess directory(Path dir) {
        this.directory = dir;
        return this;
    }

    /** Replaces the whole environment (the default is ours, inherited). */
    public ChildProcess environment(Map<String, String> env) {
        this.environment = new HashMap<>(env);
        return this;
    }

    /** Adds or overrides variables. */
    public ChildProcess env(Map<String, String> add) {
        env().putAll(add);
        return this;
    }

    public ChildProcess env(String name, String value) {
        env().put(name, value);
        return this;
    }

    public ChildProcess removeEnv(String... names) {
        for (String name : names) {
            env().remove(name);
        }
        return this;
    }

    private Map<String, String> env() {
        if (environment == null) {
            environment = new HashMap<>(System.getenv());
        }
        return environment;
    }

    /** Bytes written to the child's stdin, which is then closed; without this the child's stdin is /dev/null. */
    public ChildProcess stdin(byte[] bytes) {
        this.stdin = bytes == null ? null : bytes.clone();
        return this;
    }

    public ChildProcess stdin(String text) {
        return stdin(text == null ? null : text.getBytes(StandardCharsets.UTF_8));
    }

    /** How long the child may run; null (the default) waits for ever. */
    public ChildProcess timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    /** Between SIGTERM and SIGKILL. */
    public ChildProcess grace(Duration grace) {
        this.grace = Objects.requireNonNull(grace);
        return this;
    }

    /** Keep the last {@code bytes} of stdout and of stderr in memory (the default 64 KiB). */
    public ChildProcess capture(int bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("capture cap must not be negative");
        }
        this.captureBytes = bytes;
        return this;
    }

    /** stderr goes into the same stream as stdout (one capture, in the order the child wrote). */
    public ChildProcess mergeStderr(boolean merge) {
        this.mergeStderr = merge;
        return this;
    }

    /**
     * Also writes the output to {@code file} (created or truncated), at most {@code capBytes} of it:
     * past the cap the file gets a note saying how much was left out and, at the end, the output's
     * last bytes, so both the start and the end of a huge output are kept.
     */
    public ChildProcess logTo(Path file, long capBytes) {
        if (capBytes < 0) {
            throw new IllegalArgumentException("log cap must not be negative");
        }
        this.logFile = file;
        this.logCapBytes = capBytes;
        return this;
    }

    /**
     * Also hands every byte of output, as read, to {@code sink} (on the reading thread; with stderr
     * not merged, from two threads, so the sink must be thread-safe). For a caller that masks or caps
     * the output itself before anything of it is kept. The sink is not closed here.
     */
    public ChildProcess streamTo(OutputStream sink) {
        this.stream = sink;
        return this;
    }

    /**
     * Also hands every byte of stdout alone, as read, to {@code sink} (one thread): for a caller that
     * needs the whole of it (git's diff or a file's content), not the capped tail. Not closed here.
     */
    public ChildProcess stdoutTo(OutputStream sink) {
        this.stdoutSink = sink;
        return this;
    }

    /**
     * Called on the reading thread with each line of output (UTF-8, without its newline, cut at
     * {@link #MAX_LINE_CHARS}). Unless stderr is merged, stdout's and stderr's lines arrive on two
     * threads: the listener must be thread-safe.
     */
    public ChildProcess onLine(Consumer<String> listener) {
        this.lineListener = listener;
        return this;
    }

    /**
     * After a normal exit, kill what the child left running in the background (processes carrying
     * its tag). On by default: a child's background work does not outlive it.
     */
    public ChildProcess killStragglersOnExit(boolean kill) {
        this.killStragglersOnExit = kill;
        return this;
    }

    public ChildProcess cancellation(Cancellation token) {
        this.cancellation = token;
        return this;
    }

    /** Whether argv[0] is looked up on the child's PATH first (default) or passed to exec as it is. */
    public ChildProcess lookUpProgram(boolean lookUp) {
        this.lookUpProgram = lookUp;
        return this;
    }

    /**
     * Starts the child in a session (and process group) of its own, through util-linux's
     * {@code setsid}, so a terminal's Ctrl-C (SIGINT to the foreground group) reaches the harness,
     * which winds the child down in order, not the child directly. Where {@code setsid} is not
     * installed the child starts in ours. The tree is killed the same way either way.
     */
    public ChildProcess ownSession(boolean own) {
        this.ownSession = own;
        return this;
    }

    /**
     * {@code command} started through util-linux's {@code setsid} (found on the child's PATH, else
     * where util-linux puts it), so it runs in a session and process group of its own; unchanged
     * where there is none. For a child started by a {@link ProcessBuilder} of its own (one whose
     * pipes are a protocol stream); {@link #ownSession(boolean)} does this for a ChildProcess.
     */
    public static List<String> inOwnSession(List<String> command, Map<String, String> env) {
        // Started by fork/exec, the child is never a group leader, so setsid execs in place
        // (same pid) instead of forking; --wait covers the other case.
        Optional<Path> setsid = PathLookup.find("setsid", env)
                .or(() -> SETSID.stream().filter(Files::isExecutable).findFirst());
        if (setsid.isEmpty()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of(setsid.get().toString(), "--wait"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static final List<Path> SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));

    public List<String> argv() {
        return argv;
    }

    /** Runs the child to its end (or its timeout or cancellation) and returns how it ended. Never throws for the child's sake. */
    public ChildResult run() {
        long start = System.nanoTime();
        if (cancellation != null && cancellation.isCancelled()) {
            return new ChildResult.Cancelled(Captured.EMPTY, Captured.EMPTY, 0);
        }
        Map<String, String> env = new HashMap<>(env());
        List<String> command = new ArrayList<>(argv);
        if (lookUpProgram) {
            Optional<Path> program = PathLookup.find(argv.get(0), env, directory);
            if (program.isEmpty()) {
                return new ChildResult.NotStarted("the command '" + argv.get(0) + "' was not found"
                        + (argv.get(0).contains("/") ? "" : " on PATH") + " (is it installed?)");
            }
            command.set(0, program.get().toString());
        }
        if (ownSession) {
            command = inOwnSession(command, env);
        }
        ProcessTag tag = ProcessTag.fresh();
        tag.applyTo(env);
        ProcessBuilder builder = new ProcessBuilder(command);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        builder.environment().clear();
        builder.environment().putAll(env);
        builder.redirectErrorStream(mergeStderr);
        builder.redirectInput(stdin == null ? ProcessBuilder.Redirect.from(new File("/dev/null")) : ProcessBuilder.Redirect.PIPE);

        LogSink log = null;
        Process process;
        try {
            if (logFile != null) {
                log = new LogSink(logFile, logCapBytes, (int) Math.min(captureBytes, Math.max(0, logCapBytes)));
            }
            process = builder.start();
        } catch (IOException | RuntimeException e) {
            if (log != null) {
                log.close();
            }
            return new ChildResult.NotStarted("the command '" + argv.get(0) + "' could not be started: " + e.getMessage());
        }
        tag.started(process.pid());
        Pump out = Pump.start(process.getInputStream(), captureBytes, log, lineListener, both(stream, stdoutSink),
                "stdout-" + process.pid());
        Pump err = mergeStderr ? null : Pump.start(process.getErrorStream(), captureBytes, log, lineListener, stream,
                "stderr-" + process.pid());
        if (stdin != null) {
            feed(process, stdin);
        }
        ProcessHandle handle = process.toHandle();
        boolean[] cancelled = new boolean[1];
        Runnable onCancel = () -> {
            synchronized (cancelled) {
                cancelled[0] = true;
            }
            ProcessTree.kill(handle, tag, grace);
        };
        boolean registered = cancellation == null || cancellation.register(onCancel);
        if (!registered) {
            onCancel.run();
        }
        boolean timedOut = false;
        try {
            boolean exited = timeout == null ? waitForever(process) : process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!exited) {
                timedOut = true;
                ProcessTree.kill(handle, tag, grace);
            } else if (killStragglersOnExit) {
                ProcessTree.kill(null, tag, grace);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            synchronized (cancelled) {
                cancelled[0] = true;
            }
            ProcessTree.kill(handle, tag, grace);
        } finally {
            if (cancellation != null) {
                cancellation.unregister(onCancel);
            }
        }
        Captured stdoutCapture = out.finish(PIPE_DRAIN);
        Captured stderrCapture = err == null ? Captured.EMPTY : err.finish(PIPE_DRAIN);
        if (log != null) {
            log.close();
        }
        long durationMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        boolean wasCancelled;
        synchronized (cancelled) {
            wasCancelled = cancelled[0];
        }
        if (wasCancelled) {
            return new ChildResult.Cancelled(stdoutCapture, stderrCapture, durationMs);
        }
        if (timedOut) {
            return new ChildResult.TimedOut(timeout, stdoutCapture, stderrCapture, durationMs);
        }
        return new ChildResult.Exited(process.exitValue(), stdoutCapture, stderrCapture, durationMs);
    }

    private static boolean waitForever(Process process) throws InterruptedException {
        process.waitFor();
        return true;
    }

    private static void feed(Process process, byte[] bytes) {
        // A child that does not read its stdin must not block us: a broken pipe is fine.
        Thread writer = new Thread(() -> {
            try (OutputStream in = process.getOutputStream()) {
                in.write(bytes);
            } catch (IOException e) {
                // the child closed its stdin or exited: it did not want the rest
                return;
            }
        }, "stdin-" + process.pid());
        writer.setDaemon(true);
        writer.start();
    }

    /** One sink writing to two (either may be null). */
    private static OutputStream both(OutputStream first, OutputStream second) {
        if (first == null || second == null) {
            return first == null ? second : first;
        }
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                first.write(b);
                second.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                first.write(bytes, offset, length);
                second.write(bytes, offset, length);
            }
        };
    }

    /** Drains one stream: tail buffer, log file, line callback. */
    private static final class Pump implements Runnable {
        private final InputStream in;
        private final TailBuffer tail;
        private final LogSink log;
        private final LineSplitter lines;
        private final OutputStream stream;
        private final Thread thread;
        private volatile boolean detached;

        private Pump(InputStream in, int capture, LogSink log, Consumer<String> listener, OutputStream stream, String name) {
            this.in = in;
            this.stream = stream;
            this.tail = new TailBuffer(capture);
            this.log = log;
            this.lines = listener == null ? null : new LineSplitter(listener);
            this.thread = new Thread(this, name);
            this.thread.setDaemon(true);
        }

        static Pump start(InputStream in, int capture, LogSink log, Consumer<String> listener, OutputStream stream,
                          String name) {
            Pump pump = new Pump(in, capture, log, listener, stream, name);
            pump.thread.start();
            return pump;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[64 * 1024];
            try (in) {
                int n;
                while (!detached && (n = in.read(buffer)) >= 0) {
                    tail.write(buffer, 0, n);
                    if (log != null) {
                        log.write(buffer, 0, n);
                    }
                    if (lines != null) {
                        lines.feed(buffer, 0, n);
                    }
                    if (stream != null) {
                        stream.write(buffer, 0, n);
                    }
                }
                if (lines != null && !detached) {
                    lines.finish();
                }
            } catch (IOException e) {
                // the pipe was closed under us (the tree was killed): what was read is what there is
                return;
            }
        }

        /** Waits for the end of the stream, at most {@code limit} (a straggler may hold the pipe open). */
        Captured finish(Duration limit) {
            try {
                thread.join(limit.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            detached = true;
            return tail.snapshot();
        }
    }

    /** Splits bytes into UTF-8 lines for the callback, cutting over-long lines. */
    private static final class LineSplitter {
        private final Consumer<String> listener;
        private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        private boolean cut;

        LineSplitter(Consumer<String> listener) {
            this.listener = listener;
        }

        void feed(byte[] bytes, int offset, int length) {
            int from = offset;
            int end = offset + length;
            for (int i = offset; i < end; i++) {
                if (bytes[i] == '\n') {
                    append(bytes, from, i - from);
                    emit();
                    from = i + 1;
                }
            }
            append(bytes, from, end - from);
        }

        private void append(byte[] bytes, int offset, int length) {
            int room = MAX_LINE_CHARS * 4 - line.size(); // UTF-8: at most 4 bytes a character
            if (length > room) {
                cut = true;
                length = Math.max(0, room);
            }
            line.write(bytes, offset, length);
        }

        private void emit() {
            String text = line.toString(StandardCharsets.UTF_8);
            if (text.endsWith("\r")) {
                text = text.substring(0, text.length() - 1);
            }
            if (text.length() > MAX_LINE_CHARS) {
                text = text.substring(0, MAX_LINE_CHARS);
                cut = true;
            }
            line.reset();
            boolean wasCut = cut;
            cut = false;
            try {
                listener.accept(wasCut ? text + "…" : text);
            } catch (RuntimeException e) {
                dev.harness.protocol.Log.warn("an output line listener failed: " + e);
            }
        }

        void finish() {
            if (line.size() > 0 || cut) {
                emit();
            }
        }
    }

    /** The capped log file: head up to the cap, then a note and the output's tail at close. */
    private static final class LogSink {
        private final OutputStream file;
        private final long cap;
        private final TailBuffer tail;
        private long written;
        private long total;
        private boolean failed;
        private boolean closed;

        LogSink(Path path, long cap, int tailBytes) throws IOException {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            this.file = Files.newOutputStream(path);
            this.cap = cap;
            this.tail = new TailBuffer(tailBytes);
        }

        synchronized void write(byte[] bytes, int offset, int length) {
            if (closed) {
                return; // a straggler still writing after the run was reported: not part of it
            }
            total += length;
            tail.write(bytes, offset, length);
            long room = cap - written;
            if (room <= 0 || failed) {
                return;
            }
            int n = (int) Math.min(room, length);
            try {
                file.write(bytes, offset, n);
                written += n;
            } catch (IOException e) {
                failed = true;
                dev.harness.protocol.Log.warn("cannot write the output log: " + e.getMessage());
            }
        }

        synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            try (file) {
                if (total > written && !failed) {
                    Captured end = tail.snapshot();
                    long omitted = total - written - end.tail().length;
                    String note = "\n[harness: output capped at " + cap + " bytes; " + total + " bytes in all"
                            + (omitted > 0 ? ", " + omitted + " bytes left out; the last " + end.tail().length + " follow" : "")
                            + "]\n";
                    file.write(note.getBytes(StandardCharsets.UTF_8));
                    byte[] last = end.tail();
                    if (omitted < 0) { // the tail overlaps what the head already has
                        int skip = (int) -omitted;
                        file.write(last, skip, last.length - skip);
                    } else {
                        file.write(last);
                    }
                }
            } catch (IOException e) {
                dev.harness.protocol.Log.warn("cannot finish the output log: " + e.getMessage());
            }
        }
    }
}
