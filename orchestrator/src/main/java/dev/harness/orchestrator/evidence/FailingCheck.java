package dev.harness.orchestrator.evidence;

import dev.harness.api.Wire;
import dev.harness.api.worker.Decision;
import dev.harness.api.worker.TestResult;
import dev.harness.api.worker.WorkerEventPayload;
import dev.harness.api.run.RunEvent;
import dev.harness.api.run.LoggedEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The acceptance check that made a task fail, as a person deciding about it needs to see it: the
 * command, its exit code, the failing-test count and assertion lines read from its output, and
 * the path of its full log. Built from the worker manager's {@code acceptance_test_result}, kept
 * in the orchestrator's {@code task_failed} event as {@code check}.
 *
 * @param exitCode   null when the check was killed (timed out) before it exited
 * @param moreFailed how many of the same attempt's later checks failed too (null for none): the
 *                   first failing check is the one named, as the worker manager's reason names it
 */
@com.fasterxml.jackson.databind.annotation.JsonNaming(com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record FailingCheck(@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS)
                           String command,
                           @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS)
                           Integer exitCode, boolean timedOut, Integer failingTests,
                           List<String> assertions, String log, Integer moreFailed) {
    private static final int TAIL_LINES = 4;

    public FailingCheck {
        assertions = assertions == null ? List.of() : List.copyOf(assertions);
        moreFailed = moreFailed == null || moreFailed <= 0 ? null : moreFailed;
    }

    public FailingCheck(String command, Integer exitCode, boolean timedOut, Integer failingTests,
                        List<String> assertions, String log) {
        this(command, exitCode, timedOut, failingTests, assertions, log, null);
    }

    /** This check, with one more of the same attempt's later checks failed. */
    public FailingCheck andOneMore() {
        return new FailingCheck(command, exitCode, timedOut, failingTests, assertions, log,
                (moreFailed == null ? 0 : moreFailed) + 1);
    }

    /** From an acceptance_test_result that did not pass; empty for a passing one (or one that does not say). */
    public static Optional<FailingCheck> fromResult(TestResult result) {
        if (result == null || result.passed() == null || result.passed()) {
            return Optional.empty();
        }
        String tail = result.outputTail() == null ? "" : result.outputTail();
        TestOutput output = TestOutput.read(tail);
        OptionalInt failing = output.failingTests();
        return Optional.of(new FailingCheck(result.command() == null ? "" : result.command(), result.exitCode(),
                Boolean.TRUE.equals(result.timedOut()), failing.isPresent() ? failing.getAsInt() : null,
                output.linesOrTail(tail, TAIL_LINES), result.log(), null));
    }

    /**
     * Each task's failing check, from a run's events: the first failed acceptance_test_result of
     * the task's last attempt that had one (relayed from the worker manager), counting the same
     * attempt's later failures, forgotten once the task completes.
     */
    public static java.util.Map<String, FailingCheck> lastPerTask(List<LoggedEvent> events) {
        java.util.Map<String, FailingCheck> checks = new java.util.LinkedHashMap<>();
        // tasks whose current attempt already has its first failing check
        java.util.Set<String> named = new java.util.HashSet<>();
        for (LoggedEvent logged : events) {
            String task = logged.taskId();
            if (task == null) {
                continue;
            }
            if (logged.event() instanceof RunEvent.WorkerEventRelayed relayed) {
                if (relayed.details() instanceof WorkerEventPayload.AcceptanceTestResult result) {
                    fromResult(result.result()).ifPresent(c -> {
                        if (named.add(task)) {
                            checks.put(task, c);
                        } else {
                            checks.computeIfPresent(task, (t, first) -> first.andOneMore());
                        }
                    });
                } else if (relayed.details() instanceof WorkerEventPayload.AttemptStarted) {
                    named.remove(task);
                }
            } else if (logged.event() instanceof RunEvent.TaskCompleted) {
                checks.remove(task);
                named.remove(task);
            }
        }
        return checks;
    }

    /**
     * The decisions the worker manager will accept for a task's pending escalation (its last
     * recovery_escalation's allowed_decisions), in the order retry, skip, abort; all three when it
     * does not say. Prompts and hints offer only these.
     */
    public static List<String> allowedDecisions(List<LoggedEvent> events, String taskId) {
        List<Decision> allowed = null;
        for (LoggedEvent logged : events) {
            if (logged.event() instanceof RunEvent.WorkerEventRelayed relayed && taskId.equals(relayed.taskId())
                    && relayed.details() instanceof WorkerEventPayload.RecoveryEscalation escalation) {
                allowed = escalation.allowedDecisions();
            }
        }
        return allowedDecisions(allowed);
    }

    /** The allowed decisions' names in the order retry, skip, abort; all three when none are named. */
    public static List<String> allowedDecisions(List<Decision> allowed) {
        List<String> all = Wire.names(Decision.class);
        if (allowed == null || allowed.isEmpty()) {
            return all;
        }
        return all.stream().filter(name -> allowed.contains(Decision.fromWire(name))).toList();
    }

    /** As status --json writes it: exit_code always (null when killed), failing_tests and log when known. */
    public ObjectNode toJson() {
        return (ObjectNode) Json.toNode(this);
    }

    /** e.g. {@code check `npm test` failed: exit 1, 1 failing test (and 1 more check failed)}. */
    public String headline() {
        String how = timedOut ? "timed out" : exitCode == null ? "was killed" : "exit " + exitCode;
        return "check " + dev.harness.protocol.CommandWords.shown(command) + " failed: " + how
                + (failingTests == null ? "" : ", " + failingTests + " failing test" + (failingTests == 1 ? "" : "s"))
                + (moreFailed == null ? "" : " (and " + moreFailed + " more check" + (moreFailed == 1 ? "" : "s") + " failed)");
    }

    /** The headline, the assertion lines (indented) and where the full output is. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(headline());
        assertions.forEach(a -> lines.add("  " + a));
        if (log != null) {
            lines.add("full log: " + log);
        }
        return lines;
    }
}
