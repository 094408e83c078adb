package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.located;
import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Round 22's shapes (blind: autoprefixer, modelmapper, jolt, chardet, go-colorful): values listed as a set, held as literals
 * by one file; a hyphenated name one file handles as a literal; an at-rule one file is named after; a class the prose calls
 * by name; who else uses it, in a parenthetical; the exception the bug throws; the docs cited as the authority; a
 * hyphenated word inside a quoted message.
 */
class RoundTwentyTwoShapesTest {
    @TempDir
    Path temp;

    private static List<ChangeLocator.FileMatch> matches(String... paths) {
        return java.util.Arrays.stream(paths).map(p -> new ChangeLocator.FileMatch(p, 1.0, List.of(), "")).toList();
    }

    private static Map<String, Double> scores(String... paths) {
        Map<String, Double> scores = new HashMap<>();
        for (String p : paths) {
            scores.put(p, 1.0);
        }
        return scores;
    }

    private static List<String> paths(List<ChangeLocator.FileMatch> matches) {
        return matches.stream().map(ChangeLocator.FileMatch::path).toList();
    }

    private static final String POM = "<project><modelVersion>4.0.0</modelVersion><groupId>t</groupId><artifactId>a</artifactId>"
            + "<version>1</version></project>";

    @Test
    void valuesListedAsASetAreRecognisedWhereOneFileHoldsThemAll() throws Exception {
        String objective = "Mapping a String property to a Boolean property only works for lower-case text: \"Yes\" throws. The "
                + "built-in conversion should ignore case for all recognised words (true/yes/y/on/1 and false/no/n/off/0).";
        assertThat(ValueLists.lists(objective)).containsExactly(List.of("true", "yes", "y", "on", "1"), List.of("false", "no", "n", "off", "0"));
        assertThat(ValueLists.lists("a Boolean/boolean property")).isEmpty();
        Path ws = temp.resolve("mapper");
        write(ws, "pom.xml", POM);
        write(ws, "src/main/java/t/convert/BooleanConverter.java", "package t.convert;\n\nclass BooleanConverter {\n"
                + "  private static final String[] TRUE_STRINGS = { \"true\", \"yes\", \"y\", \"on\", \"1\" };\n"
                + "  private static final String[] FALSE_STRINGS = { \"false\", \"no\", \"n\", \"off\", \"0\" };\n}\n");
        write(ws, "src/main/java/t/Mapper.java", "package t;\n\npublic class Mapper {\n  // maps a String property to a Boolean property\n"
                + "  public Object map(Object source) { return source; }\n}\n");
        write(ws, "src/main/java/t/Flags.java", "package t;\n\nclass Flags {\n  static final String YES = \"yes\";\n}\n");
        String[] ranked = {"src/main/java/t/Mapper.java", "src/main/java/t/convert/BooleanConverter.java", "src/main/java/t/Flags.java"};
        assertThat(paths(ValueLists.towardsValueHolder(matches(ranked[0]), ChangeLocator.keys(objective), facts(ws), p -> true,
                scores(ranked), Map.of()))).containsExactly("src/main/java/t/convert/BooleanConverter.java");
    }

    @Test
    void aHyphenatedNameOneFileHandlesAsALiteralIsThePlaceNotTheListRegisteringIt() throws Exception {
        String objective = "With old Safari in the browser list, `break-inside: avoid-column` is output as "
                + "`-webkit-column-break-inside: avoid-column`. The prefixed declaration should use `avoid`.";
        assertThat(LiteralHolders.names(objective)).containsExactly("break-inside", "avoid-column");
        assertThat(LiteralHolders.names("detect(x) returns 'utf-16le' and \"utf-16be\"")).containsExactly("utf-16le", "utf-16be");
        assertThat(LiteralHolders.handles("if (decl.prop !== 'break-inside') {\n", Set.of("break-inside"))).isTrue();
        assertThat(LiteralHolders.handles("prefix(['break-before', 'break-after', 'break-inside'], {\n", Set.of("break-inside"))).isFalse();
        Path ws = temp.resolve("prefixer");
        write(ws, "package.json", "{\"name\":\"prefixer\",\"scripts\":{\"test\":\"uvu test\"}}");
        write(ws, "lib/prefixes.js", "// the browser list says which declaration gets which prefix\nmodule.exports = class Prefixes {}\n");
        write(ws, "lib/hacks/break-props.js", "module.exports = class BreakProps {\n  insert(decl) {\n"
                + "    if (decl.prop !== 'break-inside') {\n      return decl\n    }\n  }\n}\n");
        write(ws, "data/prefixes.js", "prefix(['break-before', 'break-after', 'break-inside'], { feature: 'multicolumn' })\n");
        String[] ranked = {"lib/prefixes.js", "data/prefixes.js", "lib/hacks/break-props.js"};
        assertThat(paths(LiteralHolders.towardsLiteralHolder(matches(ranked[0], ranked[1]), ChangeLocator.keys(objective), facts(ws),
                p -> true, scores(ranked), Map.of()))).containsExactly("lib/hacks/break-props.js");
    }

    @Test
    void anAtRuleOneScriptIsNamedAfterIsThePlace() throws Exception {
        Path ws = temp.resolve("rules");
        write(ws, "package.json", "{\"name\":\"prefixer\"}");
        write(ws, "lib/supports.js", "module.exports = class Supports {\n  // cleans outdated prefixes in a condition\n}\n");
        write(ws, "lib/processor.js", "// runs every rule: @supports, @media, declarations\nmodule.exports = function process() {}\n");
        String objective = "The prefixer rewrites @supports conditions that start with `not`: the condition must be left as written.";
        String[] ranked = {"lib/processor.js", "lib/supports.js"};
        assertThat(paths(ChangeLocator.towardsAtRuleFile(matches(ranked), ChangeLocator.keys(objective), facts(ws), p -> true,
                scores(ranked), Map.of(), Set.of()))).containsExactly("lib/supports.js");
    }

    @Test
    void aClassThePoseCallsByNameIsThePlaceAndWhoElseUsesItIsNot() {
        String objective = "The Sortr transform (also used by the CLI's sort command) orders keys plainly alphabetically, so keys "
                + "like \"~id\" end up after \"tuna\". Sortr is meant to list keys that begin with \"~\" first.";
        assertThat(ChangeLocator.userClauseWords(objective)).contains("cli", "command").doesNotContain("key");
        ChangeLocator.Keys keys = ChangeLocator.keys(objective);
        assertThat(keys.consequence()).contains("cli");
        List<ChangeLocator.FileMatch> chosen = matches("core/src/main/java/t/Sortr.java", "cli/src/main/java/t/SortCliProcessor.java");
        assertThat(paths(ChangeLocator.towardsProseClass(chosen, keys))).containsExactly("core/src/main/java/t/Sortr.java");
        // a sentence's first word is no class named in prose
        assertThat(paths(ChangeLocator.towardsProseClass(matches("src/main/java/t/Keys.java", "src/main/java/t/Order.java"),
                ChangeLocator.keys("Keys are ordered plainly alphabetically; the order should put \"~\" first."))))
                .containsExactly("src/main/java/t/Keys.java", "src/main/java/t/Order.java");
    }

    @Test
    void theExceptionTheBugThrowsIsTheSymptomNotThePlace() {
        assertThat(ChangeLocator.thrownExceptions("a value of \"Yes\" makes modelMapper.map(...) throw a MappingException",
                Set.of("mappingexception", "modelmapper"))).containsExactly("mappingexception");
        assertThat(ChangeLocator.thrownExceptions("parse() raises `ParseError` for 1.0-rc1", Set.of("parseerror")))
                .containsExactly("parseerror");
        assertThat(ChangeLocator.thrownExceptions("the MappingException message should name the property", Set.of("mappingexception")))
                .isEmpty();
    }

    @Test
    void theDocsCitedAsTheAuthorityAndAWordInAQuotedMessageNameNoFile() throws Exception {
        Path ws = temp.resolve("colorful");
        write(ws, "go.mod", "module example.com/colorful\n\ngo 1.19\n");
        write(ws, "colors.go", "package colorful\n\nimport \"fmt\"\n\n// Color is an RGB color.\ntype Color struct{ R, G, B float64 }\n\n"
                + "// Hex parses a \"#rrggbb\" color.\nfunc Hex(scol string) (Color, error) {\n"
                + "\tformat := \"#%02x%02x%02x\"\n\tif len(scol) != 7 {\n\t\treturn Color{}, fmt.Errorf(\"color: %v is not a hex-color\", scol)\n\t}\n"
                + "\tvar r, g, b uint8\n\tfmt.Sscanf(scol, format, &r, &g, &b)\n\treturn Color{float64(r) / 255, float64(g) / 255, float64(b) / 255}, nil\n}\n");
        write(ws, "hexcolor.go", "package colorful\n\n// HexColor is a Color stored in a database as a hex string.\ntype HexColor Color\n\n"
                + "// Scan reads a hex color.\nfunc (hc *HexColor) Scan(value interface{}) error {\n\treturn nil\n}\n");
        write(ws, "README.md", "# colorful\n\nHex accepts the three-digit shorthand: `Hex(\"#f0c\")` is `#ff00cc`. Colors parse in lower or upper case.\n");
        write(ws, "colors_test.go", "package colorful\n\nimport \"testing\"\n\nfunc TestHexCreation(t *testing.T) {\n\tHex(\"#ff00cc\")\n}\n");
        assertThat(located("colorful.Hex(\"#f0c\") returns an error (\"#f0c is not a hex-color\") although the docs say the "
                + "three-digit shorthand is accepted. Shorthand hex colours, in lower or upper case, should parse with each digit "
                + "doubled, so Hex(\"#f0c\") equals Hex(\"#ff00cc\").", facts(ws))).first().isEqualTo("colors.go");
        assertThat(located("Hex(\"#f0c\") returns an error (\"#f0c is not a hex-color\") although the docs say the shorthand is "
                + "accepted.", facts(ws))).doesNotContain("README.md").first().isEqualTo("colors.go");
    }
}
