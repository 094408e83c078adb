package dev.harness.planning;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which paths are tests (theme.test.js, test_theme.py, ThemeTest.java, anything under test/ or
 * __tests__/): they are never places to change on their own, they come with the code they cover.
 */
public final class TestPaths {
    private static final Set<String> TEST_DIRECTORIES = Set.of("test", "tests", "__tests__", "spec", "specs", "testing");
    private static final Pattern TEST_FILE = Pattern.compile(
            ".*\\.(?:test|spec)\\.\\w+$|^test_.*\\.py$|.*_test\\.(?:go|py|rb)$|.*(?:Test|Tests|IT|Spec)\\.(?:java|kt|scala|groovy)$");

    private TestPaths() {}

    public static boolean isTestPath(String relative) {
        if (!containsIgnoreCase(relative, "test") && !containsIgnoreCase(relative, "spec") && !relative.contains("IT.")) {
            return false; // the common case, decided without a regex or a copy
        }
        String name = relative.substring(relative.lastIndexOf('/') + 1);
        if (TEST_FILE.matcher(name).matches()) {
            return true;
        }
        for (String part : relative.split("/")) {
            if (TEST_DIRECTORIES.contains(part)) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsIgnoreCase(String text, String word) {
        for (int i = 0, last = text.length() - word.length(); i <= last; i++) {
            if (text.regionMatches(true, i, word, 0, word.length())) {
                return true;
            }
        }
        return false;
    }
}
