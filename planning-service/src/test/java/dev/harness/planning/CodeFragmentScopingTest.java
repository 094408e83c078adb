package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.located;
import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Output the objective writes in code form (`<-chan T`) is often built by the code from pieces ("<-", then "chan"), so
 * no code file holds it; a test asserting it verbatim does, and the file that test is named after is where it is made:
 * that file is the place, ahead of one whose name and comments share a common word of the objective ("difference").
 */
class CodeFragmentScopingTest {
    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        // objective                                                          | fragments (comma-separated)
        "labels must show `<-chan T` for a receive-only channel, `chan<- T` too | <-chan,chan<-",
        "a range `1.2 - 1.4` reads as `>=1.2 <=1.4`                             | >=1.2,<=1.4",
        "`chunked(items, n, strict=True)` must raise                             | ''",
        "`key=str.lower` on the words gives `a, b, C`                           | ''",
        "`lookup('.mp4')` must return `video/mp4`, not `application/mp4`        | video/mp4,application/mp4",
    })
    void fragmentsArePiecesOfCodeNotWordsCallsOrOptions(String objective, String fragments) {
        List<String> expected = fragments.isEmpty() ? List.of() : List.of(fragments.split(","));
        assertThat(ChangeLocator.codeFragments(objective, CoveringTests.Cues.of(objective))).isEqualTo(expected);
    }

    /** A Go module reporting differences, whose label formatter builds a channel's type name from pieces. */
    private Path reporter(boolean testAssertsFragments) throws Exception {
        Path ws = Files.createDirectories(temp.resolve("reporter" + testAssertsFragments));
        write(ws, "go.mod", "module example.com/reporter\n\ngo 1.19\n");
        write(ws, "report.go", "package reporter\n\n// Report describes each difference between two values, naming their types.\n"
                + "func Report(x, y interface{}) string {\n\treturn label(x) + \" vs \" + label(y)\n}\n");
        write(ws, "internal/edits/edits.go", "package edits\n\n"
                + "// Difference reports whether two lists of lengths nx and ny are equal; the difference is an edit script.\n"
                + "// The direction of the search alternates: forward, then reverse, until the difference is found.\n"
                + "func Difference(nx, ny int, f func(ix, iy int) bool) (es []byte) {\n"
                + "\t// each step of the difference moves in one direction\n\tfor i := 0; i < nx && i < ny; i++ {\n"
                + "\t\tif f(i, i) {\n\t\t\tes = append(es, '.')\n\t\t}\n\t}\n\treturn es\n}\n");
        write(ws, "internal/edits/edits_test.go", "package edits\n\nimport \"testing\"\n\n"
                + "func TestDifference(t *testing.T) {\n\tif len(Difference(1, 1, func(int, int) bool { return true })) != 1 {\n"
                + "\t\tt.Fatal(\"difference\")\n\t}\n}\n");
        write(ws, "internal/kinds/label.go", "package kinds\n\nimport \"reflect\"\n\n"
                + "func appendLabel(b []byte, t reflect.Type) []byte {\n\tswitch t.Kind() {\n\tcase reflect.Chan:\n"
                + "\t\tb = append(b, \"chan\"...)\n\t\tb = append(b, ' ')\n\t\treturn appendLabel(b, t.Elem())\n\t}\n"
                + "\treturn append(b, t.String()...)\n}\n\n// TypeLabel is the label of t.\n"
                + "func TypeLabel(t reflect.Type) string { return string(appendLabel(nil, t)) }\n");
        String cases = "\t\t{(chan int)(nil), \"chan int\"},\n" + (testAssertsFragments
                ? "\t\t{(<-chan int)(nil), \"<-chan int\"},\n\t\t{(chan<- int)(nil), \"chan<- int\"},\n" : "");
        write(ws, "internal/kinds/label_test.go", "package kinds\n\nimport (\n\t\"reflect\"\n\t\"testing\"\n)\n\n"
                + "func TestTypeLabel(t *testing.T) {\n\tfor _, tt := range []struct {\n\t\tin   interface{}\n\t\twant string\n\t}{\n"
                + cases + "\t} {\n"
                + "\t\tif got := TypeLabel(reflect.TypeOf(tt.in)); got != tt.want {\n\t\t\tt.Errorf(\"got %q\", got)\n\t\t}\n\t}\n}\n");
        write(ws, "label.go", "package reporter\n\nimport \"fmt\"\n\nfunc label(v interface{}) string { return fmt.Sprint(v) }\n");
        return ws;
    }

    private static final String OBJECTIVE = "type names in a reported difference must show a channel's direction: "
            + "`<-chan T` for a receive-only channel, `chan<- T` for a send-only one";

    @Test
    void theFileATestAssertingTheObjectivesCodeIsNamedAfterProducesIt() throws Exception {
        assertThat(located(OBJECTIVE, facts(reporter(true)))).containsExactly("internal/kinds/label.go");
    }

    @Test
    void withoutSuchATestTheWordsDecideAsBefore() throws Exception {
        assertThat(located(OBJECTIVE, facts(reporter(false)))).doesNotContain("internal/kinds/label.go");
    }
}
