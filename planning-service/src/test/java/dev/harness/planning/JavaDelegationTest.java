package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.located;
import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Where a Java change goes when the code the objective points at only hands the value on or only describes it: the
 * method one call down that writes the behaviour (a directive's branch calling a quoting helper), the class whose code
 * applies a rule rather than the one whose doc comments explain it; and which test classes a -Dtest may name.
 */
class JavaDelegationTest {
    @TempDir
    Path temp;

    private static final String POM = "<project><modelVersion>4.0.0</modelVersion><groupId>org.acme</groupId>"
            + "<artifactId>templ</artifactId><version>1</version></project>\n";

    /**
     * A template library: the block holds the format and its arguments (its doc says `$Q` quotes a literal), the writer
     * dispatches on each directive and hands a `$Q` value to Text.quotedLiteral, which writes the quoting and the line
     * continuation.
     */
    private Path templateLibrary() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("templ"));
        write(ws, "pom.xml", POM);
        String main = "src/main/java/org/acme/templ/";
        write(ws, main + "Block.java", """
                package org.acme.templ;

                import java.util.ArrayList;
                import java.util.List;

                /**
                 * A template block: a format holding directives and the arguments they take. {@code $Q} quotes a string
                 * literal, {@code $N} emits a name. Blocks can be joined into one; each line of a block is emitted as is.
                 */
                public final class Block {
                  final String format;
                  final List<Object> args = new ArrayList<>();

                  Block(String format, Object... args) {
                    this.format = format;
                    this.args.addAll(List.of(args));
                  }

                  /** Joins blocks with a separator, one line each, into one block of string literals and names. */
                  public static Block join(List<Block> blocks, String separator) {
                    StringBuilder joined = new StringBuilder();
                    for (Block b : blocks) {
                      joined.append(b.format).append(separator);
                    }
                    return new Block(joined.toString());
                  }

                  /** The block's literal string: each line joined with the next, as emitted. */
                  @Override
                  public String toString() {
                    return new Writer("  ").emit(this);
                  }
                }
                """);
        write(ws, main + "Writer.java", """
                package org.acme.templ;

                import static org.acme.templ.Text.quotedLiteral;

                /** Emits blocks, directive by directive. */
                final class Writer {
                  private final String indent;
                  private final StringBuilder out = new StringBuilder();

                  Writer(String indent) {
                    this.indent = indent;
                  }

                  String emit(Block block) {
                    int a = 0;
                    for (String part : block.format.split("(?=\\\\$)")) {
                      String directive = part.length() >= 2 ? part.substring(0, 2) : part;
                      switch (directive) {
                        case "$N":
                          out.append(block.args.get(a++));
                          break;
                        case "$Q":
                          String value = (String) block.args.get(a++);
                          out.append(value != null ? quotedLiteral(value, indent) : "null");
                          break;
                        default:
                          out.append(part);
                      }
                    }
                    return out.toString();
                  }
                }
                """);
        write(ws, main + "Text.java", """
                package org.acme.templ;

                /** Text helpers of the writer. */
                final class Text {
                  private Text() {}

                  /** The value as a Java string literal in double quotes; after each line feed the literal continues on a new line. */
                  static String quotedLiteral(String value, String indent) {
                    StringBuilder result = new StringBuilder("\\"");
                    for (int i = 0; i < value.length(); i++) {
                      char c = value.charAt(i);
                      result.append(c == '\\n' ? "\\\\n" : String.valueOf(c));
                      // continuation: close the quoted piece, indent twice, join the next with +
                      if (c == '\\n' && i + 1 < value.length()) {
                        result.append("\\"\\n").append(indent).append(indent).append("+ \\"");
                      }
                    }
                    return result.append('"').toString();
                  }

                  static boolean isBlank(String s) {
                    return s.isBlank();
                  }
                }
                """);
        String test = "src/test/java/org/acme/templ/";
        write(ws, test + "TextTest.java", """
                package org.acme.templ;

                class TextTest {
                  @org.junit.jupiter.api.Test void quotesALiteral() {
                    org.junit.jupiter.api.Assertions.assertEquals("\\"a\\"", Text.quotedLiteral("a", " "));
                  }
                }
                """);
        write(ws, test + "BlockTest.java", """
                package org.acme.templ;

                class BlockTest {
                  @org.junit.jupiter.api.Test void joins() {
                    Block.join(java.util.List.of(new Block("a")), ",");
                  }
                }
                """);
        // named like a test, but only helpers for the tests: surefire runs nothing in it
        write(ws, test + "TestText.java", """
                package org.acme.templ;

                final class TestText {
                  static <T extends CharSequence> T first(java.util.List<T> all) {
                    return all.get(0);
                  }
                }
                """);
        return ws;
    }

    private static final String MULTI_LINE = "a `$Q` string literal that contains line feeds must be emitted as one quoted"
            + " piece per line joined with `+`, each continuation indented twice";

    @Test
    void aDirectivesBranchThatHandsTheValueOnPointsAtTheMethodItCalls() throws Exception {
        WorkspaceFacts facts = facts(templateLibrary());
        assertThat(located(MULTI_LINE, facts)).containsExactly("src/main/java/org/acme/templ/Text.java");
        PlanDraft draft = new BuiltInPlanner().plan(MULTI_LINE, facts, null);
        TaskPacket packet = draft.packets().get(0);
        assertThat(packet.description()).contains("Text.java:8").contains("Writer.java:22");
        // the quoting method's own test; the helper class named like a test is not handed to surefire
        assertThat(packet.acceptanceTests()).first().asString().isEqualTo("mvn -q test -Dtest=TextTest");
    }

    @Test
    void theCallIsFollowedOnlyToAProjectMethodHoldingTheObjectivesWords() throws Exception {
        WorkspaceFacts facts = facts(templateLibrary());
        String writer = "src/main/java/org/acme/templ/Writer.java";
        String text = JavaCallees.text(facts, writer);
        JavaCallees.Dispatch dispatch = JavaCallees.dispatches(writer, text, "$Q").get(0);
        assertThat(dispatch.line()).isEqualTo(22);
        assertThat(JavaCallees.calledFrom(dispatch.region(), writer, text, facts))
                .extracting(JavaCallees.Callee::path, JavaCallees.Callee::method)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("src/main/java/org/acme/templ/Text.java", "quotedLiteral"));
        // $N's branch calls nothing of the project's; an objective about other words finds nothing in the quoting method
        JavaCallees.Dispatch name = JavaCallees.dispatches(writer, text, "$N").get(0);
        assertThat(JavaCallees.calledFrom(name.region(), writer, text, facts)).isEmpty();
        assertThat(JavaCallees.writingIt(dispatch.region(), writer, text, java.util.Set.of("cach", "siz", "evict"), facts)).isNull();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "a `$S` literal with line feeds | $S",
        "format `%d` as a decimal | %d",
        "the `+` between pieces | ",
        "`Block.join` must keep `line_feed` | ",
        "`--help` must print usage | --help",
    })
    void directivesAreCodeSpansMixingASignWithLettersOrDigits(String objective, String directives) {
        assertThat(String.join(",", JavaCallees.directives(objective))).isEqualTo(directives == null ? "" : directives);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "class ATest {\\n  @Test void a() {}\\n} | false",
        "class ATest {\\n  @org.junit.jupiter.api.Test void a() {}\\n} | false",
        "class ATest {\\n  @ParameterizedTest @CsvSource({}) void a(int x) {}\\n} | false",
        "@RunWith(Parameterized.class)\\nclass ATest {\\n} | false",
        "public class ATest extends TestCase {\\n  public void testA() {}\\n} | false",
        "public abstract class ATestCase {\\n  @Test void a() {}\\n} | true",
        "final class TestUtil {\\n  static <E extends Element> E first(List<E> all) { return all.get(0); }\\n} | true",
        "final class TestData {\\n  static final String A = \"a\";\\n} | true",
    })
    void aJavaTestClassThatDeclaresNoTestRunsNothing(String source, boolean runsNothing) throws Exception {
        Path ws = Files.createDirectories(temp.resolve("runs"));
        write(ws, "src/test/java/a/ATest.java", source.replace("\\n", "\n"));
        assertThat(TestRunner.runsNoJvmTests(ws, "src/test/java/a/ATest.java")).isEqualTo(runsNothing);
    }

    @Test
    void aKotlinSpecWithoutAnnotationsStillRuns() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("kotlin"));
        write(ws, "src/test/kotlin/a/ATest.kt", "class ATest : StringSpec({\n  \"a\" { }\n})\n");
        assertThat(TestRunner.runsNoJvmTests(ws, "src/test/kotlin/a/ATest.kt")).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // source (\n for line breaks)                                                                 | doc lines | other
        "/**\\n   Links get an enforced rel.\\n   @return this\\n */\\npublic Policy links() {}        | 1,2,3,4   | ",
        "/* licence\\n   text */\\n\\npackage a;                                                         |           | 1,2",
        "String glob = \"src/**/*.js\";\\nint x = 1;                                                        |           | ",
        "x = 1; /* a note\\n y = 2;                                                                       |           | ",
    })
    void aBlockCommentsLinesAreCommentsWithoutALeadingStar(String source, String doc, String other) {
        ContentIndex.Comments comments = ContentIndex.comments(source.replace("\\n", "\n"));
        assertThat(lines(comments.doc())).isEqualTo(doc == null ? "" : doc);
        assertThat(lines(comments.other())).isEqualTo(other == null ? "" : other);
    }

    private static String lines(java.util.BitSet set) {
        return set.stream().mapToObj(Integer::toString).collect(Collectors.joining(","));
    }

    /**
     * A sanitizer library: the policy's doc comments explain that links get rel=nofollow when they point off the base
     * URI's site, its code only stores the enforced attribute; the sanitizer compares the link's host with the base
     * URI's and applies it.
     */
    @Test
    void aClassWhoseDocCommentsDescribeTheRuleIsNotWhereTheCodeApplyingItIs() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("sanitize"));
        write(ws, "pom.xml", POM);
        String main = "src/main/java/org/acme/sanitize/";
        write(ws, main + "Policy.java", """
                package org.acme.sanitize;

                import java.util.HashMap;
                import java.util.Map;

                /**
                 A policy says which tags and attributes survive sanitizing. The default policy for links enforces a
                 rel=nofollow attribute when they link offsite, as the base URI of the sanitizing says.
                 */
                public class Policy {
                    private final Map<String, Map<String, String>> enforced = new HashMap<>();

                    /**
                     A policy allowing links, with an enforced rel=nofollow on links to another site than the base URI.
                     @return the policy
                     */
                    public static Policy links() {
                        return new Policy().addEnforced("a", "rel", "nofollow"); // the sanitizer decides per link
                    }

                    /**
                     Adds an enforced attribute: sanitizing always sets it on the tag (rel=nofollow on links, say).
                     */
                    public Policy addEnforced(String tag, String key, String value) {
                        enforced.computeIfAbsent(tag, t -> new HashMap<>()).put(key, value);
                        return this;
                    }

                    Map<String, String> enforcedOf(String tag) {
                        return enforced.getOrDefault(tag, Map.of());
                    }
                }
                """);
        write(ws, main + "Sanitizer.java", """
                package org.acme.sanitize;

                import java.net.URI;
                import java.util.HashMap;
                import java.util.Map;

                /** Sanitizes tags with a policy. */
                public class Sanitizer {
                    private final Policy policy;

                    public Sanitizer(Policy policy) {
                        this.policy = policy;
                    }

                    Map<String, String> attributes(String tag, String href, String baseUri) {
                        Map<String, String> enforced = new HashMap<>(policy.enforcedOf(tag));
                        if (tag.equals("a") && "nofollow".equals(enforced.get("rel")) && !baseUri.isEmpty()) {
                            String baseHost = URI.create(baseUri).getHost();
                            String linkHost = URI.create(href).getHost();
                            if (baseHost != null && baseHost.equalsIgnoreCase(linkHost)) {
                                enforced.remove("rel");
                            }
                        }
                        return enforced;
                    }
                }
                """);
        assertThat(located("when sanitizing with a policy that enforces `rel=nofollow` and a base URI, a link to the same"
                + " host as the base URI must not get `rel=nofollow`; links to other hosts must", facts(ws)))
                .containsExactly("src/main/java/org/acme/sanitize/Sanitizer.java");
    }

    /**
     * A library with a deprecated predecessor: OldSubstitutor repeats the whole API (setKeepEscapes too) and names
     * TextSubstitutor only in its deprecation note. An objective about `TextSubstitutor` is about TextSubstitutor.java.
     */
    @Test
    void aNamesakeDefiningTheSameMemberIsNotTheTypeTheObjectiveNames() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("subst"));
        write(ws, "pom.xml", POM);
        String body = """
                    private boolean keepEscapes;
                    private char escape = '$';

                    /** Sets whether an escaped variable keeps its escape character. */
                    public void setKeepEscapes(boolean keepEscapes) {
                        this.keepEscapes = keepEscapes;
                    }

                    /** Replaces each variable by its value; an escaped variable keeps the escape character when asked. */
                    public String replace(String text) {
                        StringBuilder out = new StringBuilder();
                        for (int i = 0; i < text.length(); i++) {
                            char c = text.charAt(i);
                            if (c == escape && i + 1 < text.length() && text.charAt(i + 1) == escape) {
                                if (keepEscapes) {
                                    out.append(escape);
                                }
                                i++;
                            }
                            out.append(text.charAt(i));
                        }
                        return out.toString();
                    }
                }
                """;
        write(ws, "src/main/java/org/acme/text/TextSubstitutor.java", "package org.acme.text;\n\n"
                + "/** Substitutes variables in a text; an escaped variable is left as a variable. */\npublic class TextSubstitutor {\n" + body);
        write(ws, "src/main/java/org/acme/text/OldSubstitutor.java", "package org.acme.text;\n\n"
                + "/**\n * Substitutes variables in a text; an escaped variable is left as a variable, its escape character dropped"
                + " unless escapes are kept.\n * @deprecated use {@link TextSubstitutor} instead: the escape character of an escaped"
                + " variable, kept or dropped, works the same there.\n */\n@Deprecated\npublic class OldSubstitutor {\n" + body);
        assertThat(located("`TextSubstitutor` with `setKeepEscapes(true)` must keep the escape character of an escaped variable"
                + " (`$${name}` stays `$${name}`); without it the escape is dropped", facts(ws)))
                .containsExactly("src/main/java/org/acme/text/TextSubstitutor.java");
    }

    /**
     * A reader that throws the library's exception, whose doc comment names the reader: an objective saying the reader
     * must reject input "with a `MalformedInputException`" changes the reader, not the exception it uses.
     */
    @Test
    void anExceptionTheChangeUsesIsNotChangedBecauseItsDocNamesTheReader() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("reader"));
        write(ws, "pom.xml", POM);
        write(ws, "src/main/java/org/acme/json/MalformedInputException.java", """
                package org.acme.json;

                import java.io.IOException;

                /**
                 * Thrown when a {@link TokenReader} finds input that is not well-formed: too deeply nested input, or an
                 * unterminated value. The reader stops at the first such input.
                 */
                public final class MalformedInputException extends IOException {
                  public MalformedInputException(String message) {
                    super(message);
                  }
                }
                """);
        write(ws, "src/main/java/org/acme/json/TokenReader.java", """
                package org.acme.json;

                import java.io.IOException;

                /** Reads tokens of nested input, one at a time. */
                public class TokenReader {
                  private int depth;
                  private int nestingLimit = 255;

                  void push() throws IOException {
                    if (++depth > nestingLimit) {
                      throw new MalformedInputException("nested deeper than " + nestingLimit);
                    }
                  }

                  void pop() {
                    depth--;
                  }
                }
                """);
        assertThat(located("`TokenReader` must reject input nested deeper than its nesting limit (255 by default) with a"
                + " `MalformedInputException` instead of running into a `StackOverflowError`", facts(ws)))
                .containsExactly("src/main/java/org/acme/json/TokenReader.java");
    }

    /**
     * A distance defined through a similarity of the same package (no import): it calls it, so an objective about the
     * similarity's prefix bonus changes the similarity only, though the distance's doc repeats the words.
     */
    @Test
    void aClassOfTheSamePackageCallingTheNamedOneIsItsCallerNotAPlace() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("similar"));
        write(ws, "pom.xml", POM);
        write(ws, "src/main/java/org/acme/similar/PrefixSimilarity.java", """
                package org.acme.similar;

                /** Similarity of two strings with a bonus for a common prefix of matching characters. */
                public class PrefixSimilarity {
                  public static final PrefixSimilarity INSTANCE = new PrefixSimilarity();
                  private static final int PREFIX_LIMIT = 4;

                  /** The similarity: matching characters, and the common-prefix bonus for the first matching characters. */
                  public double apply(CharSequence left, CharSequence right) {
                    int prefix = 0;
                    int matching = 0;
                    for (int i = 0; i < Math.min(left.length(), right.length()); i++) {
                      if (left.charAt(i) == right.charAt(i)) {
                        matching++;
                        if (prefix == i && prefix < PREFIX_LIMIT) {
                          prefix++;
                        }
                      }
                    }
                    double bonus = 0.1 * prefix;
                    return Math.min(1, (double) matching / Math.max(1, left.length()) + bonus);
                  }
                }
                """);
        write(ws, "src/main/java/org/acme/similar/PrefixDistance.java", """
                package org.acme.similar;

                /**
                 * The distance of two strings: one minus their {@link PrefixSimilarity}, with the same common-prefix bonus for
                 * the first matching characters (at most the first four characters of the prefix are matching characters).
                 */
                public class PrefixDistance {
                  /** One minus the similarity: matching characters and the prefix bonus lower the distance. */
                  public double apply(CharSequence left, CharSequence right) {
                    return 1 - PrefixSimilarity.INSTANCE.apply(left, right);
                  }

                  /** The common-prefix bonus part of the distance: the first matching characters of the common prefix. */
                  public double commonPrefixBonus(CharSequence left, CharSequence right) {
                    int commonPrefix = 0;
                    while (commonPrefix < Math.min(left.length(), right.length())
                        && left.charAt(commonPrefix) == right.charAt(commonPrefix)) {
                      commonPrefix++;
                    }
                    int firstMatchingCharacters = commonPrefix;
                    return 0.1 * firstMatchingCharacters;
                  }
                }
                """);
        assertThat(located("`PrefixSimilarity` must give the common-prefix bonus for at most the first 4 matching characters",
                facts(ws))).containsExactly("src/main/java/org/acme/similar/PrefixSimilarity.java");
    }
}
