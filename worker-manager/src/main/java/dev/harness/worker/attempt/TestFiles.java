package dev.harness.worker.attempt;

import java.util.Locale;
import java.util.Set;

/**
 * Which changed files are tests (or their fixtures): under a test directory, or named as test
 * runners find them (theme.test.js, test_theme.py, theme_test.go, ThemeTest.java, theme_spec.rb).
 */
final class TestFiles {
    private static final Set<String> TEST_DIRECTORIES = Set.of("test", "tests", "__tests__", "spec", "specs", "testing",
            "test-data", "testdata", "fixtures", "__fixtures__", "__snapshots__", "e2e");

    private TestFiles() {}

    static boolean isTest(String relative) {
        String path = relative.replace('\\', '/');
        String[] parts = path.split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            if (TEST_DIRECTORIES.contains(parts[i].toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        String name = parts[parts.length - 1];
        String lower = name.toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String stem = dot < 0 ? name : name.substring(0, dot);
        return lower.contains(".test.") || lower.contains(".spec.") || lower.contains("-test.") || lower.contains("_spec.")
                || lower.startsWith("test_") || stem.endsWith("_test") || stem.endsWith("Test") || stem.endsWith("Tests")
                || stem.endsWith("IT") || stem.endsWith("Spec") || lower.equals("conftest.py");
    }
}
