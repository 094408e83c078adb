package dev.harness.bootstrap.mcp;

import dev.harness.bootstrap.host.HostEnvironment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.Json;
import dev.harness.protocol.LineReader;
import dev.harness.protocol.ServiceLauncher;
import dev.harness.protocol.secrets.Redactor;
import java.io.InputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Talks to a stdio MCP server for real: starts it (an argument list, never a shell), sends
 * {@code initialize}, {@code notifications/initialized} and {@code tools/list} (following
 * pagination), all within one deadline; at the deadline the server's process tree is killed.
 */
public final class McpProbe {
    static final String PROTOCOL_VERSION = "2025-06-18";
    private static final int MAX_LINE_BYTES = 8 * 1024 * 1024;
    private static final int MAX_PAGES = 20;

    /** What the probe learned; {@code error} is null when the server answered everything. */
    public record Result(boolean ok, String error, JsonNode serverInfo, String protocolVersion, List<String> tools,
                         long durationMs) {}

    private static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message, null, false, false);
        }
    }

    private final HostEnvironment environment;
    private final ServerProcesses children;

    public McpProbe(HostEnvironment environment, ServerProcesses children) {
        this.environment = environment;
        this.children = children;
    }

    /** @param redactor masks the server's stderr as it is read: its raw output is kept nowhere */
    public Result probe(McpServerSpec server, Path executable, Duration timeout, Redactor redactor) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        List<String> argv = new ArrayList<>();
        argv.add(executable.toString());
        argv.addAll(server.args());
        ProcessBuilder builder = new ProcessBuilder(argv).directory(server.baseDir().toFile());
        builder.environment().clear();
        builder.environment().putAll(environment.variables());
        builder.environment().putAll(server.env());
        Process process;
        try {
            process = children.track(builder.start());
        } catch (IOException e) {
            return new Result(false, "could not be started: " + e.getMessage(), null, null, List.of(), elapsed(start));
        }
        StderrTail stderr = StderrTail.start(process.getErrorStream(), redactor);
        BlockingQueue<LineReader.Line> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> readLines(process, lines), "mcp-probe-" + server.name());
        reader.setDaemon(true);
        reader.start();
        Session session = new Session(process, lines, deadline, timeout);
        try {
            JsonNode init = session.call(1, "initialize", Json.object()
                    .put("protocolVersion", PROTOCOL_VERSION)
                    .<ObjectNode>set("capabilities", Json.object())
                    .set("clientInfo", Json.object().put("name", "harness-bootstrap").put("version", ServiceLauncher.version())));
            session.send(Json.object().put("jsonrpc", "2.0").put("method", "notifications/initialized"));
            List<String> tools = new ArrayList<>();
            String cursor = null;
            int id = 2;
            for (int page = 0; page < MAX_PAGES; page++) {
                ObjectNode params = Json.object();
                if (cursor != null) {
                    params.put("cursor", cursor);
                }
                JsonNode listed = session.call(id++, "tools/list", params);
                listed.path("tools").forEach(t -> tools.add(t.path("name").asText()));
                cursor = listed.path("nextCursor").asText(null);
                if (cursor == null || cursor.isEmpty()) {
                    break;
                }
            }
            return new Result(true, null, init.path("serverInfo").isObject() ? init.get("serverInfo") : null,
                    init.path("protocolVersion").asText(null), List.copyOf(tools), elapsed(start));
        } catch (Failure failure) {
            String detail = failure.getMessage();
            if (detail.startsWith("exited") || detail.startsWith("stopped")) {
                awaitExit(process); // its exit code and last words make the diagnostic useful
            }
            if (!process.isAlive()) {
                String lastLine = lastLine(stderr.text());
                detail += " (exit code " + process.exitValue() + (lastLine.isEmpty() ? "" : "; stderr: " + lastLine) + ")";
            }
            return new Result(false, detail, null, null, List.of(), elapsed(start));
        } finally {
            close(process);
            children.forget(process);
        }
    }

    /** One conversation with a server: requests matched by id, the server's own requests answered. */
    private static final class Session {
        private final Process process;
        private final OutputStream stdin;
        private final BlockingQueue<LineReader.Line> lines;
        private final long deadline;
        private final Duration timeout;

        Session(Process process, BlockingQueue<LineReader.Line> lines, long deadline, Duration timeout) {
            this.process = process;
            this.stdin = process.getOutputStream();
            this.lines = lines;
            this.deadline = deadline;
            this.timeout = timeout;
        }

        JsonNode call(int id, String method, JsonNode params) throws Failure {
            ObjectNode request = Json.object().put("jsonrpc", "2.0").put("id", id).put("method", method);
            request.set("params", params);
            send(request);
            while (true) {
                LineReader.Line line = next(method);
                if (line instanceof LineReader.Line.End) {
                    throw new Failure("exited before answering " + method);
                }
                if (!(line instanceof LineReader.Line.Text text) || text.text().isBlank()) {
                    continue;
                }
                JsonNode message;
                try {
                    message = Json.parse(text.text());
                } catch (IOException e) {
                    continue; // stray output on stdout; a strict client would give up, a probe reports what it can
                }
                if (message.has("method") && message.has("id")) {
                    answerServerRequest(message);
                    continue;
                }
                if (!message.has("id") || message.get("id").asInt(-1) != id) {
                    continue; // a notification (logging, progress)
                }
                if (message.has("error")) {
                    throw new Failure(method + " failed: " + message.get("error").path("message").asText("error "
                            + message.get("error").path("code").asText()));
                }
                return message.path("result");
            }
        }

        private LineReader.Line next(String method) throws Failure {
            long remaining = deadline - System.nanoTime();
            LineReader.Line line = null;
            try {
                if (remaining > 0) {
                    line = lines.poll(remaining, TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (line == null) {
                throw new Failure("did not answer " + method + " within " + timeout.toMillis() + " ms; its process tree was killed");
            }
            return line;
        }

        /** A server may ping its client; anything else we do not offer. */
        private void answerServerRequest(JsonNode request) throws Failure {
            ObjectNode response = Json.object().put("jsonrpc", "2.0");
            response.set("id", request.get("id"));
            if ("ping".equals(request.path("method").asText())) {
                response.set("result", Json.object());
            } else {
                response.putObject("error").put("code", -32601).put("message", "Method not found");
            }
            send(response);
        }

        void send(JsonNode message) throws Failure {
            try {
                stdin.write((Json.write(message) + "\n").getBytes(StandardCharsets.UTF_8));
                stdin.flush();
            } catch (IOException e) {
                throw new Failure(process.isAlive() ? "stopped reading its stdin" : "exited before the handshake");
            }
        }
    }

    private static void readLines(Process process, BlockingQueue<LineReader.Line> lines) {
        try {
            LineReader reader = new LineReader(process.getInputStream(), MAX_LINE_BYTES);
            while (true) {
                LineReader.Line line = reader.next();
                lines.add(line);
                if (line instanceof LineReader.Line.End) {
                    return;
                }
            }
        } catch (IOException e) {
            lines.add(new LineReader.Line.End());
        }
    }

    /** Closing stdin is how an MCP client says goodbye; a server that lingers is killed with its children. */
    private static void close(Process process) {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // already gone
        }
        try {
            if (!process.waitFor(200, TimeUnit.MILLISECONDS)) {
                ServerProcesses.killTree(process);
                process.waitFor(2, TimeUnit.SECONDS);
            } else {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ServerProcesses.killTree(process);
        }
    }

    private static void awaitExit(Process process) {
        try {
            process.waitFor(500, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String lastLine(String text) {
        List<String> lines = text.strip().lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            return "";
        }
        String last = lines.get(lines.size() - 1).strip();
        return last.length() > 200 ? last.substring(0, 200) + "…" : last;
    }

    /** The last bytes a server wrote on stderr, masked as they arrive. */
    private static final class StderrTail {
        private static final int KEEP = 16 * 1024;
        private final ByteArrayOutputStream tail = new ByteArrayOutputStream();
        private final Thread thread;

        private StderrTail(InputStream in, Redactor redactor) {
            this.thread = new Thread(() -> drain(in, redactor), "mcp-stderr");
            this.thread.setDaemon(true);
        }

        static StderrTail start(InputStream in, Redactor redactor) {
            StderrTail tail = new StderrTail(in, redactor);
            tail.thread.start();
            return tail;
        }

        private void drain(InputStream in, Redactor redactor) {
            OutputStream sink = new OutputStream() {
                @Override
                public void write(int b) {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] bytes, int off, int len) {
                    synchronized (tail) {
                        tail.write(bytes, off, len);
                        if (tail.size() > 2 * KEEP) { // keep the last KEEP bytes: the end is what explains a crash
                            byte[] all = tail.toByteArray();
                            tail.reset();
                            tail.write(all, all.length - KEEP, KEEP);
                        }
                    }
                }
            };
            byte[] buffer = new byte[8192];
            try (in; OutputStream masked = redactor.mask(sink)) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    masked.write(buffer, 0, n);
                }
            } catch (IOException e) {
                // the server was killed; what was read (and masked, on close) is what there is
                return;
            }
        }

        String text() {
            try {
                thread.join(1000); // a killed tree closes its pipes promptly; never wait long for a grandchild
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (tail) {
                return tail.toString(StandardCharsets.UTF_8);
            }
        }
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
