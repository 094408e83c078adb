package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pytest checks the way a senior runs them: inside a test file that is most of the suite, only the tests named after what
 * the objective names ({@code -k}); a data-driven test module whose data file holds the objective's name is a covering
 * test; and the full run gets the paths the project's own tox, CI or make command gives pytest, not the whole root.
 */
class PytestSelectionTest {
    @TempDir
    Path temp;

    /** A flat library: one module defining two helpers, a pyproject (pytest), and one test module of {@code tests} tests. */
    private Path library(int tests, String namedTest) throws Exception {
        Path ws = Files.createDirectories(temp.resolve("lib"));
        write(ws, "pyproject.toml", "[project]\nname = \"wordlib\"\n");
        write(ws, "wordlib/__init__.py", "from .helpers import *\n");
        write(ws, "wordlib/helpers.py", "def any_word(words):\n    \"\"\"A matcher of any of the words.\"\"\"\n    return sorted(words)\n\n\n"
                + "def trimmed(text):\n    return text.strip()\n");
        StringBuilder unit = new StringBuilder("import unittest\n\nfrom wordlib import helpers as wordlib\n\n\nclass Test02_Plain(unittest.TestCase):\n");
        unit.append("    def ").append(namedTest).append("(self):\n        self.assertEqual(wordlib.any_word(['b', 'a']), ['a', 'b'])\n\n");
        for (int i = 0; i < tests; i++) {
            unit.append("    def testTrimmed").append(i).append("(self):\n        self.assertEqual(wordlib.trimmed(' x '), 'x')\n\n");
        }
        write(ws, "tests/test_unit.py", unit.toString());
        return ws;
    }

    private static List<String> checks(PlanDraft draft) {
        return draft.packets().stream().flatMap(p -> p.acceptanceTests().stream()).toList();
    }

    private static final String OBJECTIVE = "`any_word` must try a longer word before a shorter one it starts with";

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', quoteCharacter = '~', nullValues = "NONE", value = {
            // configured addopts                                                  | what the checks give with -o addopts=
            "addopts=--verbose --cov-append --cov-report term --cov tinydb          | --verbose",
            "addopts = --doctest-modules --cov=pkg --cov-fail-under=95 -p no:cacheprovider | --doctest-modules -p no:cacheprovider",
            "addopts = -ra\\n    --cov pkg\\n    --no-cov-on-fail                       | -ra",
            "addopts = \"--strict-markers --cov=src --cov-branch\"                  | --strict-markers",
            "addopts = [\"--cov\", \"--doctest-glob=*.rst\"]                       | --doctest-glob=*.rst",
            "addopts = --cov                                                          | EMPTY",
            "addopts = --doctest-modules -ra                                          | NONE",
            "testpaths = tests                                                        | NONE",
    })
    void coverageOptionsLeaveTheChecksAndTheRestOfAddoptsStays(String section, String expected) {
        assertThat(TestRunner.addoptsWithoutCoverage(section.replace("\\n", "\n")).orElse(null))
                .isEqualTo("EMPTY".equals(expected) ? "" : expected);
    }

    @Test
    void aProjectWhoseAddoptsAskForCoverageGetsChecksThatRunWithoutThePlugin() throws Exception {
        Path ws = library(5, "testAnyWordLongestFirst");
        write(ws, "pytest.ini", "[pytest]\naddopts=--verbose --cov-append --cov-report term --cov wordlib\n");
        List<String> checks = checks(new BuiltInPlanner().plan(OBJECTIVE, facts(ws), null));
        assertThat(checks).isNotEmpty().allSatisfy(check -> assertThat(check).startsWith("python3 -m pytest -o addopts='--verbose'")
                .doesNotContain("--cov"));
    }

    @Test
    void insideABigTestFileOnlyTheTestsNamedAfterTheFunctionRunInTheSpellingTheTestsUse() throws Exception {
        Path ws = library(150, "testAnyWordLongestFirst");
        PlanDraft draft = new BuiltInPlanner().plan(OBJECTIVE, facts(ws), null);
        assertThat(draft.packets().get(0).objective()).startsWith("Make the change in wordlib/helpers.py that");
        // pytest matches -k case-insensitively: any_word selects nothing here, anyWord selects testAnyWordLongestFirst
        assertThat(checks(draft)).first().asString().isEqualTo("python3 -m pytest 'tests/test_unit.py' -k 'anyWord'");
    }

    @Test
    void aSmallTestFileRunsWholeAndABigOneWithoutATestNamedAfterItToo() throws Exception {
        Path small = library(5, "testAnyWordLongestFirst");
        assertThat(checks(new BuiltInPlanner().plan(OBJECTIVE, facts(small), null))).first().asString()
                .isEqualTo("python3 -m pytest 'tests/test_unit.py'");
        Files.walk(small).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        // a -k selecting no test would check nothing: the whole file stays the check
        Path unnamed = library(150, "testLongestFirst");
        assertThat(checks(new BuiltInPlanner().plan(OBJECTIVE, facts(unnamed), null))).first().asString()
                .isEqualTo("python3 -m pytest 'tests/test_unit.py'");
    }

    @Test
    void aTestFileWithNoTestTheKeywordsSelectIsLeftOutOfTheRun() throws Exception {
        Path ws = library(150, "test_any_word_longest_first");
        write(ws, "tests/test_words.py", "from wordlib import helpers as wordlib\n\n\ndef test_sorted():\n    assert wordlib.any_word(['b']) == ['b']\n");
        List<String> checks = checks(new BuiltInPlanner().plan(OBJECTIVE, facts(ws), null));
        assertThat(checks).first().asString().isEqualTo("python3 -m pytest 'tests/test_unit.py' -k 'any_word'");
    }

    @Test
    void aDataDrivenTestModuleWhoseDataFileHoldsTheFunctionCoversIt() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("query"));
        write(ws, "requirements.txt", "pytest==7.0.0\n");
        write(ws, "setup.py", "from setuptools import setup\nsetup(name='query')\n");
        write(ws, "query/__init__.py", "");
        write(ws, "query/functions.py", "def _func_order_by(items, key):\n    \"\"\"order_by: sort items by key.\"\"\"\n"
                + "    return sorted(items, key=key)\n\n\nFUNCTIONS = {'order_by': _func_order_by}\n");
        write(ws, "tests/__init__.py", "");
        write(ws, "tests/test_functions.py", "from query import functions\n\n\ndef test_table():\n    assert functions.FUNCTIONS\n");
        write(ws, "tests/cases/functions.json", "[{\"expression\": \"order_by(@, &a)\", \"error\": \"invalid-type\"}]\n");
        write(ws, "tests/cases/basic.json", "[{\"expression\": \"a\", \"result\": 1}]\n");
        write(ws, "tests/test_cases.py", "import json\nimport os\n\nimport pytest\n\nCASES = os.path.join(os.path.dirname(__file__), 'cases')\n\n\n"
                + "@pytest.mark.parametrize('name', sorted(os.listdir(CASES)))\ndef test_case(name):\n"
                + "    assert json.load(open(os.path.join(CASES, name)))\n");
        List<String> checks = checks(new BuiltInPlanner().plan("`order_by` must raise a type error when a key is a boolean", facts(ws), null));
        assertThat(checks).first().asString().contains("'tests/test_cases.py'").doesNotContain(".json");
    }

    @Test
    void withoutACommandNamingPathsAFolderOfOnlyPropertyBasedOrBenchmarkTestsStaysOutOfTheFullRun() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("fuzzed"));
        write(ws, "pyproject.toml", "[project]\nname = \"query\"\n");
        write(ws, "query/__init__.py", "");
        write(ws, "query/lexer.py", "def tokens(text):\n    return text.split()\n");
        write(ws, "tests/test_lexer.py", "from query.lexer import tokens\n\n\ndef test_tokens():\n    assert tokens('a b') == ['a', 'b']\n");
        write(ws, "extra/test_hypothesis.py", "from hypothesis import given\nfrom query.lexer import tokens\n");
        write(ws, "benchmarks/test_lexer_benchmark.py", "from query.lexer import tokens\n");
        PlanDraft draft = new BuiltInPlanner().plan("`tokens` must drop empty words", facts(ws), null);
        assertThat(checks(draft)).last().asString().isEqualTo("python3 -m pytest tests");

        // a test module at the root is only collected by the root run
        write(ws, "test_root.py", "def test_root():\n    pass\n");
        assertThat(checks(new BuiltInPlanner().plan("`tokens` must drop empty words", facts(ws), null))).last().asString()
                .isEqualTo("python3 -m pytest");
    }

    /** A checker whose messages are classes with a format template; its tests assert the message classes. */
    private Path checker(String toxCommand) throws Exception {
        Path ws = Files.createDirectories(temp.resolve("checker"));
        write(ws, "tox.ini", "[testenv]\ncommands =\n    " + toxCommand + "\n");
        write(ws, "setup.py", "from setuptools import setup\nsetup(name='lintkit')\n");
        write(ws, "lintkit/__init__.py", "");
        write(ws, "lintkit/messages.py", "class Message:\n    message = ''\n\n\nclass UnusedName(Message):\n"
                + "    message = '%r is never used'\n\n\nclass ArgumentCountMismatch(Message):\n"
                + "    message = \"'...' %% ... has %d slot(s) but %d argument(s)\"\n");
        write(ws, "lintkit/checker.py", "from lintkit import messages\n\n\ndef check_format(node, report):\n"
                + "    if node.slots != node.arguments:\n        report(messages.ArgumentCountMismatch, node.slots, node.arguments)\n");
        write(ws, "lintkit/test/__init__.py", "");
        write(ws, "lintkit/test/harness.py", "import unittest\n\nfrom lintkit import checker\n\n\nclass TestCase(unittest.TestCase):\n"
                + "    def flakes(self, code, *expected):\n        checker.check_format(code, print)\n");
        StringBuilder other = new StringBuilder("from lintkit import messages as m\nfrom lintkit.test.harness import TestCase\n\n\n"
                + "class TestNames(TestCase):\n");
        for (int i = 0; i < 120; i++) {
            other.append("    def test_name").append(i).append("(self):\n        self.flakes('x = 1', m.UnusedName)\n\n");
        }
        other.append("\nclass TestFormatting(TestCase):\n    def test_invalid_calls(self):\n"
                + "        self.flakes(\"'%s %s' % (1,)\", m.ArgumentCountMismatch)\n");
        write(ws, "lintkit/test/test_other.py", other.toString());
        write(ws, "lintkit/test/test_api.py", "from lintkit.test.harness import TestCase\n\n\nclass TestApi(TestCase):\n"
                + "    def test_run(self):\n        self.flakes('x')\n");
        return ws;
    }

    private static final String MESSAGE_OBJECTIVE = "a `%`-format whose tuple is shorter than its placeholders must be reported "
            + "(`'%s %s' % (1,)` gives `'...' % ... has 2 slot(s) but 1 argument(s)`)";

    @Test
    void theTestClassNamingTheQuotedMessagesClassIsTheCheck() throws Exception {
        Path ws = checker("python -m unittest discover lintkit {posargs}");
        List<String> checks = checks(new BuiltInPlanner().plan(MESSAGE_OBJECTIVE, facts(ws), null));
        assertThat(checks).first().asString().isEqualTo("python3 -m unittest lintkit.test.test_other.TestFormatting");
    }

    @Test
    void withPytestTheBigModulesTestClassNamingTheMessageIsSelectedWithK() throws Exception {
        Path ws = checker("pytest lintkit {posargs}");
        write(ws, "requirements.txt", "pytest==7.0.0\n");
        List<String> checks = checks(new BuiltInPlanner().plan(MESSAGE_OBJECTIVE, facts(ws), null));
        assertThat(checks).first().asString().isEqualTo("python3 -m pytest 'lintkit/test/test_other.py' -k 'TestFormatting'");
        assertThat(checks).last().asString().isEqualTo("python3 -m pytest lintkit");
    }

    @Test
    void theFullRunTakesThePathsTheProjectsOwnCommandGivesPytest() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("full"));
        ToolchainDetector detector = new ToolchainDetector(Map.of("PATH", ""));
        write(ws, "setup.py", "from setuptools import setup\nsetup(name='query')\n");
        write(ws, "requirements.txt", "pytest==7.0.0\n");
        write(ws, "tests/test_a.py", "def test_a():\n    pass\n");
        write(ws, "extra/test_fuzz.py", "def test_fuzz():\n    pass\n");
        assertThat(detector.detect(ws).testCommands()).containsExactly("pytest");
        // the CI changes into tests/ first (its --cov value is no path)
        write(ws, ".github/workflows/run-tests.yml", "jobs:\n  build:\n    steps:\n    - name: Test with pytest\n      run: |\n"
                + "        pip install pytest pytest-cov\n        cd tests/ && py.test --cov query --cov-report term-missing\n");
        assertThat(detector.detect(ws).testCommands()).containsExactly("pytest tests");

        // tox's command comes first; its deps naming pytest are no command, {posargs} is the person's
        write(ws, "examples/app/tests/test_app.py", "def test_app():\n    pass\n");
        write(ws, "tox.ini", "[testenv]\ndeps =\n    unit: pytest\ncommands =\n    unit: pytest tests examples/app/tests {posargs}\n"
                + "    docs: sphinx-build docs out\n");
        assertThat(detector.detect(ws).testCommands()).containsExactly("pytest tests examples/app/tests");

        // a command naming a path that is not there says nothing about the run: the next one does
        write(ws, "tox.ini", "[testenv]\ncommands = pytest gone/\n");
        assertThat(detector.detect(ws).testCommands()).containsExactly("pytest tests");

        // pytest's own testpaths: the bare run already takes them
        write(ws, "setup.cfg", "[tool:pytest]\ntestpaths = tests\n");
        assertThat(detector.detect(ws).testCommands()).containsExactly("pytest");
    }

    @Test
    void aModulesOwnTestModuleIsItsCheckNotEveryModuleImportingIt() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("pkging"));
        write(ws, "pyproject.toml", "[project]\nname = \"pkging\"\n");
        write(ws, "src/pkging/__init__.py", "");
        write(ws, "src/pkging/utils.py", "import re\n\n_SEP = re.compile(r\"[-_.]\")\n\n\n"
                + "def canonicalize_name(name):\n    return _SEP.sub(\"-\", name).lower()\n");
        write(ws, "src/pkging/metadata.py", "from .utils import canonicalize_name\n\n\n"
                + "def project_key(name):\n    return canonicalize_name(name)\n");
        write(ws, "src/pkging/lock.py", "import tomli_w\n\nfrom .utils import canonicalize_name\n\n\n"
                + "def locked(name):\n    return tomli_w.dumps({canonicalize_name(name): 1})\n");
        write(ws, "tests/test_utils.py", "from pkging.utils import canonicalize_name\n\n\n"
                + "def test_canonicalize_name():\n    assert canonicalize_name(\"Foo.Bar\") == \"foo-bar\"\n");
        write(ws, "tests/test_metadata.py", "from pkging.metadata import project_key\nfrom pkging.utils import canonicalize_name\n\n\n"
                + "def test_key():\n    assert project_key(\"A_b\") == canonicalize_name(\"a-b\")\n");
        write(ws, "tests/test_lock.py", "from pkging.lock import locked\nfrom pkging.utils import canonicalize_name\n\n\n"
                + "def test_locked():\n    assert canonicalize_name(\"x\") in locked(\"x\")\n");
        PlanDraft draft = new BuiltInPlanner().plan("canonicalize_name does not fully normalise names with repeated separators: "
                + "canonicalize_name('Foo.....Bar') gives 'foo-----bar'; any run of '-', '_' and '.' must become a single '-'.",
                facts(ws), null);
        assertThat(checks(draft)).first().asString().contains("'tests/test_utils.py'")
                .doesNotContain("test_lock.py").doesNotContain("test_metadata.py");
    }

    @Test
    void aModuleOfTypeAssertionsIsLeftToTheTypeChecker() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("dash"));
        write(ws, "pyproject.toml", "[project]\nname = \"dash\"\n");
        write(ws, "src/dash/__init__.py", "from .strings import truncate\n");
        write(ws, "src/dash/strings.py", "def truncate(text, length=30, separator=None):\n    return text[:length]\n");
        write(ws, "tests/test_strings.py", "import dash as _\n\n\ndef test_truncate():\n    assert _.truncate('hello world', 5) == 'hello'\n");
        write(ws, "tests/typing/test_strings.py", "import pytest\n\nimport dash as _\n\n\n@pytest.mark.mypy_testing\n"
                + "def test_mypy_truncate() -> None:\n    reveal_type(_.truncate('hello world', 5))  # R: builtins.str\n");
        PlanDraft draft = new BuiltInPlanner().plan("`truncate` ignores a string separator: truncate('hello world', 8, separator=' ') "
                + "must cut at the last space before the length", facts(ws), null);
        assertThat(checks(draft)).first().asString().contains("'tests/test_strings.py'").doesNotContain("tests/typing");
    }
}
