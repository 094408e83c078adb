package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.write;
import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.located;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a Java objective's plan changes and runs: the code switching on the constant it names, not a class sharing the
 * words of why; the test class named after what the objective's verb does (a printer for "printed"); the few tests
 * that use its rarest concept again and again; not a class naming that concept in two comments.
 */
class JavaObjectivesTest {
    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0} for {1} → {2}")
    @CsvSource(delimiter = '|', value = {
        "src/test/java/a/TablePrinterTest.java | print | true",
        "src/test/java/a/ParserTest.java | pars | true",
        "src/test/java/a/LineFormatterTest.java | format | true",
        "src/test/java/a/HtmlEscaperTest.java | escap | true",
        "src/test/java/a/ReaderTest.java | read | true",
        "src/test/java/a/TableFormatTest.java | print | false",
        "src/test/java/a/PrintTest.java | print | false",
        "src/test/java/a/UserTest.java | us | false",
        "src/test/java/a/OrderTest.java | ord | true",
        "src/test/java/a/WrapperTest.java | print | false",
    })
    void aTestNamedAfterWhatDoesTheObjectivesVerb(String test, String stem, boolean named) {
        assertThat(CoveringTests.namedAfterDoer(test, Set.of(stem))).isEqualTo(named);
    }

    /**
     * A small table library: the format prints values (quoting per QuoteStyle), the printer drives it, the reader skips
     * comment lines when reading records back.
     */
    private Path tableLibrary() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("table"));
        write(ws, "pom.xml", "<project><modelVersion>4.0.0</modelVersion><groupId>org.acme</groupId>"
                + "<artifactId>table</artifactId><version>1</version></project>\n");
        String main = "src/main/java/org/acme/table/";
        write(ws, main + "QuoteStyle.java", """
                package org.acme.table;
                /** How values are quoted when printed. */
                public enum QuoteStyle {
                  /** Quote every value. */
                  ALL,
                  /** Quote only values that need it. */
                  MINIMAL,
                  /** Never quote. */
                  NONE
                }
                """);
        StringBuilder format = new StringBuilder("package org.acme.table;\n\nimport java.io.IOException;\nimport java.io.Serializable;\n"
                + "import java.util.List;\n\n");
        format.append("""
                public final class TableFormat implements Serializable {
                  private final QuoteStyle quoteStyle;
                  private final Character commentMarker;
                  private final char delimiter;
                  public TableFormat(QuoteStyle quoteStyle, Character commentMarker, char delimiter) {
                    this.quoteStyle = quoteStyle;
                    this.commentMarker = commentMarker;
                    this.delimiter = delimiter;
                  }
                  public boolean isCommentMarkerSet() { return commentMarker != null; }
                  /** Prints one value to the output, quoting it as the quote style says. */
                  public void print(Object value, Appendable out) throws IOException {
                    String text = String.valueOf(value);
                    boolean quote = false;
                    switch (quoteStyle) {
                      case ALL:
                        quote = true;
                        break;
                      case MINIMAL:
                        char c = text.isEmpty() ? ' ' : text.charAt(0);
                        quote = c == '"' || c == delimiter || Character.isWhitespace(c);
                        break;
                      case NONE:
                        break;
                    }
                    out.append(quote ? '"' + text + '"' : text);
                  }
                  public void printRecord(List<?> values, Appendable out) throws IOException {
                    for (Object value : values) {
                      print(value, out);
                    }
                  }
                }
                """);
        write(ws, main + "TableFormat.java", format.toString());
        write(ws, main + "TableReader.java", """
                package org.acme.table;
                import java.io.Reader;
                /**
                 * Reads records back. A line starting with the comment marker is skipped as a comment; quoted values
                 * are read as they are. The format's {@link QuoteStyle} does not matter when reading.
                 */
                public class TableReader {
                  private final TableFormat format;
                  private final Reader reader;
                  public TableReader(TableFormat format, Reader reader) { this.format = format; this.reader = reader; }
                  public Record nextRecord() {
                    String line = readLine();
                    while (line != null && format.isCommentMarkerSet() && isComment(line)) {
                      line = readLine(); // skip the comment, read the next record
                    }
                    return line == null ? null : new Record(line.split(","));
                  }
                  private boolean isComment(String line) { return line.startsWith("#"); }
                  private String readLine() { return null; }
                  /** One record: its values, and the comment read before it. */
                  public record Record(String[] values) {}
                }
                """);
        write(ws, main + "TablePrinter.java", """
                package org.acme.table;
                import java.util.List;
                /** Prints records to an output with a format. */
                public class TablePrinter {
                  private final TableFormat format;
                  private final Appendable out;
                  public TablePrinter(Appendable out, TableFormat format) { this.out = out; this.format = format; }
                  public void printRecord(List<?> values) throws java.io.IOException { format.printRecord(values, out); }
                }
                """);
        String test = "src/test/java/org/acme/table/";
        write(ws, test + "TableFormatTest.java", """
                package org.acme.table;
                class TableFormatTest {
                  @Test void commentMarker() { assertTrue(new TableFormat(QuoteStyle.ALL, '#', ',').isCommentMarkerSet()); }
                }
                """);
        write(ws, test + "TablePrinterTest.java", """
                package org.acme.table;
                class TablePrinterTest {
                  @Test void printsMinimalQuotes() throws Exception {
                    StringBuilder out = new StringBuilder();
                    new TablePrinter(out, new TableFormat(QuoteStyle.MINIMAL, '#', ',')).printRecord(List.of("a", " b"));
                    assertEquals("a\\" b\\"", out.toString());
                  }
                }
                """);
        write(ws, test + "TableReaderTest.java", """
                package org.acme.table;
                class TableReaderTest {
                  @Test void skipsComments() { new TableReader(new TableFormat(QuoteStyle.NONE, '#', ','), null).nextRecord(); }
                }
                """);
        return ws;
    }

    private static final String PRINTING = "with QuoteStyle.MINIMAL and a comment marker set, a printed value that starts with "
            + "the comment marker must be quoted so that reading the output back does not skip the record as a comment";

    @Test
    void theCodeSwitchingOnTheNamedConstantIsTheChangeNotTheReaderOfTheClauseSayingWhy() throws Exception {
        assertThat(located(PRINTING, facts(tableLibrary()))).containsExactly("src/main/java/org/acme/table/TableFormat.java");
    }

    @Test
    void theTestOfTheClassThatPrintsChecksAPrintingChange() throws Exception {
        PlanDraft draft = new BuiltInPlanner().plan(PRINTING, facts(tableLibrary()), null);
        assertThat(draft.packets()).hasSize(1);
        String check = draft.packets().get(0).acceptanceTests().get(0);
        assertThat(check).startsWith("mvn -q test -Dtest=").contains("TablePrinterTest").doesNotContain("TableReaderTest");
    }

    /** A template compiler: the parser changes delimiters; a spec suite runs the delimiters spec; the writer mentions them. */
    private Path templateCompiler() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("tpl"));
        write(ws, "pom.xml", "<project><artifactId>tpl</artifactId></project>");
        String main = "src/main/java/org/tpl/";
        write(ws, main + "TemplateParser.java", """
                package org.tpl;
                public class TemplateParser {
                  private boolean allowChangingDelimiters = true;
                  protected Template compile(Reader reader, String tag, int currentLine, String name) {
                    // a delimiter change is handled here
                    boolean delimiter = c == '=';
                    if (delimiter) {
                      if (!allowChangingDelimiters) throw new TemplateException("Disallowed: changing delimiters");
                      String[] split = command.trim().split(" ");
                      if (split.length != 2) throw new TemplateException("Invalid delimiter string at line " + currentLine);
                      // change the delimiters
                      start = split[0];
                      delimiter = false;
                    }
                    if (!name.equals(tag)) throw new TemplateException("Mismatched tag " + name + " at line " + currentLine);
                    return new Template(name, tag);
                  }
                }
                """);
        write(ws, main + "codes/ValueWriter.java", """
                package org.tpl.codes;
                public class ValueWriter {
                  private String name;
                  private String tag;
                  private int line;
                  public void setName(String name) { this.name = name; }
                  public void write(Writer writer, Object value) {
                    // a function's result is parsed with the default delimiters
                    // (spec: "Alternate Delimiters - A lambda's return value should parse with the default Delimiters")
                    writer.write(tag + name + line + value);
                  }
                }
                """);
        for (String other : List.of("Partial", "Section", "Comment", "Extend")) {
            write(ws, main + "codes/" + other + "Writer.java", "package org.tpl.codes;\npublic class " + other + "Writer {\n"
                    + "  private String tag;\n  private String name;\n  private int line;\n"
                    + "  public void write(Writer writer) { writer.write(tag + name + line); }\n}\n");
        }
        String test = "src/test/java/org/tpl/";
        write(ws, test + "DelimiterTest.java", """
                package org.tpl;
                public class DelimiterTest {
                  @Test public void changes() { compile("{{=<% %>=}}<% name %>"); }
                }
                """);
        write(ws, test + "SpecTest.java", """
                package org.tpl;
                public class SpecTest {
                  @Test public void interpolation() { run("interpolation.yml"); }
                  @Test public void delimiters() { run("delimiters.yml"); }
                  private static final String ALTERNATE = "Section - Alternate Delimiters";
                }
                """);
        write(ws, test + "ValueWriterTest.java", """
                package org.tpl;
                public class ValueWriterTest {
                  @Test public void writes() { compile("{{name}}"); } // not about delimiters
                }
                """);
        write(ws, test + "NamesTest.java", "package org.tpl;\npublic class NamesTest {\n  @Test public void names() { compile(\"{{name}}\"); }\n}\n");
        return ws;
    }

    private static final String DELIMITERS = "reject a set-delimiters tag whose new delimiters contain an `=` sign with a clear "
            + "error naming the line";

    @Test
    void aClassNamingTheConceptInTwoCommentsIsNotAPlaceNextToTheOneHandlingIt() throws Exception {
        assertThat(located(DELIMITERS, facts(templateCompiler()))).containsExactly("src/main/java/org/tpl/TemplateParser.java");
    }

    @Test
    void theFewTestClassesUsingTheRarestConceptAgainAndAgainCheckItBesideTheOneNamedAfterIt() throws Exception {
        WorkspaceFacts facts = facts(templateCompiler());
        ChangeLocator.Keys keys = ChangeLocator.keys(DELIMITERS);
        ChangeLocator.FileMatch parser = ChangeLocator.locate(keys, facts, ChangeLocator.projectNames(facts)).get(0);
        assertThat(BuiltInPlanner.coveringTests(parser, facts, keys).tests())
                .containsExactlyInAnyOrder("src/test/java/org/tpl/DelimiterTest.java", "src/test/java/org/tpl/SpecTest.java");
    }

    @Test
    void anAbstractTestCaseIsNeverNamedInDashDTest() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("wrapping"));
        write(ws, "pom.xml", "<project><modelVersion>4.0.0</modelVersion><groupId>a</groupId><artifactId>wrapping</artifactId>"
                + "<version>1</version></project>\n");
        write(ws, "src/main/java/a/LineWrapper.java", "package a;\n\n/** Wraps lines at a width. */\npublic class LineWrapper {\n"
                + "    public String wrapLine(String text, int width) { return text; }\n}\n");
        write(ws, "src/test/java/a/LineWrapperTest.java", "package a;\n\nclass LineWrapperTest {\n"
                + "    @org.junit.jupiter.api.Test void wrapLine() { new LineWrapper().wrapLine(\"a b\", 1); }\n}\n");
        // its tests run in the subclasses surefire runs; named in -Dtest it runs nothing
        write(ws, "src/test/java/a/LineWrapperTestCase.java", "package a;\n\npublic abstract class LineWrapperTestCase {\n"
                + "    @org.junit.jupiter.api.Test void wrapLine() { new LineWrapper().wrapLine(\"a b\", 1); }\n}\n");
        PlanDraft draft = new BuiltInPlanner().plan("`LineWrapper.wrapLine` should break at the last space before the width",
                facts(ws), null);
        assertThat(draft.packets().get(0).acceptanceTests()).first().asString().isEqualTo("mvn -q test -Dtest=LineWrapperTest");
    }

    /**
     * A test class named after a word of the objective ("token" → TokenerTest) is the test of the class it is named after;
     * when that class and the changed one never name each other, it is no check of the change. A test named after a
     * concept with no class of its own (DelimiterTest) or after a class using the changed one (a printer) still is.
     */
    @Test
    void aTestNamedAfterAnUnrelatedClassSharingTheObjectivesWordIsNoCheck() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("pointer"));
        write(ws, "pom.xml", "<project><artifactId>pointer</artifactId></project>");
        String main = "src/main/java/org/acme/doc/";
        write(ws, main + "Pointer.java", """
                package org.acme.doc;
                import java.util.ArrayList;
                import java.util.List;
                /** A path into a document: reference tokens separated by slashes. */
                public class Pointer {
                  private final List<String> refTokens = new ArrayList<>();
                  public Pointer(String pointer) {
                    for (String token : pointer.substring(1).split("/")) {
                      refTokens.add(unescape(token));
                    }
                  }
                  /** Each reference token is unescaped: ~1 is a slash, ~0 a tilde. */
                  private static String unescape(String token) {
                    return token.replace("~1", "/").replace("~0", "~");
                  }
                  public Object queryFrom(Object document) { return document; }
                }
                """);
        write(ws, main + "Tokener.java", """
                package org.acme.doc;
                /** Splits document text into tokens: the next character, the next value, a token skipped. */
                public class Tokener {
                  private final String text;
                  private int index;
                  public Tokener(String text) { this.text = text; }
                  public char next() { return text.charAt(index++); }
                  public String nextToken() { return text.substring(index); }
                }
                """);
        String test = "src/test/java/org/acme/doc/junit/";
        write(ws, test + "PointerTest.java", """
                package org.acme.doc.junit;
                import org.acme.doc.Pointer;
                public class PointerTest {
                  @Test public void unescapes() { assertEquals("x", new Pointer("/m~0n").queryFrom("x")); }
                }
                """);
        write(ws, test + "TokenerTest.java", """
                package org.acme.doc.junit;
                import org.acme.doc.Tokener;
                public class TokenerTest {
                  @Test public void nextToken() { assertEquals("ab", new Tokener("ab").nextToken()); }
                }
                """);
        PlanDraft draft = new BuiltInPlanner().plan("a pointer must unescape `~1` to `/` and `~0` to `~` in each reference token "
                + "(`/m~0n` reads the key `m~n`)", facts(ws), null);
        assertThat(draft.packets()).hasSize(1);
        assertThat(draft.packets().get(0).files()).contains(main + "Pointer.java").doesNotContain(test + "TokenerTest.java");
        assertThat(draft.packets().get(0).acceptanceTests()).first().asString().isEqualTo("mvn -q test -Dtest=PointerTest");
    }

    /**
     * A test named after the changed class's name as one word of its own (RefinedCoderTest for Coder.java) tests its own
     * class when that class and the changed one never name each other; a test of another class that uses the changed one
     * in its code still checks it.
     */
    @Test
    void aTestOfAnotherClassSharingTheChangedClassNameIsNoCheckUnlessItUsesIt() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("coders"));
        write(ws, "pom.xml", "<project><artifactId>coders</artifactId></project>");
        String main = "src/main/java/org/acme/phonetic/";
        write(ws, main + "Coder.java", """
                package org.acme.phonetic;
                /** Codes a name by its sound: the first letter, then digits for the consonants. */
                public class Coder {
                  public String encode(String name) {
                    StringBuilder out = new StringBuilder().append(name.charAt(0));
                    for (char ch : name.substring(1).toCharArray()) {
                      if (ch == 'H' || ch == 'W') { // silent letters are ignored
                        continue;
                      }
                      out.append(digit(ch));
                    }
                    return out.toString();
                  }
                  private char digit(char ch) { return '1'; }
                }
                """);
        write(ws, main + "RefinedCoder.java", """
                package org.acme.phonetic;
                /** A refined sound code with more digit groups (see the plain coder). */
                public class RefinedCoder {
                  public String encode(String name) { return name.toUpperCase(); }
                }
                """);
        write(ws, main + "NameComparator.java", """
                package org.acme.phonetic;
                /** Compares names by a code of their sound. */
                public class NameComparator {
                  private final Coder coder;
                  public NameComparator(Coder coder) { this.coder = coder; }
                  public int compare(String a, String b) { return coder.encode(a).compareTo(coder.encode(b)); }
                }
                """);
        String test = "src/test/java/org/acme/phonetic/";
        write(ws, test + "CoderTest.java", """
                package org.acme.phonetic;
                class CoderTest {
                  @Test void ignoresSilentLetters() { assertEquals("A261", new Coder().encode("Ashcraft")); }
                }
                """);
        write(ws, test + "RefinedCoderTest.java", """
                package org.acme.phonetic;
                class RefinedCoderTest {
                  @Test void encodes() { assertEquals("A", new RefinedCoder().encode("a")); }
                }
                """);
        write(ws, test + "NameComparatorTest.java", """
                package org.acme.phonetic;
                class NameComparatorTest {
                  @Test void sameSound() { assertEquals(0, new NameComparator(new Coder()).compare("Robert", "Rupert")); }
                }
                """);
        PlanDraft draft = new BuiltInPlanner().plan("`Coder` must ignore `H` and `W` completely, so that letters with the same "
                + "code on either side of them are coded once", facts(ws), null);
        assertThat(draft.packets()).hasSize(1);
        String check = draft.packets().get(0).acceptanceTests().get(0);
        assertThat(check).startsWith("mvn -q test -Dtest=CoderTest").doesNotContain("RefinedCoderTest");
        assertThat(draft.packets().get(0).files()).contains(main + "Coder.java").doesNotContain(test + "RefinedCoderTest.java");
    }

    @Test
    void aDeprecatedTwinOfTheNamedClassIsNotWhereTheChangeGoes() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("checks"));
        write(ws, "pom.xml", "<project><modelVersion>4.0.0</modelVersion><groupId>org.acme</groupId>"
                + "<artifactId>checks</artifactId><version>1</version></project>\n");
        write(ws, "src/main/java/org/acme/checks/MailValidator.java", """
                package org.acme.checks;
                /**
                 * Checks e-mail addresses: the local part, then the domain.
                 * @deprecated Use the new MailValidator in the routines package.
                 */
                @Deprecated
                public class MailValidator {
                  /** Whether the address is valid: a local part, an at sign, a domain. */
                  public boolean isValid(String address) {
                    return address != null && address.indexOf('@') > 0;
                  }
                }
                """);
        write(ws, "src/main/java/org/acme/checks/routines/MailValidator.java", """
                package org.acme.checks.routines;
                /** Checks e-mail addresses: the local part, then the domain. */
                public class MailValidator {
                  /** Whether the address is valid: a local part, an at sign, a domain. */
                  public boolean isValid(String address) {
                    int at = address == null ? -1 : address.lastIndexOf('@');
                    return at > 0 && isValidDomain(address.substring(at + 1));
                  }
                  boolean isValidDomain(String domain) {
                    return !domain.isEmpty();
                  }
                }
                """);
        write(ws, "src/test/java/org/acme/checks/routines/MailValidatorTest.java", """
                package org.acme.checks.routines;
                class MailValidatorTest {
                  @org.junit.Test public void domain() { new MailValidator().isValid("a@b.c"); }
                }
                """);
        String objective = "`MailValidator` must reject an address whose domain ends with a dot (`user@example.com.`)";
        assertThat(located(objective, facts(ws))).containsExactly("src/main/java/org/acme/checks/routines/MailValidator.java");
        // one deprecated and the other too: nothing says which, both stay
        Path both = ws.resolve("src/main/java/org/acme/checks/routines/MailValidator.java");
        Files.writeString(both, Files.readString(both).replace("public class MailValidator", "@Deprecated\npublic class MailValidator"));
        assertThat(located(objective, facts(ws))).hasSize(2);
    }
}
