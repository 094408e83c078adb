package dev.harness.protocol.warm;

import dev.harness.protocol.Log;
import dev.harness.protocol.Service;
import dev.harness.protocol.ServiceLauncher;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One client's run of the service in a {@link WarmServer}: a fresh service made for the client's
 * environment and working directory, run by {@link ServiceLauncher#run} on the client's three
 * streams, its diagnostics on the client's stderr (a {@link Log.Channel} its threads inherit), its
 * exit code on the control connection. A TERM or INT line there (the client was signalled) does
 * what the signal does to a cold service: the service's clean-up, the answers made so far
 * flushed, exit 143 or 130. A control connection that ends first (the client was killed) ends it
 * the same way.
 */
final class WarmSession {
    /** The exit codes of a JVM ended by SIGTERM and SIGINT (128 + the signal), as a cold service's. */
    static final int TERMINATED = 143;
    static final int INTERRUPTED = 130;

    private final WarmServer server;
    private final String id;
    private final Socket control;
    private final InputStream controlIn;
    private final WarmServer.SessionRequest request;
    private final SessionFactory factory;
    private final CountDownLatch streams = new CountDownLatch(3);
    private final AtomicBoolean ended = new AtomicBoolean();
    private Socket stdin;
    private InputStream stdinIn;
    private Socket stdout;
    private Socket stderr;
    private volatile Runnable onTermination;

    WarmSession(WarmServer server, String id, Socket control, InputStream controlIn, WarmServer.SessionRequest request,
                SessionFactory factory) {
        this.server = server;
        this.id = id;
        this.control = control;
        this.controlIn = controlIn;
        this.request = request;
        this.factory = factory;
    }

    String id() {
        return id;
    }

    /** Takes one of the session's streams; false if that role is taken already. */
    synchronized boolean attach(String role, Socket socket, InputStream in) {
        switch (role) {
            case "stdin" -> {
                if (stdin != null) {
                    return false;
                }
                stdin = socket;
                stdinIn = in;
            }
            case "stdout" -> {
                if (stdout != null) {
                    return false;
                }
                stdout = socket;
            }
            case "stderr" -> {
                if (stderr != null) {
                    return false;
                }
                stderr = socket;
            }
            default -> {
                return false;
            }
        }
        streams.countDown();
        return true;
    }

    /** On the control connection's thread: waits for the streams, starts the service, then follows the control lines. */
    void serve() {
        try {
            if (!streams.await(WarmServer.HANDSHAKE.toMillis(), TimeUnit.MILLISECONDS)) {
                Log.warn("a session's streams did not all connect: dropped");
                end(-1);
                return;
            }
            control.setSoTimeout(0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            end(-1);
            return;
        } catch (IOException e) {
            Log.warn("a session's control connection failed: " + e.getMessage());
            end(-1);
            return;
        }
        PrintStream err;
        OutputStream out;
        try {
            err = new PrintStream(new BufferedOutputStream(stderr.getOutputStream(), 1 << 13), true, StandardCharsets.UTF_8);
            out = new BufferedOutputStream(stdout.getOutputStream(), 1 << 16);
        } catch (IOException e) {
            Log.warn("a session's streams failed: " + e.getMessage());
            end(ServiceLauncher.EXIT_FAILURE);
            return;
        }
        // the session's threads and this one (which runs its SIGTERM clean-up) log to the client's stderr
        Log.Channel channel = new Log.Channel("service", err);
        Thread thread = new Thread(() -> {
            Log.useChannel(channel);
            run(out, err);
        }, "warm-session");
        thread.setDaemon(true);
        thread.start();
        Log.useChannel(channel);
        follow();
    }

    private void run(OutputStream out, PrintStream err) {
        int code = ServiceLauncher.EXIT_FAILURE;
        try {
            Service service = factory.create(request.env(), request.directory());
            code = ServiceLauncher.run(service, request.args().toArray(String[]::new), request.env(), stdinIn, out, err,
                    hook -> onTermination = hook);
        } catch (Throwable failure) { // what would have ended a cold service's main: say why, exit 1
            Log.error("stopped", failure);
        }
        try {
            out.flush();
        } catch (IOException e) {
            Log.info("the client's stdout is gone: " + e.getMessage());
        }
        err.flush();
        end(code);
    }

    /** Reads the control connection until the session ends: a signal or the client's end terminates it. */
    private void follow() {
        int code = TERMINATED;
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(controlIn, StandardCharsets.US_ASCII));
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.equals("TERM")) {
                    break;
                }
                if (line.equals("INT")) {
                    code = INTERRUPTED;
                    break;
                }
            }
        } catch (IOException e) {
            if (ended.get()) {
                return; // the session closed it
            }
        }
        if (ended.get()) {
            return;
        }
        Runnable hook = onTermination;
        if (hook != null) {
            hook.run();
        }
        end(code);
    }

    /** Once: closes the streams (the client sees EOF on each), then tells the exit code; {@code code} -1: none. */
    private void end(int code) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        Socket out;
        Socket err;
        Socket in;
        synchronized (this) {
            out = stdout;
            err = stderr;
            in = stdin;
        }
        if (out != null) {
            WarmServer.closeQuietly(out);
        }
        if (err != null) {
            WarmServer.closeQuietly(err);
        }
        if (in != null) {
            WarmServer.closeQuietly(in);
        }
        if (code >= 0) {
            try {
                WarmServer.reply(control, "exit " + code + "\n");
                control.shutdownOutput();
            } catch (IOException e) {
                Log.info("the client left before its exit code: " + e.getMessage());
            }
        }
        WarmServer.closeQuietly(control);
        server.sessionEnded(this);
    }
}
