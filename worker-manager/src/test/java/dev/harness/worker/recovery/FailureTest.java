package dev.harness.worker.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.harness.api.worker.Evidence;
import dev.harness.api.worker.FailureClass;
import dev.harness.protocol.Json;
import org.junit.jupiter.api.Test;

/** A worker's failure is one value whose parts only come together in legal combinations. */
class FailureTest {
    private static Evidence evidence() {
        return Classification.of(FailureClass.PERMISSION, "exit_code", "the agent exited 126").evidence();
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
        ArrayNode denials = Json.array();
        denials.addObject().put("tool_name", "Bash");
        Classification denied = Classification.of(FailureClass.PERMISSION, "claude_result", "denied Bash").withPermissionDenials(denials);
        Failure failure = Failure.classified(denied);
        denials.addObject().put("tool_name", "Write");
        assertThat(failure.evidence().permissionDenials()).hasSize(1);
        assertThat(failure.summary()).isEqualTo("denied Bash");
    }
}
