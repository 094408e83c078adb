package dev.harness.orchestrator.evidence;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a failing check's output says, for the person who must decide: how many tests failed, when
 * the test runner's summary says so, and the lines that name the failing assertions. The runners
 * are recognised by their summary lines (one row each below), never by the command's name.
 */
public record TestOutput(OptionalInt failingTests, List<String> assertionLines) {
    static final int MAX_LINES = 6;
    static final int MAX_LINE_CHARS = 160;

    /** A runner's summary line and how to read the failing count out of it. */
    private record Summary(String runner, Pattern pattern, ToIntFunction<Matcher> failing) {}

    private static final List<Summary> SUMMARIES = List.of(
            // TAP (node --test's default reporter off a terminal, tape, ...): "# fail 2"
            new Summary("tap", Pattern.compile("(?m)^# fail\\s+(\\d+)\\s*$"), m -> group(m, 1)),
            // node:test's spec reporter: "ℹ fail 2"
            new Summary("node-spec", Pattern.compile("(?m)^ℹ fail (\\d+)\\s*$"), m -> group(m, 1)),
            // JUnit via Maven Surefire/Gradle: "Tests run: 12, Failures: 2, Errors: 1, Skipped: 0" (the last is the total)
            new Summary("surefire", Pattern.compile("Tests run: \\d+, Failures: (\\d+), Errors: (\\d+)"),
                    m -> group(m, 1) + group(m, 2)),
            // pytest: "==== 2 failed, 3 passed, 1 error in 0.12s ===="
            new Summary("pytest", Pattern.compile("(?m)^=+ (?=[^=\\n]*\\bin [\\d.]+s)([^=\\n]*?(?:failed|error)[^=\\n]*) =+\\s*$"),
                    m -> count(m.group(1), "(\\d+) failed") + count(m.group(1), "(\\d+) errors?")),
            // Jest: "Tests:       2 failed, 5 passed, 7 total"
            new Summary("jest", Pattern.compile("(?m)^Tests:\\s+(?:\\d+ \\w+, )*?(\\d+) failed"), m -> group(m, 1)),
            // Vitest: "      Tests  2 failed | 5 passed (7)"
            new Summary("vitest", Pattern.compile("(?m)^\\s*Tests\\s+(\\d+) failed"), m -> group(m, 1)),
            // mocha: "  2 failing"
            new Summary("mocha", Pattern.compile("(?m)^\\s*(\\d+) failing\\s*$"), m -> group(m, 1)));

    /** Lines that name a failing test or what its assertion expected. */
    private static final Pattern ASSERTION = Pattern.compile(String.join("|",
            "^\\s*not ok \\d+",                       // TAP
            "^\\s*(expected|actual):",                // TAP YAML diagnostics (node:test)
            "^\\s*✖ (?!failing tests:)",              // node:test spec reporter
            "^FAILED ",                               // pytest short summary
            "^E\\s{2,}\\S",                           // pytest assertion detail
            "^\\s*● ",                                // Jest
            "^\\s*(×|✗) ",                            // Vitest, others
            "^\\s*FAIL\\s",                           // Jest/Vitest file lines
            "^\\[ERROR\\]\\s+\\S+[.:]\\S+.*(expected|but was|Exception|Error)", // Surefire
            "^\\[ERROR\\] \\S+\\.(java|kt|scala|groovy):\\[\\d+,\\d+\\] ", // a compiler error through Maven
            "^\\[ERROR\\] Failed to execute goal ",   // Maven: which plugin failed on which module
            "^\\s*--- FAIL: ",                        // go test
            "^\\s+[\\w./-]+_test\\.go:\\d+: ",              // go test: what t.Error / t.Fatal said, at file:line
            "AssertionError",
            "(?i)^\\s*assert(ion)?\\b.*(fail|expected)"));

    private static final Pattern GO_FAILED_TEST = Pattern.compile("(?m)^--- FAIL: ");

    /** A terminal's colour and cursor codes (Maven colours its [ERROR] even off a terminal): no evidence, only noise. */
    private static final Pattern TERMINAL_CODES = Pattern.compile("\u001B\\[[0-9;?]*[ -/]*[@-~]");

    public static TestOutput read(String output) {
        String text = output == null ? "" : TERMINAL_CODES.matcher(output).replaceAll("");
        OptionalInt failing = OptionalInt.empty();
        for (Summary summary : SUMMARIES) {
            Matcher m = summary.pattern().matcher(text);
            Integer last = null;
            while (m.find()) {
                last = summary.failing().applyAsInt(m);
            }
            if (last != null) {
                // a test module that could not even be imported (a missing dependency) is no failing test
                int notTests = summary.runner().equals("pytest") ? count(text, "Interrupted: (\\d+) errors? during collection") : 0;
                failing = last - notTests > 0 ? OptionalInt.of(last - notTests) : OptionalInt.empty();
                break;
            }
        }
        if (failing.isEmpty()) {
            // go test prints no summary: each failing top-level test has its "--- FAIL:" line at the margin (subtests are indented)
            long go = GO_FAILED_TEST.matcher(text).results().count();
            failing = go > 0 ? OptionalInt.of((int) go) : failing;
        }
        Set<String> lines = new LinkedHashSet<>();
        for (String line : text.split("\\R")) {
            if (lines.size() >= MAX_LINES) {
                break;
            }
            if (ASSERTION.matcher(line).find()) {
                lines.add(shorten(line.strip()));
            }
        }
        return new TestOutput(failing, List.copyOf(lines));
    }

    /** The assertion lines, or when none was recognised the output's last non-blank lines. */
    public List<String> linesOrTail(String output, int tailLines) {
        if (!assertionLines.isEmpty() || output == null) {
            return assertionLines;
        }
        List<String> nonBlank = new ArrayList<>();
        for (String line : TERMINAL_CODES.matcher(output).replaceAll("").split("\\R")) {
            if (!line.isBlank()) {
                nonBlank.add(shorten(line.strip()));
            }
        }
        return List.copyOf(nonBlank.subList(Math.max(0, nonBlank.size() - tailLines), nonBlank.size()));
    }

    private static String shorten(String line) {
        return line.length() > MAX_LINE_CHARS ? line.substring(0, MAX_LINE_CHARS - 1) + "…" : line;
    }

    private static int group(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
}
