package dev.harness.worker.lifecycle;

import static dev.harness.api.worker.WorkerState.CANCELLED;
import static dev.harness.api.worker.WorkerState.FAILED;
import static dev.harness.api.worker.WorkerState.FINISHED;
import static dev.harness.api.worker.WorkerState.READY_FOR_PROMPT;
import static dev.harness.api.worker.WorkerState.RUNNING;
import static dev.harness.api.worker.WorkerState.SPAWNING;
import static dev.harness.api.worker.WorkerState.TRUST_REQUIRED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.harness.api.worker.FailureClass;
import dev.harness.api.worker.WorkerState;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The table is exactly PIPELINE.md's "Worker lifecycle" table, no more, no less. */
class TransitionsTest {
    private static final List<List<WorkerState>> PIPELINE_TABLE = List.of(
            List.of(SPAWNING, TRUST_REQUIRED),
            List.of(SPAWNING, READY_FOR_PROMPT),
            List.of(TRUST_REQUIRED, READY_FOR_PROMPT),
            List.of(TRUST_REQUIRED, FAILED),
            List.of(READY_FOR_PROMPT, RUNNING),
            List.of(RUNNING, FINISHED),
            List.of(RUNNING, RUNNING),
            List.of(RUNNING, FAILED),
            List.of(FAILED, READY_FOR_PROMPT),
            // any non-terminal → cancelled
            List.of(SPAWNING, CANCELLED),
            List.of(TRUST_REQUIRED, CANCELLED),
            List.of(READY_FOR_PROMPT, CANCELLED),
            List.of(RUNNING, CANCELLED));

    @Test
    void everyPairIsLegalExactlyWhenThePipelineTableListsIt() {
        Set<List<WorkerState>> legal = new HashSet<>(PIPELINE_TABLE);
        for (WorkerState from : WorkerState.values()) {
            for (WorkerState to : WorkerState.values()) {
                assertThat(Transitions.isLegal(from, to)).as("%s → %s", from, to).isEqualTo(legal.contains(List.of(from, to)));
            }
        }
    }

    @Test
    void anIllegalTransitionNamesTheCurrentStateAndTheAllowedOnes() {
        assertThatThrownBy(() -> Transitions.require(TRUST_REQUIRED, RUNNING))
                .isInstanceOfSatisfying(Transitions.IllegalTransition.class, e -> {
                    assertThat(e.current()).isEqualTo(TRUST_REQUIRED);
                    assertThat(e.requested()).isEqualTo(RUNNING);
                    assertThat(e.allowed()).containsExactlyInAnyOrder(READY_FOR_PROMPT, FAILED, CANCELLED);
                    assertThat(e.getMessage()).contains("trust_required", "running");
                });
        assertThatThrownBy(() -> Transitions.require(FINISHED, READY_FOR_PROMPT))
                .isInstanceOfSatisfying(Transitions.IllegalTransition.class, e -> assertThat(e.allowed()).isEmpty());
        assertThatThrownBy(() -> Transitions.require(SPAWNING, RUNNING)).isInstanceOf(Transitions.IllegalTransition.class);
        assertThatThrownBy(() -> Transitions.require(CANCELLED, CANCELLED)).isInstanceOf(Transitions.IllegalTransition.class);
        assertThatThrownBy(() -> Transitions.require(FAILED, RUNNING)).isInstanceOf(Transitions.IllegalTransition.class);
        assertThatThrownBy(() -> Transitions.require(SPAWNING, FAILED)).isInstanceOf(Transitions.IllegalTransition.class);
    }

    @Test
    void wireNamesAreSnakeCase() {
        assertThat(READY_FOR_PROMPT.wire()).isEqualTo("ready_for_prompt");
        assertThat(WorkerState.fromWire("trust_required")).isEqualTo(TRUST_REQUIRED);
        assertThat(FailureClass.LOGIC_ERROR.wire()).isEqualTo("logic_error");
    }
}
