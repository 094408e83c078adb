package dev.harness.worker.recovery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harness.api.worker.Evidence;
import dev.harness.api.worker.FailureClass;

/** A failure's class and the evidence that decided it (what a person reads to agree or not). */
public record Classification(FailureClass failureClass, Evidence evidence) {
    public Classification {
        if (failureClass == null || evidence == null) {
            throw new IllegalArgumentException("a classification has a class and the evidence that decided it");
        }
    }

    /** A class decided by {@code source} (exit_code, timeout, claude_result…), with the detail a person reads. */
    public static Classification of(FailureClass failureClass, String source, String detail) {
        return new Classification(failureClass, new Evidence(source, detail, null, null, null, null, null, null, null, null));
    }

    public String summary() {
        return evidence.detail() != null ? evidence.detail() : failureClass.wire();
    }

    public Classification withExitCode(Integer exitCode) {
        Evidence e = evidence;
        return new Classification(failureClass, new Evidence(e.source(), e.detail(), exitCode, e.pattern(), e.line(), e.test(),
                e.outputTail(), e.apiErrorStatus(), e.event(), e.permissionDenials()));
    }

    /** The recipe pattern that matched and the line it matched in. */
    public Classification withMatch(String pattern, String line) {
        Evidence e = evidence;
        return new Classification(failureClass, new Evidence(e.source(), e.detail(), e.exitCode(), pattern, line, e.test(),
                e.outputTail(), e.apiErrorStatus(), e.event(), e.permissionDenials()));
    }

    /** The acceptance test that failed and the tail of its output. */
    public Classification withTest(String test, String outputTail) {
        Evidence e = evidence;
        return new Classification(failureClass, new Evidence(e.source(), e.detail(), e.exitCode(), e.pattern(), e.line(), test,
                outputTail, e.apiErrorStatus(), e.event(), e.permissionDenials()));
    }

    public Classification withApiErrorStatus(int status) {
        Evidence e = evidence;
        return new Classification(failureClass, new Evidence(e.source(), e.detail(), e.exitCode(), e.pattern(), e.line(), e.test(),
                e.outputTail(), status, e.event(), e.permissionDenials()));
    }

    public Classification withEvent(String event) {
        Evidence e = evidence;
        return new Classification(failureClass, new Evidence(e.source(), e.detail(), e.exitCode(), e.pattern(), e.line(), e.test(),
                e.outputTail(), e.apiErrorStatus(), event, e.permissionDenials()));
    }

    public Classification withPermissionDenials(JsonNode denials) {
        Evidence e = evidence;
        return new Classification(failureClass, new Evidence(e.source(), e.detail(), e.exitCode(), e.pattern(), e.line(), e.test(),
                e.outputTail(), e.apiErrorStatus(), e.event(), denials == null ? null : denials.deepCopy()));
    }
}
