package dev.harness.orchestrator.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import dev.harness.protocol.Service;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The three services of one orchestrator invocation, each started on first use with its stderr in
 * the run directory's log, all shut down together. A service runs as a child process or, the
 * stateless ones by default, hosted in this JVM over the same pipes ({@link Launch#of}).
 */
public final class ServiceSet implements AutoCloseable {
    /**
     * What varies per service: the command (already resolved; null when hosted), extra arguments,
     * where its stderr goes, and, when it runs in this JVM, the service to host.
     */
    public record Launch(ServiceCommand command, List<String> extraArgs, Path stderrLog, Supplier<Service> hosted) {
        public Launch(ServiceCommand command, List<String> extraArgs, Path stderrLog) {
            this(command, extraArgs, stderrLog, null);
        }

        /**
         * The launch the environment asks for: a command named for the service (--NAME CMD, or its
         * variable) runs as that child process; otherwise a stateless service is hosted in this JVM
         * unless HARNESS_SERVICES=process ({@link Hosting}); otherwise this installation's executable.
         */
        public static Launch of(ServiceKind kind, String override, Map<String, String> env, Path workspace,
                                List<String> extraArgs, Path stderrLog) {
            boolean named = override != null && !override.isBlank()
                    || env.get(kind.envVar()) != null && !env.get(kind.envVar()).isBlank();
            if (!named && Hosting.from(env) == Hosting.IN_PROCESS) {
                Optional<Supplier<Service>> hosted = HostedServices.of(kind, workspace);
                if (hosted.isPresent()) {
                    return new Launch(null, extraArgs, stderrLog, hosted.get());
                }
            }
            return new Launch(ServiceCommand.resolve(kind, override, env), extraArgs, stderrLog);
        }
    }

    private final Path workDir;
    private final Map<String, String> env;
    private final Map<ServiceKind, Launch> launches = new EnumMap<>(ServiceKind.class);
    private final Map<ServiceKind, Consumer<JsonNode>> listeners = new EnumMap<>(ServiceKind.class);
    private final Map<ServiceKind, SupervisedService> started = new EnumMap<>(ServiceKind.class);
    private final Consumer<String> reporter;
    private final Function<ServiceKind, Launch> launcher;
    private boolean stopping;

    /**
     * @param launcher resolves a service's launch on first use, so that a run that never needs a
     *                 service never fails for lack of it
     */
    public ServiceSet(Path workDir, Map<String, String> env, Function<ServiceKind, Launch> launcher, Consumer<String> reporter) {
        this.workDir = workDir;
        this.env = env;
        this.launcher = launcher;
        this.reporter = reporter;
    }

    /** Where a service's notifications go; set before its first use. */
    public synchronized void onNotification(ServiceKind kind, Consumer<JsonNode> listener) {
        listeners.put(kind, listener);
    }

    private synchronized Consumer<JsonNode> listener(ServiceKind kind) {
        return listeners.getOrDefault(kind, message -> { });
    }

    public SupervisedService planning() {
        return get(ServiceKind.PLANNING);
    }

    public SupervisedService bootstrap() {
        return get(ServiceKind.BOOTSTRAP);
    }

    public SupervisedService workers() {
        return get(ServiceKind.WORKER_MANAGER);
    }

    public synchronized SupervisedService get(ServiceKind kind) {
        return started.computeIfAbsent(kind, k -> {
            Launch launch = launches.computeIfAbsent(k, launcher);
            SupervisedService.Starter starter;
            if (launch.hosted() != null) {
                starter = SupervisedService.hosted(k, launch.hosted(), launch.extraArgs());
            } else {
                List<String> argv = new ArrayList<>(launch.command().argv());
                argv.addAll(launch.extraArgs());
                starter = SupervisedService.child(new ServiceCommand(k, ownSession(argv)), workDir, Map.copyOf(env));
            }
            // the listener is looked up per message: it may be set after the service started
            SupervisedService service = new SupervisedService(k, starter, launch.stderrLog(),
                    message -> listener(k).accept(message), reporter);
            if (stopping) {
                service.stopping();
            }
            return service;
        });
    }

    private static final List<Path> SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));

    /**
     * A service runs in a session of its own where setsid(1) exists, so a Ctrl-C at the terminal
     * reaches only the orchestrator, which then winds the run down in order (cancels the workers,
     * then stops the services) instead of every process dying at once mid-step.
     */
    static List<String> ownSession(List<String> argv) {
        for (Path setsid : SETSID) {
            if (java.nio.file.Files.isExecutable(setsid)) {
                List<String> wrapped = new ArrayList<>();
                wrapped.add(setsid.toString());
                wrapped.addAll(argv);
                return wrapped;
            }
        }
        return argv;
    }

    /** The services started so far. */
    public synchronized List<SupervisedService> running() {
        return List.copyOf(started.values());
    }

    /** Orderly shutdown of every started service, in parallel (each: close stdin, wait, TERM, KILL). */
    @Override
    public void close() {
        List<Thread> stoppers = new ArrayList<>();
        for (SupervisedService service : running()) {
            Thread stopper = new Thread(() -> service.shutdown(Duration.ofSeconds(10)), "stop-" + service.name());
            stopper.start();
            stoppers.add(stopper);
        }
        for (Thread stopper : stoppers) {
            try {
                stopper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The orchestrator is being interrupted: services that die are not restarted and their deaths not reported. */
    public synchronized void stopping() {
        stopping = true;
        started.values().forEach(SupervisedService::stopping);
    }

    /** Prompt stop when the orchestrator itself is interrupted (Ctrl-C, SIGTERM). */
    public void terminate() {
        for (SupervisedService service : running()) {
            service.terminate(Duration.ofSeconds(5));
        }
    }
}
