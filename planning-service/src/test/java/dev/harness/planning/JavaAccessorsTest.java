package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.located;
import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A Java method the objective names that only reads or stores a field: a getter ({@code getFromPath}) returns what the
 * class calling its setter made (the patch reader parsing the header), an option's setter ({@code checkLinks}) stores a
 * switch for the checker the renderer builds (the one holding the protocols the objective lists). A named method doing
 * work of its own keeps its class.
 */
class JavaAccessorsTest {
    @TempDir
    Path temp;

    private static final String PKG = "src/main/java/org/acme/patch/";

    private Path project() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("patch"));
        write(ws, "pom.xml", "<project><modelVersion>4.0.0</modelVersion><groupId>org.acme</groupId><artifactId>patch</artifactId>"
                + "<version>1</version></project>\n");
        write(ws, PKG + "PatchEntry.java", "package org.acme.patch;\n\n/** One file of a patch. */\npublic class PatchEntry {\n"
                + "    private String fromPath;\n\n    public String getFromPath() {\n        return fromPath;\n    }\n\n"
                + "    public void setFromPath(String fromPath) {\n        this.fromPath = fromPath;\n    }\n\n"
                + "    public String getBaseName() {\n        return fromPath.substring(fromPath.lastIndexOf('/') + 1);\n    }\n}\n");
        write(ws, PKG + "PatchReader.java", "package org.acme.patch;\n\nimport java.util.ArrayList;\nimport java.util.List;\n\n"
                + "/** Reads a patch. */\npublic class PatchReader {\n"
                + "    public List<PatchEntry> parseHeaders(List<String> lines) {\n        List<PatchEntry> entries = new ArrayList<>();\n"
                + "        for (String line : lines) {\n            if (line.startsWith(\"--- \")) {\n"
                + "                PatchEntry entry = new PatchEntry();\n                entry.setFromPath(pathOf(line));\n"
                + "                entries.add(entry);\n            }\n        }\n        return entries;\n    }\n\n"
                + "    private String pathOf(String headerLine) {\n        return headerLine.substring(4).replaceFirst(\"^(old|new)/\", \"\").trim();\n"
                + "    }\n}\n");
        write(ws, PKG + "PatchWriter.java", "package org.acme.patch;\n\n/** Writes a patch back. */\npublic class PatchWriter {\n"
                + "    public String write(PatchEntry entry) {\n        return \"--- \" + entry.getFromPath();\n    }\n}\n");
        write(ws, PKG + "Renderer.java", "package org.acme.patch;\n\n/** Renders a patch as a page. */\npublic class Renderer {\n"
                + "    private final boolean checkLinks;\n    private final LinkChecker linkChecker;\n\n"
                + "    private Renderer(Builder builder) {\n        this.checkLinks = builder.checkLinks;\n        this.linkChecker = builder.linkChecker;\n    }\n\n"
                + "    public String render(String url) {\n        return new PageWriter().anchor(checkLinks ? linkChecker.check(url) : url);\n    }\n\n"
                + "    public static class Builder {\n        private boolean checkLinks = false;\n"
                + "        private LinkChecker linkChecker = new DefaultLinkChecker();\n\n"
                + "        public Builder checkLinks(boolean checkLinks) {\n            this.checkLinks = checkLinks;\n            return this;\n        }\n\n"
                + "        public Renderer build() {\n            return new Renderer(this);\n        }\n    }\n}\n");
        write(ws, PKG + "LinkChecker.java", "package org.acme.patch;\n\npublic interface LinkChecker {\n    String check(String url);\n}\n");
        write(ws, PKG + "DefaultLinkChecker.java", "package org.acme.patch;\n\nimport java.util.Set;\n\n"
                + "public class DefaultLinkChecker implements LinkChecker {\n"
                + "    private final Set<String> protocols = Set.of(\"http\", \"https\", \"mailto\");\n\n"
                + "    public String check(String url) {\n        int colon = url.indexOf(':');\n"
                + "        return colon > 0 && !protocols.contains(url.substring(0, colon)) ? \"\" : url;\n    }\n}\n");
        write(ws, PKG + "PageWriter.java", "package org.acme.patch;\n\npublic class PageWriter {\n"
                + "    public String anchor(String url) {\n        return \"<a href=\\\"\" + url + \"\\\">\";\n    }\n}\n");
        write(ws, "src/test/java/org/acme/patch/PatchReaderTest.java", "package org.acme.patch;\n\nclass PatchReaderTest {\n"
                + "    void readsPaths() {\n        new PatchReader().parseHeaders(java.util.List.of(\"--- old/a.txt\"));\n    }\n}\n");
        return ws;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // the getter returns a field: the reader calling its setter with the parsed header made the value
        "Parsing a patch header must give paths without the old/ and new/ prefixes: getFromPath returns lib/Main.java, "
                + "not old/lib/Main.java|" + PKG + "PatchReader.java",
        // a named method computing its value itself is the place
        "getBaseName must give Main.java for a header path lib/Main.java without the directory|" + PKG + "PatchEntry.java",
        // the option only stores a switch: the checker the renderer builds holds the protocols the objective lists
        "With checkLinks enabled the renderer must blank a javascript: link; only http, https and mailto links pass|"
                + PKG + "DefaultLinkChecker.java",
    })
    void aNamedAccessorLeadsToTheClassMakingOrUsingItsValue(String objective, String files) throws Exception {
        assertThat(located(objective, facts(project()))).containsExactlyElementsOf(Arrays.asList(files.split(";")));
    }
}
