package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void theSameFilesWithAndWithoutBackticks() throws Exception {
        WorkspaceFacts facts = facts(logging());
        String objective = "a logger made with `.extend()` should inherit its parent's `useColors` and color";
        List<String> marked = files(objective, facts);
        assertThat(marked).containsExactly("src/common.js");
        assertThat(files(objective.replace("`", ""), facts)).isEqualTo(marked);
    }

    private static List<String> files(String objective, WorkspaceFacts facts) {
        return new BuiltInPlanner().plan(objective, facts, null).packets().stream().flatMap(p -> p.files().stream())
                .filter(f -> f.startsWith("src/")).distinct().toList();
    }
}
