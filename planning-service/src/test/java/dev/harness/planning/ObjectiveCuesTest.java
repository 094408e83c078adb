package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.write;
import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.located;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What an objective writes literally (the message it quotes, the names it gives in code form) picks the tests
 * that check it; hand-written type declarations change only when the objective changes the API, and then in
 * the code's packet.
 */
class ObjectiveCuesTest {
    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // quoted text, cut at its ellipses and trimmed of the brackets around it
        "list the default before the choices (\"(default: …, choices: …)\")|default:;choices:|''",
        "the \"not specified\" error should name `.env(\"TOKEN\")` of a `.requiredOption()`|not specified|env;requiredOption",
        // a name in prose written as one (camelCase, snake_case) counts; a plain word in backticks is no call
        "make parseFrontmatter reject `Major` with “invalid bump type”|invalid bump type|parseFrontmatter",
        "keep max_age when it is `+1`|''|max_age",
        // an option written with its value names the option: the tests passing it test it
        "with `matchBase: true` (or `basename: true`), a trailing slash is ignored|''|matchBase;basename",
        "decoding with `strict_aud=True` must reject a list|''|strict_aud",
        "`id: 1` stays|''|''",
        // markup shown in code form: the code writing it holds each attribute's opening, not the whole tag
        "a list starting at 3 renders as `<ol start=\"3\">`, a link as `<a href=\"x\" title=\"y\">`|start=\";href=\";title=\"|''",
        // nothing quoted, nothing named
        "list the default of an argument before its choices|''|''",
        // too short to be evidence on its own
        "print \"ok\" and \"x\"|''|''",
    })
    void theObjectivesQuotedTextAndNamesAreItsCues(String objective, String quoted, String names) {
        CoveringTests.Cues cues = CoveringTests.Cues.of(objective);
        assertThat(cues.quoted()).containsExactlyElementsOf(quoted.isEmpty() ? List.of() : Arrays.asList(quoted.split(";")));
        assertThat(cues.names()).hasSize(names.isEmpty() ? 0 : names.split(";").length);
        assertThat(cues.isEmpty()).isEqualTo(quoted.isEmpty() && names.isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // a call span is matched as a call: `env(` is not process.env
        "the `.env()` reader|const v = process.env.HOME;|0",
        "the `.env()` reader|cmd.env(\"HOME\");|1",
        "the \"not specified\" error of `.requiredOption()`|expect(msg).toBe(\"error: option not specified\"); p.requiredOption(\"-x\");|3",
        "the \"not specified\" error of `.requiredOption()`|p.myrequiredOption(\"-x\");|0",
    })
    void aTestScoresTwiceForTheQuotedTextItHoldsAndOnceForEachNameItCalls(String objective, String text, int score) {
        assertThat(CoveringTests.Cues.of(objective).score(text)).isEqualTo(score);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        // the objective's example written as code, held verbatim: as sure as quoted text
        "with the `'--'` option the rest goes into `'--': ['after']`|t.deepEqual(parse(a), { '--': ['after'] });|2",
        "with the `'--'` option the rest goes into `'--': ['after']`|t.deepEqual(parse(a), { '--': ['other'] });|0",
        // a formatter writes the test's strings in double quotes, whatever quotes the issue used
        "with the `'--'` option the rest goes into `'--': ['after']`|t.deepEqual(parse(a), { \"--\": [\"after\"] });|2",
        "applying `op: 'add'` to the array|const p = [{ op: \"add\", path: [\"a\"] }];|2",
        // the literal a call is given, built by the test itself
        "`workbook.add_format({'rotation': -45})` is wrong|properties = {\"rotation\": -45}|2",
        "`workbook.add_format({'rotation': -45})` is wrong|properties = {\"rotation\": 45}|0",
        // a template's tags, each written by the tests whatever template surrounds them
        "`{{#each this}}{{@first}}{{/each}}` renders ''|assertEquals(\"first\", compile(\"{{#each map}}{{@first}}{{/each}}\"))|2",
        "`{{#each this}}{{@first}}{{/each}}` renders ''|assertEquals(\"a\", compile(\"{{#with a}}{{b}}{{/with}}\"))|0",
    })
    void aTestHoldingTheObjectivesExampleVerbatimScoresTwice(String objective, String text, int score) {
        assertThat(CoveringTests.Cues.of(objective).score(text)).isEqualTo(score);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // no other name and no quoted text: the compound names written alone in code form tell the tests apart
        "`applyPatches` does not honour the `'-'` index|applyPatches(base, patches)|1",
        "`applyPatches` does not honour the `'-'` index|produce(base, fn)|0",
        // one point however many a test holds: never strong enough to leave out the tests holding none
        "`sort_by` must raise a `JMESPathTypeError`|search('sort_by(@, &a)') raises JMESPathTypeError|1",
        // beside a call the objective writes, a bare compound adds nothing (it stays weaker than the call)
        "`applyPatches` must follow `produce(base)`|applyPatches(base, patches)|0",
    })
    void bareCompoundNamesAreCuesOnlyWhenTheObjectiveGivesNoOther(String objective, String text, int score) {
        assertThat(CoveringTests.Cues.of(objective).andBareCompounds(objective).score(text)).isEqualTo(score);
    }

    @Test
    void markupTheObjectiveShowsIsFoundInATestWhicheverQuoteItUses() {
        CoveringTests.Cues cues = CoveringTests.Cues.of("a list starting at 3 renders as `<ol start=\"3\">`");
        assertThat(cues.score("assert(html, \"<ol start='2'>\")")).isEqualTo(2);
        assertThat(cues.score("assert(html, '<ol start=\"2\">')")).isEqualTo(2);
        assertThat(cues.score("assert(html, '<ol>')")).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "`--name John before -- after` gives `_: ['before']`, `'--': ['after']`|_: ['before'];'--': ['after']",
        // text a program reads, which data files beside the tests hold too
        "the second `# Header` gets `header_1`|\"\"",
        // a phrase, a call, an option with its value, markup and short code are other cues or none
        "the `duplicated mapping key` error of `load(text, opts)`|\"\"",
        "with `matchBase: true` a list renders as `<ol start='3'>`|\"\"",
        "`a = b` and `x, y`|\"\"",
    })
    void codeWithSpacesAndPunctuationIsTheObjectivesExample(String objective, String snippets) {
        assertThat(CoveringTests.Cues.of(objective).snippets())
                .containsExactlyElementsOf(snippets.isEmpty() ? List.of() : Arrays.asList(snippets.split(";")));
    }

    @Test
    void aTestHoldingTheObjectivesExampleIsTheCheckWithoutPadding() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("argv"));
        write(ws, "package.json", "{\"name\":\"argv\",\"main\":\"index.js\",\"scripts\":{\"test\":\"tape test/*.js\"}}");
        write(ws, "index.js", "module.exports = function (args, opts) {\n  var argv = { _: [] };\n"
                + "  var rest = args.indexOf('--') === -1 ? [] : args.slice(args.indexOf('--') + 1);\n"
                + "  if (opts && opts['--']) { argv['--'] = rest; } else { argv._ = argv._.concat(rest); }\n  return argv;\n};\n");
        // every test of the parser holds `argv._`, one asserts the objective's example
        for (String name : List.of("all", "bool", "num", "short")) {
            write(ws, "test/" + name + ".js", "var parse = require('../');\nvar test = require('tape');\n"
                    + "test('" + name + "', function (t) { var argv = parse(['-x']); t.deepEqual(argv._, []); t.end(); });\n");
        }
        write(ws, "test/dash.js", "var parse = require('../');\nvar test = require('tape');\n"
                + "test('rest', function (t) {\n  t.deepEqual(parse(['a', '--', 'after'], { '--': true }), { _: ['a'], '--': ['after'] });\n"
                + "  t.end();\n});\n");
        PlanDraft draft = new BuiltInPlanner().plan("with the `'--'` option set, the arguments after a bare `--` must go into "
                + "`argv['--']` instead of `argv._` (`a -- after` gives `_: ['a']`, `'--': ['after']`)", facts(ws), null);
        assertThat(draft.packets()).hasSize(1);
        assertThat(draft.packets().get(0).acceptanceTests().get(0)).isEqualTo("npx tape 'test/dash.js'");
    }

    /** A CLI library: every test imports the package's entry, most are named after the command module. */
    private Path cliLibrary() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("cli"));
        write(ws, "package.json", "{\"name\":\"clilib\",\"main\":\"index.js\",\"types\":\"typings/index.d.ts\","
                + "\"scripts\":{\"test\":\"node --test\"}}");
        write(ws, "index.js", "const { Command } = require('./lib/command.js');\nmodule.exports = { Command };\n");
        write(ws, "lib/command.js", "class Command {\n"
                + "  requiredOption(flags) { this.mandatory = flags; return this; }\n"
                + "  env(name) { this.envVar = name; return this; }\n"
                + "  missingMandatoryOptionValue(option) {\n"
                + "    const message = `error: required option '${option}' not specified`;\n"
                + "    this.error(message);\n  }\n}\nmodule.exports = { Command };\n");
        write(ws, "typings/index.d.ts", "export class Command {\n  requiredOption(flags: string): this;\n"
                + "  env(name: string): this;\n}\n");
        for (String name : List.of("action", "alias", "allowUnknown", "addHelp", "chain", "usage")) {
            write(ws, "tests/command." + name + ".test.js", "const { test } = require('node:test');\nconst { Command } = require('../');\n"
                    + "test('" + name + "', () => { new Command(); });\n");
        }
        // named after another part of the command, but asserts the message
        write(ws, "tests/command.exitOverride.test.js", "const { test } = require('node:test');\nconst { Command } = require('../');\n"
                + "test('exit', () => { const m = \"error: required option '-p' not specified\"; new Command().requiredOption('-p'); });\n");
        // named after no file at all: the required option and its variable
        write(ws, "tests/options.mandatory.test.js", "const { test } = require('node:test');\nconst { Command } = require('../');\n"
                + "test('mandatory', () => { new Command().requiredOption('-t').env('TOKEN'); /* not specified */ });\n");
        write(ws, "tests/options.other.test.js", "const { test } = require('node:test');\nconst { Command } = require('../');\n"
                + "test('other', () => { new Command(); });\n");
        return ws;
    }

    @Test
    void theTestsAssertingTheQuotedMessageAndCallingTheNamedMethodsAreTheCheckAndTheTypingsStayOut() throws Exception {
        PlanDraft draft = new BuiltInPlanner().plan("when a required option (`.requiredOption()`) also reads an environment variable "
                + "(`.env('TOKEN')`), the \"not specified\" error should name that variable", facts(cliLibrary()), null);
        assertThat(draft.packets()).hasSize(1);
        TaskPacket only = draft.packets().get(0);
        assertThat(only.objective()).contains("lib/command.js").doesNotContain("index.d.ts");
        String check = only.acceptanceTests().get(0);
        assertThat(check).startsWith("node --test").contains("tests/options.mandatory.test.js", "tests/command.exitOverride.test.js")
                .doesNotContain("options.other");
    }

    @Test
    void aNewMethodChangesTheTypingsInTheSamePacketAsTheCode() throws Exception {
        PlanDraft draft = new BuiltInPlanner().plan("add a `.requiredEnv()` method to Command that reads a required option from "
                + "its environment variable", facts(cliLibrary()), null);
        assertThat(draft.packets()).hasSize(1);
        assertThat(draft.packets().get(0).objective()).contains("lib/command.js", "typings/index.d.ts");
    }

    @Test
    void aMemberReachedThroughANamespaceModuleIsChangedInItsOwnModule() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("logfmt"));
        write(ws, "package.json", "{\"name\":\"logfmt\",\"main\":\"index.js\",\"scripts\":{\"test\":\"mocha test/*.test.js\"}}");
        write(ws, "format.js", "'use strict';\n\n/** An error thrown when a format function returns something other than an info object. */\n"
                + "class InvalidFormatError extends Error {\n  constructor(formatFn) {\n    super(`Format functions must be synchronous: ${formatFn}`);\n"
                + "    Error.captureStackTrace(this, InvalidFormatError);\n  }\n}\n\n"
                + "module.exports = formatFn => {\n  if (formatFn.length > 2) throw new InvalidFormatError(formatFn);\n"
                + "  return (opts = {}) => ({ transform: info => formatFn(info, opts) });\n};\n");
        write(ws, "errors.js", "'use strict';\nconst format = require('./format');\n\n"
                + "/** Turns an Error logged as the info or its message into info properties; the stack when asked. */\n"
                + "module.exports = format((einfo, { stack, cause }) => {\n  if (einfo instanceof Error) {\n"
                + "    const info = Object.assign({}, einfo, { message: einfo.message });\n    if (stack) info.stack = einfo.stack;\n"
                + "    return info;\n  }\n  if (!(einfo.message instanceof Error)) return einfo;\n  const err = einfo.message;\n"
                + "  einfo.message = err.message;\n  // the stack and/or cause, when asked\n  if (stack) einfo.stack = err.stack;\n"
                + "  if (cause) einfo.cause = err.cause;\n  return einfo;\n});\n");
        for (String sibling : List.of("align", "colorize", "json", "label", "simple", "splat", "timestamp")) {
            write(ws, sibling + ".js", "'use strict';\nconst format = require('./format');\n\n/** The " + sibling + " format. */\n"
                    + "module.exports = format((info, opts) => {\n  info." + sibling + " = opts." + sibling + ";\n  return info;\n});\n");
        }
        write(ws, "index.js", "'use strict';\nconst format = exports.format = require('./format');\n"
                + "format.errors = require('./errors');\n");
        write(ws, "test/errors.test.js", "const assert = require('assert');\nconst errors = require('../errors');\n"
                + "describe('errors', () => { it('stack', () => { assert.ok(errors({ stack: true })); }); });\n");
        String objective = "format.errors({ cause: true }) ignores the error's cause: logging an info whose message is new "
                + "Error('wut', { cause: originalErr }) leaves info.cause undefined, while { stack: true } does copy the stack.";
        // both chosen for the objective's words (round 16's logform): the member's module is the change
        List<ChangeLocator.FileMatch> chosen = List.of(new ChangeLocator.FileMatch("errors.js", 9, List.of("cause"), "errors.js:5"),
                new ChangeLocator.FileMatch("format.js", 7, List.of("error"), "format.js:7"),
                new ChangeLocator.FileMatch("index.js", 2, List.of("format"), "index.js:3"));
        assertThat(ChangeLocator.withoutQualifierModules(chosen, ChangeLocator.keys(objective), facts(ws)))
                .extracting(ChangeLocator.FileMatch::path).containsExactly("errors.js", "index.js");
        // a namespace module that names the member in its code (it defines or wires it) stays
        write(ws, "format.js", "'use strict';\nmodule.exports = formatFn => formatFn;\nmodule.exports.errors = require('./errors');\n");
        assertThat(ChangeLocator.withoutQualifierModules(chosen, ChangeLocator.keys(objective), facts(ws)))
                .extracting(ChangeLocator.FileMatch::path).containsExactly("errors.js", "format.js", "index.js");
    }

    @Test
    void aPropertyTheCodeAlreadySetsButNoDeclarationHoldsIsNoNewApiSoTheTypingsStayOut() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("untyped"));
        write(ws, "package.json", "{\"name\":\"jsonish\",\"main\":\"lib/index.js\",\"types\":\"lib/index.d.ts\","
                + "\"scripts\":{\"test\":\"node --test\"}}");
        write(ws, "lib/index.js", "const parse = require('./parse');\nmodule.exports = { parse };\n");
        write(ws, "lib/parse.js", "let line = 1, column = 0;\n"
                + "function parse(text) {\n  for (const c of text) { if (c === '\\n') { line++; } column++; }\n  return text;\n}\n"
                + "function syntaxError(message) {\n  const err = new SyntaxError(message);\n  err.lineNumber = line;\n"
                + "  err.columnNumber = column;\n  return err;\n}\nmodule.exports = parse;\n");
        write(ws, "lib/parse.d.ts", "/**\n * Parses a string, constructing the value described.\n */\n"
                + "declare function parse(text: string): any;\nexport = parse;\n");
        write(ws, "lib/index.d.ts", "import parse = require('./parse');\nexport { parse };\n");
        write(ws, "test/errors.js", "const { test } = require('node:test');\nconst { parse } = require('../lib');\n"
                + "test('error position', () => { try { parse('a\\nb'); } catch (e) { e.columnNumber; } });\n");
        PlanDraft draft = new BuiltInPlanner().plan("Syntax error positions are off after a line break: the column must start "
                + "again from 0 on each new line, so parsing a string literal that holds a raw newline fails with an error whose "
                + "`columnNumber` is 0", facts(ws), null);
        assertThat(draft.packets()).hasSize(1);
        assertThat(draft.packets().get(0).objective()).contains("lib/parse.js").doesNotContain("parse.d.ts");
    }

    @Test
    void theFileWritingTheQuotedOutputIsTheChangeNotOneHoldingPartOfItByChance() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("help"));
        write(ws, "package.json", "{\"name\":\"clihelp\",\"main\":\"index.js\",\"scripts\":{\"test\":\"node --test\"}}");
        write(ws, "index.js", "const { Command } = require('./lib/command.js');\nmodule.exports = { Command };\n");
        write(ws, "lib/help.js", "// the help: each argument's description with its extras\nclass Help {\n"
                + "  argumentDescription(argument) {\n    const extras = [];\n"
                + "    if (argument.argChoices) extras.push(`choices: ${argument.argChoices.join(', ')}`);\n"
                + "    if (argument.defaultValue !== undefined) extras.push(`default: ${argument.defaultValue}`);\n"
                + "    return extras.length ? `${argument.description} (${extras.join(', ')})` : argument.description;\n  }\n}\n"
                + "module.exports = { Help };\n");
        write(ws, "lib/command.js", "const { Help } = require('./help.js');\n"
                + "// a command reads its arguments and options; options may come before or after the arguments\n"
                + "class Command {\n  parseArgument(argument, value) {\n    switch (argument.kind) {\n"
                + "      case 'list': return value.split(',');\n      default: return value; // the default: read like options do\n"
                + "    }\n  }\n  // list the help of each argument and option, the default help before any other\n"
                + "  helpInformation() { return new Help().argumentDescription(this.arguments[0]); }\n}\n"
                + "module.exports = { Command };\n");
        write(ws, "tests/help.test.js", "const { test } = require('node:test');\nconst { Command } = require('../');\n"
                + "test('help', () => { new Command(); });\n");
        WorkspaceFacts facts = facts(ws);
        List<ChangeLocator.FileMatch> chosen = ChangeLocator.locate(ChangeLocator.keys("in the help, list an argument's default "
                + "before its choices (\"(default: …, choices: …)\") so arguments read like options do"), facts,
                ChangeLocator.projectNames(facts));
        assertThat(chosen).extracting(ChangeLocator.FileMatch::path).containsExactly("lib/help.js");
        // the evidence is the line writing the quoted text
        assertThat(chosen.get(0).evidence()).matches("lib/help\\.js:[56] .*(?:choices|default): \\$\\{.*");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "fix the \"not specified\" message of a required option|false",
        "add an option to Command for the environment variable|true",
        "let `requiredOption` read `.fromEnv()`|true",
        "let `.requiredOption()` read `.env()`|false",
        // a named function that takes something more gets a new parameter
        "let `requiredOption` take the variable name too|true",
    })
    void typeDeclarationsChangeWhenTheObjectiveChangesTheApi(String objective, boolean changes) throws Exception {
        assertThat(ChangeLocator.changesApi(ChangeLocator.keys(objective), facts(cliLibrary()))).isEqualTo(changes);
    }
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '#', value = {
        "src/types.ts#export type Input = Record<string, any>;\\ntype nullish = null | undefined;\\nexport interface Merger {\\n  merge(a: Input): Input;\\n}\\n#true",
        "src/types.ts#import type { A } from \"./a\";\\nexport type B = A &\\n  { b: 1 };\\n// the merged shape\\n#true",
        "src/merge.ts#export type Input = Record<string, any>;\\nexport function merge(a: Input) { return a; }\\n#false",
        "src/index.ts#export * from \"./merge\";\\n#false",
        "src/types.js#export type Input = 1;\\n#false",
    })
    void aTypeScriptModuleDeclaringOnlyTypesIsKnown(String path, String text, boolean typesOnly) throws Exception {
        Path ws = Files.createDirectories(temp.resolve("ts"));
        write(ws, "package.json", "{\"name\":\"ts\"}");
        write(ws, path, text.replace("\\n", "\n"));
        assertThat(ChangeLocator.typesOnly(facts(ws), path)).isEqualTo(typesOnly);
    }

    @Test
    void aBehaviourFixLeavesAModuleOfTypesOut() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("defaults"));
        write(ws, "package.json", "{\"name\":\"defaults\",\"scripts\":{\"test\":\"vitest run\"}}");
        write(ws, "src/merge.ts", "import type { Input, MergedDefaults } from './types';\n"
                + "// merge the defaults into the object: a missing value takes the default\n"
                + "export function mergeDefaults<T extends Input>(object: T, defaults: Input): MergedDefaults<T> {\n"
                + "  const merged: Input = { ...defaults };\n  for (const key in object) {\n"
                + "    if (object[key] !== undefined) merged[key] = object[key];\n  }\n  return merged as MergedDefaults<T>;\n}\n");
        write(ws, "src/types.ts", "export type Input = Record<string, any>;\n"
                + "// the merged object: a missing (null or undefined) value of the object takes the default's type\n"
                + "export type MergedDefaults<T extends Input> = {\n  [K in keyof T]: T[K] extends null | undefined ? unknown : T[K];\n};\n");
        write(ws, "test/merge.test.ts", "import { mergeDefaults } from '../src/merge';\n"
                + "it('merges', () => mergeDefaults({ a: null }, { a: 1 }));\n");
        WorkspaceFacts facts = facts(ws);
        assertThat(located("`mergeDefaults` must treat a null value in the object like a missing one, so that the default "
                + "fills it in", facts)).containsExactly("src/merge.ts");
    }

    /** A monorepo whose packages all speak of releases, bumps and packages; only the parser reads frontmatter. */
    private Path releaseMonorepo() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("mono"));
        write(ws, "package.json", "{\"name\":\"rel\",\"private\":true,\"workspaces\":[\"packages/*\"],"
                + "\"scripts\":{\"test\":\"vitest run\"}}");
        write(ws, "packages/parse/package.json", "{\"name\":\"@rel/parse\"}");
        write(ws, "packages/parse/src/index.ts", "// reads a release note: its frontmatter names each package and its bump type\n"
                + "export function parseNote(text: string) {\n  const frontmatter = text.split('---')[1];\n"
                + "  if (!frontmatter) throw new Error('a release note must have frontmatter');\n"
                + "  return frontmatter.split('\\n').map((line) => { const [pkg, bump] = line.split(':'); return { pkg, bump }; });\n}\n");
        write(ws, "packages/parse/src/index.test.ts", "import { parseNote } from './index';\n");
        for (String name : List.of("plan", "apply", "git")) {
            write(ws, "packages/" + name + "/package.json", "{\"name\":\"@rel/" + name + "\"}");
            write(ws, "packages/" + name + "/src/index.ts", "// the release of each package: its bump type, listed and validated\n"
                    + "export function " + name + "Release(pkg: string, bump: string) {\n"
                    + "  if (!pkg) throw new Error('a release must name a package and a valid bump type');\n"
                    + "  return { pkg, bump, list: [pkg] };\n}\n");
            write(ws, "packages/" + name + "/src/index.test.ts", "import { " + name + "Release } from './index';\n");
        }
        // the planner's release notes: named after the objective's words and full of them, but no frontmatter
        write(ws, "packages/plan/src/reading-release-note.ts", "// reading each release note: the package it names, its bump type\n"
                + "export function readingReleaseNote(note: { pkg: string, bump: string }) {\n"
                + "  if (!note.pkg) throw new Error('an error: the release note must name the package and list a valid bump type');\n"
                + "  const listing = [note.pkg, note.bump]; // listing the package, the bump type, the error\n"
                + "  return { package: note.pkg, bump: note.bump, valid: true, listing };\n}\n");
        return ws;
    }

    @Test
    void inAMonorepoSharingOneVocabularyTheOnePackageHoldingTheObjectivesConceptIsWhereTheChangeGoes() throws Exception {
        WorkspaceFacts facts = facts(releaseMonorepo());
        List<String> chosen = ChangeLocator.locate(ChangeLocator.keys("reading a release note whose frontmatter gives a capitalised "
                + "bump type should fail with an error naming the package and listing the valid bump types"), facts,
                ChangeLocator.projectNames(facts)).stream().map(ChangeLocator.FileMatch::path).toList();
        assertThat(chosen).containsExactly("packages/parse/src/index.ts");
        // without the parser's concept the shared words leave the packages as they were
        List<String> shared = ChangeLocator.locate(ChangeLocator.keys("a release with a bump type must name a valid package"), facts,
                ChangeLocator.projectNames(facts)).stream().map(ChangeLocator.FileMatch::path).toList();
        assertThat(shared).hasSizeGreaterThan(1);
    }
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "eslint.config_default.mjs|eslint",
        "config/.eslintrc.cjs|eslint",
        ".prettierrc.json|prettier",
        "vitest.config.ts|vitest",
        "jakefile.js|jakefile",
        ".mocharc.yml|mocha",
        "lib/utils.js|''",
        "src/config.ts|''",
        "lib/babel-plugin.js|''",
    })
    void toolConfigurationFilesAreKnownByName(String path, String tool) {
        assertThat(ChangeLocator.toolConfiguration(path)).isEqualTo(tool.isEmpty() ? null : tool);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        // the eslint "quotes" rule shares the objective's words; escaping is in the code
        "the escaped output must turn a single quote into an entity so a value is safe in single-quoted attributes|lib/utils.js",
        // an objective about the linter changes its configuration
        "make eslint accept single quotes in the escaped output code|eslint.config_default.mjs,lib/utils.js",
    })
    void aToolsConfigurationIsAChangeFileOnlyWhenTheObjectiveIsAboutTheTool(String objective, String expected) throws Exception {
        Path ws = Files.createDirectories(temp.resolve("escaping"));
        write(ws, "package.json", "{\"name\":\"tmpl\",\"scripts\":{\"test\":\"mocha\"}}");
        write(ws, "lib/utils.js", "// escaped output: each character that is unsafe in HTML becomes an entity\n"
                + "const ENCODE_RULES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\"': '&#34;' };\n"
                + "function escapeOutput(text) { return String(text).replace(/[&<>\"]/g, (c) => ENCODE_RULES[c]); }\n"
                + "module.exports = { escapeOutput };\n");
        write(ws, "lib/other.js", "// unrelated helpers\nfunction pad(n) { return n; }\nmodule.exports = { pad };\n");
        write(ws, "eslint.config_default.mjs", "// quotes: single quotes everywhere; a quote inside a single-quoted string is "
                + "escaped (avoidEscape), as are entity values\nexport default [{ rules: { quotes: ['error', 'single', "
                + "{ avoidEscape: true }], 'quote-props': ['error', 'as-needed'], 'safe-quote': 'off' } }];\n");
        WorkspaceFacts facts = facts(ws);
        List<String> chosen = ChangeLocator.locate(ChangeLocator.keys(objective), facts, ChangeLocator.projectNames(facts)).stream()
                .map(ChangeLocator.FileMatch::path).toList();
        assertThat(chosen).containsExactlyInAnyOrder(expected.split(","));
    }
}
