package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A JavaScript class whose public methods are wrappers of a few lines around functions imported from an impl/ folder: an
 * objective naming the method (`Span.fromText`, `Moment#render`) is about what the callee does, and the callee shows it
 * by holding the token the objective writes (`case "wwww":`) or the objective's words the wrapper lacks.
 */
class WrapperMethodsTest {
    @TempDir
    Path temp;

    private Path library() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("moments"));
        write(ws, "package.json", "{\"name\":\"moments\",\"scripts\":{\"test\":\"jest\"},\"devDependencies\":{\"jest\":\"^29\"}}");
        write(ws, "src/span.js", "import { parseSpanText } from \"./impl/textParser.js\";\n\n"
                + "export default class Span {\n  constructor(values) {\n    this.values = values;\n  }\n\n"
                + "  /**\n   * A span from its text form, each unit with its own sign.\n   */\n"
                + "  static fromText(text, opts = {}) {\n    const [parsed] = parseSpanText(text);\n"
                + "    return parsed ? new Span(parsed) : Span.invalid(text);\n  }\n\n"
                + "  static invalid(text) {\n    return new Span({ invalid: text });\n  }\n\n"
                + "  negate() {\n    const negated = {};\n    for (const unit of Object.keys(this.values)) {\n"
                + "      negated[unit] = -this.values[unit];\n    }\n    return new Span(negated);\n  }\n\n"
                + "  toText() {\n    return Object.entries(this.values).map(([unit, n]) => n + unit[0]).join(\"\");\n  }\n}\n");
        write(ws, "src/impl/textParser.js", "function maybeNegate(value, minusPrefix) {\n"
                + "  return minusPrefix && value ? -value : value;\n}\n\n"
                + "export function parseSpanText(text) {\n  const minusPrefix = text[0] === \"-\";\n"
                + "  const match = /^-?S(\\d+)Y(\\d+)M$/.exec(text);\n  if (!match) {\n    return [null];\n  }\n"
                + "  return [{ years: maybeNegate(Number(match[1]), minusPrefix), months: maybeNegate(Number(match[2]), minusPrefix) }];\n}\n");
        write(ws, "src/moment.js", "import Formatter from \"./impl/formatter.js\";\nimport Span from \"./span.js\";\n\n"
                + "export default class Moment {\n  constructor(date) {\n    this.date = date;\n  }\n\n"
                + "  render(fmt, opts = {}) {\n    return Formatter.create(opts).formatMoment(this, fmt);\n  }\n\n"
                + "  weekYear() {\n    return this.date.getFullYear();\n  }\n\n"
                + "  until(other) {\n    return new Span({ days: (other.date - this.date) / 86400000 });\n  }\n}\n");
        write(ws, "src/impl/formatter.js", "export default class Formatter {\n  static create(opts) {\n    return new Formatter(opts);\n  }\n\n"
                + "  constructor(opts) {\n    this.opts = opts;\n  }\n\n"
                + "  formatMoment(moment, fmt) {\n    switch (fmt) {\n      case \"ww\":\n"
                + "        return String(moment.weekYear()).slice(-2);\n      case \"wwww\":\n"
                + "        return String(moment.weekYear());\n      default:\n        return fmt;\n    }\n  }\n}\n");
        write(ws, "test/helpers.js", "export const at = (y, m, d) => new Date(y, m - 1, d);\n");
        write(ws, "test/span/fromText.test.js", "import Span from \"../../src/span.js\";\n\n"
                + "test('reads a span', () => {\n  expect(Span.fromText('-S1Y2M').values.years).toBe(-1);\n});\n");
        write(ws, "test/span/negate.test.js", "import Span from \"../../src/span.js\";\n\n"
                + "test('negates each unit', () => {\n  expect(new Span({ years: 1 }).negate().values.years).toBe(-1);\n});\n");
        write(ws, "test/moment/render.test.js", "import Moment from \"../../src/moment.js\";\nimport { at } from \"../helpers.js\";\n\n"
                + "test('renders the week year', () => {\n  expect(new Moment(at(1982, 5, 25)).render('wwww')).toBe('1982');\n});\n");
        write(ws, "test/moment/until.test.js", "import Moment from \"../../src/moment.js\";\nimport { at } from \"../helpers.js\";\n\n"
                + "test('spans the days between', () => {\n  expect(new Moment(at(1982, 5, 25)).until(new Moment(at(1982, 5, 26))).values.days).toBe(1);\n});\n");
        return ws;
    }

    @Test
    void aTokenTheObjectiveWritesIsACaseOfTheCalleeSoTheCalleeIsThePlace() throws Exception {
        PlanDraft draft = new BuiltInPlanner().plan("`Moment#render` must render the week-year tokens: `wwww` the full week year "
                + "and `ww` its last two digits", facts(library()), null);
        assertThat(draft.packets()).hasSize(1);
        TaskPacket packet = draft.packets().get(0);
        assertThat(packet.objective()).contains("Make the change in src/impl/formatter.js that");
        // the test named after the method comes first; the helper beside the tests is no test jest would run
        assertThat(packet.acceptanceTests().get(0)).startsWith("npx jest 'test/moment/render.test.js'").doesNotContain("helpers.js");
    }

    @Test
    void theObjectivesWordsTheWrapperLacksAreInTheCalleeSoTheCalleeIsThePlace() throws Exception {
        PlanDraft draft = new BuiltInPlanner().plan("`Span.fromText` must negate every unit of a span written with a leading "
                + "minus prefix (`-S1Y2M` gives years -1 and months -2)", facts(library()), null);
        assertThat(draft.packets()).hasSize(1);
        assertThat(draft.packets().get(0).objective()).contains("Make the change in src/impl/textParser.js that");
        assertThat(draft.packets().get(0).acceptanceTests().get(0)).startsWith("npx jest 'test/span/fromText.test.js'");
    }

    @Test
    void aMethodWithABodyOfItsOwnStaysThePlace() throws Exception {
        PlanDraft draft = new BuiltInPlanner().plan("`Span#negate` must negate every unit, also a unit of zero, and keep "
                + "the span's minus prefix", facts(library()), null);
        assertThat(draft.packets().get(0).objective()).contains("Make the change in src/span.js that");
    }
    @Test
    void aTokenTheNamedFunctionSwitchesOnIsMadeByTheHelperItsBranchReturns() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("stamps"));
        write(ws, "package.json", "{\"name\":\"stamps\",\"scripts\":{\"test\":\"jest\"},\"devDependencies\":{\"jest\":\"^29\"}}");
        write(ws, "src/utils.js", "const padOffset = (instance) => {\n  const minutes = -instance.offset();\n"
                + "  const hours = Math.floor(Math.abs(minutes) / 60);\n  return (minutes <= 0 ? '+' : '-') + String(hours).padStart(2, '0');\n};\n\n"
                + "export default { o: padOffset };\n");
        write(ws, "src/index.js", "import U from './utils';\n\nconst Utils = U; // for plugins\n\n"
                + "class Stamp {\n  constructor(date) {\n    this.date = date;\n  }\n\n  offset() {\n    return this.date.getTimezoneOffset();\n  }\n\n"
                + "  render(pattern) {\n    const offsetStr = Utils.o(this);\n    const piece = (match) => {\n      switch (match) {\n"
                + "        case 'YYYY':\n          return String(this.date.getFullYear());\n        case 'O':\n          return offsetStr;\n"
                + "        default:\n          return null;\n      }\n    };\n"
                + "    return pattern.replace(/YYYY|O/g, (m) => piece(m) || m);\n  }\n}\n\nexport default Stamp;\n");
        write(ws, "src/plugin/zone/index.js", "export default (option, Stamp) => {\n"
                + "  Stamp.prototype.zone = function () {\n    return this.render('YYYY') + ' offset in minutes ' + this.offset();\n  };\n};\n");
        write(ws, "test/utils.test.js", "import U from '../src/utils';\n\ntest('padOffset', () => {\n"
                + "  expect(U.o({ offset: () => -330 })).toBe('+05');\n});\n");
        write(ws, "test/render.test.js", "import Stamp from '../src/index';\n\ntest('year', () => {\n"
                + "  expect(new Stamp(new Date(2020, 0, 1)).render('YYYY')).toBe('2020');\n});\n");
        write(ws, "test/plugin/zone.test.js", "import Stamp from '../../src/index';\nimport zone from '../../src/plugin/zone';\n\n"
                + "zone({}, Stamp);\ntest('zone', () => {\n  expect(new Stamp(new Date(2020, 0, 1)).zone()).toContain('offset');\n});\n");
        PlanDraft draft = new BuiltInPlanner().plan("`render('O')` must render the UTC offset with its minutes (`+05:30`) "
                + "and `+00:00` at UTC", facts(ws), null);
        assertThat(draft.packets()).hasSize(1);
        assertThat(draft.packets().get(0).objective()).contains("Make the change in src/utils.js that");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        // a parser reading the token back (and calling render() to compare) holds it, but does not write it
        "if (string === 'O') return 0; return this.render(pattern) === text;|false",
        // a plugin overriding render() writes the token too
        "Stamp.prototype.render = function (pattern) { if (pattern === 'O') return 'UTC'; };|true",
        // holding none of the tokens: shared words only
        "Stamp.prototype.render = function (pattern) { return pattern; };|false",
    })
    void besideTheNamedFunctionsBranchAnotherFileStaysOnlyWhenItDefinesThatFunctionWithTheToken(String plugin, boolean stays)
            throws Exception {
        Path ws = Files.createDirectories(temp.resolve("branch"));
        write(ws, "package.json", "{\"name\":\"stamps\",\"scripts\":{\"test\":\"jest\"}}");
        write(ws, "src/utils.js", "const padOffset = (instance) => '+' + String(instance.offset());\nexport default { o: padOffset };\n");
        write(ws, "src/index.js", "import U from './utils';\n\nclass Stamp {\n  render(pattern) {\n    const offsetStr = U.o(this);\n"
                + "    switch (pattern) {\n      case 'O':\n        return offsetStr;\n      default:\n        return null;\n    }\n  }\n}\n"
                + "export default Stamp;\n");
        write(ws, "src/plugin/other/index.js", "export default (option, Stamp) => {\n  " + plugin + "\n};\n");
        WorkspaceFacts facts = facts(ws);
        List<ChangeLocator.FileMatch> chosen = List.of(new ChangeLocator.FileMatch("src/index.js", 2, List.of(), "named"),
                new ChangeLocator.FileMatch("src/plugin/other/index.js", 1, List.of(), "words"));
        List<String> placed = ScriptCallees.throughCaseBranches(chosen, ChangeLocator.keys("`render('O')` must render the UTC offset "
                + "with its minutes"), facts, ChangeLocator::candidate, new java.util.HashMap<>(), new java.util.HashMap<>()).stream()
                .map(ChangeLocator.FileMatch::path).toList();
        assertThat(placed).isEqualTo(stays ? List.of("src/utils.js", "src/plugin/other/index.js") : List.of("src/utils.js"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        // one statement handing the work to an imported comparator: it shared the word "sorts"
        "const compareBuild = require('./compare-build')\\nconst sort = (list) => list.sort((a, b) => compareBuild(a, b))\\n"
            + "module.exports = sort\\n|false",
        // a body of its own stays
        "const compareBuild = require('./compare-build')\\nconst sort = (list) => {\\n  const copy = [...list]\\n"
            + "  return copy.sort((a, b) => compareBuild(a, b))\\n}\\nmodule.exports = sort\\n|true",
        // one statement, but no imported function: its own behaviour
        "const sort = (list) => list.sort((a, b) => a.length - b.length)\\nmodule.exports = sort\\n|true",
    })
    void aOneStatementModuleHandingTheWorkToAnImportedFunctionIsNoPlaceBesideAnother(String sort, boolean stays) throws Exception {
        Path ws = Files.createDirectories(temp.resolve("delegates"));
        write(ws, "package.json", "{\"name\":\"vers\",\"scripts\":{\"test\":\"tap\"}}");
        write(ws, "internal/identifiers.js", "const numeric = /^[0-9]+$/\nconst compareIdentifiers = (a, b) => {\n"
                + "  const anum = numeric.test(a)\n  const bnum = numeric.test(b)\n  return anum && !bnum ? -1 : a < b ? -1 : 1\n}\n"
                + "module.exports = { compareIdentifiers }\n");
        write(ws, "functions/compare-build.js", "const { compareIdentifiers } = require('../internal/identifiers')\n"
                + "const compareBuild = (a, b) => compareIdentifiers(a, b)\nmodule.exports = compareBuild\n");
        write(ws, "functions/sort.js", sort.replace("\\n", "\n"));
        WorkspaceFacts facts = facts(ws);
        List<ChangeLocator.FileMatch> chosen = List.of(new ChangeLocator.FileMatch("internal/identifiers.js", 2, List.of(), "named"),
                new ChangeLocator.FileMatch("functions/sort.js", 1, List.of(), "words"));
        List<String> kept = ScriptCallees.withoutOneLineDelegates(chosen, ChangeLocator.keys("numeric identifiers sort before "
                + "alphanumeric ones"), facts, ChangeLocator::candidate).stream().map(ChangeLocator.FileMatch::path).toList();
        assertThat(kept).isEqualTo(stays ? List.of("internal/identifiers.js", "functions/sort.js") : List.of("internal/identifiers.js"));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "  render(pattern) {|true",
        "function render(pattern) {|true",
        "Stamp.prototype.render = function (pattern) {|true",
        "  render: (pattern) => pattern,|true",
        "const render = async function (p) {|true",
        "return this.render(pattern) === text|false",
        "if (this.render(p)) {|false",
        "const rendered = prerender(x) {|false",
    })
    void aFunctionsDefinitionIsToldFromACallOfIt(String line, boolean defines) {
        assertThat(ScriptCallees.definitionOf("render").matcher(line).find()).isEqualTo(defines);
    }
}
