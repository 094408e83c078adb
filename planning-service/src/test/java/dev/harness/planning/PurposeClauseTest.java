package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.write;
import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.located;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The clause saying why or for whom ("so that reading it back …", ", for templates that only write element text") says
 * what the change is for, not where it goes: its own words weigh less than those of what the objective asks.
 */
class PurposeClauseTest {
    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "a printed value must be quoted so that reading the output back does not skip it | read,output,back,skip",
        "add an option not to escape `=` in HTML output, for templates that only write element text | templat,writ,element,text",
        "make parsing faster in order to serve large files | serv,larg,fil",
        // words the main clause has too stay whole
        "quote a printed value so that the printed value reads back | read,back",
        // "for" without a comma names what the change is: no purpose clause
        "add support for hyphen ranges | ''",
        "the cookie must be parsed | ''",
    })
    void wordsOnlyTheClauseOfPurposeHas(String objective, String expected) {
        assertThat(ChangeLocator.consequenceWords(objective))
                .containsExactlyInAnyOrderElementsOf(expected.isEmpty() ? List.of() : Arrays.asList(expected.split(",")));
    }

    @Test
    void aClassMatchingOnlyThePurposeClausesWordIsNotPartOfTheChange() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("tpl"));
        write(ws, "pom.xml", "<project><artifactId>tpl</artifactId></project>");
        String main = "src/main/java/org/tpl/";
        write(ws, main + "util/HtmlEscaper.java", """
                package org.tpl.util;
                /** Escapes user data that you wish to include in HTML pages. */
                public class HtmlEscaper {
                  public static void escape(String value, Writer writer) {
                    for (char c : value.toCharArray()) {
                      switch (c) {
                        case '&': writer.write("&amp;"); break;
                        case '<': writer.write("&lt;"); break;
                        case '=': writer.write("&#61;"); break;
                        case '`': writer.write("&#96;"); break;
                        default: writer.write(c);
                      }
                    }
                  }
                }
                """);
        write(ws, main + "util/DecoratedList.java", """
                package org.tpl.util;
                /** Exposes first / last / index / value on each element. */
                public class DecoratedList<T> {
                  private final List<T> elements;
                  public DecoratedList(List<T> elements) { this.elements = elements; }
                  public Element<T> element(int index) { return new Element<>(index, elements.get(index)); }
                  /** One element with its position. */
                  public record Element<T>(int index, T value) {}
                }
                """);
        write(ws, main + "codes/TextCode.java", """
                package org.tpl.codes;
                /** Writes a template's text as it is. */
                public class TextCode {
                  private final String text;
                  public TextCode(String text) { this.text = text; }
                  public void execute(Writer writer) { writer.write(text); }
                }
                """);
        write(ws, main + "Options.java", "package org.tpl;\npublic class Options {\n  private boolean strict;\n}\n");
        write(ws, "src/test/java/org/tpl/util/HtmlEscaperTest.java", """
                package org.tpl.util;
                class HtmlEscaperTest { @Test void escapes() { HtmlEscaper.escape("a=b", writer); } }
                """);
        assertThat(located("add an option not to escape `=` and the backtick in HTML output, for templates that only write "
                + "element text", facts(ws))).containsExactly(main + "util/HtmlEscaper.java");
    }
}
