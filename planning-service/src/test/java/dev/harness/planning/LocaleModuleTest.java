package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.located;
import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A call the objective writes with a language ({@code words(1905, lang='en', to='year')}) reaches that language's module
 * (lang_EN.py), not the entry point that only dispatches to it.
 */
class LocaleModuleTest {
    @TempDir
    Path temp;

    private Path words() throws Exception {
        Path ws = temp.resolve("words");
        write(ws, "words/__init__.py", "from . import lang_EN, lang_EN_IN, lang_FR\n\nCONVERTERS = {'en': lang_EN.Words(), "
                + "'en_IN': lang_EN_IN.Words(), 'fr': lang_FR.Words()}\nCONVERTES_TYPES = ['cardinal', 'ordinal', 'year']\n\n\n"
                + "def words(number, lang='en', to='cardinal', **kwargs):\n    if to not in CONVERTES_TYPES:\n"
                + "        raise NotImplementedError()\n    converter = CONVERTERS[lang]\n"
                + "    return getattr(converter, 'to_{}'.format(to))(number, **kwargs)\n");
        for (String lang : new String[] {"EN", "EN_IN", "FR"}) {
            write(ws, "words/lang_" + lang + ".py", "class Words(object):\n    def to_cardinal(self, value):\n        return str(value)\n\n"
                    + "    def to_year(self, value):\n        high, low = value // 100, value % 100\n"
                    + "        return self.to_cardinal(high) + ' ' + self.to_cardinal(low)\n");
        }
        write(ws, "tests/test_en.py", "import unittest\n\nfrom words import words\n\n\nclass TestEn(unittest.TestCase):\n"
                + "    def test_year(self):\n        self.assertEqual(words(1990, lang='en', to='year'), '19 90')\n");
        return ws;
    }

    @Test
    void theLanguagesModuleIsThePlace() throws Exception {
        assertThat(located("`words(1905, lang='en', to='year')` should read the year as \"nineteen oh-five\", not \"nineteen five\"",
                facts(words()))).containsExactly("words/lang_EN.py");
    }

    @Test
    void withoutALanguageTheRankingStands() throws Exception {
        assertThat(located("`words(1905, to='year')` should read the year as \"nineteen oh-five\", not \"nineteen five\"",
                facts(words()))).hasSizeGreaterThan(1);
    }
}
