package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An in-memory file system (round 16's jimfs): {@code getPathMatcher("glob:[!b]")} dispatches on the syntax named in
 * front of the pattern ({@code case "glob":}) to a class that builds itself to translate it. That class is the change;
 * the file system's method and the dispatcher are only the way to it.
 */
class SyntaxDispatchTest {
    @TempDir
    Path temp;

    @Test
    void theClassTheNamedSyntaxIsDispatchedToIsTheChange() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("memfs"));
        write(ws, "pom.xml", "<project><modelVersion>4.0.0</modelVersion><groupId>x</groupId><artifactId>memfs</artifactId>"
                + "<version>1</version></project>");
        String pkg = "src/main/java/org/memfs/";
        write(ws, pkg + "MemoryFileSystem.java", "package org.memfs;\n\nimport java.nio.file.PathMatcher;\n\n"
                + "public final class MemoryFileSystem {\n  private final String separators = \"/\";\n\n"
                + "  /** A path matcher for the given syntax and pattern, as FileSystem#getPathMatcher specifies. */\n"
                + "  public PathMatcher getPathMatcher(String syntaxAndPattern) {\n"
                + "    return PathMatchers.getPathMatcher(syntaxAndPattern, separators);\n  }\n}\n");
        write(ws, pkg + "PathMatchers.java", "package org.memfs;\n\nimport java.nio.file.PathMatcher;\nimport java.util.regex.Pattern;\n\n"
                + "/** Path matchers for the glob and regex syntaxes of FileSystem#getPathMatcher. */\nfinal class PathMatchers {\n"
                + "  static PathMatcher getPathMatcher(String syntaxAndPattern, String separators) {\n"
                + "    int colon = syntaxAndPattern.indexOf(':');\n    String syntax = syntaxAndPattern.substring(0, colon);\n"
                + "    String pattern = syntaxAndPattern.substring(colon + 1);\n    switch (syntax) {\n      case \"glob\":\n"
                + "        pattern = GlobToRegex.toRegex(pattern, separators);\n        // fall through\n      case \"regex\":\n"
                + "        Pattern compiled = Pattern.compile(pattern);\n        return path -> compiled.matcher(path.toString()).matches();\n"
                + "      default:\n        throw new UnsupportedOperationException(syntax);\n    }\n  }\n}\n");
        write(ws, pkg + "GlobToRegex.java", "package org.memfs;\n\n/** Translates a glob into a regex. */\nfinal class GlobToRegex {\n"
                + "  public static String toRegex(String glob, String separators) {\n"
                + "    return new GlobToRegex(glob, separators).convert();\n  }\n\n"
                + "  private final String glob;\n  private final String separators;\n  private final StringBuilder regex = new StringBuilder();\n\n"
                + "  private GlobToRegex(String glob, String separators) {\n    this.glob = glob;\n    this.separators = separators;\n  }\n\n"
                + "  private String convert() {\n    boolean inCharacterClass = false;\n    for (char c : glob.toCharArray()) {\n"
                + "      if (c == '[') {\n        inCharacterClass = true;\n        regex.append('[');\n"
                + "      } else if (inCharacterClass && c == ']') {\n        inCharacterClass = false;\n        regex.append(']');\n"
                + "      } else if (inCharacterClass && c == '!') {\n        // the character class's first character\n        regex.append('!');\n"
                + "      } else if (c == '*') {\n        regex.append(\"[^\" + separators + \"]*\");\n"
                + "      } else {\n        appendLiteral(c);\n      }\n    }\n"
                + "    return regex.toString();\n  }\n\n"
                + "  private void appendLiteral(char c) {\n    regex.append(java.util.regex.Pattern.quote(String.valueOf(c)));\n  }\n}\n");
        String tests = "src/test/java/org/memfs/";
        write(ws, tests + "GlobToRegexTest.java", "package org.memfs;\n\nimport org.junit.Test;\n\npublic class GlobToRegexTest {\n"
                + "  @Test public void star() { GlobToRegex.toRegex(\"*.java\", \"/\"); }\n}\n");
        write(ws, tests + "MemoryFileSystemTest.java", "package org.memfs;\n\nimport org.junit.Test;\n\npublic class MemoryFileSystemTest {\n"
                + "  @Test public void matcher() { new MemoryFileSystem().getPathMatcher(\"regex:.*\"); }\n}\n");
        PlanDraft draft = new BuiltInPlanner().plan("Negated character classes in glob matchers don't work: a PathMatcher from "
                + "fileSystem.getPathMatcher(\"glob:[!b]\") treats '!' as a literal, so it matches \"b\" and \"!\" but not \"a\". "
                + "As in the FileSystem.getPathMatcher spec, a leading '!' inside [...] should negate the class.", facts(ws), null);
        assertThat(draft.packets()).hasSize(1);
        TaskPacket only = draft.packets().get(0);
        assertThat(only.objective()).startsWith("Make the change in src/main/java/org/memfs/GlobToRegex.java that")
                .doesNotContain("PathMatchers.java", "MemoryFileSystem.java");
        assertThat(only.description()).contains("called for glob at src/main/java/org/memfs/PathMatchers.java");
    }
}
