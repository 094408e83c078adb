package dev.harness.worker.attempt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TestFilesTest {
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "test/theme.test.js, true",
        "src/theme.spec.ts, true",
        "src/__tests__/theme.js, true",
        "tests/test_theme.py, true",
        "pkg/theme_test.go, true",
        "src/test/java/org/x/ThemeTest.java, true",
        "src/it/ThemeIT.java, true",
        "spec/theme_spec.rb, true",
        "test/fixtures/themes.json, true",
        "conftest.py, true",
        "src/theme/theme.js, false",
        "src/contest.py, false",
        "src/latest.js, false",
        "README.md, false",
        "src/Testament.java, false",
    })
    void changedFilesAreTestsByPlaceOrName(String path, boolean test) {
        assertThat(TestFiles.isTest(path)).isEqualTo(test);
    }
}
