package dev.harness.orchestrator.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harness.api.run.LoggedEvent;
import dev.harness.api.run.RunEvent;
import dev.harness.api.worker.Decision;
import dev.harness.api.worker.WorkerEventKind;
import dev.harness.api.worker.WorkerEventPayload;
import dev.harness.api.worker.TestResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailingCheckTest {
    private static long seq;

    private static LoggedEvent relayed(String task, WorkerEventKind kind, Object payload) {
        return new LoggedEvent(++seq, "2026-01-01T00:00:00Z", "run-1", new RunEvent.WorkerEventRelayed(kind, task, "w-1",
                "e" + seq, null, 1, (com.fasterxml.jackson.databind.node.ObjectNode) dev.harness.protocol.Json.toNode(payload)));
    }

    private static LoggedEvent check(String task, int index, String command, boolean passed) {
        return relayed(task, WorkerEventKind.ACCEPTANCE_TEST_RESULT, new WorkerEventPayload.AcceptanceTestResult(index, command,
                passed ? 0 : 1, passed, false, 10L, "", 0L, false, "/r/attempt/test-" + (index + 1) + ".log"));
    }

    private static LoggedEvent attempt(String task, int n) {
        return relayed(task, WorkerEventKind.ATTEMPT_STARTED, new WorkerEventPayload.AttemptStarted(n, "none", "/w", "/l", false));
    }

    @Test
    void theAttemptsFirstFailingCheckIsNamedWithItsOwnLogAndTheOthersAreCounted() {
        List<LoggedEvent> events = List.of(
                attempt("t1", 1), check("t1", 0, "pytest 'tests/test_x.py'", false), check("t1", 1, "pytest", false),
                attempt("t2", 1), check("t2", 0, "make a", true), check("t2", 1, "make b", false),
                check("t2", 2, "make c", false), check("t2", 3, "make d", false),
                // a later attempt names its own first failure afresh
                attempt("t3", 1), check("t3", 0, "old", false), check("t3", 1, "older", false),
                attempt("t3", 2), check("t3", 0, "old", true), check("t3", 1, "older", false));
        var checks = FailingCheck.lastPerTask(events);
        assertThat(checks.get("t1").lines()).containsExactly(
                "check `pytest 'tests/test_x.py'` failed: exit 1 (and 1 more check failed)", "full log: /r/attempt/test-1.log");
        assertThat(checks.get("t2").headline()).isEqualTo("check `make b` failed: exit 1 (and 2 more checks failed)");
        assertThat(checks.get("t2").log()).isEqualTo("/r/attempt/test-2.log");
        assertThat(checks.get("t3").headline()).isEqualTo("check `older` failed: exit 1");
    }

    @Test
    void aFailedCheckKeepsItsCommandExitCodeFailingCountAndLog() {
        TestResult failed = new TestResult(0, "npm test", 1, false, false, 900L,
                "# tests 3\n# pass 2\n# fail 1\nnot ok 3 - toggles the theme\n", 120L, false, "/r/logs/test-0.log");
        FailingCheck check = FailingCheck.fromResult(failed).orElseThrow();
        assertThat(check.command()).isEqualTo("npm test");
        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.timedOut()).isFalse();
        assertThat(check.failingTests()).isEqualTo(1);
        assertThat(check.assertions()).isNotEmpty();
        assertThat(check.log()).isEqualTo("/r/logs/test-0.log");

        TestResult killed = new TestResult(1, "make check", null, false, true, 60_000L, null, 0L, false, null);
        assertThat(FailingCheck.fromResult(killed).orElseThrow().exitCode()).isNull();
        assertThat(FailingCheck.fromResult(killed).orElseThrow().timedOut()).isTrue();
    }

    @Test
    void aPassedOrSilentResultIsNoEvidence() {
        assertThat(FailingCheck.fromResult(new TestResult(0, "true", 0, true, false, 1L, "", 0L, false, null))).isEmpty();
        assertThat(FailingCheck.fromResult(new TestResult(0, "true", 0, null, null, null, null, null, null, null))).isEmpty();
        assertThat(FailingCheck.fromResult(null)).isEmpty();
    }

    @Test
    void allowedDecisionsAreOfferedInTheirOneOrderAndAllWhenNoneAreNamed() {
        assertThat(FailingCheck.allowedDecisions(List.of(Decision.ABORT, Decision.SKIP))).containsExactly("skip", "abort");
        assertThat(FailingCheck.allowedDecisions(List.of())).containsExactly("retry", "skip", "abort");
        assertThat(FailingCheck.allowedDecisions((List<Decision>) null)).containsExactly("retry", "skip", "abort");
    }

    @Test
    void statusJsonKeepsItsFieldsAndTheirOrder() {
        FailingCheck killed = new FailingCheck("npm test", null, true, null, List.of(), null);
        assertThat(dev.harness.protocol.Json.write(killed.toJson())).isEqualTo(
                "{\"command\":\"npm test\",\"exit_code\":null,\"timed_out\":true,\"assertions\":[]}");
        FailingCheck failed = new FailingCheck("make", 2, false, 1, List.of("expected 1"), "/l/test-1.log");
        assertThat(dev.harness.protocol.Json.write(failed.toJson())).isEqualTo(
                "{\"command\":\"make\",\"exit_code\":2,\"timed_out\":false,\"failing_tests\":1,"
                        + "\"assertions\":[\"expected 1\"],\"log\":\"/l/test-1.log\"}");
    }
}
