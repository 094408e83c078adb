package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.located;
import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A module of patterns holds the objective's rarest word again and again, in constants and comments, but no function of
 * it does anything: the module whose one function gathers the objective's words (percent, upper, clean) is the place.
 */
class FunctionWordsTest {
    @TempDir
    Path temp;

    private Path library() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("urlkit"));
        write(ws, "pyproject.toml", "[project]\nname = \"urlkit\"\nversion = \"1.0\"\n");
        write(ws, "src/urlkit/__init__.py", "from .reference import Reference\n");
        write(ws, "src/urlkit/patterns.py", """
                # Patterns of the grammar, as regular expressions.
                DIGIT = "0123456789"
                # Percent encoded characters: a percent sign and two hex digits
                PERCENT_ENCODED = "%[A-Fa-f0-9]{2}"
                # Hex digits of one piece of an address: up to four hex characters
                HEXDIG = "[0-9A-Fa-f]{1,4}"
                _subs = {"hex": HEXDIG}
                PAIR = "(%(hex)s:%(hex)s)" % _subs
                TRIPLE = "(%(hex)s:%(hex)s:%(hex)s)" % _subs
                """);
        write(ws, "src/urlkit/cleaners.py", """
                import re

                PERCENT_MATCHER = re.compile("%[A-Fa-f0-9]{2}")


                def clean_scheme(scheme):
                    return scheme.lower()


                def clean_path(path):
                    return clean_percent_characters(path)


                def clean_percent_characters(s):
                    \"\"\"Percent characters are written upper-cased.\"\"\"
                    matches = set(PERCENT_MATCHER.findall(s))
                    for m in matches:
                        if not m.isupper():
                            s = s.replace(m, m.upper())
                    return s
                """);
        write(ws, "src/urlkit/reference.py", """
                from . import cleaners
                from . import patterns


                class Reference:
                    def __init__(self, scheme, path):
                        self.scheme = scheme
                        self.path = path

                    def clean(self):
                        return Reference(cleaners.clean_scheme(self.scheme), cleaners.clean_path(self.path))
                """);
        write(ws, "tests/test_cleaners.py", "from urlkit import cleaners\n\n\ndef test_path():\n"
                + "    assert cleaners.clean_path('/a%7Eb') == '/a%7Eb'\n");
        return ws;
    }

    @Test
    void theModuleWhoseOneFunctionGathersTheWordsIsThePlaceNotTheModuleOfPatterns() throws Exception {
        WorkspaceFacts facts = facts(library());
        assertThat(located("Cleaning must upper-case the hex digits of percent-encodings, so that /a%7eb and /a%7Eb"
                + " come out as the same text", facts)).containsExactly("src/urlkit/cleaners.py");
    }
}
