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
 * Where a change goes in code full of the project's everyday words: the objective's rarest concept, used again and again
 * by one place, outranks files that share only its common words (set, name, line); accessor prefixes and types are not
 * definitions; a test class named after that concept is its test.
 */
class JvmScopingTest {
    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "reject a set-delimiters tag whose delimiters contain a sign|set",
        "caret ranges should also match that patch's pre-releases|pre",
        "read a multi-line comment, not a --dry-run flag nor a `kebab-case` name|multi",
        // a modifier of a generic word carries the meaning ("dark" in dark-mode)
        "add a dark-mode toggle|''",
        // a word the objective also uses on its own is a concept of its own
        "parse the Set-Cookie header and set the cookie|''",
        "the packages/remark-cli directory|''",
    })
    void wordsQualifyingAHyphenatedCompoundAreModifiers(String objective, String expected) {
        assertThat(ChangeLocator.compoundModifiers(objective))
                .containsExactlyInAnyOrderElementsOf(expected.isEmpty() ? List.of() : Arrays.asList(expected.split(",")));
    }

    @ParameterizedTest(name = "{0}: {1} defined={2}")
    @CsvSource(delimiter = '|', value = {
        "public void setCodes(Code[] codes) { this.codes = codes; }|set|false",
        "public void setCodes(Code[] codes) { this.codes = codes; }|setcodes|true",
        "public boolean isEmpty() { return true; }|is|false",
        "private final Set<String> names = new HashSet<>();|set|false",
        "public static Parser create() { return null; }|parser|false",
        "public static Parser create() { return null; }|creat|true",
        "public Parser build(String text) { return null; }|parser|false",
        "public Parser build(String text) { return null; }|build|true",
        "protected void tag(Writer writer) { }|tag|true",
        "public class Delimiters { }|delimiter|true",
    })
    void accessorPrefixesAndTypesAreNotWhatALineDefines(String line, String key, boolean defined) throws Exception {
        write(temp, "src/main/java/p/Code.java", "package p;\nclass Code {\n  " + line + "\n}\n");
        List<ContentIndex.Occurrence> hits = facts(temp).content().occurrences(key);
        assertThat(hits).extracting(ContentIndex.Occurrence::path).containsExactly("src/main/java/p/Code.java");
        assertThat(hits.get(0).defined()).isEqualTo(defined);
    }

    /** A template compiler: the parser handles delimiters; the other classes are full of set, tag, name and line. */
    private Path templateCompiler() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("tpl"));
        write(ws, "pom.xml", "<project><artifactId>tpl</artifactId></project>");
        String main = "src/main/java/org/tpl/";
        write(ws, main + "TemplateParser.java", """
                package org.tpl;
                public class TemplateParser {
                  protected Template compile(Reader reader, String tag, int currentLine, String name) {
                    // a delimiter change is handled here
                    boolean delimiter = c == '=';
                    if (delimiter) {
                      String[] split = command.trim().split(" ");
                      if (split.length != 2) throw new TemplateException("Invalid delimiter string at line " + currentLine);
                      // change the delimiters
                      start = split[0];
                    }
                    if (!name.equals(tag)) throw new TemplateException("Mismatched tag " + name + " at line " + currentLine);
                    return new Template(name, tag);
                  }
                }
                """);
        write(ws, main + "codes/BaseCode.java", """
                package org.tpl.codes;
                import java.util.HashSet;
                import java.util.Set;
                public class BaseCode {
                  private final Set<String> names = new HashSet<>();
                  private Code[] codes;
                  private String name;
                  private int line;
                  public void setCodes(Code[] codes) { this.codes = codes; }
                  public void setName(String name) { this.name = name; names.add(name); }
                  public void setLine(int line) { this.line = line; }
                  protected void tag(Writer writer, String tag) { writer.write(tag); writer.write(name); }
                  public String name() { return name; }
                  public int line() { return line; }
                  void position(AtomicInteger position) { position.set(line); }
                }
                """);
        write(ws, main + "reflect/GuardedBinding.java", """
                package org.tpl.reflect;
                public class GuardedBinding {
                  private final Set<Class<?>> previousSet = new HashSet<>();
                  private final String name;
                  public Object get(String name, int line) {
                    if (previousSet.contains(name)) throw new GuardException("unexpected guard failure: " + name + " line " + line);
                    return name;
                  }
                }
                """);
        write(ws, main + "TemplateFactory.java", """
                package org.tpl;
                public class TemplateFactory {
                  private final Set<String> loading = new HashSet<>();
                  public Template compile(String name) {
                    if (!loading.add(name)) throw new TemplateException("recursive template " + name + " line " + 1);
                    if (name.contains(".")) return load(name);
                    return new TemplateParser().compile(reader(name), null, 1, name);
                  }
                }
                """);
        for (String other : List.of("Scope", "Writer", "Context", "Resolver", "Visitor", "Wrapper", "Handler", "Loader")) {
            write(ws, main + "util/" + other + ".java", "package org.tpl.util;\npublic class " + other + " {\n"
                    + "  private String name;\n  public void setName(String name) { this.name = name; }\n"
                    + "  public String name() { return name; }\n}\n");
        }
        write(ws, "src/test/java/org/tpl/DelimiterTest.java", """
                package org.tpl;
                public class DelimiterTest {
                  @Test public void changesDelimiters() { compile("{{=<% %>=}}<% name %>"); }
                }
                """);
        write(ws, "src/test/java/org/tpl/NamesTest.java", """
                package org.tpl;
                public class NamesTest {
                  @Test public void names() { compile("{{name}}"); }
                }
                """);
        write(ws, "src/test/resources/specs/delimiters.json", "{\"tests\": [{\"name\": \"pair\", \"desc\": \"set delimiters\"}]}\n");
        return ws;
    }

    @Test
    void theRarestConceptOfTheObjectiveOutranksEverydayWordsAndAccessorNames() throws Exception {
        WorkspaceFacts facts = facts(templateCompiler());
        assertThat(located("reject a set-delimiters tag whose new delimiters contain an `=` sign with a clear error naming the line",
                facts)).containsExactly("src/main/java/org/tpl/TemplateParser.java");
    }

    @Test
    void aTestClassNamedAfterTheRarestConceptIsTheChangesTestNotTheSpecDataNorEverydayWords() throws Exception {
        WorkspaceFacts facts = facts(templateCompiler());
        ChangeLocator.Keys keys = ChangeLocator.keys("reject a set-delimiters tag whose new delimiters contain an `=` sign with a "
                + "clear error naming the line");
        ChangeLocator.FileMatch parser = ChangeLocator.locate(keys, facts, ChangeLocator.projectNames(facts)).get(0);
        assertThat(BuiltInPlanner.coveringTests(parser, facts, keys).tests())
                .containsExactly("src/test/java/org/tpl/DelimiterTest.java");
    }

    @Test
    void aConceptOneParserImplementsOutranksTheProjectsDomainWordInEveryOtherFile() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("semver"));
        write(ws, "pom.xml", "<project><artifactId>semver</artifactId></project>");
        String main = "src/main/java/org/semver/";
        write(ws, main + "expr/ExpressionParser.java", """
                package org.semver.expr;
                /** <caret-range> ::= "^" <version> */
                public class ExpressionParser {
                  private Expression parseCaretRange() {
                    // a caret range allows changes that do not modify the left-most non-zero part
                    Version version = parseVersion();
                    if (version.major() > 0) return caretMajor(version);
                    return gte(version).and(lt(version.nextPatchVersion())); // caret on 0.0.x: that patch, pre-release too
                  }
                  private Expression parseRange() { return parseCaretRange(); }
                }
                """);
        write(ws, main + "Version.java", """
                package org.semver;
                public class Version {
                  private final String preRelease;
                  public boolean isPreRelease() { return !preRelease.isEmpty(); }
                  public Version setPreRelease(String preRelease) { return new Version(preRelease); }
                  public Version nextPatchVersion() { return new Version(""); }
                  // a pre-release version has lower precedence than its release; the patch matches
                  public boolean matches(String range) { return ExpressionParser.parse(range).matches(this); }
                }
                """);
        write(ws, main + "VersionParser.java", """
                package org.semver;
                /** Parses the whole version including pre-release version and build metadata. */
                public class VersionParser {
                  private String parsePreRelease() { return releaseIdentifier(); }
                  private String releaseIdentifier() { return ""; }
                  public Version parseVersion() { return new Version(parsePreRelease()); }
                  boolean match(char c) { return c == '-'; } // a pre-release follows the patch
                }
                """);
        write(ws, main + "expr/Lexer.java", """
                package org.semver.expr;
                class Lexer {
                  enum Type { CARET("\\\\^"), TILDE("~"), HYPHEN("-"); }
                  boolean match(String input) { return true; }
                }
                """);
        write(ws, "src/test/java/org/semver/expr/ExpressionParserTest.java",
                "package org.semver.expr;\nclass ExpressionParserTest { void caret() { parse(\"^0.0.3\"); } }\n");
        write(ws, "src/test/java/org/semver/VersionTest.java",
                "package org.semver;\nclass VersionTest { void preRelease() { Version.valueOf(\"1.0.0-rc.1\"); } }\n");
        assertThat(located("caret ranges on a 0.0.x version (`^0.0.3`) should also match that patch's pre-releases", facts(ws)))
                .containsExactly("src/main/java/org/semver/expr/ExpressionParser.java");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "the classic Formatter (org.example.text, not the fancy package) | org/example/text",
        "`org.example.text.fancy.Formatter` should wrap | org/example/text/fancy",
        "the default in setup.cfg, e.g. for www.example | ''",
        "Formatter.format should wrap | ''",
    })
    void packagesTheObjectiveWritesOutWhole(String objective, String paths) {
        assertThat(String.join(",", ChangeLocator.packagePaths(objective))).isEqualTo(paths);
    }

    @Test
    void ofTwoSameNamedClassesThePackageTheObjectiveWritesOutDecides() throws Exception {
        Path ws = temp.resolve("wrapping");
        write(ws, "pom.xml", "<project><modelVersion>4.0.0</modelVersion><groupId>org.example</groupId>"
                + "<artifactId>text</artifactId><version>1</version></project>\n");
        String main = "src/main/java/org/example/text/";
        write(ws, main + "Formatter.java", """
                package org.example.text;
                /** The classic formatter: wraps a long description at the width. */
                public class Formatter {
                  public String wrap(String description, int width) { return description.substring(0, width); }
                  String wrapDescription(String description, int width) { return wrap(description, width); }
                }
                """);
        write(ws, main + "fancy/Formatter.java", """
                package org.example.text.fancy;
                /** A formatter that wraps a long description at the width, with styles. */
                public class Formatter {
                  public String wrap(String description, int width) { return description.substring(0, width); }
                  String wrapDescription(String description, int width) { return wrap(description, width); }
                }
                """);
        write(ws, main + "Option.java", "package org.example.text;\npublic class Option { String name; }\n");
        assertThat(located("the classic Formatter (org.example.text, not the fancy package) should wrap a long description "
                + "at the last space before the width instead of cutting words in half", facts(ws)))
                .containsExactly(main + "Formatter.java");
    }
}
