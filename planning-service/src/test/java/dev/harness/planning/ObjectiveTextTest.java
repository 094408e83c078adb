package dev.harness.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ObjectiveTextTest {
    @Test
    void whitespaceRunsBecomeOneSpaceLikeTheRegexDid() {
        for (String text : List.of("", " ", "plain words", "two  spaces", "tab\there", "lines\r\n\nmore", " lead and trail ",
                "vertical\u000Btab and\fform feed", "no\u00A0break stays", "mixed \t \n end\n")) {
            assertThat(ObjectiveText.collapseWhitespace(text)).as(text).isEqualTo(text.replaceAll("\\s+", " "));
        }
    }

    @Test
    void shortenCutsAtAWordAndKeepsOneLine() {
        assertThat(ObjectiveText.shorten("  add\tdark\n\nmode  ", 60)).isEqualTo("add dark mode");
        assertThat(ObjectiveText.shorten("add dark mode to the dashboard and the settings page", 30))
                .isEqualTo("add dark mode to the…");
    }
}
