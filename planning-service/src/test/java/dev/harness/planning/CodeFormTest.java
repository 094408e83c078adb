package dev.harness.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Code written without backticks is put in code form; prose is left as written. */
class CodeFormTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '^', value = {
        // objective as written                                    | as the planner reads it
        "a logger made with .extend() should inherit useColors     | a logger made with `.extend()` should inherit `useColors`",
        "format('Z') must render +05:30, and ZZ too               | `format('Z')` must render `+05:30`, and `ZZ` too",
        "lookup('.mp4') must return video/mp4, not application/mp4 | `lookup('.mp4')` must return `video/mp4`, not `application/mp4`",
        "call merge(a, b) twice                                    | call `merge(a, b)` twice",
        "show <-chan T and chan<- T, or x <- y                    | show `<-chan T` and `chan<- T`, or x `<-` y",
        "a $S literal joined with +                                | a `$S` literal joined with `+`",
        "parse a bare -- and --no-color                            | parse a bare `--` and `--no-color`",
        "sqlparse.format with identifier_case='upper' (\"MyTable\") | `sqlparse.format` with `identifier_case='upper'` (`\"MyTable\"`)",
        "reject it, except with the json: true option              | reject it, except with the `json: true` option",
        "DateTime#toFormat must render kkkk                        | `DateTime#toFormat` must render `kkkk`",
        "let slugifyWithCounter take it                            | let `slugifyWithCounter` take it",
        "render <ol start=\"3\"> here                               | render `<ol start=\"3\">` here",
        "redirect //api/ and /a/../b                               | redirect `//api/` and `/a/../b`",
        "keep `already.marked` and do_this, answers 'major'     | keep `already.marked` and do_this, answers 'major'",
        "write a tab as \\t (not \\u0009), and \\x1b stays         | write a tab as `\\t` (not `\\u0009`), and `\\x1b` stays",
        // calls joined by an operator are one expression, as a person writing backticks would mark it
        "day(2096, 2, 29) + Span(years=4) must give a leap day     | `day(2096, 2, 29) + Span(years=4)` must give a leap day",
        "a.shift(1) == Span(days=2) holds, and f(x) alone         | `a.shift(1) == Span(days=2)` holds, and `f(x)` alone",
        // a message shown with its values, after a colon or a bracket, is one span; its values are no flags of their own
        "must end with: No such tag '--cat'. Did you see '--cot'? | must end with: `No such tag '--cat'. Did you see '--cot'?`",
        "for several (Did you mean one of: 'ab', 'ac'?) then      | for several (`Did you mean one of: 'ab', 'ac'?`) then",
        "it says: Bad tag value 'x'. and stops                    | it says: `Bad tag value 'x'.` and stops",
        // prose stays prose
        "e.g. the U.S. flag, i.e. JavaScript and GitHub            | e.g. the U.S. flag, i.e. JavaScript and GitHub",
        "fix the backtracking (ReDoS) for a PhD                    | fix the backtracking (ReDoS) for a PhD",
        "version 1.2.3 of Node.js, in src/theme.js and utils.py    | version 1.2.3 of Node.js, in src/theme.js and utils.py",
        "a list at 3. three; read and/or write - the item(s) end.  | a list at 3. three; read and/or write - the item(s) end.",
        "Note: see https://example.com/a/b for the UTC offset      | Note: see https://example.com/a/b for the UTC offset",
        "a path C:\\Users\\me, a lone \\ and \\bold text             | a path C:\\Users\\me, a lone \\ and \\bold text",
        // a sentence that only holds a quoted value is prose: no colon or bracket before it, or too few words, or words after the value
        "Setting 'x' must work. Then: Use 'y'. Next: Use 'y' now. | Setting `'x'` must work. Then: Use `'y'`. Next: Use `'y'` now.",
    })
    void codeShapedTokensGetBackticks(String objective, String expected) {
        assertThat(CodeForm.marked(objective, word -> false)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "add a precision argument to naturalsize     | add a `precision` argument to naturalsize",
        "load must reject a repeated key             | `load` must reject a repeated key",
        "add a colour argument                       | add a colour argument",
        "parse must reject a repeated key            | parse must reject a repeated key",
        "the render option must keep the precision   | the render option must keep the precision",
    })
    void aPlainWordIsCodeWhereTheSentenceNamesItAndTheWorkspaceDeclaresIt(String objective, String expected) {
        Set<String> declared = Set.of("precision", "load", "naturalsize", "slice", "string");
        assertThat(CodeForm.marked(objective, declared::contains)).isEqualTo(expected);
    }
}
