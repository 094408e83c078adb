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
            JsonNode init = session.call(method, Json.object()
                    .put("protocolVersion", PROTOCOL_VERSION)
                    .<ObjectNode>set("capabilities", Json.object())
                    .set("clientInfo", Json.object().put("name", "harness-bootstrap").put("version", ServiceLauncher.version())),
                    remaining(deadline));
            session.notify("notifications/initialized", null);
            List<String> tools = new ArrayList<>();
            String cursor = null;
            method = "tools/list";
            for (int page = 0; page < MAX_PAGES; page++) {
                ObjectNode params = Json.object();
                if (cursor != null) {
                    params.put("cursor", cursor);
                }
                JsonNode listed = session.call(method, params, remaining(deadline));
                listed.path("tools").forEach(t -> tools.add(t.path("name").asText()));
                cursor = listed.path("nextCursor").asText(null);
                if (cursor == null || cursor.isEmpty()) {
                    break;
                }
            }
            return new Result(true, null, init.path("serverInfo").isObject() ? init.get("serverInfo") : null,
                    init.path("protocolVersion").asText(null), List.copyOf(tools), elapsed(start));
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
