package dev.harness.bootstrap.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.bootstrap.InputFiles;
import dev.harness.bootstrap.host.HostEnvironment;
import dev.harness.bootstrap.mcp.McpConfig;
import dev.harness.bootstrap.mcp.McpServerSpec;
import dev.harness.protocol.Json;
import dev.harness.protocol.secrets.Redactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The redactor of one request: the service's own (its environment's secret values, the user's
 * rules) plus the secrets of the workspace's MCP and agent configuration — values under
 * {@code env}/{@code headers}, secret-named fields and options, both as written and with
 * {@code ${VAR}} expanded. Built before any phase runs, so that what an early phase writes
 * (the system prompt, cli_entry's record) is masked as well as what mcp_fastpath reports.
 */
public final class WorkspaceSecrets {
    /** Agent settings that carry an {@code env} block besides the MCP files. */
    static final List<String> AGENT_SETTINGS = List.of(".claude/settings.json", ".claude/settings.local.json");

    private final HostEnvironment environment;
    private final Redactor base;

    public WorkspaceSecrets(HostEnvironment environment) {
        this.environment = environment;
        this.base = Redactor.forEnvironment(environment.variables(), environment.home());
    }

    /** The service's own redactor (no workspace configuration). */
    public Redactor base() {
        return base;
    }

    /** The redactor for a workspace, whose repository is found by reading {@code .git} (nothing is run). */
    public Redactor forWorkspace(Path workspace) {
        Path root = Repositories.root(workspace);
        ReadBoundary boundary = ReadBoundary.of(root, environment.configDir());
        List<Path> directories = new ArrayList<>();
        for (Path dir = workspace; dir != null && dir.startsWith(root); dir = dir.getParent()) {
            directories.add(dir);
        }
        Redactor redactor = base;
        for (Path dir : directories) {
            for (String name : concat(McpConfig.FILES, AGENT_SETTINGS)) {
                Path file = boundary.regularFile(dir.resolve(name)).orElse(null);
                if (file == null) {
                    continue;
                }
                try {
                    redactor = redactor.withConfig(Json.parse(Files.readString(file, StandardCharsets.UTF_8)));
                } catch (IOException | RuntimeException e) {
                    continue; // malformed: mcp_fastpath reports it; nothing of it is shown
                }
            }
        }
        McpConfig.Loaded loaded = McpConfig.load(directories, new InputFiles(), environment, boundary);
        for (McpServerSpec server : loaded.servers()) {
            redactor = redactor.withConfig(expanded(server)).withEnvironment(server.env());
        }
        return redactor;
    }

    /** A server as it will run ({@code ${VAR}} expanded), shaped like its configuration entry. */
    private static JsonNode expanded(McpServerSpec server) {
        return Json.toNode(new ConfigEntry(server.command(), server.args(), server.env(), server.headers()));
    }

    /** The fields of an mcpServers entry the redactor reads values from. */
    private record ConfigEntry(String command, List<String> args, Map<String, String> env, Map<String, String> headers) {}

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
