package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.located;
import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Two kinds of file that share the objective's words without being where it changes: a module importing the function
 * the objective names from the module defining it (it only calls it), and a package of test inputs beside the code
 * (internal/teststructs, testutil): neither is a change file next to the code itself.
 */
class CallersAndTestSupportScopingTest {
    @TempDir
    Path temp;

    @Test
    void aModuleImportingTheNamedFunctionFromItsDefinerOnlyCallsIt() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("iters"));
        write(ws, "pyproject.toml", "[project]\nname = \"iters\"\n");
        write(ws, "iters/__init__.py", "from .basics import *\nfrom .extra import *\n");
        write(ws, "iters/basics.py", "def seen_once(iterable, key=None):\n"
                + "    \"\"\"Yield unique elements, preserving order. Remember all elements ever seen.\"\"\"\n"
                + "    seen = set()\n    for element in iterable:\n        k = element if key is None else key(element)\n"
                + "        if k not in seen:\n            seen.add(k)\n            yield element\n");
        // a big module using the function and full of the objective's words: key, elements, later, already seen
        StringBuilder extra = new StringBuilder("from operator import itemgetter\n\nfrom .basics import (\n    seen_once,\n)\n\n");
        for (int i = 0; i < 12; i++) {
            extra.append("def pick_").append(i).append("(iterable, key=None):\n")
                    .append("    \"\"\"Drop later elements whose key was already seen by an earlier element.\"\"\"\n")
                    .append("    pool = list(seen_once(enumerate(iterable), key=itemgetter(1)))\n")
                    .append("    later = [element for element in pool if key is None or key(element)]\n")
                    .append("    return later\n\n");
        }
        write(ws, "iters/extra.py", extra.toString());
        write(ws, "tests/test_basics.py", "from iters import seen_once\n\n\ndef test_seen_once():\n"
                + "    assert list(seen_once('aab')) == ['a', 'b']\n");
        assertThat(located("`seen_once` with a `key` function must drop later elements whose key was already seen "
                + "(`key=str.lower` on `'aAbB'` gives `a, b`)", facts(ws))).containsExactly("iters/basics.py");
    }

    @Test
    void aPackageOfTestInputsBesideTheCodeIsNoChangeFile() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("same"));
        write(ws, "go.mod", "module example.com/same\n\ngo 1.19\n");
        write(ws, "same/check.go", "package same\n\nimport \"reflect\"\n\n"
                + "// Check reports whether x and y are equal. Types with an Equal method may use that method:\n"
                + "// two values are compared by calling it when the type has one.\n"
                + "func Check(x, y interface{}) bool {\n\tvx := reflect.ValueOf(x)\n"
                + "\tif m := vx.MethodByName(\"Equal\"); m.IsValid() {\n"
                + "\t\treturn m.Call([]reflect.Value{reflect.ValueOf(y)})[0].Bool()\n\t}\n"
                + "\treturn reflect.DeepEqual(x, y)\n}\n");
        write(ws, "same/check_test.go", "package same\n\nimport \"testing\"\n\nfunc TestCheck(t *testing.T) {\n"
                + "\tif !Check(1, 1) {\n\t\tt.Fatal(\"equal\")\n\t}\n}\n");
        write(ws, "same/internal/teststructs/structs.go", "package teststructs\n\nimport \"time\"\n\n"
                + "// Event has a time in some location; two events at the same instant in different locations are equal.\n"
                + "type Event struct{ At time.Time }\n\n"
                + "// Equal compares the events' times by calling time.Time's Equal method.\n"
                + "func (e Event) Equal(o Event) bool { return e.At.Equal(o.At) }\n\n"
                + "// Place has a location.\ntype Place struct{ Loc *time.Location }\n\n"
                + "// Equal reports whether the places have the same location.\n"
                + "func (p Place) Equal(o Place) bool { return p.Loc.String() == o.Loc.String() }\n");
        assertThat(located("`same.Check` must compare values of a type that has an `Equal` method by calling that method "
                + "(two `time.Time` values for the same instant in different locations are equal)", facts(ws)))
                .containsExactly("same/check.go");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "cmp/internal/teststructs/structs.go | 0.4",
        "internal/testutil/helpers.go        | 0.4",
        "pkg/testdata/input.go               | 0.4",
        "src/testing-tools/index.js          | 0.4",
        "src/tests.py                        | 1.0",
        "lib/testing/matchers.py             | 1.0",
        "src/contest/entry.py                | 1.0",
        "internal/diff/diff.go               | 1.0",
    })
    void testSupportDirectoriesAreSecondaryPlaces(String path, double weight) {
        assertThat(ChangeLocator.placeWeight(path)).isEqualTo(weight);
    }
}
