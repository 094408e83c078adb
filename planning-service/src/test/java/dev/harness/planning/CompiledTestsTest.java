package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.harness.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Tests written in TypeScript that the test script compiles with tsc and runs compiled: the narrowed check compiles the
 * same way (without the chain's lint) and runs the compiled paths of the covering tests.
 */
class CompiledTestsTest {
    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource(delimiter = '|', value = {
        // tsc -p ./src with outDir ../lib/esm: src/test/x.test.ts runs as lib/esm/test/x.test.js
        "npm run compile && node --test ./lib/esm/test/*.test.js | {\"compilerOptions\": {\"outDir\": \"../lib/esm\"}} | src/test/format.test.ts | npx tsc -p ./src | lib/esm/test/format.test.js",
        // a root tsconfig with its own rootDir
        "tsc && node --test dist/test/ | {\"compilerOptions\": {\"rootDir\": \"src\", \"outDir\": \"dist\"}} | src/test/a.test.mts | npx tsc | dist/test/a.test.mjs",
        // a project whose folder has "-w" in its name is no watch mode
        "tsc -p ./src-web && node --test ./lib/esm/test/*.test.js | {\"compilerOptions\": {\"outDir\": \"../lib/esm\"}} | src-web/test/a.test.ts | npx tsc -p ./src-web | lib/esm/test/a.test.js",
        // a type check only, no outDir, or a test outside the compiled root: nothing to map
        "tsc --noEmit && node --test ./lib/esm/test/*.test.js | {\"compilerOptions\": {\"outDir\": \"../lib/esm\"}} | src/test/format.test.ts | | ",
        "npm run compile && node --test ./lib/esm/test/*.test.js | {\"compilerOptions\": {}} | src/test/format.test.ts | | ",
        "npm run compile && node --test ./lib/esm/test/*.test.js | {\"compilerOptions\": {\"outDir\": \"../lib/esm\"}} | test/format.test.ts | | ",
    })
    void theCompiledPathsOfTheCoveringTestsAfterTheChainsTsc(String test, String tsconfig, String source, String build, String compiled) {
        var scripts = Json.object().put("test", test.strip()).put("compile", "tsc -p ./src && npm run lint").put("lint", "eslint src");
        Map<String, String> files = Map.of("src/tsconfig.json", tsconfig, "tsconfig.json", tsconfig, "src-web/tsconfig.json", tsconfig);
        Optional<TestRunner.CompiledTests> found = TestRunner.compiledTests(scripts, List.of(source),
                path -> files.getOrDefault(path, ""),
                path -> path.matches("(?:lib/esm|dist)/test/[^/]*\\.test\\.m?js"));
        if (build == null) {
            assertThat(found).isEmpty();
        } else {
            assertThat(found).contains(new TestRunner.CompiledTests(build, List.of(compiled)));
        }
    }

    @Test
    void aTypeScriptLibraryTestedCompiledIsCheckedByItsCompiledTestAfterTsc() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("jsonish"));
        write(ws, "package.json", "{\"name\": \"jsonish\", \"type\": \"module\", \"scripts\": {"
                + "\"compile\": \"tsc -p ./src && npm run lint\", \"lint\": \"eslint src/**/*.ts\","
                + "\"test\": \"npm run compile && node --enable-source-maps --test ./lib/esm/test/*.test.js\"},"
                + "\"devDependencies\": {\"typescript\": \"5.0.0\"}}\n");
        write(ws, "src/tsconfig.json", "{\n\t\"compilerOptions\": {\n\t\t\"module\": \"NodeNext\",\n\t\t\"outDir\": \"../lib/esm\"\n\t}\n}\n");
        write(ws, "src/main.ts", "import * as formatter from './impl/format';\n\n/** Formats a document. */\n"
                + "export function format(text: string, options: FormattingOptions): string {\n"
                + "    return formatter.format(text, options);\n}\n\nexport interface FormattingOptions { insertFinalNewline?: boolean }\n");
        write(ws, "src/impl/format.ts", "import { FormattingOptions } from '../main';\n\n"
                + "export function format(text: string, options: FormattingOptions): string {\n"
                + "    const trimmed = text.trimEnd();\n    return options.insertFinalNewline ? trimmed + '\\n' : trimmed;\n}\n");
        write(ws, "src/impl/scanner.ts", "export function scan(text: string): string[] {\n    return text.split(/\\s+/);\n}\n");
        write(ws, "src/test/format.test.ts", "import { test } from 'node:test';\nimport * as assert from 'node:assert';\n"
                + "import { format } from '../main';\n\ntest('insertFinalNewline', () => {\n"
                + "    assert.strictEqual(format('{}', { insertFinalNewline: true }), '{}\\n');\n});\n");
        write(ws, "src/test/scanner.test.ts", "import { test } from 'node:test';\nimport * as assert from 'node:assert';\n"
                + "import { scan } from '../impl/scanner';\n\ntest('scan', () => {\n    assert.deepStrictEqual(scan('a b'), ['a', 'b']);\n});\n");
        PlanDraft draft = new BuiltInPlanner().plan("Formatting with the `insertFinalNewline` option must end the document with "
                + "exactly one newline", facts(ws), null);
        List<String> checks = draft.packets().stream().flatMap(p -> p.acceptanceTests().stream()).toList();
        assertThat(checks).contains("npx tsc -p ./src && node --enable-source-maps --test 'lib/esm/test/format.test.js'");
    }

    /**
     * A test named after a word of the objective that holds one of its names (errors.js asserting the columnNumber that
     * "error positions are off" is about) checks the change beside the file's namesake test, which holds none.
     */
    @Test
    void aTestNamedAfterTheObjectivesWordHoldingItsNameJoinsTheFilesOwnTest() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("json-ish"));
        write(ws, "package.json", "{\"name\": \"json-ish\", \"main\": \"lib/index.js\", \"scripts\": {\"test\": \"tap test/*.js\"},"
                + "\"devDependencies\": {\"tap\": \"12.0.0\"}}\n");
        write(ws, "lib/index.js", "const parse = require('./parse')\nconst stringify = require('./stringify')\n\n"
                + "module.exports = { parse, stringify }\n");
        write(ws, "lib/parse.js", "let line = 1\nlet column = 0\n\nmodule.exports = function parse (text) {\n"
                + "    for (const c of text) {\n        if (c === '\\n') { line++ } else { column++ }\n"
                + "        if (c === '@') { const err = new SyntaxError('invalid character at ' + line + ':' + column)\n"
                + "            err.lineNumber = line\n            err.columnNumber = column\n            throw err }\n    }\n"
                + "    return JSON.parse(text)\n}\n");
        write(ws, "lib/stringify.js", "module.exports = function stringify (value) {\n    return JSON.stringify(value)\n}\n");
        write(ws, "test/parse.js", "const lib = require('../lib')\nconst t = require('tap')\n\n"
                + "t.same(lib.parse('{\"a\": 1}'), { a: 1 })\n");
        write(ws, "test/errors.js", "const lib = require('../lib')\nconst t = require('tap')\n\n"
                + "t.throws(() => lib.parse('\\n@'), { lineNumber: 2, columnNumber: 0 })\n");
        write(ws, "test/stringify.js", "const lib = require('../lib')\nconst t = require('tap')\n\n"
                + "t.equal(lib.stringify({ a: 1 }), '{\"a\":1}')\n");
        PlanDraft draft = new BuiltInPlanner().plan("Syntax error positions are off after a line break: the column must start "
                + "again from 0 on each new line, so a bad character first on its line fails with \"invalid character at 2:0\" and the "
                + "error's columnNumber is 0",
                facts(ws), null);
        List<String> checks = draft.packets().stream().flatMap(p -> p.acceptanceTests().stream()).toList();
        assertThat(draft.packets().get(0).files()).contains("lib/parse.js");
        assertThat(checks.get(0)).contains("test/errors.js");
    }
}
