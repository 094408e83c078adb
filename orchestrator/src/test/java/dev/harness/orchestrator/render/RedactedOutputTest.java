package dev.harness.orchestrator.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harness.protocol.secrets.Redactor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What reaches the terminal through the orchestrator's masked stdout and stderr. */
class RedactedOutputTest {
    private static final String TOKEN = "ghp_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789";

    private final ByteArrayOutputStream terminal = new ByteArrayOutputStream();
    private final PrintStream out = RedactedOutput.printStream(terminal, Redactor.builtIn());

    private String shown() {
        return terminal.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aTokenAcrossThePrintStreamsEightKilobytePiecesIsMaskedAtEveryOffset() {
        // a PrintStream encodes a long string in 8 KB pieces; the token must be masked wherever a seam cuts it
        for (int before = 8192 - TOKEN.length(); before <= 8192 + 1; before += 3) {
            terminal.reset();
            out.println("x".repeat(before) + " " + TOKEN + " done");
            assertThat(shown()).as("token after %d bytes", before)
                    .doesNotContain("ghp_").doesNotContain("0123456789")
                    .endsWith(" *** done" + System.lineSeparator());
        }
    }

    @Test
    void aLongLineOfWordsIsNotMaskedWhereAPieceEnds() {
        StringBuilder line = new StringBuilder();
        while (line.length() < 20_000) {
            line.append("task-frontend-component-").append(line.length() % 97).append(' ');
        }
        out.println(line);
        assertThat(shown()).isEqualTo(line + System.lineSeparator());
    }

    @Test
    void printfMasksTheWholeMessageNotEachSegment() {
        out.printf("%s=%s%n", "--password", "pw123456");
        assertThat(shown()).isEqualTo("--password=***" + System.lineSeparator());
    }

    @Test
    void aPromptWithoutALineEndIsShownAtOnce() {
        out.print("Approve this plan? [y/N] ");
        assertThat(shown()).isEqualTo("Approve this plan? [y/N] ");
        out.print("\rprogress 3/4");
        assertThat(shown()).endsWith("\rprogress 3/4");
    }

    @Test
    void rawBytesWithALineEndInsideKeepTheRestOfTheLineUntilItEnds() throws Exception {
        RedactedOutput raw = new RedactedOutput(terminal, Redactor.builtIn());
        byte[] first = ("line one\nkey " + TOKEN.substring(0, 20)).getBytes(StandardCharsets.UTF_8);
        raw.write(first, 0, first.length);
        assertThat(shown()).isEqualTo("line one\n");
        byte[] second = (TOKEN.substring(20) + " end\n").getBytes(StandardCharsets.UTF_8);
        raw.write(second, 0, second.length);
        assertThat(shown()).isEqualTo("line one\nkey *** end\n");
    }
}
