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
}
