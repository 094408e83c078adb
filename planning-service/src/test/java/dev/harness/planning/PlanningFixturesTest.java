package dev.harness.planning;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The built-in planner on the committed fixture projects (examples/planning-fixtures: node:test,
 * mocha, jest, vitest/TypeScript, ava, a Maven multi-module build, pytest with doctests, npm
 * workspaces, a Cargo workspace, a Go module). For each fixture's two objectives the plan must name
 * every file the written expectation says the change needs and use each expected check verbatim,
 * and the packets must equal the golden file (regenerate with -Dplanning.golden.update=true and
 * review the diff). bench/planning-eval.py runs the checks for real.
 */
class PlanningFixturesTest {
    private static final Path FIXTURES = Path.of("..", "examples", "planning-fixtures");
    private static final boolean UPDATE = Boolean.getBoolean("planning.golden.update");

    static Stream<String> fixtures() throws Exception {
        try (Stream<Path> files = Files.list(FIXTURES.resolve("expectations"))) {
            return files.map(f -> f.getFileName().toString().replaceFirst("\\.json$", "")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void plansNameTheExpectedFilesUseTheExpectedChecksAndMatchTheGolden(String fixture) throws Exception {
        JsonNode expectation = Json.parse(Files.readString(FIXTURES.resolve("expectations/" + fixture + ".json")));
        Path workspace = FIXTURES.resolve(expectation.get("fixture").asText()).toRealPath();
        ScanCache cache = new ScanCache(new WorkspaceScanner(WorkspaceScanner.DEFAULT_MAX_DEPTH, WorkspaceScanner.DEFAULT_MAX_ENTRIES),
                new ToolchainDetector(Map.of("PATH", "")), Duration.ZERO, Clock.systemUTC());
        WorkspaceFacts facts = cache.facts(workspace);
        ArrayNode golden = Json.array();
        for (JsonNode objective : expectation.get("objectives")) {
            String text = objective.get("objective").asText();
            List<TaskPacket> packets = new BuiltInPlanner().plan(text, facts, null).packets();
            ArrayNode json = TaskPacket.toJson(packets);
            assertThat(PlanRules.check(json).errors()).as(text).isEmpty();
            String objectives = String.join("\n", packets.stream().map(TaskPacket::objective).toList());
            for (JsonNode path : objective.get("expected_paths")) {
                assertThat(objectives).as(fixture + ": " + text + " names " + path.asText()).contains(path.asText());
            }
            List<String> checks = new ArrayList<>();
            packets.forEach(p -> checks.addAll(p.acceptanceTests()));
            for (JsonNode check : objective.get("expected_checks")) {
                assertThat(checks).as(fixture + ": " + text).contains(check.asText());
            }
            assertThat(PlanRules.check(json).warnings()).as(fixture + ": " + text)
                    .noneMatch(f -> f.code().equals("check_cannot_fail") || f.code().equals("check_rewrites_tree")
                            || f.code().equals("repeated_suite") || f.code().equals("maven_per_class"));
            ObjectNode entry = golden.addObject();
            entry.put("objective", text);
            entry.set("packets", json);
        }
        Path goldenFile = FIXTURES.resolve("golden/" + fixture + ".json");
        if (UPDATE) {
            Files.createDirectories(goldenFile.getParent());
            Files.writeString(goldenFile, golden.toPrettyString() + "\n", StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(goldenFile)).as(goldenFile + " (create it with -Dplanning.golden.update=true)").isTrue();
        assertThat(golden).isEqualTo(Json.parse(Files.readString(goldenFile)));
    }
}
