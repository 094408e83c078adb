package dev.harness.worker.attempt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One row per test runner: its failure output → the names of the failing tests, free of times and paths. */
class FailingTestsTest {
    static Stream<Arguments> runners() {
        return Stream.of(
                Arguments.of("go test", String.join("\n",
                        "--- FAIL: TestParse (0.00s)",
                        "    --- FAIL: TestParse/step (0.00s)",
                        "        parser_test.go:42: got [5], want [5 20 35 50]",
                        "FAIL",
                        "FAIL\tgithub.com/robfig/cron/v3\t0.412s"), List.of("TestParse", "TestParse/step")),
                Arguments.of("pytest", String.join("\n",
                        "rootdir: /tmp/checkout-1",
                        "FAILED tests/test_io.py::test_close[chunked] - AssertionError: assert 5 == 100",
                        "ERROR tests/test_io.py::test_setup - fixture 'x' not found",
                        "========================= 1 failed, 1 error in 0.12s ========================="),
                        List.of("tests/test_io.py::test_close[chunked]", "tests/test_io.py::test_setup")),
                Arguments.of("TAP", String.join("\n",
                        "not ok 4 - light theme has a class # time=2.1ms",
                        "  ---",
                        "  expected: 'theme-light'",
                        "# fail 1"), List.of("light theme has a class")),
                Arguments.of("node:test spec reporter", String.join("\n",
                        "✔ dark theme has a class (0.6ms)",
                        "✖ light theme has a class (2.1ms)",
                        "✖ failing tests:",
                        "ℹ fail 1"), List.of("light theme has a class")),
                Arguments.of("Jest", String.join("\n",
                        "FAIL src/theme.test.js",
                        "  ● theme › light theme has a class",
                        "Tests:       1 failed, 4 passed, 5 total"), List.of("theme › light theme has a class")),
                Arguments.of("Maven Surefire", String.join("\n",
                        "[ERROR] Tests run: 3, Failures: 1, Errors: 0, Skipped: 0, Time elapsed: 0.02 s <<< FAILURE! -- in app.ThemeTest",
                        "[ERROR] Failures:",
                        "[ERROR]   ThemeTest.light:12 expected: <theme-light> but was: <broken>"), List.of("ThemeTest.light")),
                Arguments.of("coloured output", "\u001b[31m--- FAIL: TestNext (0.01s)\u001b[0m", List.of("TestNext")),
                Arguments.of("a script's own message names no test", "assertion failed: feature.txt must say done\nexit 1",
                        List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runners")
    void namesTheFailingTests(String runner, String output, List<String> names) {
        assertThat(FailingTests.named(output)).as(runner).containsExactlyElementsOf(names);
    }
}
