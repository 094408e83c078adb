package dev.harness.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.api.rpc.MethodDescriptor;
import dev.harness.api.rpc.WorkerMethods;
import dev.harness.api.worker.WorkerEvent;
import dev.harness.api.worker.WorkerSnapshot;
import dev.harness.protocol.CliOption;
import dev.harness.protocol.Dispatcher;
import dev.harness.protocol.Json;
import dev.harness.protocol.Log;
import dev.harness.protocol.MethodHandler;
import dev.harness.protocol.Notifier;
import dev.harness.protocol.RequestContext;
import dev.harness.protocol.RpcException;
import dev.harness.protocol.Service;
import dev.harness.protocol.ServiceLauncher;
import dev.harness.protocol.UsageException;
import dev.harness.protocol.secrets.Redactor;
import dev.harness.worker.attempt.AgentCommand;
import dev.harness.worker.attempt.AttemptRunner;
import dev.harness.worker.attempt.BaseTestRun;
import dev.harness.worker.checkout.CheckCopies;
import dev.harness.worker.checkout.CheckTree;
import dev.harness.worker.checkout.Git;
import dev.harness.worker.checkout.WorktreeMode;
import dev.harness.worker.events.EventSink;
import dev.harness.worker.lifecycle.RemoteAttempts;
import dev.harness.worker.lifecycle.WorkerRecord;
import dev.harness.worker.lifecycle.WorkerRegistry;
import dev.harness.worker.lifecycle.WorkerRuns;
import dev.harness.worker.lifecycle.WorkerSpawner;
import dev.harness.worker.lifecycle.WorkerStore;
import dev.harness.worker.recovery.RecoveryRecipes;
import dev.harness.worker.trust.TrustPolicy;
import dev.harness.worker.trust.TrustPolicyLocation;
import dev.harness.worker.trust.WorkerTrust;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The worker-manager executable: options, wiring, and one handler per contract method. */
public final class WorkerManager implements Service {
    private static final String EVENT = WorkerMethods.WORKER_EVENT;
    /** get_worker_events answers at most this many events unless the request says otherwise (contract: limit). */
    private static final int EVENTS_LIMIT_DEFAULT = 1000;

    private final Map<String, String> env;
    private Path stateDir;
    /** The checks' copies of plain work directories, kept between attempts (null: made afresh each time). */
    private CheckCopies checkCopies;
    private WorkerStore store;
    private TrustPolicy policy = TrustPolicy.empty();
    private RecoveryRecipes recipes;
    private String defaultAgent = "none";
    private WorkerRuns.Settings settings;
    private AttemptRunner.OutputCaps caps = AttemptRunner.OutputCaps.DEFAULT;
    /** The suite's one masker, knowing this process's secrets; every log and event text goes through it. */
    private Redactor redactor = Redactor.builtIn();

    private WorkerRegistry workers;
    private WorkerTrust gate;
    private WorkerRuns runs;
    private WorkerSpawner spawner;
    /** Where attempts run: here (local, the default) or through a remote executor. */
    private dev.harness.worker.remote.ExecutorSettings executor = dev.harness.worker.remote.ExecutorSettings.LOCAL;
    private dev.harness.worker.remote.RemoteExecutor remoteExecutor;

    public WorkerManager() {
        this(System.getenv());
    }

    /** With an explicit environment: HOME/XDG directories, PATH for agents, and the agents' own environment. */
    public WorkerManager(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    public static void main(String[] args) {
        ServiceLauncher.launch(new WorkerManager(), args);
    }

    @Override
    public String name() {
        return "worker-manager";
    }

    @Override
    public String summary() {
        return "Runs workers for task packets behind a trust gate, verifies them and recovers from failures.";
    }

    @Override
    public List<CliOption> options() {
        List<CliOption> own = List.of(
                new CliOption("--state-dir", "DIR", "worker records, logs and worktrees (default $XDG_STATE_HOME/harness/workers"
                        + " or ~/.local/state/harness/workers)", "HARNESS_WORKER_STATE_DIR"),
                new CliOption("--trust-policy", "FILE", "trust policy, YAML or JSON (default $XDG_CONFIG_HOME/harness/"
                        + "trust-policy.yaml or ~/.config/harness/trust-policy.yaml); never read from a workspace",
                        "HARNESS_TRUST_POLICY"),
                new CliOption("--recipes", "FILE", "recovery recipes overriding the built-in ones, per failure class",
                        "HARNESS_RECIPES"),
                new CliOption("--agent", "AGENT", "default agent: none (acceptance tests only), claude, codex, aider",
                        "HARNESS_AGENT"),
                new CliOption("--agent-command", "TEMPLATE", "default agent as a command template: a JSON array or words,"
                        + " with {prompt} or {prompt_file} (else the prompt comes on stdin)", "HARNESS_AGENT_COMMAND"),
                new CliOption("--max-workers", "N", "workers running at once (default 4)", "HARNESS_MAX_WORKERS"),
                new CliOption("--default-timeout", "SECONDS", "limit of one attempt when the packet sets none (default 1800)",
                        "HARNESS_WORKER_TIMEOUT"),
                new CliOption("--kill-grace-ms", "MS", "wait between SIGTERM and SIGKILL of a process tree (default 2000)", null),
                new CliOption("--output-cap", "BYTES", "output an agent run or an acceptance test may leave in its log"
                        + " (its start and its end are kept, the total is recorded; k, m or g suffix; default 8m)",
                        "HARNESS_OUTPUT_CAP"),
                new CliOption("--attempt-output-cap", "BYTES", "output all the logs of one attempt may keep together"
                        + " (default 32m)", "HARNESS_ATTEMPT_OUTPUT_CAP"),
                new CliOption("--worktrees", "MODE", "auto (when the commit policy asks for a commit), always or never"
                        + " (default auto)", "HARNESS_WORKTREES"));
        List<CliOption> all = new java.util.ArrayList<>(own);
        all.addAll(dev.harness.worker.remote.ExecutorSettings.OPTIONS);
        return all;
    }

    @Override
    public void configure(Map<String, String> options) throws UsageException {
        Path home = Path.of(env.getOrDefault("HOME", System.getProperty("user.home")));
        stateDir = Path.of(Optional.ofNullable(options.get("--state-dir")).orElseGet(() -> defaultStateDir(home)));
        try {
            store = new WorkerStore(stateDir);
        } catch (IOException e) {
            throw new UsageException("the state directory " + stateDir + " cannot be created: " + e.getMessage());
        }
        if (!java.nio.file.Files.isWritable(stateDir.resolve("records"))) {
            throw new UsageException("the state directory " + stateDir + " is not writable");
        }
        try {
            Optional<Path> policyFile = TrustPolicyLocation.resolve(options.get("--trust-policy"), env, home);
            if (policyFile.isPresent()) {
                policy = TrustPolicy.load(policyFile.get(), home);
            }
            recipes = options.containsKey("--recipes") ? RecoveryRecipes.load(Path.of(options.get("--recipes")))
                    : RecoveryRecipes.defaults();
        } catch (InvalidFile e) {
            throw new UsageException(e.getMessage());
        }
        String agent = options.getOrDefault("--agent-command", options.getOrDefault("--agent", "none"));
        try {
            AgentCommand.parse(agent);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--agent: " + e.getMessage());
        }
        defaultAgent = agent;
        int maxWorkers = positive(options, "--max-workers", 4);
        int timeout = positive(options, "--default-timeout", 1800);
        int grace = positive(options, "--kill-grace-ms", 2000);
        WorktreeMode mode;
        try {
            mode = WorktreeMode.parse(options.getOrDefault("--worktrees", "auto"));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--worktrees must be auto, always or never");
        }
        settings = new WorkerRuns.Settings(maxWorkers, Duration.ofSeconds(timeout), Duration.ofMillis(grace), mode);
        caps = new AttemptRunner.OutputCaps(bytes(options, "--output-cap", AttemptRunner.OutputCaps.DEFAULT.perCheck()),
                bytes(options, "--attempt-output-cap", AttemptRunner.OutputCaps.DEFAULT.perAttempt()));
        redactor = Redactor.forEnvironment(env, home);
        executor = dev.harness.worker.remote.ExecutorSettings.resolve(options, env, home);
        if (executor.isTemporal()) {
            remoteExecutor = dev.harness.worker.remote.RemoteExecutors.connect(executor, env); // loaded only when asked for
        }
    }

    @Override
    public void register(Dispatcher dispatcher) {
        if (settings == null) {
            try {
                configure(Map.of());
            } catch (UsageException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        try {
            checkCopies = new CheckCopies(stateDir.resolve("checks"));
        } catch (java.io.IOException e) {
            Log.warn("the checks' copies are made afresh for every attempt: " + stateDir.resolve("checks") + " cannot be created ("
                    + e.getMessage() + ")");
        }
        Notifier notifier = dispatcher.notifier();
        EventSink background = event -> notifier.emit(EVENT, event);
        workers = new WorkerRegistry(store, redactor);
        gate = new WorkerTrust(policy, workers, env.getOrDefault("USER", "unknown"));
        AttemptRunner.ChecksPlacing placing = (workdir, scratch) -> CheckTree.open(new Git(env), workdir, scratch,
                CheckTree.Limits.DEFAULT, checkCopies);
        runs = new WorkerRuns(workers, gate, recipes, new AttemptRunner(env, settings.grace(), caps, redactor,
                new BaseTestRun(new Git(env), settings.grace()), placing), new Git(env), settings, background);
        if (remoteExecutor != null) {
            RemoteAttempts remote = new RemoteAttempts(remoteExecutor, workers, recipes, new Git(env), executor.gitRemote(),
                    executor.heartbeat().toSeconds(), settings.defaultTimeout(), background);
            runs.runRemotely(remote);
            Log.info("attempts run through " + remote.describe());
        }
        spawner = new WorkerSpawner(workers, defaultAgent, Path.of(System.getProperty("user.dir")));
        int loaded = workers.adoptAll();
        runs.interruptOrphans();
        Log.info("state in " + stateDir + " (" + loaded + " earlier workers); trust policy: " + policy.source());

        dispatcher.on("spawn_worker", typed(WorkerMethods.SPAWN_WORKER, (p, sink) -> spawner.spawn(p, sink)));
        dispatcher.on("grant_trust", typed(WorkerMethods.GRANT_TRUST, (p, sink) -> gate.grant(p)));
        dispatcher.on("check_trust", typed(WorkerMethods.CHECK_TRUST, (p, sink) -> gate.check(worker(p.workerId()), sink)));
        dispatcher.on("mark_trusted", typed(WorkerMethods.MARK_TRUSTED, (p, sink) -> gate.approve(worker(p.workerId()),
                p.approvalSource(), p.approver(), p.comment(), p.digest(), sink)));
        dispatcher.on("deny_trust", typed(WorkerMethods.DENY_TRUST,
                (p, sink) -> gate.deny(worker(p.workerId()), p.approver(), p.comment(), sink)));
        dispatcher.on("run_worker", typed(WorkerMethods.RUN_WORKER, (p, sink) -> runs.run(worker(p.workerId()), p.prompt(), sink)));
        dispatcher.onBlocking("wait_worker", typed(WorkerMethods.WAIT_WORKER,
                (p, sink) -> runs.await(worker(p.workerId()), p.timeoutMs())));
        // read methods run off the reading thread, and list_workers from the published snapshots,
        // so a worker busy in a slow step (a git call under its monitor) never stalls the manager
        dispatcher.onBlocking("get_worker", typed(WorkerMethods.GET_WORKER, (p, sink) -> {
            WorkerRecord w = worker(p.workerId());
            synchronized (w) {
                return w.snapshot(true);
            }
        }));
        dispatcher.onBlocking("list_workers", handle((p, sink) -> list(bind(WorkerMethods.LIST_WORKERS, p))));
        dispatcher.onBlocking("get_worker_events", typed(WorkerMethods.GET_WORKER_EVENTS,
                (p, sink) -> events(worker(p.workerId()), p)));
        dispatcher.on("cancel_worker", typed(WorkerMethods.CANCEL_WORKER,
                (p, sink) -> runs.cancel(worker(p.workerId()), p.reason(), sink)));
        dispatcher.on("decide", typed(WorkerMethods.DECIDE, (p, sink) -> runs.decide(worker(p.workerId()),
                p.decision(), p.approver(), p.comment(), p.source(), Boolean.TRUE.equals(p.run()), sink)));
    }

    @Override
    public void finish() {
        if (runs != null) {
            runs.finish();
            workers.close();
        }
        if (checkCopies != null) {
            checkCopies.close();
        }
        if (remoteExecutor != null) {
            remoteExecutor.close();
        }
    }

    @Override
    public void terminate() {
        if (runs != null) {
            runs.terminate();
            workers.close();
        }
        if (checkCopies != null) {
            checkCopies.close();
        }
    }

    /**
     * list_workers: one page (limit and cursor already checked against the contract's schema). The answer
     * ({@link WorkerMethods.WorkerList} on the wire) is put together from the page's snapshots as published:
     * they were written from {@link WorkerSnapshot} records, and binding a thousand again only to write them
     * out cost several times the page (bench/worker-list.py). Its three fields are put by hand: on a fresh
     * manager this is often the first answer, and a record serializer built for it cost ~40 ms of CPU there.
     */
    private JsonNode list(WorkerMethods.ListParams params) {
        WorkerRegistry.Page page = workers.snapshots(params.state(), params.cursor(),
                params.limit() == null ? WorkerMethods.LIST_LIMIT_DEFAULT : params.limit());
        ObjectNode result = Json.object();
        result.set("workers", page.workers());
        if (page.nextCursor() != null) {
            result.put("next_cursor", page.nextCursor());
        }
        return result.put("complete", page.nextCursor() == null);
    }

    /** get_worker_events: what a client missed (it was not listening, or crashed), by the worker's own numbering. */
    private WorkerMethods.WorkerEvents events(WorkerRecord w, WorkerMethods.EventsParams params) {
        long after = params.afterSeq() == null ? -1 : params.afterSeq();
        if (params.afterEventId() != null) {
            String eventId = params.afterEventId();
            String prefix = w.id + ":";
            try {
                if (!eventId.startsWith(prefix)) {
                    throw new NumberFormatException();
                }
                after = Math.max(after, Long.parseLong(eventId.substring(prefix.length())));
            } catch (NumberFormatException e) {
                throw RpcException.invalidParams("/after_event_id", "'" + eventId + "' is not an event id of worker " + w.id
                        + " (" + prefix + "SEQ)");
            }
        }
        int limit = params.limit() == null ? EVENTS_LIMIT_DEFAULT : params.limit();
        synchronized (w) {
            List<WorkerEvent> found = new java.util.ArrayList<>();
            workers.events(w, after, limit).forEach(each -> found.add(Json.convert(each, WorkerEvent.class)));
            long last = found.isEmpty() ? after : found.get(found.size() - 1).seq();
            return new WorkerMethods.WorkerEvents(w.id, w.state, (long) w.seq, found, last, last + 1 >= w.seq);
        }
    }

    private WorkerRecord worker(String workerId) {
        return workers.get(workerId);
    }

    /** A handler body on a method's typed params (api's descriptor); may throw the service's refusals. */
    @FunctionalInterface
    private interface TypedBody<P, R> {
        R apply(P params, EventSink sink) throws Exception;
    }

    /**
     * A method bound to its api descriptor: the params (already valid against the contract) read
     * into its record, the result written from its record.
     */
    private static <P, R> MethodHandler typed(MethodDescriptor<P, R> method, TypedBody<P, R> body) {
        return handle((params, sink) -> method.toResult(body.apply(bind(method, params), sink)));
    }

    /** The params as the method's record; valid JSON that still does not bind (a number beyond a long, say) is invalid params. */
    private static <P> P bind(MethodDescriptor<P, ?> method, JsonNode params) {
        try {
            return method.readParams(params);
        } catch (IllegalArgumentException e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            String message = String.valueOf(cause.getMessage()).lines().findFirst().orElse("");
            throw RpcException.invalidParams("/", "does not read as " + method.name() + "'s params: " + message);
        }
    }

    /** A handler body: params and where its events go; may throw the service's refusals. */
    @FunctionalInterface
    private interface Body {
        JsonNode apply(JsonNode params, EventSink sink) throws Exception;
    }

    /** Events of a request go through its context (before its response). */
    private static MethodHandler handle(Body body) {
        return (JsonNode params, RequestContext ctx) -> {
            // refusals are DomainErrors (illegal_transition included) and -32602s, resolved by the dispatcher
            return body.apply(params, event -> ctx.notify(EVENT, event));
        };
    }

    private String defaultStateDir(Path home) {
        String xdg = env.get("XDG_STATE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local").resolve("state");
        return base.resolve("harness").resolve("workers").toString();
    }

    /** A size in bytes: a whole number, optionally with k, m or g (binary). */
    private static long bytes(Map<String, String> options, String name, long fallback) throws UsageException {
        String value = options.get(name);
        if (value == null) {
            return fallback;
        }
        String text = value.strip().toLowerCase(java.util.Locale.ROOT);
        int shift = text.endsWith("k") ? 10 : text.endsWith("m") ? 20 : text.endsWith("g") ? 30 : 0;
        try {
            long number = Long.parseLong(shift == 0 ? text : text.substring(0, text.length() - 1).strip());
            if (number < 1 || number > (Long.MAX_VALUE >> shift)) {
                throw new NumberFormatException();
            }
            long result = number << shift;
            if (result < 1024) {
                throw new UsageException(name + " must be at least 1k, not '" + value + "'");
            }
            return result;
        } catch (NumberFormatException e) {
            throw new UsageException(name + " needs a size in bytes such as 8m or 65536, not '" + value + "'");
        }
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
