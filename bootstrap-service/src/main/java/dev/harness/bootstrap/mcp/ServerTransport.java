package dev.harness.bootstrap.mcp;

import dev.harness.protocol.client.StreamTransport;
import dev.harness.protocol.client.Transport;
import dev.harness.protocol.process.ChildProcess;
import dev.harness.protocol.process.ProcessTag;
import dev.harness.protocol.process.ProcessTree;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An MCP server's stdio as a {@link Transport} for protocol's ClientSession: started from an
 * argument list in exactly the environment given (tagged, so its whole tree can be killed), its
 * stderr copied into a sink (the caller's masking tail) and never inherited, and its stdout lines
 * that are not JSON objects dropped unread — servers log to stdout, and such a line may carry a
 * credential that no log of ours should repeat.
 */
final class ServerTransport implements Transport {
    private static final int MAX_LINE_BYTES = 8 * 1024 * 1024;

    private final Process process;
    private final ProcessTag tag;
    private final StreamTransport lines;
    private final Thread stderrPump;

    private ServerTransport(String name, Process process, ProcessTag tag, OutputStream stderrSink) {
        this.process = process;
        this.tag = tag;
        this.lines = new StreamTransport(name, process.getInputStream(), process.getOutputStream(), MAX_LINE_BYTES);
        this.stderrPump = new Thread(() -> pump(process.getErrorStream(), stderrSink), name + "-stderr");
        this.stderrPump.setDaemon(true);
        this.stderrPump.start();
    }

    static ServerTransport start(String name, List<String> argv, Path directory, Map<String, String> environment,
                                 OutputStream stderrSink) throws IOException {
        Map<String, String> env = new HashMap<>(environment);
        // a session of its own: a Ctrl-C at the terminal reaches the orchestrator (which may host this
        // service), and the server is ended by shutdown, not by the raw signal mid-probe
        ProcessBuilder builder = new ProcessBuilder(ChildProcess.inOwnSession(argv, env)).directory(directory.toFile());
        ProcessTag tag = ProcessTag.fresh();
        tag.applyTo(env);
        builder.environment().clear();
        builder.environment().putAll(env);
        return new ServerTransport(name, builder.start(), tag, stderrSink);
    }

    Process process() {
        return process;
    }

    @Override
    public String name() {
        return lines.name();
    }

    @Override
    public void start(Receiver receiver) {
        lines.start(new Receiver() {
            @Override
            public void line(String text) {
                if (text.stripLeading().startsWith("{")) {
                    receiver.line(text);
                }
            }

            @Override
            public void violation(String what) {
                receiver.violation(what);
            }

            @Override
            public void end(String why) {
                receiver.end(why);
            }
        });
    }

    @Override
    public void send(String line, Duration deadline) throws IOException {
        lines.send(line, deadline);
    }

    @Override
    public void closeOutput() {
        lines.closeOutput();
    }

    /** Closing stdin is how an MCP client says goodbye; a server that lingers is ended with everything it started. */
    void shutdown(Duration grace) {
        lines.closeOutput();
        try {
            if (!process.waitFor(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                ProcessTree.kill(process.toHandle(), tag, grace);
            } else {
                ProcessTree.kill(null, tag, Duration.ZERO); // what it left running in the background
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ProcessTree.kill(process.toHandle(), tag, Duration.ZERO);
        }
        close();
    }

    /** Waits (bounded) until the server's stderr has been read to its end, so its last words are in the sink. */
    void awaitStderr(Duration limit) {
        try {
            stderrPump.join(limit.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            ProcessTree.kill(process.toHandle(), tag, Duration.ZERO);
        }
        lines.close();
    }

    private static void pump(InputStream in, OutputStream sink) {
        byte[] buffer = new byte[8192];
        try (in; sink) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                sink.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // the server was killed; what was read is what there is (the sink is closed: its tail released)
            return;
        }
    }
}
