package dev.harness.orchestrator.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harness.api.rpc.MethodDescriptor;
import dev.harness.protocol.HostedProcess;
import dev.harness.protocol.RpcClient;
import dev.harness.protocol.Service;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One service as a child process (or hosted in this JVM, over the same pipes), kept alive: started on first use, restarted when it died (the
 * death is reported), with an idempotent request retried once on the new process. Its stderr is
 * appended to a log file in the run directory.
 */
public final class SupervisedService implements AutoCloseable {
    /** How the service's process comes to be: a child process, or hosted in this JVM ({@link HostedProcess}). */
    public interface Starter {
        RpcClient start(Path stderrLog, Consumer<JsonNode> notifications) throws IOException;

        /** For an error message: the command, or that it runs in-process. */
        String describe();
    }

    private final ServiceKind kind;
    private final Starter starter;
    private final Path stderrLog;
    private final Consumer<JsonNode> notifications;
    private final Consumer<String> reporter;
    private RpcClient client;
    private int starts;
    private boolean closed;
    /** The orchestrator is being interrupted: a service that dies now is not restarted and not reported. */
    private volatile boolean stopping;

    /** A child process: {@code command} run in {@code workDir} with {@code env} added to ours. */
    public SupervisedService(ServiceCommand command, Path workDir, Map<String, String> env, Path stderrLog,
                             Consumer<JsonNode> notifications, Consumer<String> reporter) {
        this(command.kind(), child(command, workDir, Map.copyOf(env)), stderrLog, notifications, reporter);
    }

    public SupervisedService(ServiceKind kind, Starter starter, Path stderrLog,
                             Consumer<JsonNode> notifications, Consumer<String> reporter) {
        this.kind = kind;
        this.starter = starter;
        this.stderrLog = stderrLog;
        this.notifications = notifications;
        this.reporter = reporter;
    }

    static Starter child(ServiceCommand command, Path workDir, Map<String, String> env) {
        return new Starter() {
            @Override
            public RpcClient start(Path stderrLog, Consumer<JsonNode> notifications) throws IOException {
                return RpcClient.start(command.kind().executable(), command.argv(), workDir, env, stderrLog, notifications);
            }

            @Override
            public String describe() {
                return String.join(" ", command.argv());
            }
        };
    }

    /** The service hosted in this JVM: {@code service} with {@code args}, over pipes, its log its own. */
    static Starter hosted(ServiceKind kind, java.util.function.Supplier<Service> service, List<String> args) {
        return new Starter() {
            @Override
            public RpcClient start(Path stderrLog, Consumer<JsonNode> notifications) throws IOException {
                return RpcClient.attach(kind.executable(), HostedProcess.start(service.get(), args, stderrLog), notifications);
            }

            @Override
            public String describe() {
                return kind.executable() + " in-process";
            }
        };
    }

    public String name() {
        return kind.executable();
    }

    public Path stderrLog() {
        return stderrLog;
    }

    /** How many times the process was started (1 after the first use; more after restarts). */
    public synchronized int starts() {
        return starts;
    }

    /** The live process, for supervision tests and diagnostics; null before first use. */
    public synchronized Process process() {
        return client == null ? null : client.process();
    }

    /**
     * Sends a request and returns its result. A domain error comes back as RpcException (unchecked). A dead
     * service is restarted; the request is retried once when it is idempotent.
     */
    public JsonNode call(String method, JsonNode params, Duration timeout) {
        RpcClient current = client();
        try {
            return current.call(method, params, timeout);
        } catch (IOException gone) {
            if (stopping) {
                throw new ServiceFailure(name() + " stopped: the orchestrator is being interrupted.", gone);
            }
            String why = describeDeath(current, gone);
            if (!kind.isIdempotent(method)) {
                reporter.accept(why + "; it will be restarted for the next request (" + method + " is not retried).");
                throw new ServiceFailure(why + " while handling " + method + "." + stderrTail(), gone);
            }
            reporter.accept(why + "; restarting it and retrying " + method + " once.");
            RpcClient fresh = restart(current);
            try {
                return fresh.call(method, params, timeout);
            } catch (IOException again) {
                throw new ServiceFailure(describeDeath(fresh, again) + " again while handling " + method + "." + stderrTail(), again);
            } catch (TimeoutException e) {
                throw new ServiceFailure(e.getMessage() + ".", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServiceFailure("Interrupted while waiting for " + name() + ".", e);
            }
        } catch (TimeoutException e) {
            throw new ServiceFailure(e.getMessage() + "; its log: " + stderrLog, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceFailure("Interrupted while waiting for " + name() + ".", e);
        }
    }

    /** {@link #call(String, JsonNode, Duration)} through the method's typed descriptor: records in, a record out. */
    public <P, R> R call(MethodDescriptor<P, R> method, P params, Duration timeout) {
        return method.readResult(call(method.name(), method.toParams(params), timeout));
    }

    private String describeDeath(RpcClient dead, IOException cause) {
        Process process = dead.process();
        try {
            process.waitFor(2, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String exit = process.isAlive() ? "closed its output" : "exited with code " + process.exitValue();
        return name() + " " + exit + " (" + cause.getMessage() + ")";
    }

    /** Starts the process now (if it is not running) so that its JVM start overlaps other work. */
    public void warmUp() {
        client();
    }

    /** From now on a death is expected: no restart, no warning (the orchestrator is being interrupted). */
    public void stopping() {
        stopping = true;
    }

    private synchronized RpcClient client() {
        if (stopping && (client == null || !client.isAlive())) {
            throw new ServiceFailure(name() + " is not started again: the orchestrator is being interrupted.", null);
        }
        if (closed) {
            throw new ServiceFailure(name() + " was already shut down.", null);
        }
        if (client == null) {
            client = start();
        } else if (!client.isAlive()) {
            reporter.accept(name() + (client.process().isAlive() ? " closed its output"
                    : " exited with code " + client.process().exitValue()) + "; restarting it. Its log: " + stderrLog);
            client.shutdown(Duration.ofMillis(200));
            client = start();
        }
        return client;
    }

    private synchronized RpcClient restart(RpcClient dead) {
        if (client == dead) {
            dead.shutdown(Duration.ofMillis(200));
            client = start();
        }
        return client;
    }

    private RpcClient start() {
        try {
            if (stderrLog.getParent() != null) {
                Files.createDirectories(stderrLog.getParent());
            }
            RpcClient started = starter.start(stderrLog, notifications);
            starts++;
            return started;
        } catch (IOException e) {
            throw new ServiceFailure("Could not start " + name() + " (" + starter.describe() + "): "
                    + e.getMessage(), e);
        }
    }

    /** The last lines of the service's stderr, so an error message says why without opening the file. */
    private String stderrTail() {
        try {
            List<String> lines = Files.readAllLines(stderrLog);
            List<String> tail = new ArrayList<>(lines.subList(Math.max(0, lines.size() - 5), lines.size()));
            if (tail.isEmpty()) {
                return " Its log " + stderrLog + " is empty.";
            }
            return " Last lines of " + stderrLog + ":\n    " + String.join("\n    ", tail);
        } catch (IOException | RuntimeException e) {
            return " Its log: " + stderrLog;
        }
    }

    /** Close stdin, wait, TERM, wait, KILL (PROTOCOL.md's order). */
    public synchronized void shutdown(Duration grace) {
        closed = true;
        if (client != null) {
            client.shutdown(grace);
            client = null;
        }
    }

    /** Prompt stop (the orchestrator itself is being interrupted): TERM now, KILL after the grace. */
    public void terminate(Duration grace) {
        Process process;
        synchronized (this) {
            closed = true;
            process = client == null ? null : client.process();
        }
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public void close() {
        shutdown(Duration.ofSeconds(10));
    }
}
