package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.located;
import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** An objective led by a commit message's scope ("parse: …", "fix(stringify): …") is about the module so named. */
class ScopeLabelTest {
    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "parse: make the `arrayLimit` boundary the same for indexed keys as for brackets|lib/parse.js",
        "fix(stringify): make the `arrayLimit` boundary the same for indexed keys as for brackets|lib/stringify.js",
    })
    void theScopedModuleIsThePlace(String objective, String expected) throws Exception {
        Path ws = temp.resolve("query");
        write(ws, "package.json", "{\"name\":\"query\",\"main\":\"lib/index.js\",\"scripts\":{\"test\":\"node --test test/\"}}");
        for (String module : new String[] {"parse", "stringify"}) {
            write(ws, "lib/" + module + ".js", "var defaults = { arrayLimit: 20 };\n\nmodule.exports = function " + module
                    + " (input, opts) {\n  var arrayLimit = opts && opts.arrayLimit || defaults.arrayLimit;\n"
                    + "  // indexed keys past the arrayLimit boundary become object keys, brackets too\n"
                    + "  return arrayLimit > 0 ? input : null;\n};\n");
        }
        write(ws, "test/parse.js", "require('../lib/parse')\n");
        assertThat(located(objective, facts(ws))).containsExactly(expected);
    }
}
