package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * pytest's {@code python_files} naming an aggregator (tests/__main__.py importing the test modules it runs): a test
 * module the aggregator does not import is no test of the project's (a file only a type checker reads, which fails at
 * collection), so a narrowed check does not hand it to pytest.
 */
class PytestAggregatorTest {
    @TempDir
    Path temp;

    private Path grammars(String pythonFiles) throws Exception {
        Path ws = Files.createDirectories(temp.resolve("grammars"));
        write(ws, "pyproject.toml", "[project]\nname = \"grammars\"\n\n[tool.pytest.ini_options]\n" + pythonFiles + "\n");
        write(ws, "grammars/__init__.py", "from .visitors import Walker\n");
        write(ws, "grammars/visitors.py", "class Walker:\n    \"\"\"Walks a tree bottom-up without recursion.\"\"\"\n"
                + "    def walk(self, tree):\n        result = self.visit(tree)\n        return result\n");
        write(ws, "tests/__init__.py", "");
        write(ws, "tests/__main__.py", "import unittest\n\nfrom .test_walker import TestWalker\n"
                + "# from .test_old import TestOld\nfrom .test_rules import *\n\nif __name__ == '__main__':\n    unittest.main()\n");
        write(ws, "tests/test_walker.py", "import unittest\n\nfrom grammars import Walker\n\n\nclass TestWalker(unittest.TestCase):\n"
                + "    def test_walk(self):\n        self.assertIsNone(Walker().walk(None))\n");
        write(ws, "tests/test_rules.py", "import unittest\n\nfrom grammars import Walker\n\n\nclass TestRules(unittest.TestCase):\n"
                + "    def test_rules(self):\n        Walker\n");
        // read by a type checker only: it builds a Walker at import, which fails outside the checker's run
        write(ws, "tests/test_typing.py", "from grammars import Walker\n\nWALKER: Walker = Walker.load('grammar.txt')\n");
        write(ws, "tests/test_old.py", "import unittest\n\nfrom grammars import Walker\n\n\nclass TestOld(unittest.TestCase):\n"
                + "    def test_old(self):\n        Walker\n");
        return ws;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // the aggregator imports test_walker and test_rules; test_typing is never run, test_old's import is commented out
        "python_files = \"__main__.py\"|tests/test_walker.py tests/test_rules.py tests/test_typing.py tests/test_old.py|tests/test_walker.py tests/test_rules.py",
        "python_files = [\"__main__.py\"]|tests/test_typing.py tests/test_walker.py|tests/test_walker.py",
        // a pattern selects by name, as the default does: the list stays
        "python_files = \"test_*.py\"|tests/test_walker.py tests/test_typing.py|tests/test_walker.py tests/test_typing.py",
        // no python_files: the default collection
        "addopts = \"-q\"|tests/test_walker.py tests/test_typing.py|tests/test_walker.py tests/test_typing.py",
        // nothing the aggregator imports among the tests: the list stays rather than none
        "python_files = \"__main__.py\"|tests/test_typing.py|tests/test_typing.py",
    })
    void onlyTheModulesTheAggregatorImports(String config, String given, String expected) throws Exception {
        Path ws = grammars(config);
        String section = TestRunner.pytestSection(ws, "");
        List<String> kept = TestRunner.collectedByAggregators(ws, "", section, Arrays.asList(given.split(" ")));
        assertThat(kept).containsExactly(expected.split(" "));
    }

    @Test
    void theNarrowedCheckLeavesOutWhatTheProjectNeverRuns() throws Exception {
        Path ws = grammars("python_files = \"__main__.py\"");
        PlanDraft draft = new BuiltInPlanner().plan("`Walker.walk` must return `None` for an empty tree", facts(ws), null);
        List<String> checks = draft.packets().get(0).acceptanceTests();
        assertThat(checks.get(0)).contains("tests/test_walker.py").doesNotContain("test_typing.py");
    }
}
