package dev.harness.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandWordsTest {
    @Test
    void aCommandNamedInProseIsFencedSoItsOwnQuotesCannotLookCut() {
        assertThat(CommandWords.shown("pytest 'tests/test_x.py'")).isEqualTo("`pytest 'tests/test_x.py'`");
        assertThat(CommandWords.shown("echo `id`")).isEqualTo("`` echo `id` ``");
        assertThat(CommandWords.shown(null)).isEqualTo("``");
    }

    @Test
    void splitsLikeAShellWithoutOne() {
        assertThat(CommandWords.parse("claude -p --output-format json")).containsExactly("claude", "-p", "--output-format", "json");
        assertThat(CommandWords.parse("python3 'my planner.py' --model \"big \\\"one\\\"\" a\\ b"))
                .containsExactly("python3", "my planner.py", "--model", "big \"one\"", "a b");
        assertThat(CommandWords.parse("sh -c 'echo $HOME; ls'")).containsExactly("sh", "-c", "echo $HOME; ls");
        assertThat(CommandWords.parse("  x  ''  ")).isEqualTo(List.of("x", ""));
        assertThat(CommandWords.parse("agent $(rm -rf ~) `id` ; true")).containsExactly("agent", "$(rm", "-rf", "~)", "`id`", ";", "true");
    }

    @Test
    void takesAJsonArrayAsItIs() {
        assertThat(CommandWords.parse("[\"my agent\", \"--file\", \"{prompt_file}\"]"))
                .containsExactly("my agent", "--file", "{prompt_file}");
        assertThatThrownBy(() -> CommandWords.parse("[1, 2]")).hasMessageContaining("string");
        assertThatThrownBy(() -> CommandWords.parse("[]")).hasMessageContaining("non-empty");
        assertThatThrownBy(() -> CommandWords.parse("[\"a\",")).hasMessageContaining("JSON array");
    }

    @Test
    void refusesWhatItCannotSplit() {
        assertThatThrownBy(() -> CommandWords.parse("claude 'oops")).hasMessageContaining("unterminated single quote");
        assertThatThrownBy(() -> CommandWords.parse("claude \"oops")).hasMessageContaining("unterminated double quote");
        assertThatThrownBy(() -> CommandWords.parse("   ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> CommandWords.parse(null)).hasMessageContaining("empty");
    }

    /** A word quoted for a shell splits back into itself, whatever it holds; plain words stay readable. */
    @Test
    void quotesAWordSoAShellReadsItBackLiterally() {
        assertThat(CommandWords.quote("/tmp/nu26/uuid")).isEqualTo("/tmp/nu26/uuid");
        assertThat(CommandWords.quote("/tmp/my proj")).isEqualTo("'/tmp/my proj'");
        assertThat(CommandWords.quote("/tmp/my proj's $(touch x) ;y")).isEqualTo("'/tmp/my proj'\\''s $(touch x) ;y'");
        assertThat(CommandWords.quote("-rf")).isEqualTo("'-rf'");
        assertThat(CommandWords.quote("")).isEqualTo("''");
        for (String word : List.of("/tmp/my proj's $(touch x) ;y", "a\"b\\c`id`", "tab\there\nnewline", "~/x", "*", "it's")) {
            assertThat(CommandWords.parse("orchestrator --workspace " + CommandWords.quote(word)))
                    .as(word).containsExactly("orchestrator", "--workspace", word);
        }
        assertThatThrownBy(() -> CommandWords.quote(null)).hasMessageContaining("nothing to quote");
    }
}
