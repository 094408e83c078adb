package dev.harness.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harness.protocol.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The executables as a user runs them: from bin/, from an unrelated working directory, with
 * requests piped into stdin. Checks the wire promises of PROTOCOL.md on the real processes.
 */
class ExecutablesTest {
    private static final Path HOME = Paths.get(System.getProperty("harness.home")).toAbsolutePath().normalize();

    @TempDir
    static Path sandbox;

    /** What a run of an executable left: exit code, stdout lines, stderr. */
    record Run(int exitCode, String stdout, String stderr) {
        List<JsonNode> messages() {
            List<JsonNode> messages = new ArrayList<>();
            for (String line : stdout.split("\n")) {
                if (!line.isEmpty()) {
                    try {
                        messages.add(Json.parse(line));
                    } catch (IOException e) {
                        throw new AssertionError("stdout carried a line that is not JSON: " + line);
                    }
                }
            }
            return messages;
        }

        JsonNode response(Object id) {
            return messages().stream()
                    .filter(m -> m.has("id") && m.get("id").toString().equals(Json.write(id)))
                    .findFirst().orElseThrow(() -> new AssertionError("no response with id " + Json.write(id) + " in:\n" + stdout));
        }
    }

    @BeforeAll
    static void executablesAreBuilt() {
        for (String name : List.of("planning-service", "bootstrap-service", "worker-manager", "orchestrator")) {
            assertThat(HOME.resolve(name).resolve("target").resolve(name + ".jar"))
                    .as("%s is packaged (run the tests with `mvn verify`)", name).exists();
        }
    }

    static Run run(String executable, String stdin, String... args) throws Exception {
        return run(Map.of(), executable, stdin, args);
    }

    static Run run(Map<String, String> extraEnv, String executable, String stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(HOME.resolve("bin").resolve(executable).toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(sandbox.toFile());
        Map<String, String> env = builder.environment();
        env.put("HOME", sandbox.toString());
        env.put("LC_ALL", "C"); // a non-UTF-8 locale: the wire must stay UTF-8 anyway
        env.put("LANG", "C");
        env.put("XDG_CONFIG_HOME", sandbox.resolve("config").toString());
        env.put("XDG_STATE_HOME", sandbox.resolve("state").toString());
        env.put("HARNESS_WORKER_STATE_DIR", sandbox.resolve("workers").toString());
        env.putAll(extraEnv);
        Path err = Files.createTempFile(sandbox, executable, ".stderr");
        builder.redirectError(err.toFile());
        Process process = builder.start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(executable + " exited").isTrue();
        return new Run(process.exitValue(), stdout, Files.readString(err));
    }

    static String firstClientLines(String... methods) throws IOException {
        List<String> wanted = List.of(methods);
        return Files.readAllLines(HOME.resolve("examples/first-clients.jsonl")).stream()
                .filter(line -> !line.isBlank())
                .filter(line -> {
                    try {
                        return wanted.contains(Json.parse(line).path("method").asText());
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                })
                .collect(Collectors.joining("\n", "", "\n"));
    }

    static void assertAnsweredWithoutBug(Run run, Object id) {
        JsonNode response = run.response(id);
        assertThat(response.path("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(response.has("result") ^ response.has("error")).as("exactly one of result/error: " + response).isTrue();
        if (response.has("error")) {
            int code = response.path("error").path("code").asInt();
            assertThat(code).as("not a bug and not an unknown method: " + response)
                    .isNotIn(-32603, -32601, -32700, -32600);
            assertThat(response.path("error").path("message").asText()).isNotBlank();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"planning-service", "bootstrap-service", "worker-manager"})
    void discoversItsContractAndSurvivesMalformedInput(String service) throws Exception {
        Run run = run(service, String.join("\n",
                "{\"id\":1,\"method\":\"rpc.discover\"}",
                "this is not json",
                "{\"id\":2,\"method\":\"no_such_method\"}",
                "[]",
                "{\"jsonrpc\":\"1.0\",\"id\":3,\"method\":\"rpc.discover\"}",
                "{\"id\":\"4\",\"method\":\"rpc.discover\"}",
                ""));
        assertThat(run.exitCode()).isZero();
        assertThat(run.response(1).path("result").path("service").asText()).isEqualTo(service);
        List<JsonNode> messages = run.messages();
        assertThat(messages).hasSize(6);
        assertThat(messages.get(1).path("error").path("code").asInt()).isEqualTo(-32700);
        assertThat(run.response(2).path("error").path("code").asInt()).isEqualTo(-32601);
        assertThat(messages.get(3).path("error").path("code").asInt()).isEqualTo(-32600);
        assertThat(run.response(3).path("error").path("code").asInt()).isEqualTo(-32600);
        assertThat(run.response("4").path("result").path("service").asText()).isEqualTo(service);
    }

    @Test
    void aFlightRecordingStartedThroughTheJavaOptionsKeepsStdoutForTheProtocol() throws Exception {
        // the JVM writes JFR's "Started recording" lines to stdout whatever -Xlog says: the launcher moves them
        Path recording = sandbox.resolve("service.jfr");
        Run run = run(Map.of("HARNESS_JAVA_OPTS", "-XX:StartFlightRecording=filename=" + recording),
                "planning-service", "{\"id\":1,\"method\":\"rpc.discover\"}\n");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.messages()).hasSize(1); // every stdout line is JSON, else messages() fails naming it
        assertThat(run.response(1).path("result").path("service").asText()).isEqualTo("planning-service");
        assertThat(run.stderr()).contains("Started recording");
    }

    @Test
    void planningServiceAnswersTheFirstClientsLines() throws Exception {
        Run run = run("planning-service", firstClientLines("decompose", "refine"));
        assertThat(run.exitCode()).isZero();
        assertAnsweredWithoutBug(run, "1");
        assertAnsweredWithoutBug(run, "req-002");
    }

    @Test
    void bootstrapServiceAnswersTheFirstClientsLine() throws Exception {
        Run run = run("bootstrap-service", firstClientLines("execute_phase"));
        assertThat(run.exitCode()).isZero();
        assertAnsweredWithoutBug(run, "req-003");
    }

    @Test
    void workerManagerAnswersTheFirstClientsLines() throws Exception {
        Run run = run("worker-manager", firstClientLines("spawn_worker", "check_trust", "mark_trusted", "get_worker"));
        assertThat(run.exitCode()).isZero();
        for (String id : List.of("2", "req-006", "req-007", "req-008")) {
            assertAnsweredWithoutBug(run, id);
        }
        // the spawned worker's events are notifications, never answered and never mixed into a line
        assertThat(run.messages()).allSatisfy(m -> assertThat(m.has("id") || m.has("method")).isTrue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"planning-service", "bootstrap-service", "worker-manager", "orchestrator"})
    void helpVersionAndBadArguments(String executable) throws Exception {
        Run help = run(executable, "", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.stdout()).containsIgnoringCase("usage");
        Run version = run(executable, "", "--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.stdout()).contains("0.1.0");
        Run bad = run(executable, "", "--no-such-option");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.stderr()).isNotBlank();
    }

    @Test
    void nonAsciiRoundTripsThroughARealServiceWhateverTheLocale() throws Exception {
        String objective = "добавить тёмный режим — ダークモード 🌙";
        Run run = run("planning-service", "{\"id\":1,\"method\":\"decompose\",\"params\":{\"objective\":\""
                + objective + "\",\"context\":{\"cwd\":\"" + HOME.resolve("examples/dashboard") + "\"}}}\n");
        JsonNode response = run.response(1);
        assertThat(response.has("result")).as(response.toString()).isTrue();
        assertThat(run.stdout()).contains(objective);
    }
}
