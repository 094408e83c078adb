package dev.harness.planning;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python test cases written once in a shared class ({@code class CacheTestMixin} in tests/__init__.py) and run by each
 * test file whose test class inherits it ({@code class LRUCacheTest(unittest.TestCase, CacheTestMixin)}): what such a
 * file tests is its own text and the shared cases. The shared module is never run itself (pytest collects test_*.py).
 */
final class SharedTestCases {
    /** {@code class Name(Base, module.Other):}: group 1 the bases. */
    private static final Pattern CLASS_BASES = Pattern.compile("(?m)^\\s*class\\s+\\w+\\s*\\(([^)]*)\\)\\s*:");
    private static final Pattern COLLECTED = Pattern.compile("(?:test_.*|.*_test)\\.py");

    private SharedTestCases() {
    }

    /** The uncollected test modules of the project defining a class that {@code test}'s classes inherit, in order. */
    static List<String> modulesOf(WorkspaceFacts facts, String test, String text) {
        if (!test.endsWith(".py")) {
            return List.of();
        }
        Set<String> modules = new LinkedHashSet<>();
        Matcher bases = CLASS_BASES.matcher(text);
        while (bases.find()) {
            for (String base : bases.group(1).split(",")) {
                String name = base.strip();
                name = name.substring(name.lastIndexOf('.') + 1);
                if (name.isEmpty() || !Character.isLetter(name.charAt(0))) {
                    continue;
                }
                List<String> definers = facts.content().occurrences(ClassMembers.indexKey(name)).stream()
                        .filter(o -> o.defined() && shared(o.path(), test)).map(ContentIndex.Occurrence::path).distinct().toList();
                if (definers.size() == 1 && definesClass(facts, definers.get(0), name)) {
                    modules.add(definers.get(0));
                }
            }
        }
        return new ArrayList<>(modules);
    }

    /** The test's text followed by the shared modules' texts: everything it runs. */
    static String runText(WorkspaceFacts facts, String test, String text) {
        StringBuilder all = new StringBuilder(text);
        for (String module : modulesOf(facts, test, text)) {
            all.append('\n').append(read(facts, module));
        }
        return all.toString();
    }

    /**
     * Of {@code tests}, one file for each shared module that several of them run: the one named after a word of the
     * objective ({@code stems}: test_cache.py for "the cache's maxsize") runs the shared cases on the class the objective is
     * about, the others on its subclasses. They go when none of them holds more of the objective's cues ({@code cueScores})
     * than it or is named after a word of the objective.
     */
    static List<String> oneRunnerEach(List<String> tests, Set<String> stems, java.util.Map<String, Integer> cueScores,
                                      WorkspaceFacts facts) {
        java.util.Map<String, List<String>> runners = new java.util.LinkedHashMap<>();
        for (String test : tests) {
            for (String module : modulesOf(facts, test, read(facts, test))) {
                runners.computeIfAbsent(module, m -> new ArrayList<>()).add(test);
            }
        }
        Set<String> left = new java.util.HashSet<>();
        for (List<String> group : runners.values()) {
            List<String> named = group.stream().filter(t -> CoveringTests.namedAfter(t, stems)).toList();
            if (group.size() < 2 || named.size() != 1) {
                continue;
            }
            // a sibling named after any word of the objective (test_lru.py for "an LRU cache") is about it too
            int score = cueScores.getOrDefault(named.get(0), 0);
            if (group.stream().allMatch(t -> t.equals(named.get(0)) || cueScores.getOrDefault(t, 0) <= score
                    && CoveringTests.nameStems(t).stream().noneMatch(stems::contains))) {
                group.stream().filter(t -> !t.equals(named.get(0))).forEach(left::add);
            }
        }
        return left.isEmpty() ? tests : new ArrayList<>(tests.stream().filter(t -> !left.contains(t)).toList());
    }

    /** A Python file among the tests that pytest does not collect (tests/__init__.py, tests/base.py), beside the test. */
    private static boolean shared(String path, String test) {
        String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        return path.endsWith(".py") && !path.equals(test) && TestPaths.isTestPath(path) && !COLLECTED.matcher(name).matches();
    }

    private static boolean definesClass(WorkspaceFacts facts, String path, String name) {
        return Pattern.compile("(?m)^\\s*class\\s+" + Pattern.quote(name) + "\\b").matcher(read(facts, path)).find();
    }

    private static String read(WorkspaceFacts facts, String path) {
        byte[] bytes = ContentIndex.read(facts.root().resolve(path));
        return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
    }
}
