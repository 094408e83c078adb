package dev.harness.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The client side of the wire: starts a service as a child process, sends requests as lines on
 * its stdin, matches responses by id, and hands notifications to a listener in the order they
 * arrive. The service's stderr goes to a file (or is inherited). Shutdown follows PROTOCOL.md:
 * close stdin, wait, SIGTERM, wait, SIGKILL.
 */
public final class RpcClient implements AutoCloseable {
    /** The service died or closed its stdout before answering. */
    public static final class ServiceGoneException extends IOException {
        private static final long serialVersionUID = 1L;

        public ServiceGoneException(String message) {
            super(message);
        }
    }

    private final String name;
    private final Process process;
    private final OutputStream stdin;
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final Consumer<JsonNode> notifications;
    private final Thread reader;
    private volatile boolean gone;

    private RpcClient(String name, Process process, Consumer<JsonNode> notifications) {
        this.name = name;
        this.process = process;
        this.stdin = new BufferedOutputStream(process.getOutputStream());
        this.notifications = notifications;
        this.reader = new Thread(this::readLoop, name + "-reader");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /**
     * Starts {@code command} (an argument list, never a shell line).
     *
     * @param stderrFile where the service's stderr goes; null to inherit ours
     */
    public static RpcClient start(String name, List<String> command, Path workingDir, Map<String, String> extraEnv,
                                  Path stderrFile, Consumer<JsonNode> notifications) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        if (workingDir != null) {
            builder.directory(workingDir.toFile());
        }
        builder.environment().putAll(extraEnv);
        if (stderrFile == null) {
            builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        } else {
            builder.redirectError(ProcessBuilder.Redirect.appendTo(stderrFile.toFile()));
        }
        return new RpcClient(name, builder.start(), notifications == null ? n -> { } : notifications);
    }

    public String name() {
        return name;
    }

    public Process process() {
        return process;
    }

    public boolean isAlive() {
        return !gone && process.isAlive();
    }

    /** Sends a request and waits for its result; a JSON-RPC error comes back as RpcException. */
    public JsonNode call(String method, JsonNode params, Duration timeout)
            throws IOException, TimeoutException, InterruptedException {
        CompletableFuture<JsonNode> response = send(method, params);
        try {
            JsonNode message = response.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            JsonNode error = message.get("error");
            if (error != null) {
                throw new RpcException(error.path("code").asInt(), error.path("message").asText(), error.get("data"));
            }
            return message.get("result");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        } catch (TimeoutException e) {
            throw new TimeoutException(name + " did not answer " + method + " within " + timeout.toMillis() + " ms");
        }
    }

    /** Sends a request; the future completes with the whole response message. */
    public CompletableFuture<JsonNode> send(String method, JsonNode params) throws IOException {
        int id = nextId.getAndIncrement();
        CompletableFuture<JsonNode> response = new CompletableFuture<>();
        pending.put(id, response);
        try {
            write(JsonRpc.request(IntNode.valueOf(id), method, params));
        } catch (IOException e) {
            pending.remove(id);
            throw new ServiceGoneException(name + " is not accepting requests: " + e.getMessage());
        }
        if (gone) {
            failPending();
        }
        return response;
    }

    public void notify(String method, JsonNode params) throws IOException {
        write(JsonRpc.notification(method, params));
    }

    private synchronized void write(JsonNode message) throws IOException {
        stdin.write(Json.write(message).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        stdin.write('\n');
        stdin.flush();
    }

    private void readLoop() {
        try (InputStream out = process.getInputStream()) {
            LineReader lines = new LineReader(out, Integer.MAX_VALUE - 16);
            while (true) {
                LineReader.Line line = lines.next();
                if (line instanceof LineReader.Line.End) {
                    break;
                }
                if (line instanceof LineReader.Line.Text text && !text.text().isBlank()) {
                    deliver(text.text());
                }
            }
        } catch (IOException e) {
            Log.warn(name + ": reading its stdout failed: " + e.getMessage());
        } finally {
            gone = true;
            failPending();
        }
    }

    private void deliver(String line) {
        JsonNode message;
        try {
            message = Json.parse(line);
        } catch (JsonProcessingException e) {
            Log.warn(name + " wrote a line that is not JSON; ignored: " + (line.length() > 200 ? line.substring(0, 200) : line));
            return;
        }
        if (message.has("method") && !message.has("id")) {
            try {
                notifications.accept(message);
            } catch (RuntimeException e) {
                Log.error("notification listener failed on " + message.path("method").asText(), e);
            }
            return;
        }
        JsonNode id = message.get("id");
        CompletableFuture<JsonNode> waiting = id != null && id.canConvertToInt() ? pending.remove(id.asInt()) : null;
        if (waiting != null) {
            waiting.complete(message);
        } else {
            Log.warn(name + " answered an unknown id: " + (line.length() > 200 ? line.substring(0, 200) : line));
        }
    }

    private void failPending() {
        for (Integer id : List.copyOf(pending.keySet())) {
            CompletableFuture<JsonNode> waiting = pending.remove(id);
            if (waiting != null) {
                waiting.completeExceptionally(new ServiceGoneException(name + " exited before answering"
                        + (process.isAlive() ? "" : " (exit code " + process.exitValue() + ")")));
            }
        }
    }

    /** Close stdin, wait {@code grace}; SIGTERM, wait {@code grace}; SIGKILL. Returns the exit code. */
    public int shutdown(Duration grace) {
        try {
            synchronized (this) {
                stdin.close();
            }
        } catch (IOException e) {
            Log.info(name + ": stdin already closed");
        }
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroy();
                if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    process.waitFor();
                }
            }
            reader.join(grace.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        return process.isAlive() ? -1 : process.exitValue();
    }

    @Override
    public void close() {
        shutdown(Duration.ofSeconds(5));
    }
}
