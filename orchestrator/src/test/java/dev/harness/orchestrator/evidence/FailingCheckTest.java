package dev.harness.orchestrator.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harness.api.worker.Decision;
import dev.harness.api.worker.TestResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailingCheckTest {
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
