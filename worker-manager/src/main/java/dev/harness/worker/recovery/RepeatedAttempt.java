package dev.harness.worker.recovery;

import dev.harness.api.worker.FailureClass;
import dev.harness.worker.attempt.AttemptOutcome;
import java.util.Optional;

/**
 * Whether an automatic retry would only repeat the attempt that failed. A retry is worth its
 * minutes when something can differ: an agent hears the failure and changes the tree, or a
 * connection, a service or a rate limit outside comes back. With no agent (the built-in worker
 * only runs the checks) the next attempt runs the same checks on the same tree with the same
 * timeout, so a check that failed by itself, or was killed by the timeout, fails again: the
 * worker goes straight to the decision instead, saying why. With an agent, a check whose failing
 * tests fail on the person's unchanged project too stays red whatever the agent does right: the same. A check's exit code a recipe lists
 * (a known flaky check as transient) is still the user's word and retried.
 */
public final class RepeatedAttempt {
    private RepeatedAttempt() {}

    /**
     * The line a person reads when retrying {@code failure} would repeat the same work, or empty
     * when a retry can turn out differently.
     *
     * @param agentRuns false for the built-in worker (agent none), which changes nothing
     * @param outcome   the failed attempt (null for a failure found after it, such as a commit)
     */
    public static Optional<String> why(boolean agentRuns, Classification failure, AttemptOutcome outcome) {
        if (outcome == null || outcome.setupFailure() != null) {
            return Optional.empty();
        }
        AttemptOutcome.TestResult check = outcome.firstFailedTest();
        if (check == null) {
            return Optional.empty();
        }
        String source = failure.evidence().source();
        // what to do comes first (a display may cut the line); which check it is, last
        String name = "the check";
        String which = " (check " + dev.harness.protocol.CommandWords.shown(FailureClassifier.tail(check.command(), 120)) + ")";
        if (agentRuns) {
            // Every failing check fails on the person's unchanged project too, with the same tests failing: the
            // agent's work neither caused nor fixed them, and a correct change leaves them failing as well, so sending
            // the task back only burns an attempt. A task meant to fix those tests is the person's call: their retry
            // is honoured, the agent hearing why.
            boolean allRedBefore = outcome.tests().stream().filter(t -> !t.passed())
                    .allMatch(AttemptOutcome.TestResult::onProject);
            if (failure.failureClass() == FailureClass.LOGIC_ERROR && "acceptance_test".equals(source) && allRedBefore) {
                String exit = check.exitCode() == null ? "" : " (exit " + check.exitCode() + ")";
                return Optional.of(name + " fails" + exit + " on the unchanged project too, the same tests failing: not"
                        + " caused by this run, and another attempt of the agent would fail it the same way; fix the check or"
                        + " the project, then retry, or skip the task (retry also if the task is to make those tests pass)" + which);
            }
            return Optional.empty();
        }
        if (failure.failureClass() == FailureClass.LOGIC_ERROR && "acceptance_test".equals(source)) {
            String exit = check.exitCode() == null ? "" : " (exit " + check.exitCode() + ")";
            if (check.onBase() != null) {
                return Optional.of(name + " fails" + exit + " on the unchanged project too: not caused by this run; with no"
                        + " agent nothing would change until you fix the check or the project, then retry" + which);
            }
            return Optional.of(name + " fails" + exit + " on the workspace as it is; with no agent nothing would change"
                    + " until you fix the check or the workspace, then retry" + which);
        }
        if (failure.failureClass() == FailureClass.TRANSIENT && "timeout".equals(source) && check.timedOut()) {
            return Optional.of(name + " was killed by the task's timeout after " + seconds(check.durationMs())
                    + "; with no agent a retry would run it on the same tree with the same timeout — narrow the check"
                    + " or give the task more time (timeout_seconds), then retry" + which);
        }
        return Optional.empty();
    }

    private static String seconds(long ms) {
        return ms < 10_000 ? String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0) : (ms / 1000) + " s";
    }
}
