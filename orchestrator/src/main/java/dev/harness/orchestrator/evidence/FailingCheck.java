package dev.harness.orchestrator.evidence;

import dev.harness.api.worker.WorkerEventKind;
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
 * @param exitCode null when the check was killed (timed out) before it exited
 */
public record FailingCheck(String command, Integer exitCode, boolean timedOut, Integer failingTests,
                           List<String> assertions, String log) {
    private static final int TAIL_LINES = 4;

    public FailingCheck {
        assertions = assertions == null ? List.of() : List.copyOf(assertions);
    }

    /** From an acceptance_test_result payload that did not pass; empty for a passing one. */
    public static Optional<FailingCheck> fromResult(JsonNode payload) {
        if (payload == null || !payload.isObject() || payload.path("passed").asBoolean(true)) {
            return Optional.empty();
        }
        String tail = payload.path("output_tail").asText("");
        TestOutput output = TestOutput.read(tail);
        JsonNode exit = payload.get("exit_code");
        OptionalInt failing = output.failingTests();
        return Optional.of(new FailingCheck(payload.path("command").asText(""),
                exit == null || !exit.canConvertToInt() ? null : exit.asInt(),
                payload.path("timed_out").asBoolean(false),
                failing.isPresent() ? failing.getAsInt() : null,
                output.linesOrTail(tail, TAIL_LINES),
                payload.hasNonNull("log") ? payload.get("log").asText() : null));
    }

    /**
     * Each task's failing check, from a run's events: the last failed acceptance_test_result of the
     * task (relayed from the worker manager), forgotten once the task completes.
     */
    public static java.util.Map<String, FailingCheck> lastPerTask(List<LoggedEvent> events) {
        java.util.Map<String, FailingCheck> checks = new java.util.LinkedHashMap<>();
        for (LoggedEvent logged : events) {
            String task = logged.taskId();
            if (task == null) {
                continue;
            }
            if (logged.event() instanceof RunEvent.WorkerEventRelayed relayed
                    && relayed.workerKind() == WorkerEventKind.ACCEPTANCE_TEST_RESULT) {
                fromResult(relayed.payload()).ifPresent(c -> checks.put(task, c));
            } else if (logged.event() instanceof RunEvent.TaskCompleted) {
                checks.remove(task);
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
        JsonNode allowed = null;
        for (LoggedEvent logged : events) {
            if (logged.event() instanceof RunEvent.WorkerEventRelayed relayed
                    && relayed.workerKind() == WorkerEventKind.RECOVERY_ESCALATION && taskId.equals(relayed.taskId())) {
                allowed = relayed.payload().path("allowed_decisions");
            }
        }
        return allowedDecisions(allowed);
    }

    public static List<String> allowedDecisions(JsonNode allowed) {
        List<String> all = List.of("retry", "skip", "abort");
        if (allowed == null || !allowed.isArray() || allowed.isEmpty()) {
            return all;
        }
        List<String> named = new ArrayList<>();
        allowed.forEach(a -> named.add(a.asText()));
        List<String> result = all.stream().filter(named::contains).toList();
        return result.isEmpty() ? all : result;
    }

    /** As stored in task_failed's {@code check}. */
    public static Optional<FailingCheck> fromStored(JsonNode check) {
        if (check == null || !check.isObject() || !check.hasNonNull("command")) {
            return Optional.empty();
        }
        List<String> assertions = new ArrayList<>();
        check.path("assertions").forEach(a -> assertions.add(a.asText()));
        return Optional.of(new FailingCheck(check.path("command").asText(),
                check.hasNonNull("exit_code") ? check.get("exit_code").asInt() : null,
                check.path("timed_out").asBoolean(false),
                check.hasNonNull("failing_tests") ? check.get("failing_tests").asInt() : null,
                assertions, check.hasNonNull("log") ? check.get("log").asText() : null));
    }

    public ObjectNode toJson() {
        ObjectNode node = Json.object();
        node.put("command", command);
        if (exitCode == null) {
            node.putNull("exit_code");
        } else {
            node.put("exit_code", exitCode);
        }
        node.put("timed_out", timedOut);
        if (failingTests != null) {
            node.put("failing_tests", failingTests);
        }
        node.set("assertions", Json.toNode(assertions));
        if (log != null) {
            node.put("log", log);
        }
        return node;
    }

    /** e.g. {@code check 'npm test' failed: exit 1, 1 failing test}. */
    public String headline() {
        String how = timedOut ? "timed out" : exitCode == null ? "was killed" : "exit " + exitCode;
        return "check '" + command + "' failed: " + how
                + (failingTests == null ? "" : ", " + failingTests + " failing test" + (failingTests == 1 ? "" : "s"));
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
