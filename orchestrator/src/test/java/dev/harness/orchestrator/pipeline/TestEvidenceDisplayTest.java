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
}
