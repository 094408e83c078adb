package dev.harness.bootstrap;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Real workspaces on disk for the tests: git repositories, instruction files, MCP configurations. */
public final class Workspaces {
    private Workspaces() {}

    public static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    /** git init + one commit, with an identity of its own (no global configuration needed). */
    public static Path gitRepo(Path dir) throws Exception {
        Files.createDirectories(dir);
        git(dir, "init", "-q", "-b", "main");
        write(dir.resolve("README.md"), "# repo\n");
        git(dir, "add", "README.md");
        git(dir, "-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "-q", "-m", "initial");
        return dir;
    }

    public static String git(Path dir, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("git", "-C", dir.toString()));
        argv.addAll(List.of(args));
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError("git " + argv + " failed: " + output);
        }
        return output;
    }

    public static ObjectNode context(Path cwd) {
        return Json.object().put("cwd", cwd.toString());
    }

    /** An .mcp.json with one stdio server given as command + args. */
    public static Path mcpJson(Path dir, String name, String command, String... args) throws IOException {
        ObjectNode server = Json.object().put("command", command);
        var argArray = server.putArray("args");
        for (String arg : args) {
            argArray.add(arg);
        }
        ObjectNode root = Json.object();
        root.putObject("mcpServers").set(name, server);
        return write(dir.resolve(".mcp.json"), Json.write(root));
    }

    /** The sample workspace's MCP server script, shipped in the repository. */
    public static Path exampleServer() {
        Path script = Path.of("..", "examples", "dashboard", "tools", "mcp-echo-server.js").toAbsolutePath().normalize();
        if (!Files.isRegularFile(script)) {
            throw new AssertionError("the sample MCP server is missing: " + script);
        }
        return script;
    }

    public static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    public static int lines(Path file) throws IOException {
        return Files.isRegularFile(file) ? Files.readAllLines(file).size() : 0;
    }
}
