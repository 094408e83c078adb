package dev.harness.worker.temporal;

import dev.harness.protocol.CliOption;
import dev.harness.protocol.Log;
import dev.harness.protocol.UsageException;
import dev.harness.worker.attempt.HostRunner;
import dev.harness.worker.InvalidFile;
import dev.harness.worker.trust.TrustPolicy;
import dev.harness.worker.trust.TrustPolicyLocation;
import dev.harness.worker.remote.ExecutorSettings;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code worker-manager --temporal-worker}: a worker host. Polls the task queue and runs the
 * attempts it gets as the local executor would, in its own checkouts under its state directory,
 * under its own trust policy and with its own environment (the agent CLI and its credentials).
 * Runs until SIGTERM or SIGINT; an attempt it was running then goes to another host.
 */
public final class WorkerHost {
    static final List<CliOption> OPTIONS;

    static {
        List<CliOption> options = new ArrayList<>();
        options.add(new CliOption("--temporal-worker", null, "run as a worker host (this mode)", null));
        options.add(new CliOption("--state-dir", "DIR", "checkouts, logs and the git cache (default $XDG_STATE_HOME/harness/"
                + "workers or ~/.local/state/harness/workers)", "HARNESS_WORKER_STATE_DIR"));
        options.add(new CliOption("--trust-policy", "FILE", "this host's trust policy (default in ~/.config/harness); tasks"
                + " run only when it trusts DIR/hosts", "HARNESS_TRUST_POLICY"));
        options.add(new CliOption("--max-workers", "N", "attempts run at once (default 2)", "HARNESS_MAX_WORKERS"));
        options.add(new CliOption("--default-timeout", "SECONDS", "limit of one agent run or test when the packet sets"
                + " none (default 1800)", "HARNESS_WORKER_TIMEOUT"));
        options.add(new CliOption("--host-name", "NAME", "how this host is named in the run's log (default HOST:PID)",
                "HARNESS_HOST_NAME"));
        options.add(new CliOption("--quiet", null, "no informational messages on stderr", null));
        ExecutorSettings.OPTIONS.stream().filter(o -> !o.name().equals("--executor")).forEach(options::add);
        OPTIONS = List.copyOf(options);
    }

    private WorkerHost() {}

    public static void main(String[] args) {
        // stdout carries nothing here either: every word goes to stderr
        PrintStream stderr = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        System.setOut(stderr);
        System.setErr(stderr);
        Log.setName("worker-host");
        try {
            System.exit(run(parse(args, System.getenv()), System.getenv()));
        } catch (UsageException e) {
            stderr.println("worker-host: " + e.getMessage());
            System.exit(2);
        }
    }

    static int run(Map<String, String> options, Map<String, String> env) throws UsageException {
        if (options.containsKey("--help")) {
            StringBuilder text = new StringBuilder("Usage: worker-manager --temporal-worker [OPTIONS]\n\n"
                    + "A worker host: polls a Temporal task queue and runs the harness tasks it gets.\n\nOptions:\n");
            OPTIONS.forEach(o -> text.append(String.format("  %-28s %s%s%n", o.name() + (o.isFlag() ? "" : " " + o.argName()),
                    o.help(), o.envVar() == null ? "" : " [env " + o.envVar() + "]")));
            System.err.print(text);
            return 0;
        }
        Log.setQuiet(options.containsKey("--quiet"));
        Path home = Path.of(env.getOrDefault("HOME", System.getProperty("user.home")));
        ExecutorSettings settings = ExecutorSettings.resolve(options, env, home);
        Path stateDir = Path.of(Optional.ofNullable(options.get("--state-dir")).orElseGet(() -> {
            String xdg = env.get("XDG_STATE_HOME");
            Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local").resolve("state");
            return base.resolve("harness").resolve("workers").toString();
        })).toAbsolutePath();
        TrustPolicy policy = TrustPolicy.empty();
        try {
            Files.createDirectories(stateDir.resolve("hosts"));
            Optional<Path> file = TrustPolicyLocation.resolve(options.get("--trust-policy"), env, home);
            if (file.isPresent()) {
                policy = TrustPolicy.load(file.get(), home);
            }
        } catch (InvalidFile e) {
            throw new UsageException(e.getMessage());
        } catch (java.io.IOException e) {
            throw new UsageException("the state directory " + stateDir + " cannot be created: " + e.getMessage());
        }
        int slots = positive(options, "--max-workers", 2);
        int timeout = positive(options, "--default-timeout", 1800);
        String name = options.getOrDefault("--host-name", TemporalConnection.identity("worker-host"));
        HostRunner runner = new HostRunner(new HostRunner.Host(name, stateDir, policy, Duration.ofSeconds(timeout)), env,
                Duration.ofSeconds(2));
        // a host waits for its cluster (started before it, restarted under it): it is a daemon, not a command
        WorkflowServiceStubs stubs = TemporalConnection.stubs(settings, env, Duration.ofDays(365));
        WorkflowClient client = TemporalConnection.client(stubs, settings, name);
        WorkerFactory factory = WorkerFactory.newInstance(client);
        Worker worker = factory.newWorker(settings.taskQueue(), WorkerOptions.newBuilder()
                .setMaxConcurrentActivityExecutionSize(slots).build());
        // activities only: the workflows are run by the worker managers (see TemporalExecutorFactory),
        // so a workflow never waits on a host that died with its next workflow task
        worker.registerActivitiesImplementations(new TaskActivityImpl(runner));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Log.info("stopping: no new tasks; a running one goes to another host after the heartbeat timeout");
            factory.shutdownNow();
            factory.awaitTermination(5, TimeUnit.SECONDS);
            stubs.shutdownNow();
            stopped.countDown();
        }, "stop-host"));
        factory.start();
        Log.info("worker host " + name + " polling " + settings.describeQueue() + " (" + slots + " at once); state in " + stateDir
                + "; trust policy: " + policy.source());
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    static Map<String, String> parse(String[] args, Map<String, String> env) throws UsageException {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                values.put("--help", "true");
                continue;
            }
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            CliOption option = OPTIONS.stream().filter(o -> o.name().equals(name)).findFirst()
                    .orElseThrow(() -> new UsageException("unknown option '" + name + "' (try --temporal-worker --help)"));
            if (option.isFlag()) {
                values.put(name, "true");
            } else if (arg.contains("=")) {
                values.put(name, arg.substring(arg.indexOf('=') + 1));
            } else if (i + 1 < args.length) {
                values.put(name, args[++i]);
            } else {
                throw new UsageException("option " + name + " needs a value (" + option.argName() + ")");
            }
        }
        for (CliOption option : OPTIONS) {
            String fromEnv = option.envVar() == null ? null : env.get(option.envVar());
            if (!values.containsKey(option.name()) && fromEnv != null && !fromEnv.isBlank()) {
                values.put(option.name(), fromEnv);
            }
        }
        return values;
    }

    private static int positive(Map<String, String> options, String name, int fallback) throws UsageException {
        String value = options.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed < 1) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new UsageException(name + " needs a positive whole number, not '" + value + "'");
        }
    }
}
