package dev.harness.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.Json;
import dev.harness.protocol.SchemaCatalog;
import dev.harness.protocol.ServiceLauncher;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A worker manager running in-process on its real protocol streams: requests are written as
 * lines to its stdin, every line it writes to stdout is parsed and kept. Tests talk to it only
 * through the wire.
 */
final class WireSession implements AutoCloseable {
    private final WorkerManager service;
    private final LineInput stdin = new LineInput();
    private final LineCollector stdout = new LineCollector();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final Thread thread;
    private final AtomicInteger exitCode = new AtomicInteger(-1);
    private final AtomicInteger ids = new AtomicInteger();
    private boolean closed;

    WireSession(Map<String, String> env, String... args) {
        this.service = new WorkerManager(env);
        PrintStream err = new PrintStream(stderr, true, StandardCharsets.UTF_8);
        thread = new Thread(() -> exitCode.set(ServiceLauncher.run(service, args, stdin, stdout, err, false)), "wire-session");
        thread.setDaemon(true);
        thread.start();
    }

    /** Sends a request and waits for its response (result or error object). */
    JsonNode call(String method, JsonNode params) {
        String id = "r" + ids.incrementAndGet();
        ObjectNode request = Json.object();
        request.put("id", id);
        request.put("method", method);
        request.set("params", params);
        send(Json.write(request));
        return stdout.awaitResponse(id);
    }

    /** The result of a call that must succeed. */
    JsonNode ok(String method, JsonNode params) {
        JsonNode response = call(method, params);
        assertThat(response.has("error")).as("%s failed: %s", method, response).isFalse();
        return response.get("result");
    }

    /** The error of a call that must fail. */
    JsonNode error(String method, JsonNode params) {
        JsonNode response = call(method, params);
        assertThat(response.has("error")).as("%s should have failed: %s", method, response).isTrue();
        return response.get("error");
    }

    void send(String line) {
        stdin.offer((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Every line written so far, in order. */
    List<JsonNode> lines() {
        return stdout.snapshot();
    }

    /** worker_event notifications of one worker, in the order they were written. */
    List<JsonNode> events(String workerId) {
        List<JsonNode> events = new ArrayList<>();
        for (JsonNode line : lines()) {
            if ("worker_event".equals(line.path("method").asText()) && workerId.equals(line.path("params").path("worker_id").asText())) {
                events.add(line.get("params"));
            }
        }
        return events;
    }

    List<String> kinds(String workerId) {
        return events(workerId).stream().map(e -> e.path("kind").asText()).toList();
    }

    /** Every worker_event written so far fails none of its schema's rules. */
    void assertEventsSchemaValid() {
        var schema = SchemaCatalog.shared().named("worker-event");
        for (JsonNode line : lines()) {
            if ("worker_event".equals(line.path("method").asText())) {
                assertThat(schema.validate(line.get("params"))).as("event %s", line).isEmpty();
            }
        }
    }

    String stderr() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    /** SIGTERM, as the launcher's shutdown hook would deliver it. */
    void terminate() {
        service.terminate();
    }

    /** EOF on stdin; waits for the service to finish and returns its exit code. */
    int closeAndWait() throws InterruptedException {
        if (!closed) {
            closed = true;
            stdin.offer(new byte[0]);
        }
        thread.join(TimeUnit.SECONDS.toMillis(60));
        return exitCode.get();
    }

    @Override
    public void close() throws InterruptedException {
        closeAndWait();
    }

    /** stdin fed from a queue; an empty chunk means EOF. */
    private static final class LineInput extends InputStream {
        private final LinkedBlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
        private byte[] current = new byte[0];
        private int position;
        private boolean eof;

        void offer(byte[] chunk) {
            chunks.add(chunk);
        }

        @Override
        public synchronized int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public synchronized int read(byte[] buffer, int offset, int length) throws IOException {
            if (eof) {
                return -1;
            }
            while (position >= current.length) {
                try {
                    current = chunks.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted");
                }
                position = 0;
                if (current.length == 0) {
                    eof = true;
                    return -1;
                }
            }
            int n = Math.min(length, current.length - position);
            System.arraycopy(current, position, buffer, offset, n);
            position += n;
            return n;
        }
    }

    /** stdout split into lines, each parsed; waiting for a response by id. */
    private static final class LineCollector extends OutputStream {
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private final List<JsonNode> lines = new ArrayList<>();

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.UTF_8);
                line.reset();
                try {
                    lines.add(Json.parse(text));
                } catch (IOException e) {
                    throw new AssertionError("stdout carried a line that is not JSON: " + text, e);
                }
                notifyAll();
            } else {
                line.write(b);
            }
        }

        synchronized List<JsonNode> snapshot() {
            return List.copyOf(lines);
        }

        synchronized JsonNode awaitResponse(String id) {
            long deadline = System.currentTimeMillis() + 60_000; // stops a hung test; not a performance claim
            while (true) {
                for (JsonNode node : lines) {
                    if (node.has("id") && id.equals(node.get("id").asText()) && !node.has("method")) {
                        return node;
                    }
                }
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    throw new AssertionError("no response to " + id + " within 60 s; lines: " + lines);
                }
                try {
                    wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted");
                }
            }
        }
    }
}
