package dev.harness.planning;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CheckCommandTest {
    @ParameterizedTest(name = "{0} → cannot fail: {1}")
    @CsvSource(delimiter = '|', value = {
        "test -d 'src/theme'|true",
        "test -f src/a.js && test -d src|true",
        "ls -A|true",
        "test -n \"$(ls -A .)\"|true",
        "test -r . && test -w .|true",
        "[ -f package.json ]|true",
        "npm test|false",
        "test -d src && npm test|false",
        "node --test 'test/theme.test.js'|false",
        "test -n \"$(git status --porcelain -- 'src')\"|false",
    })
    void existenceChecksCannotFail(String command, boolean expected) {
        assertThat(CheckCommand.cannotFail(command)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} → rewrites: {1}")
    @CsvSource(delimiter = '|', value = {
        "npx prettier --write .|true",
        "npx prettier --check .|false",
        "eslint --fix src|true",
        "npx eslint src|false",
        "black src|true",
        "black --check src|false",
        "gofmt -w .|true",
        "gofmt -l .|false",
        "cargo fmt|true",
        "cargo fmt --check|false",
        "npm run format|true",
        "mvn spotless:apply|true",
        "mvn spotless:check|false",
        "npx jest -u|true",
        "sed -i s/a/b/ x|true",
        "git commit -am wip|true",
        "npm test|false",
        "pytest 'tests/test_a.py'|false",
    })
    void treeRewritingCommands(String command, boolean expected) {
        assertThat(CheckCommand.rewritesTree(command) != null).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} → targeted: {1}")
    @CsvSource(delimiter = '|', value = {
        "node --test 'test/theme.test.js'|true",
        "cd 'packages/cli' && npx mocha 'test/cli.spec.js'|true",
        "mvn -q -pl 'core' -am test -Dtest=RangeTest|true",
        "pytest 'tests/test_slug.py'|true",
        "go test ./parser|true",
        "npx uvu -r esm 'test' '^(?:lite\\.js)$'|true",
        "cargo test -p slug|true",
        "gradle :app:test --tests FooTest|true",
        "npm test|false",
        "mvn -q test|false",
        "go test ./...|false",
        "pytest|false",
        "cd 'frontend' && npm test|false",
    })
    void targetedCommands(String command, boolean expected) {
        assertThat(CheckCommand.isTargeted(command)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} → module {1}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "mvn -q -pl 'core' -am test -Dtest=A,B|core",
        "mvn -q test -Dtest=A|''",
        "mvn -q test|null",
        "npm test|null",
    })
    void mavenRunsOfTestClassesByModule(String command, String module) {
        assertThat(CheckCommand.mavenTestModule(command)).isEqualTo(module);
    }
}
