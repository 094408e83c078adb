package dev.harness.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harness.protocol.client.ClientSession;
import dev.harness.protocol.client.ProcessTransport;
import dev.harness.protocol.client.SessionFailure;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The client of one of the suite's services: starts it as a child process
 * ({@link ProcessTransport}) and talks to it through a strict {@link ClientSession} — requests
 * matched by id, notifications to a listener in arrival order, a deadline per call and per write,
 * a clean {@link ServiceGoneException} when the service dies, stops reading, or breaks the
 * protocol. A domain error comes back as an {@link RpcException} carrying the name the service's
 * contract declares ({@code e.is("trust_denied")}). Shutdown follows PROTOCOL.md: close stdin,
 * wait, SIGTERM, wait, SIGKILL.
 */
public final class RpcClient implements AutoCloseable {
    /** The service died, closed its stdout, stopped reading, or broke the protocol before answering. */
    public static final class ServiceGoneException extends IOException {
        private static final long serialVersionUID = 1L;

        public ServiceGoneException(String message) {
            super(message);
        }

        public ServiceGoneException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final String name;
    private final ProcessTransport transport;
    private final ClientSession session;

    private RpcClient(String name, ProcessTransport transport, Consumer<JsonNode> notifications) {
        this.name = name;
        this.transport = transport;
        this.session = ClientSession.open(transport, ClientSession.Options.defaults()
                .notifications(notifications)
                .errorNames(errorNamesOf(name)));
    }

    /**
     * Starts {@code command} (an argument list, never a shell line).
     *
     * @param name       the service's name; when a contract of that name is on the class path, its
     *                   declared error names are attached to the errors the service answers
     * @param stderrFile where the service's stderr goes; null to inherit ours
     */
    public static RpcClient start(String name, List<String> command, Path workingDir, Map<String, String> extraEnv,
                                  Path stderrFile, Consumer<JsonNode> notifications) throws IOException {
        ProcessTransport transport = ProcessTransport.start(name, command, workingDir, extraEnv, stderrFile);
        return new RpcClient(name, transport, notifications == null ? n -> { } : notifications);
    }

    /**
     * Talks to a service hosted in this JVM ({@link HostedProcess}) exactly as to a child: the same
     * session over its pipes, the same shutdown order (its stdin closed, then its terminate, then
     * its kill).
     */
    public static RpcClient attach(String name, HostedProcess process, Consumer<JsonNode> notifications) {
        return new RpcClient(name, ProcessTransport.attach(name, process), notifications == null ? n -> { } : notifications);
    }

    public String name() {
        return name;
    }

    public Process process() {
        return transport.process();
    }

    public ClientSession session() {
        return session;
    }

    public boolean isAlive() {
        return session.isOpen() && transport.process().isAlive();
    }

    /** Sends a request and waits for its result; a JSON-RPC error comes back as RpcException. */
    public JsonNode call(String method, JsonNode params, Duration timeout)
            throws IOException, TimeoutException, InterruptedException {
        try {
            return session.call(method, params, timeout);
        } catch (SessionFailure e) {
            throw gone(e);
        }
    }

    /** Sends a request; the future completes with the whole response message. */
    public CompletableFuture<JsonNode> send(String method, JsonNode params) throws IOException {
        try {
            return session.send(method, params);
        } catch (SessionFailure e) {
            throw gone(e);
        }
    }

    public void notify(String method, JsonNode params) throws IOException {
        try {
            session.notify(method, params);
        } catch (SessionFailure e) {
            throw gone(e);
        }
    }

    private ServiceGoneException gone(SessionFailure failure) {
        Process process = transport.process();
        try {
            process.waitFor(200, java.util.concurrent.TimeUnit.MILLISECONDS); // an exit code says more
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String exit = process.isAlive() ? "" : " (exit code " + process.exitValue() + ")";
        return new ServiceGoneException(failure.getMessage() + " before answering" + exit, failure);
    }

    /** Close stdin, wait {@code grace}; SIGTERM, wait {@code grace}; SIGKILL. Returns the exit code. */
    public int shutdown(Duration grace) {
        int code = transport.shutdown(grace);
        session.close();
        return code;
    }

    @Override
    public void close() {
        shutdown(Duration.ofSeconds(5));
    }

    /** The service's declared error names, read from its contract on the class path the first time one is needed. */
    static java.util.function.IntFunction<Optional<String>> errorNamesOf(String service) {
        Contract[] loaded = new Contract[1];
        boolean[] tried = new boolean[1];
        return code -> {
            synchronized (loaded) {
                if (!tried[0]) {
                    tried[0] = true;
                    if (RpcClient.class.getClassLoader().getResource("contracts/" + service + ".contract.yaml") != null) {
                        try {
                            loaded[0] = Contract.load(service);
                        } catch (RuntimeException e) {
                            Log.warn("the " + service + " contract could not be read; error names unknown: " + e.getMessage());
                        }
                    }
                }
            }
            return loaded[0] == null ? Optional.empty() : loaded[0].errorName(code);
        };
    }
}
