package dev.harness.worker.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.api.worker.FailureClass;
import dev.harness.protocol.Json;
import org.junit.jupiter.api.Test;

/** A worker's failure is one value whose parts only come together in legal combinations. */
class FailureTest {
    private static ObjectNode evidence() {
        return Json.object().put("source", "exit_code").put("detail", "the agent exited 126");
    }

    @Test
    void aClassComesWithItsEvidenceAndOnlyThen() {
        assertThatThrownBy(() -> new Failure(FailureClass.PERMISSION, null, "exit 126", false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Failure(null, evidence(), "denied", false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Failure(FailureClass.PERMISSION, evidence(), " ", false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aClassifiedFailureWaitsForADecisionOnlyWhenEscalatedAndADecisionEndsTheWait() {
        Failure failure = Failure.classified(new Classification(FailureClass.PERMISSION, evidence()));
        assertThat(failure.summary()).isEqualTo("the agent exited 126");
        assertThat(failure.awaitsDecision()).isFalse();
        Failure escalated = failure.awaitingDecision();
        assertThat(escalated.awaitsDecision()).isTrue();
        assertThat(escalated.decided()).isEqualTo(failure);
    }

    @Test
    void aTrustDenialIsAFailureWithoutAClass() {
        Failure denied = Failure.trustDenied("trust was denied by ana");
        assertThat(denied.failureClass()).isNull();
        assertThat(denied.evidence()).isNull();
        assertThat(denied.classOrUnknown()).isEqualTo(FailureClass.UNKNOWN);
    }

    @Test
    void itsEvidenceCannotBeChangedFromOutside() {
        ObjectNode evidence = evidence();
        Failure failure = new Failure(FailureClass.TRANSIENT, evidence, "timeout", false);
        evidence.put("detail", "changed");
        assertThat(failure.evidence().get("detail").asText()).isEqualTo("the agent exited 126");
    }
}
