package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The time zone and locale a project's own test entry points give its suite (a wrapper script, a CI job's env, the test
 * script's own cross-env) are carried by the checks: a suite written for one time zone fails healthy in another.
 */
class TestEnvironmentTest {
    @TempDir
    Path temp;

    static Stream<Arguments> wrapperLines() {
        return Stream.of(
                Arguments.of("#!/usr/bin/env bash\nTZ=\"Europe/Berlin\" LANG=de_DE.utf8 npm run test\n", Map.of("TZ", "Europe/Berlin", "LANG", "de_DE.utf8")),
                Arguments.of("TZ=Asia/Tokyo NODE_ICU_DATA=\"$(pwd)/icu\" jest $@\n", Map.of("TZ", "Asia/Tokyo")),
                Arguments.of("env TZ=UTC npm test\n", Map.of("TZ", "UTC")),
                Arguments.of("cross-env LC_ALL=C.UTF-8 npx mocha\n", Map.of("LC_ALL", "C.UTF-8")),
                Arguments.of("\t@TZ=UTC yarn test\n", Map.of("TZ", "UTC")),
                // not a test run, a setting that is no machine setting, a value the shell expands
                Arguments.of("TZ=UTC npm run build\n", Map.of()),
                Arguments.of("NODE_ENV=test CI=true npm test\n", Map.of()),
                Arguments.of("TZ=$ZONE npm test\n", Map.of()));
    }

    @ParameterizedTest
    @MethodSource("wrapperLines")
    void aWrapperLineRunningTheTestsGivesItsTimeZoneAndLocale(String script, Map<String, String> expected) {
        assertThat(TestEnvironment.settingsBeforeTests(script, List.of())).isEqualTo(expected);
    }

    @Test
    void aWorkflowRunningTheTestsGivesItsEnvBlocksTimeZoneAndLocaleOnly() {
        String workflow = "name: Test\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    env:\n      LANG: en_GB.utf8\n"
                + "      SLOW_TESTS: yes\n      TZ: \"Australia/Sydney\"\n      TOKEN: ${{ secrets.TOKEN }}\n    steps:\n"
                + "      - uses: actions/checkout@v4\n      - run: npm ci\n      - run: npm run test\n";
        assertThat(TestEnvironment.ciSettings(workflow, List.of())).containsExactly(Map.entry("LANG", "en_GB.utf8"),
                Map.entry("TZ", "Australia/Sydney"));
        // a workflow that only publishes runs no tests: its env says nothing about them
        assertThat(TestEnvironment.ciSettings(workflow.replace("npm run test", "npm publish"), List.of())).isEmpty();
        // one running the project's test wrapper does
        assertThat(TestEnvironment.ciSettings(workflow.replace("npm run test", "./scripts/check"), List.of("scripts/check")))
                .containsEntry("TZ", "Australia/Sydney");
        // a matrix of time zones gives none
        assertThat(TestEnvironment.ciSettings(workflow.replace("\"Australia/Sydney\"", "${{ matrix.tz }}"), List.of()))
                .doesNotContainKey("TZ");
    }

    @Test
    void settingsGoInFrontOfTheStepsRunningTestsOnly() {
        Map<String, String> settings = new java.util.LinkedHashMap<>();
        settings.put("TZ", "America/Denver");
        settings.put("LANG", "en_US.utf8");
        assertThat(TestEnvironment.apply("npm test", settings)).isEqualTo("TZ=America/Denver LANG=en_US.utf8 npm test");
        assertThat(TestEnvironment.apply("cd 'packages/a' && npm run build && npx jest 'test/a.test.js'", settings))
                .isEqualTo("cd 'packages/a' && npm run build && TZ=America/Denver LANG=en_US.utf8 npx jest 'test/a.test.js'");
        assertThat(TestEnvironment.apply("TZ=UTC npx jest 'a.test.js'", settings)).isEqualTo("LANG=en_US.utf8 TZ=UTC npx jest 'a.test.js'");
        assertThat(TestEnvironment.apply("npm run build", settings)).isEqualTo("npm run build");
        assertThat(TestEnvironment.directoryOf("cd 'packages/a' && npx jest x")).isEqualTo("packages/a");
        assertThat(TestEnvironment.directoryOf("npm test")).isEmpty();
    }

    @Test
    void theProjectsTestWrapperTimeZoneIsOnEveryTestCheck() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("dates"));
        write(ws, "package.json", "{\"name\":\"dates\",\"scripts\":{\"test\":\"jest --coverage\"},\"devDependencies\":{\"jest\":\"^29\"}}");
        write(ws, "jest.config.js", "module.exports = { roots: ['test'] };\n");
        write(ws, "scripts/test", "#!/usr/bin/env bash\nTZ=\"America/Denver\" LANG=en_US.utf8 npm run test\n");
        write(ws, "src/calendar.js", "export function weekOfYear(date) {\n  const start = new Date(date.getFullYear(), 0, 1);\n"
                + "  return Math.ceil(((date - start) / 86400000 + start.getDay() + 1) / 7);\n}\n");
        write(ws, "test/calendar.test.js", "import { weekOfYear } from '../src/calendar.js';\n\n"
                + "test('weekOfYear', () => {\n  expect(weekOfYear(new Date(2020, 0, 8))).toBe(2);\n});\n");
        PlanDraft draft = new BuiltInPlanner().plan("`weekOfYear` must count the week that holds January 1st as week 1", facts(ws), null);
        assertThat(draft.packets()).hasSize(1);
        assertThat(draft.packets().get(0).acceptanceTests()).containsExactly(
                "TZ=America/Denver LANG=en_US.utf8 npx jest 'test/calendar.test.js'",
                "TZ=America/Denver LANG=en_US.utf8 npm test");
    }

    @Test
    void theTestScriptsOwnSettingStaysOnItsNarrowedRun() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("clock"));
        write(ws, "package.json", "{\"name\":\"clock\",\"scripts\":{\"test\":\"cross-env TZ=UTC mocha 'test/*.js'\"}}");
        write(ws, "index.js", "exports.hourOf = date => date.getHours();\n");
        write(ws, "test/hour.js", "const assert = require('assert');\nconst { hourOf } = require('..');\n\n"
                + "describe('hourOf', () => {\n  it('reads the hour', () => {\n    assert.strictEqual(hourOf(new Date(0)), 0);\n  });\n});\n");
        PlanDraft draft = new BuiltInPlanner().plan("`hourOf` must return the hour of a date in the local time zone", facts(ws), null);
        assertThat(draft.packets().get(0).acceptanceTests().get(0)).isEqualTo("TZ=UTC npx mocha 'test/hour.js'");
    }
}
