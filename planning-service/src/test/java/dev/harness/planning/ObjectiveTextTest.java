package dev.harness.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ObjectiveTextTest {
    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path temp;

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

    /** A title becomes a commit subject: a whole phrase within 72 characters, no ellipsis, no word or code span cut. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // fits: as written, less the trailing period
        "add a `precision` argument to the formatter.|add a `precision` argument to the formatter",
        // the first sentence
        "`Widget.render` must stop before the last row: the row itself is not drawn, nor any after it, whatever the order|`Widget.render` must stop before the last row",
        // asides in parentheses go first
        "let `toUnits` use decimal units (powers of 1000: kB, MB) when asked; 1024 stays the default of every caller|let `toUnits` use decimal units when asked",
        // a clause setting the scene goes when the main one alone fits
        "with `Mode.LENIENT`, repeated blank header names must be accepted while a repeated non-blank name is still rejected|repeated blank header names must be accepted",
        // before a clause of contrast or purpose
        "`Codec.decode` given an odd number of digits must throw a `DecodeError` instead of decoding part of the input|`Codec.decode` given an odd number of digits must throw a `DecodeError`",
        "add a `separators` option so callers can choose which characters split words apart from the others|add a `separators` option",
        // a list's first word after a comma is no phrase's end
        "`matcher.contains` must be false for an empty pattern or string, true when the pattern occurs literally anywhere|`matcher.contains` must be false for an empty pattern or string",
        // else whole words, without a dangling preposition, article or modal
        "`Assert.equal` must accept an `Integer` value against a `Long` or a `Double` of the same value everywhere|`Assert.equal` must accept an `Integer` value against a `Long`",
        // never inside a code span
        "`Tree.descendGreaterThan(pivot, f)` and `Tree.descendRange(lessOrEqual, greaterThan, f)` must stop early|`Tree.descendGreaterThan(pivot, f)`",
        // an abbreviation is no sentence end
        "support hyphen ranges with partial versions e.g. `1.2 - 2` and `1 - 2.3` in every constraint parser we ship|support hyphen ranges with partial versions e.g. `1.2 - 2` and `1 - 2.3`",
    })
    void titlesAreWholePhrasesWithinACommitSubject(String objective, String title) {
        String phrase = ObjectiveText.phrase(objective, ObjectiveText.SUBJECT_CHARS);
        assertThat(phrase).isEqualTo(title);
        assertThat(phrase.length()).isLessThanOrEqualTo(ObjectiveText.SUBJECT_CHARS);
        assertThat(phrase).doesNotEndWith("…").doesNotEndWith(",").doesNotEndWith(":");
    }

    /** A title's first word is upper-cased as a sentence's, unless it is the name of what the sentence is about. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "wrap should split words longer than the width|wrap should split words longer than the width",
        "make wrap split words longer than the width|Make wrap split words longer than the width",
        "the wrapper should split words longer than the width|The wrapper should split words longer than the width",
        "splitWords should keep hyphenated words whole|splitWords should keep hyphenated words whole",
    })
    void aTitleKeepsTheCaseOfANameItBeginsWith(String objective, String title) throws Exception {
        java.nio.file.Path ws = temp;
        ScannedWorkspace.write(ws, "pyproject.toml", "[project]\nname = \"textkit\"\n");
        ScannedWorkspace.write(ws, "textkit/wrap.py", "def wrap(text, width):\n    return text\n\ndef make(x):\n    return x\n");
        ScannedWorkspace.write(ws, "textkit/split.py", "def splitWords(text):\n    return text.split()\n");
        assertThat(new BuiltInPlanner().plan(objective, ScannedWorkspace.facts(ws), null).packets().get(0).title()).isEqualTo(title);
    }
}
