package dev.harness.orchestrator.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TerminalTest {
    private final ByteArrayOutputStream shown = new ByteArrayOutputStream();

    private Terminal typing(String keys) {
        return new Terminal(true, new PrintStream(shown, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(keys.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void asksAgainUntilTheAnswerIsAChoiceOrItsFirstLetter() {
        Terminal terminal = typing("maybe\n  S \n");
        assertThat(terminal.choose("Decide?", List.of("retry", "skip", "abort"))).contains("skip");
        assertThat(shown.toString(StandardCharsets.UTF_8)).contains("Decide? [(r)etry/(s)kip/(a)bort]",
                "Please answer one of: retry, skip, abort.");
    }

    @Test
    void theEndOfInputIsNoAnswerNotADefault() {
        assertThat(typing("").choose("Approve?", List.of("approve", "reject"))).isEmpty();
        assertThat(typing("wrong\n").choose("Approve?", List.of("approve", "reject"))).isEmpty();
    }

    /** An Elsewhere that answers on its n-th look, and says what it was told. */
    private static final class AnswersOnLook implements Terminal.Elsewhere {
        final java.util.List<String> told = new java.util.ArrayList<>();
        private final int look;
        private int looks;

        AnswersOnLook(int look) {
            this.look = look;
        }

        @Override
        public void asking(Terminal.Gate gate, String question, List<String> choices) {
            told.add("asking " + gate.taskId() + " " + choices);
        }

        @Override
        public java.util.Optional<Terminal.Answer> answer() {
            return ++looks == look ? java.util.Optional.of(new Terminal.Answer("skip",
                    dev.harness.api.worker.ApprovalSource.WEB, "ada", "flaky", "in the dashboard")) : java.util.Optional.empty();
        }

        @Override
        public void asked() {
            told.add("asked");
        }
    }

    @Test
    void aQuestionAtAGateTakesAnAnswerGivenElsewhereWhileNothingIsTyped() throws Exception {
        java.io.PipedOutputStream keyboard = new java.io.PipedOutputStream();
        Terminal terminal = new Terminal(true, new PrintStream(shown, true, StandardCharsets.UTF_8),
                new java.io.PipedInputStream(keyboard)); // nothing is ever typed: stdin stays open and silent
        AnswersOnLook elsewhere = new AnswersOnLook(3);
        terminal.answersAlsoFrom(elsewhere);
        java.util.Optional<String> answer = terminal.atGate(new Terminal.Gate(dev.harness.api.run.RunStatus.AWAITING_DECISION,
                "t1", "logic_error"), () -> terminal.choose("Decide?", List.of("retry", "skip", "abort")));
        assertThat(answer).contains("skip");
        assertThat(terminal.answeredElsewhere()).hasValueSatisfying(a -> assertThat(a.source().wire()).isEqualTo("web"));
        assertThat(elsewhere.told).containsExactly("asking t1 [retry, skip, abort]", "asked");
        assertThat(shown.toString(StandardCharsets.UTF_8)).contains("→ skip, answered in the dashboard by ada (\"flaky\").");
        keyboard.close();
    }

    @Test
    void typedAnswersStillCountAndAQuestionOutsideAGateNeverAsksElsewhere() {
        Terminal terminal = typing("r\nmaybe\na\n");
        AnswersOnLook elsewhere = new AnswersOnLook(Integer.MAX_VALUE);
        terminal.answersAlsoFrom(elsewhere);
        assertThat(terminal.choose("Approve?", List.of("approve", "reject"))).contains("reject");
        assertThat(elsewhere.told).isEmpty();
        assertThat(terminal.atGate(new Terminal.Gate(dev.harness.api.run.RunStatus.AWAITING_APPROVAL, null, "plan"),
                () -> terminal.choose("Approve?", List.of("approve", "reject")))).contains("approve");
        assertThat(terminal.answeredElsewhere()).isEmpty();
        assertThat(elsewhere.told).containsExactly("asking null [approve, reject]", "asked");
    }
}
