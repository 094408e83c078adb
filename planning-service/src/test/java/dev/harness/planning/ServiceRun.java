package dev.harness.planning;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harness.protocol.Json;
import dev.harness.protocol.ServiceLauncher;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the planning service in-process on given stdin lines and returns what it wrote, line by line. */
final class ServiceRun {
    final int exitCode;
    final List<JsonNode> lines;
    final String stderr;

    private ServiceRun(int exitCode, List<JsonNode> lines, String stderr) {
        this.exitCode = exitCode;
        this.lines = lines;
        this.stderr = stderr;
    }

    static ServiceRun of(Path serviceDir, List<String> args, String... requests) throws Exception {
        return of(Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"), "HOME", serviceDir.toString()),
                serviceDir, args, requests);
    }

    static ServiceRun of(Map<String, String> env, Path serviceDir, List<String> args, String... requests) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String input = String.join("\n", requests) + "\n";
        int code = ServiceLauncher.run(new PlanningService(env, serviceDir), args.toArray(String[]::new),
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out,
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                lines.add(Json.parse(line));
            }
        }
        return new ServiceRun(code, lines, err.toString(StandardCharsets.UTF_8));
    }

    static String request(Object id, String method, JsonNode params) {
        var node = Json.object();
        node.put("jsonrpc", "2.0");
        node.set("id", Json.toNode(id));
        node.put("method", method);
        node.set("params", params);
        return Json.write(node);
    }

    JsonNode response(Object id) {
        JsonNode wanted = Json.toNode(id);
        return lines.stream().filter(l -> l.has("id") && l.get("id").equals(wanted)).findFirst()
                .orElseThrow(() -> new AssertionError("no response with id " + id + " in " + lines));
    }

    int indexOfResponse(Object id) {
        return lines.indexOf(response(id));
    }

    List<JsonNode> notifications(String method) {
        return lines.stream().filter(l -> !l.has("id") && method.equals(l.path("method").asText())).toList();
    }
}
