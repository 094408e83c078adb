package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.located;
import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names that say where as surely as a path: a hyphenated name one class is named after ("Jaro-Winkler" →
 * JaroWinkler.java); a class the objective writes in code that has a file of its own, not the factory building it by
 * name (`case "ConditionalRuleGroup":`); and of two functions it names, the one it writes as code, not a caller it
 * mentions in passing.
 */
class RoundFifteenShapesTest {
    @TempDir
    Path temp;

    private static final String POM = "<project><modelVersion>4.0.0</modelVersion><groupId>t</groupId><artifactId>a</artifactId>"
            + "<version>1</version></project>";

    @Test
    void aHyphenatedNameOneClassIsNamedAfterIsThePlace() throws Exception {
        Path ws = temp.resolve("similarity");
        write(ws, "pom.xml", POM);
        for (String measure : new String[] {"JaroWinkler", "Cosine", "RatcliffObershelp"}) {
            write(ws, "src/main/java/t/" + measure + ".java", "package t;\n\n/** A similarity of two strings by their characters. */\n"
                    + "public class " + measure + " {\n"
                    + (measure.equals("JaroWinkler") ? "" : "    // swapped characters: each transposition counts once, never twice, or the similarity is too low\n")
                    + "    public double similarity(String s1, String s2) {\n"
                    + "        int transpositions = 0;\n        // characters matched within a window count; transpositions halve\n"
                    + "        return s1.length() == 0 ? 0 : (double) transpositions / 2;\n    }\n}\n");
        }
        write(ws, "src/test/java/t/JaroWinklerTest.java", "package t;\n\npublic class JaroWinklerTest {\n}\n");
        String objective = "Jaro-Winkler similarity is too low whenever characters are swapped: each transposition must count once, not twice";
        assertThat(located(objective, facts(ws))).containsExactly("src/main/java/t/JaroWinkler.java");
        // the measures sharing its words, ranked ahead of it, give way to the one it names
        java.util.List<ChangeLocator.FileMatch> ranked = java.util.stream.Stream.of("Cosine", "RatcliffObershelp", "JaroWinkler")
                .map(m -> new ChangeLocator.FileMatch("src/main/java/t/" + m + ".java", 1.0, java.util.List.of("similarity"), ""))
                .toList();
        java.util.Map<String, Double> scores = new java.util.HashMap<>();
        ranked.forEach(r -> scores.put(r.path(), r.score()));
        assertThat(ChangeLocator.towardsHyphenatedName(ranked, ChangeLocator.keys(objective), facts(ws), path -> true, scores,
                java.util.Map.of(), java.util.Set.of()).stream().map(ChangeLocator.FileMatch::path))
                .containsExactly("src/main/java/t/JaroWinkler.java");
    }

    @Test
    void aNamedClassWithAFileOfItsOwnIsThePlaceNotTheFactoryBuildingItByName() throws Exception {
        Path ws = temp.resolve("rules");
        write(ws, "pom.xml", POM);
        write(ws, "src/main/java/t/composite/ConditionalRuleGroup.java", "package t.composite;\n\n"
                + "public class ConditionalRuleGroup {\n    public boolean evaluate(java.util.List<Integer> priorities) {\n"
                + "        // make sure we only have one rule with the highest priority\n"
                + "        return priorities.stream().distinct().count() == priorities.size();\n    }\n}\n");
        write(ws, "src/main/java/t/RuleFactory.java", "package t;\n\nimport t.composite.ConditionalRuleGroup;\n\n"
                + "public class RuleFactory {\n    Object create(String type) {\n        switch (type) {\n"
                + "            case \"ConditionalRuleGroup\":\n                return new ConditionalRuleGroup();\n"
                + "            default:\n                throw new IllegalArgumentException(\"unknown rule group type \" + type);\n"
                + "        }\n    }\n}\n");
        write(ws, "src/test/java/t/composite/ConditionalRuleGroupTest.java", "package t.composite;\n\npublic class ConditionalRuleGroupTest {\n}\n");
        assertThat(located("A `ConditionalRuleGroup` whose two rules share the highest priority silently picks one of them; it "
                + "must refuse that ambiguous group", facts(ws))).containsExactly("src/main/java/t/composite/ConditionalRuleGroup.java");
    }

    @Test
    void ofTwoNamedFunctionsTheOneWrittenAsCodeIsTheSubject() throws Exception {
        Path ws = temp.resolve("colors");
        write(ws, "src/colors/__init__.py", "from .normalization import normalize_hex\nfrom .conversion import hex_to_rgb\n");
        write(ws, "src/colors/normalization.py", "import re\n\nHEX_COLOR_RE = re.compile(r'^#([a-fA-F0-9]{3}|[a-fA-F0-9]{6})$')\n\n\n"
                + "def normalize_hex(hex_value):\n    \"\"\"A hex color in lower case, with its digits; three-digit shorthand too.\"\"\"\n"
                + "    match = HEX_COLOR_RE.match(hex_value)\n    if match is None:\n"
                + "        raise ValueError(hex_value)\n    return '#' + match.group(1).lower()\n");
        write(ws, "src/colors/conversion.py", "from .normalization import normalize_hex\n\n\ndef hex_to_rgb(hex_value):\n"
                + "    int_value = int(normalize_hex(hex_value)[1:], 16)\n"
                + "    return (int_value >> 16, int_value >> 8 & 0xff, int_value & 0xff)\n\n\ndef hex_to_name(hex_value):\n"
                + "    return normalize_hex(hex_value)\n");
        write(ws, "tests/test_normalization.py", "import unittest\n");
        assertThat(located("`normalize_hex` does not expand three-digit shorthand: normalize_hex('#09c') comes back as '#09c' "
                + "(and hex_to_rgb then misreads it); shorthand must be expanded by doubling each digit", facts(ws)))
                .containsExactly("src/colors/normalization.py");
    }
}
