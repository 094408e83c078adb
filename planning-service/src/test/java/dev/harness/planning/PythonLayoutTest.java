package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How the checks start pytest and unittest so that an uninstalled checkout's tests import its own code: PYTHONPATH=src
 * for a src layout, python3 -m for a flat layout (the pytest script does not put the project directory on sys.path).
 */
class PythonLayoutTest {
    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0} → {1} / {2}")
    @CsvSource(delimiter = '|', value = {
        // files of the project (comma-separated)                                | pytest launcher        | unittest launcher
        "pyproject.toml,mypkg/__init__.py,mypkg/core.py,tests/test_core.py      | python3 -m pytest      | python3 -m unittest",
        "pyproject.toml,src/mypkg/__init__.py,tests/test_core.py                 | PYTHONPATH=src pytest  | PYTHONPATH=src python3 -m unittest",
        "pyproject.toml,core.py,test_core.py                                     | pytest                 | python3 -m unittest",
        "pyproject.toml,tests/__init__.py,tests/test_core.py,core.py             | pytest                 | python3 -m unittest",
        "pytest.ini=[pytest]\\npythonpath = .,mypkg/__init__.py,tests/test_a.py   | pytest                 | python3 -m unittest",
        "pyproject.toml,docs/__init__.py,core.py,test_core.py                    | pytest                 | python3 -m unittest",
        // tests importing the code as src.pkg need the project directory on sys.path as well: python3 -m puts it there
        "pytest.ini=[pytest],src/mypkg/__init__.py,tests/test_a.py=from src.mypkg import core | PYTHONPATH=src python3 -m pytest | PYTHONPATH=src python3 -m unittest",
        "pyproject.toml,src/mypkg/__init__.py,tests/unit/test_a.py=import src.mypkg.core as core | PYTHONPATH=src python3 -m pytest | PYTHONPATH=src python3 -m unittest",
        "pyproject.toml,src/mypkg/__init__.py,tests/test_a.py=from srcs import core          | PYTHONPATH=src pytest  | PYTHONPATH=src python3 -m unittest",
        "pyproject.toml,src/mypkg/__init__.py,tests/test_a.py=# from src.mypkg import core   | PYTHONPATH=src pytest  | PYTHONPATH=src python3 -m unittest",
    })
    void launchersFollowTheLayout(String files, String pytest, String unittest) throws Exception {
        for (String entry : files.split(",")) {
            String[] parts = entry.strip().split("=", 2);
            Path file = temp.resolve(parts[0]);
            Files.createDirectories(file.getParent());
            Files.writeString(file, parts.length > 1 ? parts[1].replace("\\n", "\n") + "\n" : "");
        }
        assertThat(TestRunner.pytestLauncher(temp, "")).isEqualTo(pytest);
        assertThat(TestRunner.unittestLauncher(temp, "")).isEqualTo(unittest);
    }

    @ParameterizedTest(name = "{0} → targeted: {1}")
    @CsvSource(delimiter = '|', value = {
        "python3 -m pytest 'tests/test_core.py' | true",
        "PYTHONPATH=src pytest 'tests/test_core.py' | true",
        "python3 -m pytest | false",
    })
    void aPytestRunThroughPythonNamingFilesIsTargeted(String command, boolean targeted) {
        assertThat(CheckCommand.isTargeted(command)).isEqualTo(targeted);
    }

    @Test
    void doctestsTheCiWorkflowRunsAreInTheTargetedCheck() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("lookup"));
        write(ws, "pyproject.toml", "[project]\nname = \"lookup\"\n\n[tool.pytest.ini_options]\naddopts = \"-q\"\n");
        write(ws, ".github/workflows/test.yml", "jobs:\n  test:\n    steps:\n      - run: pip install pytest\n"
                + "      - run: coverage run -m pytest --doctest-modules lookup/\n");
        write(ws, "lookup/__init__.py", "from .nested import nested_get\n");
        write(ws, "lookup/nested.py", "def nested_get(keys, coll, default=None):\n"
                + "    \"\"\"Looks up a nested key path.\n\n    >>> nested_get(['a', 'b'], {'a': 'xyz'}, 0)\n    0\n    \"\"\"\n"
                + "    try:\n        for k in keys:\n            coll = coll[k]\n        return coll\n"
                + "    except (KeyError, IndexError, TypeError):\n        return default\n");
        write(ws, "lookup/tests/__init__.py", "");
        write(ws, "lookup/tests/test_nested.py", "from lookup import nested_get\n\n\n"
                + "def test_nested_get():\n    assert nested_get(['a'], {'a': 1}) == 1\n");
        WorkspaceFacts facts = new ScanCache(new WorkspaceScanner(WorkspaceScanner.DEFAULT_MAX_DEPTH,
                WorkspaceScanner.DEFAULT_MAX_ENTRIES), new ToolchainDetector(Map.of("PATH", "")), Duration.ZERO,
                Clock.systemUTC()).facts(ws.toRealPath());
        PlanDraft draft = new BuiltInPlanner().plan("`nested_get` must return the default when a key cannot be used on "
                + "an intermediate value", facts, null);
        List<String> checks = draft.packets().stream().flatMap(p -> p.acceptanceTests().stream()).toList();
        // the docstring's example is a test the project runs (its CI passes --doctest-modules): the module goes to pytest
        // too; a flat layout runs pytest through python3 -m so the uninstalled package imports
        assertThat(checks).first().asString()
                .isEqualTo("python3 -m pytest --doctest-modules 'lookup/tests/test_nested.py' 'lookup/nested.py'");
    }
}
