package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Test files that run the cases of one shared class (a mixin in tests/__init__.py) on a class each: the one named after
 * the objective's word (test_store.py for "the store's limit") is the check, not its siblings running the same cases on
 * the subclasses; a sibling the objective names (test_lru.py for "an LRU store") stays.
 */
class SharedTestCasesTest {
    @TempDir
    Path temp;

    private Path stores() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("stores"));
        write(ws, "pyproject.toml", "[project]\nname = \"stores\"\n");
        write(ws, "src/stores/__init__.py", "class Store:\n    \"\"\"Keeps values up to a total size.\"\"\"\n"
                + "    def __init__(self, limit, sizeof=None):\n        self.limit = limit\n        self.sizeof = sizeof or (lambda v: 1)\n"
                + "        self.items = {}\n\n    def __setitem__(self, key, value):\n        size = self.sizeof(value)\n"
                + "        if size > self.limit:\n            raise ValueError('value too large')\n        self.items[key] = value\n\n\n"
                + "class FifoStore(Store):\n    \"\"\"Drops the oldest value first.\"\"\"\n\n\n"
                + "class LruStore(Store):\n    \"\"\"Drops the least recently used value first.\"\"\"\n");
        write(ws, "tests/__init__.py", "class StoreTestMixin:\n    def test_too_large(self):\n"
                + "        store = self.Store(limit=2, sizeof=len)\n        store['a'] = 'xy'\n"
                + "        with self.assertRaises(ValueError):\n            store['b'] = 'xyz'\n"
                + "        self.assertEqual(store.items, {'a': 'xy'})\n");
        write(ws, "tests/test_store.py", "import unittest\n\nimport stores\n\nfrom . import StoreTestMixin\n\n\n"
                + "class StoreTest(unittest.TestCase, StoreTestMixin):\n    Store = stores.Store\n");
        for (String kind : List.of("Fifo", "Lru")) {
            write(ws, "tests/test_" + kind.toLowerCase() + ".py", "import unittest\n\nfrom stores import " + kind + "Store\n\n"
                    + "from . import StoreTestMixin\n\n\nclass " + kind + "StoreTest(unittest.TestCase, StoreTestMixin):\n"
                    + "    Store = " + kind + "Store\n\n    def test_order(self):\n        store = " + kind + "Store(limit=2)\n"
                    + "        store['a'] = 1\n        store['b'] = 2\n        self.assertEqual(len(store.items), 2)\n");
        }
        return ws;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // the store's own suite runs the shared cases on Store: its siblings run them on the subclasses
        "storing a value whose size is larger than the store's `limit` must raise `ValueError`|'tests/test_store.py'",
        // the objective names the LRU store: its suite stays beside the base class's
        "an LRU store must drop the least recently used value|'tests/test_lru.py'",
    })
    void oneSuiteRunsTheSharedCases(String objective, String first) throws Exception {
        PlanDraft draft = new BuiltInPlanner().plan(objective, facts(stores()), null);
        String check = draft.packets().get(0).acceptanceTests().get(0);
        assertThat(check).contains(first);
        if (first.contains("store.py")) {
            assertThat(check).doesNotContain("test_fifo.py").doesNotContain("test_lru.py");
        }
    }
}
