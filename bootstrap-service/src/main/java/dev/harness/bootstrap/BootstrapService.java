package dev.harness.bootstrap;

import dev.harness.api.bootstrap.Phase;
import dev.harness.protocol.DomainError;
import dev.harness.bootstrap.workspace.WorkspaceSecrets;
import dev.harness.bootstrap.host.GitFacts;
import dev.harness.bootstrap.host.HostEnvironment;
import dev.harness.bootstrap.host.StateDirectory;
import dev.harness.bootstrap.mcp.McpProbe;
import dev.harness.bootstrap.mcp.ServerProcesses;
import dev.harness.protocol.process.Cancellation;
import dev.harness.bootstrap.phase.CliEntryPhase;
import dev.harness.bootstrap.phase.DaemonWorkerPhase;
import dev.harness.bootstrap.phase.MainRuntimePhase;
import dev.harness.bootstrap.phase.McpPhase;
import dev.harness.bootstrap.phase.SystemPromptPhase;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harness.api.bootstrap.BootstrapPlan;
import dev.harness.api.rpc.BootstrapMethods;
import dev.harness.api.rpc.MethodDescriptor;
import dev.harness.api.bootstrap.PhaseCompleted;
import dev.harness.api.bootstrap.PhaseStarted;
import dev.harness.protocol.Dispatcher;
import dev.harness.protocol.Json;
import dev.harness.protocol.RequestContext;
import dev.harness.protocol.RpcException;
import dev.harness.protocol.Service;
import dev.harness.protocol.ServiceLauncher;
import dev.harness.protocol.secrets.Redactor;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The bootstrap-service executable: the five preparation phases over JSON-RPC. */
public final class BootstrapService implements Service {
    private final HostEnvironment environment;
    private final Path serviceDir;
    /** MCP servers being probed; every other child runs through ChildProcess and ends with {@link #shutdown}. */
    private final ServerProcesses servers = new ServerProcesses();
    private final Cancellation shutdown = new Cancellation();
    private final Bootstrapper bootstrapper;
    private final WorkspaceSecrets secrets;

    public BootstrapService() {
        this(HostEnvironment.current(), Path.of("").toAbsolutePath());
    }

    /**
     * @param environment the variables and home the phases see (tests inject their own)
     * @param serviceDir the workspace when a request names no context.cwd
     */
    public BootstrapService(HostEnvironment environment, Path serviceDir) {
        this.environment = environment;
        this.serviceDir = serviceDir;
        this.secrets = new WorkspaceSecrets(environment);
        GitFacts git = new GitFacts(environment);
        StateDirectory runDirectory = new StateDirectory();
        this.bootstrapper = new Bootstrapper(List.of(
                new CliEntryPhase(environment, git, runDirectory),
                new SystemPromptPhase(),
                new McpPhase(environment, new McpProbe(environment, servers)),
                new DaemonWorkerPhase(environment, shutdown),
                new MainRuntimePhase()), new RecordStore(), runDirectory);
    }

    public static void main(String[] args) {
        ServiceLauncher.launch(new BootstrapService(), args);
    }

    @Override
    public String name() {
        return "bootstrap-service";
    }

    @Override
    public String summary() {
        return "Prepares and checks a workspace in five ordered, idempotent phases before any worker runs.";
    }

    @Override
    public void register(Dispatcher dispatcher) {
        // Answered in order, not off the reading thread: a script that pipes "run the phase, then
        // get_status" must see the phase done. Every wait inside a phase is bounded by a timeout.
        dispatcher.on("execute_phase", this::executePhase);
        dispatcher.on("execute_plan", this::executePlan);
        dispatcher.on("get_status", this::getStatus);
    }

    @Override
    public void terminate() {
        shutdown.cancel();
        servers.killAll();
    }

    private JsonNode executePhase(JsonNode params, RequestContext ctx) {
        BootstrapMethods.ExecutePhaseParams request = read(BootstrapMethods.EXECUTE_PHASE, params);
        return domain(context -> bootstrapper.executePhase(request.phase(), context, Boolean.TRUE.equals(request.force()),
                events(ctx, context.redactor())), params);
    }

    private JsonNode executePlan(JsonNode params, RequestContext ctx) {
        BootstrapPlan request = read(BootstrapMethods.EXECUTE_PLAN, params);
        return domain(context -> bootstrapper.executePlan(request.phases(), context, Boolean.TRUE.equals(request.force()),
                events(ctx, context.redactor())), params);
    }

    private JsonNode getStatus(JsonNode params, RequestContext ctx) {
        return domain(bootstrapper::status, params);
    }

    /**
     * The params as the method's record. The schema already refused what does not fit (an unknown
     * phase, a phase named twice); this guards a contract that drifts from the records.
     */
    private static <P> P read(MethodDescriptor<P, ?> method, JsonNode params) {
        try {
            return method.readParams(params);
        } catch (IllegalArgumentException e) {
            throw RpcException.invalidParams("", e.getMessage() + " (the phases are "
                    + String.join(", ", dev.harness.api.Wire.names(Phase.class)) + ")");
        }
    }

    /** A method's work for a resolved context; it answers the method's result record. */
    private interface Work {
        Object run(BootstrapContext context);
    }

    /** Runs the work for the request's context; whatever it answers, result or error, leaves masked. */
    private JsonNode domain(Work work, JsonNode params) {
        Redactor redactor = secrets.base();
        try {
            BootstrapContext context = BootstrapContext.resolve(params.get("context"), serviceDir, secrets,
                    environment.configDir());
            redactor = context.redactor();
            return redactor.redactJson(Json.toNode(work.run(context)));
        } catch (DomainError e) {
            throw new DomainError(e.name(), redactor.redact(e.getMessage()), redactor.redactJson(e.data()));
        }
    }

    private static PhaseEvents events(RequestContext ctx, Redactor redactor) {
        return new PhaseEvents() {
            @Override
            public void started(Phase phase, BootstrapContext context) {
                Instant now = Instant.now();
                ctx.notify("phase_started", Json.toNode(new PhaseStarted(phase, now.getEpochSecond(), now.toString(),
                        redactor.redact(context.workspace().toString()))));
            }

            @Override
            public void completed(PhaseRecord record, boolean recorded) {
                Instant now = Instant.now();
                ctx.notify("phase_completed", redactor.redactJson(Json.toNode(new PhaseCompleted(record.phase(),
                        record.success(), recorded, record.artifacts(), record.diagnostics(), now.getEpochSecond(),
                        now.toString(), recorded ? 0 : record.durationMs()))));
            }
        };
    }
}
