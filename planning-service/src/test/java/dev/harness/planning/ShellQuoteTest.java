package dev.harness.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ShellQuoteTest {
    /** What sh makes of the quoted word: it must be the word itself, nothing run, nothing expanded. */
    private static String throughShell(String word) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", "printf '%s' " + ShellQuote.quote(word)).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"src/theme", "it's", "'; rm -rf ~", "$(touch /tmp/pwned-by-quote)", "`id`", "a b\tc",
            "line1\nline2", "$HOME", "*", "-rf", "\\", "''", "\"double\"", "日本語"})
    void theShellSeesTheWordLiterally(String word) throws Exception {
        assertThat(throughShell(word)).isEqualTo(word);
    }

    @Test
    void quotesWithSingleQuotes() {
        assertThat(ShellQuote.quote("src/theme")).isEqualTo("'src/theme'");
        assertThat(ShellQuote.quote("it's")).isEqualTo("'it'\\''s'");
        assertThat(ShellQuote.quoteIfNeeded("ThemeTest")).isEqualTo("ThemeTest");
        assertThat(ShellQuote.quoteIfNeeded("a;b")).isEqualTo("'a;b'");
        assertThat(ShellQuote.quoteIfNeeded("-x")).isEqualTo("'-x'");
    }
}
