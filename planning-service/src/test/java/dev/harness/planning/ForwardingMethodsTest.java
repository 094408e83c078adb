package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A statistics package (round 16's stats): each function in its own file, and a data type whose methods only hand
 * themselves to those functions. The function's file is the change; a name the objective mentions as left as it is
 * ("PercentileNearestRank keeps its own method") neither moves the place nor picks the tests.
 */
class ForwardingMethodsTest {
    @TempDir
    Path temp;

    private Path statistics() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("stats"));
        write(ws, "go.mod", "module example.com/stats\n\ngo 1.19\n");
        write(ws, "data.go", "package stats\n\n// Float64Data is a named type for []float64 with helper methods\ntype Float64Data []float64\n\n"
                + "// Percentile finds the relative standing in a slice of floats\n"
                + "func (f Float64Data) Percentile(p float64) (float64, error) {\n\treturn Percentile(f, p)\n}\n\n"
                + "// PercentileNearestRank finds the relative standing using the Nearest Rank method\n"
                + "func (f Float64Data) PercentileNearestRank(p float64) (float64, error) {\n\treturn PercentileNearestRank(f, p)\n}\n\n"
                + "// Median returns the median of the data\nfunc (f Float64Data) Median() (float64, error) {\n\treturn Median(f)\n}\n");
        write(ws, "percentile.go", "package stats\n\nimport \"math\"\n\n"
                + "// Percentile finds the relative standing in a slice of floats, interpolating between the closest ranks\n"
                + "func Percentile(input Float64Data, percent float64) (float64, error) {\n"
                + "\trank := percent / 100 * float64(len(input)-1)\n\tlow := math.Floor(rank)\n"
                + "\treturn input[int(low)] + (rank-low)*(input[int(low)+1]-input[int(low)]), nil\n}\n\n"
                + "// PercentileNearestRank finds the relative standing using the Nearest Rank method\n"
                + "func PercentileNearestRank(input Float64Data, percent float64) (float64, error) {\n"
                + "\tnearest := int(math.Ceil(percent / 100 * float64(len(input))))\n\treturn input[nearest-1], nil\n}\n");
        write(ws, "median.go", "package stats\n\n// Median gets the median number in a slice of numbers\n"
                + "func Median(input Float64Data) (float64, error) {\n\treturn input[len(input)/2], nil\n}\n");
        write(ws, "percentile_test.go", "package stats\n\nimport \"testing\"\n\n"
                + "func TestPercentile(t *testing.T) { m, _ := Percentile([]float64{43, 54, 56, 61, 62, 66}, 90); if m != 64 { t.Fatal(m) } }\n\n"
                + "func TestPercentileSortSideEffects(t *testing.T) { _, _ = Percentile([]float64{3, 1, 2}, 50) }\n\n"
                + "func TestPercentileNearestRank(t *testing.T) { _, _ = PercentileNearestRank([]float64{35, 20, 15, 40, 50}, 30) }\n");
        write(ws, "data_test.go", "package stats\n\nimport \"testing\"\n\n"
                + "func TestMethods(t *testing.T) { _, _ = Float64Data{1, 2, 3}.Percentile(50); _, _ = Float64Data{1, 2, 3}.Median() }\n");
        write(ws, "median_test.go", "package stats\n\nimport \"testing\"\n\nfunc TestMedian(t *testing.T) { _, _ = Median([]float64{1, 2, 3}) }\n");
        return ws;
    }

    @Test
    void theFunctionsFileIsTheChangeAndItsOwnTestsCheckItNotTheNameLeftAsItIs() throws Exception {
        PlanDraft draft = new BuiltInPlanner().plan("stats.Percentile no longer interpolates: Percentile([]float64{43, 54, 56, 61, 62, "
                + "66}, 90) returns 62 instead of 64. It should use linear interpolation between the closest ranks (rank = "
                + "p/100*(n-1)), as NIST, Excel and NumPy do; PercentileNearestRank keeps its own method.", facts(statistics()), null);
        assertThat(draft.packets()).hasSize(1);
        TaskPacket only = draft.packets().get(0);
        assertThat(only.objective()).startsWith("Make the change in percentile.go that").doesNotContain("data.go");
        assertThat(only.acceptanceTests().get(0)).startsWith("go test -run").contains("TestPercentile|", "TestPercentileSortSideEffects")
                .doesNotContain("TestPercentileNearestRank");
    }

    @Test
    void aContrastClauseIsToldApartFromTheChangeItself() {
        assertThat(ChangeLocator.contrastWords("Percentile must interpolate; PercentileNearestRank keeps its own method."))
                .contains("name:percentilenearestrank").doesNotContain("name:percentile");
        // "must keep", "must stay" and "returns it unchanged" say what the change or the bug is
        assertThat(ChangeLocator.contrastWords("`setPreserveEscapes(true)` must keep the escape character")).isEmpty();
        assertThat(ChangeLocator.contrastWords("a date like 1/2/2015 must stay as typed instead of a fraction")).isEmpty();
        assertThat(ChangeLocator.contrastWords("`escapeHtml` returns the input unchanged")).isEmpty();
        assertThat(ChangeLocator.contrastWords("Interval.overlaps must be false for abutting intervals, while `abuts` must still be "
                + "true for them")).contains("name:abuts").doesNotContain("name:overlaps");
    }
}
