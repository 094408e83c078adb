package dev.harness.worker;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Packets, fake agents and environments for the tests. */
public final class Fixtures {
    private Fixtures() {}

    /** Copies a fake agent script out of the test resources; returns its path. */
    public static Path agent(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        Path target = dir.resolve(name);
        try (InputStream in = Fixtures.class.getResourceAsStream("/agents/" + name)) {
            if (in == null) {
                throw new IOException("no test resource agents/" + name);
            }
            Files.write(target, in.readAllBytes());
        }
        target.toFile().setExecutable(true);
        return target;
    }

    /** An agent template that runs a script with sh (an argument list, as JSON). */
    public static String template(Path script, String... args) {
        ArrayNode argv = Json.array().add("sh").add(script.toString());
        for (String arg : args) {
            argv.add(arg);
        }
        return Json.write(argv);
    }

    public static ObjectNode packet(String objective, String... tests) {
        ObjectNode packet = Json.object();
        packet.put("objective", objective);
        packet.put("scope", "workspace");
        ArrayNode array = packet.putArray("acceptance_tests");
        for (String test : tests) {
            array.add(test);
        }
        return packet;
    }

    public static ObjectNode spawn(ObjectNode packet, Path workspace, String agent) {
        ObjectNode params = Json.object();
        params.set("task_packet", packet);
        params.put("workspace", workspace.toString());
        if (agent != null) {
            params.put("agent", agent);
        }
        return params;
    }

    public static ObjectNode id(String workerId) {
        ObjectNode params = Json.object();
        params.put("worker_id", workerId);
        return params;
    }

    public static ObjectNode with(ObjectNode node, String field, String value) {
        node.put(field, value);
        return node;
    }

    /** The test JVM's environment with HOME and the XDG directories moved into {@code home}. */
    public static Map<String, String> env(Path home) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("HOME", home.toString());
        env.remove("XDG_CONFIG_HOME");
        env.remove("XDG_STATE_HOME");
        env.remove("HARNESS_TRUST_POLICY");
        env.put("USER", "tester");
        return env;
    }

    public static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    /** Recipes that retry in milliseconds, so the suite never sleeps for seconds. */
    public static Path fastRecipes(Path dir) throws IOException {
        return write(dir.resolve("recipes.yaml"), String.join("\n", List.of(
                "recipes:",
                "  transient: {action: retry, max_retries: 2, backoff_ms: [10, 20]}",
                "")));
    }

    public static void git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", dir.toString(), "-c", "user.name=Test",
                "-c", "user.email=test@example.com"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("git " + String.join(" ", args) + " failed: " + out);
        }
    }

    public static String gitOut(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out.strip();
    }
}
