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
 * A TypeScript library whose tests import the bundle a build writes (../../lib/md.esm.js, not a workspace file) and whose
 * test script is a chain of builds and node:test runs: the tests reach the sources the bundle is built from, and the
 * targeted check runs the build script that writes the bundle (not the whole build with types), then node --test on the
 * covering test file the scripts run (not a helper script under test/).
 */
class BundledTestsTest {
    @TempDir
    Path temp;

    private Path library() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("md"));
        write(ws, "package.json", "{\"name\":\"md\",\"type\":\"module\",\"scripts\":{"
                + "\"build\":\"npm run build:bundle && npm run build:types\",\"build:bundle\":\"node bundle.config.js\","
                + "\"build:types\":\"tsc\",\"build:reset\":\"rimraf ./lib\",\"test:unit\":\"node --test --test-reporter=spec test/unit/*.test.js\","
                + "\"test:lint\":\"eslint\",\"test\":\"npm run build:reset && npm run build && npm run test:unit && npm run test:lint\"}}");
        write(ws, ".gitignore", "lib\nnode_modules/\n");
        write(ws, "bundle.config.js", "import * as esbuild from 'esbuild';\n"
                + "await esbuild.build({ entryPoints: ['src/md.ts'], bundle: true, format: 'esm', outfile: 'lib/md.esm.js' });\n");
        write(ws, "src/md.ts", "import { Writer } from './Writer.ts';\nexport { Writer };\n"
                + "export function render(items: number[]): string {\n  return new Writer().list(items);\n}\n");
        write(ws, "src/Writer.ts", "export class Writer {\n  list(items: number[]): string {\n"
                + "    const first = items[0];\n    const startAttr = first !== 1 ? ' start=\"' + first + '\"' : '';\n"
                + "    return '<ol' + startAttr + '>' + items.map(i => '<li>' + i + '</li>').join('') + '</ol>';\n  }\n}\n");
        write(ws, "test/unit/Writer.test.js", "import { Writer } from '../../lib/md.esm.js';\nimport assert from 'node:assert';\n"
                + "import { describe, it } from 'node:test';\n\ndescribe('Writer', () => {\n  it('writes a list', () => {\n"
                + "    assert.strictEqual(new Writer().list([1]), '<ol><li>1</li></ol>');\n  });\n});\n");
        // a script under test/ that node --test is never given: it prints a report
        write(ws, "test/report.js", "import { Writer } from '../lib/md.esm.js';\nimport { it } from 'node:test';\n"
                + "it('prints', () => console.log(new Writer().list([1, 2])));\n");
        return ws;
    }

    @Test
    void theBuildWritingTheBundleRunsBeforeTheCoveringTest() throws Exception {
        PlanDraft draft = new BuiltInPlanner().plan("the `Writer` list must write a `start` attribute when the list starts "
                + "at a number other than 1", facts(library()), null);
        assertThat(draft.packets()).hasSize(1);
        assertThat(draft.packets().get(0).objective()).contains("src/Writer.ts");
        List<String> checks = draft.packets().get(0).acceptanceTests();
        assertThat(checks.get(0)).isEqualTo("npm run build:bundle && node --test-reporter=spec --test 'test/unit/Writer.test.js'");
    }

    @Test
    void theFileWritingTheAttributeOfTheMarkupTheObjectiveShowsIsTheChange() throws Exception {
        Path ws = library();
        // an options type with the objective's everyday words (an ordered list's start, a number, rendering): no markup
        write(ws, "src/Options.ts", "/** Options of rendering. */\nexport interface Options {\n"
                + "  /** where an ordered list would start: a number, or nothing to render it from 1 */\n"
                + "  start?: (src: string) => number | void;\n  /** render an ordered list as a list of numbers */\n"
                + "  ordered?: boolean;\n  /** list numbers to render */\n  numbers?: number[];\n}\n");
        write(ws, "src/md.ts", "import { Writer } from './Writer.ts';\nimport type { Options } from './Options.ts';\nexport { Writer };\n"
                + "export function render(items: number[], options?: Options): string {\n  return new Writer().list(items);\n}\n");
        PlanDraft draft = new BuiltInPlanner().plan("an ordered list that starts at a number other than 1 (`3. three`) must "
                + "render with a `start` attribute (`<ol start=\"3\">`); a list starting at 1 gets none", facts(ws), null);
        assertThat(draft.packets()).hasSize(1);
        assertThat(draft.packets().get(0).files()).filteredOn(f -> f.startsWith("src/")).containsExactly("src/Writer.ts");
    }

    @Test
    void aTestImportingTheBundleReachesTheSourcesItIsBuiltFrom() throws Exception {
        WorkspaceFacts facts = facts(library());
        assertThat(facts.graph().importsOf("test/unit/Writer.test.js")).containsExactly("src/md.ts");
        assertThat(facts.graph().importsBuildOutput("test/unit/Writer.test.js")).isTrue();
        assertThat(facts.graph().importsBuildOutput("src/md.ts")).isFalse();
    }

    @Test
    void aTestImportingACompilersMirroredOutputReachesTheSourceOfThatPath() throws Exception {
        // jsdiff: tsc --outDir libesm keeps src/'s tree; test/patch/parse.js imports ../../libesm/patch/parse.js
        Path ws = Files.createDirectories(temp.resolve("mirrored"));
        write(ws, "package.json", "{\"name\":\"diff\",\"scripts\":{\"build\":\"tsc --outDir libesm\",\"test\":\"npm run build && mocha\"}}\n");
        write(ws, "src/patch/parse.ts", "export function parsePatch(text: string) {\n  return text.split('\\n');\n}\n");
        write(ws, "src/diff/parse.ts", "export function parse(text: string) {\n  return text;\n}\n");
        write(ws, "test/patch/parse.js", "import {parsePatch} from '../../libesm/patch/parse.js';\n\ndescribe('parsePatch', () => {\n"
                + "  it('parses', () => parsePatch('a'));\n});\n");
        WorkspaceFacts facts = facts(ws);
        assertThat(facts.graph().importsOf("test/patch/parse.js")).containsExactly("src/patch/parse.ts");
        assertThat(facts.graph().importsBuildOutput("test/patch/parse.js")).isTrue();
    }
}
