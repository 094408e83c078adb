package dev.harness.bootstrap.mcp;

import dev.harness.bootstrap.InputFiles;
import dev.harness.bootstrap.host.HostEnvironment;
import dev.harness.bootstrap.workspace.ReadBoundary;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harness.protocol.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the MCP server configuration of a workspace: the {@code mcpServers} of .mcp.json and of
 * .claude.json, in every directory from the workspace up to the repository root (a file that links
 * outside the read boundary is refused unread). The nearest definition of a name wins. {@code ${VAR}} and {@code ${VAR:-default}} are expanded as Claude Code does.
 */
public final class McpConfig {
    public static final List<String> FILES = List.of(".mcp.json", ".claude.json");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    /** The servers found; {@code malformed} when a configuration file could not be understood. */
    public record Loaded(List<McpServerSpec> servers, List<Path> files, List<String> diagnostics, boolean malformed) {}

    private McpConfig() {}

    /**
     * @param directories nearest first: the workspace, then its parents up to the repository root
     */
    public static Loaded load(List<Path> directories, InputFiles inputs, HostEnvironment environment, ReadBoundary boundary) {
        Map<String, McpServerSpec> servers = new LinkedHashMap<>();
        List<Path> files = new ArrayList<>();
        List<String> diagnostics = new ArrayList<>();
        boolean malformed = false;
        for (Path dir : directories) {
            for (String name : FILES) {
                Path file = dir.resolve(name);
                if (!Files.isRegularFile(file)) {
                    inputs.probe(file);
                    continue;
                }
                if (boundary.check(file) instanceof ReadBoundary.Outside outside) {
                    // Before trust nothing outside the workspace is read: a link to elsewhere is refused, unopened.
                    inputs.probe(file);
                    diagnostics.add("refused MCP configuration " + file + ": it links to " + outside.real()
                            + ", outside " + boundary.roots().get(0));
                    continue;
                }
                files.add(file);
                JsonNode root;
                try {
                    root = Json.parse(new String(inputs.readInside(file, boundary), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    diagnostics.add("malformed MCP configuration " + file + ": " + oneLine(e.getMessage()));
                    malformed = true;
                    continue;
                }
                JsonNode entries = root.path("mcpServers");
                if (!root.isObject() || (!entries.isMissingNode() && !entries.isObject())) {
                    diagnostics.add("malformed MCP configuration " + file + ": mcpServers must be an object of named servers");
                    malformed = true;
                    continue;
                }
                for (var entry : entries.properties()) {
                    String serverName = entry.getKey();
                    if (servers.containsKey(serverName)) {
                        diagnostics.add("MCP server " + serverName + " in " + file + " is shadowed by the one in "
                                + servers.get(serverName).source());
                        continue;
                    }
                    try {
                        servers.put(serverName, spec(serverName, file, entry.getValue(), environment, diagnostics));
                    } catch (IllegalArgumentException e) {
                        diagnostics.add("malformed MCP configuration " + file + ": server " + serverName + " " + e.getMessage());
                        malformed = true;
                    }
                }
            }
        }
        return new Loaded(List.copyOf(servers.values()), List.copyOf(files), List.copyOf(diagnostics), malformed);
    }

    private static McpServerSpec spec(String name, Path file, JsonNode entry, HostEnvironment environment, List<String> diagnostics) {
        if (!entry.isObject()) {
            throw new IllegalArgumentException("must be an object");
        }
        String type = entry.path("type").asText("");
        String command = entry.path("command").asText("");
        String url = entry.path("url").asText("");
        String transport = !type.isEmpty() ? type : !url.isEmpty() ? "http" : "stdio";
        if (transport.equals("stdio") && command.isBlank()) {
            throw new IllegalArgumentException("has no command (a stdio server needs \"command\")");
        }
        if (!transport.equals("stdio") && url.isBlank()) {
            throw new IllegalArgumentException("of type " + transport + " has no url");
        }
        if (!List.of("stdio", "http", "sse", "streamable-http").contains(transport)) {
            throw new IllegalArgumentException("has an unknown type \"" + transport + "\" (stdio, http or sse)");
        }
        JsonNode argsNode = entry.path("args");
        if (!argsNode.isMissingNode() && !argsNode.isArray()) {
            throw new IllegalArgumentException("has args that are not an array of strings");
        }
        JsonNode envNode = entry.path("env");
        if (!envNode.isMissingNode() && !envNode.isObject()) {
            throw new IllegalArgumentException("has env that is not an object");
        }
        JsonNode headersNode = entry.path("headers");
        if (!headersNode.isMissingNode() && !headersNode.isObject()) {
            throw new IllegalArgumentException("has headers that are not an object");
        }
        String where = "MCP server " + name + " (" + file + ")";
        List<String> args = new ArrayList<>();
        argsNode.forEach(a -> args.add(expand(a.asText(), environment, where, diagnostics)));
        Map<String, String> env = new LinkedHashMap<>();
        envNode.properties().forEach(e -> env.put(e.getKey(), expand(e.getValue().asText(), environment, where, diagnostics)));
        Map<String, String> headers = new LinkedHashMap<>();
        headersNode.properties().forEach(e -> headers.put(e.getKey(), expand(e.getValue().asText(), environment, where, diagnostics)));
        return new McpServerSpec(name, file, file.getParent(), transport,
                expand(command, environment, where, diagnostics), List.copyOf(args), Map.copyOf(env), Map.copyOf(headers),
                url.isEmpty() ? null : expand(url, environment, where, diagnostics));
    }

    public static String expand(String text, HostEnvironment environment, String where, List<String> diagnostics) {
        Matcher matcher = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = environment.get(matcher.group(1)).orElse(matcher.group(2));
            if (value == null) {
                diagnostics.add(where + ": ${" + matcher.group(1) + "} is not set");
                value = "";
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** Jackson messages span lines (with a source excerpt); diagnostics are one line. */
    public static String oneLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        String first = message.replaceAll("\\s*\\n\\s*", " ").strip();
        return first.length() > 300 ? first.substring(0, 300) + "…" : first;
    }
}
