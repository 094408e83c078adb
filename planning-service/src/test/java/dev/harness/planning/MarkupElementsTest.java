package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.located;
import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Markup the objective shows is handled where the code tests for its element's name (ez-vcard's HCardElement). */
class MarkupElementsTest {
    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "the title of <abbr> elements: <abbr class=\"latitude\" title=\"48.8\">N 48</abbr> is read as text|abbr",
        "an ol element starting at 3 renders as <ol start=\"3\"> inside a <div> tag|ol;div",
        // markup that is only the example's input names no element of the change
        "`.serialize()` on a form encodes spaces: <input name=\"fruit\" value=\"Blood orange\"> gives %20|''",
        // comparisons and generics are no markup
        "a < b and List<String> stay|''",
        "x<y>z|''",
    })
    void elementsTheObjectiveShows(String objective, String expected) {
        assertThat(String.join(";", MarkupElements.elements(objective))).isEqualTo(expected);
    }

    private Path cards() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("cards"));
        String pkg = "src/main/java/dev/cards/";
        write(ws, "pom.xml", "<project><groupId>dev</groupId><artifactId>cards</artifactId><version>1</version></project>\n");
        write(ws, pkg + "Cards.java", "package dev.cards;\n\nimport dev.cards.html.HtmlParser;\n\n"
                + "/** Parses and writes cards: hCard HTML among them. */\npublic final class Cards {\n"
                + "    /** Parses hCard HTML: the title and value of each element are read by the parser. */\n"
                + "    public static HtmlParser parseHtml(String html) {\n        return new HtmlParser(html);\n    }\n}\n");
        write(ws, pkg + "html/HtmlParser.java", "package dev.cards.html;\n\npublic class HtmlParser {\n    private final String html;\n\n"
                + "    public HtmlParser(String html) {\n        this.html = html;\n    }\n\n"
                + "    public String first() {\n        return new CardElement(html).value();\n    }\n}\n");
        write(ws, pkg + "html/CardElement.java", "package dev.cards.html;\n\nclass CardElement {\n    private final String tag;\n"
                + "    private final String text;\n\n    CardElement(String html) {\n        this.tag = html;\n        this.text = html;\n    }\n\n"
                + "    String value() {\n        if (!\"abbr\".equals(tag)) {\n            return text;\n        }\n        return text;\n    }\n}\n");
        return ws;
    }

    @Test
    void theFileTestingForTheElementIsThePlaceNotTheEntryPoint() throws Exception {
        assertThat(located("Parsing hCard HTML with Cards.parseHtml ignores the title of <abbr> elements: <abbr class=\"latitude\" "
                + "title=\"48.816667\">N 48</abbr> is read as the visible text \"N 48\". An abbr element with a non-empty title "
                + "should yield its title.", facts(cards()))).containsExactly("src/main/java/dev/cards/html/CardElement.java");
    }
}
