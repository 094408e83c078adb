package dev.harness.orchestrator.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The summary's Failed and Skipped reasons, cut to their width between words. */
class SafeTextTest {
    private static final String NO_AGENT = "logic_error: the check fails (exit 1) on the unchanged base; with no agent nothing"
            + " would change until you fix the check or the base, then retry (check `npm run test:unit -- --reporter dot`)";

    static Stream<Arguments> cuts() {
        return Stream.of(
                // text, width, what the line shows
                Arguments.of("short reason", 20, "short reason"),
                Arguments.of("abcdefghij klmnopqrs", 20, "abcdefghij klmnopqrs"), // exactly the width: whole
                Arguments.of("the check fails on the base", 20, "the check fails on …"), // a space where the cut falls
                Arguments.of("the check fails (check `npm test`)", 30, "the check fails (check `npm …"), // backs up to a space
                Arguments.of("logic_error:\n  two\ttests failed", 40, "logic_error: two tests failed"), // one line
                Arguments.of("/a/very/long/path/with/no/spaces/at/all", 20, "/a/very/long/path/w…"), // one word: cut in it
                Arguments.of("ab /a/very/long/path/without/spaces", 20, "ab /a/very/long/pat…"), // a space too early to use
                Arguments.of("échec du contrôle à la base", 15, "échec du …"), // widths in characters
                Arguments.of(NO_AGENT, 160, "logic_error: the check fails (exit 1) on the unchanged base; with no agent nothing"
                        + " would change until you fix the check or the base, then retry (check `npm …"));
    }

    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("cuts")
    void aReasonIsCutBetweenWords(String text, int width, String shown) {
        String line = SafeText.briefAtWord(text, width);
        assertThat(line).isEqualTo(shown);
        assertThat(SafeText.width(line)).isLessThanOrEqualTo(width);
    }
}
