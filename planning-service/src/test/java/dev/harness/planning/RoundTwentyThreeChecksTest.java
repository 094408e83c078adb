package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Round 23's checks (blind: chai, hast-util-to-html): tests importing an ignored bundle a build script writes reach the
 * bundle's entry and run after that build (without its cleaning pre-hook); a package importing itself by name reaches its
 * exports' entry; a script running one node:test file with node is narrowed with node --test and its options; a test
 * named after an element the objective's markup shows is its check.
 */
class RoundTwentyThreeChecksTest {
    @TempDir
    Path temp;

    @Test
    void testsOfAnIgnoredBundleRunAfterTheBuildThatWritesIt() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("assertions"));
        write(ws, ".gitignore", "/index.js\ncoverage/\n");
        write(ws, "package.json", "{\"name\":\"assertions\",\"type\":\"module\",\"main\":\"./index.js\",\"scripts\":{"
                + "\"build\":\"esbuild --bundle --format=esm --outfile=index.js lib/main.js\",\"prebuild\":\"npm run clean\","
                + "\"clean\":\"rm -rf index.js coverage/\",\"test\":\"mocha --require ./test/bootstrap/index.js test/*.js\"}}");
        write(ws, "lib/main.js", "export {expect} from './core/assertions.js'\n");
        write(ws, "lib/core/assertions.js", "export function expect(actual) {\n  return {closeTo(expected, delta) {\n"
                + "    if (Math.abs(actual - expected) > delta) throw new Error('expected ' + actual + ' to be close to ' + expected)\n"
                + "  }}\n}\n");
        write(ws, "test/bootstrap/index.js", "export const globalErr = (fn) => fn\n");
        write(ws, "test/expect.js", "import * as lib from '../index.js'\nimport {globalErr as err} from './bootstrap/index.js'\n\n"
                + "describe('expect', function () {\n  it('closeTo', function () {\n    lib.expect(1.5).closeTo(1.0, 0.5)\n  })\n})\n");
        write(ws, "index.js", "// the last build\n");
        WorkspaceFacts facts = facts(ws);
        assertThat(facts.graph().resolve("test/expect.js", "../index.js")).containsExactly("lib/main.js");
        assertThat(ScriptChain.rewritesWithoutHooks(dev.harness.protocol.Json.parse(
                Files.readString(ws.resolve("package.json"))).path("scripts"), "build")).isEmpty();
        PlanDraft draft = new BuiltInPlanner().plan("`expect(1682.6).closeTo(1682.7, 0.1)` fails because the floating-point "
                + "difference is slightly above the delta.", facts, null);
        assertThat(draft.packets().get(0).files()).contains("lib/core/assertions.js");
        assertThat(draft.packets().get(0).acceptanceTests()).first().isEqualTo(
                "npm run build --ignore-scripts && npx mocha --require ./test/bootstrap/index.js 'test/expect.js'");
    }

    @Test
    void aPackageImportingItselfByNameRunsItsNodeTestFilesWithNodesOwnOptions() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("to-html"));
        write(ws, "package.json", "{\"name\":\"to-html\",\"type\":\"module\",\"exports\":\"./index.js\",\"scripts\":{"
                + "\"test-api\":\"node --conditions development test/index.js\",\"test\":\"npm run test-api\"}}");
        write(ws, "index.js", "export {toHtml} from './lib/index.js'\n");
        write(ws, "lib/index.js", "import {closing} from './omission/closing.js'\n\nexport function toHtml(tree, options) {\n"
                + "  return options.omitOptionalTags && closing(tree) ? '' : '</' + tree.tagName + '>'\n}\n");
        write(ws, "lib/omission/closing.js", "export function closing(node, parent) {\n  return node.tagName === 'p' && !(\n"
                + "    parent.tagName === 'a' || parent.tagName === 'audio' || parent.tagName === 'video')\n}\n");
        for (String element : new String[] {"body", "dd", "li", "p", "tr"}) {
            write(ws, "test/omission-closing-" + element + ".js", "import assert from 'node:assert/strict'\nimport test from 'node:test'\n"
                    + "import {toHtml} from 'to-html'\n\ntest('`" + element + "` (closing)', async function () {\n"
                    + "  assert.equal(toHtml({tagName: '" + element + "'}, {omitOptionalTags: true}), '')\n})\n");
        }
        write(ws, "test/index.js", "import './omission-closing-body.js'\nimport './omission-closing-dd.js'\n"
                + "import './omission-closing-li.js'\nimport './omission-closing-p.js'\nimport './omission-closing-tr.js'\n");
        WorkspaceFacts facts = facts(ws);
        assertThat(facts.graph().resolve("test/omission-closing-p.js", "to-html")).containsExactly("index.js");
        assertThat(CoveringTests.namedAfterElement("test/omission-closing-p.js", java.util.Set.of("a", "p"))).isTrue();
        assertThat(CoveringTests.namedAfterElement("test/omission-closing-tr.js", java.util.Set.of("a", "p"))).isFalse();
        PlanDraft draft = new BuiltInPlanner().plan("With `omitOptionalTags: true`, a paragraph that is the last child of an <a> "
                + "(or audio, del, ins, map, noscript, video) loses its closing tag: <a><p>x</p></a> is serialized as <a><p>x</a>.",
                facts, null);
        assertThat(draft.packets().get(0).files()).first().isEqualTo("lib/omission/closing.js");
        assertThat(draft.packets().get(0).acceptanceTests()).first()
                .isEqualTo("node --conditions development --test 'test/omission-closing-p.js'");
    }
}
