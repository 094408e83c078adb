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
                JsonNode entries = root.isObject() && root.has("mcpServers") ? root.get("mcpServers") : Json.object();
                if (!root.isObject() || !entries.isObject()) {
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

    /**
     * One entry of {@code mcpServers} as Claude Code reads it (every field optional; a newer
     * client's extra fields are ignored).
     */
    record Entry(String type, String command, String url, List<String> args, Map<String, String> env,
                 Map<String, String> headers) {
        /** What each field must be, for the diagnostic of a file that has it otherwise. */
        private static final Map<String, String> SHAPES = Map.of(
                "type", "that is not text", "command", "that is not text", "url", "that is not text",
                "args", "that are not an array of strings", "env", "that is not an object of strings",
                "headers", "that are not an object of strings");

        static Entry of(JsonNode entry) {
            if (!entry.isObject()) {
                throw new IllegalArgumentException("must be an object");
            }
            try {
                return Json.convert(entry, Entry.class);
            } catch (IllegalArgumentException e) {
                String field = fieldOf(e);
                throw new IllegalArgumentException("has " + field + " " + SHAPES.getOrDefault(field, "of the wrong type"), e);
            }
        }

        /** The entry's field a binding error is about (Jackson names the path it was reading). */
        private static String fieldOf(IllegalArgumentException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof com.fasterxml.jackson.databind.JsonMappingException mapping && !mapping.getPath().isEmpty()) {
                    return mapping.getPath().get(0).getFieldName();
                }
            }
            return "a field";
        }

        String transport() {
            return notEmpty(type) ? type : notEmpty(url) ? "http" : "stdio";
        }
    }

    private static boolean notEmpty(String text) {
        return text != null && !text.isEmpty();
    }

    private static McpServerSpec spec(String name, Path file, JsonNode json, HostEnvironment environment, List<String> diagnostics) {
        Entry entry = Entry.of(json);
        String command = entry.command() == null ? "" : entry.command();
        String url = entry.url() == null ? "" : entry.url();
        String transport = entry.transport();
        if (transport.equals("stdio") && command.isBlank()) {
            throw new IllegalArgumentException("has no command (a stdio server needs \"command\")");
        }
        if (!transport.equals("stdio") && url.isBlank()) {
            throw new IllegalArgumentException("of type " + transport + " has no url");
        }
        if (!List.of("stdio", "http", "sse", "streamable-http").contains(transport)) {
            throw new IllegalArgumentException("has an unknown type \"" + transport + "\" (stdio, http or sse)");
        }
        String where = "MCP server " + name + " (" + file + ")";
        List<String> args = new ArrayList<>();
        if (entry.args() != null) {
            entry.args().forEach(a -> args.add(expand(a == null ? "" : a, environment, where, diagnostics)));
        }
        Map<String, String> env = new LinkedHashMap<>();
        if (entry.env() != null) {
            entry.env().forEach((k, v) -> env.put(k, expand(v == null ? "" : v, environment, where, diagnostics)));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (entry.headers() != null) {
            entry.headers().forEach((k, v) -> headers.put(k, expand(v == null ? "" : v, environment, where, diagnostics)));
        }
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
