package dev.harness.bootstrap.phase;

import dev.harness.bootstrap.BootstrapContext;
import dev.harness.api.bootstrap.Phase;
import dev.harness.bootstrap.PhaseOutcome;
import dev.harness.bootstrap.PhaseRecord;
import dev.harness.bootstrap.PhaseStep;
import dev.harness.bootstrap.host.HostEnvironment;
import dev.harness.bootstrap.mcp.McpConfig;
import dev.harness.bootstrap.mcp.McpProbe;
import dev.harness.bootstrap.mcp.McpServerSpec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.process.PathLookup;
import dev.harness.protocol.secrets.Redactor;
import dev.harness.bootstrap.workspace.ReadBoundary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * mcp_fastpath: reads the MCP configuration, checks every server's command exists and probes the
 * stdio ones for real, reporting their tools. A server that is missing, crashes or hangs is a
 * warning (the agent can still work without it); only a configuration that cannot be understood
 * fails the phase, because then nobody knows which servers the agent would get.
 */
public final class McpPhase implements PhaseStep {
    private static final int MAX_PARALLEL_PROBES = 4;
    /** Arguments that name a server's script (not data files it may write, like a log). */
    private static final java.util.regex.Pattern SCRIPT = java.util.regex.Pattern.compile(
            "[^-].*\\.(js|mjs|cjs|ts|py|rb|sh|jar)");

    private final HostEnvironment environment;
    private final McpProbe probe;

    public McpPhase(HostEnvironment environment, McpProbe probe) {
        this.environment = environment;
        this.probe = probe;
    }

    @Override
    public Phase phase() {
        return Phase.MCP_FASTPATH;
    }

    @Override
    public ObjectNode inputs(BootstrapContext context, Map<Phase, PhaseRecord> earlier) {
        ObjectNode inputs = context.fields("mcp_timeout_ms", "probe_mcp_servers");
        inputs.put("repository_root", SystemPromptPhase.repositoryRoot(context, earlier).toString());
        inputs.put("PATH", environment.get("PATH").orElse(null));
        return inputs;
    }

    @Override
    public PhaseOutcome run(BootstrapContext context, Map<Phase, PhaseRecord> earlier) {
        PhaseOutcome outcome = new PhaseOutcome();
        Path root = SystemPromptPhase.repositoryRoot(context, earlier);
        List<Path> directories = new ArrayList<>();
        for (Path dir = context.workspace(); dir != null && dir.startsWith(root); dir = dir.getParent()) {
            directories.add(dir);
        }
        McpConfig.Loaded config = McpConfig.load(directories, outcome.inputs(), environment, context.boundary());
        for (String diagnostic : config.diagnostics()) {
            if (config.malformed() && diagnostic.startsWith("malformed")) {
                outcome.fail(diagnostic);
            } else {
                outcome.warn(diagnostic);
            }
        }
        List<String> files = config.files().stream().map(Path::toString).toList();
        if (config.files().isEmpty()) {
            outcome.warn("no MCP configuration (" + String.join(", ", McpConfig.FILES) + ") from " + context.workspace()
                    + " up to " + root + "; the agent gets no MCP servers");
        }

        List<CompletableFuture<Server>> reports = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(MAX_PARALLEL_PROBES, config.servers().size())),
                r -> {
                    Thread t = new Thread(r, "mcp-probe");
                    t.setDaemon(true);
                    return t;
                });
        try {
            for (McpServerSpec server : config.servers()) {
                reports.add(CompletableFuture.supplyAsync(() -> check(server, context, outcome), pool));
            }
            List<Server> servers = reports.stream().map(CompletableFuture::join).toList();
            int healthy = (int) servers.stream().filter(Server::ok).count();
            outcome.report(new Artifacts(files, servers, healthy, healthy == config.servers().size()));
        } finally {
            pool.shutdownNow();
        }
        return outcome;
    }

    /**
     * mcp_fastpath's artifacts.
     *
     * @param configFiles the .mcp.json / .claude.json files read, nearest first
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Artifacts(List<String> configFiles, List<Server> servers, int serversOk, boolean allServersOk)
            implements dev.harness.bootstrap.Artifacts {
        public Artifacts {
            configFiles = List.copyOf(configFiles);
            servers = List.copyOf(servers);
        }
    }

    /**
     * One configured server: how it was found and, for a stdio server that was started, what it answered.
     * A field is absent where it does not apply (an http server has a url and no command).
     *
     * @param envKeys    the names of its environment variables only: their values are often credentials
     * @param skipped    why a server that was found was not started (the workspace is not trusted yet)
     * @param serverInfo the server's own {@code serverInfo} object, as it sent it
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Server(String name, String source, String transport, String url, String command, List<String> args,
                         List<String> envKeys, Boolean commandFound, String resolvedCommand, boolean probed, boolean ok,
                         String skipped, Long durationMs, JsonNode serverInfo, String protocolVersion, List<String> tools,
                         Integer toolCount, String error) {
        /** An http/sse server: reported, never probed. */
        static Server remote(McpServerSpec spec, String url) {
            return new Server(spec.name(), spec.source().toString(), spec.transport(), url, null, null, null, null, null,
                    false, true, null, null, null, null, null, null, null);
        }

        /** A stdio server as configured, before it is looked for. */
        static Server stdio(McpServerSpec spec, String command, List<String> args) {
            return new Server(spec.name(), spec.source().toString(), spec.transport(), null, command, List.copyOf(args),
                    spec.env().keySet().stream().sorted().toList(), null, null, false, false, null, null, null, null,
                    null, null, null);
        }

        Server notFound() {
            return new Server(name, source, transport, url, command, args, envKeys, false, null, false, false, null, null,
                    null, null, null, null, "command not found");
        }

        Server notStarted(Path resolved, String why) {
            return new Server(name, source, transport, url, command, args, envKeys, true, resolved.toString(), false, true,
                    why, null, null, null, null, null, null);
        }

        Server answered(Path resolved, McpProbe.Result result) {
            return new Server(name, source, transport, url, command, args, envKeys, true, resolved.toString(), true, true,
                    null, result.durationMs(), result.serverInfo(), result.protocolVersion(), List.copyOf(result.tools()),
                    result.tools().size(), null);
        }

        Server failed(Path resolved, long durationMs, String error) {
            return new Server(name, source, transport, url, command, args, envKeys, true, resolved.toString(), true, false,
                    null, durationMs, null, null, null, null, error);
        }
    }

    /** One server's report; problems become warnings on the outcome (synchronised: probes run in parallel). */
    private Server check(McpServerSpec server, BootstrapContext context, PhaseOutcome outcome) {
        Redactor redactor = context.redactor().withEnvironment(server.env());
        if (!server.isStdio()) {
            warn(outcome, "MCP server " + server.name() + " (" + server.transport() + ", " + redactor.redact(server.url())
                    + ") was not probed: only stdio servers are probed offline");
            return Server.remote(server, redactor.redact(server.url()));
        }
        Server configured = Server.stdio(server, redactor.redact(server.command()), redactor.redactArguments(server.args()));

        Optional<Path> executable = PathLookup.find(server.command(), environment.variables(), server.baseDir());
        if (executable.isEmpty()) {
            warn(outcome, "MCP server " + server.name() + ": command " + redactor.redact(server.command()) + " was not found "
                    + (server.command().contains("/") ? "(relative to " + server.baseDir() + ")" : "on PATH"));
            return configured.notFound();
        }
        synchronized (outcome) {
            outcome.inputs().stat(executable.get());
            for (String arg : server.args()) { // the script the server runs is part of what was checked
                Path script = server.baseDir().resolve(arg).normalize();
                if (SCRIPT.matcher(arg).matches() && Files.isRegularFile(script)
                        && context.boundary().check(script) instanceof ReadBoundary.Inside) {
                    outcome.inputs().probe(script);
                }
            }
        }
        if (!context.probeMcpServers()) {
            warn(outcome, "MCP server " + server.name() + " was found but not started: its command comes from the workspace,"
                    + " which is not trusted yet (probe_mcp_servers: false)");
            return configured.notStarted(executable.get(), "not started: the workspace is not trusted yet");
        }
        McpProbe.Result result = probe.probe(server, executable.get(), context.mcpTimeout(), redactor);
        if (result.ok()) {
            return configured.answered(executable.get(), result);
        }
        String error = redactor.redact(result.error());
        warn(outcome, "MCP server " + server.name() + " " + error);
        return configured.failed(executable.get(), result.durationMs(), error);
    }

    private static void warn(PhaseOutcome outcome, String diagnostic) {
        synchronized (outcome) {
            outcome.warn(diagnostic);
        }
    }
}
