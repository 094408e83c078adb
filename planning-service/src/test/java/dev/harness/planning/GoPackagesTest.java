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
 * Go packages and modules in a plan: a name the objective qualifies with its package ({@code timed.New}) says which
 * package the change is in; a module nested in the workspace is tested by its own run; and a table of test cases of the
 * objective's form is the test of that case.
 */
class GoPackagesTest {
    @TempDir
    Path temp;

    /**
     * A cache library: the root package {@code cache} wraps the {@code list} package's LRU list; {@code timed} is a second
     * cache with entries that expire, declaring a {@code New} and the same eviction words; {@code ring/} is its own module.
     */
    private Path caches() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("caches"));
        write(ws, "go.mod", "module example.com/cache\n\ngo 1.19\n");
        write(ws, "cache.go", "package cache\n\nimport \"example.com/cache/list\"\n\n"
                + "// Cache is a thread-safe fixed size cache.\ntype Cache struct {\n\tl *list.List\n}\n\n"
                + "// Add adds a value to the cache; it reports whether an entry was evicted.\n"
                + "func (c *Cache) Add(key, value string) (evicted bool) {\n\treturn c.l.Add(key, value)\n}\n");
        write(ws, "cache_test.go", "package cache\n\nimport \"testing\"\n\n"
                + "func TestCacheAdd(t *testing.T) { _ = (&Cache{}).Add }\n\nfunc TestCacheEmpty(t *testing.T) { _ = Cache{} }\n");
        write(ws, "list/list.go", "package list\n\n// EvictCallback is called when an entry of the list is evicted.\n"
                + "type EvictCallback func(key, value string)\n\n// List is an LRU list.\ntype List struct {\n\tonEvict EvictCallback\n}\n\n"
                + "// New constructs a list with a callback for each evicted entry.\nfunc New(onEvict EvictCallback) *List {\n"
                + "\treturn &List{onEvict: onEvict}\n}\n\n// Add adds a value; it reports whether the oldest entry was evicted.\n"
                + "func (l *List) Add(key, value string) bool {\n\treturn false\n}\n\n// Get looks up a key's value.\n"
                + "func (l *List) Get(key string) (string, bool) {\n\treturn \"\", false\n}\n");
        write(ws, "list/list_test.go", "package list\n\nimport \"testing\"\n\n"
                + "func TestListAdd(t *testing.T) { _ = New(nil).Add(\"a\", \"b\") }\n\nfunc TestListGet(t *testing.T) { _, _ = New(nil).Get(\"a\") }\n");
        write(ws, "timed/timed.go", "package timed\n\nimport \"time\"\n\n"
                + "// EvictCallback is called when an entry expires or is evicted.\ntype EvictCallback func(key, value string)\n\n"
                + "// Cache is a cache whose entries expire after a TTL.\ntype Cache struct {\n\tttl time.Duration\n\tonEvict EvictCallback\n}\n\n"
                + "// New constructs a cache whose entries expire after ttl, with a callback for each evicted entry.\n"
                + "func New(ttl time.Duration, onEvict EvictCallback) *Cache {\n\treturn &Cache{ttl: ttl, onEvict: onEvict}\n}\n\n"
                + "// Get looks up a key's value; an entry whose TTL has passed is not returned.\n"
                + "func (c *Cache) Get(key string) (string, bool) {\n\treturn \"\", false\n}\n");
        write(ws, "timed/timed_test.go", "package timed\n\nimport \"testing\"\n\n"
                + "func TestGet(t *testing.T) { _, _ = New(0, nil).Get(\"a\") }\n\nfunc TestExpired(t *testing.T) { _, _ = New(1, nil).Get(\"a\") }\n");
        write(ws, "ring/go.mod", "module example.com/cache/ring\n\ngo 1.19\n");
        write(ws, "ring/ring.go", "package ring\n\n// Ring is a cache that keeps the most recent and the most frequent entries.\n"
                + "type Ring struct {\n\tentries map[string]string\n}\n\n"
                + "// Peek returns a key's value without updating its recency or frequency.\n"
                + "func (r *Ring) Peek(key string) (string, bool) {\n\tv, ok := r.entries[key]\n\treturn v, ok\n}\n");
        write(ws, "ring/ring_test.go", "package ring\n\nimport \"testing\"\n\n"
                + "func TestRing_Peek(t *testing.T) { _, _ = (&Ring{}).Peek(\"a\") }\n");
        return ws;
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        // objective                                                                                   | located (comma-separated)
        "`timed.New` must not return an entry from `Get` once its TTL has passed                       | timed/timed.go",
        // the root package (named cache, not after a directory) wraps list's; timed only shares its words
        "`Add` on a full `cache.Cache` must report `evicted == true` and call the evict callback          | cache.go,list/list.go",
    })
    void aNameQualifiedWithItsPackageIsInThatPackageOrWhatItImports(String objective, String expected) throws Exception {
        assertThat(located(objective, facts(caches()))).containsExactlyInAnyOrder(expected.split(","));
    }

    @Test
    void aQualifierNamingNoPackageOfTheWorkspaceChangesNothing() throws Exception {
        Path ws = caches();
        String objective = "`Get` must not return an entry once its TTL has passed (`time.Duration` of the cache)";
        assertThat(located(objective, facts(ws))).containsExactlyElementsOf(
                located(objective.replace("`time.Duration` of the cache", "the cache's duration"), facts(ws)));
    }

    @Test
    void aChangeInANestedModuleIsTestedByThatModulesOwnRun() throws Exception {
        Path ws = caches();
        String objective = "In the ring cache, `Peek` must return a value without updating its recency or frequency";
        assertThat(located(objective, facts(ws))).containsExactly("ring/ring.go");
        PlanDraft draft = new BuiltInPlanner().plan(objective, facts(ws), null);
        List<String> checks = draft.packets().stream().flatMap(p -> p.acceptanceTests().stream()).toList();
        // the root's go test ./... never reaches ring/, a module of its own
        assertThat(checks).containsExactly("cd 'ring' && go test -run '^(TestRing_Peek)$' .", "cd 'ring' && go test ./...");
    }

    @Test
    void theTestWhoseTableHoldsMostOfTheObjectivesValueFormsIsItsCheck() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("versions"));
        write(ws, "go.mod", "module example.com/versions\n\ngo 1.19\n");
        write(ws, "constraint.go", "package versions\n\n// Constraint is one version constraint.\ntype Constraint struct {\n"
                + "\tpre bool\n}\n\n// Check reports whether a version matches the constraint. A constraint without a pre-release\n"
                + "// can only match a version without a pre-release.\nfunc (c *Constraint) Check(v string, pre bool) bool {\n"
                + "\tif !c.pre && pre {\n\t\treturn false\n\t}\n\treturn true\n}\n\n// Parse reads a constraint.\n"
                + "func Parse(s string) *Constraint {\n\treturn &Constraint{}\n}\n");
        write(ws, "constraint_test.go", "package versions\n\nimport \"testing\"\n\n"
                + "func TestParse(t *testing.T) {\n\tfor _, s := range []string{\">= 1.0\", \"~> 2.1\"} {\n\t\t_ = Parse(s)\n\t}\n}\n\n"
                + "func TestCheck(t *testing.T) {\n\tcases := []struct {\n\t\tc, v string\n\t\tok   bool\n\t}{\n"
                + "\t\t{\">= 1.0, < 1.2\", \"1.1.5\", true},\n\t\t{\"~> 2.0\", \"2.1.0-beta\", false},\n\t}\n"
                + "\tfor _, tc := range cases {\n\t\t_ = Parse(tc.c).Check(tc.v, false)\n\t}\n}\n\n"
                + "func TestString(t *testing.T) { _ = Parse(\"1.0.0-rc1\") }\n\n"
                + "func TestEqual(t *testing.T) { _ = Parse(\"= 1.0\") }\n\nfunc TestSort(t *testing.T) { _ = Parse(\"< 2\") }\n");
        String objective = "a constraint without a pre-release (`>= 1.0`) must never match a pre-release version (`1.1.0-beta`)";
        PlanDraft draft = new BuiltInPlanner().plan(objective, facts(ws), null);
        // no test holds `1.1.0-beta` itself; TestCheck's cases have both forms (`>= 1.0, < 1.2`, `2.1.0-beta`), TestParse one
        assertThat(draft.packets().get(0).acceptanceTests()).first().asString().isEqualTo("go test -run '^(TestCheck)$' .");

        // the rewrite table beside the test named after `Parse`, not the other tests calling Parse
        write(ws, "constraint.go", Files.readString(ws.resolve("constraint.go"))
                + "\n// rewriteRange turns a hyphen range into two comparisons.\nfunc rewriteRange(s string) string { return s }\n");
        write(ws, "constraint_test.go", Files.readString(ws.resolve("constraint_test.go"))
                + "\nfunc TestRewriteRange(t *testing.T) {\n\tfor _, tc := range [][2]string{{\"2 - 3\", \">= 2, <= 3\"}} {\n"
                + "\t\t_ = rewriteRange(tc[0])\n\t}\n}\n");
        String range = "a hyphen range in `Parse` (`1.2 - 1.4.5`) must mean `>= 1.2, <= 1.4.5`";
        draft = new BuiltInPlanner().plan(range, facts(ws), null);
        assertThat(draft.packets().get(0).acceptanceTests()).first().asString()
                .isEqualTo("go test -run '^(TestParse|TestRewriteRange)$' .");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        // `v2` is too short to say anything by its form
        "a constraint (`>= 1.0`) must not match `1.1.0-beta` nor `v2`  | >= 0;0-beta",
        "`Add` must report `evicted == true`                            | ''",
        // a version's form is one 0 however many parts it has; a bare version has no form to tell tests apart
        "`1.2 - 1.4.5` and `2 - 3` are one range, `1.4.5` one version    | 0 - 0",
    })
    void valuesWithDigitsAreComparedByTheirForm(String objective, String forms) {
        List<String> expected = forms.isEmpty() ? List.of() : List.of(forms.split(";"));
        assertThat(PacketChecks.valueForms(objective)).containsExactlyElementsOf(expected);
    }

    @Test
    void aMethodWrappingTheSameNamedMethodOfAFieldFromAnotherPackageHasItsWorkThere() throws Exception {
        Path ws = caches();
        write(ws, "cache.go", "package cache\n\nimport (\n\t\"sync\"\n\n\t\"example.com/cache/list\"\n)\n\n"
                + "// Cache is a thread-safe fixed size cache.\ntype Cache struct {\n\tmu sync.Mutex\n\tl  *list.List\n}\n\n"
                + "// Resize changes the cache's size; it returns how many entries were evicted.\n"
                + "func (c *Cache) Resize(size int) (evicted int) {\n\tc.mu.Lock()\n\tevicted = c.l.Resize(size)\n"
                + "\tc.mu.Unlock()\n\treturn evicted\n}\n");
        write(ws, "cache_test.go", "package cache\n\nimport \"testing\"\n\n"
                + "func TestCacheResize(t *testing.T) { _ = (&Cache{}).Resize(1) }\n\nfunc TestCacheEmpty(t *testing.T) { _ = Cache{} }\n");
        write(ws, "list/resize.go", "package list\n\n// Resize evicts the oldest entries until the list fits size; it returns how many.\n"
                + "func (l *List) Resize(size int) int {\n\tdiff := 0\n\tfor i := 0; i < diff; i++ {\n\t\tl.Add(\"\", \"\")\n\t}\n"
                + "\treturn diff\n}\n");
        write(ws, "list/resize_test.go", "package list\n\nimport \"testing\"\n\nfunc TestList_Resize(t *testing.T) { _ = New(nil).Resize(1) }\n");
        // a second cache type whose name holds Cache, with a Resize of its own doing the work itself
        write(ws, "two.go", "package cache\n\n// TwoCache keeps recent and frequent entries.\ntype TwoCache struct{ size int }\n\n"
                + "// Resize changes the size; the oldest entries are evicted until it fits.\n"
                + "func (c *TwoCache) Resize(size int) (evicted int) {\n\tevicted = c.size - size\n\tc.size = size\n\treturn evicted\n}\n");
        write(ws, "two_test.go", "package cache\n\nimport \"testing\"\n\nfunc TestTwo_Resize(t *testing.T) { _ = (&TwoCache{}).Resize(1) }\n");
        String objective = "`Cache.Resize` to a smaller size must evict the oldest entries until the cache fits and return how many it evicted";
        assertThat(located(objective, facts(ws))).containsExactly("list/resize.go", "cache.go");
        PlanDraft draft = new BuiltInPlanner().plan(objective, facts(ws), null);
        assertThat(draft.packets().get(0).acceptanceTests()).first().asString()
                .isEqualTo("go test -run '^(TestList_Resize|TestCacheResize)$' ./list .");
    }

    @Test
    void aValueMostTestsHoldDoesNotMakeThemTheChecksOfTheCase() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("semver"));
        write(ws, "go.mod", "module example.com/semver\n\ngo 1.19\n");
        write(ws, "version.go", "package semver\n\n// Version is a semantic version.\ntype Version struct{ major, minor, patch uint64 }\n\n"
                + "// New parses a version.\nfunc New(s string) *Version { return &Version{} }\n\n"
                + "// IncPatch produces the next patch version.\nfunc (v Version) IncPatch() Version { v.patch++; return v }\n\n"
                + "// IncMinor produces the next minor version.\nfunc (v Version) IncMinor() Version { v.minor++; return v }\n\n"
                + "// String writes the version.\nfunc (v Version) String() string { return \"\" }\n");
        StringBuilder tests = new StringBuilder("package semver\n\nimport \"testing\"\n\n");
        for (String name : List.of("TestNew", "TestString", "TestCompare", "TestParts")) {
            tests.append("func ").append(name).append("(t *testing.T) { _ = New(\"1.2.3\").String() }\n\n");
        }
        tests.append("func TestInc(t *testing.T) {\n\tfor _, how := range []string{\"patch\", \"minor\"} {\n\t\tv := *New(\"1.0.0\")\n"
                + "\t\tif how == \"patch\" {\n\t\t\tv = v.IncPatch()\n\t\t} else {\n\t\t\tv = v.IncMinor()\n\t\t}\n\t}\n}\n\n");
        tests.append("func TestIncPatchOverflow(t *testing.T) { _ = New(\"0.0.1\").IncPatch() }\n");
        write(ws, "version_test.go", tests.toString());
        String objective = "`IncPatch` on a release must bump the patch (`1.2.3` gives `1.2.4`)";
        PlanDraft draft = new BuiltInPlanner().plan(objective, facts(ws), null);
        // four tests hold `1.2.3` only to make a version: the tests of IncPatch are those named after it and calling it
        assertThat(draft.packets().get(0).acceptanceTests()).first().asString()
                .isEqualTo("go test -run '^(TestInc|TestIncPatchOverflow)$' .");
    }

    @Test
    void besideTheFileDeclaringTheQualifiedNameAFileOfItsPackageDeclaringNothingNamedIsNotAPlace() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("sizes"));
        write(ws, "go.mod", "module example.com/sizes\n\ngo 1.19\n");
        write(ws, "bytes.go", "package sizes\n\nimport \"fmt\"\n\n// Bytes produces a human readable representation of an SI size.\n"
                + "//\n// Bytes(82854982) -> 83 MB\nfunc Bytes(s uint64) string {\n\treturn fmt.Sprintf(\"%d B\", s)\n}\n");
        write(ws, "bytes_test.go", "package sizes\n\nimport \"testing\"\n\nfunc TestBytes(t *testing.T) { _ = Bytes(1024) }\n");
        write(ws, "bigbytes.go", "package sizes\n\nimport (\n\t\"fmt\"\n\t\"math/big\"\n)\n\n"
                + "// BigBytes produces a human readable representation of an SI size, two significant digits.\n"
                + "//\n// BigBytes(82854982) -> 83 MB\nfunc BigBytes(s *big.Int) string {\n\treturn fmt.Sprintf(\"%v B\", s)\n}\n");
        write(ws, "bigbytes_test.go", "package sizes\n\nimport (\n\t\"math/big\"\n\t\"testing\"\n)\n\n"
                + "func TestBigBytes(t *testing.T) { _ = BigBytes(big.NewInt(1024)) }\n");
        String objective = "`sizes.Bytes` must show at least two significant digits: `Bytes(1024)` is `1.0 kB`, `Bytes(82854982)` is `83 MB`";
        assertThat(located(objective, facts(ws))).containsExactly("bytes.go");
    }
}
