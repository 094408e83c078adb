package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.write;
import static dev.harness.planning.ScannedWorkspace.facts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.harness.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The checks a plan gives a change are the project's own tests of it: no timing suites, no lint
 * scripts, never a script that rewrites the tree, a src layout importable, one Maven run per module.
 */
class TargetedChecksTest {
    @TempDir
    Path temp;

    private static List<String> checks(PlanDraft draft) {
        return draft.packets().stream().flatMap(p -> p.acceptanceTests().stream()).distinct().toList();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "src/redos.spec.ts, true",
        "test/perf/parse.test.js, true",
        "benchmark/index.test.js, true",
        "tests/test_timing.py, true",
        "src/parserPerf.test.js, true",
        "pkg/stress_test.go, true",
        // a property-based run draws inputs for minutes, whatever the change
        "extra/test_hypothesis.py, true",
        "src/index.spec.ts, false",
        "test/performer.test.js, false",
        "src/test/java/org/tpl/mustachebenchmarks/StockTest.java, true",
        "src/cases.spec.ts, false",
    })
    void testsThatMeasureTimeAreToldByTheirPath(String path, boolean timing) {
        assertThat(CoveringTests.measuresTime(path)).isEqualTo(timing);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        // the behaviour: the timing suite is left to the full suite; cases.spec.ts only exports cases (vitest fails on
        // it alone: "No test suite found"), so it is the spec's data, not a test
        "make match decode plus signs when decodePlus is set|npx vitest run 'src/index.spec.ts'",
        // the objective is about what the timing suite checks: it is the targeted check
        "fix the catastrophic backtracking (ReDoS) in match patterns|npx vitest run 'src/index.spec.ts' 'src/redos.spec.ts'",
        "make match faster on long paths|npx vitest run 'src/index.spec.ts' 'src/redos.spec.ts'",
    })
    void timingTestsAreTheTargetedCheckOnlyWhenTheObjectiveIsAboutThem(String objective, String expected) throws Exception {
        Path ws = Files.createDirectories(temp.resolve("timing"));
        write(ws, "package.json", "{\"scripts\":{\"test\":\"vitest run\"}}");
        write(ws, "src/index.ts", "export function match(path: string, options = {}) {\n  return decode(path);\n}\n"
                + "function decode(s: string) { return s; }\n");
        write(ws, "src/index.spec.ts", "import { match } from './index';\nit('matches', () => expect(match('/a')).toBe('/a'));\n");
        write(ws, "src/cases.spec.ts", "import { match } from './index';\nexport const MATCH_TESTS = [match('/b')];\n");
        write(ws, "src/redos.spec.ts", "import { match } from './index';\nit('is safe', { timeout: 10_000 }, () => match('/c'));\n");
        PlanDraft draft = new BuiltInPlanner().plan(objective, facts(ws), null);
        assertThat(draft.packets()).hasSize(1);
        assertThat(draft.packets().get(0).acceptanceTests()).first().isEqualTo(expected);
        assertThat(draft.packets().get(0).acceptanceTests()).contains("npm test"); // the whole suite, timing tests too, once
        boolean leftOut = !expected.contains("redos");
        assertThat(draft.warnings()).filteredOn(w -> w.startsWith("Left out of the targeted checks: src/redos.spec.ts"))
                .hasSize(leftOut ? 1 : 0);
    }

    @Test
    void coveringTestsThatNameTheObjectivesWordsComeFirst() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("mentions"));
        write(ws, "src/codec.js", "function encodeValue(v) { return v; }\nfunction decodeValue(v) { return v; }\n");
        write(ws, "test/a.test.js", "require('../src/codec');\ntest('encodes', () => encodeValue(1));\n");
        write(ws, "test/b.test.js", "require('../src/codec');\ntest('decodes', () => decodeValue(1));\n");
        WorkspaceFacts facts = facts(ws);
        List<String> reaching = List.of("test/a.test.js", "test/b.test.js");
        assertThat(CoveringTests.choose(reaching, Set.of("decodevalu"), List.of("decodevalue"), facts.content(), 4).tests())
                .containsExactly("test/b.test.js", "test/a.test.js");
        assertThat(CoveringTests.choose(reaching, Set.of(), List.of("encodevalue"), facts.content(), 1).tests())
                .containsExactly("test/a.test.js");
        assertThat(CoveringTests.choose(reaching, Set.of(), List.of(), facts.content(), 4).tests()).isEqualTo(reaching);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "round the totals in the report|false",
        "fix the lint errors in the report|true",
        "make the report pass eslint|true",
        // an identifier's words are a name: arrayFormat is not about formatting
        "round the report's totals when `arrayFormat` is comma|false",
        "round the totals when number_format is set|false",
        "format the report with prettier|true",
        // a call written in code form names a function: `format('Z')` is not about formatting code
        "`format('Z')` must round the report's totals|false",
        // format and style are the domain's words as often: a cell format, a text style
        "negative rotation in a cell format is written wrongly in the report|false",
        "the report's heading style drops its bold weight|false",
        "the report must follow the project's code style|true",
    })
    void lintScriptsAreChecksOnlyWhenTheObjectiveIsAboutStyle(String objective, boolean lintChecked) throws Exception {
        Path ws = Files.createDirectories(temp.resolve("lint"));
        write(ws, "package.json", "{\"scripts\":{\"test\":\"node --test test/\",\"build\":\"node build.js\",\"lint\":\"ts-scripts lint\","
                + "\"typecheck\":\"tsc --noEmit\"}}");
        write(ws, "src/report.js", "function reportTotals(rows) { return rows.length; }\nmodule.exports = { reportTotals };\n");
        write(ws, "test/report.test.js", "const { reportTotals } = require('../src/report');\n");
        PlanDraft draft = new BuiltInPlanner().plan(objective, facts(ws), null);
        assertThat(checks(draft).contains("npm run lint")).isEqualTo(lintChecked);
        assertThat(checks(draft)).contains("npm test", "npm run build", "npm run typecheck"); // types are the change's correctness
        assertThat(draft.warnings().stream().anyMatch(w -> w.startsWith("Not used as checks: 'npm run lint'"))).isEqualTo(!lintChecked);
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = '|', value = {
        // a JavaScript package whose tests run its sources: the build only bundles them for release
        "rollup -c && size-limit|-|../src/report|false",
        "babel src -d lib|-|../src/report|false",
        // the file a script runs with node says what it is: a rollup bundle
        "node build && npm run size|-|../src/report|false",
        // a build of its own, no bundler: it may check what the tests do not (every module loads)
        "node scripts/build.js|-|../src/report|true",
        // TypeScript: the build compiles and checks the types
        "rollup -c|tsconfig.json|../src/report|true",
        "tsc -p . && rollup -c|-|../src/report|true",
        // the tests import what the build writes: it is needed
        "rollup -c|-|../dist/report.js|true",
    })
    void aBuildBundlingTheSourcesTheTestsRunIsNoCheck(String build, String config, String imported, boolean built) throws Exception {
        Path ws = Files.createDirectories(temp.resolve("bundle"));
        write(ws, "package.json", "{\"scripts\":{\"test\":\"jest\",\"build\":\"" + build + "\"}}");
        if (!config.equals("-")) {
            write(ws, config, "{}");
        }
        write(ws, "build/index.js", "const { rollup } = require('rollup');\nrollup({ input: 'src/report.js' });\n");
        write(ws, "scripts/build.js", "// loads every module: a syntax error fails the build\nrequire('../src/report');\n");
        write(ws, "src/report.js", "function reportTotals(rows) { return rows.length; }\nmodule.exports = { reportTotals };\n");
        write(ws, "test/report.test.js", "const { reportTotals } = require('" + imported + "');\ntest('totals', () => reportTotals([]));\n");
        PlanDraft draft = new BuiltInPlanner().plan("round the totals in the report", facts(ws), null);
        assertThat(checks(draft).contains("npm run build")).isEqualTo(built);
        assertThat(checks(draft)).contains("npm test");
        assertThat(draft.warnings().stream().anyMatch(w -> w.startsWith("Not used as checks: 'npm run build'"))).isEqualTo(!built);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        // a script's own step, one through npm run, one through a hook, one two scripts down
        "{'test':'prettier --write . && mocha'}|test|the \"test\" script runs 'prettier --write .' (a formatter)",
        "{'test':'npm run format && npm run test-api','format':'xo --fix','test-api':'node test.js'}|test|the \"format\" script runs 'xo --fix' (--fix/--write)",
        "{'test':'mocha','pretest':'npm run fmt','fmt':'remark . -o'}|test|the \"fmt\" script runs 'remark . -o' (remark --output)",
        "{'test':'npm run all','all':'npm run format','format':'biome format --write src'}|test|the \"format\" script runs 'biome format --write src' (a formatter)",
        "{'test':'yarn lint && ava','lint':'eslint --fix .'}|test|the \"lint\" script runs 'eslint --fix .' (--fix/--write)",
        // check modes, and a format script that only checks, do not rewrite
        "{'test':'prettier --check . && mocha'}|test|-",
        "{'test':'npm run format && mocha','format':'prettier --list-different .'}|test|-",
        "{'test':'npm run test','x':'1'}|test|-",
        "{'test':'mocha'}|build|-",
    })
    void scriptsThatRewriteTheTreeAreFoundDownTheirChain(String scripts, String name, String why) throws Exception {
        var parsed = Json.parse(scripts.replace('\'', '"'));
        assertThat(ScriptChain.rewrites(parsed, name).orElse(null)).isEqualTo(why);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{'test':'npm run build && npm run format && npm run test-coverage','build':'tsc --build','format':'prettier --write . && xo --fix',"
                + "'test-coverage':'c8 --100 npm run test-api','test-api':'node --conditions development test.js'}|npm run test-coverage",
        "{'test':'prettier --write . && mocha test/'}|npx mocha test/",
        "{'test':'npm run lint:fix && node --test && npm run test:types','lint:fix':'eslint --fix .','test:types':'tsd'}|node --test",
        "{'test':'npm run check','check':'npm run format && vitest run','format':'dprint fmt --write'}|npx vitest run",
    })
    void aRewritingTestScriptIsReplacedByItsTestSteps(String scripts, String steps) throws Exception {
        assertThat(ScriptChain.testSteps(Json.parse(scripts.replace('\'', '"')), "test")).containsExactly(steps.split(";"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        // a networked audit after the tests, README evaluation and lint before them (through npm run --silent)
        "{'pretest':'npm run --silent readme && npm run --silent lint','readme':'evalmd README.md','lint':'eslint .',"
                + "'postlint':'eclint check $(git ls-files)','test':'npm run tests-only',"
                + "'tests-only':'nyc tape test/*.js','posttest':'npx npm@>=10.2 audit --production'}"
                + "|pretest:README;posttest:NETWORK|npm run tests-only",
        "{'test':'mocha','posttest':'npm view . version'}|posttest:NETWORK|npx mocha",
        "{'test':'tape test/*.js','prepublishOnly':'safe-publish-latest','posttest':'safe-publish-latest'}|posttest:NETWORK|npx tape test/*.js",
        "{'test':'ava','pretest':'eslint . && xo'}|pretest:STYLE|npx ava",
        // a hook that builds what the tests need is kept around them; only the audit goes
        "{'test':'jest','pretest':'npm run build','build':'tsc','posttest':'npm audit'}|posttest:NETWORK|npm run pretest && npx jest",
        "{'test':'jest','pretest':'npm run build && eslint .','build':'tsc'}|-|npm test",
        "{'test':'jest'}|-|npm test",
    })
    void testHooksThatDoNotTestAreLeftOutOfTheFullCheck(String scripts, String leftOut, String check) throws Exception {
        var parsed = Json.parse(scripts.replace('\'', '"'));
        List<String> found = ScriptChain.hooksLeftOut(parsed, "test").stream().map(h -> h.hook() + ":" + h.reason()).toList();
        assertThat(found).containsExactly(leftOut == null ? new String[0] : leftOut.split(";"));
        Path ws = Files.createDirectories(temp.resolve("hooks" + Math.abs(scripts.hashCode())));
        write(ws, "package.json", "{\"scripts\":" + scripts.replace('\'', '"') + "}");
        WorkspaceCommands commands = new ToolchainDetector(Map.of("PATH", "")).detect(ws);
        assertThat(commands.testCommands()).containsExactly(check);
        for (String hook : found) {
            assertThat(commands.notes()).anyMatch(n -> n.startsWith("'npm test' is checked as " + check + " without its \""
                    + hook.substring(0, hook.indexOf(':')) + "\" hook"));
        }
    }

    @Test
    void aTestScriptThatRewritesTheTreeIsNeverACheckItsTestStepsAre() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("rewriting"));
        write(ws, "package.json", "{\"scripts\":{\"build\":\"tsc --build\",\"format\":\"prettier --write . && xo --fix\","
                + "\"test-api\":\"node --conditions development test.js\",\"test\":\"npm run build && npm run format && npm run test-api\"}}");
        write(ws, "lib/parse.js", "export function parseHeading(text) { return text; }\n");
        write(ws, "test.js", "import {parseHeading} from './lib/parse.js';\n");
        WorkspaceFacts facts = facts(ws);
        assertThat(facts.commands().testCommands()).containsExactly("npm run test-api");
        assertThat(facts.commands().buildCommands()).containsExactly("npm run build");
        PlanDraft draft = new BuiltInPlanner().plan("make parseHeading keep trailing hashes", facts, null);
        assertThat(checks(draft)).doesNotContain("npm test").contains("npm run test-api", "npm run build");
        assertThat(checks(draft)).allSatisfy(c -> assertThat(CheckTargets.rewrites(c, ws)).isEmpty());
        assertThat(draft.warnings()).anyMatch(w -> w.startsWith("'npm test' changes the files it checks (the \"format\" script runs "
                + "'prettier --write .' (a formatter)), so its test steps are the checks instead: npm run test-api."));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "npm test|the \"format\" script runs 'prettier --write .' (a formatter)",
        "npm run test-api|-",
        "cd 'web' && npm test|the \"test\" script runs 'eslint --fix src' (--fix/--write)",
        "cd 'web' && npm run unit|-",
        "npm test --workspaces|-",
        "mvn -q test|-",
        // a Maven build binding license-maven-plugin's format goal rewrites every header unless it is skipped
        "cd 'api' && mvn -q test|the build binds a plugin goal that rewrites the sources; add -Dlicense.skip=true",
        "cd 'api' && mvn -q -Dlicense.skip=true test -Dtest=ReportTest|-",
    })
    void checksRunningARewritingScriptAreTold(String command, String why) throws Exception {
        Path ws = Files.createDirectories(temp.resolve("told"));
        write(ws, "package.json", "{\"scripts\":{\"format\":\"prettier --write .\",\"test-api\":\"node test.js\","
                + "\"test\":\"npm run format && npm run test-api\"}}");
        write(ws, "web/package.json", "{\"scripts\":{\"test\":\"eslint --fix src && vitest run\",\"unit\":\"vitest run\"}}");
        write(ws, "api/pom.xml", "<project><build><plugins><plugin><groupId>com.mycila</groupId><artifactId>license-maven-plugin</artifactId>"
                + "<executions><execution><phase>validate</phase><goals><goal>format</goal></goals></execution></executions>"
                + "</plugin></plugins></build></project>");
        assertThat(CheckTargets.rewrites(command, ws).orElse(null)).isEqualTo(why);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        // src layout, no pythonpath setting: the code under src/ is what the tests import
        "src/textkit/__init__.py;pyproject.toml=[project]\\nname='textkit'\\n|PYTHONPATH=src pytest",
        "src/textkit.py;setup.cfg=[tool:pytest]\\naddopts = -q\\n|PYTHONPATH=src pytest",
        // the configuration already says it, or there is no src layout (a flat one runs pytest through python3 -m)
        "src/textkit/__init__.py;pyproject.toml=[tool.pytest.ini_options]\\npythonpath = [\"src\"]\\n|pytest",
        "src/textkit/__init__.py;pytest.ini=[pytest]\\npythonpath = src\\n|pytest",
        "textkit/__init__.py;pyproject.toml=[project]\\nname='textkit'\\n|python3 -m pytest",
        "src/main.js;pyproject.toml=[project]\\n|pytest",
    })
    void pytestIsStartedSoThatASrcLayoutImportsOnACleanCheckout(String files, String launcher) throws Exception {
        Path ws = Files.createDirectories(temp.resolve("py-" + Math.abs(files.hashCode())));
        for (String entry : files.split(";")) {
            String[] pair = entry.split("=", 2);
            write(ws, pair[0], pair.length > 1 ? pair[1].replace("\\n", "\n") : "");
        }
        assertThat(TestRunner.pytestLauncher(ws.toRealPath(), "")).isEqualTo(launcher);
    }

    @Test
    void pytestOptionsFromPyprojectsOwnTableAreRespected() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("pytest-native"));
        write(ws, "pyproject.toml", "[project]\nname = \"textkit\"\n\n[tool.pytest]\naddopts = [\"--doctest-modules\"]\n");
        write(ws, "src/textkit/__init__.py", "");
        write(ws, "src/textkit/wrap.py", "def wrap_words(text, width):\n    \"\"\"\n    >>> wrap_words('a b', 1)\n    'a\\nb'\n    \"\"\"\n"
                + "    return text\n");
        write(ws, "tests/test_wrap.py", "from textkit.wrap import wrap_words\n\ndef test_wrap():\n    assert wrap_words('a', 1) == 'a'\n");
        PlanDraft draft = new BuiltInPlanner().plan("make wrap_words keep long words whole", facts(ws), null);
        assertThat(draft.packets().get(0).acceptanceTests())
                .containsExactly("PYTHONPATH=src pytest 'tests/test_wrap.py' 'src/textkit/wrap.py'", "PYTHONPATH=src pytest");
    }

    @Test
    void aVersionFileTheBuildWritesIsNamedAsWhyChecksNeedAnInstall() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("vcs-version"));
        write(ws, "pyproject.toml", "[tool.hatch]\nbuild.hooks.vcs.version-file = \"src/textkit/_version.py\"\n");
        write(ws, "src/textkit/__init__.py", "from ._version import __version__\n");
        assertThat(facts(ws).notes()).anyMatch(n -> n.startsWith("pyproject.toml has the build write src/textkit/_version.py, "
                + "which is not in the workspace"));
        write(ws, "src/textkit/_version.py", "__version__ = '1'\n");
        assertThat(facts(ws).notes()).noneMatch(n -> n.contains("_version.py"));
    }

    @Test
    void aMavenModulesChangesAreOneRunWithEveryCoveringClass() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("maven-modules"));
        write(ws, "pom.xml", "<project><artifactId>parent</artifactId><modules><module>compiler</module><module>api</module></modules></project>");
        write(ws, "api/pom.xml", "<project><parent><artifactId>parent</artifactId></parent><artifactId>api</artifactId></project>");
        write(ws, "compiler/pom.xml", "<project><parent><artifactId>parent</artifactId></parent><artifactId>compiler</artifactId></project>");
        write(ws, "compiler/src/main/java/org/tpl/codes/EscapeRules.java",
                "package org.tpl.codes;\npublic class EscapeRules {\n  public static String escapeQuotes(String s) { return s; }\n}\n");
        write(ws, "compiler/src/main/java/org/tpl/reflect/GuardedQuotes.java",
                "package org.tpl.reflect;\npublic class GuardedQuotes {\n  public static String escapeQuotes(String s) { return s; }\n}\n");
        write(ws, "compiler/src/test/java/org/tpl/codes/EscapeRulesTest.java",
                "package org.tpl.codes;\nimport org.tpl.codes.EscapeRules;\nclass EscapeRulesTest { @org.junit.jupiter.api.Test void t() {} }\n");
        write(ws, "compiler/src/test/java/org/tpl/reflect/GuardedQuotesTest.java",
                "package org.tpl.reflect;\nimport org.tpl.reflect.GuardedQuotes;\nclass GuardedQuotesTest { @org.junit.jupiter.api.Test void t() {} }\n");
        PlanDraft draft = new BuiltInPlanner().plan("make escapeQuotes escape single quotes too", facts(ws), null);
        assertThat(draft.packets()).hasSize(1);
        TaskPacket packet = draft.packets().get(0);
        assertThat(packet.scopePath()).isEqualTo("compiler/src");
        assertThat(packet.acceptanceTests()).first().isEqualTo(
                "mvn -q -pl compiler -am test -Dtest=EscapeRulesTest,GuardedQuotesTest -Dsurefire.failIfNoSpecifiedTests=false");
        // a root-level script outside every module that mentions the same words is not part of the change
        write(ws, "nodetest.js", "// escapeQuotes in the node port\nfunction escapeQuotes(s) { return s; }\n");
        PlanDraft withScript = new BuiltInPlanner().plan("make escapeQuotes escape single quotes too", facts(ws), null);
        assertThat(withScript.packets()).hasSize(1);
        assertThat(withScript.packets().get(0).scopePath()).isEqualTo("compiler/src");
        assertThat(PlanRules.check(TaskPacket.toJson(draft.packets())).warningMessages()).noneMatch(w -> w.contains("Maven is started"));
    }

    @Test
    void aChangeInOneWorkspacePackageIsScopedToItAndCheckedByTheRootsTestSteps() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("npm-workspaces"));
        write(ws, "package.json", "{\"name\":\"mono\",\"private\":true,\"workspaces\":[\"packages/mark-parse/\",\"packages/mark-cli/\"],"
                + "\"scripts\":{\"format\":\"prettier --write .\",\"test-api\":\"node --conditions development test.js\","
                + "\"test\":\"npm run format && npm run test-api\"}}");
        write(ws, "packages/mark-parse/package.json", "{\"name\":\"mark-parse\",\"scripts\":{}}");
        write(ws, "packages/mark-parse/index.js", "export function parseMark(text) { return text; }\n"
                + "export const parserVersion = '2.0.0'; // the version of the parser\n");
        write(ws, "packages/mark-cli/package.json", "{\"name\":\"mark-cli\",\"bin\":\"cli.js\",\"scripts\":{},"
                + "\"dependencies\":{\"mark-parse\":\"*\"}}");
        write(ws, "packages/mark-cli/cli.js", "#!/usr/bin/env node\nimport {parseMark} from 'mark-parse';\n"
                + "const flags = process.argv.slice(2);\nif (flags.includes('--help')) console.log('usage: mark [--help]');\n"
                + "if (flags.includes('--version')) console.log('mark-cli 1.0.0'); // the version of the cli\n");
        write(ws, "test.js", "import {parseMark} from 'mark-parse';\nimport {exec} from 'node:child_process';\n");
        PlanDraft draft = new BuiltInPlanner().plan("make the cli print its usage on --help to stderr with flags listed", facts(ws), null);
        assertThat(draft.packets()).hasSize(1);
        TaskPacket packet = draft.packets().get(0);
        assertThat(packet.scopePath()).startsWith("packages/mark-cli");
        assertThat(packet.acceptanceTests()).containsExactly("npm run test-api");
        // a "package: …" prefix names where the change goes; the other package it names is what is shown
        PlanDraft prefixed = new BuiltInPlanner().plan("mark-cli: show the parser version of mark-parse too in the --version output", facts(ws), null);
        assertThat(prefixed.packets()).hasSize(1);
        assertThat(prefixed.packets().get(0).scopePath()).isEqualTo("packages/mark-cli/cli.js");
    }

    @Test
    void validateToldAboutAnyCheckThatRewritesTheTree() {
        var packets = Json.array();
        packets.addObject().put("id", "t1").put("objective", "round totals in src/report.js").put("scope", "single_file")
                .put("scope_path", "src/report.js").putArray("acceptance_tests").add("prettier --write src && npm test");
        assertThat(PlanRules.check(packets).warningMessages())
                .anyMatch(w -> w.contains("'prettier --write src && npm test' changes the workspace (a formatter)"));
        assertThat(Arrays.asList(PlanRules.check(packets).warnings().stream().map(f -> f.code()).toArray()))
                .contains("check_rewrites_tree");
    }

    /** A Python utility library: doctests run by tox's pytest command, a package __init__ re-exporting its modules. */
    private Path pythonLibrary() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("pyutils"));
        write(ws, "tox.ini", "[tox]\nenvlist = py311\n\n[testenv]\ncommands = pytest --doctest-modules {envsitepackagesdir}/pyutils "
                + "{toxinidir}/tests\n");
        write(ws, "pytest.ini", "[pytest]\ntestpaths = tests\n");
        write(ws, "pyutils/__init__.py", "from .strutils import bytes2human\nfrom .timeutils import parse_timedelta\n");
        write(ws, "pyutils/strutils.py", "def bytes2human(nbytes, ndigits=0):\n    \"\"\"Turn an integer value of *nbytes* into text.\n\n"
                + "    >>> bytes2human(128991)\n    '126K'\n    \"\"\"\n    return str(nbytes)\n");
        write(ws, "pyutils/timeutils.py", "def decimal_relative_time(d, other=None, ndigits=0):\n    \"\"\"Decimal units of relative time.\n\n"
                + "    >>> decimal_relative_time(1)\n    (1, 'unit')\n    \"\"\"\n    unit = 'seconds'\n    return d, unit\n\n"
                + "def parse_timedelta(text):\n    \"\"\"\n    >>> parse_timedelta('1d')\n    1\n    \"\"\"\n    return 1\n");
        write(ws, "pyutils/urlutils.py", "def parse_qsl(qs):\n    \"\"\"Parse a query string into pairs.\"\"\"\n    return []\n");
        write(ws, "tests/test_strutils.py", "from pyutils import strutils\n\ndef test_sizes():\n    assert strutils.bytes2human(1)\n");
        write(ws, "pyutils/dictutils.py", "class OrderedMultiDict(dict):\n    pass\n");
        write(ws, "tests/test_dictutils.py", "from pyutils import dictutils\n");
        write(ws, "tests/test_time.py", "from pyutils import parse_timedelta\n\ndef test_days():\n    assert parse_timedelta('1d')\n");
        // imports the package's re-export too, but is not strutils' test (and needs a test dependency of its own)
        write(ws, "tests/test_i18n.py", "import freezegun\nfrom pyutils import bytes2human\n\ndef test_locale():\n    assert bytes2human(1)\n");
        return ws;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // a name with a digit in it is a name: where it is defined, not where its words are; its own test is
        // test_strutils.py, not every test importing the package (test_i18n.py)
        "let `bytes2human` use decimal units (powers of 1000) when asked|pyutils/strutils.py"
                + "|python3 -m pytest --doctest-modules 'tests/test_strutils.py' 'pyutils/strutils.py'",
        // the words of a defined name (parse in parse_timedelta) do not anchor another definition (parse_qsl); a test
        // importing it through the package's __init__ covers it
        "make `parse_timedelta` reject a text that gives the same unit twice|pyutils/timeutils.py"
                + "|python3 -m pytest --doctest-modules 'tests/test_time.py' 'pyutils/timeutils.py'",
    })
    void aPythonLibrarysPlanIsWhereTheNameIsDefinedWithItsDoctests(String objective, String path, String check) throws Exception {
        PlanDraft draft = new BuiltInPlanner().plan(objective, facts(pythonLibrary()), null);
        assertThat(draft.packets()).hasSize(1);
        assertThat(draft.packets().get(0).objective()).startsWith("Make the change in " + path + " that");
        // a flat layout (pyutils/ beside tests/): python3 -m pytest, so the uninstalled package imports
        assertThat(draft.packets().get(0).acceptanceTests()).containsExactly(check, "python3 -m pytest");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "pytest.ini|[pytest]\\naddopts = --doctest-modules\\n",
        ".pytest.ini|[pytest]\\naddopts = -ra --doctest-modules --doctest-glob='*.rst'\\n",
        "pyproject.toml|[tool.pytest]\\naddopts = [\"--doctest-modules\"]\\n",
        "pyproject.toml|[tool.pytest.ini_options]\\naddopts = \"--doctest-modules\"\\n",
        "setup.cfg|[tool:pytest]\\naddopts = --doctest-modules\\n",
        "tox.ini|[pytest]\\naddopts = --doctest-modules\\n",
    })
    void pytestsDoctestOptionIsReadFromEveryFilePytestReads(String file, String text) throws Exception {
        Path ws = Files.createDirectories(temp.resolve("cfg-" + Math.abs((file + text).hashCode())));
        write(ws, file, text.replace("\\n", "\n"));
        assertThat(TestRunner.pytestSection(ws, "")).contains("--doctest-modules");
    }

    @Test
    void aJvmTestNamedAfterTheObjectivesConceptIsItsCheckAndBenchmarksAreNot() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("jvm-concept"));
        write(ws, "pom.xml", "<project><artifactId>tpl</artifactId></project>");
        write(ws, "src/main/java/org/tpl/TemplateParser.java", "package org.tpl;\npublic class TemplateParser {\n"
                + "  // Change delimiters: {{=<% %>=}}\n  void delimiters(String tag) { throw new IllegalStateException(\"Invalid delimiter string\"); }\n}\n");
        write(ws, "src/main/java/org/tpl/TemplateFactory.java", "package org.tpl;\npublic class TemplateFactory {\n"
                + "  TemplateParser parser = new TemplateParser();\n}\n");
        write(ws, "src/test/java/org/tpl/DelimiterTest.java", "package org.tpl;\nclass DelimiterTest { TemplateFactory f; @org.junit.jupiter.api.Test void t() {} }\n");
        write(ws, "src/test/java/org/tpl/tplbenchmarks/ParserBenchmarkTest.java", "package org.tpl.tplbenchmarks;\n"
                + "import org.tpl.TemplateParser;\nclass ParserBenchmarkTest { @org.junit.jupiter.api.Test void t() {} }\n");
        write(ws, "src/test/java/org/tpl/ParserTest.java", "package org.tpl;\nimport org.tpl.TemplateParser;\nclass ParserTest { @org.junit.jupiter.api.Test void t() {} }\n");
        PlanDraft draft = new BuiltInPlanner().plan("reject a set-delimiters tag whose new delimiters contain an equals sign",
                facts(ws), null);
        assertThat(draft.packets().get(0).acceptanceTests()).first().isEqualTo("mvn -q test -Dtest=DelimiterTest,ParserTest");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // a lint step through the package manager (whose prettier only checks: -c) comes before the runner
        "{'test':'pnpm lint && vitest run --typecheck','lint':'eslint . && prettier -c src test'}|-|npx vitest run --typecheck 'test/query.test.ts'",
        // a wrapper around the one runner among the dependencies, with no configuration file of its own
        "{'test':'ts-scripts test && npm run size','size':'size-limit'}|vitest|npx vitest run 'test/query.test.ts'",
        // a test script that only runs another script: that script's runner (tape, behind a coverage tool)
        "{'test':'npm run tests-only','tests-only':'nyc tape test/**/*.js'}|-|npx tape 'test/query.test.ts'",
        // a browser runner is not the runner it loads
        "{'test':'karma start --single-run'}|mocha|npm test",
    })
    void testScriptsAroundARunnerAreNarrowedThroughIt(String scripts, String runner, String check) throws Exception {
        Path ws = Files.createDirectories(temp.resolve("around-" + Math.abs(scripts.hashCode())));
        String deps = runner.equals("-") ? "" : ",\"devDependencies\":{\"" + runner + "\":\"1\",\"typescript\":\"5\"}";
        write(ws, "package.json", "{\"scripts\":" + scripts.replace('\'', '"') + deps + "}");
        write(ws, "src/query.ts", "export function parseQuery(text: string) { return text; }\n");
        write(ws, "test/query.test.ts", "import { parseQuery } from '../src/query';\n");
        PlanDraft draft = new BuiltInPlanner().plan("make parseQuery keep the last value of a repeated key", facts(ws), null);
        assertThat(draft.packets().get(0).acceptanceTests()).first().isEqualTo(check);
        assertThat(CheckCommand.rewritesTree("eslint . && prettier -c src test")).isNull();
    }

    @Test
    void aHookedTestScriptIsNarrowedThroughItsRunnerAndItsFullCheckLeavesTheAuditOut() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("hooked"));
        write(ws, "package.json", "{\"scripts\":{\"pretest\":\"npm run --silent lint\",\"lint\":\"eslint .\","
                + "\"test\":\"npm run tests-only\",\"tests-only\":\"nyc tape 'test/**/*.js'\","
                + "\"posttest\":\"npx npm@'>=10.2' audit --production\"}}");
        write(ws, "lib/parse.js", "module.exports = function parse(text) { return text; };\n");
        write(ws, "lib/stringify.js", "module.exports = function stringify(value) { return String(value); };\n");
        write(ws, "test/parse.js", "var parse = require('../lib/parse');\n");
        write(ws, "test/stringify.js", "var stringify = require('../lib/stringify');\n");
        PlanDraft draft = new BuiltInPlanner().plan("make parse keep the last value of a repeated key", facts(ws), null);
        assertThat(draft.packets().get(0).acceptanceTests()).first().isEqualTo("npx tape 'test/parse.js'");
        assertThat(checks(draft)).contains("npm run tests-only").doesNotContain("npm test")
                .noneMatch(c -> c.contains("audit"));
        assertThat(draft.warnings()).anyMatch(w -> w.contains("without its \"posttest\" hook")
                && w.contains("judges the registry, not the change"));
        assertThat(draft.warnings()).anyMatch(w -> w.contains("without its \"pretest\" hook") && w.contains("style, not behaviour"));
    }

    @Test
    void pytestIsNeverHandedAConftestAsATest() {
        assertThat(TestRunner.pytestCommand("pytest", List.of("tests/test_match.py", "tests/conftest.py"), List.of("src/semver/version.py"),
                "addopts = --doctest-modules")).isEqualTo("pytest 'tests/test_match.py' 'src/semver/version.py'");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // no testpaths: pytest collects the module's doctests itself, so the narrowed run does too
        "addopts = --doctest-modules|pytest 'tests/test_match.py' 'src/pkg/version.py'",
        // the project's run collects only tests/ and docs/: the module's doctests are never run by it (they may need
        // a conftest's namespace), so handing it to pytest would fail a healthy project
        "testpaths = tests docs\\naddopts = --doctest-modules|pytest 'tests/test_match.py'",
        "testpaths =\\n    tests\\n    docs\\naddopts = --doctest-modules|pytest 'tests/test_match.py'",
        "testpaths = [\"tests\", \"docs\"]\\naddopts = [\"--doctest-modules\"]|pytest 'tests/test_match.py'",
        // testpaths that include the source tree collect its doctests
        "testpaths = tests src\\naddopts = --doctest-modules|pytest 'tests/test_match.py' 'src/pkg/version.py'",
        "testpaths = ./src/ tests\\naddopts = --doctest-modules|pytest 'tests/test_match.py' 'src/pkg/version.py'",
        "testpaths = .\\naddopts = --doctest-modules|pytest 'tests/test_match.py' 'src/pkg/version.py'",
    })
    void aSourceModuleIsHandedToPytestOnlyWhereTheProjectsOwnRunCollectsIt(String section, String command) {
        assertThat(TestRunner.pytestCommand("pytest", List.of("tests/test_match.py"), List.of("src/pkg/version.py"),
                section.replace("\\n", "\n"))).isEqualTo(command);
    }

    @Test
    void aTestNamedAfterTheMethodTheObjectiveNamesIsItsCheckHoweverFarItsImportsReach() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("py-member"));
        write(ws, "pytest.ini", "[pytest]\ntestpaths = tests\n");
        write(ws, "vers/__init__.py", "from .version import Version\nfrom ._legacy import match\n");
        write(ws, "vers/version.py", "class Version:\n    def compare(self, other):\n        return 0\n\n"
                + "    def match(self, match_expr):\n        return match_expr[:2] in ('>=', '<=')\n");
        // a deprecated module-level wrapper: the test of match reaches Version.match only through it
        write(ws, "vers/_legacy.py", "from .version import Version\n\ndef match(version, match_expr):\n"
                + "    return Version().match(match_expr)\n");
        write(ws, "tests/test_match.py", "from vers import match\n\ndef test_ge():\n    assert match('1.0.0', '>=1.0.0')\n");
        write(ws, "tests/test_compare.py", "from vers import Version\n\ndef test_compare():\n    assert Version().compare(1) == 0\n");
        PlanDraft draft = new BuiltInPlanner().plan("let `Version.match` accept whitespace after the operator", facts(ws), null);
        assertThat(draft.packets()).hasSize(1);
        assertThat(draft.packets().get(0).objective()).startsWith("Make the change in vers/version.py that");
        assertThat(draft.packets().get(0).acceptanceTests().get(0)).startsWith("python3 -m pytest 'tests/test_match.py'");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // named after all of parse, set and cookie: the other specs of the file test its other functions
        "when parsing a Set-Cookie header, ignore a Max-Age value with a leading plus|npx vitest run 'src/parse-set-cookie.spec.ts'",
        "make stringifying a cookie skip undefined values|npx vitest run 'src/stringify-cookie.spec.ts'",
        // no spec is named wholly after the objective's words: every spec of the file stays
        "reject a cookie header longer than the limit|npx vitest run 'src/parse-cookie.spec.ts' 'src/parse-set-cookie.spec.ts' "
                + "'src/stringify-cookie.spec.ts'",
    })
    void ofSpecsNamedAfterFunctionsOfOneFileTheOneNamedWhollyAfterTheObjectiveIsItsCheck(String objective, String check) throws Exception {
        Path ws = Files.createDirectories(temp.resolve("specs-" + Math.abs(objective.hashCode())));
        write(ws, "package.json", "{\"scripts\":{\"test\":\"vitest run\"},\"devDependencies\":{\"vitest\":\"3\"}}");
        write(ws, "src/index.ts", "/** Parse a `Cookie` header. */\nexport function parseCookie(str: string) { return { str }; }\n\n"
                + "/** Stringify a cookie object into a `Cookie` header. */\nexport function stringifyCookie(c: object) { return String(c); }\n\n"
                + "/** Parse a `Set-Cookie` header: name, value, Max-Age and the other attributes. */\n"
                + "export function parseSetCookie(str: string) { const maxAge = Number(str); return { maxAge }; }\n");
        for (String spec : List.of("parse-cookie", "parse-set-cookie", "stringify-cookie")) {
            write(ws, "src/" + spec + ".spec.ts", "import { describe, it, expect } from 'vitest';\nimport * as cookie from './index.js';\n\n"
                    + "describe('" + spec + "', () => {\n  it('works', () => { expect(cookie).toBeDefined(); });\n});\n");
        }
        PlanDraft draft = new BuiltInPlanner().plan(objective, facts(ws), null);
        assertThat(draft.packets().get(0).acceptanceTests()).first().isEqualTo(check);
    }

    @Test
    void aWorkspacePackageIsCheckedByTheRootTestTitledWithItsNameAndANameInOnePackageKeepsTheChangeThere() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("npm-titled"));
        write(ws, "package.json", "{\"name\":\"mono\",\"private\":true,\"workspaces\":[\"packages/*\"],"
                + "\"scripts\":{\"format\":\"prettier --write .\",\"test-api\":\"node --conditions development test.js\","
                + "\"test-coverage\":\"c8 --100 -- npm run test-api\",\"test\":\"npm run format && npm run test-coverage\"}}");
        write(ws, "packages/mark-parse/package.json", "{\"name\":\"mark-parse\"}");
        write(ws, "packages/mark-parse/lib/index.js", "/** Options: the extensions of the parser, passed by plugins. */\n"
                + "export function parse(options) {\n  const extensions = options.extensions || [];\n  return extensions;\n}\n");
        write(ws, "packages/mark-stringify/package.json", "{\"name\":\"mark-stringify\"}");
        write(ws, "packages/mark-stringify/lib/index.js", "/** Options of the serializer. */\nexport function stringify(options) {\n"
                + "  const settings = {extensions: this.data('toMarkExtensions') || []};\n  return settings;\n}\n");
        write(ws, "packages/mark-cli/package.json", "{\"name\":\"mark-cli\",\"bin\":\"cli.js\"}");
        write(ws, "packages/mark-cli/cli.js", "#!/usr/bin/env node\nconst extensions = ['md', 'markdown']; // the extensions of files\n"
                + "console.log(extensions);\n");
        write(ws, "test.js", "import test from 'node:test';\n\ntest('mark-parse', async function (t) {});\n\n"
                + "test('mark-stringify', async function (t) {\n  await t.test('should support extensions', function () {});\n});\n");
        PlanDraft draft = new BuiltInPlanner().plan("combine `extensions` passed in the serializer's options with the "
                + "`toMarkExtensions` that plugins register", facts(ws), null);
        assertThat(draft.packets()).hasSize(1);
        TaskPacket packet = draft.packets().get(0);
        assertThat(packet.objective()).startsWith("Make the change in packages/mark-stringify/lib/index.js that");
        assertThat(packet.acceptanceTests()).first()
                .isEqualTo("node --conditions development --test-name-pattern '^mark-stringify$' test.js");
        assertThat(ObjectiveTerms.words("the serializer's options, don't")).containsExactly("the", "serializer", "options", "don't");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // tox's environment in pyproject (TOML lists), tox.ini, a Makefile: the project's own command is unittest's
        "pyproject.toml|[tool.tox.env_run_base]\\ncommands = [[\"python\", \"-m\", \"unittest\", {replace = \"posargs\"}]]\\n"
                + "|PYTHONPATH=src python3 -m unittest tests.test_error",
        "tox.ini|[testenv]\\ncommands = python -m unittest discover\\n|PYTHONPATH=src python3 -m unittest tests.test_error",
        "Makefile|test:\\n\\tpython3 -m unittest -v\\n|PYTHONPATH=src python3 -m unittest tests.test_error",
        // a pytest configuration makes pytest the runner, whatever else mentions unittest
        "setup.cfg|[tool:pytest]\\naddopts = -ra\\n[x]\\ncmd = python -m unittest\\n|PYTHONPATH=src pytest 'tests/test_error.py'",
    })
    void aUnittestProjectIsCheckedByUnittestOnItsTestModules(String file, String text, String check) throws Exception {
        Path ws = Files.createDirectories(temp.resolve("unittest-" + Math.abs((file + text).hashCode())));
        write(ws, file, text.replace("\\n", "\n").replace("\\t", "\t"));
        write(ws, "src/tomlish/__init__.py", "from ._parser import ParseError, loads\n");
        write(ws, "src/tomlish/_parser.py", "class ParseError(ValueError):\n    def __init__(self, msg, doc, pos):\n"
                + "        self.colno = pos - doc.rfind('\\n', 0, pos)\n\n\ndef loads(text):\n    return {}\n");
        // the test package's __init__ re-exports the library: a shim, not a test module
        write(ws, "tests/__init__.py", "import tomlish as lib\n");
        write(ws, "tests/test_error.py", "import unittest\n\nfrom . import lib\n\n\nclass TestError(unittest.TestCase):\n"
                + "    def test_colno(self):\n        self.assertEqual(lib.ParseError('x', 'ab', 1).colno, 1)\n");
        PlanDraft draft = new BuiltInPlanner().plan("`ParseError.colno` is off by one after a line break; count the column from it",
                facts(ws), null);
        assertThat(draft.packets()).hasSize(1);
        assertThat(draft.packets().get(0).acceptanceTests()).first().isEqualTo(check);
        assertThat(checks(draft)).noneMatch(c -> c.contains("__init__"));
    }

    @Test
    void aUnittestCheckCoveringEveryModuleIsNarrowedToTheOneAssertingTheObjectivesNames() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("unittest-every"));
        write(ws, "tox.ini", "[testenv]\ncommands = python -m unittest\n");
        write(ws, "src/tomlish/__init__.py", "from ._parser import ParseError, loads\n");
        write(ws, "src/tomlish/_parser.py", "class ParseError(ValueError):\n    def __init__(self, msg, doc, pos):\n"
                + "        self.colno = pos - doc.rfind('\\n', 0, pos)\n\n\ndef loads(text):\n    return {}\n");
        write(ws, "tests/__init__.py", "import tomlish as lib\n");
        write(ws, "tests/test_data.py", "import unittest\n\nfrom . import lib\n\n\nclass TestData(unittest.TestCase):\n"
                + "    def test_valid(self):\n        self.assertEqual(lib.loads('a = 1'), {})\n");
        write(ws, "tests/test_error.py", "import unittest\n\nfrom . import lib\n\n\nclass TestError(unittest.TestCase):\n"
                + "    def test_colno(self):\n        self.assertEqual(lib.ParseError('x', 'ab', 1).colno, 1)\n");
        write(ws, "tests/test_misc.py", "import unittest\n\nfrom . import lib\n\n\nclass TestMisc(unittest.TestCase):\n"
                + "    def test_empty(self):\n        self.assertEqual(lib.loads(''), {})\n");
        PlanDraft draft = new BuiltInPlanner().plan("`ParseError.colno` is off by one after a line break; count the column from it",
                facts(ws), null);
        // the three modules are the whole suite, which the final check runs once: the narrowed check is the covering one
        assertThat(draft.packets().get(0).acceptanceTests()).first().isEqualTo("PYTHONPATH=src python3 -m unittest tests.test_error");
        assertThat(checks(draft)).contains("PYTHONPATH=src python3 -m unittest");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "tests/test_error.py|true", "tests/test_pysemver-cli.py|true", "pkg/parser_test.py|true", "test.py|true",
        "tests/__init__.py|false", "tests/conftest.py|false", "tests/helpers.py|false", "tests/testing.py|false",
    })
    void pythonTestModulesAreWhatTheRunnersCollect(String path, boolean test) {
        assertThat(TestRunner.isPythonTestModule(path)).isEqualTo(test);
    }
}
