package dev.harness.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.Json;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The pluggable planner, driven by scripted fake planners from src/test/resources/planners. */
class ExternalPlannerTest {
    @TempDir
    Path temp;
    Path workspace;

    @BeforeEach
    void setUp() throws Exception {
        workspace = temp.resolve("ws");
        Files.createDirectories(workspace.resolve("src/theme"));
        Files.createDirectories(workspace.resolve("src/dashboard"));
        Files.writeString(workspace.resolve("package.json"), "{\"scripts\":{\"test\":\"node --test test/\",\"build\":\"node b.js\"}}");
        Files.writeString(workspace.resolve("src/theme/theme.js"), "");
    }

    /** Copies a fake planner out of the class path and makes it executable (resources lose their mode bits). */
    private String planner(String name) throws Exception {
        Path script = temp.resolve(name);
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("planners/" + name)) {
            Files.copy(in, script);
        }
        assertThat(script.toFile().setExecutable(true)).isTrue();
        return script.toString();
    }

    private ObjectNode decompose(String objective) {
        ObjectNode params = Json.object().put("objective", objective);
        params.putObject("context").put("cwd", workspace.toString());
        return params;
    }

    private JsonNode plan(ServiceRun run) {
        assertThat(run.lines).noneMatch(l -> l.path("error").path("code").asInt() == -32603);
        List<JsonNode> plans = run.notifications("plan_created");
        assertThat(plans).hasSize(1);
        return plans.get(0).get("params");
    }

    @Test
    void goodPlannerOutputInsideClaudesResultWrapperIsUsed() throws Exception {
        ServiceRun run = ServiceRun.of(temp, List.of("--planner-command", planner("good.sh")),
                ServiceRun.request(1, "decompose", decompose("add dark mode to the dashboard")));
        JsonNode plan = plan(run);
        assertThat(plan.get("planner").asText()).isEqualTo("external");
        JsonNode result = run.response(1).get("result");
        assertThat(result).hasSize(3);
        assertThat(result.get(2).get("depends_on").toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat(result.get(0).get("commit_policy").asText()).isEqualTo("single verified commit"); // filled in
        String prompt = Files.readString(workspace.resolve("planner-prompt.txt"));
        assertThat(prompt).contains("add dark mode to the dashboard", "npm test", "npm run build", "src/theme",
                "TaskPacket JSON Schema", "\"acceptance_tests\"", "Plan rules");
        // where the code is, how to check it narrowly, and the rules a reviewer applies
        assertThat(prompt).contains("Where the objective's words are", "src/theme/theme.js", "Full suite, build and lint (run once, at the end)",
                "One packet per coherent change", "a test that fails before the change", "\"verification\"",
                "Never use a check that passes on an unchanged workspace");
    }

    @Test
    void scopePathsTheWorkspaceLacksAreFlagged() throws Exception {
        Files.delete(workspace.resolve("src/dashboard"));
        ServiceRun run = ServiceRun.of(temp, List.of("--planner-command", planner("good.sh")),
                ServiceRun.request(1, "decompose", decompose("add dark mode to the dashboard")));
        assertThat(plan(run).get("warnings").toString()).contains("Packet b's scope_path src/dashboard does not exist")
                .doesNotContain("src/theme does not exist");
    }

    @Test
    void badThenGoodIsRetriedWithTheErrorsInThePrompt() throws Exception {
        ServiceRun run = ServiceRun.of(temp, List.of("--planner-command", "sh " + ShellQuote.quote(planner("bad-then-good.sh"))),
                ServiceRun.request(1, "decompose", decompose("add dark mode to the dashboard")));
        JsonNode plan = plan(run);
        assertThat(plan.get("planner").asText()).isEqualTo("external");
        assertThat(plan.get("warnings").toString()).contains("first answer was rejected");
        assertThat(run.response(1).get("result")).hasSize(3);
        String secondPrompt = Files.readString(workspace.resolve("planner-prompt.txt"));
        assertThat(secondPrompt).contains("previous answer was rejected", "Dependency cycle: a → b → a");
    }

    @Test
    void alwaysBadFallsBackToTheBuiltInPlannerWithAWarning() throws Exception {
        ServiceRun run = ServiceRun.of(temp, List.of("--planner-command", planner("always-bad.sh")),
                ServiceRun.request(1, "decompose", decompose("add dark mode to the dashboard")));
        JsonNode plan = plan(run);
        assertThat(plan.get("planner").asText()).isEqualTo("built_in");
        assertThat(plan.get("warnings").get(0).asText())
                .contains("external planner (always-bad.sh) failed", "rejected twice", "no JSON array");
        assertThat(run.response(1).get("result").size()).isBetween(1, 7);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aHangingPlannerIsKilledWithItsChildrenAndTheBuiltInPlannerAnswers() throws Exception {
        ServiceRun run = ServiceRun.of(temp, List.of("--planner-command", planner("hang.sh"), "--planner-timeout", "1"),
                ServiceRun.request(1, "decompose", decompose("add dark mode to the dashboard")));
        JsonNode plan = plan(run);
        assertThat(plan.get("planner").asText()).isEqualTo("built_in");
        assertThat(plan.get("warnings").get(0).asText()).contains("did not answer within 1 s");
        long child = Long.parseLong(Files.readString(workspace.resolve("planner-child.pid")).strip());
        assertThat(running(child)).as("the planner's child process was left running").isFalse();
    }

    /** Alive and not a zombie waiting for a parent (in a container, pid 1 may be slow to reap orphans). */
    private static boolean running(long pid) throws Exception {
        for (int i = 0; i < 50; i++) {
            Path stat = Path.of("/proc/" + pid + "/stat");
            boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            if (!alive || (Files.exists(stat) && Files.readString(stat).replaceFirst("^.*\\) ", "").startsWith("Z"))) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    @Test
    void unknownPlannerCommandFallsBack() throws Exception {
        ServiceRun run = ServiceRun.of(temp, List.of("--planner-command", temp.resolve("no-such-planner").toString()),
                ServiceRun.request(1, "decompose", decompose("add dark mode to the dashboard")));
        assertThat(plan(run).get("warnings").get(0).asText()).contains("could not be started");
    }

    @Test
    void feedbackTheRulesDoNotUnderstandGoesToTheExternalPlanner() throws Exception {
        ObjectNode params = Json.object().put("feedback", "make the whole thing feel more premium");
        params.set("packets", Json.parse("[{\"id\":\"x\",\"title\":\"Theme\",\"objective\":\"Add a palette\",\"scope\":\"workspace\","
                + "\"acceptance_tests\":[\"npm test\"]}]"));
        params.putObject("context").put("cwd", workspace.toString());
        ServiceRun run = ServiceRun.of(temp, List.of("--planner-command", planner("good.sh")), ServiceRun.request(1, "refine", params));
        JsonNode plan = plan(run);
        assertThat(plan.get("planner").asText()).isEqualTo("external");
        assertThat(Files.readString(workspace.resolve("planner-prompt.txt"))).contains("make the whole thing feel more premium",
                "Current plan", "\"Add a palette\"");
    }

    @Test
    void configFileNamesThePlanner() throws Exception {
        Path config = temp.resolve("planning.yaml");
        Files.writeString(config, "planner_command: [\"sh\", \"" + planner("good.sh") + "\"]\nplanner_timeout: 30\n");
        ServiceRun run = ServiceRun.of(temp, List.of("--config", config.toString()),
                ServiceRun.request(1, "decompose", decompose("add dark mode to the dashboard")));
        assertThat(plan(run).get("planner").asText()).isEqualTo("external");

        // the default location under the user's config directory (HOME is temp in these runs)
        Files.createDirectories(temp.resolve(".config/harness"));
        Files.writeString(temp.resolve(".config/harness/planning.yaml"), "planner_command: sh " + planner("always-bad.sh").replace("always-bad.sh", "") + "always-bad.sh\n");
        ServiceRun fromDefault = ServiceRun.of(temp, List.of(), ServiceRun.request(1, "decompose", decompose("add dark mode")));
        assertThat(plan(fromDefault).get("warnings").get(0).asText()).contains("external planner (sh) failed");
    }

    @Test
    void plannerOutputFormats() throws Exception {
        String packet = "{\"id\":\"a\",\"objective\":\"x\",\"scope\":\"workspace\",\"acceptance_tests\":[\"make test\"]}";
        assertThat(PlannerOutput.packets("[" + packet + "]")).hasSize(1);
        assertThat(PlannerOutput.packets("{\"packets\":[" + packet + "," + packet + "]}")).hasSize(2);
        assertThat(PlannerOutput.packets("Plan:\n```json\n[" + packet + "]\n```\nBye")).hasSize(1);
        assertThat(PlannerOutput.packets("Sure, here you go: [" + packet + "] Hope that helps [1]")).hasSize(1);
        assertThat(PlannerOutput.packets(Json.write(Json.object().put("type", "result").put("result", "```json\n{\"packets\":[" + packet + "]}\n```"))))
                .hasSize(1);
        assertThatThrownBy(() -> PlannerOutput.packets("{\"type\":\"result\",\"is_error\":true,\"result\":\"Credit balance is too low\"}"))
                .hasMessageContaining("reported an error").hasMessageContaining("Credit balance");
        assertThatThrownBy(() -> PlannerOutput.packets("I think you should start with the theme."))
                .hasMessageContaining("no JSON array");
        assertThatThrownBy(() -> PlannerOutput.packets("")).hasMessageContaining("printed nothing");
    }
}
