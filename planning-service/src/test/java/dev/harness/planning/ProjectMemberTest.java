package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.located;
import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A function called through the project's own name ({@code JSONX.stringify}) that one module is named after and defines
 * (lib/stringify.js) is written there, not in the modules sharing the objective's other words (the parser's escaping).
 */
class ProjectMemberTest {
    @TempDir
    Path temp;

    private Path jsonx() throws Exception {
        Path ws = temp.resolve("jsonx");
        write(ws, "package.json", "{\"name\":\"jsonx\",\"main\":\"lib/index.js\",\"scripts\":{\"test\":\"node --test test/\"}}");
        write(ws, "lib/index.js", "const parse = require('./parse')\nconst stringify = require('./stringify')\n"
                + "module.exports = { parse, stringify }\n");
        StringBuilder parse = new StringBuilder("module.exports = function parse (text) {\n  let c\n");
        for (int i = 0; i < 6; i++) {
            parse.append("  // a quote character in a string: single or double quotes, an escape before an apostrophe\n")
                    .append("  if (c === '\\'' || c === '\"') { c = escapeQuote(c) }\n");
        }
        write(ws, "lib/parse.js", parse.append("  return text\n}\nfunction escapeQuote (c) { return c }\n").toString());
        write(ws, "lib/stringify.js", "module.exports = function stringify (value) {\n  return quoteString(value)\n}\n\n"
                + "function quoteString (value) {\n  const quote = '\\''\n  return quote + value + quote\n}\n");
        write(ws, "lib/cli.js", "const JSONX = require('./')\n// prints a string with its quotes and escapes\n"
                + "console.log(JSONX.stringify(JSONX.parse(process.argv[2])))\n");
        write(ws, "test/stringify.js", "const assert = require('assert')\nconst JSONX = require('../lib')\n"
                + "assert.strictEqual(JSONX.stringify('abc'), \"'abc'\")\n");
        return ws;
    }

    @Test
    void theModuleNamedAfterTheMemberIsThePlace() throws Exception {
        assertThat(located("JSONX.stringify should pick the quote character that needs fewer escapes: a string with an apostrophe "
                + "must be written in double quotes, a plain string keeps single quotes", facts(jsonx()))).containsExactly("lib/stringify.js");
    }

    /** UglifyJS (round 21): minify fails with the parser's message; minify is only the way to the parser. */
    @Test
    void aMessageTheMemberNeverWritesLeadsToItsWriter() throws Exception {
        Path ws = temp.resolve("uglify");
        write(ws, "package.json", "{\"name\":\"uglify\",\"main\":\"tools/node.js\",\"scripts\":{\"test\":\"node test/run.js\"}}");
        write(ws, "tools/node.js", "exports.minify = require('../lib/minify').minify\n");
        write(ws, "lib/minify.js", "var parse = require('./parse').parse\n\nfunction minify(code, options) {\n"
                + "  try {\n    var ast = parse(code, options.parse)\n    return { code: ast.print() }\n  } catch (ex) {\n"
                + "    return { error: ex }\n  }\n}\nexports.minify = minify\n");
        StringBuilder parse = new StringBuilder("function parse_error(message) { throw new Error(message) }\n\n"
                + "function read_num(prefix) {\n  var num = read_while(is_digit)\n  // hex, octal and binary digits\n"
                + "  var valid = parse_js_number(num)\n  if (isNaN(valid)) parse_error(\"Invalid syntax: \" + num)\n  return valid\n}\n");
        parse.append("function parse(code, options) {\n  return { print: function () { return code } }\n}\nexports.parse = parse\n");
        write(ws, "lib/parse.js", parse.toString());
        write(ws, "test/run.js", "var Uglify = require('../tools/node')\nconsole.log(Uglify.minify('1').code)\n");
        assertThat(located("Uglify.minify('0x2_a + 4_2') fails with \"Invalid syntax: 0x2_a\": numeric separators are not "
                + "understood. Underscores between hex, octal and binary digits should be accepted.", facts(ws)))
                .containsExactly("lib/parse.js");
    }
}
