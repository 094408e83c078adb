package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A Makefile's targets as checks: a build target that deletes files or makes a distribution is packaging, not a check;
 * a test target running the suite's own runner again (once per interpreter through uv, or under coverage) repeats the
 * full run the plan already has.
 */
class MakefileChecksTest {
    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0} → make build is a check: {1}")
    @CsvSource(delimiter = '|', value = {
        "rm -rf build\\n\\trm -rf dist\\n\\tpython -m build | false",
        "python3 setup.py sdist bdist_wheel                 | false",
        "@uv build                                          | false",
        "cc -o app main.c                                   | true",
        "go build ./cmd/...                                 | true",
    })
    void aBuildTargetThatPackagesIsNoCheck(String recipe, boolean check) throws Exception {
        write(temp, "pyproject.toml", "[project]\nname = \"pkg\"\n");
        write(temp, "Makefile", "build:\n\t" + recipe.replace("\\n", "\n").replace("\\t", "\t") + "\n");
        WorkspaceCommands commands = new ToolchainDetector(Map.of("PATH", "")).detect(temp);
        assertThat(commands.buildCommands().contains("make build")).isEqualTo(check);
        assertThat(commands.notes().stream().anyMatch(n -> n.startsWith("make build is not used as a check"))).isEqualTo(!check);
    }

    @ParameterizedTest(name = "{0} → make test kept: {1}")
    @CsvSource(delimiter = '|', value = {
        // the test target's recipe                                                                  | kept
        "uv run --group dev --python 3.10 pytest tests/\\n\\tuv run --group dev --python 3.11 pytest tests/ | false",
        "coverage run -m pytest tests\\n\\tcoverage report --show-missing                               | false",
        "pytest -q                                                                                     | false",
        "pytest tests/\\n\\tmypy pkg                                                                     | true",
        "./scripts/run-integration.sh                                                                  | true",
    })
    void aTestTargetRunningPytestAgainIsNoSecondCheck(String recipe, boolean kept) throws Exception {
        Path ws = Files.createDirectories(temp.resolve("pt" + Math.abs(recipe.hashCode())));
        write(ws, "pyproject.toml", "[project]\nname = \"pkg\"\n\n[tool.pytest.ini_options]\naddopts = \"-q\"\n");
        write(ws, "Makefile", "test:\n\t" + recipe.replace("\\n", "\n").replace("\\t", "\t") + "\n");
        write(ws, "pkg/__init__.py", "");
        write(ws, "pkg/rounding.py", "def round_half(value):\n    \"\"\"Rounds half away from zero.\"\"\"\n    return round(value)\n");
        write(ws, "tests/test_rounding.py", "from pkg.rounding import round_half\n\n\ndef test_round_half():\n"
                + "    assert round_half(2.5) == 3\n");
        assertThat(checks("`round_half` must round 2.5 away from zero", ws).contains("make test")).isEqualTo(kept);
    }

    @ParameterizedTest(name = "{0} → make test kept: {1}")
    @CsvSource(delimiter = '|', value = {
        "coverage run --source=pkg -m unittest discover tests\\n\\tcoverage report --show-missing | false",
        "python -m unittest -v $(tests)                                                        | false",
        "coverage run -m unittest discover tests\\n\\t./check-docs.sh                             | true",
    })
    void aTestTargetRunningUnittestAgainIsNoSecondCheck(String recipe, boolean kept) throws Exception {
        Path ws = Files.createDirectories(temp.resolve("ut" + Math.abs(recipe.hashCode())));
        write(ws, "pyproject.toml", "[project]\nname = \"pkg\"\n");
        write(ws, "Makefile", "test:\n\t" + recipe.replace("\\n", "\n").replace("\\t", "\t") + "\n");
        write(ws, "pkg/__init__.py", "");
        write(ws, "pkg/rounding.py", "def round_half(value):\n    \"\"\"Rounds half away from zero.\"\"\"\n    return round(value)\n");
        write(ws, "tests/__init__.py", "");
        write(ws, "tests/test_rounding.py", "import unittest\n\nfrom pkg.rounding import round_half\n\n\n"
                + "class RoundHalfTests(unittest.TestCase):\n    def test_half(self):\n        self.assertEqual(round_half(2.5), 3)\n");
        List<String> checks = checks("`round_half` must round 2.5 away from zero", ws);
        assertThat(checks).anyMatch(c -> c.contains("unittest"));
        assertThat(checks.contains("make test")).isEqualTo(kept);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', nullValues = "NONE", value = {
        // the Makefile (round 17's tengo first)                                                  | why make test is no check
        "generate:\\n\\tgo generate ./...\\n\\nlint:\\n\\tgolint -set_exit_status ./...\\n\\ntest: generate lint\\n\\tgo test -race ./... | its prerequisite 'generate' writes the sources (go generate ./...)",
        "lint:\\n\\tgolint -set_exit_status ./...\\n\\ntest: lint\\n\\tgo test ./...                    | its prerequisite 'lint' runs golint, which is not installed here",
        "test:\\n\\tgofmt -l -w .\\n\\tgo test ./...                                                  | its recipe writes the sources (gofmt -l -w .)",
        "vet:\\n\\techo vetting\\n\\ntest: vet\\n\\tgo test ./...                                        | NONE",
    })
    void aTestTargetThatWritesTheSourcesOrNeedsAMissingToolIsNoCheck(String makefile, String why) throws Exception {
        Path ws = Files.createDirectories(temp.resolve("mk" + Math.abs(makefile.hashCode())));
        write(ws, "go.mod", "module example.com/mk\n\ngo 1.19\n");
        write(ws, "Makefile", makefile.replace("\\n", "\n").replace("\\t", "\t") + "\n");
        WorkspaceCommands commands = new ToolchainDetector(Map.of("PATH", "")).detect(ws);
        assertThat(commands.testCommands().contains("make test")).isEqualTo(why == null);
        if (why != null) {
            assertThat(commands.notes()).contains("make test is not used as a check: " + why + ".");
        }
    }

    @org.junit.jupiter.api.Test
    void aMakefileInTheTestsFolderDoesNotMakeItAPackageOfItsOwn() throws Exception {
        // round 17's dnspython: tests/Makefile runs its chores; the tests there are still the project's tests
        Path ws = Files.createDirectories(temp.resolve("testsmake"));
        write(ws, "pyproject.toml", "[project]\nname = \"pkg\"\n");
        write(ws, "tests/Makefile", "clean:\n\trm -f *.out\n\ncheck:\n\tcd .. && python3 -m pytest\n");
        write(ws, "tests/__init__.py", "");
        write(ws, "pkg/__init__.py", "");
        write(ws, "pkg/rounding.py", "def round_half(value):\n    \"\"\"Rounds half away from zero.\"\"\"\n    return round(value)\n");
        write(ws, "tests/test_rounding.py", "import pkg.rounding\n\n\ndef test_round_half():\n"
                + "    assert pkg.rounding.round_half(2.5) == 3\n");
        assertThat(checks("`round_half` must round 2.5 away from zero", ws)).first().asString()
                .isEqualTo("python3 -m pytest 'tests/test_rounding.py'");
    }

    @org.junit.jupiter.api.Test
    void aChangeNoTestCoversRunsTheSuiteOnceToo() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("untested"));
        write(ws, "pyproject.toml", "[project]\nname = \"pkg\"\n\n[tool.pytest.ini_options]\naddopts = \"-q\"\n");
        write(ws, "Makefile", "test:\n\tuv run --python 3.10 pytest tests/\n\tuv run --python 3.11 pytest tests/\n");
        write(ws, "pkg/__init__.py", "");
        write(ws, "pkg/rounding.py", "def round_half(value):\n    \"\"\"Rounds half away from zero.\"\"\"\n    return round(value)\n");
        List<String> checks = checks("`round_half` must round 2.5 away from zero", ws);
        assertThat(checks).contains("python3 -m pytest").doesNotContain("make test");
    }

    private static List<String> checks(String objective, Path ws) throws Exception {
        return new BuiltInPlanner().plan(objective, facts(ws), null).packets().stream()
                .flatMap(p -> p.acceptanceTests().stream()).toList();
    }
}
