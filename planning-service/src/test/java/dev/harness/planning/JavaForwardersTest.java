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
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A Java {@code Class.method} the objective names that only hands the work to other project classes: the change goes
 * along the calls (up to two hops, or to the class a used field is built with) to the class whose code holds the
 * objective's words, and the check follows it.
 */
class JavaForwardersTest {
    @TempDir
    Path temp;

    private static final String POM = "<project><modelVersion>4.0.0</modelVersion><groupId>org.acme</groupId>"
            + "<artifactId>same</artifactId><version>1</version></project>\n";
    private static final String MAIN = "src/main/java/org/acme/same/";

    /** A facade (Checks.assertSame, two overloads) → Compare.compare → new PlainComparator(): two hops to the numbers. */
    private Path assertions() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("same"));
        write(ws, "pom.xml", POM);
        write(ws, MAIN + "Checks.java", """
                package org.acme.same;

                /** Assertions on trees: each one compares the expected tree with the actual one and fails on a difference. */
                public final class Checks {
                  public static void assertSame(String expected, String actual) {
                    Result result = Compare.compare(expected, actual);
                    if (result.failed()) {
                      throw new AssertionError(result.message());
                    }
                  }

                  public static void assertSame(String expected, String actual, boolean lenient) {
                    Result result = Compare.compare(expected, actual, lenient);
                    if (result.failed()) {
                      throw new AssertionError(result.message());
                    }
                  }
                }
                """);
        write(ws, MAIN + "Compare.java", """
                package org.acme.same;

                import org.acme.same.cmp.PlainComparator;

                public final class Compare {
                  public static Result compare(String expected, String actual) {
                    return compare(expected, actual, false);
                  }

                  public static Result compare(String expected, String actual, boolean lenient) {
                    return new PlainComparator(lenient).compareTrees(Tree.parse(expected), Tree.parse(actual));
                  }
                }
                """);
        write(ws, MAIN + "Result.java", """
                package org.acme.same;

                public final class Result {
                  private final StringBuilder message = new StringBuilder();
                  public boolean failed() { return message.length() > 0; }
                  public String message() { return message.toString(); }
                  public void fail(String path, Object expected, Object actual) {
                    message.append(path).append(": expected ").append(expected).append(" got ").append(actual);
                  }
                }
                """);
        write(ws, MAIN + "Tree.java", """
                package org.acme.same;

                import java.util.Map;

                public final class Tree {
                  final Map<String, Object> values;
                  Tree(Map<String, Object> values) { this.values = values; }
                  public static Tree parse(String text) { return new Tree(Map.of("text", text)); }
                }
                """);
        write(ws, "src/main/java/org/acme/same/cmp/PlainComparator.java", """
                package org.acme.same.cmp;

                import org.acme.same.Result;
                import org.acme.same.Tree;

                public class PlainComparator {
                  private final boolean lenient;
                  public PlainComparator(boolean lenient) { this.lenient = lenient; }

                  public Result compareTrees(Tree expected, Tree actual) {
                    Result result = new Result();
                    compareValues("", expected, actual, result);
                    return result;
                  }

                  public void compareValues(String path, Object expected, Object actual, Result result) {
                    if (expected instanceof Number && actual instanceof Number) {
                      if (((Number) expected).doubleValue() != ((Number) actual).doubleValue()) {
                        result.fail(path, expected, actual);
                      }
                    } else if (!expected.equals(actual)) {
                      result.fail(path, expected, actual);
                    }
                  }
                }
                """);
        write(ws, "src/test/java/org/acme/same/ChecksTest.java", """
                package org.acme.same;

                import org.junit.Test;

                public class ChecksTest {
                  @Test public void same() { Checks.assertSame("{}", "{}"); }
                }
                """);
        // every test of the library passes through the comparator; this one tests another entry point
        write(ws, "src/test/java/org/acme/same/CompareTest.java", """
                package org.acme.same;

                import org.junit.Test;

                public class CompareTest {
                  @Test public void lenient() { Compare.compare("{}", "{}", true); }
                }
                """);
        write(ws, "src/test/java/org/acme/same/cmp/PlainComparatorTest.java", """
                package org.acme.same.cmp;

                import org.junit.Test;

                public class PlainComparatorTest {
                  @Test public void numbers() { new PlainComparator(false).compareValues("", 1, 1.0, new org.acme.same.Result()); }
                }
                """);
        return ws;
    }

    @Test
    void aFacadeMethodsChangeGoesTwoCallsDownToTheClassHoldingTheObjectivesWords() throws Exception {
        WorkspaceFacts facts = facts(assertions());
        String objective = "`Checks.assertSame` must accept an `Integer` value against a `Double` of the same value (`1` equals `1.0`)";
        // the comparator, where the change is; the named facade has nothing to change, its test still checks the change
        assertThat(located(objective, facts)).containsExactly("src/main/java/org/acme/same/cmp/PlainComparator.java");
        TaskPacket packet = new BuiltInPlanner().plan(objective, facts, null).packets().get(0);
        assertThat(packet.description()).contains("hands the work to it");
        assertThat(packet.acceptanceTests()).first().isEqualTo("mvn -q test -Dtest=PlainComparatorTest,ChecksTest");
    }

    @Test
    void withoutTestsNamedAfterEitherClassTheTestsReachingTheFacadeCheckTheChange() throws Exception {
        Path ws = assertions();
        Files.delete(ws.resolve("src/test/java/org/acme/same/ChecksTest.java"));
        Files.delete(ws.resolve("src/test/java/org/acme/same/cmp/PlainComparatorTest.java"));
        write(ws, "src/test/java/org/acme/same/it/SamenessTest.java", """
                package org.acme.same.it;

                import org.acme.same.Checks;
                import org.junit.Test;

                public class SamenessTest {
                  @Test public void integerAndDouble() { Checks.assertSame("{\\"id\\":1}", "{\\"id\\":1.0}"); }
                }
                """);
        WorkspaceFacts facts = facts(ws);
        String objective = "`Checks.assertSame` must accept an `Integer` value against a `Double` of the same value (`1` equals `1.0`)";
        assertThat(located(objective, facts)).containsExactly("src/main/java/org/acme/same/cmp/PlainComparator.java");
        TaskPacket packet = new BuiltInPlanner().plan(objective, facts, null).packets().get(0);
        assertThat(packet.acceptanceTests()).first().asString().contains("SamenessTest");
    }

    @Test
    void aFacadeStaysWhenNoClassItReachesHoldsTheObjectivesWords() throws Exception {
        WorkspaceFacts facts = facts(assertions());
        String objective = "`Checks.assertSame` must throw an `AssertionError` naming the caller's source line";
        assertThat(located(objective, facts)).contains("src/main/java/org/acme/same/Checks.java")
                .doesNotContain("src/main/java/org/acme/same/cmp/PlainComparator.java");
    }

    /** Codes.convert calls check().calculate(…) on a field built with Luhn.LUHN: the weights are Luhn's. */
    @Test
    void aMethodCallingAFieldBuiltWithAnotherClassSendsTheChangeThere() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("codes"));
        write(ws, "pom.xml", POM);
        String main = "src/main/java/org/acme/codes/";
        write(ws, main + "Codes.java", """
                package org.acme.codes;

                import org.acme.codes.digit.Luhn;

                public final class Codes {
                  private final Validator validator = new Validator(12, Luhn.LUHN);

                  public String convert(String code) {
                    String body = "97" + code.substring(0, code.length() - 1);
                    return body + validator.check().calculate(body);
                  }
                }
                """);
        write(ws, main + "Validator.java", """
                package org.acme.codes;

                import org.acme.codes.digit.Luhn;

                public final class Validator {
                  private final int length;
                  private final Luhn check;
                  public Validator(int length, Luhn check) { this.length = length; this.check = check; }
                  public Luhn check() { return check; }
                  public boolean isValid(String code) { return code.length() == length && check.isValid(code); }
                }
                """);
        write(ws, "src/main/java/org/acme/codes/digit/Luhn.java", """
                package org.acme.codes.digit;

                public final class Luhn {
                  public static final Luhn LUHN = new Luhn();
                  private static final int[] POSITION_WEIGHT = {2, 1};

                  public String calculate(String code) {
                    int total = 0;
                    for (int i = 0; i < code.length(); i++) {
                      total += weightedValue(code.charAt(i) - '0', i);
                    }
                    return Integer.toString((10 - total % 10) % 10);
                  }

                  int weightedValue(int digit, int position) {
                    int product = digit * POSITION_WEIGHT[position % 2];
                    return product > 9 ? product - 9 : product;
                  }

                  public boolean isValid(String code) { return true; }
                }
                """);
        write(ws, "src/test/java/org/acme/codes/digit/LuhnTest.java", """
                package org.acme.codes.digit;

                import org.junit.Test;

                public class LuhnTest {
                  @Test public void digit() { new Luhn().calculate("12"); }
                }
                """);
        WorkspaceFacts facts = facts(ws);
        String objective = "`Codes.convert` must weight the digits alternately 2 and 1 (`123` gives `97125`)";
        assertThat(located(objective, facts)).containsExactly("src/main/java/org/acme/codes/digit/Luhn.java");
        TaskPacket packet = new BuiltInPlanner().plan(objective, facts, null).packets().get(0);
        assertThat(packet.acceptanceTests()).first().isEqualTo("mvn -q test -Dtest=LuhnTest");
    }

    /** Prices.total → Format and Ledger, one of the objective's words each; Ledger → Banker, which holds them all. */
    @Test
    void twoClassesTiedAtTheFirstCallLeaveItToTheClassOneOfThemCalls() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("prices"));
        write(ws, "pom.xml", POM);
        String main = "src/main/java/org/acme/prices/";
        write(ws, main + "Prices.java", """
                package org.acme.prices;

                import java.util.List;

                public final class Prices {
                  public static String total(List<String> lines) {
                    return Format.text(Ledger.sum(lines));
                  }
                }
                """);
        write(ws, main + "Format.java", """
                package org.acme.prices;

                final class Format {
                  static String text(long amount) {
                    return (amount / 100) + "." + String.format("%02d", amount % 100);
                  }
                }
                """);
        write(ws, main + "Ledger.java", """
                package org.acme.prices;

                import java.util.List;

                final class Ledger {
                  static long sum(List<String> lines) {
                    long amount = 0;
                    for (String line : lines) {
                      amount += Banker.of(new java.math.BigDecimal(line));
                    }
                    return amount;
                  }
                }
                """);
        write(ws, main + "Banker.java", """
                package org.acme.prices;

                import java.math.BigDecimal;
                import java.math.RoundingMode;

                final class Banker {
                  static long of(BigDecimal amount) {
                    // half to even: a banker's round, so that cents even out over many lines
                    return amount.movePointRight(2).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
                  }

                  static boolean isEven(long cents) {
                    return cents % 2 == 0;
                  }
                }
                """);
        write(ws, "src/test/java/org/acme/prices/PricesTest.java", """
                package org.acme.prices;

                import org.junit.Test;

                public class PricesTest {
                  @Test public void total() { Prices.total(java.util.List.of("2.345")); }
                }
                """);
        WorkspaceFacts facts = facts(ws);
        String objective = "`Prices.total` must round each amount half to even in cents (`2.345` gives `2.34`)";
        assertThat(located(objective, facts)).containsExactly("src/main/java/org/acme/prices/Banker.java");
    }

    /**
     * Escapes.escapeCode translates through a constant built with {@code new Lookup(Tables.CTRL_ESCAPE())}: the table
     * holding the objective's value as a string literal writes it ({@code "\\b"}) is the place, not the translator that
     * only writes what the table says.
     */
    @Test
    void aMethodTranslatingThroughAConstantSendsTheChangeToTheTableHoldingTheObjectivesValue() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("escapes"));
        write(ws, "pom.xml", POM);
        String main = "src/main/java/org/acme/escapes/";
        write(ws, main + "Escapes.java", """
                package org.acme.escapes;

                import org.acme.escapes.table.Lookup;
                import org.acme.escapes.table.Tables;

                public final class Escapes {
                  public static final Lookup ESCAPE_CODE =
                      new Lookup(new String[][] {{"\\"", "\\\\\\""}}).with(
                          new Lookup(Tables.CTRL_ESCAPE()));

                  public static String escapeCode(String input) {
                    return ESCAPE_CODE.translate(input);
                  }
                }
                """);
        write(ws, "src/main/java/org/acme/escapes/table/Lookup.java", """
                package org.acme.escapes.table;

                public class Lookup {
                  private final String[][] pairs;
                  private Lookup next;
                  public Lookup(String[][] pairs) { this.pairs = pairs; }
                  public Lookup with(Lookup other) { this.next = other; return this; }

                  public String translate(String input) {
                    StringBuilder out = new StringBuilder();
                    for (char c : input.toCharArray()) {
                      out.append(write(String.valueOf(c)));
                    }
                    return out.toString();
                  }

                  private String write(String c) {
                    for (String[] pair : pairs) {
                      if (pair[0].equals(c)) {
                        return pair[1];
                      }
                    }
                    return next == null ? c : next.write(c);
                  }
                }
                """);
        write(ws, "src/main/java/org/acme/escapes/table/Tables.java", """
                package org.acme.escapes.table;

                public final class Tables {
                  private static final String[][] CTRL_ESCAPE = {
                    {"\\b", "\\\\b"},
                    {"\\n", "\\\\n"},
                  };

                  public static String[][] CTRL_ESCAPE() {
                    return CTRL_ESCAPE.clone();
                  }
                }
                """);
        write(ws, "src/test/java/org/acme/escapes/EscapesTest.java", """
                package org.acme.escapes;

                import org.junit.Test;

                public class EscapesTest {
                  @Test public void newline() { Escapes.escapeCode("a\\nb"); }
                }
                """);
        WorkspaceFacts facts = facts(ws);
        String objective = "`Escapes.escapeCode` must write a backspace as `\\b` (not `\\u0008`)";
        assertThat(located(objective, facts)).containsExactly("src/main/java/org/acme/escapes/table/Tables.java");
        TaskPacket packet = new BuiltInPlanner().plan(objective, facts, null).packets().get(0);
        assertThat(packet.acceptanceTests()).first().isEqualTo("mvn -q test -Dtest=EscapesTest");
        // written without backticks, the escapes are still the objective's code: the same place and check
        TaskPacket bare = new BuiltInPlanner().plan("Escapes.escapeCode must write a backspace as \\b (not \\u0008)", facts, null)
                .packets().get(0);
        assertThat(bare.files()).filteredOn(f -> f.startsWith("src/main/")).containsExactly("src/main/java/org/acme/escapes/table/Tables.java");
        assertThat(bare.acceptanceTests()).first().isEqualTo("mvn -q test -Dtest=EscapesTest");
    }

    /**
     * Parser.parse loops over the input itself; its helper aliasAt cuts out the part after '|' and hands it to
     * Tone.fromType, the enum declaring TONE_6: what the objective says about {@code TONE_6} is that lookup's.
     */
    private Path aliases() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("aliases"));
        write(ws, "pom.xml", POM);
        String main = "src/main/java/org/acme/faces/";
        write(ws, main + "Parser.java", """
                package org.acme.faces;

                public final class Parser {
                  /** Replaces each alias (:boy:, :boy|tone_6:) and each entity by its face. */
                  public static String parse(String input) {
                    StringBuilder out = new StringBuilder();
                    for (int at = 0; at < input.length(); at++) {
                      Alias alias = aliasAt(input, at);
                      if (alias == null) {
                        alias = entityAt(input, at);
                      }
                      if (alias == null) {
                        out.append(input.charAt(at));
                        continue;
                      }
                      out.append(alias.face);
                      if (alias.tone != null) {
                        out.append(alias.tone.code);
                      }
                      at = alias.end;
                    }
                    return out.toString();
                  }

                  private static Alias aliasAt(String input, int start) {
                    int end = input.indexOf(':', start + 1);
                    int bar = input.indexOf('|', start + 1);
                    if (input.charAt(start) != ':' || end < 0) {
                      return null;
                    }
                    if (bar > 0 && bar < end) {
                      String face = Registry.forAlias(input.substring(start + 1, bar));
                      return face == null ? null : new Alias(face, Tone.fromType(input.substring(bar + 1, end)), end);
                    }
                    String face = Registry.forAlias(input.substring(start + 1, end));
                    return face == null ? null : new Alias(face, null, end);
                  }

                  private static Alias entityAt(String input, int start) {
                    int end = input.indexOf(';', start);
                    if (!input.startsWith("&#", start) || end < 0) {
                      return null;
                    }
                    int radix = input.charAt(start + 2) == 'x' ? 16 : 10;
                    int code = Integer.parseInt(input.substring(start + (radix == 16 ? 3 : 2), end), radix);
                    return new Alias(new String(Character.toChars(code)), null, end);
                  }

                  static final class Alias {
                    final String face;
                    final Tone tone;
                    final int end;
                    Alias(String face, Tone tone, int end) { this.face = face; this.tone = tone; this.end = end; }
                  }
                }
                """);
        write(ws, main + "Tone.java", """
                package org.acme.faces;

                /** The modifiers of a face. */
                public enum Tone {
                  TONE_1("1"),
                  TONE_6("6");

                  public final String code;

                  Tone(String code) { this.code = code; }

                  public static Tone fromType(String type) {
                    try {
                      return Tone.valueOf(type.toUpperCase());
                    } catch (IllegalArgumentException e) {
                      return null;
                    }
                  }
                }
                """);
        write(ws, main + "Registry.java", """
                package org.acme.faces;

                import java.util.Map;

                public final class Registry {
                  private static final Map<String, String> FACES = Map.of("boy", "B");

                  public static String forAlias(String alias) {
                    return FACES.get(alias.trim().toLowerCase());
                  }
                }
                """);
        write(ws, "src/test/java/org/acme/faces/ParserTest.java", """
                package org.acme.faces;

                import org.junit.Test;

                public class ParserTest {
                  @Test public void tone() { Parser.parse(":boy|tone_6:"); }
                }
                """);
        write(ws, "src/test/java/org/acme/faces/RegistryTest.java", """
                package org.acme.faces;

                import org.junit.Test;

                public class RegistryTest {
                  @Test public void boy() { Registry.forAlias("boy"); }
                }
                """);
        return ws;
    }

    @Test
    void aLoopingMethodsHelperHandingTheWrittenConstantToALookupSendsTheChangeThere() throws Exception {
        WorkspaceFacts facts = facts(aliases());
        String objective = "`Parser.parse(\":boy|TONE_6:\")` must give the boy with the darkest tone like `:boy|tone_6:`: "
                + "a tone in an alias is matched whatever its case";
        assertThat(located(objective, facts)).containsExactly("src/main/java/org/acme/faces/Tone.java");
        TaskPacket packet = new BuiltInPlanner().plan(objective, facts, null).packets().get(0);
        assertThat(packet.description()).contains("hands it the value");
        // the lookup has no test of its own: the named method's tests check it
        assertThat(packet.acceptanceTests()).first().isEqualTo("mvn -q test -Dtest=ParserTest");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        // no constant written: the entity is the loop's own work
        "`Parser.parse` must turn hexadecimal entities (`&#x1f600;`) into their face as it does decimal ones",
        // a constant no class the helpers call declares
        "`Parser.parse(\":boy|TONE_9:\")` must give the boy with the darkest tone like `:boy|tone_9:`",
    })
    void aLoopingMethodStaysWithoutALookupDeclaringTheWrittenConstant(String objective) throws Exception {
        WorkspaceFacts facts = facts(aliases());
        assertThat(located(objective, facts)).contains("src/main/java/org/acme/faces/Parser.java")
                .doesNotContain("src/main/java/org/acme/faces/Tone.java");
    }

    /** RowWriter stores a cellWidth and hands it to Texts.wrap, whose loop writes the `<br/>`: the change is Texts'. */
    private Path rows() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("rows"));
        write(ws, "pom.xml", POM);
        String main = "src/main/java/org/acme/rows/";
        write(ws, main + "RowWriter.java", """
                package org.acme.rows;

                import java.util.List;

                /** Renders the lines of a table, each cut to the width it is built with. */
                public final class RowWriter {
                  private final int cellWidth;

                  public RowWriter(int cellWidth) { this.cellWidth = cellWidth; }

                  public List<String> render(List<String> lines) {
                    return lines.stream().map(line -> Texts.wrap(line, cellWidth)).toList();
                  }
                }
                """);
        write(ws, main + "Texts.java", """
                package org.acme.rows;

                final class Texts {
                  static String wrap(String line, int width) {
                    StringBuilder b = new StringBuilder(line);
                    for (int at = width; at < b.length(); at += width + 5) {
                      b.insert(at, "<br/>");
                    }
                    return b.toString();
                  }

                  private Texts() {}
                }
                """);
        write(ws, "src/test/java/org/acme/rows/RowWriterTest.java", """
                package org.acme.rows;

                import org.junit.Test;

                public class RowWriterTest {
                  @Test public void render() { new RowWriter(3).render(java.util.List.of("abcdef")); }
                }
                """);
        write(ws, "src/test/java/org/acme/rows/TextsTest.java", """
                package org.acme.rows;

                import org.junit.Test;

                public class TextsTest {
                  @Test public void wrap() { Texts.wrap("abcdef", 3); }
                }
                """);
        return ws;
    }

    @Test
    void aNamedClassHandingTheNamedFieldToAMethodWritingTheObjectivesValueSendsTheChangeThere() throws Exception {
        WorkspaceFacts facts = facts(rows());
        String objective = "`RowWriter` with a `cellWidth` must never cut a surrogate pair in half: the `<br/>` goes after the pair";
        assertThat(located(objective, facts)).containsExactly("src/main/java/org/acme/rows/Texts.java");
        TaskPacket packet = new BuiltInPlanner().plan(objective, facts, null).packets().get(0);
        assertThat(packet.acceptanceTests()).first().isEqualTo("mvn -q test -Dtest=TextsTest,RowWriterTest");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        // no value written in code form: nothing says the helper writes what changes
        "`RowWriter` with a `cellWidth` must never cut a surrogate pair in half",
        // a value the helper does not write
        "`RowWriter` with a `cellWidth` must end every line with `</td>`",
    })
    void aNamedClassStaysWhenTheMethodItPassesTheFieldToWritesNoValueTheObjectiveGives(String objective) throws Exception {
        WorkspaceFacts facts = facts(rows());
        assertThat(located(objective, facts)).contains("src/main/java/org/acme/rows/RowWriter.java");
    }

    @Test
    void aLoopingMethodStaysWhenItsOwnCodeSpellsTheConstantOut() throws Exception {
        Path ws = aliases();
        Path parser = ws.resolve("src/main/java/org/acme/faces/Parser.java");
        Files.writeString(parser, Files.readString(parser).replace("if (alias.tone != null) {",
                "if (alias.tone != null && alias.tone != Tone.TONE_1) {"));
        WorkspaceFacts facts = facts(ws);
        String objective = "`Parser.parse(\":boy|TONE_1:\")` must leave the boy with the lightest tone unmodified";
        assertThat(located(objective, facts)).contains("src/main/java/org/acme/faces/Parser.java")
                .doesNotContain("src/main/java/org/acme/faces/Tone.java");
    }

    /** A named method that loops over the value itself is where the work is, whatever helper its loop calls. */
    @Test
    void aMethodThatLoopsDoesTheWorkItselfAndStays() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("classes"));
        write(ws, "pom.xml", POM);
        write(ws, "src/main/java/org/acme/dom/Node.java", """
                package org.acme.dom;

                public class Node {
                  private final String classes = "";

                  public boolean hasClass(String name) {
                    for (int i = 0; i < classes.length(); i = Chars.next(classes, i)) {
                      if (classes.startsWith(name, i)) {
                        return true;
                      }
                    }
                    return false;
                  }
                }
                """);
        write(ws, "src/main/java/org/acme/dom/Chars.java", """
                package org.acme.dom;

                public final class Chars {
                  public static int next(String text, int from) {
                    int at = from;
                    while (at < text.length() && !Character.isWhitespace(text.charAt(at))) {
                      at++;
                    }
                    return at + 1;
                  }
                }
                """);
        WorkspaceFacts facts = facts(ws);
        assertThat(located("`Node.hasClass` must match a name among several whitespace separated classes", facts))
                .containsExactly("src/main/java/org/acme/dom/Node.java");
    }
}
