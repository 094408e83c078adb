package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * hapi's hoek (round 22): one module per utility in lib/, re-exported by lib/index.js, the package's main; one test file
 * of 2,500 lines requiring the package as {@code require('..')}, run by lab with a coverage threshold, lint and type tests
 * (test/index.ts, lab's {@code expect.type<…>}). The check is lab on that file, filtered to the titles naming the function
 * the objective gives, without the whole suite's threshold, lint and types.
 */
class TitleFilterTest {
    @TempDir
    Path temp;

    private Path hoek() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("hoek"));
        write(ws, "package.json", "{\"name\":\"@hapi/hoek\",\"main\":\"lib/index.js\",\"scripts\":{\"test\":\"lab -a @hapi/code -t 100 -L -Y\"},"
                + "\"devDependencies\":{\"@hapi/code\":\"9.x\",\"@hapi/lab\":\"25.x\"}}");
        write(ws, "lib/index.js", "'use strict';\n\nexports.merge = require('./merge');\n\nexports.reach = require('./reach');\n");
        write(ws, "lib/merge.js", "'use strict';\n\nconst internals = {};\n\n"
                + "module.exports = internals.merge = function (target, source, options) {\n"
                + "    options = Object.assign({ nullOverride: true, mergeArrays: true }, options);\n"
                + "    for (const key of Object.keys(source)) {\n        const value = source[key];\n"
                + "        if (value !== null && value !== undefined) {\n            target[key] = value;\n        }\n"
                + "        else if (options.nullOverride) {\n            target[key] = value;\n        }\n    }\n"
                + "    return target;\n};\n");
        write(ws, "lib/reach.js", "'use strict';\n\nmodule.exports = function (obj, chain) {\n"
                + "    let ref = obj;\n    for (const key of chain.split('.')) {\n        ref = ref[key];\n    }\n    return ref;\n};\n");
        StringBuilder tests = new StringBuilder("'use strict';\n\nconst Code = require('@hapi/code');\nconst Hoek = require('..');\n"
                + "const Lab = require('@hapi/lab');\n\nconst { describe, it } = exports.lab = Lab.script();\n"
                + "const expect = Code.expect;\n\n");
        tests.append("describe('merge()', () => {\n\n    it('overrides values with null', () => {\n"
                + "        expect(Hoek.merge({ a: 1 }, { a: null })).to.equal({ a: null });\n    });\n});\n\n");
        tests.append("describe('reach()', () => {\n\n    it('returns a nested value', () => {\n"
                + "        expect(Hoek.reach({ a: { b: 1 } }, 'a.b')).to.equal(1);\n    });\n});\n\n");
        for (int i = 0; i < 120; i++) {
            tests.append("describe('utility").append(i).append("()', () => {\n\n    it('works', () => {\n"
                    + "        expect(Hoek.reach({ a: ").append(i).append(" }, 'a')).to.equal(").append(i).append(");\n    });\n});\n\n");
        }
        write(ws, "test/index.js", tests.toString());
        write(ws, "test/index.ts", "import * as Hoek from '..';\nimport * as Lab from '@hapi/lab';\n\nconst { expect } = Lab.types;\n\n"
                + "expect.type<object>(Hoek.merge({}, {}));\nconst bench = new Hoek.Bench();\nexpect.type<void>(bench.reset());\n");
        return ws;
    }

    @Test
    void aBigTestFileIsFilteredToTheTitlesNamingTheFunction() throws Exception {
        WorkspaceFacts facts = facts(hoek());
        assertThat(facts.graph().resolve("test/index.js", "..")).containsExactly("lib/index.js");
        assertThat(facts.content().holdsNoTests("test/index.ts")).isTrue();
        PlanDraft draft = new BuiltInPlanner().plan("`Hoek.merge(target, source)` no longer lets an explicit null in the source "
                + "overwrite the target: `Hoek.merge({ a: 1 }, { a: null })` gives { a: 1 } instead of { a: null }.", facts, null);
        assertThat(draft.packets().get(0).files()).contains("lib/merge.js");
        assertThat(draft.packets().get(0).acceptanceTests()).first()
                .isEqualTo("npx lab -a @hapi/code -g '\\bmerge\\b' 'test/index.js'");
    }

    @Test
    void aSmallTestFileRunsWhole() throws Exception {
        Path ws = hoek();
        write(ws, "test/index.js", "'use strict';\n\nconst Code = require('@hapi/code');\nconst Hoek = require('..');\n"
                + "const Lab = require('@hapi/lab');\n\nconst { describe, it } = exports.lab = Lab.script();\n\n"
                + "describe('merge()', () => {\n\n    it('overrides values with null', () => {\n"
                + "        Code.expect(Hoek.merge({ a: 1 }, { a: null })).to.equal({ a: null });\n    });\n});\n");
        PlanDraft draft = new BuiltInPlanner().plan("`Hoek.merge(target, source)` no longer lets an explicit null in the source "
                + "overwrite the target.", facts(ws), null);
        assertThat(draft.packets().get(0).acceptanceTests()).first().isEqualTo("npx lab -a @hapi/code 'test/index.js'");
    }
}
