package dev.harness.planning;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Answers kept to save planning time (issue 15) are the answers computing them again gives: the
 * classifiers of paths and commands asked twice, a check's usability asked twice within one scan
 * and anew after a rescan, and whole plans asked again, interleaved, in one service.
 */
class KeptAnswersTest {
    @TempDir
    Path temp;

    @Test
    void anAnswerIsComputedOnceKeptEvenWhenNullAndForgottenWhenTheBoundIsReached() {
        AtomicInteger computed = new AtomicInteger();
        KeptAnswers<String> kept = new KeptAnswers<>(2, s -> {
            computed.incrementAndGet();
            return s.startsWith("n") ? null : s.toUpperCase();
        });
        assertThat(kept.get("a")).isEqualTo("A");
        assertThat(kept.get("a")).isEqualTo("A");
        assertThat(kept.get("no")).isNull();
        assertThat(kept.get("no")).isNull();
        assertThat(computed).hasValue(2);
        assertThat(kept.get("b")).isEqualTo("B"); // full: starts over with this one
        assertThat(kept.size()).isEqualTo(1);
        assertThat(kept.get("a")).isEqualTo("A");
        assertThat(computed).hasValue(4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"src/a.js", "test/a.test.js", "src/__tests__/a.js", "pkg/a_test.go", "tests/test_a.py",
        "core/src/test/java/AIT.java", "spec/a_spec.rb", "node_modules/x/index.js", "dist/a.min.js", "docs/guide.md",
        "package.json", "package-lock.json", "src/main/javadoc/overview.html", "data/a.csv", "README", "Contest.js"})
    void aPathIsClassifiedAsComputingItAgainWould(String path) {
        for (int i = 0; i < 2; i++) { // the second answer is the kept one
            assertThat(TestPaths.isTestPath(path)).isEqualTo(TestPaths.isTestPathNow(path));
            assertThat(FileKind.ofPath(path)).isEqualTo(FileKind.ofPathNow(path));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"npm test", "test -f src/a.js", "test -f a && test -d b", "npx prettier --write .",
        "npx prettier --check .", "cd 'web' && npx mocha 'test/a.spec.js'", "mvn -q -pl 'core' test -Dtest=AIT",
        "mvn -q test -Dtest=A,B", "go test ./...", "go test ./pkg/parse", "python3 -m pytest 'tests/test_a.py'",
        "cargo test -p core", "make test", "npx eslint --fix src"})
    void aCommandIsClassifiedAsComputingItAgainWould(String command) {
        for (int i = 0; i < 2; i++) {
            assertThat(CheckCommand.isTargeted(command)).isEqualTo(CheckCommand.isTargetedNow(command));
            assertThat(CheckCommand.cannotFail(command)).isEqualTo(CheckCommand.cannotFailNow(command));
            assertThat(CheckCommand.rewritesTree(command)).isEqualTo(CheckCommand.rewritesTreeNow(command));
            assertThat(CheckCommand.mavenTestModule(command)).isEqualTo(CheckCommand.mavenTestModuleNow(command));
        }
    }

    @Test
    void aChecksUsabilityIsKeptWithItsScanAndReadAgainAfterARescan() throws Exception {
        ScannedWorkspace.write(temp, "package.json", "{\"scripts\": {\"test\": \"node --test\", \"format\": \"prettier --write .\","
                + " \"check\": \"npm run format && node --test\"}}");
        ScannedWorkspace.write(temp, "web/package.json", "{\"scripts\": {\"test\": \"node --test\"}}");
        ScannedWorkspace.write(temp, "src/a.js", "export const a = 1;\n");
        Path root = temp.toRealPath();
        List<String> commands = List.of("npm test", "npm run lint", "npm run check", "cd 'web' && npm test",
                "cd 'api' && npm test", "cd 'web' && npm run lint");
        WorkspaceFacts facts = ScannedWorkspace.facts(root);
        List<String> first = new ArrayList<>();
        for (String command : commands) {
            String now = UnusableChecks.now(command, root).orElse(null);
            assertThat(UnusableChecks.why(command, facts).orElse(null)).as(command).isEqualTo(now);
            assertThat(UnusableChecks.why(command, facts).orElse(null)).as(command).isEqualTo(now);
            first.add(now);
        }
        // which are unusable (the reasons' wording is CheckTargetsTest's)
        assertThat(first.stream().map(why -> why != null).toList()).containsExactly(false, true, true, false, true, true);
        assertThat(first.get(2)).startsWith("it changes the workspace: ");

        // the project gains a lint script: the answers belong to the scan, a rescan reads the files again
        Files.writeString(root.resolve("package.json"), "{\"scripts\": {\"test\": \"node --test\", \"lint\": \"eslint .\"}}");
        assertThat(UnusableChecks.why("npm run lint", facts).orElse(null)).isEqualTo(first.get(1));
        WorkspaceFacts rescanned = ScannedWorkspace.facts(root);
        assertThat(UnusableChecks.why("npm run lint", rescanned)).isEmpty();
        assertThat(UnusableChecks.why("npm run check", rescanned)).isPresent().isEqualTo(UnusableChecks.now("npm run check", root));
    }

    @Test
    void theProjectsNamesAreKeptWithTheScanAndCountedAgainAfterARescan() throws Exception {
        ScannedWorkspace.write(temp, "package.json", "{\"name\": \"dark-dashboard\"}");
        Path root = temp.toRealPath();
        WorkspaceFacts facts = ScannedWorkspace.facts(root);
        java.util.Set<String> names = ChangeLocator.projectNames(facts);
        assertThat(names).isNotEmpty().isEqualTo(ChangeLocator.projectNamesNow(facts));
        assertThat(ChangeLocator.projectNames(facts)).isSameAs(names);

        Files.writeString(root.resolve("package.json"), "{\"name\": \"light-widgets\"}");
        WorkspaceFacts rescanned = ScannedWorkspace.facts(root);
        assertThat(ChangeLocator.projectNames(rescanned)).isEqualTo(ChangeLocator.projectNamesNow(rescanned)).isNotEqualTo(names);
    }

    @Test
    void plansAskedAgainInterleavedInOneServiceAreThePlansAFreshServiceMakes() throws Exception {
        Path workspace = Path.of("..", "examples", "dashboard").toAbsolutePath().normalize();
        List<String> objectives = List.of("add dark mode to the dashboard", "fix the header layout", "add a theme toggle");
        List<String> requests = new ArrayList<>();
        int id = 0;
        for (int round = 0; round < 3; round++) {
            for (String objective : objectives) {
                requests.add(ServiceRun.request(id++, "decompose", decompose(objective, workspace)));
            }
        }
        ServiceRun together = ServiceRun.of(temp, List.of(), requests.toArray(String[]::new));
        for (int i = 0; i < objectives.size(); i++) {
            ServiceRun alone = ServiceRun.of(temp, List.of(), ServiceRun.request(0, "decompose", decompose(objectives.get(i), workspace)));
            JsonNode expected = alone.response(0).get("result");
            assertThat(expected).isNotNull();
            for (int round = 0; round < 3; round++) {
                assertThat(together.response(round * objectives.size() + i).get("result")).isEqualTo(expected);
            }
        }
    }

    private static ObjectNode decompose(String objective, Path cwd) {
        ObjectNode params = Json.object();
        params.put("objective", objective);
        params.putObject("context").put("cwd", cwd.toString());
        return params;
    }
}
