package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A library whose functions hand part of their rule to another one (the URL check asks the host check), whose suite is
 * one big file calling a shared helper, and whose tests load the build: the change goes where the rule is written, the
 * big suite is the check, the helper is never handed to the runner, and the build (not the lint) runs first.
 */
class DelegatedRuleTest {
    @TempDir
    Path temp;

    private Path checks() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("checks"));
        write(ws, "package.json", "{\"name\":\"checks\",\"main\":\"index.js\",\"scripts\":{"
                + "\"lint\":\"eslint src test\",\"build\":\"babel src -d .\",\"pretest\":\"npm run build && npm run lint\","
                + "\"test\":\"mocha --require @babel/register --reporter dot --recursive\"}}");
        write(ws, "src/index.js", "import isLink from './lib/isLink';\nimport isHostName from './lib/isHostName';\n"
                + "import isMail from './lib/isMail';\nimport trim from './lib/trim';\n"
                + "export default { isLink, isHostName, isMail, trim };\n");
        write(ws, "src/lib/isLink.js", "import isHostName from './isHostName';\n\n"
                + "export default function isLink(url, options) {\n  const [protocol, rest] = url.split('://');\n"
                + "  if (!rest || !['http', 'https'].includes(protocol)) {\n    return false;\n  }\n"
                + "  const host = rest.split('/')[0];\n  return isHostName(host, options);\n}\n");
        write(ws, "src/lib/isHostName.js", "export default function isHostName(str, options = {}) {\n"
                + "  const parts = str.split('.');\n  for (const part of parts) {\n"
                + "    // disallow parts starting or ending with hyphen\n    if (/^-|-$/.test(part)) {\n      return false;\n    }\n"
                + "    // reject empty labels\n    if (!part.length) {\n      return false;\n    }\n  }\n  return true;\n}\n");
        write(ws, "src/lib/isMail.js", "import isHostName from './isHostName';\n\n"
                + "export default function isMail(str) {\n  const [user, domain] = str.split('@');\n"
                + "  return user.length > 0 && isHostName(domain);\n}\n");
        write(ws, "src/lib/trim.js", "export default function trim(str) {\n  return str.replace(/^\\s+|\\s+$/g, '');\n}\n");
        // the shared helper: it defines test() and calls the library; no test of its own
        write(ws, "test/testFunctions.js", "import assert from 'assert';\nimport validator from '../src/index';\n\n"
                + "export default function test(options) {\n  (options.valid || []).forEach((v) => {\n"
                + "    assert.ok(validator[options.validator](v));\n  });\n}\n");
        // the big suite: every function's cases, through the helper, and the built entry
        StringBuilder big = new StringBuilder("import validator from '../index';\nimport test from './testFunctions';\n\n"
                + "describe('Validators', () => {\n  it('should validate links', () => {\n"
                + "    test({ validator: 'isLink', valid: ['http://foo.com/'], invalid: ['http://foo-.com/'] });\n  });\n"
                + "  it('should validate host names', () => {\n    test({ validator: 'isHostName', valid: ['foo.com'] });\n  });\n"
                + "  it('should validate mail addresses', () => {\n    test({ validator: 'isMail', valid: ['a@foo.com'] });\n  });\n");
        while (big.length() < ContentIndex.MAX_FILE_BYTES + 10_000) {
            big.append("  it('should validate mail addresses, case ").append(big.length())
                    .append("', () => {\n    test({ validator: 'isMail', valid: ['user@example.com'] });\n  });\n");
        }
        write(ws, "test/validators.test.js", big.append("});\n").toString());
        write(ws, "test/trim.test.js", "import assert from 'assert';\nimport validator from '../src/index';\n\n"
                + "describe('trim', () => {\n  it('trims', () => {\n    assert.equal(validator.trim(' a '), 'a');\n  });\n});\n");
        return ws;
    }

    @Test
    void theFunctionTheNamedOneCallsHoldingTheRuleJoinsTheChange() throws Exception {
        PlanDraft draft = new BuiltInPlanner().plan("`isLink` must reject a host whose label ends with a hyphen, such as "
                + "`http://www.foo-.com/`", facts(checks()), null);
        assertThat(draft.packets()).hasSize(1);
        // the packet's files also list the tests it asks to adjust (test/…): the code files are these
        assertThat(draft.packets().get(0).files()).filteredOn(f -> !f.startsWith("test/"))
                .containsExactly("src/lib/isLink.js", "src/lib/isHostName.js");
        assertThat(draft.packets().get(0).description()).contains("src/lib/isHostName.js:4 // disallow parts starting or ending with hyphen");
    }

    @Test
    void aCalleeSharingOneWordByChanceIsNoChangeFile() throws Exception {
        // "reject" is in the host check's comment too: one word in common is chance, not the rule
        PlanDraft draft = new BuiltInPlanner().plan("`isMail` must reject an address whose user name is shorter than six "
                + "characters", facts(checks()), null);
        assertThat(draft.packets()).hasSize(1);
        assertThat(draft.packets().get(0).files()).filteredOn(f -> !f.startsWith("test/")).containsExactly("src/lib/isMail.js");
    }

    @Test
    void theBigSuiteThroughTheSharedHelperIsTheCheckAfterTheBuildWithoutTheLint() throws Exception {
        PlanDraft draft = new BuiltInPlanner().plan("`isMail` must reject an address whose user name is shorter than six "
                + "characters", facts(checks()), null);
        List<String> tests = draft.packets().get(0).acceptanceTests();
        assertThat(tests.get(0)).startsWith("npm run build && npx mocha --require @babel/register --reporter dot --recursive "
                + "'test/validators.test.js'").doesNotContain("testFunctions").doesNotContain("lint");
    }

    @Test
    void aTestFileOverTheIndexLimitForOtherFilesIsIndexed() throws Exception {
        Path ws = checks();
        ContentIndex index = facts(ws).content();
        assertThat(Files.size(ws.resolve("test/validators.test.js"))).isGreaterThan(ContentIndex.MAX_FILE_BYTES);
        assertThat(index.contains("test/validators.test.js")).isTrue();
        assertThat(index.holdsNoTests("test/testFunctions.js")).isTrue();
        assertThat(index.holdsNoTests("test/trim.test.js")).isFalse();
    }

    @Test
    void theOneFileWritingAPhraseTheObjectiveQuotesInCodeFormIsTheChange() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("yaml"));
        write(ws, "package.json", "{\"name\":\"yamlish\",\"main\":\"index.js\",\"scripts\":{\"test\":\"mocha\"}}");
        write(ws, "index.js", "var loader = require('./lib/loader');\nvar dumper = require('./lib/dumper');\n"
                + "module.exports.load = loader.load;\nmodule.exports.dump = dumper.dump;\n");
        write(ws, "lib/loader.js", "function storeMappingPair(state, result, key, value) {\n"
                + "  if (!state.json && Object.prototype.hasOwnProperty.call(result, key)) {\n"
                + "    throw new Error('duplicated mapping key');\n  }\n  result[key] = value;\n}\n"
                + "function load(input, options) {\n  var state = { json: options && options.json };\n  return state;\n}\n"
                + "module.exports.load = load;\n");
        // the dumper is full of the objective's everyday words: mapping, key, json, option
        write(ws, "lib/dumper.js", "// write a mapping: each key, then its value; the json option quotes every key\n"
                + "function writeMapping(state, mapping) {\n  var keys = Object.keys(mapping);\n"
                + "  for (var key of keys) {\n    state.dump += (state.json ? JSON.stringify(key) : key) + ': ' + mapping[key];\n  }\n}\n"
                + "function dump(mapping, options) {\n  var state = { dump: '', json: options && options.json, mapping: mapping };\n"
                + "  writeMapping(state, mapping);\n  return state.dump;\n}\nmodule.exports.dump = dump;\n");
        write(ws, "test/loader.js", "var yaml = require('..');\ndescribe('load', function () { it('throws', function () {"
                + " yaml.load('a: 1\\na: 2'); }); });\n");
        write(ws, "test/dumper.js", "var yaml = require('..');\ndescribe('dump', function () { it('writes a mapping key', function () {"
                + " yaml.dump({ key: 1 }, { json: true }); }); });\n");
        PlanDraft draft = new BuiltInPlanner().plan("`load` must reject a mapping that repeats a key with a `duplicated mapping key` "
                + "error, except with the `json: true` option, where the last value wins", facts(ws), null);
        assertThat(draft.packets()).hasSize(1);
        assertThat(draft.packets().get(0).objective()).contains("Make the change in lib/loader.js that");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "add dark mode to the dashboard|dark,mode,dashboard",
        "Parsing the Headers twice|parsing,headers",
    })
    void aWarningQuotesTheObjectivesWordsNotTheirStems(String objective, String words) {
        List<String> stems = java.util.Arrays.stream(words.split(",")).map(ObjectiveTerms::stem).toList();
        assertThat(BuiltInPlanner.asWritten(objective, stems)).containsExactly(words.split(","));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // the lint step is left out, the build kept
        "npm run build && npm run lint|npm run build",
        // a lint tool run directly is left out too; a compiler not on PATH outside npm gets npx
        "tsc -p . && eslint src|npx tsc -p .",
        // nothing to leave out: the hook as it is
        "npm run build|npm run pretest",
        "rimraf build && tsc|npm run pretest",
    })
    void aPretestIsRunWithoutItsLintSteps(String pretest, String expected) throws Exception {
        String json = "{\"lint\":\"eslint src test\",\"build\":\"babel src -d .\",\"pretest\":\"" + pretest + "\"}";
        assertThat(String.join(" && ", ScriptChain.withoutStyle(new ObjectMapper().readTree(json), "pretest"))).isEqualTo(expected);
    }
}
