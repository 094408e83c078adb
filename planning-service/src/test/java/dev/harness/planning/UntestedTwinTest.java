package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.located;
import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One JavaScript module kept in two folders (src/utils.js and a hand-kept port deno/utils.js): the copy the project's
 * tests reach is the place; the port changes only when the objective names its folder.
 */
class UntestedTwinTest {
    @TempDir
    Path temp;

    private Path cli() throws Exception {
        Path ws = temp.resolve("cli");
        write(ws, "package.json", "{\"name\":\"cli\",\"main\":\"src/index.js\",\"scripts\":{\"test\":\"tape test/*.js\"},"
                + "\"devDependencies\":{\"tape\":\"^5.0.0\"}}");
        String utils = "export function help(options) {\n  return options.map(o => o.flags + '  ' + o.description).join('\\n');\n}\n"
                + "export function defaultValue(option) {\n  return option.default;\n}\n";
        write(ws, "src/utils.js", utils);
        write(ws, "deno/utils.js", utils);
        write(ws, "src/index.js", "import * as $ from './utils';\nexport default function cli(name) {\n  return $.help([]);\n}\n");
        write(ws, "deno/mod.js", "import * as $ from './utils.js';\nexport default function cli(name) {\n  return $.help([]);\n}\n");
        write(ws, "test/utils.js", "import test from 'tape';\nimport * as $ from '../src/utils';\n\n"
                + "test('help', t => {\n  t.ok($.help([]) === '');\n  t.end();\n});\n");
        return ws;
    }

    @Test
    void theTestedCopyIsThePlace() throws Exception {
        assertThat(located("the help text should show an option's default value after its description", facts(cli())))
                .contains("src/utils.js").doesNotContain("deno/utils.js");
    }

    @Test
    void thePortChangesWhenTheObjectiveNamesItsFolder() throws Exception {
        assertThat(located("in the deno port, the help text should show an option's default value after its description", facts(cli())))
                .contains("deno/utils.js");
    }
}
