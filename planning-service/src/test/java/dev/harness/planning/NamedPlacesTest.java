package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.write;
import static dev.harness.planning.ScannedWorkspace.facts;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What an objective names in code's own terms says where the change goes: {@code Class.member} is the
 * class's file that defines the member, a {@code --flag} or {@code `tool subcommand`} the file that
 * declares the command line.
 */
class NamedPlacesTest {
    @TempDir
    Path temp;

    private static List<String> located(String objective, Path ws) throws Exception {
        WorkspaceFacts facts = facts(ws);
        return ChangeLocator.locate(ChangeLocator.keys(objective), facts, ChangeLocator.projectNames(facts)).stream()
                .map(ChangeLocator.FileMatch::path).toList();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "let `Version.match` accept spaces|Version.match",
        "make Range#test ignore build metadata|Range.test",
        "Parser::parse_range should trim|Parser.parse_range",
        "`ExpressionParser.parseRange` and Version.compare|ExpressionParser.parseRange Version.compare",
        "fix the typo in README.md and Parser.java|''",
        "e.g. the a.b.c module, semver.Version.parse|''",
    })
    void dottedMembersAreReadFromTheObjective(String objective, String expected) {
        assertThat(ClassMembers.of(objective).members().stream().map(m -> m.owner() + "." + m.name()).toList())
                .containsExactlyElementsOf(expected.isEmpty() ? List.of() : Arrays.asList(expected.split(" ")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // Python: the class's method, not the deprecated module-level wrapper of the same name
        "py|lib/ver/version.py|class Version:\\n    def __init__(self, text):\\n        self.text = text\\n\\n"
                + "    def match(self, match_expr):\\n        \"\"\"Compare with an expression: operators are <, >=.\"\"\"\\n        return True\\n"
                + "|lib/ver/deprecated.py|from .version import Version\\n\\ndef match(version, match_expr):\\n"
                + "    \"\"\"Deprecated: compare with an expression, operators are <, >=.\"\"\"\\n    return Version(version).match(match_expr)\\n"
                + "|let `Version.match` accept whitespace between the operator and the version",
        // a docstring line at column 0 inside the class does not end it
        "py-doc|lib/ver/version.py|class Version:\\n    def bump(self, token):\\n        \"\"\"Bump.\\n\\n        >>> Version(\\n"
                + "... '1')\\n\"\"\"\\n        return token\\n\\n    def match(self, match_expr):\\n        return True\\n"
                + "|lib/ver/deprecated.py|def match(version, match_expr):\\n    \"\"\"Deprecated: match an expression.\"\"\"\\n    return True\\n"
                + "|make Version.match accept an expression with spaces",
        // Java: the class with that method, not a static helper of the same name elsewhere
        "java|src/main/java/org/ver/Range.java|package org.ver;\\n\\npublic class Range {\\n    public boolean test(String version) {\\n"
                + "        return version != null;\\n    }\\n}\\n"
                + "|src/main/java/org/ver/Ranges.java|package org.ver;\\n\\npublic final class Ranges {\\n"
                + "    public static boolean test(String range, String version) {\\n        return new Range().test(version);\\n    }\\n}\\n"
                + "|make Range#test ignore build metadata in the version",
        // TypeScript: a class method written as shorthand
        "ts|src/range.ts|export class Range {\\n  constructor(private text: string) {}\\n\\n  test(version: string): boolean {\\n"
                + "    return version.length > 0;\\n  }\\n}\\n"
                + "|src/functions/test.ts|import { Range } from '../range';\\n\\nexport function test(range: string, version: string) {\\n"
                + "  return new Range(range).test(version);\\n}\\n"
                + "|let Range.test ignore build metadata in the version",
    })
    void aDottedMemberIsTheClasssFileNotAWrapperOfTheSameName(String lang, String home, String homeText, String wrapper,
                                                               String wrapperText, String objective) throws Exception {
        Path ws = Files.createDirectories(temp.resolve("ws-" + lang));
        write(ws, home, homeText.replace("\\n", "\n"));
        write(ws, wrapper, wrapperText.replace("\\n", "\n"));
        List<String> files = located(objective, ws);
        assertThat(files).first().isEqualTo(home);
        assertThat(files).doesNotContain(wrapper);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "give `tool bump` a `--token` option|--token",
        "accept --dry-run and --output-dir=X|--dry-run --output-dir",
        "the range 1--2 and a -- separator|''",
    })
    void flagsAreReadFromTheObjective(String objective, String expected) {
        assertThat(CommandLineCues.of(objective).flags())
                .containsExactlyElementsOf(expected.isEmpty() ? List.of() : Arrays.asList(expected.split(" ")));
    }

    private Path pythonTool() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("vertool"));
        write(ws, "pyproject.toml", "[project]\nname = \"vertool\"\n\n[project.scripts]\npyvertool = \"vertool.cli:main\"\n");
        write(ws, "src/vertool/__init__.py", "from .version import Version\n");
        write(ws, "src/vertool/version.py", "class Version:\n    def bump_prerelease(self, token='rc'):\n        \"\"\"Bump the prerelease part with token.\"\"\"\n"
                + "        return token\n\n    def bump_build(self, token='build'):\n        \"\"\"Bump the build part with token.\"\"\"\n        return token\n");
        write(ws, "src/vertool/deprecated.py", "def bump_prerelease(version, token='rc'):\n    \"\"\"Deprecated: bump the prerelease token.\"\"\"\n"
                + "    return token\n\ndef bump_build(version, token='build'):\n    return token\n");
        write(ws, "src/vertool/cli.py", "import argparse\n\ndef cmd_bump(args):\n    return args.bump\n\ndef createparser():\n"
                + "    parser = argparse.ArgumentParser(prog='vertool')\n    sub = parser.add_subparsers()\n"
                + "    bump = sub.add_parser('bump', help='Bump a version part')\n    bump.add_argument('bump', choices=('major', 'prerelease', 'build'))\n"
                + "    return parser\n\ndef main():\n    createparser().parse_args()\n");
        write(ws, "tests/test_cli.py", "from vertool.cli import createparser\n\ndef test_bump():\n    assert createparser()\n");
        return ws;
    }

    private Path nodeTool() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("shorty"));
        write(ws, "package.json", "{\"name\": \"shorty\", \"bin\": {\"shorty\": \"./bin/shorty.js\"}, \"scripts\": {\"test\": \"node --test\"}}\n");
        write(ws, "bin/shorty.js", "#!/usr/bin/env node\nconst { program } = require('commander');\nconst { shorten } = require('../lib/shorten');\n"
                + "program.command('make <url>').option('-l, --length <n>', 'length of the code').action((url, o) => shorten(url, o.length));\n"
                + "program.parse();\n");
        write(ws, "lib/shorten.js", "function shorten(url, length = 6, prefix = '') {\n  // the prefix goes before the code\n  return prefix + url.slice(0, length);\n}\n"
                + "module.exports = { shorten };\n");
        write(ws, "lib/prefix.js", "function withPrefix(code, prefix) {\n  return prefix + code;\n}\nmodule.exports = { withPrefix };\n");
        return ws;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // a flag and a subcommand of the project's own command: argparse's declaration, not every function taking a token
        "give `vertool bump` a `--token` option for the prerelease and build parts, e.g. `vertool bump prerelease 1.2.3 --token alpha`"
                + "|python|src/vertool/cli.py",
        // the console entry point (package.json bin) that declares the command line with commander
        "let `shorty make` take a `--prefix` for the code|node|bin/shorty.js",
    })
    void aCommandLineFlagOrSubcommandIsWhereTheCommandLineIsDeclared(String objective, String project, String expected)
            throws Exception {
        Path ws = project.equals("python") ? pythonTool() : nodeTool();
        assertThat(located(objective, ws)).containsExactly(expected);
    }

    @ParameterizedTest(name = "{0} for {1}: {2}")
    @CsvSource({
        "tests/test_pytool-cli.py, cli, true",
        "test/string-utils.test.js, utils, true",
        "src/test/java/org/x/ParserCliTest.java, cli, true",
        "tests/test_cli.py, cli, false",
        "tests/test_client.py, cli, false",
        "tests/test_a-b.py, b, false",
    })
    void aTestWithTheFilesNameAmongOtherWordsIsNamedAfterIt(String test, String sourceBase, boolean named) {
        assertThat(SourceGraph.nameHasWord(test, sourceBase)).isEqualTo(named);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // no flag, no command of the project: the words decide as before
        "let bump_prerelease keep the token when it is already there|src/vertool/version.py",
    })
    void withoutACommandLineCueTheWordsDecide(String objective, String first) throws Exception {
        assertThat(located(objective, pythonTool())).first().isEqualTo(first);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // the method is a keyword's word (extend): written as a call it is a name, and where it is defined, using the other
        // names the objective gives, is the place; the files defining only the names it copies are not
        "a logger made with `.extend()` should inherit its parent's `useColors` and `color`",
        "loggers created by `extend()` should keep the `useColors` setting",
    })
    void aCodeSpanWrittenAsACallNamesAFunctionEvenAsOneWord(String objective) throws Exception {
        Path ws = temp.resolve("call-" + Math.abs(objective.hashCode()));
        write(ws, "package.json", "{\"name\":\"logkit\",\"main\":\"src/index.js\",\"scripts\":{\"test\":\"mocha test.js\"}}");
        write(ws, "src/index.js", "module.exports = typeof window === 'undefined' ? require('./node.js') : require('./browser.js');\n");
        write(ws, "src/common.js", "function setup(env) {\n\tfunction createLogger(namespace) {\n\t\tconst logger = function () {};\n"
                + "\t\tlogger.namespace = namespace;\n\t\tlogger.useColors = createLogger.useColors();\n"
                + "\t\tlogger.color = createLogger.selectColor(namespace);\n\t\tlogger.extend = extend;\n\t\treturn logger;\n\t}\n\n"
                + "\tfunction extend(namespace, delimiter) {\n\t\tconst child = createLogger(this.namespace + delimiter + namespace);\n"
                + "\t\tchild.log = this.log;\n\t\treturn child;\n\t}\n\n\tcreateLogger.selectColor = function (ns) { return ns.length; };\n"
                + "\treturn createLogger;\n}\n\nmodule.exports = setup;\n");
        for (String side : List.of("node", "browser")) {
            write(ws, "src/" + side + ".js", "exports.useColors = useColors;\nexports.colors = [6, 2, 3, 4, 5, 1];\n\n"
                    + "/** Whether colors are used: the color of a logger is one of the colors. */\nfunction useColors() {\n"
                    + "\treturn exports.colors.length > 0; // color support\n}\n\nmodule.exports = require('./common')(exports);\n");
        }
        write(ws, "test.js", "const assert = require('assert');\nconst logger = require('./src');\n\n"
                + "it('extends', () => {\n\tassert.ok(logger('a').extend('b'));\n});\n");
        assertThat(located(objective, ws)).containsExactly("src/common.js");
    }
}
