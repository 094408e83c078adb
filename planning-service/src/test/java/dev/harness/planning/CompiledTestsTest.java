package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.write;
import static dev.harness.planning.ScannedWorkspace.facts;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Tests that import what a pretest hook compiles (build/) see a change only after that build: the narrowed check keeps
 * the hook in front. A TypeScript test is the build's input, never handed to mocha without a loader.
 */
class CompiledTestsTest {
    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        // the hook compiles the sources the tests import from build/
        "rimraf build && tsc -p tsconfig.test.json|../build/lib/digits.js|npm run pretest && npx mocha 'test/digits.mjs'",
        // tests importing the sources need no build to see the change
        "rimraf build && tsc -p tsconfig.test.json|../lib/digits.js|npx mocha 'test/digits.mjs'",
        // a hook that only lints is left out of every check
        "eslint .|../build/lib/digits.js|npx mocha 'test/digits.mjs'",
        // no hook
        "''|../build/lib/digits.js|npx mocha 'test/digits.mjs'",
    })
    void aNarrowedCheckBuildsFirstWhenTheTestScriptsPretestBuilds(String pretest, String imported, String check) throws Exception {
        Path ws = Files.createDirectories(temp.resolve("compiled"));
        write(ws, "package.json", "{\"name\":\"digits\",\"scripts\":{" + (pretest.isEmpty() ? "" : "\"pretest\":\"" + pretest + "\",")
                + "\"test\":\"c8 mocha test/*.mjs\"}}");
        write(ws, "lib/digits.ts", "export function looksLikeDigits(x: string): boolean { return /^\\d+$/.test(x); }\n");
        write(ws, "test/digits.mjs", "import { looksLikeDigits } from '" + imported + "';\ndescribe('digits', () => {"
                + " it('reads', () => looksLikeDigits('1')); });\n");
        write(ws, "test/typescript/digits.ts", "import { looksLikeDigits } from '../../lib/digits.js';\ndescribe('types', () => {"
                + " it('types', () => looksLikeDigits('1')); });\n");
        PlanDraft draft = new BuiltInPlanner().plan("make looksLikeDigits accept leading zeros", facts(ws), null);
        assertThat(draft.packets()).hasSize(1);
        assertThat(draft.packets().get(0).acceptanceTests()).first().isEqualTo(check);
    }
}
