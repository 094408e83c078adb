package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.located;
import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A benchmark module beside the library's code (benchmark.js at the root) calls the functions it measures by name, often
 * from a table of cases (defineCase('joinPath', …)): it is no more the place of their behaviour than a benchmarks
 * directory is, and no registry of names the library's users call.
 */
class BenchmarkModulesTest {
    @TempDir
    Path temp;

    private Path library() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("paths"));
        write(ws, "package.json", "{\"name\": \"paths\", \"type\": \"module\", \"main\": \"index.js\","
                + " \"scripts\": {\"test\": \"ava\"}}\n");
        write(ws, "core.js", """
                export function joinPath(parts, options = {}) {
                	const separator = options.separator ?? '/';
                	return parts.map(part => part.replace(/\\/+$/, '')).join(separator);
                }

                export function splitPath(text, options = {}) {
                	return text.split(options.separator ?? '/');
                }
                """);
        write(ws, "index.js", "export * from './core.js';\n");
        write(ws, "benchmark.js", """
                import Benchmark from 'benchmark';
                import * as paths from './index.js';

                const {joinPath, splitPath} = paths;
                const suite = new Benchmark.Suite();
                const SAMPLE_PARTS = ['usr/', 'local/', 'bin/'];
                const SAMPLE_TEXT = joinPath(SAMPLE_PARTS, {separator: '/'});

                // one case of the suite: a function of the library by name, with its input and separator
                const defineCase = (name, input, options) => {
                	suite.add(name, () => paths[name](input, options || {}));
                };

                defineCase('joinPath', SAMPLE_PARTS);
                defineCase('joinPath', SAMPLE_PARTS, {separator: '\\\\'});
                defineCase('splitPath', SAMPLE_TEXT);
                suite.run();
                """);
        write(ws, "test/core.js", "import test from 'ava';\nimport {joinPath} from '../index.js';\n\n"
                + "test('joins', t => {\n\tt.is(joinPath(['a', 'b']), 'a/b');\n});\n");
        return ws;
    }

    @Test
    void theFileDefiningTheNamedFunctionIsThePlaceNotTheBenchmarkListingItsCases() throws Exception {
        WorkspaceFacts facts = facts(library());
        assertThat(located("`joinPath` drops the trailing slash of the last part it is given: joining usr/ and bin/ must"
                + " give usr/bin/", facts)).containsExactly("core.js");
    }

    @Test
    void aBenchmarkSharingTheObjectivesWordsStaysOutBesideTheLibrarysCode() throws Exception {
        WorkspaceFacts facts = facts(library());
        assertThat(located("joinPath with a separator option must keep the separator between the sample parts",
                facts)).containsExactly("core.js");
    }

    @Test
    void aBenchmarkTheObjectiveNamesIsThePlace() throws Exception {
        WorkspaceFacts facts = facts(library());
        assertThat(located("The benchmark must measure joinPath with a separator option too", facts)).contains("benchmark.js");
    }
}
