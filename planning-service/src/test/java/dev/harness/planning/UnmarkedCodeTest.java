package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** An objective writing its code without backticks gets the plan it gets with them. */
class UnmarkedCodeTest {
    @TempDir
    Path temp;

    /** A logging library: the shared factory defines extend; the browser and node files set up colours for a logger. */
    private Path logging() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("log"));
        write(ws, "package.json", "{\"name\":\"log\",\"main\":\"src/node.js\",\"scripts\":{\"test\":\"node --test test/\"}}");
        write(ws, "src/common.js", "function setup(env) {\n  function createLogger(namespace) {\n"
                + "    const logger = (...args) => env.log(namespace, ...args);\n    logger.namespace = namespace;\n"
                + "    logger.extend = extend;\n    return logger;\n  }\n"
                + "  function extend(namespace, delimiter) {\n    return createLogger(this.namespace + (delimiter || ':') + namespace);\n  }\n"
                + "  return createLogger;\n}\nmodule.exports = setup;\n");
        write(ws, "src/browser.js", "// a logger in the browser: its color comes from the namespace, useColors from the console\n"
                + "exports.useColors = function useColors() { return true; };\n"
                + "exports.colors = ['blue', 'green'];\nexports.log = (...args) => console.log(...args);\n"
                + "module.exports = require('./common')(exports);\n");
        write(ws, "src/node.js", "// a logger in node: useColors when the stream is a TTY; each logger's color from its namespace\n"
                + "exports.useColors = function useColors() { return process.stderr.isTTY; };\n"
                + "exports.colors = [6, 2, 3];\nexports.log = (...args) => process.stderr.write(args.join(' '));\n"
                + "module.exports = require('./common')(exports);\n");
        write(ws, "test/common.test.js", "const test = require('node:test');\nconst setup = require('../src/common');\n"
                + "test('extend', () => { setup({ log() {} })('a').extend('b'); });\n");
        return ws;
    }

    /** A size formatter package: naturalsize in filesize.py; number.py formats numbers with a precision of its own. */
    private Path sizes() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("sizes"));
        write(ws, "pyproject.toml", "[project]\nname = \"sizes\"\n");
        write(ws, "src/sizes/__init__.py", "from sizes.filesize import naturalsize\nfrom sizes.number import fractional\n");
        write(ws, "src/sizes/filesize.py", "def naturalsize(value, binary=False, format=\"%.1f\"):\n"
                + "    \"\"\"Format a number of bytes like a human readable file size.\"\"\"\n    return format % value\n");
        write(ws, "src/sizes/number.py", "def fractional(value, precision=2):\n"
                + "    \"\"\"A number as a fraction, rounded to precision digits.\"\"\"\n    return round(value, precision)\n");
        write(ws, "tests/test_filesize.py", "from sizes.filesize import naturalsize\n\ndef test_naturalsize():\n"
                + "    assert naturalsize(1) == \"1.0\"\n");
        return ws;
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "logging | a logger made with `.extend()` should inherit its parent's `useColors` and color",
        "sizes   | add a `precision` argument to naturalsize",
    })
    void theSameFilesWithAndWithoutBackticks(String workspace, String objective) throws Exception {
        WorkspaceFacts facts = facts(workspace.equals("logging") ? logging() : sizes());
        List<String> marked = files(objective, facts);
        assertThat(marked).isNotEmpty();
        assertThat(files(objective.replace("`", ""), facts)).isEqualTo(marked);
    }

    private static List<String> files(String objective, WorkspaceFacts facts) {
        return new BuiltInPlanner().plan(objective, facts, null).packets().stream().flatMap(p -> p.files().stream())
                .filter(f -> f.startsWith("src/")).distinct().toList();
    }
}
