package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The optional files list of a packet: filled by the built-in planner, asked of an external one, checked by validate. */
class PacketFilesTest {
    @TempDir
    Path temp;

    @Test
    void theBuiltInPlannerListsTheFilesItLocatedInEachChangePacketAndNoneInTheVerifyPacket() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("suite-once"));
        write(ws, "package.json", "{\"scripts\":{\"test\":\"node --test test/\",\"build\":\"node build.js\"}}");
        write(ws, "src/alpha/alpha.js", "function alphaScore(x) { return Math.round(x); }\nmodule.exports = { alphaScore };\n");
        write(ws, "test/alpha.test.js", "const { alphaScore } = require('../src/alpha/alpha');\n");
        write(ws, "src/beta/beta.js", "function betaScore(x) { return Math.round(x); }\nmodule.exports = { betaScore };\n");
        List<TaskPacket> packets = new BuiltInPlanner().plan("round alphaScore and betaScore up", facts(ws), null).packets();
        // the test the packet asks the agent to adjust is a file it changes too; beta has none yet (nothing to name)
        assertThat(packets).extracting(TaskPacket::files).containsExactly(List.of("src/alpha/alpha.js", "test/alpha.test.js"),
                List.of("src/beta/beta.js"));
        assertThat(packets.get(0).objective()).contains("Tests that cover it: test/alpha.test.js");
        assertThat(TaskPacket.toJson(packets).get(0).get("files").toString()).isEqualTo("[\"src/alpha/alpha.js\",\"test/alpha.test.js\"]");

        Path empty = Files.createDirectories(temp.resolve("nothing-matches"));
        write(empty, "package.json", "{\"scripts\":{\"test\":\"node --test test/\"}}");
        write(empty, "src/index.js", "module.exports = {};\n");
        List<TaskPacket> whole = new BuiltInPlanner().plan("support quantum teleportation", facts(empty), null).packets();
        // nothing located: the packet names no file rather than guessing one
        assertThat(whole).allSatisfy(p -> assertThat(p.toJson().has("files")).isFalse());
    }

    @Test
    void aTaskRefineAddsListsTheFilesTheBuiltInPlannerFindsForItOrSaysWhyItListsNone() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("refine"));
        write(ws, "package.json", "{\"scripts\":{\"test\":\"node --test test/\"}}");
        write(ws, "src/alpha/alpha.js", "function alphaScore(x) { return Math.round(x); }\nmodule.exports = { alphaScore };\n");
        write(ws, "test/alpha.test.js", "const { alphaScore } = require('../src/alpha/alpha');\n");
        write(ws, "src/beta/beta.js", "function betaScore(x) { return Math.round(x); }\nmodule.exports = { betaScore };\n");
        write(ws, "docs/guide.md", "# Guide\n");
        JsonNode packets = Json.parse(("[{'id':'t1','objective':'Round alphaScore up','scope':'module','scope_path':'src/alpha',"
                + "'acceptance_tests':['npm test'],'files':['src/alpha/alpha.js']}]").replace('\'', '"'));
        List<String> feedback = List.of("add a task to round betaScore up as well", "add a task to update `docs/guide.md`",
                "add a task to support quantum teleportation");
        List<String> requests = new ArrayList<>();
        for (int i = 0; i < feedback.size(); i++) {
            ObjectNode params = Json.object().put("feedback", feedback.get(i));
            params.set("packets", packets);
            params.putObject("context").put("cwd", ws.toString());
            requests.add(ServiceRun.request(i + 1, "refine", params));
        }
        ServiceRun run = ServiceRun.of(temp, List.of(), requests.toArray(String[]::new));
        // the new task's words located beta (the planner's files for it); the given packet keeps its own list
        JsonNode beta = run.response(1).get("result");
        assertThat(beta.get(0).get("files").toString()).isEqualTo("[\"src/alpha/alpha.js\"]");
        assertThat(beta.get(1).get("files").toString()).isEqualTo("[\"src/beta/beta.js\"]");
        // a file the feedback names is the file it changes
        assertThat(run.response(2).get("result").get(1).get("files").toString()).isEqualTo("[\"docs/guide.md\"]");
        // nothing matches: no guessed file, and the plan says why
        JsonNode none = run.response(3).get("result").get(1);
        assertThat(none.has("files")).isFalse();
        assertThat(run.notifications("plan_created").get(2).get("params").get("warnings").toString())
                .contains("The new task t2 lists no files: no file's name or content matched its words");
    }

    @Test
    void aNewScopeDropsTheFilesChosenForTheOldOne() {
        TaskPacket packet = new TaskPacket("t1", "x", "change a", null, "module", "src/a", List.of("make test"), List.of(),
                null, null, null, null).withFiles(List.of("src/a/a.js", "../outside.js", "-x"));
        assertThat(packet.files()).containsExactly("src/a/a.js"); // what is not a workspace path is never written
        assertThat(packet.withScope("single_file", "src/a").files()).containsExactly("src/a/a.js");
        assertThat(packet.withScope("module", "src/b").files()).isEmpty();
    }

    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource(delimiter = '|', value = {
        "Create src/theme/dark.css with the dark palette.                   | src/theme/dark.css | true",
        "Add a new file dark.css next to the theme.                         | src/theme/dark.css | true",
        "Write test/dark.test.js that fails before the change.              | test/dark.test.js  | true",
        "Change src/theme/dark.css so the palette is darker.                | src/theme/dark.css | false",
        "Create a toggle. Then change src/theme/dark.css.                   | src/theme/dark.css | false",
        "Make the change in src/a.js that this objective needs.             | src/b.js           | false",
    })
    void aPacketSaysItCreatesAFileOnlyInASentenceThatNamesIt(String text, String file, boolean creates) {
        assertThat(ExpectedFiles.saysItCreates(text, file)).isEqualTo(creates);
    }

    @Test
    void validateWarnsAboutAListedFileTheWorkspaceLacksUnlessThePacketCreatesItAndRefusesPathsOutsideIt() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("ws"));
        write(ws, "package.json", "{\"scripts\":{\"test\":\"node --test test/\"}}");
        write(ws, "src/theme/theme.js", "module.exports = {};\n");
        JsonNode packets = Json.parse(("[{'id':'a','objective':'Change src/theme/theme.js and create src/theme/dark.css.',"
                + "'scope':'module','scope_path':'src/theme','acceptance_tests':['npm test'],"
                + "'files':['src/theme/theme.js','src/theme/dark.css','src/theme/themes.js']},"
                + "{'id':'b','objective':'y','scope':'workspace','scope_path':'.','depends_on':['a'],'acceptance_tests':['npm test'],"
                + "'files':['../elsewhere/x.js']}]").replace('\'', '"'));
        ObjectNode params = Json.object();
        params.set("packets", packets);
        params.putObject("context").put("cwd", ws.toString());
        JsonNode result = ServiceRun.of(temp, List.of(), ServiceRun.request(1, "validate", params)).response(1).get("result");
        List<String> missing = new ArrayList<>();
        result.get("warnings").forEach(w -> {
            if (w.get("code").asText().equals("file_not_found")) {
                missing.add(w.get("path").asText() + " " + w.get("message").asText());
            }
        });
        assertThat(missing).containsExactly("/packets/0/files/2 Packet a lists the file src/theme/themes.js, which does not "
                + "exist in the workspace, and its objective does not say to create it; check the name before approving.");
        assertThat(result.get("valid").asBoolean()).isFalse();
        assertThat(result.get("errors").toString()).contains("/packets/1/files/0");
    }

    @Test
    void anExternalPlansMissingFileIsAWarningAndThePromptAsksForTheList() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("external"));
        write(ws, "src/a.js", "module.exports = {};\n");
        TaskPacket packet = new TaskPacket("t1", "x", "Fix src/a.js", null, "workspace", ".", List.of("node --test"), List.of(),
                null, null, null, null).withFiles(List.of("src/a.js", "src/b.js"));
        assertThat(PlanningService.externalPlanChecks(List.of(packet), "fix it", ws)).containsExactly(
                "Packet t1 lists the file src/b.js, which does not exist in the workspace, and its objective does not say to "
                        + "create it; check the name before approving.");
        String prompt = PlannerPrompt.decompose("fix it", facts(ws));
        assertThat(prompt).contains("- files lists the files the packet changes or creates").contains("\"files\"");
    }
}
