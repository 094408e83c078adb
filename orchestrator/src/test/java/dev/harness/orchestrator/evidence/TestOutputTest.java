package dev.harness.orchestrator.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One row per test runner: its real failure output → the failing count and the assertion lines a person needs. */
class TestOutputTest {
    static Stream<Arguments> runners() {
        return Stream.of(
                Arguments.of("node --test (TAP)", """
                        # Subtest: light theme has a class
                        not ok 4 - light theme has a class
                          ---
                          duration_ms: 2.8
                          failureType: 'testCodeFailure'
                          code: 'ERR_ASSERTION'
                          name: 'AssertionError'
                          expected: 'theme-light'
                          actual: 'broken'
                          operator: 'strictEqual'
                          ...
                        1..5
                        # tests 5
                        # pass 4
                        # fail 1
                        # cancelled 0
                        """, OptionalInt.of(1),
                        List.of("not ok 4 - light theme has a class", "name: 'AssertionError'", "expected: 'theme-light'",
                                "actual: 'broken'")),
                Arguments.of("node --test (spec reporter)", """
                        ✔ dark theme has a class (0.6ms)
                        ✖ light theme has a class (2.1ms)
                        ℹ tests 5
                        ℹ pass 3
                        ℹ fail 2
                        ✖ failing tests:
                        """, OptionalInt.of(2), List.of("✖ light theme has a class (2.1ms)")),
                Arguments.of("JUnit via Maven Surefire", """
                        [ERROR] Tests run: 3, Failures: 1, Errors: 0, Skipped: 0, Time elapsed: 0.02 s <<< FAILURE! -- in app.ThemeTest
                        [ERROR] Failures:
                        [ERROR]   ThemeTest.light:12 expected: <theme-light> but was: <broken>
                        [ERROR] Tests run: 9, Failures: 1, Errors: 1, Skipped: 0
                        """, OptionalInt.of(2), List.of("[ERROR]   ThemeTest.light:12 expected: <theme-light> but was: <broken>")),
                Arguments.of("pytest", """
                        E       AssertionError: assert 'broken' == 'theme-light'
                        FAILED tests/test_theme.py::test_light - AssertionError: assert 'broken' == 'theme-light'
                        ========================= 1 failed, 4 passed, 1 error in 0.12s =========================
                        """, OptionalInt.of(2), List.of("E       AssertionError: assert 'broken' == 'theme-light'",
                                "FAILED tests/test_theme.py::test_light - AssertionError: assert 'broken' == 'theme-light'")),
                Arguments.of("pytest, a test module that cannot be imported (counts no failing test)", """
                        ==================================== ERRORS ====================================
                        ___________________ ERROR collecting tests/test_timed.py ___________________
                        ImportError while importing test module '/w/tests/test_timed.py'.
                        E   ModuleNotFoundError: No module named 'freezegun'
                        =========================== short test summary info ============================
                        ERROR tests/test_timed.py
                        ERROR tests/test_signer.py
                        !!!!!!!!!!!!!!!!!!! Interrupted: 2 errors during collection !!!!!!!!!!!!!!!!!!!!
                        ============================== 2 errors in 0.12s ===============================
                        """, OptionalInt.empty(), List.of("E   ModuleNotFoundError: No module named 'freezegun'")),
                Arguments.of("Jest", """
                        FAIL src/theme.test.js
                          ● theme › light theme has a class
                            expect(received).toBe(expected) // Object.is equality
                        Tests:       1 failed, 4 passed, 5 total
                        """, OptionalInt.of(1), List.of("FAIL src/theme.test.js", "● theme › light theme has a class")),
                Arguments.of("Vitest", """
                         FAIL  src/theme.test.ts > theme > light theme has a class
                        AssertionError: expected 'broken' to be 'theme-light' // Object.is equality
                         Test Files  1 failed (1)
                              Tests  3 failed | 2 passed (5)
                        """, OptionalInt.of(3), List.of("FAIL  src/theme.test.ts > theme > light theme has a class",
                                "AssertionError: expected 'broken' to be 'theme-light' // Object.is equality")),
                Arguments.of("mocha", """
                          4 passing (9ms)
                          2 failing
                          1) theme
                               light theme has a class:
                             AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:
                        """, OptionalInt.of(2), List.of("AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:")),
                // Maven colours its output even off a terminal (gson's mvn -q test): the codes go, the compiler's error stays
                Arguments.of("Maven, a module that does not compile, coloured", String.join("\n",
                        "[\u001b[1;31mERROR\u001b[m] COMPILATION ERROR : ",
                        "[\u001b[1;31mERROR\u001b[m] /w/test-jpms/src/test/java/module-info.java:[19,22] module not found: com.google.gson",
                        "[\u001b[1;31mERROR\u001b[m] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.15.0:testCompile"
                                + " (default-testCompile) on project test-jpms: Compilation failure",
                        "[\u001b[1;31mERROR\u001b[m] /w/test-jpms/src/test/java/module-info.java:[19,22] module not found: com.google.gson",
                        "[\u001b[1;31mERROR\u001b[m] After correcting the problems, you can resume the build with the command",
                        "[\u001b[1;31mERROR\u001b[m]   \u001b[1mmvn <args> -rf :test-jpms\u001b[m"), OptionalInt.empty(), List.of(
                        "[ERROR] /w/test-jpms/src/test/java/module-info.java:[19,22] module not found: com.google.gson",
                        "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.15.0:testCompile"
                                + " (default-testCompile) on project test-jpms: Compilation failure")),
                // go test has no summary line: the top-level "--- FAIL:" lines are the failing tests, t.Error's file:line its words
                Arguments.of("go test", String.join("\n",
                        "--- FAIL: TestParse (0.00s)",
                        "    --- FAIL: TestParse/step (0.00s)",
                        "        parser_test.go:42: got [5], want [5 20 35 50]",
                        "--- FAIL: TestNext (0.01s)",
                        "    spec_test.go:180: fail: 0 0 1 * MON",
                        "FAIL",
                        "FAIL\tgithub.com/robfig/cron/v3\t0.412s",
                        "FAIL"), OptionalInt.of(2), List.of("--- FAIL: TestParse (0.00s)", "--- FAIL: TestParse/step (0.00s)",
                        "parser_test.go:42: got [5], want [5 20 35 50]", "--- FAIL: TestNext (0.01s)",
                        "spec_test.go:180: fail: 0 0 1 * MON", "FAIL\tgithub.com/robfig/cron/v3\t0.412s")),
                Arguments.of("a plain command (no runner summary)", """
                        building...
                        error: src/theme/index.js: unexpected token
                        """, OptionalInt.empty(), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runners")
    void readsTheFailingCountAndTheAssertionLines(String runner, String output, OptionalInt failing, List<String> lines) {
        TestOutput read = TestOutput.read(output);
        assertThat(read.failingTests()).as(runner).isEqualTo(failing);
        assertThat(read.assertionLines()).as(runner).containsExactlyElementsOf(lines);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runners")
    void withoutAssertionLinesTheOutputsLastLinesAreShown(String runner, String output, OptionalInt failing, List<String> lines) {
        List<String> shown = TestOutput.read(output).linesOrTail(output, 2);
        assertThat(shown).as(runner).isNotEmpty();
        if (lines.isEmpty()) {
            assertThat(shown).containsExactly("building...", "error: src/theme/index.js: unexpected token");
        }
    }
}
