package dev.harness.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.Json;
import dev.harness.protocol.SchemaCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service on its wire, in-process: requests in, JSON lines out. */
class PlanningServiceTest {
    @TempDir
    Path temp;
    Path workspace;

    @BeforeEach
    void sampleWorkspace() throws Exception {
        workspace = temp.resolve("ws");
        write("package.json", "{\"scripts\":{\"test\":\"node --test test/\",\"lint\":\"node lint.js\"}}");
        write("src/dashboard/dashboard.js", "module.exports = {};\n");
        write("src/theme/theme.js", "module.exports = {};\n");
        write("src/components/header.js", "module.exports = {};\n");
        write("test/theme.test.js", "");
    }

    private void write(String relative, String content) throws Exception {
        Path file = workspace.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static ObjectNode decompose(String objective, Path cwd) {
        ObjectNode params = Json.object();
        params.put("objective", objective);
        if (cwd != null) {
            params.putObject("context").put("cwd", cwd.toString());
        }
        return params;
    }

    private static void assertNoInternalErrors(ServiceRun run) {
        assertThat(run.lines).noneMatch(l -> l.path("error").path("code").asInt() == -32603);
    }

    @Test
    void decomposeAnnouncesThePlanBeforeAnsweringWithPlannedPackets() throws Exception {
        ServiceRun run = ServiceRun.of(temp, List.of(), ServiceRun.request(1, "decompose", decompose("add dark mode to the dashboard", workspace)));
        assertThat(run.exitCode).isZero();
        assertNoInternalErrors(run);
        List<JsonNode> plans = run.notifications("plan_created");
        assertThat(plans).hasSize(1);
        assertThat(run.lines.indexOf(plans.get(0))).isLessThan(run.indexOfResponse(1));

        JsonNode result = run.response(1).get("result");
        assertThat(result.size()).isBetween(1, 7);
        assertThat(result.get(0).get("objective").asText()).contains("add dark mode to the dashboard");
        for (JsonNode packet : result) {
            assertThat(SchemaCatalog.shared().named("planned-task-packet").validate(packet)).isEmpty();
            assertThat(Files.exists(workspace.resolve(packet.get("scope_path").asText()))).isTrue();
        }
        Set<String> objectives = new HashSet<>();
        result.forEach(p -> objectives.add(p.get("objective").asText()));
        assertThat(String.join("\n", objectives)).contains("src/dashboard/", "src/theme/");

        JsonNode plan = plans.get(0).get("params");
        assertThat(plan.get("packets")).isEqualTo(result);
        assertThat(plan.get("planner").asText()).isEqualTo("built_in");
        assertThat(plan.get("workspace").asText()).isEqualTo(workspace.toRealPath().toString());
        assertThat(plan.get("digest").asText()).isEqualTo(dev.harness.protocol.json.Digest.ofJson(result));
        assertThat(plan.get("plan_id").asText()).startsWith("plan-");
    }

    @Test
    void sameObjectiveAndWorkspaceGiveTheSamePackets() throws Exception {
        String request = ServiceRun.request(1, "decompose", decompose("add dark mode to the dashboard", workspace));
        ServiceRun first = ServiceRun.of(temp, List.of(), request);
        ServiceRun second = ServiceRun.of(temp, List.of(), request);
        assertThat(second.response(1).get("result")).isEqualTo(first.response(1).get("result"));
    }

    @Test
    void blankObjectiveIsInvalidParamsAndTheServiceKeepsServing() throws Exception {
        ServiceRun run = ServiceRun.of(temp, List.of(),
                ServiceRun.request(1, "decompose", decompose("   \t ", workspace)),
                ServiceRun.request(2, "decompose", decompose("", workspace)),
                ServiceRun.request(3, "validate", Json.object().set("packets", Json.array())));
        assertThat(run.response(1).get("error").get("code").asInt()).isEqualTo(-32602);
        assertThat(run.response(2).get("error").get("code").asInt()).isEqualTo(-32602);
        assertThat(run.response(3).get("result").get("valid").asBoolean()).isFalse();
        assertThat(run.notifications("plan_created")).isEmpty();
    }

    @Test
    void missingWorkspaceIsADomainErrorNamingThePath() throws Exception {
        Path missing = temp.resolve("no-such-dir");
        ServiceRun run = ServiceRun.of(temp, List.of(), ServiceRun.request("a", "decompose", decompose("add x", missing)));
        JsonNode error = run.response("a").get("error");
        assertThat(error.get("code").asInt()).isEqualTo(-32001);
        assertThat(error.get("message").asText()).contains(missing.toString()).contains("does not exist");
        assertThat(error.get("data").get("path").asText()).isEqualTo(missing.toString());

        Files.writeString(temp.resolve("file"), "x");
        ServiceRun notDir = ServiceRun.of(temp, List.of(), ServiceRun.request(1, "decompose", decompose("add x", temp.resolve("file"))));
        assertThat(notDir.response(1).get("error").get("message").asText()).contains("is not a directory");
    }

    @Test
    void unreadableWorkspaceIsADomainError() throws Exception {
        Path locked = Files.createDirectory(temp.resolve("locked"));
        assertThat(locked.toFile().setReadable(false, false)).isTrue();
        try {
            assumeFalse(Files.isReadable(locked), "running as root: every directory is readable");
            ServiceRun run = ServiceRun.of(temp, List.of(), ServiceRun.request(1, "decompose", decompose("add x", locked)));
            JsonNode error = run.response(1).get("error");
            assertThat(error.get("code").asInt()).isEqualTo(-32001);
            assertThat(error.get("message").asText()).contains(locked.toString()).contains("cannot be read");
        } finally {
            locked.toFile().setReadable(true, false);
        }
    }

    @Test
    void workspaceFallsBackToContextWorkspaceWithTildeThenTheServiceDirectory() throws Exception {
        ObjectNode params = Json.object();
        params.put("objective", "add dark mode to the dashboard");
        params.putObject("context").put("workspace", "~/ws");
        // HOME of the service run is temp, so ~/ws is the sample workspace
        ServiceRun run = ServiceRun.of(temp, List.of(), ServiceRun.request(1, "decompose", params),
                ServiceRun.request(2, "decompose", decompose("add dark mode to the dashboard", null)));
        assertThat(run.notifications("plan_created").get(0).get("params").get("workspace").asText())
                .isEqualTo(workspace.toRealPath().toString());
        assertThat(run.notifications("plan_created").get(1).get("params").get("workspace").asText())
                .isEqualTo(temp.toRealPath().toString());
    }

    @Test
    void shellMetacharactersInTheObjectiveNeverReachACommand() throws Exception {
        Path marker = temp.resolve("pwned");
        String objective = "add dark mode'; touch " + marker + "; echo ' $(touch " + marker + ") `touch " + marker + "` && rm -rf ~";
        ServiceRun run = ServiceRun.of(temp, List.of(), ServiceRun.request(1, "decompose", decompose(objective, workspace)));
        assertNoInternalErrors(run);
        JsonNode result = run.response(1).get("result");
        assertThat(result.get(0).get("objective").asText()).contains(objective);
        for (JsonNode packet : result) {
            for (JsonNode test : packet.get("acceptance_tests")) {
                assertThat(test.asText()).doesNotContain("touch", "rm -rf", "$(", "`");
            }
        }
        assertThat(marker).doesNotExist();
    }

    @Test
    void pathsWithQuotesAreSingleQuotedInCommands() throws Exception {
        write("src/it's dashboard/x.js", "// the dashboard header\n");
        write("test/it's dashboard.test.js", "require(\"../src/it's dashboard/x\");\n");
        ServiceRun run = ServiceRun.of(temp, List.of(), ServiceRun.request(1, "decompose", decompose("polish the dashboard header", workspace)));
        List<String> tests = new ArrayList<>();
        run.response(1).get("result").forEach(p -> p.get("acceptance_tests").forEach(t -> tests.add(t.asText())));
        assertThat(tests).contains("node --test 'test/it'\\''s dashboard.test.js'");
    }

    @Test
    void aOneMegabyteObjectiveIsPlannedWithShortTitles() throws Exception {
        StringBuilder big = new StringBuilder("Add dark mode to the dashboard. ");
        while (big.length() < 1_000_000) {
            big.append("The palette must meet contrast guidelines for every widget and chart. ");
        }
        ServiceRun run = ServiceRun.of(temp, List.of(), ServiceRun.request(1, "decompose", decompose(big.toString(), workspace)));
        assertNoInternalErrors(run);
        JsonNode result = run.response(1).get("result");
        assertThat(result.size()).isBetween(1, 7);
        for (JsonNode packet : result) {
            assertThat(packet.get("title").asText().length()).isLessThanOrEqualTo(120);
            assertThat(packet.get("objective").asText().length()).isLessThan(ObjectiveText.QUOTE_CHARS + 600);
        }
        JsonNode plan = run.notifications("plan_created").get(0).get("params");
        assertThat(plan.get("objective").asText()).hasSize(big.length());
        assertThat(plan.get("warnings").toString()).contains("characters long");
    }

    @Test
    void emptyWorkspaceStillGetsARealPlanAndSaysWhatItCouldNotDetect() throws Exception {
        Path empty = Files.createDirectory(temp.resolve("empty"));
        ServiceRun run = ServiceRun.of(temp, List.of(), ServiceRun.request(1, "decompose", decompose("write a CLI that greets people", empty)));
        assertNoInternalErrors(run);
        JsonNode result = run.response(1).get("result");
        // nothing can check the work here, and the plan says so instead of a check that passes anyway
        assertThat(result.size()).isEqualTo(1);
        assertThat(result.get(0).get("acceptance_tests")).isEmpty();
        assertThat(result.get(0).get("verification").asText()).isEqualTo("unverifiable");
        String warnings = run.notifications("plan_created").get(0).get("params").get("warnings").toString();
        assertThat(warnings).contains("is empty").contains("No test command detected").contains("t1 is unverifiable");
        // one line per fact: the reason once (no test command), the consequence once (unverifiable)
        assertThat(warnings.split("unverifiable", -1)).hasSize(2);
        assertThat(warnings).doesNotContain("has no acceptance tests");
    }

    @Test
    void monorepoSubprojectsBringTheirOwnCommands() throws Exception {
        Path mono = temp.resolve("mono");
        Files.createDirectories(mono.resolve("frontend/src/theme"));
        Files.createDirectories(mono.resolve("frontend/test"));
        Files.createDirectories(mono.resolve("backend/src/main/java/acme/billing"));
        Files.writeString(mono.resolve("frontend/package.json"), "{\"scripts\":{\"test\":\"node --test test/\"}}");
        Files.writeString(mono.resolve("frontend/src/theme/theme.js"), "exports.dark = {background: '#000'};\n");
        Files.writeString(mono.resolve("frontend/test/theme.test.js"),
                "const test = require('node:test'); const assert = require('node:assert');\n"
                        + "test('dark', () => assert.strictEqual(require('../src/theme/theme').dark.background, '#000'));\n");
        Files.writeString(mono.resolve("backend/pom.xml"), "<project/>");
        ServiceRun run = ServiceRun.of(temp, List.of(), ServiceRun.request(1, "decompose", decompose("add a dark theme", mono)));
        assertNoInternalErrors(run);
        JsonNode theme = null;
        for (JsonNode p : run.response(1).get("result")) {
            if (p.get("objective").asText().contains("frontend/src/theme/theme.js")) {
                theme = p;
            }
        }
        assertThat(theme).isNotNull();
        assertThat(theme.get("scope_path").asText()).isEqualTo("frontend");
        assertThat(theme.get("acceptance_tests").get(0).asText()).isEqualTo("cd 'frontend' && node --test 'test/theme.test.js'");
        assertThat(run.notifications("plan_created").get(0).get("params").get("warnings").toString())
                .contains("subprojects with their own: backend (maven), frontend (npm (node --test))");
        boolean node = java.util.stream.Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, "node")));
        if (node) { // the command really runs that one test, from the workspace root
            Process p = new ProcessBuilder("sh", "-c", theme.get("acceptance_tests").get(0).asText()).directory(mono.toFile())
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            assertThat(p.waitFor()).isZero();
            Files.writeString(mono.resolve("frontend/src/theme/theme.js"), "exports.dark = {background: '#fff'};\n");
            Process broken = new ProcessBuilder("sh", "-c", theme.get("acceptance_tests").get(0).asText()).directory(mono.toFile())
                    .redirectErrorStream(true).start();
            broken.getInputStream().readAllBytes();
            assertThat(broken.waitFor()).isNotZero();
        }
    }

    @Test
    void maxPacketsIsRespected() throws Exception {
        ObjectNode params = decompose("add dark mode to the dashboard header", workspace);
        ((ObjectNode) params.get("context")).put("max_packets", 3);
        ServiceRun run = ServiceRun.of(temp, List.of(), ServiceRun.request(1, "decompose", params));
        assertThat(run.response(1).get("result").size()).isLessThanOrEqualTo(3);
    }

    @Test
    void refineTheFirstClientsExampleAndAnnounceTheRevisedPlan() throws Exception {
        JsonNode packets = Json.parse(("[{'objective':'Add a theme context provider','scope':'module','scope_path':'src/theme',"
                + "'acceptance_tests':['npm test'],'commit_policy':'single verified commit','escalation_policy':'ask'},"
                + "{'objective':'Add a theme toggle UI','scope':'module','scope_path':'src/components','acceptance_tests':['npm test'],"
                + "'depends_on':['t1'],'commit_policy':'single verified commit','escalation_policy':'ask'}]").replace('\'', '"'));
        ObjectNode params = Json.object();
        params.set("packets", packets);
        params.put("feedback", "Please prioritize the toggle UI over the context provider");
        ServiceRun run = ServiceRun.of(temp, List.of(), ServiceRun.request(1, "refine", params));
        assertNoInternalErrors(run);
        JsonNode result = run.response(1).get("result");
        JsonNode toggle = null;
        for (JsonNode p : result) {
            if (p.get("scope_path").asText().equals("src/components")) {
                toggle = p;
            }
        }
        assertThat(toggle).isNotNull();
        assertThat(toggle.get("depends_on")).isEmpty();
        assertThat(result.get(0)).isEqualTo(toggle);
        assertThat(run.notifications("plan_created")).hasSize(1);
        assertThat(run.lines.indexOf(run.notifications("plan_created").get(0))).isLessThan(run.indexOfResponse(1));
    }

    @Test
    void refineErrorsAreDomainErrors() throws Exception {
        JsonNode packets = Json.parse(("[{'id':'a','title':'Provider','objective':'Add a provider','scope':'workspace','acceptance_tests':['npm test']},"
                + "{'id':'b','title':'Toggle','objective':'Add a toggle','scope':'workspace','acceptance_tests':['npm test'],'depends_on':['a']}]")
                .replace('\'', '"'));
        ObjectNode gibberish = Json.object().put("feedback", "make it pop");
        gibberish.set("packets", packets);
        ObjectNode cycle = Json.object().put("feedback", "the provider should wait for the toggle");
        cycle.set("packets", packets);
        ServiceRun run = ServiceRun.of(temp, List.of(), ServiceRun.request(1, "refine", gibberish), ServiceRun.request(2, "refine", cycle));
        assertThat(run.response(1).get("error").get("code").asInt()).isEqualTo(-32002);
        assertThat(run.response(1).get("error").get("message").asText()).contains("Could not understand 'make it pop'");
        assertThat(run.response(2).get("error").get("code").asInt()).isEqualTo(-32003);
        assertThat(run.response(2).get("error").get("message").asText()).contains("a → b → a");
        assertThat(run.notifications("plan_created")).isEmpty();
    }

    @Test
    void validateReportsFindingsWithoutRaising() throws Exception {
        JsonNode packets = Json.parse(("[{'id':'a','objective':'x in src/x','scope':'module','acceptance_tests':['npm test'],'depends_on':['c']},"
                + "{'id':'a','objective':'y in src/y','scope':'workspace','acceptance_tests':[]},"
                + "{'id':'c','objective':'z in src/z','scope':'workspace','acceptance_tests':['npm test'],'depends_on':['a','nope']},"
                + "{'id':'d','objective':42,'scope':'workspace','acceptance_tests':['npm test']}]").replace('\'', '"'));
        ServiceRun run = ServiceRun.of(temp, List.of(), ServiceRun.request(1, "validate", Json.object().set("packets", packets)));
        JsonNode result = run.response(1).get("result");
        assertThat(result.get("valid").asBoolean()).isFalse();
        List<String> codes = new ArrayList<>();
        result.get("errors").forEach(e -> codes.add(e.get("code").asText()));
        assertThat(codes).contains("missing_scope_path", "duplicate_id", "unknown_dependency", "cycle", "schema");
        assertThat(result.get("errors").toString()).contains("a → c → a").contains("/packets/3/objective");
        assertThat(result.get("warnings").toString()).contains("no_acceptance_tests");
    }

    @Test
    void validateWithTheWorkspaceWarnsAboutChecksNamingWhatTheProjectLacks() throws Exception {
        JsonNode packets = Json.parse(("[{'id':'a','objective':'x in src/theme','scope':'module','scope_path':'src/theme',"
                + "'acceptance_tests':['node --test test/theme.test.js','npm run lint']},"
                + "{'id':'b','objective':'y in src/dashboard','scope':'module','scope_path':'src/dashboard','depends_on':['a'],"
                + "'acceptance_tests':['npm run typecheck','make test','npm test']}]").replace('\'', '"'));
        ObjectNode params = Json.object();
        params.set("packets", packets);
        params.putObject("context").put("cwd", workspace.toString());
        ServiceRun run = ServiceRun.of(temp, List.of(), ServiceRun.request(1, "validate", params),
                ServiceRun.request(2, "validate", Json.object().set("packets", packets)));
        JsonNode result = run.response(1).get("result");
        assertThat(result.get("valid").asBoolean()).isTrue();
        List<String> cannotRun = new ArrayList<>();
        result.get("warnings").forEach(w -> {
            if (w.get("code").asText().equals("check_cannot_run")) {
                cannotRun.add(w.get("path").asText() + " " + w.get("message").asText());
            }
        });
        assertThat(cannotRun).containsExactly(
                "/packets/1/acceptance_tests/0 Packet b's check 'npm run typecheck' cannot run on this project: "
                        + "package.json has no \"typecheck\" script.",
                "/packets/1/acceptance_tests/1 Packet b's check 'make test' cannot run on this project: "
                        + "there is no Makefile in the workspace root.");
        // without a workspace only the plan rules apply
        assertThat(run.response(2).get("result").get("warnings").toString()).doesNotContain("check_cannot_run");
    }

    @Test
    void validateWithTheWorkspaceWarnsAboutChecksWhoseScriptRewritesTheTree() throws Exception {
        Path project = Files.createDirectories(temp.resolve("rewriting"));
        Files.writeString(project.resolve("package.json"), "{\"scripts\":{\"format\":\"prettier --write .\","
                + "\"test-api\":\"node --test\",\"test\":\"npm run format && npm run test-api\"}}");
        JsonNode packets = Json.parse(("[{'id':'a','objective':'x in src/theme','scope':'module','scope_path':'src',"
                + "'acceptance_tests':['npm run test-api','npm test']}]").replace('\'', '"'));
        ObjectNode params = Json.object();
        params.set("packets", packets);
        params.putObject("context").put("cwd", project.toString());
        JsonNode result = ServiceRun.of(temp, List.of(), ServiceRun.request(1, "validate", params)).response(1).get("result");
        List<String> rewrites = new ArrayList<>();
        result.get("warnings").forEach(w -> {
            if (w.get("code").asText().equals("check_rewrites_tree")) {
                rewrites.add(w.get("path").asText() + " " + w.get("message").asText());
            }
        });
        assertThat(rewrites).containsExactly("/packets/0/acceptance_tests/1 Packet a's acceptance test 'npm test' changes the "
                + "workspace: the \"format\" script runs 'prettier --write .' (a formatter); a check must only read it "
                + "(run the script's test steps).");
    }

    @Test
    void badCommandLineExitsTwo() throws Exception {
        assertThat(ServiceRun.of(temp, List.of("--planner-timeout", "soon")).exitCode).isEqualTo(2);
        assertThat(ServiceRun.of(temp, List.of("--planner-command", "claude 'unterminated")).exitCode).isEqualTo(2);
        assertThat(ServiceRun.of(temp, List.of("--config", temp.resolve("missing.yaml").toString())).exitCode).isEqualTo(2);
        assertThat(ServiceRun.of(temp, List.of("--scan-max-files", "0")).exitCode).isEqualTo(2);
    }
}
