package dev.harness.protocol;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A service run inside this JVM as if it were a child process, for a program that drives the
 * service and would otherwise pay a JVM start and the loading of every class the two share.
 *
 * <p>It is the executable minus the process: {@link ServiceLauncher#run} on a thread of its own,
 * with the same arguments, stdin and stdout as two OS pipes (the same bytes as a child's stdio,
 * every message read and validated by the same {@link ServiceLoop} against the same contract),
 * and its diagnostics in its own log file through a {@link Log.Channel} that the threads it starts
 * inherit. The working directory is not the process's to change: a hosted service is given its
 * directory when it is constructed (the services take it as a constructor argument).
 *
 * <p>The process calls map as follows. EOF on stdin ends it as it ends a child (it answers what
 * it read, finishes, exits 0). {@link #destroy} is SIGTERM's counterpart: {@link Service#terminate}
 * (what the executable's shutdown hook does), then its stdin ends. {@link #destroyForcibly} is
 * SIGKILL's: the process counts as exited (137) at once and its pipes are closed, so nothing waits
 * on it; its thread, a daemon, winds down on its own. There is no {@link #pid()}: it has none.
 */
public final class HostedProcess extends Process {
    /** The exit code of a process killed by SIGKILL (128 + 9), as a shell reports it. */
    public static final int KILLED = 137;

    private final Service service;
    private final Pipe stdin;
    private final Pipe stdout;
    private final OutputStream toService;
    private final InputStream fromService;
    private final PrintStream log;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final Thread thread;

    private HostedProcess(Service service, List<String> args, PrintStream log) throws IOException {
        this.service = service;
        this.log = log;
        this.stdin = Pipe.open();
        this.stdout = Pipe.open();
        this.toService = Channels.newOutputStream(stdin.sink());
        this.fromService = Channels.newInputStream(stdout.source());
        InputStream serviceIn = Channels.newInputStream(stdin.source());
        OutputStream serviceOut = new BufferedOutputStream(Channels.newOutputStream(stdout.sink()), 1 << 16);
        String[] argv = args.toArray(String[]::new);
        this.thread = new Thread(() -> serve(argv, serviceIn, serviceOut), service.name());
        thread.setDaemon(true); // never keeps the host's JVM alive; the host ends it in order first
    }

    /**
     * Starts {@code service} with {@code args} (as its executable's command line would give them).
     *
     * @param logFile where its diagnostics are appended (its stderr, as a child's would be)
     */
    public static HostedProcess start(Service service, List<String> args, Path logFile) throws IOException {
        PrintStream log = new PrintStream(new FileOutputStream(logFile.toFile(), true), true, StandardCharsets.UTF_8);
        try {
            HostedProcess process = new HostedProcess(service, args, log);
            process.thread.start();
            return process;
        } catch (IOException | RuntimeException e) {
            log.close();
            throw e;
        }
    }

    private void serve(String[] args, InputStream in, OutputStream out) {
        Log.useChannel(new Log.Channel(service.name(), log));
        int code = ServiceLauncher.EXIT_FAILURE;
        try {
            code = ServiceLauncher.run(service, args, in, out, log, false);
        } catch (Throwable failure) { // what would have ended a child's main: say why, exit 1
            try {
                Log.error("stopped", failure);
            } catch (Throwable logFailed) {
                code = ServiceLauncher.EXIT_FAILURE; // the log itself failed: the exit code still tells
            }
        } finally {
            quietly(out::close); // a child's exit closes its stdout: the reader sees EOF
            quietly(in::close);
            exit.complete(code);
            log.close();
        }
    }

    /** The service this process runs. */
    public Service service() {
        return service;
    }

    @Override
    public OutputStream getOutputStream() {
        return toService;
    }

    @Override
    public InputStream getInputStream() {
        return fromService;
    }

    /** Its diagnostics go to its log file: nothing to read here. */
    @Override
    public InputStream getErrorStream() {
        return InputStream.nullInputStream();
    }

    @Override
    public int waitFor() throws InterruptedException {
        try {
            return exit.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause()); // never: only complete() is used
        }
    }

    @Override
    public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
        try {
            exit.get(timeout, unit);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public int exitValue() {
        Integer code = exit.getNow(null);
        if (code == null) {
            throw new IllegalThreadStateException(service.name() + " has not exited");
        }
        return code;
    }

    @Override
    public boolean isAlive() {
        return !exit.isDone();
    }

    /** SIGTERM's counterpart: the service cleans up (stops what it started), then reads EOF. */
    @Override
    public void destroy() {
        if (!isAlive()) {
            return;
        }
        try {
            service.terminate();
        } catch (RuntimeException e) {
            Log.warn(service.name() + " failed to clean up when terminated: " + e);
        }
        quietly(toService::close);
    }

    /** SIGKILL's counterpart: exited now (137), its pipes closed; a read or write still blocked on them fails. */
    @Override
    public Process destroyForcibly() {
        if (isAlive()) {
            try {
                service.terminate();
            } catch (RuntimeException e) {
                Log.warn(service.name() + " failed to clean up when killed: " + e);
            }
        }
        exit.complete(KILLED);
        quietly(toService::close);
        quietly(fromService::close);
        quietly(() -> stdin.source().close());
        quietly(() -> stdout.sink().close());
        return this;
    }

    @Override
    public boolean supportsNormalTermination() {
        return true;
    }

    @Override
    public String toString() {
        return "HostedProcess[" + service.name() + (isAlive() ? ", running" : ", exit " + exitValue()) + "]";
    }

    private interface Closing {
        void close() throws IOException;
    }

    private static void quietly(Closing closing) {
        try {
            closing.close();
        } catch (IOException e) {
            // already closed, or the other end is gone: it is closed either way
            Log.info("closing a hosted service's pipe: " + e.getMessage());
        }
    }
}
