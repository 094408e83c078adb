package dev.harness.worker.attempt;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harness.api.worker.FailureClass;
import java.util.List;

/**
 * What one attempt produced, as the classifier sees it: how the agent ended (or why it never
 * started), its structured events, and each acceptance test's result.
 */
public record AttemptOutcome(int attempt, AgentResult agent, List<TestResult> tests, SetupFailure setupFailure) {

    public AttemptOutcome {
        tests = List.copyOf(tests);
    }

    /** Something that stopped the attempt before the agent could run (scope path vanished, ...). */
    public record SetupFailure(FailureClass failureClass, String message) {}

    /**
     * The agent process: {@code ran} is false for the "none" preset. {@code startError} names a
     * command that could not be started. {@code structured} holds the JSON lines it printed that
     * carry a "type" (Claude stream-json, Codex --json).
     */
    public record AgentResult(boolean ran, String command, Integer exitCode, boolean timedOut, String startError,
                              List<JsonNode> structured, String outputTail, String log, long durationMs) {
        public AgentResult {
            structured = List.copyOf(structured);
        }

        public static AgentResult none() {
            return new AgentResult(false, "none", 0, false, null, List.of(), "", null, 0);
        }

        public boolean succeeded() {
            return startError == null && !timedOut && exitCode != null && exitCode == 0;
        }
    }

    /**
     * {@code outputBytes}: all the test printed; {@code outputTruncated}: its log keeps only the start and the end.
     * {@code onBase}: for a failed test, the sentence saying it fails without the task's change too
     * (on the task's base, or on a workspace nothing changed); null when it passes there or nobody knows.
     * {@code passedOnBase}: for a failed test, it was run on the task's base and passed there, so this
     * task's change made it fail (false when it failed there too or nobody knows).
     * {@code onProject}: for a failed test, the tests its runner names failing are ones that fail on the
     * person's unchanged project too (their checkout's HEAD): the change neither caused nor fixed them.
     */
    public record TestResult(String command, Integer exitCode, boolean timedOut, long durationMs, String outputTail,
                             String log, long outputBytes, boolean outputTruncated, String onBase, boolean passedOnBase,
                             boolean onProject) {
        public TestResult(String command, Integer exitCode, boolean timedOut, long durationMs, String outputTail,
                          String log, long outputBytes, boolean outputTruncated, String onBase) {
            this(command, exitCode, timedOut, durationMs, outputTail, log, outputBytes, outputTruncated, onBase, false, false);
        }

        public TestResult(String command, Integer exitCode, boolean timedOut, long durationMs, String outputTail, String log) {
            this(command, exitCode, timedOut, durationMs, outputTail, log, outputTail == null ? 0 : outputTail.length(), false);
        }

        public TestResult(String command, Integer exitCode, boolean timedOut, long durationMs, String outputTail,
                          String log, long outputBytes, boolean outputTruncated) {
            this(command, exitCode, timedOut, durationMs, outputTail, log, outputBytes, outputTruncated, null);
        }

        public TestResult withOnBase(String sentence) {
            return new TestResult(command, exitCode, timedOut, durationMs, outputTail, log, outputBytes, outputTruncated, sentence, false, false);
        }

        /** This failed test fails on the person's unchanged project too, the same tests failing ({@code sentence} says so). */
        public TestResult withOnProject(String sentence) {
            return new TestResult(command, exitCode, timedOut, durationMs, outputTail, log, outputBytes, outputTruncated, sentence, false, true);
        }

        /** This failed test passed on the task's base: the change broke it. */
        public TestResult withPassedOnBase() {
            return new TestResult(command, exitCode, timedOut, durationMs, outputTail, log, outputBytes, outputTruncated, null, true, false);
        }

        /** The same result with its log named otherwise (a host's relative path made absolute, and back). */
        public TestResult withLog(String otherLog) {
            return new TestResult(command, exitCode, timedOut, durationMs, outputTail, otherLog, outputBytes, outputTruncated, onBase, passedOnBase, onProject);
        }

        public boolean passed() {
            return !timedOut && exitCode != null && exitCode == 0;
        }
    }

    public boolean succeeded() {
        return setupFailure == null && agent != null && agent.succeeded() && tests.stream().allMatch(TestResult::passed);
    }

    public TestResult firstFailedTest() {
        return tests.stream().filter(t -> !t.passed()).findFirst().orElse(null);
    }
}
