package dev.harness.worker.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harness.api.worker.FailureClass;
import dev.harness.worker.Fixtures;
import dev.harness.worker.attempt.AttemptOutcome;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table-driven: a failed attempt, with or without an agent → does a retry repeat the same work (and
 * what the person reads), or can it turn out differently. The classification comes from the real
 * classifier, as the worker manager takes it.
 */
class RepeatedAttemptTest {
    private static final String ON_BASE = "the project as committed (0123456789ab, no uncommitted change) fails it before any change";
    private static final String ON_PROJECT = "`mvn -q test` fails on the unchanged project (0123456789ab) too (exit 1): not caused by this run";
    private static final String RED_BEFORE = "the check fails (exit 1) on the unchanged project too, the same tests failing: not"
            + " caused by this run, and another attempt of the agent would fail it the same way; fix the check or the project,"
            + " then retry, or skip the task (retry also if the task is to make those tests pass) (check `mvn -q test`)";
    private static final String ON_TASK_BASE = "`mvn -q test` fails on this task's base 0123456789ab too (exit 1) but passes on the"
            + " unchanged project (ba9876543210): the work of an earlier task of this run broke it";

    private static AttemptOutcome check(boolean agentRan, Integer exit, boolean timedOut, String onBase) {
        AttemptOutcome.AgentResult agent = agentRan
                ? new AttemptOutcome.AgentResult(true, "claude", 0, false, null, List.of(), "", null, 5)
                : AttemptOutcome.AgentResult.none();
        return new AttemptOutcome(1, agent, List.of(
                new AttemptOutcome.TestResult("true", 0, false, 1, "", null),
                new AttemptOutcome.TestResult("mvn -q test", timedOut ? null : exit, timedOut, 61_000, "FAIL", null)
                        .withOnBase(onBase)), null);
    }

    /** After an agent: {@code mvn -q test} fails on the person's unchanged project too; {@code npm test} fails as {@code other} says. */
    private static AttemptOutcome redBefore(Integer otherExit, String other) {
        AttemptOutcome.AgentResult agent = new AttemptOutcome.AgentResult(true, "claude", 0, false, null, List.of(), "", null, 5);
        AttemptOutcome.TestResult npm = new AttemptOutcome.TestResult("npm test", otherExit, false, 1, "not ok 1", null);
        return new AttemptOutcome(1, agent, List.of(
                new AttemptOutcome.TestResult("mvn -q test", 1, false, 61_000, "FAIL", null).withOnProject(ON_PROJECT),
                "passes on the base".equals(other) ? npm.withPassedOnBase()
                        : "fails on the project".equals(other) ? npm.withOnProject(ON_PROJECT) : npm), null);
    }

    private static AttemptOutcome agentTimedOut() {
        return new AttemptOutcome(1, new AttemptOutcome.AgentResult(true, "claude", null, true, null, List.of(), "", null, 1_800_000),
                List.of(), null);
    }

    private static AttemptOutcome setup(FailureClass failureClass) {
        return new AttemptOutcome(1, AttemptOutcome.AgentResult.none(), List.of(),
                new AttemptOutcome.SetupFailure(failureClass, "the attempt could not be dispatched: connection refused"));
    }

    static Stream<Arguments> cases() {
        String flaky = "recipes:\n  transient: {action: retry, max_retries: 2, exit_codes: [75]}\n";
        return Stream.of(
                // name, agent runs, outcome, extra recipe file (null: built-in), expected class, what the person reads (null: retried)
                Arguments.of("no agent, the check fails on the unchanged project", false, check(false, 1, false, ON_BASE), null,
                        "logic_error", "the check fails (exit 1) on the unchanged project too: not caused by this run; with"
                                + " no agent nothing would change until you fix the check or the project, then retry (check `mvn -q test`)"),
                Arguments.of("no agent, the check fails on the workspace with uncommitted changes", false,
                        check(false, 2, false, null), null, "logic_error",
                        "the check fails (exit 2) on the workspace as it is; with no agent nothing would change"
                                + " until you fix the check or the workspace, then retry (check `mvn -q test`)"),
                Arguments.of("no agent, the check is killed by the timeout", false, check(false, null, true, null), null,
                        "transient", "the check was killed by the task's timeout after 61 s; with no agent a retry"
                                + " would run it on the same tree with the same timeout — narrow the check or give the task"
                                + " more time (timeout_seconds), then retry (check `mvn -q test`)"),
                Arguments.of("no agent, the check's exit code a recipe lists as transient (a known flaky check)", false,
                        check(false, 75, false, ON_BASE), flaky, "transient", null),
                Arguments.of("no agent, the check's command is missing (the recipe escalates anyway)", false,
                        check(false, 127, false, null), null, "unrecoverable", null),
                Arguments.of("no agent, the attempt could not be dispatched", false, setup(FailureClass.TRANSIENT), null,
                        "transient", null),
                Arguments.of("an agent's change fails the check: it hears why and changes the tree", true,
                        check(true, 1, false, null), null, "logic_error", null),
                Arguments.of("an agent, the check fails on the unchanged project too: red whatever the agent does", true,
                        redBefore(0, null), null, "logic_error", RED_BEFORE),
                Arguments.of("an agent, two checks fail, both on the unchanged project too", true,
                        redBefore(1, "fails on the project"), null, "logic_error", RED_BEFORE),
                Arguments.of("an agent, a check red before and another its change broke: it hears why and fixes that one",
                        true, redBefore(1, "passes on the base"), null, "logic_error", null),
                Arguments.of("an agent, a check red before and another not run on a base: a retry may tell", true,
                        redBefore(1, null), null, "logic_error", null),
                Arguments.of("an agent, the check fails on the task's base but passes on the project: an earlier task broke it",
                        true, check(true, 1, false, ON_TASK_BASE), null, "logic_error", null),
                Arguments.of("an agent's change makes the check time out: it hears why", true,
                        check(true, null, true, null), null, "transient", null),
                Arguments.of("the agent is killed by the timeout (a hung connection passes)", true, agentTimedOut(), null,
                        "transient", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aRetryRepeatsTheSameWorkOnlyWhenNothingCanChange(String name, boolean agentRuns, AttemptOutcome outcome, String recipeFile,
                                                        String expectedClass, String expectedLine, @TempDir Path tmp) throws Exception {
        RecoveryRecipes recipes = recipeFile == null ? RecoveryRecipes.defaults()
                : RecoveryRecipes.load(Fixtures.write(tmp.resolve("recipes.yaml"), recipeFile));
        Classification failure = new FailureClassifier(recipes).classify(outcome);
        assertThat(failure.failureClass().wire()).isEqualTo(expectedClass);
        Optional<String> why = RepeatedAttempt.why(agentRuns, failure, outcome);
        assertThat(why).isEqualTo(Optional.ofNullable(expectedLine));
    }

    @org.junit.jupiter.api.Test
    void aFailureFoundAfterTheAttemptIsNeverCalledARepeat() {
        // a commit that failed (no outcome) is retried by its recipe: git may have been busy
        Classification commitFailed = Classification.of(FailureClass.TRANSIENT, "commit", "git commit failed: index.lock exists");
        assertThat(RepeatedAttempt.why(false, commitFailed, null)).isEmpty();
    }
}
