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
}
