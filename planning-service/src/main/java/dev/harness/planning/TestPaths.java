package dev.harness.planning;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which paths are tests (theme.test.js, test_theme.py, ThemeTest.java, a file named test.js,
 * anything under test/ or __tests__/, and Jest's __fixtures__/ and __mocks__/): they are never places to change on their own, they come with the code they cover.
 */
public final class TestPaths {
    private static final Set<String> TEST_DIRECTORIES = Set.of("test", "tests", "__tests__", "spec", "specs", "testing",
            "__fixtures__", "__mocks__");
    /** theme.test.js, index.test-d.ts (tsd), test_theme.py, theme_test.go, ThemeTest.java, and a file named test.js or test.node.js itself. */
    private static final Pattern TEST_FILE = Pattern.compile(
            ".*\\.(?:test|spec|test-d)\\.\\w+$|^test_.*\\.py$|.*_test\\.(?:go|py|rb)$|.*(?:Test|Tests|IT|Spec)\\.(?:java|kt|scala|groovy)$"
                    + "|^(?:tests?|specs?)(?:\\.[\\w-]+)?\\.(?:js|mjs|cjs|ts|mts|cts|jsx|tsx|py)$");

    private TestPaths() {}

    /** Kept by path: every plan asks about the same files (see KeptAnswers). */
    private static final KeptAnswers<Boolean> KEPT = new KeptAnswers<>(16_384, TestPaths::isTestPathNow);

    public static boolean isTestPath(String relative) {
        return KEPT.get(relative);
    }

    static boolean isTestPathNow(String relative) {
        if (!containsIgnoreCase(relative, "test") && !containsIgnoreCase(relative, "spec") && !relative.contains("IT.")
                && !relative.contains("__")) {
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
