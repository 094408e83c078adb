package dev.harness.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harness.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The packaged executable, launched through bin/planning-service like a person or the orchestrator would. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class PlanningServiceIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path LAUNCHER = ROOT.resolve("bin/planning-service");

    private record Result(int exit, String stdout, String stderr) {}

    private static Result run(String stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        Path err = Files.createTempFile("planning-it", ".err");
        Process p = new ProcessBuilder(command).directory(ROOT.toFile()).redirectError(err.toFile()).start();
        try (var in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
        String stderr = Files.readString(err);
        Files.delete(err);
        return new Result(p.exitValue(), out, stderr);
    }

    @Test
    void helpVersionAndBadArguments() throws Exception {
        Result help = run("", "--help");
        assertThat(help.exit).isZero();
        assertThat(help.stdout).contains("--planner-command", "HARNESS_PLANNER_COMMAND", "--planner-timeout", "--config");
        assertThat(run("", "--version").exit).isZero();
        Result bad = run("", "--planner-timeout", "0");
        assertThat(bad.exit).isEqualTo(2);
        assertThat(bad.stderr).contains("planner timeout");
    }

    @Test
    void stdoutCarriesOnlyProtocolLinesAndTheServiceSurvivesGarbage() throws Exception {
        String requests = String.join("\n",
                "{\"id\":1,\"method\":\"decompose\",\"params\":{\"objective\":\"add dark mode to the dashboard\",\"context\":{\"cwd\":\"examples/dashboard\"}}}",
                "this is not json",
                "{\"id\":2,\"method\":\"validate\",\"params\":{\"packets\":[]}}",
                "{\"id\":3,\"method\":\"plan_everything\"}") + "\n";
        Result result = run(requests);
        assertThat(result.exit).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : result.stdout.split("\n")) {
            lines.add(Json.parse(line)); // throws if anything but JSON reached stdout
        }
        assertThat(lines).extracting(l -> l.path("method").asText("")).contains("plan_created");
        assertThat(lines).anySatisfy(l -> assertThat(l.path("error").path("code").asInt()).isEqualTo(-32700));
        assertThat(lines).anySatisfy(l -> assertThat(l.path("error").path("code").asInt()).isEqualTo(-32601));
        assertThat(lines).noneMatch(l -> l.path("error").path("code").asInt() == -32603);
        JsonNode decompose = lines.stream().filter(l -> l.path("id").asInt() == 1).findFirst().orElseThrow();
        assertThat(decompose.get("result").size()).isBetween(3, 7);
        assertThat(result.stderr).contains("decompose: 3 packets by built_in");
    }

    @Test
    void theExamplesCheckPasses() throws Exception {
        boolean jq = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, "jq")));
        assumeTrue(jq, "examples/planning/check.sh needs jq");
        Process p = new ProcessBuilder(ROOT.resolve("examples/planning/check.sh").toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(out).doesNotContain("FAIL").contains("ok   refine: toggle no longer waits on the provider");
        assertThat(p.exitValue()).as(out).isZero();
    }
}
