package dev.harness.worker.attempt;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of the tests a check's output says failed, as its test runner prints them (one row per
 * runner's per-test failure line, never by the command's name). Two runs of one check compare by
 * these names, which stay the same where times, paths and counts do not.
 */
public final class FailingTests {
    private FailingTests() {}

    /** A terminal's colour and cursor codes: no name. */
    private static final Pattern TERMINAL_CODES = Pattern.compile("\u001B\\[[0-9;?]*[ -/]*[@-~]");

    /** Each runner's line for one failing test; group 1 is the test's name. */
    private static final List<Pattern> FAILED = List.of(
            // go test: "--- FAIL: TestNext (0.01s)" (subtests indented)
            Pattern.compile("^\\s*--- FAIL: (\\S+)"),
            // pytest's short summary: "FAILED tests/test_x.py::test_y - AssertionError: …"
            Pattern.compile("^(?:FAILED|ERROR) (\\S+::\\S+)"),
            // TAP (node --test, tape): "not ok 4 - light theme has a class # …"
            Pattern.compile("^\\s*not ok \\d+ (?:- )?(.+?)(?:\\s+#.*)?$"),
            // node:test's spec reporter: "✖ light theme has a class (2.1ms)"
            Pattern.compile("^\\s*✖ (?!failing tests:)(.+?)(?: \\([\\d.]+m?s\\))?$"),
            // Jest: "● theme › light theme has a class"
            Pattern.compile("^\\s*● (.+)$"),
            // mocha: "  1) theme" then the title: the numbered line names the suite and test
            Pattern.compile("^\\s*\\d+\\) (.+?):?$"),
            // Maven Surefire: "[ERROR]   ThemeTest.light:12 expected …" / "[ERROR] ThemeTest.light  Time elapsed: … <<< FAILURE!"
            Pattern.compile("^\\[ERROR\\]\\s+(\\w[\\w$.]*\\.\\w+)(?::\\d+|\\s+Time elapsed)"));

    /** The failing tests {@code output} names, in order; empty when its runner names none. */
    public static Set<String> named(String output) {
        Set<String> names = new LinkedHashSet<>();
        if (output == null) {
            return names;
        }
        for (String line : TERMINAL_CODES.matcher(output).replaceAll("").split("\\R")) {
            for (Pattern failed : FAILED) {
                Matcher m = failed.matcher(line);
                if (m.find()) {
                    names.add(m.group(1).strip());
                    break;
                }
            }
        }
        return names;
    }
}
