package dev.harness.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harness.orchestrator.render.RedactedOutput;
import dev.harness.protocol.secrets.Redactor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * What the command line's own messages (picocli's usage errors, help) show on the masked stderr: a token in an
 * argument it repeats is masked wherever its writer's 8 KB pieces would cut it (picocli's default writer handed
 * the stream 8 KB at a time, each released by the masking apart, so a token across a seam was printed whole).
 */
class CommandLineMaskingTest {
    private static final String TOKEN = "ghp_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789";

    @Test
    void aTokenInAnUnknownOptionIsMaskedAtEveryOffsetAroundTheWritersSeam() {
        PrintStream systemErr = System.err;
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        try {
            System.setErr(RedactedOutput.printStream(terminal, Redactor.builtIn()));
            // "orchestrator: Unknown option: '--" comes first: these offsets put the seam before, inside and after the token
            for (int before = 8192 - 120; before <= 8192 + 4; before += 2) {
                terminal.reset();
                int code = Orchestrator.execute("runs", "--" + "x".repeat(before) + " " + TOKEN + " done");
                String shown = terminal.toString(StandardCharsets.UTF_8);
                assertThat(code).isEqualTo(ExitCode.USAGE.code());
                assertThat(shown).as("token after %d characters", before)
                        .contains("Unknown option", " *** done").doesNotContain("ghp_").doesNotContain("0123456789");
            }
        } finally {
            System.setErr(systemErr);
        }
    }
}
