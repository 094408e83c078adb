package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
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
 * What a full check runs of a project whose test command does more than test: a lint chained around the runner in the test
 * script is left out (it fails the healthy project over style), and a benchmarks/ folder with its own pytest.ini is no
 * test package of its own.
 */
class ChecksBesideTheTestsTest {
    @TempDir
    Path temp;

    private static List<String> checks(PlanDraft draft) {
        return draft.packets().stream().flatMap(p -> p.acceptanceTests().stream()).toList();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // the runner's step; the type check stays a check of its own
        "{'test':'pnpm lint && vitest run && pnpm test:types','lint':'eslint . && prettier -c src test','test:types':'tsc --noEmit'}"
                + "|npx vitest run;npm run test:types|npm test",
        "{'test':'eslint . && mocha'}|npx mocha|npm test",
        "{'test':'vitest run && npm run lint','lint':'eslint .'}|npx vitest run|npm test",
        // a build before the tests: they may need what it writes, so the script runs whole
        "{'test':'npm run build && npm run lint && vitest run','build':'tsc','lint':'eslint .'}|npm test|-",
        // nothing but tests: as it is
        "{'test':'vitest run'}|npm test|-",
        // a lint script that lints and type-checks: its type check stays, its linters go
        "{'test':'npm run test:vi && npm run lint','test:vi':'vitest run','lint':'npm run lint:es && npm run lint:ts',"
                + "'lint:es':'eslint src','lint:ts':'tsc --noEmit'}|npm run test:vi|npm test",
    })
    void aLintChainedAroundTheTestsIsLeftOutOfTheFullCheck(String scripts, String kept, String gone) throws Exception {
        Path ws = Files.createDirectories(temp.resolve("chain-" + Math.abs(scripts.hashCode())));
        write(ws, "package.json", "{\"scripts\":" + scripts.replace('\'', '"') + "}");
        write(ws, "src/query.js", "export function parseQuery(text) { return text; }\n");
        write(ws, "test/query.test.js", "import { parseQuery } from '../src/query.js';\n");
        PlanDraft draft = new BuiltInPlanner().plan("make parseQuery keep the last value of a repeated key", facts(ws), null);
        assertThat(checks(draft)).contains(kept.split(";"));
        if (!gone.equals("-")) {
            assertThat(checks(draft)).doesNotContain(gone);
        }
        assertThat(checks(draft)).noneMatch(c -> c.contains("eslint") || c.equals("npm run lint"));
    }

    @Test
    void aBenchmarksFolderWithItsOwnPytestIniIsNoTestPackage() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("bench"));
        write(ws, "pyproject.toml", "[project]\nname = \"globs\"\n\n[tool.pytest.ini_options]\ntestpaths = [\"tests\"]\n");
        write(ws, "globs/__init__.py", "");
        write(ws, "globs/match.py", "def match_file(pattern, path):\n    return path.startswith(pattern)\n");
        write(ws, "tests/test_match.py", "from globs.match import match_file\n\n\ndef test_match_file():\n"
                + "    assert match_file('a', 'ab')\n");
        write(ws, "benchmarks/pytest.ini", "[pytest]\npython_files = bench_*.py\npython_functions = bench_*\ntestpaths = benchmarks\n");
        write(ws, "benchmarks/bench_match.py", "from globs.match import match_file\n\n\ndef bench_match_file(benchmark):\n"
                + "    benchmark(match_file, 'a', 'ab')\n");
        WorkspaceFacts facts = facts(ws);
        assertThat(facts.subprojects()).isEmpty();
        PlanDraft draft = new BuiltInPlanner().plan("`match_file` must treat an absolute path as relative to the root", facts, null);
        assertThat(checks(draft)).first().isEqualTo("python3 -m pytest 'tests/test_match.py'");
        assertThat(checks(draft)).noneMatch(c -> c.contains("benchmarks"));
    }

    @Test
    void toxsDefaultRunSpreadOverContinuedLinesIsTheFullCheckAndItsBenchmarkEnvironmentIsNot() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("tox"));
        write(ws, "pyproject.toml", "[project]\nname = \"urls\"\n");
        write(ws, "tox.ini", "[tox]\nenvlist = py311, benchmark\n\n[testenv]\ndeps =\n    pytest\ncommands =\n"
                + "    python -m pytest \\\n        --doctest-modules \\\n        --cov=urls -n auto \\\n        {posargs:urls tests}\n\n"
                + "[testenv:benchmark]\ncommands =\n    python -m pytest tests/benchmarks/ --codspeed\n");
        write(ws, "urls/__init__.py", "");
        write(ws, "urls/clean.py", "def clean_query(url):\n    \"\"\"\n    >>> clean_query('a?b')\n    'a'\n    \"\"\"\n"
                + "    return url.split('?')[0]\n\n\ndef other_thing(x):\n    return x\n");
        write(ws, "tests/__init__.py", "");
        StringBuilder many = new StringBuilder("from urls.clean import clean_query, other_thing\n\n\ndef test_clean_query():\n"
                + "    assert clean_query('a?b') == 'a'\n");
        for (int i = 0; i < 120; i++) { // a big module: its other tests (a slow property test, say) are no evidence here
            many.append("\n\ndef test_other_thing_").append(i).append("():\n    assert other_thing(").append(i).append(") == ")
                    .append(i).append('\n');
        }
        write(ws, "tests/test_clean.py", many.toString());
        write(ws, "tests/benchmarks/__init__.py", "");
        write(ws, "tests/benchmarks/test_bench_clean.py", "from urls.clean import clean_query\n\n\ndef test_clean(benchmark):\n"
                + "    benchmark(clean_query, 'a?b')\n");
        PlanDraft draft = new BuiltInPlanner().plan("`clean_query` must keep the fragment of the url", facts(ws), null);
        // the doctests the project's run passes on its command line, the named function's tests and doctest only
        assertThat(checks(draft)).first().asString().contains("--doctest-modules").contains("'tests/test_clean.py'")
                .contains("-k 'clean_query");
        assertThat(checks(draft)).contains("python3 -m pytest --doctest-modules urls tests");
        assertThat(checks(draft)).noneMatch(c -> c.contains("benchmarks"));
    }
}
