package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A one-file library whose tests are split by API function and one file of options: an objective naming an option in code
 * form (`failsoft`) that only the options' test file holds is checked by that file, not by the API files that share the
 * library's everyday words.
 */
class OptionTestsTest {
    @TempDir
    Path temp;

    @Test
    void theOnlyTestHoldingTheOptionTheObjectiveNamesComesFirst() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("globs"));
        write(ws, "package.json", "{\"name\":\"globs\",\"main\":\"index.js\",\"scripts\":{\"test\":\"mocha\"}}");
        write(ws, "index.js", "function globs(list, patterns, options = {}) {\n  const matches = list.filter(item => patterns.includes(item));\n"
                + "  if (matches.length === 0 && options.failsoft === false) {\n    throw new Error('No matches found');\n  }\n"
                + "  return matches;\n}\nglobs.isMatch = (item, pattern) => globs([item], [pattern]).length > 0;\n"
                + "globs.all = (item, patterns) => patterns.every(p => globs.isMatch(item, p));\nmodule.exports = globs;\n");
        for (String api : new String[] {"isMatch", "all", "capture", "contains"}) {
            write(ws, "test/api." + api + ".js", "const assert = require('assert');\nconst globs = require('..');\n\n"
                    + "describe('globs." + api + "', () => {\n  it('matches patterns in a list', () => {\n"
                    + "    assert.deepStrictEqual(globs(['a', 'b'], ['a']), ['a']);\n  });\n});\n");
        }
        write(ws, "test/options.js", "const assert = require('assert');\nconst globs = require('..');\n\n"
                + "describe('options', () => {\n  it('throws with failsoft: false', () => {\n"
                + "    assert.throws(() => globs(['a'], ['b'], { failsoft: false }));\n  });\n});\n");
        PlanDraft draft = new BuiltInPlanner().plan("with the `failsoft` option set to false, `globs(list, patterns, options)` must "
                + "throw when nothing matches", facts(ws), null);
        assertThat(draft.packets()).hasSize(1);
        assertThat(draft.packets().get(0).acceptanceTests().get(0)).startsWith("npx mocha 'test/options.js'");
    }
}
