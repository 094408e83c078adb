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
 * A Go getter the objective names ({@code GetCount}: a guard, then {@code return numparse.ParseCount(v.s)}) returns what a
 * function of another package of the module makes: a wrong value is made there, in numparse/parse.go, which holds the
 * objective's "integer"; a named function doing its own work, or a named file holding those words itself, stays the place.
 */
class GoCalleesTest {
    @TempDir
    Path temp;

    /** {@code aboutSigns}: value.go also writes integers with their sign itself (it deals with them). */
    private Path module(boolean aboutSigns) throws Exception {
        Path ws = Files.createDirectories(temp.resolve("conf"));
        write(ws, "go.mod", "module example.com/conf\n\ngo 1.19\n");
        write(ws, "value.go", "package conf\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/conf/numparse\"\n)\n\n"
                + "// Value is one parsed setting.\ntype Value struct {\n\ts string\n\tt int\n}\n\n"
                + "// GetCount returns the count the value holds, 0 when it holds none.\n"
                + "func (v *Value) GetCount() int64 {\n\tif v == nil || v.t != 1 {\n\t\treturn 0\n\t}\n"
                + "\treturn numparse.ParseCount(v.s)\n}\n\n"
                + "// GetTotal returns the sum of the counts in the value's list.\n"
                + "func (v *Value) GetTotal() int64 {\n\tt := int64(0)\n\tfor _, p := range v.parts() {\n"
                + "\t\tt += numparse.ParseCount(p)\n\t}\n\treturn t\n}\n\n"
                + "func (v *Value) parts() []string { return []string{v.s} }\n\n"
                + "// String shows the value.\nfunc (v *Value) String() string { return fmt.Sprintf(\"value %s\", v.s) }\n"
                + (aboutSigns ? "\n// Signed writes a negative integer with its minus sign.\n"
                        + "func Signed(n int64) string { return fmt.Sprintf(\"%+d\", n) }\n" : ""));
        write(ws, "value_test.go", "package conf\n\nimport \"testing\"\n\n"
                + "func TestGetCount(t *testing.T) {\n\tv := &Value{s: \"-3\", t: 1}\n\tif v.GetCount() != -3 {\n\t\tt.Fatal(v)\n\t}\n}\n");
        write(ws, "numparse/parse.go", "package numparse\n\n"
                + "// ParseCount parses a decimal integer, 0 when s holds none; a leading minus makes it negative.\n"
                + "func ParseCount(s string) int64 {\n\tminus := s != \"\" && s[0] == '-'\n\tif minus {\n\t\ts = s[1:]\n\t}\n"
                + "\td := int64(0)\n\tfor i := 0; i < len(s); i++ {\n\t\tif s[i] < '0' || s[i] > '9' {\n\t\t\treturn 0\n\t\t}\n"
                + "\t\td = d*10 + int64(s[i]-'0')\n\t}\n\tif minus {\n\t\td = -d\n\t}\n\treturn d\n}\n");
        write(ws, "numparse/parse_test.go", "package numparse\n\nimport \"testing\"\n\n"
                + "func TestParseCount(t *testing.T) {\n\tif ParseCount(\"-12\") != -12 {\n\t\tt.Fatal(\"minus\")\n\t}\n}\n");
        return ws;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // the getter only guards and returns ParseCount's result: the integer is read there
        "GetCount returns a positive count for a negative setting integer|numparse/parse.go",
        // a named function that loops and sums does its own work: its file stays first (the parser shares the words)
        "GetTotal returns a positive total for a negative setting integer|value.go;numparse/parse.go",
        // adding API goes through the way in
        "add a base argument to GetCount so that a negative setting integer can be hexadecimal|value.go",
        // the named file writes negative integers itself: it deals with the concept
        "+GetCount returns a positive count for a negative setting integer|value.go",
    })
    void aNamedGetterLeadsToThePackageFunctionWhoseResultItReturns(String objective, String files) throws Exception {
        boolean aboutSigns = objective.startsWith("+");
        assertThat(located(aboutSigns ? objective.substring(1) : objective, facts(module(aboutSigns))))
                .containsExactlyElementsOf(Arrays.asList(files.split(";")));
    }
}
