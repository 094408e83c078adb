package dev.harness.planning;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The one bracket scanner of the planner (a Java method's body, a Jakefile call's arguments): what closes the first
 * bracket of a text, with what sits in literals and comments skipped. The closing bracket is written as {@code @}
 * in the table and replaced before scanning, so each row shows where the scan must stop; -1 when nothing closes.
 */
class CodeBracketsTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "{ return 1; @ x } | }",
        "{ if (a) { b(); } @ | }",
        "{ String s = \"}\"; @ | }",
        "{ char c = '}'; @ | }",
        "{ char c = '\\''; c = '{'; @ | }",
        "{ String s = \"a\\\"}\"; @ | }",
        "{ // a } in a comment\\n x(); @ | }",
        "{ /* } { */ @ | }",
        "{ s = \"a quote that the line ends\\n @ | }",
        "{ String t = \"\"\"\\n  } text block {\\n  \"\"\"; @ | }",
        "(['b'], function () { sh('x)'); }@; | )",
        "(`template ) literal\\n over lines`, [1, (2)] @ | )",
        "{ never closed | }",
        "{ /* comment never closed } | }",
    })
    void theClosingBracketIsTheOneOutsideLiteralsAndComments(String row, String closer) {
        String marked = row.replace("\\n", "\n");
        int expected = marked.indexOf('@');
        assertThat(CodeBrackets.closing(marked.replace("@", closer), 0)).isEqualTo(expected);
    }
}
