package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Values an objective writes in code form ({@code `video/mp4`}) held verbatim by one file say where the change is, as
 * surely as the function the objective names; and a one-file suite is run once, not as the narrowed check and again as
 * {@code npm test}.
 */
class LiteralValuesTest {
    @TempDir
    Path temp;

    private Path typesLibrary(String testScript) throws Exception {
        Path ws = Files.createDirectories(temp.resolve("types"));
        write(ws, "package.json", "{\"name\":\"types\",\"main\":\"index.js\",\"scripts\":{\"test\":\"" + testScript + "\"}}");
        write(ws, "index.js", "var score = require('./score');\nvar db = require('./db.json');\n"
                + "// lookup: the type of a path's extension; the database may list an extension for several types\n"
                + "function lookup (path) {\n  var types = db[path.replace(/^.*\\./, '')] || [];\n"
                + "  return types.sort(function (a, b) { return score(b) - score(a); })[0] || false;\n}\n"
                + "module.exports = { lookup: lookup };\n");
        write(ws, "score.js", "// rank the types of one extension\nvar TYPE_SCORES = {\n"
                + "  // prefer video/mp4 over audio/mp4 over application/mp4\n  audio: 2,\n  video: 3,\n  default: 0\n}\n"
                + "module.exports = function score (type) { return TYPE_SCORES[type.split('/')[0]] || TYPE_SCORES.default; };\n");
        write(ws, "db.json", "{\"mp4\": [\"application/mp4\", \"video/mp4\"]}\n");
        write(ws, "test/test.js", "var types = require('..');\ndescribe('lookup', function () { it('mp4', function () {"
                + " types.lookup('.mp4'); }); });\n");
        return ws;
    }

    @Test
    void theFileHoldingTheObjectivesValuesVerbatimIsTheChangeNotTheNamedFunctionsEntry() throws Exception {
        PlanDraft draft = new BuiltInPlanner().plan("`lookup('.mp4')` must return `video/mp4`, not `application/mp4`, although "
                + "the database lists the extension for both", facts(typesLibrary("mocha --reporter spec test/test.js")), null);
        assertThat(draft.packets()).hasSize(1);
        assertThat(draft.packets().get(0).objective()).contains("Make the change in score.js that");
        assertThat(draft.packets().get(0).description()).contains("score.js:3 // prefer video/mp4 over audio/mp4 over application/mp4");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // the test script runs that one file: the narrowed check is the suite
        "mocha --reporter spec test/test.js|npx mocha --reporter spec 'test/test.js'",
        // a directory may hold more than the covering file: the suite stays
        "mocha --reporter spec test/|npx mocha --reporter spec 'test/test.js';npm test",
        // the same options, the same file: one run
        "mocha --reporter dot --check-leaks test/test.js|npx mocha --reporter dot --check-leaks 'test/test.js'",
        // a glob: whatever else it matches
        "mocha --reporter dot test/*.js|npx mocha --reporter dot 'test/test.js';npm test",
    })
    void aOneFileSuiteIsRunOnceNotAgainAsNpmTest(String script, String checks) throws Exception {
        PlanDraft draft = new BuiltInPlanner().plan("`lookup` must ignore the case of the extension", facts(typesLibrary(script)), null);
        assertThat(draft.packets()).hasSize(1);
        assertThat(String.join(";", draft.packets().get(0).acceptanceTests())).isEqualTo(checks);
    }
}
