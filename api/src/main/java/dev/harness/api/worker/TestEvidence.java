package dev.harness.api.worker;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.harness.api.Wire;
import dev.harness.api.WireName;
import java.util.List;

/**
 * Whether a finished task's own tests test its change: the test files it added or changed, run
 * through its acceptance tests on its base commit (a temporary worktree). A test that already
 * passes there would pass without the change, so it is no evidence for it.
 *
 * @param evidence what the base run found
 * @param base     the commit the tests ran on (null when there is none)
 * @param tests    the test files the task added or changed, relative to the repository
 * @param baseRuns each acceptance test as it ran on the base
 * @param detail   the finding in words
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TestEvidence(Kind evidence, String base, List<String> tests, List<BaseRun> baseRuns, String detail) {
    public TestEvidence {
        if (evidence == null) {
            throw new IllegalArgumentException("test evidence names what it found");
        }
        tests = tests == null ? List.of() : List.copyOf(tests);
        baseRuns = baseRuns == null ? List.of() : List.copyOf(baseRuns);
        detail = detail == null ? "" : detail;
    }

    /** What the base run found. */
    public enum Kind implements WireName {
        /** A check fails on the base with the task's tests and passed on its result: the tests test the change. */
        NEW_TEST_FAILS_ON_BASE("new_test_fails_on_base"),
        /** Every check passes on the base with the task's tests: they would pass without the change. */
        TESTS_PASS_ON_BASE("tests_pass_on_base"),
        /** The task added or changed no test file. */
        NO_TEST_CHANGED("no_test_changed"),
        /** No base run was possible (no git base, git failed, cancelled). */
        NOT_CHECKED("not_checked");

        private final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        @JsonValue
        @Override
        public String wire() {
            return wire;
        }

        /** @throws IllegalArgumentException for a name that is not one of the wire names */
        @JsonCreator
        public static Kind fromWire(String name) {
            return Wire.parse(Kind.class, name);
        }

        @Override
        public String toString() {
            return wire;
        }
    }

    /** One acceptance test as it ran on the base with the task's tests; {@code log} is its log file. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BaseRun(String command, Integer exitCode, boolean passed, boolean timedOut, long durationMs, String log) {
        public static BaseRun of(String command, Integer exitCode, boolean timedOut, long durationMs, String log) {
            return new BaseRun(command, exitCode, exitCode != null && exitCode == 0 && !timedOut, timedOut, durationMs, log);
        }
    }

    public static TestEvidence notChecked(String base, List<String> tests, String detail) {
        return new TestEvidence(Kind.NOT_CHECKED, base, tests, List.of(), detail);
    }

    /** Only a test that fails before the change is evidence for it. */
    public boolean testsTheChange() {
        return evidence == Kind.NEW_TEST_FAILS_ON_BASE;
    }

    /** The words a summary shows next to a completed task, or null when its tests are evidence (or were not looked at). */
    public String warning() {
        return switch (evidence) {
            case TESTS_PASS_ON_BASE -> "its new or changed tests already pass without the change: not evidence for it";
            case NO_TEST_CHANGED -> "it added or changed no test";
            default -> null;
        };
    }
}
