package dev.harness.api.worker;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One acceptance test's result (acceptance_test_result's payload; a snapshot's acceptance).
 *
 * @param exitCode null when the command did not exit by itself (timed out, could not start)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TestResult(Integer index, String command, @JsonInclude(JsonInclude.Include.ALWAYS) Integer exitCode,
                         Boolean passed, Boolean timedOut, Long durationMs, String outputTail, Long outputBytes,
                         Boolean outputTruncated, String log) {}
