package dev.harness.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harness.orchestrator.attention.DecisionInbox;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** resume's answer when another orchestrator holds the run: it names only what resume itself can give there. */
class ResumeHeldElsewhereTest {
    static Stream<Arguments> prompts() {
        return Stream.of(
                Arguments.of("trust", List.of("trust", "refuse"), "(--trust or --no-trust can be given here)"),
                Arguments.of("plan", List.of("approve", "reject"), "(--yes can be given here)"),
                Arguments.of("decision", List.of("retry", "skip", "abort"),
                        "(--decision retry or --decision skip or --decision abort can be given here)"),
                Arguments.of("decision", List.of("skip", "abort"), "(--decision skip or --decision abort can be given here)"),
                Arguments.of("trust", List.of("refuse"), "(--no-trust can be given here)"),
                Arguments.of("plan", List.of("reject"), "(nothing resume can give answers it; answer at that terminal)"));
    }

    @ParameterizedTest
    @MethodSource("prompts")
    void namesOnlyTheFlagsResumeAccepts(String gate, List<String> actions, String named) {
        DecisionInbox.Prompt prompt = new DecisionInbox.Prompt("p-1", gate, null, "Go on?", actions);

        String message = ResumeCommand.heldElsewhere("run-1", Optional.of(prompt), "retry");

        assertThat(message).contains("which asks: Go on? " + named, "Nothing was changed.")
                .doesNotContain("refuse", "reject");
    }

    @Test
    void withoutAPromptItSaysTheFlagAnswersNothing() {
        assertThat(ResumeCommand.heldElsewhere("run-1", Optional.empty(), "trust"))
                .isEqualTo("Run run-1 is being run by another orchestrator now, which is not asking anything that --trust"
                        + " answers. Nothing was changed.");
    }

    static Stream<Arguments> answers() {
        return Stream.of(
                Arguments.of("approve", null, "the orchestrator running it approved the plan at its terminal; it continues there"),
                Arguments.of("trust", null, "the orchestrator running it trusted the workspace at its terminal; it continues there"),
                Arguments.of("refuse", null, "the orchestrator running it refused trust in the workspace at its terminal; the run ends there"),
                Arguments.of("retry", "t2", "the orchestrator running it took the decision retry for task t2 at its terminal; it continues there"),
                Arguments.of("abort", "t2", "the orchestrator running it took the decision abort for task t2 at its terminal; the run ends there"));
    }

    @ParameterizedTest
    @MethodSource("answers")
    void saysWhatTheHoldingOrchestratorDidWithTheAnswer(String action, String task, String said) {
        assertThat(ResumeCommand.taken("run-1", task, action)).isEqualTo("Run run-1: " + said + " (orchestrator watch run-1).");
    }
}
