package dev.harness.orchestrator.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harness.api.worker.TestEvidence;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A completed task's line says when its own tests are no evidence for its change. */
class TestEvidenceDisplayTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "new_test_fails_on_base|changed and verified",
        "tests_pass_on_base|changed and verified; warning: its new or changed tests already pass without the change: not evidence for it",
        "no_test_changed|changed and verified; warning: it added or changed no test",
        "not_checked|changed and verified",
    })
    void theWarningFollowsTheVerification(String kind, String shown) {
        TestEvidence evidence = new TestEvidence(TestEvidence.Kind.fromWire(kind), "abc", List.of("test/a_test.sh"), List.of(), "d");
        assertThat(RunDisplay.withTestEvidence("changed and verified", evidence)).isEqualTo(shown);
    }

    @ParameterizedTest(name = "no evidence recorded: {0}")
    @CsvSource(value = {"changed and verified", "verified only — nothing was changed"})
    void withoutEvidenceTheWordsStay(String verification) {
        assertThat(RunDisplay.withTestEvidence(verification, null)).isEqualTo(verification);
    }

    /** A task that commits nothing: its agent's changes stay in its removed checkout; the line says so, not "changed and verified". */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "kept on a branch|changed_and_verified|harness/r/t1|c0ffee|changed and verified; warning: it added or changed no test",
        "in place, no git|changed_and_verified|-|-|changed and verified; warning: it added or changed no test",
        "not kept|changed_and_verified|harness/r/t3|-|verified; its agent's changes were not kept (this task commits nothing)",
        "verified only|verified_only|harness/r/t3|-|verified only — nothing was changed; warning: it added or changed no test",
    })
    void aCompletedTaskSaysWhereItsChangesAre(String name, String verification, String branch, String commit, String shown) {
        TestEvidence evidence = new TestEvidence(TestEvidence.Kind.NO_TEST_CHANGED, "abc", List.of(), List.of(), "d");
        assertThat(RunDisplay.completedWords(dev.harness.api.run.TaskVerification.fromWire(verification), evidence, branch, commit))
                .isEqualTo(shown);
    }
}
