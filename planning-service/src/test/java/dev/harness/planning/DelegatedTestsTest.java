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
 * A package.json test script that hands over to a task runner (jake, make): the narrowed check starts the runner that
 * the test task starts, on the covering test file, after only the task that compiles what the tests load — not the
 * whole chain of lint, clean, bundle and minify.
 */
class DelegatedTestsTest {
    @TempDir
    Path temp;

    private static final String JAKEFILE = """
            let exec = function (cmd) { execSync(cmd, {stdio: 'inherit'}); };
            desc('Builds');
            task('build', ['lint', 'clean', 'compile', 'bundle']);
            task('compile', function () {
              exec('npx tsc');
              let source = fs.readFileSync('lib/cjs/slug.js', 'utf8').replace(/^exports\\.default = slug;\\s*$/m, 'module.exports = slug;');
              fs.writeFileSync('lib/cjs/slug.js', source);
            });
            task('clean', function () { fs.rmSync('./lib/cjs', {recursive: true, force: true}); });
            task('lint', ['clean'], function () {
              let epath = path.join('./node_modules/.bin/eslint');
              exec(epath + ' "lib/esm/*.js"');
            });
            task('bundle', function () { exec('./node_modules/browserify/bin/cmd.js --standalone slug slug.js > ../../slug.js'); });
            task('test', ['test:unit'], function () {});
            task('testOnly', function () {
              exec(path.join('./node_modules/.bin/mocha --u tdd'));
            });
            namespace('test', function () {
              task('unit', ['build', 'testOnly'], function () {});
            });
            """;

    @ParameterizedTest(name = "{0} importing {1} → {2}")
    @CsvSource(delimiter = '|', value = {
        // the tests load the compiled copy (lib/cjs, not in the workspace): the compile task runs first, alone
        "npx jake test|require('..')|npx jake compile && npx mocha --u tdd 'test/slug.js'",
        "jake test|require('../lib/cjs/slug')|npx jake compile && npx mocha --u tdd 'test/slug.js'",
        // tests loading the sources need no build
        "npx jake test|require('../lib/esm/slug.js')|npx mocha --u tdd 'test/slug.js'",
        // a task runner without a file here: only the whole script
        "npx grunt test|require('..')|npm test",
    })
    void aTestScriptDelegatingToJakeRunsTheTestTasksRunnerNarrowed(String script, String imported, String check) throws Exception {
        Path ws = Files.createDirectories(temp.resolve("jake"));
        write(ws, "package.json", "{\"name\":\"slug\",\"main\":\"./lib/cjs/slug.js\",\"scripts\":{\"test\":\"" + script + "\"}}");
        write(ws, "jakefile.js", JAKEFILE);
        write(ws, "lib/esm/slug.js", "export function slugify(text) { return text.trim().toLowerCase().replace(/\\s+/g, '-'); }\n");
        write(ws, "test/slug.js", "var slug = " + imported + ";\nsuite('slugify', function () { test('dashes', function () {"
                + " slug.slugify('a b'); }); });\n");
        PlanDraft draft = new BuiltInPlanner().plan("`slugify` must collapse repeated spaces into one dash", facts(ws), null);
        assertThat(draft.packets()).hasSize(1);
        assertThat(draft.packets().get(0).acceptanceTests()).first().isEqualTo(check);
    }

    @Test
    void makeTestRunsItsRecipesRunnerAfterTheCompileTarget() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("make"));
        write(ws, "package.json", "{\"name\":\"slug\",\"main\":\"./dist/slug.js\",\"scripts\":{\"test\":\"make test\"}}");
        write(ws, "Makefile", """
                .PHONY: test build lint
                lint:
                \t@./node_modules/.bin/eslint src
                build: lint
                \t./node_modules/.bin/babel src --out-dir dist
                test: build
                \t@./node_modules/.bin/mocha --reporter dot test/*.js
                """);
        write(ws, "src/slug.js", "export function slugify(text) { return text.trim().toLowerCase().replace(/\\s+/g, '-'); }\n");
        write(ws, "test/slug.js", "var slug = require('../dist/slug.js');\ndescribe('slugify', function () { it('dashes', function () {"
                + " slug.slugify('a b'); }); });\n");
        PlanDraft draft = new BuiltInPlanner().plan("`slugify` must collapse repeated spaces into one dash", facts(ws), null);
        assertThat(draft.packets().get(0).acceptanceTests()).first()
                .isEqualTo("make build && npx mocha --reporter dot 'test/slug.js'");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "npx jake test|npx jake|test",
        "jake|npx jake|default",
        "make test|make|test",
        "make|make|''",
        "npx jake test && npm run size|''|''",
        "jake test --trace|''|''",
    })
    void whatATestScriptDelegatesTo(String script, String launcher, String task) {
        var delegation = TaskFile.delegation(script);
        if (launcher.isEmpty()) {
            assertThat(delegation).isEmpty();
        } else {
            assertThat(delegation).contains(new TaskFile.Delegation(launcher, task));
        }
    }

    @Test
    void jakeTasksInANamespaceAreOrderedPrerequisitesFirst() {
        var tasks = new TaskFile.Jake().tasks(JAKEFILE);
        assertThat(tasks.get("test:unit").prerequisites()).containsExactly("build", "testOnly");
        assertThat(tasks.get("testOnly").commands()).containsExactly("./node_modules/.bin/mocha --u tdd");
        assertThat(tasks.get("compile").commands()).containsExactly("npx tsc");
        // a command built from a variable (epath + '…') is not read: its tool is not known
        assertThat(tasks.get("lint").commands()).isEmpty();
        var file = TaskFile.read(Path.of("/nonexistent"), "", new TaskFile.Delegation("npx jake", "test"));
        assertThat(file).isEmpty();
        assertThat(List.of("mocha --u tdd")).containsExactly(TaskFile.bareCommand("./node_modules/.bin/mocha --u tdd"));
    }
}
