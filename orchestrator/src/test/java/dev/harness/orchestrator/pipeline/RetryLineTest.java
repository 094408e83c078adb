package dev.harness.orchestrator.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harness.api.worker.FailureClass;
import dev.harness.api.worker.WorkerEventPayload;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The worker manager's retry line names the retry, not the worker's attempt number: after an interruption a new
 * worker counts from 1 again, and "attempt 1 (logic_error)" followed "attempt 2 (attempt 1 was interrupted)".
 */
class RetryLineTest {
    @ParameterizedTest(name = "{0} {1}/{2}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "logic_error|1|1|retry 1 of 1 after logic_error",
        "transient|2|3|retry 2 of 3 after transient",
        "transient|2|-|retry 2 after transient",
        "-|-|-|retry after a failure",
    })
    void theLineSaysWhichRetryAndWhy(String failureClass, Integer retry, Integer maxRetries, String shown) {
        var recovery = new WorkerEventPayload.RecoveryAttempted(failureClass == null ? null : FailureClass.fromWire(failureClass),
                null, retry, maxRetries, 2, null, null);
        assertThat(RunDisplay.retryWords(recovery, null)).isEqualTo(shown).doesNotContain("attempt");
    }

    /** The line says why the attempt failed, as classified: the retry may take minutes. */
    @ParameterizedTest(name = "{index}: {0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "acceptance test `npm test` failed with exit code 1; `npm test` fails on the unchanged project (abc) too (exit 1): not caused by this run"
            + "|retry 1 of 1 after logic_error: acceptance test `npm test` failed with exit code 1; `npm test` fails on the unchanged project (abc) too (exit 1): not caused by this run",
        "-|retry 1 of 1 after logic_error",
        "' '|retry 1 of 1 after logic_error",
    })
    void theLineSaysWhatFailed(String why, String shown) {
        var recovery = new WorkerEventPayload.RecoveryAttempted(FailureClass.LOGIC_ERROR, null, 1, 1, 2, null, null);
        assertThat(RunDisplay.retryWords(recovery, why)).isEqualTo(shown);
    }
}
