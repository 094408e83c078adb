package dev.harness.orchestrator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.Json;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real installation (bin/orchestrator, which starts the three real services) on a
 * temporary copy of examples/dashboard, as a person or a script would.
 */
abstract class E2E {
    static final Path ROOT = root();
    static final Path ORCHESTRATOR = ROOT.resolve("bin/orchestrator");
    static final Path AGENTS = ROOT.resolve("examples/orchestrator/agents");
    static final Path FAST_RECIPES = ROOT.resolve("examples/orchestrator/recipes-fast.yaml");
    static final Duration LIMIT = Duration.ofSeconds(90);
    private static final Pattern RUN_ID = Pattern.compile("Run (\\d{8}-\\d{6}-[0-9a-z]+)");

    @TempDir
    Path temp;

    /** The project root (maven.multiModuleProjectDirectory); from inside orchestrator/ that is its parent. */
    private static Path root() {
        Path given = Path.of(System.getProperty("harness.root", "..")).toAbsolutePath().normalize();
        return Files.exists(given.resolve("bin/orchestrator")) || given.getParent() == null ? given : given.getParent();
    }

    Path workspace;
    Path scratch;

    /** What one invocation did. */
    record Result(int exit, String stdout, String stderr) {
        String all() {
            return stdout + stderr;
        }

        String runId() {
            Matcher m = RUN_ID.matcher(all());
            assertThat(m.find()).as("a run id in the output:%n%s", all()).isTrue();
            return m.group(1);
        }
    }

    void copyDashboard() {
        workspace = temp.resolve("dashboard");
        scratch = temp.resolve("scratch");
        copyTree(ROOT.resolve("examples/dashboard"), workspace);
        try {
            Files.createDirectories(scratch);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void copyTree(Path from, Path to) {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                if (source.toString().contains("node_modules") || source.toString().contains(".harness")) {
                    continue;
                }
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Result orchestrator(String... args) {
        return orchestrator(Map.of(), List.of(args));
    }

    private static boolean built;

    /**
     * During `mvn verify` on a fresh clone the orchestrator's jar does not exist yet, so the first
     * bin/orchestrator builds the harness (minutes on a busy machine). That happens once, here, under
     * its own generous bound, so that {@link #LIMIT} measures a run and never the build.
     */
    @BeforeAll
    static synchronized void ensureBuilt() {
        if (built) {
            return;
        }
        try {
            Process process = new ProcessBuilder(ORCHESTRATOR.toString(), "--version")
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            if (!process.waitFor(30, TimeUnit.MINUTES)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError("building the harness did not finish within 30 minutes");
            }
            assertThat(process.exitValue()).as("bin/orchestrator --version (which builds what is missing)").isZero();
            built = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    Result orchestrator(Map<String, String> env, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(ORCHESTRATOR.toString());
        command.addAll(args);
        try {
            Path out = Files.createTempFile(temp, "out", ".txt");
            Path err = Files.createTempFile(temp, "err", ".txt");
            Process process = start(command, env, out, err);
            if (!process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError("orchestrator did not finish within " + LIMIT + ": " + command
                        + "\n" + Files.readString(out) + Files.readString(err));
            }
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    Process start(List<String> command, Map<String, String> env, Path out, Path err) throws IOException {
        ensureBuilt();
        ProcessBuilder builder = new ProcessBuilder(command).directory(temp.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        Map<String, String> environment = builder.environment();
        environment.remove("HARNESS_TRUST_POLICY");
        environment.put("XDG_CONFIG_HOME", temp.resolve("config").toString()); // no user policy leaks in
        environment.put("HOME", temp.resolve("home").toString());
        environment.put("XDG_STATE_HOME", temp.resolve("state").toString()); // runs and worktrees: outside the workspace
        environment.putAll(env);
        return builder.start();
    }

    /** A plan file of packets {id, title, tests, deps}; the rest as the planner would fill it. */
    Path planFile(ObjectNode... packets) {
        ArrayNode plan = Json.array();
        for (ObjectNode packet : packets) {
            plan.add(packet);
        }
        try {
            Path file = Files.createTempFile(temp, "plan", ".json");
            Files.writeString(file, Json.write(plan));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode packet(String id, String title, List<String> tests, String... deps) {
        ObjectNode packet = Json.object();
        packet.put("id", id);
        packet.put("title", title);
        packet.put("objective", title + " in the dashboard workspace");
        packet.put("scope", "workspace");
        packet.putNull("scope_path");
        packet.set("acceptance_tests", Json.toNode(tests));
        packet.set("depends_on", Json.toNode(List.of(deps)));
        packet.put("commit_policy", "none");
        packet.put("escalation_policy", "ask");
        return packet;
    }

    String agent(String script, String... args) {
        return AGENTS.resolve(script) + (args.length == 0 ? "" : " " + String.join(" ", args));
    }

    /** Where the orchestrator keeps this workspace's runs by default (outside the workspace). */
    Path stateDir() {
        return dev.harness.orchestrator.runlog.RunDirectory.defaultStateDir(workspace,
                Map.of("XDG_STATE_HOME", temp.resolve("state").toString()));
    }

    Path runDir(String runId) {
        return stateDir().resolve(runId);
    }

    List<JsonNode> events(String runId) {
        try {
            List<JsonNode> events = new ArrayList<>();
            for (String line : Files.readAllLines(runDir(runId).resolve("events.jsonl"), StandardCharsets.UTF_8)) {
                events.add(Json.parse(line));
            }
            return events;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<JsonNode> events(String runId, String kind) {
        return events(runId).stream().filter(e -> e.path("kind").asText().equals(kind)).toList();
    }

    List<JsonNode> events(String runId, String kind, String taskId) {
        return events(runId, kind).stream().filter(e -> e.path("task_id").asText().equals(taskId)).toList();
    }

    JsonNode last(String runId, String kind) {
        List<JsonNode> found = events(runId, kind);
        assertThat(found).as("a %s event", kind).isNotEmpty();
        return found.get(found.size() - 1);
    }

    static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }
}
