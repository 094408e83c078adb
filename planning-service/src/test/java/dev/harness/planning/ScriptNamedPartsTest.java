package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.located;
import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A TypeScript function the objective names by a word ({@code tidy should …}) that does its own work but hands one part
 * of it to an imported function named after a word of the objective ({@code tidyUnixPath} for "Unix"): the part is
 * written in that function's file when it holds the objective's words the named file lacks ("lower", "case" of
 * {@code toLowerCase}); a named function writing the part itself keeps its file.
 */
class ScriptNamedPartsTest {
    @TempDir
    Path temp;

    private Path project() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("paths"));
        write(ws, "package.json", "{\"name\": \"paths\", \"type\": \"module\", \"scripts\": {\"test\": \"vitest run\"}}\n");
        write(ws, "src/_shared.ts", "const _HOME_PREFIX_RE = /^~[A-Z]+\\//;\n\n// Util to tidy unix paths\n"
                + "export function tidyUnixPath(input = \"\") {\n  if (!input) {\n    return input;\n  }\n"
                + "  return input.replace(/\\/+/g, \"/\").replace(_HOME_PREFIX_RE, (r) => r.toLowerCase());\n}\n");
        write(ws, "src/paths.ts", "import { tidyUnixPath } from \"./_shared\";\n\nconst _TRAILING_RE = /\\/$/;\nconst _HOME_PREFIX_RE = /^~[a-z]+$/;\n\n"
                + "export const tidy: (p: string) => string = function (path: string) {\n  if (path.length === 0) {\n    return \".\";\n  }\n"
                + "  // Tidy unix argument\n  path = tidyUnixPath(path);\n  const trailing = _TRAILING_RE.test(path);\n"
                + "  path = path.split(\"/\").filter((s) => s !== \".\").join(\"/\");\n"
                + "  if (_HOME_PREFIX_RE.test(path)) {\n    path += \"/\";\n  }\n  return trailing ? path + \"/\" : path;\n};\n\n"
                + "export function strip(path: string, prefix: string) {\n  const tidied = tidyUnixPath(path);\n"
                + "  return tidied.startsWith(prefix) ? tidied.slice(prefix.length) : tidied;\n}\n");
        write(ws, "test/paths.spec.ts", "import { expect, it } from \"vitest\";\nimport { tidy, strip } from \"../src/paths\";\n\n"
                + "it(\"tidies\", () => {\n  expect(tidy(\"a//b/./c\")).toBe(\"a/b/c\");\n  expect(strip(\"/a/b\", \"/a\")).toBe(\"/b\");\n});\n");
        return ws;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // tidy hands the Unix part to tidyUnixPath, whose file lower-cases the home prefix
        "tidy should lower-case a Unix home prefix: ~ROOT/foo becomes ~root/foo|src/_shared.ts",
        // what tidy does itself (dropping the dot segments, a slash after a bare home prefix): its file stays (the helper
        // shares the objective's words)
        "tidy should drop the dot segments of a Unix path: a/./b becomes a/b|src/_shared.ts;src/paths.ts",
        "tidy should add a slash after a bare Unix home prefix: ~root becomes ~root/|src/paths.ts;src/_shared.ts",
    })
    void aNamedFunctionLeadsToThePartItHandsToAFunctionNamedAfterTheObjective(String objective, String files) throws Exception {
        assertThat(located(objective, facts(project()))).containsExactlyElementsOf(Arrays.asList(files.split(";")));
    }
}
