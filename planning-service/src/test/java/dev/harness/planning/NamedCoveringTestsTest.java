package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The covering tests a senior names for a change no import leads to, or that many tests reach: a translation's own test
 * (…_RU_Test for Messages_ru.java), the test file whose tests are named after the function the objective names
 * (test_safe_url_… in test_security.py), and the own test of a class the objective names in code form.
 */
class NamedCoveringTestsTest {
    @TempDir
    Path temp;

    private static List<String> checks(PlanDraft draft) {
        return draft.packets().stream().flatMap(p -> p.acceptanceTests().stream()).toList();
    }

    @ParameterizedTest(name = "{0} → {2}")
    @CsvSource(delimiter = '|', value = {
        "i18n/Messages_ru.java|ClockI18n_RU_Test.java,ClockI18n_DE_Test.java,ClockTest.java|ClockI18n_RU_Test.java",
        "i18n/Messages_ru.java|Messages_ruTest.java,MessagesRuTest.java,RunnerTest.java|Messages_ruTest.java,MessagesRuTest.java",
        "i18n/Messages_zh_TW.java|ClockI18n_zh_TW_Test.java,ClockI18n_zh_Test.java|ClockI18n_zh_TW_Test.java",
        // an integration test's IT suffix is no Italian
        "i18n/Messages_it.java|ParserIT.java,ClockI18n_IT_Test.java|ClockI18n_IT_Test.java",
        // no bundle of several locales: a name with an underscore, not a translation
        "util/Strings_ru.java|ClockI18n_RU_Test.java|-",
        "i18n/Messages_xx.java|ClockI18n_XX_Test.java|-",
    })
    void aTranslationsTestsAreTheTestsNamedAfterItsLocale(String source, String tests, String expected) {
        String dir = source.substring(0, source.lastIndexOf('/') + 1);
        List<String> siblings = source.startsWith("util/") ? List.of(source, dir + "Strings.java")
                : List.of(source, dir + "Messages.java", dir + "Messages_de.java", dir + "Messages_fr.java", dir + "Messages_xx.java");
        List<String> found = CoveringTests.namedAfterLocale(source, siblings, Arrays.stream(tests.split(",")).map(t -> "test/" + t).toList());
        assertThat(found).isEqualTo(expected.equals("-") ? List.of() : Arrays.stream(expected.split(",")).map(t -> "test/" + t).toList());
    }

    /** One module per language with the code in capitals (lang_FR.py beside lang_EN.py): its tests are test_fr.py and kin. */
    @ParameterizedTest(name = "{0} → {2}")
    @CsvSource(delimiter = '|', value = {
        "num/lang_FR.py|test_fr.py,test_fr_ch.py,test_en.py,test_cli.py|test_fr.py,test_fr_ch.py",
        "num/lang_FR_CH.py|test_fr.py,test_fr_ch.py,test_en.py|test_fr_ch.py",
        "num/lang_EN.py|test_fr.py,test_en.py,test_english.py|test_en.py",
        // capitals that are no language (a constant's module) or no bundle of several: nothing
        "num/lang_XX.py|test_xx.py|-",
        "num/base_FR.py|test_fr.py|-",
    })
    void aLanguageModulesTestsAreNamedAfterItsCodeInEitherCase(String source, String tests, String expected) {
        List<String> siblings = List.of(source, "num/lang_EN.py", "num/lang_DE.py", "num/lang_FR.py", "num/lang_FR_CH.py", "num/base_FR.py");
        List<String> found = CoveringTests.namedAfterLocale(source, siblings, Arrays.stream(tests.split(",")).map(t -> "tests/" + t).toList());
        assertThat(found).isEqualTo(expected.equals("-") ? List.of() : Arrays.stream(expected.split(",")).map(t -> "tests/" + t).toList());
    }

    @Test
    void aChangeToATranslationIsCheckedByThatLanguagesTestWhichNeverImportsIt() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("i18n"));
        write(ws, "pom.xml", "<project><modelVersion>4.0.0</modelVersion><groupId>a</groupId><artifactId>clock</artifactId>"
                + "<version>1</version></project>\n");
        write(ws, "src/main/java/a/Clock.java", "package a;\npublic class Clock {\n    public String ago(java.util.Locale locale) {"
                + " return java.util.ResourceBundle.getBundle(\"a.i18n.Messages\", locale).getString(\"ago\"); }\n}\n");
        for (String locale : List.of("de", "fr", "ru")) {
            write(ws, "src/main/java/a/i18n/Messages_" + locale + ".java", "package a.i18n;\npublic class Messages_" + locale
                    + " extends java.util.ListResourceBundle {\n    protected Object[][] getContents() { return new Object[][] {{\"ago\", \""
                    + (locale.equals("ru") ? "минуту назад" : "ago") + "\"}}; }\n}\n");
        }
        for (String test : List.of("ClockI18n_RU_Test", "ClockI18n_DE_Test", "ClockTest")) {
            write(ws, "src/test/java/a/" + test + ".java", "package a;\nclass " + test + " {\n    @org.junit.jupiter.api.Test void ago() {"
                    + " new Clock().ago(java.util.Locale.ROOT); }\n}\n");
        }
        PlanDraft draft = new BuiltInPlanner().plan("In Russian, one minute ago must read минуту назад", facts(ws), null);
        assertThat(draft.packets().get(0).objective()).contains("Messages_ru.java");
        assertThat(checks(draft)).first().isEqualTo("mvn -q test -Dtest=ClockI18n_RU_Test");
    }

    @Test
    void theTestFileWhoseTestsAreNamedAfterTheFunctionIsTheCheckWhateverItsName() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("links"));
        write(ws, "pyproject.toml", "[project]\nname = \"marks\"\n\n[tool.pytest.ini_options]\naddopts = \"-q\"\n");
        write(ws, "marks/__init__.py", "from .renderer import Renderer\n\n\ndef html(text):\n    return Renderer().render(text)\n");
        write(ws, "marks/renderer.py", "class Renderer:\n    def render(self, text):\n        return self.safe_url(text)\n\n"
                + "    def safe_url(self, url):\n        if url.startswith('javascript:'):\n            return '#harmful-link'\n        return url\n");
        write(ws, "tests/test_renderer.py", "from marks.renderer import Renderer\n\n\ndef test_render():\n"
                + "    assert Renderer().render('a') == 'a'\n");
        write(ws, "tests/test_syntax.py", "from marks.renderer import Renderer\n\n\ndef test_plain():\n"
                + "    assert Renderer().render('b') == 'b'\n");
        write(ws, "tests/test_security.py", "from marks import html\n\n\nclass TestSafeUrlSecurity:\n"
                + "    def test_safe_url_blocks_javascript(self):\n        assert html('javascript:x') == '#harmful-link'\n");
        PlanDraft draft = new BuiltInPlanner().plan("`Renderer.safe_url` must also block a scheme hidden by percent-encoding",
                facts(ws), null);
        assertThat(draft.packets().get(0).objective()).contains("marks/renderer.py");
        assertThat(checks(draft)).first().isEqualTo("python3 -m pytest 'tests/test_security.py'");
    }

    @Test
    void testsNamedAfterAOneWordNameAreNotSingledOut() {
        assertThat(CoveringTests.namesTestsAfter("def test_safe_url_blocks(self):", Set.of("safe_url"))).isTrue();
        assertThat(CoveringTests.namesTestsAfter("class TestSafeUrlSecurity:", Set.of("safe_url"))).isTrue();
        assertThat(CoveringTests.namesTestsAfter("func TestSafeURL(t *testing.T)", Set.of("safe_url"))).isTrue();
        assertThat(CoveringTests.namesTestsAfter("def test_url(self): safe_url(x)", Set.of("safe_url"))).isFalse();
        assertThat(CoveringTests.namesTestsAfter("def test_format_date(self):", Set.of("format"))).isFalse();
    }

    @Test
    void aClassTheObjectiveNamesInCodeIsCheckedByItsOwnTestNotByEveryTestThatUsesIt() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("own"));
        write(ws, "pom.xml", "<project><modelVersion>4.0.0</modelVersion><groupId>a</groupId><artifactId>clock</artifactId>"
                + "<version>1</version></project>\n");
        write(ws, "src/main/java/a/Clock.java", "package a;\npublic class Clock {\n    /** Rounds the duration to its unit. */\n"
                + "    public String format(long millis) { return Math.round(millis / 60000.0) + \" minutes\"; }\n}\n");
        write(ws, "src/test/java/a/ClockTest.java", "package a;\nclass ClockTest {\n    @org.junit.jupiter.api.Test void minutes() {"
                + " new Clock().format(60000); }\n}\n");
        write(ws, "src/test/java/a/ClockI18n_AR_Test.java", "package a;\nclass ClockI18n_AR_Test {\n    @org.junit.jupiter.api.Test"
                + " void minutes() { new Clock().format(60000); }\n}\n");
        PlanDraft draft = new BuiltInPlanner().plan("`Clock.format` must round up once the remainder passes the rounding tolerance",
                facts(ws), null);
        assertThat(checks(draft)).first().isEqualTo("mvn -q test -Dtest=ClockTest");
    }
}
