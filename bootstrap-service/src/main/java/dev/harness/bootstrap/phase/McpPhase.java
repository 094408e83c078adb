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

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.Json;
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
        ArrayNode files = outcome.artifacts().putArray("config_files");
        config.files().forEach(f -> files.add(f.toString()));
        if (config.files().isEmpty()) {
            outcome.warn("no MCP configuration (" + String.join(", ", McpConfig.FILES) + ") from " + context.workspace()
                    + " up to " + root + "; the agent gets no MCP servers");
        }

        List<CompletableFuture<ObjectNode>> reports = new ArrayList<>();
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
            ArrayNode servers = outcome.artifacts().putArray("servers");
            int healthy = 0;
            for (CompletableFuture<ObjectNode> report : reports) {
                ObjectNode node = report.join();
                servers.add(node);
                if (node.path("ok").asBoolean()) {
                    healthy++;
                }
            }
            outcome.artifacts().put("servers_ok", healthy);
            outcome.artifacts().put("all_servers_ok", healthy == config.servers().size());
        } finally {
            pool.shutdownNow();
        }
        return outcome;
    }

    /** One server's report; problems become warnings on the outcome (synchronised: probes run in parallel). */
    private ObjectNode check(McpServerSpec server, BootstrapContext context, PhaseOutcome outcome) {
        Redactor redactor = context.redactor().withEnvironment(server.env());
        ObjectNode node = Json.object();
        node.put("name", server.name()).put("source", server.source().toString()).put("transport", server.transport());
        if (!server.isStdio()) {
            node.put("url", redactor.redact(server.url())).put("probed", false).put("ok", true);
            warn(outcome, "MCP server " + server.name() + " (" + server.transport() + ", " + redactor.redact(server.url())
                    + ") was not probed: only stdio servers are probed offline");
            return node;
        }
        node.put("command", redactor.redact(server.command()));
        ArrayNode args = node.putArray("args");
        redactor.redactArguments(server.args()).forEach(args::add);
        ArrayNode envKeys = node.putArray("env_keys"); // names only: env values are often credentials
        server.env().keySet().stream().sorted().forEach(envKeys::add);

        Optional<Path> executable = PathLookup.find(server.command(), environment.variables(), server.baseDir());
        node.put("command_found", executable.isPresent());
        if (executable.isEmpty()) {
            node.put("probed", false).put("ok", false).put("error", "command not found");
            warn(outcome, "MCP server " + server.name() + ": command " + redactor.redact(server.command()) + " was not found "
                    + (server.command().contains("/") ? "(relative to " + server.baseDir() + ")" : "on PATH"));
            return node;
        }
        node.put("resolved_command", executable.get().toString());
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
            node.put("probed", false).put("ok", true).put("skipped", "not started: the workspace is not trusted yet");
            warn(outcome, "MCP server " + server.name() + " was found but not started: its command comes from the workspace,"
                    + " which is not trusted yet (probe_mcp_servers: false)");
            return node;
        }
        McpProbe.Result result = probe.probe(server, executable.get(), context.mcpTimeout(), redactor);
        node.put("probed", true).put("ok", result.ok()).put("duration_ms", result.durationMs());
        if (result.ok()) {
            if (result.serverInfo() != null) {
                node.set("server_info", result.serverInfo());
            }
            node.put("protocol_version", result.protocolVersion());
            ArrayNode tools = node.putArray("tools");
            result.tools().forEach(tools::add);
            node.put("tool_count", result.tools().size());
        } else {
            String error = redactor.redact(result.error());
            node.put("error", error);
            warn(outcome, "MCP server " + server.name() + " " + error);
        }
        return node;
    }

    private static void warn(PhaseOutcome outcome, String diagnostic) {
        synchronized (outcome) {
            outcome.warn(diagnostic);
        }
    }
}
