package dev.harness.bootstrap.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.bootstrap.host.HostEnvironment;
import dev.harness.protocol.Json;
import dev.harness.protocol.RpcException;
import dev.harness.protocol.ServiceLauncher;
import dev.harness.protocol.client.ClientSession;
import dev.harness.protocol.client.SessionFailure;
import dev.harness.protocol.secrets.Redactor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Talks to a stdio MCP server for real, through the suite's JSON-RPC client session (protocol's
 * {@link ClientSession}, lenient: a server may log to stdout): starts it (an argument list, never a
 * shell), sends {@code initialize}, {@code notifications/initialized} and {@code tools/list}
 * (following pagination). Each exchange gets the time left of one budget; the session answers the
 * server's own {@code ping}. At the deadline the server's process tree is killed.
 */
public final class McpProbe {
    static final String PROTOCOL_VERSION = "2025-06-18";
    private static final int MAX_PAGES = 20;
    private static final Duration GOODBYE = Duration.ofMillis(200);

    /** What the probe learned; {@code error} is null when the server answered everything. */
    public record Result(boolean ok, String error, JsonNode serverInfo, String protocolVersion, List<String> tools,
                         long durationMs) {}

    // MCP's messages as far as the probe sends and reads them (camelCase on the wire; what else a
    // server sends is ignored)
    record ClientInfo(String name, String version) {}

    record InitializeParams(String protocolVersion, ObjectNode capabilities, ClientInfo clientInfo) {}

    /** @param serverInfo kept only when it is an object (a server that sends something else still probes ok) */
    record InitializeResult(String protocolVersion, JsonNode serverInfo) {}

    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record ListToolsParams(String cursor) {}

    record Tool(String name) {}

    record ToolsPage(List<Tool> tools, String nextCursor) {}

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
        Map<String, String> env = new HashMap<>(environment.variables());
        env.putAll(server.env());
        StderrTail stderr = new StderrTail();
        ServerTransport transport;
        try {
            transport = ServerTransport.start("MCP server " + server.name(), argv, server.baseDir(), env, redactor.mask(stderr));
        } catch (IOException e) {
            return new Result(false, "could not be started: " + e.getMessage(), null, null, List.of(), elapsed(start));
        }
        Process process = children.track(transport.process());
        ClientSession session = ClientSession.open(transport, ClientSession.Options.defaults().strict(false)
                .writeDeadline(timeout));
        String method = "initialize";
        try {
            InitializeResult init = read(session.call(method, Json.toNode(new InitializeParams(PROTOCOL_VERSION,
                    Json.object(), new ClientInfo("harness-bootstrap", ServiceLauncher.version()))), remaining(deadline)),
                    InitializeResult.class);
            session.notify("notifications/initialized", null);
            List<String> tools = new ArrayList<>();
            String cursor = null;
            method = "tools/list";
            for (int page = 0; page < MAX_PAGES; page++) {
                ToolsPage listed = read(session.call(method, Json.toNode(new ListToolsParams(cursor)),
                        remaining(deadline)), ToolsPage.class);
                if (listed.tools() != null) {
                    listed.tools().forEach(t -> tools.add(t.name() == null ? "" : t.name()));
                }
                cursor = listed.nextCursor();
                if (cursor == null || cursor.isEmpty()) {
                    break;
                }
            }
            return new Result(true, null, init.serverInfo() != null && init.serverInfo().isObject() ? init.serverInfo() : null,
                    init.protocolVersion(), List.copyOf(tools), elapsed(start));
        } catch (IllegalArgumentException e) {
            return failed("answered " + method + " with a result that is not MCP's: " + McpConfig.oneLine(e.getMessage()), start);
        } catch (TimeoutException e) {
            transport.close(); // kills the tree at once
            return failed("did not answer " + method + " within " + timeout.toMillis() + " ms; its process tree was killed",
                    start);
        } catch (RpcException e) {
            return failed(method + " failed: " + e.getMessage(), start);
        } catch (SessionFailure e) {
            String detail = process.isAlive() ? "stopped reading its stdin before answering " + method
                    : "exited before answering " + method;
            awaitExit(process);
            transport.awaitStderr(Duration.ofSeconds(1)); // its exit code and last words make the diagnostic useful
            if (!process.isAlive()) {
                String lastLine = lastLine(stderr.text());
                detail += " (exit code " + process.exitValue() + (lastLine.isEmpty() ? "" : "; stderr: " + lastLine) + ")";
            }
            return failed(detail, start);
        } catch (IOException e) {
            return failed("could not be talked to: " + e.getMessage(), start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed("probe interrupted", start);
        } finally {
            session.close();
            transport.shutdown(GOODBYE);
            children.forget(process);
        }
    }

    /** A result as its record; MCP's results are objects. */
    private static <T> T read(JsonNode result, Class<T> type) {
        if (result == null || !result.isObject()) {
            throw new IllegalArgumentException("the result is not an object");
        }
        return Json.convert(result, type);
    }

    private static Result failed(String error, long start) {
        return new Result(false, error, null, null, List.of(), elapsed(start));
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
    }

    private static void awaitExit(Process process) {
        try {
            process.waitFor(500, java.util.concurrent.TimeUnit.MILLISECONDS);
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

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** The last bytes (already masked) a server wrote on stderr. */
    private static final class StderrTail extends OutputStream {
        private static final int KEEP = 16 * 1024;
        private final ByteArrayOutputStream tail = new ByteArrayOutputStream();

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] bytes, int off, int len) {
            tail.write(bytes, off, len);
            if (tail.size() > 2 * KEEP) { // the end is what explains a crash
                byte[] all = tail.toByteArray();
                tail.reset();
                tail.write(all, all.length - KEEP, KEEP);
            }
        }

        synchronized String text() {
            return tail.toString(StandardCharsets.UTF_8);
        }
    }
}
