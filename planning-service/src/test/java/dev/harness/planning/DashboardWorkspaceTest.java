package dev.harness.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.harness.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "done when": against a copy of examples/dashboard, "add dark mode to the dashboard"
 * gives packets whose scope paths exist, whose depends_on is a DAG with parallel work (the theme and
 * the settings do not import each other), and whose acceptance tests are the workspace's real
 * commands narrowed to the covering tests — run here, for real.
 */
class DashboardWorkspaceTest {
    private static final Path EXAMPLE = Path.of("..", "examples", "dashboard");

    @TempDir
    Path temp;

    private Path copyOfExample() throws Exception {
        Path copy = temp.resolve("dashboard");
        try (Stream<Path> files = Files.walk(EXAMPLE)) {
            for (Path source : files.filter(p -> !p.toString().contains("node_modules")).toList()) {
                Path target = copy.resolve(EXAMPLE.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        return copy;
    }

    private static boolean onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, command)));
    }

    private static int sh(String command, Path dir) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        if (p.exitValue() != 0) {
            System.err.println("$ " + command + "\n" + output);
        }
        return p.exitValue();
    }

    private ArrayNode decompose(Path workspace) throws Exception {
        var params = Json.object().put("objective", "add dark mode to the dashboard");
        params.putObject("context").put("cwd", workspace.toString());
        ServiceRun run = ServiceRun.of(Map.of("PATH", System.getenv().getOrDefault("PATH", ""), "HOME", temp.toString()),
                temp, List.of(), ServiceRun.request(1, "decompose", params));
        assertThat(run.lines).noneMatch(l -> l.has("error"));
        return (ArrayNode) run.response(1).get("result");
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void acceptanceTestsAreRealCommandsThatPassHereAndFailWhenTheWorkIsBroken() throws Exception {
        assumeTrue(onPath("npm") && onPath("node"), "npm and node are needed to run the dashboard's checks");
        Path workspace = copyOfExample();
        ArrayNode packets = decompose(workspace);
        List<TaskPacket> plan = TaskPacket.fromJson(packets);

        assertThat(plan.size()).isBetween(1, 7);
        assertThat(PlanRules.check(packets).errors()).isEmpty();
        for (TaskPacket packet : plan) {
            assertThat(workspace.resolve(packet.scopePath())).as(packet.id() + " scope").exists();
            assertThat(packet.acceptanceTests()).as(packet.id()).isNotEmpty();
            for (String test : packet.acceptanceTests()) {
                assertThat(sh(test, workspace)).as(packet.id() + ": " + test).isZero();
            }
        }
        assertThat(plan.stream().flatMap(p -> p.acceptanceTests().stream()))
                .contains("npm test", "npm run build")
                .doesNotContain("npm run lint"); // lint judges style, not the change: only when the objective is about it
        // the places are found by names and contents: src/settings holds theme: 'light'
        assertThat(String.join("\n", plan.stream().map(TaskPacket::objective).toList()))
                .contains("src/dashboard/dashboard.js", "src/theme/theme.js", "src/settings/index.js");
        assertThat(plan.stream().map(TaskPacket::description).filter(java.util.Objects::nonNull))
                .anyMatch(d -> d.contains("src/settings/index.js:3 theme: 'light'"));

        long parallelPairs = 0;
        for (TaskPacket a : plan) {
            for (TaskPacket b : plan) {
                if (a.id().compareTo(b.id()) < 0 && !PlanRules.reaches(plan, a.id(), b.id()) && !PlanRules.reaches(plan, b.id(), a.id())) {
                    parallelPairs++;
                }
            }
        }
        assertThat(parallelPairs).as("packets that can run in parallel").isPositive();

        // the theme packet's check really checks: break the theme module and it fails
        TaskPacket theme = plan.stream().filter(p -> p.acceptanceTests().stream().anyMatch(t -> t.contains("test/theme.test.js")))
                .findFirst().orElseThrow();
        assertThat(theme.acceptanceTests()).as("narrowed to the covering tests").noneMatch(t -> t.equals("npm test"));
        Files.writeString(workspace.resolve("src/theme/theme.js"), "module.exports = {};\n");
        assertThat(theme.acceptanceTests()).anySatisfy(test -> assertThat(sh(test, workspace)).isNotZero());
    }

    @Test
    void theExampleCopyIsTheRealExample() throws Exception {
        // guards the test above against silently planning an empty copy
        Path workspace = copyOfExample();
        assertThat(workspace.resolve("package.json")).exists();
        JsonNode scripts = Json.parse(Files.readString(workspace.resolve("package.json"))).get("scripts");
        assertThat(scripts.has("test")).isTrue();
    }
}
