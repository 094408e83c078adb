package dev.harness.protocol.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.Contract;
import dev.harness.protocol.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A service under test, talked to only through its wire: requests written as lines to its stdin,
 * every stdout line kept. {@link InProcessService} runs it on in-memory streams (fast, debuggable),
 * {@link ProcessService} as the real executable; both offer the same calls and the same
 * {@link #assertWireClean()}, so one test can be written once and run both ways.
 */
public abstract class ServiceHarness implements AutoCloseable {
    /** How long a call waits for its response before the test fails (not a performance limit). */
    public static final Duration RESPONSE_WAIT = Duration.ofSeconds(120);

    private final Contract contract;
    private final List<String> rawLines = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private Thread collector;

    protected ServiceHarness(String serviceName) {
        this.contract = Contract.load(serviceName);
    }

    public Contract contract() {
        return contract;
    }

    /** Starts keeping the lines of the service's stdout. */
    protected final void collect(InputStream stdout) {
        collector = new Thread(() -> {
            try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(stdout, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    synchronized (rawLines) {
                        rawLines.add(line);
                        rawLines.notifyAll();
                    }
                }
            } catch (IOException e) {
                synchronized (rawLines) {
                    rawLines.notifyAll(); // the stream ended under us: waiters re-check
                }
            }
        }, contract.service() + "-stdout");
        collector.setDaemon(true);
        collector.start();
    }

    /** The service's stdin. */
    protected abstract OutputStream stdin();

    /** Writes one raw line (anything: tests send malformed input too). */
    public final void send(String line) {
        try {
            OutputStream in = stdin();
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            throw new AssertionError("the service does not take input any more: " + e.getMessage(), e);
        }
    }

    public static ObjectNode request(Object id, String method, JsonNode params) {
        ObjectNode request = Json.object();
        request.put("jsonrpc", "2.0");
        request.set("id", Json.toNode(id));
        request.put("method", method);
        request.set("params", params == null ? Json.object() : params);
        return request;
    }

    /** Sends a request and waits for its response (result or error). */
    public final JsonNode call(String method, JsonNode params) {
        String id = "t" + ids.incrementAndGet();
        send(Json.write(request(id, method, params)));
        return awaitResponse(id);
    }

    /** The result of a call that must succeed. */
    public final JsonNode ok(String method, JsonNode params) {
        JsonNode response = call(method, params);
        if (response.has("error")) {
            throw new AssertionError(method + " failed: " + response);
        }
        return response.get("result");
    }

    /** The error object of a call that must fail. */
    public final JsonNode error(String method, JsonNode params) {
        JsonNode response = call(method, params);
        if (!response.has("error")) {
            throw new AssertionError(method + " should have failed: " + response);
        }
        return response.get("error");
    }

    /** Waits for the response with {@code id} (a string or number as sent). */
    public final JsonNode awaitResponse(Object id) {
        JsonNode wanted = Json.toNode(id);
        long deadline = System.nanoTime() + RESPONSE_WAIT.toNanos();
        synchronized (rawLines) {
            int seen = 0;
            while (true) {
                for (; seen < rawLines.size(); seen++) {
                    JsonNode message = parse(rawLines.get(seen));
                    if (message != null && message.isObject() && !message.has("method") && wanted.equals(message.get("id"))) {
                        return message;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || (collector != null && !collector.isAlive() && seen == rawLines.size())) {
                    throw new AssertionError("no response with id " + id + " (" + (left <= 0 ? "waited " + RESPONSE_WAIT
                            : "stdout closed") + "); stdout so far: " + rawLines + "; stderr: " + stderr());
                }
                try {
                    rawLines.wait(Math.max(1, Math.min(left / 1_000_000, 200)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }

    private static JsonNode parse(String line) {
        try {
            return Json.parse(line);
        } catch (Exception e) {
            return null; // assertWireClean reports it
        }
    }

    /** Every stdout line so far, as written. */
    public final List<String> rawLines() {
        synchronized (rawLines) {
            return List.copyOf(rawLines);
        }
    }

    /** Every stdout line so far, parsed (fails on a line that is not JSON-RPC). */
    public final List<JsonNode> messages() {
        return WireAssertions.everyLineIsJsonRpc(rawLines());
    }

    /** The params of each notification {@code method} so far, in order. */
    public final List<JsonNode> notifications(String method) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode message : messages()) {
            if (!message.has("id") && method.equals(message.path("method").asText())) {
                found.add(message.get("params"));
            }
        }
        return found;
    }

    /** The shared assertions: every line JSON-RPC 2.0, every notification declared and valid. */
    public final void assertWireClean() {
        WireAssertions.notificationsFollowTheContract(contract, messages());
    }

    /** What the service wrote to stderr so far. */
    public abstract String stderr();

    /** EOF on stdin; waits for the service to end and returns its exit code. */
    public abstract int closeAndWait();

    /** SIGTERM (in-process: what the launcher's shutdown hook does). */
    public abstract void terminate();

    /** Waits for stdout to end (after {@link #closeAndWait()}), so {@link #rawLines()} is complete. */
    protected final void awaitStdoutEnd() {
        if (collector != null) {
            try {
                collector.join(RESPONSE_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        closeAndWait();
    }
}
