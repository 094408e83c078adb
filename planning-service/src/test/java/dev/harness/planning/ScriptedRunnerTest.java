package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A package whose tests run through a script of its own driving mocha's API (fs-extra: "unit": "nyc node test.js", the
 * script adding every *.test.js under lib/ to {@code new Mocha({timeout: 30000})}): the covering test files run under
 * mocha itself, with that timeout; the ESM smoke script beside it is no test file list; a barrel of ESM re-exports
 * ({@code export const copy = _copy.copy}) is no place for a change.
 */
class ScriptedRunnerTest {
    @TempDir
    Path temp;

    private static final String DRIVER = "'use strict'\nconst klaw = require('klaw')\nconst Mocha = require('mocha')\n"
            + "const mocha = new Mocha({ ui: 'bdd', reporter: 'dot', timeout: 30000 })\n"
            + "klaw('./lib').on('data', item => { if (item.path.endsWith('.test.js')) mocha.addFile(item.path) })\n"
            + "  .on('end', () => mocha.run(failures => process.exit(failures)))\n";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', nullValues = "NONE", value = {
            // the test script and the scripts it names                                            | mocha's options, or NONE
            "{\"test\":\"npm run lint && npm run unit && npm run unit-esm\",\"lint\":\"standard\",\"unit\":\"nyc node test.js\",\"unit-esm\":\"node test.mjs\"} | --timeout 30000 --exit",
            "{\"test\":\"node ./test.js\"}                                                               | --timeout 30000 --exit",
            "{\"test\":\"c8 --reporter=lcov node test.js\"}                                              | --timeout 30000 --exit",
            // a build first: the tests may need what it writes
            "{\"test\":\"npm run build && node test.js\",\"build\":\"tsc\"}                             | NONE",
            // a script of the package that is no mocha driver (the ESM smoke test)
            "{\"test\":\"node test.mjs\"}                                                                | NONE",
            "{\"test\":\"node test.js --grep slow\"}                                                     | NONE",
    })
    void aTestScriptRunningTheMochaDriverIsMocha(String scripts, String options) throws Exception {
        Map<String, String> files = Map.of("test.js", DRIVER, "test.mjs", "import assert from 'assert'\nimport fs from './lib/index.js'\n"
                + "assert.ok(fs.copy)\n");
        var found = TestRunner.scriptedMocha(new ObjectMapper().readTree(scripts), file -> files.getOrDefault(file, ""));
        assertThat(found.map(s -> s.runner() + " " + String.join(" ", s.options())).orElse(null))
                .isEqualTo(options == null ? null : "MOCHA " + options);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // a test script                                  | the options a narrowed run keeps (round 17's ws first)
            "mocha --throw-deprecation test/*.test.js          | --throw-deprecation",
            "mocha --trace-warnings --timeout 5000 test/        | --trace-warnings --timeout 5000",
            "mocha -r esm test/**/*.spec.js                     | -r esm",
    })
    void nodesOwnSwitchesTakeNoValueSoTheScriptsGlobIsNoOptionOfThem(String script, String options) {
        assertThat(TestRunner.jsScript(script, java.util.Set.of()).map(s -> String.join(" ", s.options())).orElse(null))
                .isEqualTo(options);
    }

    @Test
    void theCoveringTestFilesRunUnderMochaAndTheEsmBarrelIsNoPlace() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("fsx"));
        write(ws, "package.json", "{\"name\":\"fsx\",\"main\":\"./lib/index.js\",\"scripts\":{\"lint\":\"standard\","
                + "\"test\":\"npm run lint && npm run unit && npm run unit-esm\",\"unit\":\"nyc node test.js\",\"unit-esm\":\"node test.mjs\"},"
                + "\"devDependencies\":{\"mocha\":\"^10.0.0\",\"nyc\":\"^15.0.0\",\"klaw\":\"^4.0.0\",\"standard\":\"^17.0.0\"}}");
        write(ws, "test.js", DRIVER);
        write(ws, "test.mjs", "import assert from 'assert'\nimport { ensureSymlink } from './lib/esm.mjs'\nassert.ok(ensureSymlink)\n");
        write(ws, "lib/index.js", "module.exports = {\n  ...require('./ensure'),\n  ...require('./copy')\n}\n");
        write(ws, "lib/esm.mjs", "import _ensure from './ensure/index.js'\nimport _copy from './copy/index.js'\n\n"
                + "export const ensureSymlink = _ensure.ensureSymlink\nexport const ensureSymlinkSync = _ensure.ensureSymlinkSync\n"
                + "export const copy = _copy.copy\n\nexport default {\n  ..._ensure,\n  ..._copy\n}\n");
        write(ws, "lib/ensure/index.js", "const { createSymlink, createSymlinkSync } = require('./symlink')\n"
                + "module.exports = { ensureSymlink: createSymlink, ensureSymlinkSync: createSymlinkSync }\n");
        write(ws, "lib/ensure/symlink.js", "const { symlinkPaths } = require('./symlink-paths')\n"
                + "async function createSymlink (srcpath, dstpath) {\n  const relative = await symlinkPaths(srcpath, dstpath)\n"
                + "  return relative\n}\nfunction createSymlinkSync (srcpath, dstpath) { return srcpath }\n"
                + "module.exports = { createSymlink, createSymlinkSync }\n");
        write(ws, "lib/ensure/symlink-paths.js", "const path = require('path')\n"
                + "// a relative srcpath is relative to the link's directory, like fs.symlink; else to the current working directory\n"
                + "async function symlinkPaths (srcpath, dstpath) {\n  if (path.isAbsolute(srcpath)) return { toCwd: srcpath, toDst: srcpath }\n"
                + "  const dstdir = path.dirname(dstpath)\n  const relativeToDst = path.join(dstdir, srcpath)\n"
                + "  return { toCwd: relativeToDst, toDst: srcpath }\n}\nmodule.exports = { symlinkPaths }\n");
        write(ws, "lib/copy/index.js", "module.exports = { copy: require('./copy') }\n");
        write(ws, "lib/copy/copy.js", "module.exports = function copy (src, dest) { return dest }\n");
        write(ws, "lib/ensure/__tests__/symlink-paths.test.js", "const assert = require('assert')\n"
                + "const { symlinkPaths } = require('../symlink-paths')\n"
                + "describe('symlink-paths', () => { it('relative srcpath', async () => {\n"
                + "  assert.deepStrictEqual((await symlinkPaths('../foo.txt', 'dir/link.txt')).toDst, '../foo.txt') }) })\n");
        write(ws, "lib/copy/__tests__/copy.test.js", "const assert = require('assert')\nconst copy = require('../copy')\n"
                + "describe('copy', () => { it('copies', () => assert.strictEqual(copy('a', 'b'), 'b')) })\n");
        PlanDraft draft = new BuiltInPlanner().plan("ensureSymlink() rejects a source path written relative to the link: with foo.txt "
                + "in the current directory, fse.ensureSymlink('../foo.txt', 'dir/symlink.txt') fails with ENOENT. A relative srcpath "
                + "that exists relative to the link's directory should be used as-is.", facts(ws), null);
        assertThat(draft.packets()).hasSize(1);
        TaskPacket only = draft.packets().get(0);
        assertThat(only.objective()).contains("lib/ensure/symlink-paths.js").doesNotContain("esm.mjs");
        assertThat(only.acceptanceTests().get(0)).isEqualTo("npx mocha --timeout 30000 --exit 'lib/ensure/__tests__/symlink-paths.test.js'");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', nullValues = "NONE", value = {
            // the scripts beside a test chain run through a driver of its own (round 19's nunjucks) | the runner, or NONE
            "{\"test\":\"npm run lint && npm run test:runner\",\"test:runner\":\"node scripts/testrunner.js\",\"mocha\":\"mocha -R spec tests\"} | MOCHA -R spec",
            "{\"test\":\"node scripts/run.js\",\"unit\":\"jest\"}                                       | JEST",
            // two runners beside it: nothing says which runs the tests
            "{\"test\":\"node scripts/run.js\",\"unit\":\"jest\",\"spec\":\"mocha spec\"}                | NONE",
            // a watcher is no check
            "{\"test\":\"node scripts/run.js\",\"dev\":\"vitest --watch\"}                             | NONE",
            "{\"test\":\"node scripts/run.js\",\"lint\":\"eslint .\"}                                  | NONE",
            "{\"test\":\"node scripts/run.js\",\"bench\":\"vitest bench\"}                             | NONE",
            // no driver of the package's own in the chain: the chain's runner is read as it is
            "{\"test\":\"npm run build && npm run test:vitest\",\"test:vitest\":\"vitest run\",\"build\":\"rollup -c\"} | NONE",
    })
    void aRunnerScriptBesideADriverChainIsHowOneTestFileRuns(String scripts, String runner) throws Exception {
        var found = TestRunner.besideTheChain(new ObjectMapper().readTree(scripts), java.util.Set.of("tests", "spec", "scripts"));
        assertThat(found.map(x -> (x.runner() + " " + String.join(" ", x.options())).strip()).orElse(null)).isEqualTo(runner);
    }
}
