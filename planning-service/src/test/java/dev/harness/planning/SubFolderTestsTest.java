package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mocha library whose top-level specs load every file of a sub-folder (test/cases/*.js, one per reported case): the only
 * test passing the option an objective gives lives there, and it, not the specs named after the changed file that never
 * pass the option, is the targeted check.
 */
class SubFolderTestsTest {
    @TempDir
    Path temp;

    private Path library() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("serial"));
        write(ws, "package.json", "{\"name\":\"serial\",\"exports\":{\".\":\"./index.js\"},\"scripts\":{\"lint\":\"eslint .\","
                + "\"test\":\"npm run lint && mocha\"}}");
        write(ws, "index.js", "var writer = require('./lib/writer');\nvar reader = require('./lib/reader');\n"
                + "module.exports.write = writer.write;\nmodule.exports.read = reader.read;\n");
        write(ws, "lib/writer.js", "function writeScalar(state, value, isKey) {\n"
                + "  if (state.quoteAll && !isKey) {\n    return '\"' + value + '\"';\n  }\n  return value;\n}\n"
                + "function write(object, options) {\n  var state = { quoteAll: options && options.quoteAll, out: '' };\n"
                + "  for (var key of Object.keys(object)) {\n"
                + "    state.out += writeScalar(state, key, true) + ': ' + writeScalar(state, object[key], false) + '\\n';\n  }\n"
                + "  return state.out;\n}\nmodule.exports.write = write;\n");
        write(ws, "lib/reader.js", "function read(text) {\n  var result = {};\n  for (var line of text.split('\\n')) {\n"
                + "    var pair = line.split(': ');\n    result[pair[0]] = pair[1];\n  }\n  return result;\n}\n"
                + "module.exports.read = read;\n");
        write(ws, "test/10-writer.js", "var assert = require('assert');\nvar serial = require('../');\n\n"
                + "describe('write', function () {\n  it('writes every pair', function () {\n"
                + "    assert.strictEqual(serial.write({ a: 1 }), 'a: 1\\n');\n  });\n});\n");
        write(ws, "test/20-writer-fuzzy.js", "var assert = require('assert');\nvar serial = require('../');\n\n"
                + "describe('write, fuzzed', function () {\n  it('reads back what it writes', function () {\n"
                + "    assert.deepStrictEqual(serial.read(serial.write({ b: 'c' }).trim()), { b: 'c' });\n  });\n});\n");
        write(ws, "test/30-cases.js", "var path = require('path');\nvar fs = require('fs');\n\n"
                + "describe('Cases', function () {\n  var cases = path.resolve(__dirname, 'cases');\n"
                + "  fs.readdirSync(cases).forEach(function (file) {\n    if (path.extname(file) === '.js') {\n"
                + "      require(path.resolve(cases, file));\n    }\n  });\n});\n");
        write(ws, "test/cases/0017.js", "var assert = require('assert');\nvar serial = require('../../');\n\n"
                + "it('reads an empty value', function () {\n  assert.deepStrictEqual(serial.read('a: '), { a: '' });\n});\n");
        write(ws, "test/cases/0529.js", "var assert = require('assert');\nvar serial = require('../../');\n\n"
                + "it('quotes values but not keys', function () {\n"
                + "  assert.strictEqual(serial.write({ a: 'b' }, { quoteAll: true }), 'a: \"b\"\\n');\n});\n");
        return ws;
    }

    @Test
    void theOnlyTestPassingTheOptionIsTheCheckThoughASubFolderHoldsIt() throws Exception {
        PlanDraft draft = new BuiltInPlanner().plan("`write` with `quoteAll: true` must quote every string value but leave "
                + "mapping keys unquoted", facts(library()), null);
        assertThat(draft.packets()).hasSize(1);
        assertThat(draft.packets().get(0).objective()).contains("Make the change in lib/writer.js that");
        List<String> checks = draft.packets().get(0).acceptanceTests();
        assertThat(checks.get(0)).startsWith("npx mocha 'test/cases/0529.js'").doesNotContain("0017");
    }
}
