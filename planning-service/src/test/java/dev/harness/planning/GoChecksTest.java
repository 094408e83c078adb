package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.write;
import static dev.harness.planning.ScannedWorkspace.facts;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A Go change's targeted check names the tests that reach what the objective names, not every test beside the changed
 * file (on a one-package module, nearly the package); a Makefile test target that only echoes and runs go test is not
 * run again after go test ./....
 */
class GoChecksTest {
    @TempDir
    Path temp;

    /** A one-package module: a counter with Add, Reset, ResetAll and a String method; a mean with its own String. */
    private Path counterModule() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("tally"));
        write(ws, "go.mod", "module example.com/tally\n\ngo 1.19\n");
        write(ws, "Makefile", ".PHONY: test\ntest:\n\t@echo \"==> Running tests\"\n\tGO111MODULE=on go test -v\n");
        write(ws, "counter.go", "package tally\n\ntype Counter struct{ n, limit int }\n\n"
                + "// Add adds d to the counter, stopping at its limit.\nfunc (c *Counter) Add(d int) { c.n += d }\n\n"
                + "// Reset sets the counter back to zero.\nfunc (c *Counter) Reset() { c.n = 0 }\n\n"
                + "// ResetAll resets every counter.\nfunc ResetAll(cs []*Counter) { for _, c := range cs { c.Reset() } }\n\n"
                + "func (c *Counter) String() string { return \"counter\" }\n");
        write(ws, "counter_test.go", "package tally\n\nimport \"testing\"\n\n"
                + "func TestTwoAdds(t *testing.T) { c := &Counter{}; c.Add(1); c.Add(1) }\n\n"
                + "func TestReset(t *testing.T) { c := &Counter{n: 3}; c.Reset(); if c.n != 0 { t.Fatal(\"reset\") } }\n\n"
                + "func TestZeroAfterWork(t *testing.T) { c := &Counter{}; c.Add(2); c.Reset() }\n\n"
                + "func TestResetTwice(t *testing.T) { c := &Counter{}; c.Reset(); c.Reset() }\n\n"
                + "func TestResetAll(t *testing.T) { ResetAll(nil) }\n\n"
                + "func TestCounterString(t *testing.T) { _ = (&Counter{}).String() }\n\n"
                // a table test handing each case to a helper: the helper's call to Reset is the test's
                + "func TestCases(t *testing.T) { for _, n := range []int{1, 2} { checkCase(t, n) } }\n\n"
                + "func checkCase(t *testing.T, n int) { c := &Counter{n: n}; c.Reset() }\n");
        write(ws, "mean.go", "package tally\n\ntype Mean struct{ sum, n int }\n\nfunc (m Mean) String() string { return \"mean\" }\n");
        write(ws, "mean_test.go", "package tally\n\nimport \"testing\"\n\nfunc TestMeanString(t *testing.T) { _ = Mean{}.String() }\n\n"
                + "func TestMeanEmpty(t *testing.T) { _ = Mean{} }\n\nfunc TestMeanOne(t *testing.T) { _ = Mean{sum: 1, n: 1} }\n");
        return ws;
    }

    private static List<String> checks(PlanDraft draft) {
        return draft.packets().stream().flatMap(p -> p.acceptanceTests().stream()).toList();
    }

    @Test
    void onlyTheTestsReachingTheFunctionTheObjectiveNamesAreRun() throws Exception {
        Path ws = counterModule();
        PlanDraft draft = new BuiltInPlanner().plan("`Reset` should keep the counter's limit", facts(ws), null);
        // TestReset and TestResetTwice are named after it (TestResetAll after ResetAll), TestZeroAfterWork calls it; TestTwoAdds
        // and TestCounterString do not reach it. The Makefile's test target only echoes and runs go test: go test ./... runs those
        assertThat(checks(draft)).containsExactly("go test -run '^(TestReset|TestZeroAfterWork|TestResetTwice|TestCases)$' .", "go test ./...");
    }

    @Test
    void withNoTestNamedAfterTheNamedFunctionTheTestsCallingItAreItsCheck() throws Exception {
        Path ws = counterModule();
        PlanDraft draft = new BuiltInPlanner().plan("`Add` should stop at the counter's limit", facts(ws), null);
        assertThat(checks(draft)).first().asString().isEqualTo("go test -run '^(TestTwoAdds|TestZeroAfterWork)$' .");
    }

    @Test
    void testsNamedOutThatAreNearlyThePackagesAreItsPlainRunWhichTheFinalCheckIsOnAOnePackageModule() throws Exception {
        Path ws = counterModule();
        // counter_test.go's 7 tests of the 8 once mean_test.go has one: -run would spell out the package's run, which
        // go test ./... is on a module of one package
        write(ws, "mean_test.go", "package tally\n\nimport \"testing\"\n\nfunc TestMeanString(t *testing.T) { _ = Mean{}.String() }\n");
        PlanDraft draft = new BuiltInPlanner().plan("the counter should stop at its limit", facts(ws), null);
        assertThat(checks(draft)).containsExactly("go test ./...");
        assertThat(draft.packets().get(0).extras().path("verification").asText()).isEqualTo("suite");
        // with a second package in the module, the changed one's plain run stays the targeted check
        write(ws, "stats/stats.go", "package stats\n\nfunc Sum(xs []int) int { return 0 }\n");
        write(ws, "stats/stats_test.go", "package stats\n\nimport \"testing\"\n\nfunc TestSum(t *testing.T) { Sum(nil) }\n");
        assertThat(checks(new BuiltInPlanner().plan("the counter should stop at its limit", facts(ws), null)))
                .containsExactly("go test .", "go test ./...");
    }

    @Test
    void goTestNamesThePackageOfTheChangeNotAFixturePackageOrAnotherPackagesTests() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("compare"));
        write(ws, "go.mod", "module example.com/compare\n\ngo 1.19\n");
        write(ws, "cmp/equal.go", "package cmp\n\n// Equal reports whether x and y are equal, calling their Equal method when they have one.\n"
                + "func Equal(x, y interface{}) bool { return x == y }\n");
        write(ws, "cmp/equal_test.go", "package cmp\n\nimport \"testing\"\n\nfunc TestEqual(t *testing.T) { Equal(1, 1) }\n\n"
                + "func TestOther(t *testing.T) {}\n\nfunc TestMore(t *testing.T) {}\n");
        // a package of test inputs with no tests of its own, and another package whose tests call Equal
        write(ws, "cmp/internal/teststructs/structs.go", "package teststructs\n\n// Equal method on a test type, compared by Equal.\n"
                + "type Stamp struct{}\n\nfunc (Stamp) Equal(o Stamp) bool { return true }\n");
        write(ws, "cmp/cmpopts/sort.go", "package cmpopts\n\nfunc SortSlices() {}\n");
        write(ws, "cmp/cmpopts/sort_test.go", "package cmpopts\n\nimport (\n\t\"testing\"\n\n\t\"example.com/compare/cmp\"\n)\n\n"
                + "func TestSortEqual(t *testing.T) { cmp.Equal(1, 1) }\n");
        PlanDraft draft = new BuiltInPlanner().plan("`Equal` must call a type's `Equal` method when it has one", facts(ws), null);
        assertThat(checks(draft)).first().asString().isEqualTo("go test -run '^(TestEqual)$' ./cmp");
    }

    @Test
    void aMethodNameThePackageDeclaresInSeveralFilesDoesNotPullInTheOtherFilesTests() throws Exception {
        Path ws = counterModule();
        // no function named: every test beside counter.go; mean_test.go's TestMeanString calls a String, but mean.go
        // declares its own, so the call says nothing about counter.go
        PlanDraft draft = new BuiltInPlanner().plan("the counter should stop at its limit", facts(ws), null);
        assertThat(checks(draft)).first().asString()
                .isEqualTo("go test -run '^(TestTwoAdds|TestReset|TestZeroAfterWork|TestResetTwice|TestResetAll|TestCounterString|TestCases)$' .");
    }

    /**
     * A ring buffer whose tests are named Type_Method_Case and build the ring with a generic constructor (NewRing[int](4)),
     * so no call of a named function says which tests reach the change: all six run, unless the names spell its case.
     */
    private Path ringModule() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("ring"));
        write(ws, "go.mod", "module example.com/ring\n\ngo 1.19\n");
        write(ws, "ring.go", "package ring\n\n// Ring is a fixed-size ring buffer of values.\ntype Ring[T any] struct{ vals []T; size int }\n\n"
                + "// NewRing makes a ring of the given size.\nfunc NewRing[T any](size int) *Ring[T] { return &Ring[T]{size: size} }\n\n"
                + "// Push adds v, dropping a value when the ring is full.\nfunc (r *Ring[T]) Push(v T) { r.vals = append(r.vals, v) }\n\n"
                + "// Pop takes the oldest value.\nfunc (r *Ring[T]) Pop() (v T) { return }\n\n"
                + "// Resize changes the size of the ring.\nfunc (r *Ring[T]) Resize(n int) { r.size = n }\n");
        StringBuilder tests = new StringBuilder("package ring\n\nimport \"testing\"\n\n");
        for (String name : List.of("Ring_Push_OverflowDrop", "Ring_Push_Twice", "Ring_Pop_Empty", "Ring_Pop_OldestFirst", "Ring_Resize", "Ring")) {
            tests.append("func Test").append(name).append("(t *testing.T) { r := NewRing[int](4); r.Push(1) }\n\n");
        }
        write(ws, "ring_test.go", tests.toString());
        // another file's tests in the package: the six are not nearly the package's run
        write(ws, "list.go", "package ring\n\n// List is a plain list.\ntype List struct{ n int }\n\nfunc (l *List) Len() int { return l.n }\n");
        write(ws, "list_test.go", "package ring\n\nimport \"testing\"\n\nfunc TestList_Len(t *testing.T) {}\n\n"
                + "func TestList_Append(t *testing.T) {}\n\nfunc TestList_Clear(t *testing.T) {}\n");
        return ws;
    }

    @Test
    void aFunctionEveryTestCallsIsCheckedByTheTestsNamedAfterIt() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("money"));
        write(ws, "go.mod", "module example.com/money\n\ngo 1.19\n");
        write(ws, "money.go", "package money\n\ntype Amount struct{ cents int }\n\n"
                + "// Parse reads an amount such as 12.50.\nfunc Parse(s string) (Amount, error) { return Amount{}, nil }\n\n"
                + "func (a Amount) Add(b Amount) Amount { return Amount{a.cents + b.cents} }\n");
        StringBuilder tests = new StringBuilder("package money\n\nimport \"testing\"\n\n"
                + "func TestParse(t *testing.T) { Parse(\"1.00\") }\n\nfunc TestParseErrors(t *testing.T) { Parse(\"1..0\") }\n\n");
        // every other test makes its amounts with Parse
        for (int i = 0; i < 14; i++) {
            tests.append("func TestAdd").append(i).append("(t *testing.T) { a, _ := Parse(\"1\"); a.Add(a) }\n\n");
        }
        write(ws, "money_test.go", tests.toString());
        write(ws, "rate.go", "package money\n\nfunc Rate() int { return 1 }\n");
        write(ws, "rate_test.go", "package money\n\nimport \"testing\"\n\nfunc TestRate(t *testing.T) { Rate() }\n");
        PlanDraft draft = new BuiltInPlanner().plan("Parse(\"1..0\") must fail with a clear error about the second dot", facts(ws), null);
        assertThat(checks(draft)).first().asString().isEqualTo("go test -run '^(TestParse|TestParseErrors)$' .");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        // overflow, drop and pushed (an action verb: a stop word of a request, not of a test name) spell one test
        "a value pushed to a full ring (`NewRing`) must drop the oldest value on overflow, not the newest|TestRing_Push_OverflowDrop",
        // pop, oldest and first: one test; Ring, in every name, tells none apart
        "a pop from a ring (`NewRing`) must give the oldest value first|TestRing_Pop_OldestFirst",
        // two words are enough when they are all the name says past its type (Pop_Empty: pop, empty)
        "a pop on an empty ring (`NewRing`) must give no value|TestRing_Pop_Empty",
        // two words of a name that says more (pop, oldest of Pop_OldestFirst) may be shared by chance: every test of the file
        "a pop must never lose the oldest value of a ring (`NewRing`)|TestRing_Push_OverflowDrop,TestRing_Push_Twice,TestRing_Pop_Empty,TestRing_Pop_OldestFirst,TestRing_Resize,TestRing",
    })
    void withoutACallToTellThemApartTheTestsWhoseNamesSpellTheObjectiveRun(String objective, String expected) throws Exception {
        Path ws = ringModule();
        PlanDraft draft = new BuiltInPlanner().plan(objective, facts(ws), null);
        assertThat(checks(draft)).first().asString().isEqualTo("go test -run '^(" + expected.replace(',', '|') + ")$' .");
    }
    /**
     * A module whose render package has no test file beside its typography code: the root package's tests render through
     * it (one holding a date, one fractions only), and the package's own tests are named after its functions.
     */
    private Path renderModule() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("md"));
        write(ws, "go.mod", "module example.com/md\n\ngo 1.19\n");
        write(ws, "md.go", "package md\n\nimport \"example.com/md/render\"\n\n// ToHTML renders text.\n"
                + "func ToHTML(s string, flags int) string { return render.Typography(s, flags) }\n");
        write(ws, "render/typo.go", "package render\n\n// Typography turns 1/2 into a fraction sign when asked.\n"
                + "func Typography(s string, flags int) string { return fraction(s) }\n\n"
                + "// fraction writes the fraction sign for 1/2.\nfunc fraction(s string) string { return s }\n");
        write(ws, "render/escape.go", "package render\n\nfunc Escape(s string) string { return s }\n");
        write(ws, "render/escape_test.go", "package render\n\nimport \"testing\"\n\n"
                + "func TestEscape(t *testing.T) { Escape(\"<\") }\n\nfunc Test_fraction_half(t *testing.T) { fraction(\"1/2\") }\n");
        write(ws, "md_test.go", "package md\n\nimport (\n\t\"testing\"\n\n\t\"example.com/md/render\"\n)\n\n"
                + "func TestFractions(t *testing.T) { ToHTML(\"1/2 and 1/2/2015\", render.Fractions) }\n\n"
                + "func TestPlain(t *testing.T) { ToHTML(\"1/2\", 0) }\n\nfunc TestEmpty(t *testing.T) { ToHTML(\"\", 0) }\n");
        return ws;
    }

    @Test
    void aChangedFileWithNoTestBesideItRunsTheTestsElsewhereThatHoldTheObjectivesValue() throws Exception {
        Path ws = renderModule();
        PlanDraft draft = new BuiltInPlanner().plan("With `Typography` on, a date like `1/2/2015` must stay as typed", facts(ws), null);
        // the root package's test holding the date reaches render/typo.go through its import: go test ./render misses it
        assertThat(checks(draft)).first().asString().isEqualTo("go test -run '^(TestFractions)$' .");
    }

    @Test
    void aChangedFileWithNoTestBesideItRunsItsPackagesTestsNamedAfterTheFunctionTheObjectiveNames() throws Exception {
        Path ws = renderModule();
        PlanDraft draft = new BuiltInPlanner().plan("The fraction sign of Typography must be written for 1/4 too: fraction misses it", facts(ws), null);
        assertThat(checks(draft)).first().asString().isEqualTo("go test -run '^(Test_fraction_half)$' ./render");
    }

    @Test
    void aChangedFileWithNoTestBesideItRunsItsPackagesTestsNamedAfterTheObjectivesWords() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("dotenv"));
        write(ws, "go.mod", "module example.com/dotenv\n\ngo 1.19\n");
        write(ws, "parser.go", "package dotenv\n\nimport \"strings\"\n\n// parseValue reads a value; '#' starts a comment.\n"
                + "func parseValue(line string) string {\n\tif i := strings.Index(line, \"#\"); i >= 0 {\n\t\treturn line[:i]\n\t}\n\treturn line\n}\n");
        write(ws, "dotenv.go", "package dotenv\n\n// Parse reads lines.\nfunc Parse(lines []string) []string {\n\tout := []string{}\n"
                + "\tfor _, l := range lines {\n\t\tout = append(out, parseValue(l))\n\t}\n\treturn out\n}\n");
        write(ws, "dotenv_test.go", "package dotenv\n\nimport \"testing\"\n\n"
                + "func TestParse(t *testing.T) { Parse([]string{\"a=b\"}) }\n\n"
                + "func TestComments(t *testing.T) { Parse([]string{\"a=b # note\"}) }\n\n"
                + "func TestExport(t *testing.T) { Parse([]string{\"export a=b\"}) }\n\n"
                + "func TestQuoted(t *testing.T) { Parse([]string{\"a='b'\"}) }\n");
        PlanDraft draft = new BuiltInPlanner().plan("A '#' inside an unquoted value should start a comment only after whitespace, in parser.go",
                facts(ws), null);
        assertThat(checks(draft)).first().asString().isEqualTo("go test -run '^(TestComments)$' .");
    }

    @Test
    void aChangedFileWithNoTestBesideItRunsTheTestsNamedAfterTheOptionTheObjectiveWrites() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("glob"));
        write(ws, "go.mod", "module example.com/glob\n\ngo 1.19\n");
        write(ws, "globoptions.go", "package glob\n\ntype glob struct{ noFollow, filesOnly bool }\n\n"
                + "// GlobOption configures Glob.\ntype GlobOption func(*glob)\n\n"
                + "// WithNoFollow makes Glob leave symbolic links alone.\nfunc WithNoFollow() GlobOption {\n"
                + "\treturn func(g *glob) {\n\t\tg.noFollow = true\n\t}\n}\n");
        write(ws, "glob.go", "package glob\n\n// Glob returns the names matching pattern.\nfunc Glob(pattern string, opts ...GlobOption) []string {\n"
                + "\tg := &glob{}\n\tfor _, o := range opts {\n\t\to(g)\n\t}\n\tif !g.noFollow {\n\t\treturn []string{pattern}\n\t}\n"
                + "\treturn nil\n}\n\n// GlobWalk calls fn for each name matching pattern.\nfunc GlobWalk(pattern string, fn func(string)) {\n"
                + "\tfor _, n := range Glob(pattern) {\n\t\tfn(n)\n\t}\n}\n");
        write(ws, "glob_options_test.go", "package glob\n\nimport \"testing\"\n\n"
                + "func TestGlob(t *testing.T) { Glob(\"*\") }\n\nfunc TestGlobWalk(t *testing.T) { GlobWalk(\"*\", func(string) {}) }\n\n"
                + "func TestGlobWithNoFollow(t *testing.T) { Glob(\"*/link/*\", WithNoFollow()) }\n\n"
                + "func TestGlobWalkWithNoFollow(t *testing.T) { GlobWalk(\"*/link/*\", func(string) {}) }\n\n"
                + "func TestGlobEmpty(t *testing.T) { Glob(\"\") }\n\nfunc TestGlobDirs(t *testing.T) { Glob(\"*/\") }\n\n"
                + "func TestGlobDeep(t *testing.T) { Glob(\"**\") }\n\nfunc TestGlobSlash(t *testing.T) { Glob(\"/\") }\n");
        PlanDraft draft = new BuiltInPlanner().plan("The WithNoFollow() option is ignored by Glob: Glob(\"*/link/*\", WithNoFollow()) still "
                + "returns the files behind the symbolic link.", facts(ws), null);
        assertThat(checks(draft)).first().asString().isEqualTo("go test -run '^(TestGlobWithNoFollow|TestGlobWalkWithNoFollow)$' .");
    }
}
