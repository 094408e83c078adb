package dev.harness.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A check that names a script, target, module, path or environment the project lacks is told apart, with the reason. */
class CheckTargetsTest {
    @TempDir
    static Path root;

    @BeforeAll
    static void project() throws Exception {
        write("package.json", "{\"scripts\": {\"test\": \"mocha\", \"build\": \"tsc\"}}");
        write("node_modules/.bin/mocha", "");
        write("Makefile", "CC := cc\n.PHONY: test build\ntest build: deps\n\t./run-tests\ncheck::\n\ttrue\ncoverage := 1\n");
        write("core/pom.xml", "<project/>");
        write("pom.xml", "<project><modules><module>core</module></modules></project>");
        write("tests/test_slug.py", "");
        write("tox.ini", "[tox]\nenvlist = py311, lint\n\n[testenv:docs]\ncommands = mkdocs build\n");
        write("pkg/parse/parse.go", "package parse\n");
        write("web/package.json", "{\"scripts\": {\"test\": \"vitest\"}}");
        write("included/Makefile", "include common.mk\n");
    }

    private static void write(String relative, String text) throws Exception {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiterString = " => ", nullValues = "-", quoteCharacter = '`', value = {
        // npm scripts: npm run X, npm test, in a subproject after cd
        "npm test => -",
        "npm run lint => package.json has no \"lint\" script",
        "npm run build => -",
        "npm run typecheck => package.json has no \"typecheck\" script",
        "npm run-script format => package.json has no \"format\" script",
        "npm run lint --if-present => -",
        "cd 'web' && npm test => -",
        "cd 'web' && npm run lint => web/package.json has no \"lint\" script",
        "cd 'api' && npm test => it changes into api, which is not a directory of the workspace",
        "yarn run lint => package.json has no \"lint\" script",
        "pnpm test => -",
        "yarn lint => -",
        // a tool npx would fetch from the registry because it is not installed
        "npx mocha 'test/a.spec.js' => -",
        "npx jest 'a.test.js' => 'jest' is not installed in node_modules (npx would fetch a package of that name from the registry)",
        "npx -p typescript tsc => -",
        // Makefile targets; included makefiles are not guessed at
        "make test => -",
        "make build => -",
        "make check => -",
        "make lint => Makefile has no \"lint\" target",
        "make coverage => Makefile has no \"coverage\" target",
        "make -C included anything => -",
        "make -C pkg test => there is no Makefile in pkg",
        // Maven modules
        "mvn -q -pl core -am test -Dtest=RangeTest => -",
        "mvn -q -pl 'parser' -am test => Maven module parser has no pom.xml",
        "mvn -q -pl :core-artifact test => -",
        "cd 'web' && mvn -q test => there is no pom.xml in web",
        // pytest paths, node ids and option values
        "pytest 'tests/test_slug.py' => -",
        "pytest 'tests/test_slug.py::test_one' -k 'slug or name' => -",
        "pytest 'tests/test_other.py' => pytest is given tests/test_other.py, which does not exist",
        "pytest -m slow => -",
        // tox environments
        "tox -e lint => -",
        "tox -e docs => -",
        "tox -e py312 => -",
        "tox -e typing => tox.ini has no \"typing\" environment",
        // go packages
        "go test ./pkg/parse => -",
        "go test ./... => -",
        "go test ./pkg/lex => go is given ./pkg/lex, which is not a directory of the workspace",
        // what the text cannot tell is not claimed
        "npm run lint | tee out.log => -",
        "npm run lint || true => -",
        "test -n \"$(npm run nothing)\" => -",
        "gradle test => -",
    })
    void namesWhatTheProjectHas(String command, String why) {
        assertThat(CheckTargets.missing(command, root).orElse(null)).isEqualTo(why);
    }

    @Test
    void shellWordsFollowQuotes() {
        assertThat(CheckTargets.words("cd 'my dir' && echo \"a \\\"b\\\"\" c\\ d"))
                .containsExactly("cd", "my dir", "&&", "echo", "a \"b\"", "c d");
        assertThat(CheckTargets.words("echo 'unclosed")).isNull();
    }
}
