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
 * Where a change goes when the objective names code in words ("string list" for StringList), when a library's docs show
 * its own command-line API, when a name is declared twice with different parameters, and which tests then check it.
 */
class GoScopingTest {
    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        // objective                                        | compounds (comma-separated): stop words and short words never join
        "a string list flag must read its value as CSV     | stringlist,listflag",
        "the trailing slash, kept                           | trailingslash",
        "keep `--ss` working: string slice                  | stringslice",
        "it is in a list                                    | ''",
        "don't split words. Apart                           | splitwords",
    })
    void adjacentWordsAreJoinedAsOneName(String objective, String compounds) {
        List<String> expected = compounds.isEmpty() ? List.of() : List.of(compounds.split(","));
        assertThat(ChangeLocator.adjacentCompounds(objective)).containsExactlyElementsOf(expected);
    }

    /** A flag library: flag.go has the flag set and a package doc showing its use; each value type has its own file. */
    private Path flagLibrary() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("flags"));
        write(ws, "go.mod", "module example.com/flags\n\ngo 1.19\n");
        write(ws, "README.md", "# flags\n\nDefine flags using flag.String(), Bool(), Int(), etc.\n\n"
                + "    var list = flag.StringList(\"names\", nil, \"names, read as CSV\")\n\nThen `--names=a,b` gives two values.\n");
        write(ws, "flag.go", "/*\nPackage flags parses command-line flags.\n\nDefine flags using flag.String(), Bool(), Int(), etc.\n"
                + "\tvar ip = flag.Int(\"flagname\", 1234, \"help message for flagname\")\n*/\npackage flags\n\n"
                + "// Value is the interface to the dynamic value stored in a flag: a string list, a string, an int.\n"
                + "type Value interface {\n\tString() string\n\tSet(string) error\n}\n\n"
                + "// Flag is one flag: its name, its value as a string, and whether it was changed.\n"
                + "type Flag struct {\n\tName    string\n\tValue   Value\n\tChanged bool // used by cobra.Command to read flags\n}\n\n"
                + "// FlagSet is a set of flags; each flag's value is read from the command line and set once or repeated.\n"
                + "type FlagSet struct{ flags map[string]*Flag }\n\n"
                + "// Set sets the value of the named flag, reading the string given on the command line.\n"
                + "func (f *FlagSet) Set(name, value string) error {\n\tflag := f.flags[name]\n\tflag.Changed = true\n"
                + "\treturn flag.Value.Set(value)\n}\n");
        write(ws, "flag_test.go", "package flags\n\nimport \"testing\"\n\n"
                + "func TestSet(t *testing.T) { f := &FlagSet{flags: map[string]*Flag{}}; _ = f }\n\n"
                + "func TestParse(t *testing.T) { _ = &FlagSet{} }\n\nfunc TestChanged(t *testing.T) { _ = Flag{} }\n\n"
                + "func TestUsage(t *testing.T) { _ = Flag{Name: \"x\"} }\n\nfunc TestValue(t *testing.T) { var v Value; _ = v }\n");
        write(ws, "string_list.go", "package flags\n\nimport (\n\t\"encoding/csv\"\n\t\"strings\"\n)\n\n"
                + "type stringListValue struct {\n\tvalue   *[]string\n\tchanged bool\n}\n\n"
                + "func readAsCSV(val string) ([]string, error) {\n\treturn csv.NewReader(strings.NewReader(val)).Read()\n}\n\n"
                + "func (s *stringListValue) Set(val string) error {\n\tv, err := readAsCSV(val)\n\tif err != nil {\n\t\treturn err\n\t}\n"
                + "\tif !s.changed {\n\t\t*s.value = v\n\t} else {\n\t\t*s.value = append(*s.value, v...)\n\t}\n"
                + "\ts.changed = true\n\treturn nil\n}\n\n"
                + "// StringList defines a flag holding a list of strings.\n"
                + "func (f *FlagSet) StringList(name string, value []string, usage string) *[]string { return &value }\n");
        write(ws, "string_list_test.go", "package flags\n\nimport \"testing\"\n\n"
                + "func TestSL(t *testing.T) { s := &stringListValue{value: &[]string{}}; _ = s.Set(\"a,b\") }\n\n"
                + "func TestSLTwice(t *testing.T) { s := &stringListValue{value: &[]string{}}; _ = s.Set(\"a\"); _ = s.Set(\"b\") }\n");
        write(ws, "int.go", "package flags\n\n// intValue is an int flag's value, read from its string.\ntype intValue int\n\n"
                + "func (i *intValue) Set(s string) error { return nil }\n\n// Int defines an int flag.\n"
                + "func (f *FlagSet) Int(name string, value int, usage string) *int { return &value }\n");
        return ws;
    }

    @Test
    void wordsNamingATypeTogetherFindTheFileDefiningItAndADocsUsageExampleIsNoCommandLine() throws Exception {
        Path ws = flagLibrary();
        // "string list" is StringList; `--names=…` is how the library is used, which its README and package doc show:
        // neither is the project's own command line, and flag.go only has the words every flag file has
        String objective = "a string list flag must read its value as CSV, so `--names='\"a,b\",c'` gives two values, and "
                + "repeating the flag appends";
        assertThat(located(objective, facts(ws))).containsExactly("string_list.go");
        PlanDraft draft = new BuiltInPlanner().plan(objective, facts(ws), null);
        assertThat(draft.packets().get(0).acceptanceTests()).first().asString().isEqualTo("go test -run '^(TestSL|TestSLTwice)$' .");
    }

    /** A router cleaning request paths (SkipClean(value) switches that off) and a route with a getter of the same name. */
    private Path router() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("router"));
        write(ws, "go.mod", "module example.com/router\n\ngo 1.19\n");
        write(ws, "mux.go", "package router\n\nimport (\n\t\"net/http\"\n\t\"path\"\n)\n\n"
                + "// Router matches a request's path against its routes.\ntype Router struct {\n\tskipClean bool\n\troutes []*Route\n}\n\n"
                + "func (r *Router) ServeHTTP(w http.ResponseWriter, req *http.Request) {\n\tif !r.skipClean {\n"
                + "\t\t// Clean the path to its canonical form and redirect.\n"
                + "\t\tif p := cleanPath(req.URL.Path); p != req.URL.Path {\n\t\t\tw.Header().Set(\"Location\", p)\n"
                + "\t\t\tw.WriteHeader(http.StatusMovedPermanently)\n\t\t\treturn\n\t\t}\n\t}\n}\n\n"
                + "// SkipClean defines the path cleaning of new routes: when true, a request's path is not cleaned.\n"
                + "func (r *Router) SkipClean(value bool) *Router {\n\tr.skipClean = value\n\treturn r\n}\n\n"
                + "// cleanPath returns the canonical path, keeping a trailing slash.\nfunc cleanPath(p string) string {\n"
                + "\tnp := path.Clean(p)\n\tif p[len(p)-1] == '/' && np != \"/\" {\n\t\tnp += \"/\"\n\t}\n\treturn np\n}\n");
        write(ws, "route.go", "package router\n\n// Route matches a request's path, cleaned unless the router skips that.\n"
                + "type Route struct {\n\tskipClean bool\n\tpath      string\n}\n\n"
                + "// SkipClean reports whether path cleaning is enabled for this route via Router.SkipClean: a request's\n"
                + "// path with a trailing slash is then matched as it is.\nfunc (r *Route) SkipClean() bool {\n\treturn r.skipClean\n}\n\n"
                + "// Path sets the route's path; the request path must match it.\n"
                + "func (r *Route) Path(tpl string) *Route {\n\tr.path = tpl\n\treturn r\n}\n");
        write(ws, "mux_test.go", "package router\n\nimport (\n\t\"net/http\"\n\t\"net/http/httptest\"\n\t\"testing\"\n)\n\n"
                + "func TestRedirect(t *testing.T) {\n\tr := &Router{}\n\treq := httptest.NewRequest(\"GET\", \"http://localhost//api/\", nil)\n"
                + "\tw := httptest.NewRecorder()\n\tr.ServeHTTP(w, req)\n\tif w.Header().Get(\"Location\") != \"/api/\" {\n"
                + "\t\tt.Fatal(\"no redirect\")\n\t}\n}\n\n"
                + "func TestSkipClean(t *testing.T) {\n\tr := (&Router{}).SkipClean(true)\n"
                + "\treq := httptest.NewRequest(\"GET\", \"http://localhost//api/\", nil)\n\tw := httptest.NewRecorder()\n"
                + "\tr.ServeHTTP(w, req)\n\tif w.Code == http.StatusMovedPermanently {\n\t\tt.Fatal(\"redirected\")\n\t}\n}\n\n"
                + "func TestRoutes(t *testing.T) { _ = &Router{routes: []*Route{{}}} }\n\n"
                + "func TestRoutePath(t *testing.T) { _ = (&Route{}).Path(\"/x\") }\n\n"
                + "func TestEmpty(t *testing.T) { _ = Router{} }\n\nfunc TestNoRoutes(t *testing.T) { _ = len((&Router{}).routes) }\n");
        return ws;
    }

    @Test
    void aNameCalledWithArgumentsIsTheDeclarationTakingThemAndTestsHoldingTheObjectivesValuesCheckIt() throws Exception {
        Path ws = router();
        String objective = "a request for an unclean path (`//api/`, `/a/../b`) must be redirected with 301 to its cleaned form, "
                + "keeping a trailing slash (`//api/` → `/api/`), unless `SkipClean(true)` is set";
        // route.go declares a SkipClean too, a getter taking nothing: the call with an argument is the router's
        assertThat(located(objective, facts(ws))).containsExactly("mux.go");
        // TestSkipClean is named after it; TestRedirect requests `//api/` and asserts the redirect the objective is about
        PlanDraft draft = new BuiltInPlanner().plan(objective, facts(ws), null);
        assertThat(draft.packets().get(0).acceptanceTests()).first().asString()
                .isEqualTo("go test -run '^(TestRedirect|TestSkipClean)$' .");
    }

    /** A version parser with functional options and a decoder with an option field; most tests call NewVersion. */
    private Path versions() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("versions"));
        write(ws, "go.mod", "module example.com/versions\n\ngo 1.19\n");
        write(ws, "version.go", "package versions\n\nimport (\n\t\"fmt\"\n\t\"strings\"\n)\n\n"
                + "type Version struct{ raw, prefix string }\n\ntype Option func(*Version)\n\n"
                + "// WithPrefix makes NewVersion require and strip a prefix.\n"
                + "func WithPrefix(prefix string) Option { return func(v *Version) { v.prefix = prefix } }\n\n"
                + "// NewVersion parses a version string.\nfunc NewVersion(s string, opts ...Option) (*Version, error) {\n"
                + "\tv := &Version{}\n\tfor _, o := range opts {\n\t\to(v)\n\t}\n"
                + "\tif !strings.HasPrefix(s, v.prefix) {\n\t\treturn nil, fmt.Errorf(\"version %q does not have prefix %q\", s, v.prefix)\n\t}\n"
                + "\tv.raw = strings.TrimPrefix(s, v.prefix)\n\treturn v, nil\n}\n\n"
                + "// Compare compares two versions.\nfunc (v *Version) Compare(o *Version) int { return strings.Compare(v.raw, o.raw) }\n");
        write(ws, "version_test.go", "package versions\n\nimport \"testing\"\n\n"
                + "func TestNewVersion(t *testing.T) { _, _ = NewVersion(\"1.2.3\") }\n\n"
                + "func TestNewVersionWithPrefix(t *testing.T) {\n\tif _, err := NewVersion(\"1.2.3\", WithPrefix(\"v\")); err == nil {\n"
                + "\t\tt.Fatal(\"no error\")\n\t}\n}\n\n"
                + "func TestCompareWithPrefix(t *testing.T) { a, _ := NewVersion(\"v1\", WithPrefix(\"v\")); _ = a }\n\n"
                + "func TestCore(t *testing.T) { a, _ := NewVersion(\"1.0\"); b, _ := NewVersion(\"2.0\"); _ = a.Compare(b) }\n\n"
                + "func TestCompare(t *testing.T) { a, _ := NewVersion(\"1.0\"); _ = a.Compare(a) }\n\n"
                + "func TestRaw(t *testing.T) { v, _ := NewVersion(\"1.0\"); _ = v.raw }\n");
        write(ws, "decode.go", "package versions\n\n// DecoderConfig configures a decoder.\ntype DecoderConfig struct {\n"
                + "\t// ErrorUnused makes decoding fail when a key of the input is not used.\n\tErrorUnused bool\n}\n\n"
                + "// Decode decodes the keys of a map into fields.\nfunc Decode(c DecoderConfig, m map[string]string) error {\n"
                + "\tif c.ErrorUnused && len(m) > 0 {\n\t\treturn errUnused(m)\n\t}\n\treturn nil\n}\n");
        write(ws, "decode_test.go", "package versions\n\nimport \"testing\"\n\n"
                + "func TestDecode(t *testing.T) { _ = Decode(DecoderConfig{}, nil) }\n\n"
                + "func TestDecode_ErrorUnused(t *testing.T) {\n\tif Decode(DecoderConfig{ErrorUnused: true}, map[string]string{\"a\": \"b\"}) == nil {\n"
                + "\t\tt.Fatal(\"no error\")\n\t}\n}\n\n"
                + "func TestDecodeEmpty(t *testing.T) { _ = Decode(DecoderConfig{}, map[string]string{}) }\n\n"
                + "func TestDecodeNil(t *testing.T) { _ = Decode(DecoderConfig{}, nil) }\n\n"
                + "func TestDecodeTwice(t *testing.T) { _ = Decode(DecoderConfig{}, nil); _ = Decode(DecoderConfig{}, nil) }\n");
        write(ws, "errors.go", "package versions\n\nimport \"fmt\"\n\n"
                + "func errUnused(m map[string]string) error { return fmt.Errorf(\"invalid keys: %d\", len(m)) }\n");
        return ws;
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        // objective                                                                                    | -run names
        "`NewVersion` with the `WithPrefix(\"v\")` option must reject a version without the prefix          | TestNewVersionWithPrefix",
        "with `ErrorUnused` set, decoding a map must fail naming every key no field took                | TestDecode_ErrorUnused",
    })
    void theTestsNamedAfterWhatTheObjectiveNamesTogetherAreItsCheck(String objective, String run) throws Exception {
        Path ws = versions();
        PlanDraft draft = new BuiltInPlanner().plan(objective, facts(ws), null);
        // not every test calling NewVersion; an option's field names its tests like a function does
        assertThat(draft.packets().get(0).acceptanceTests()).first().asString().isEqualTo("go test -run '^(" + run + ")$' .");
    }
}
