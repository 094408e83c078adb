package dev.harness.bootstrap;

import dev.harness.bootstrap.host.HostEnvironment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.Json;
import dev.harness.protocol.ServiceLauncher;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Drives a BootstrapService in-process over real JSON-RPC lines, as a client on its stdin/stdout would. */
public final class ServiceSession {
    public final BootstrapService service;
    /** Every line the service wrote in the last exchange, in order, as text. */
    public List<String> rawLines = new ArrayList<>();
    /** Every line the service wrote in the last exchange, parsed. */
    public List<JsonNode> messages = new ArrayList<>();
    public final List<String> allRawLines = new ArrayList<>();
    /** Everything the service wrote on stderr, across exchanges. */
    public final StringBuilder allStderr = new StringBuilder();
    private int nextId = 1;

    public ServiceSession(HostEnvironment environment, Path serviceDir) {
        this.service = new BootstrapService(environment, serviceDir);
    }

    public ServiceSession(HostEnvironment environment) {
        this(environment, Path.of("").toAbsolutePath());
    }

    /** Test environment: the real PATH and nothing else (no credentials from the developer's shell). */
    public static HostEnvironment environment(Path home, Map<String, String> extra) {
        Map<String, String> vars = new HashMap<>();
        vars.put("PATH", System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
        vars.put("HOME", home.toString());
        vars.putAll(extra);
        return new HostEnvironment(vars, home);
    }

    /** Sends raw lines; returns everything written back (notifications and responses). */
    public List<JsonNode> exchange(String... lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String input = String.join("\n", lines) + "\n";
        int code = ServiceLauncher.run(service, new String[] {"--quiet"},
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out,
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        if (code != 0) {
            throw new AssertionError("service exited " + code + ": " + err.toString(StandardCharsets.UTF_8));
        }
        allStderr.append(err.toString(StandardCharsets.UTF_8));
        rawLines = out.toString(StandardCharsets.UTF_8).lines().toList();
        allRawLines.addAll(rawLines);
        messages = new ArrayList<>();
        for (String line : rawLines) {
            try {
                messages.add(Json.parse(line));
            } catch (Exception e) {
                throw new AssertionError("not JSON on stdout: " + line, e);
            }
        }
        return messages;
    }

    /** Calls a method and returns its whole response object (result or error). */
    public JsonNode call(String method, JsonNode params) {
        ObjectNode request = Json.object().put("jsonrpc", "2.0").put("id", nextId++).put("method", method);
        request.set("params", params);
        exchange(Json.write(request));
        return response();
    }

    /** The result of a call that must succeed. */
    public JsonNode result(String method, JsonNode params) {
        JsonNode response = call(method, params);
        if (response.has("error")) {
            throw new AssertionError(method + " failed: " + response.get("error"));
        }
        return response.get("result");
    }

    public JsonNode response() {
        return messages.stream().filter(m -> m.has("id")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no response in " + rawLines));
    }

    public List<JsonNode> notifications(String method) {
        return messages.stream().filter(m -> method.equals(m.path("method").asText())).map(m -> m.get("params")).toList();
    }

    public static ObjectNode phase(String phase, ObjectNode context) {
        ObjectNode params = Json.object().put("phase", phase);
        params.set("context", context);
        return params;
    }
}
