package dev.harness.planning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which of the tests that reach a change make its targeted check. Tests that measure time or load
 * (benchmarks, perf, ReDoS and timing suites) fail on a busy machine whatever the change did, so
 * they are left to the full suite unless the objective is about them; of the rest, those whose
 * contents name what the objective names come first.
 */
public final class CoveringTests {
    /** Words of a test's path that say it measures time or load rather than behaviour. */
    private static final Set<String> TIMING_WORDS = Set.of("bench", "benchmark", "benchmarks", "perf", "performance",
            "redos", "timing", "timings", "stress", "slow", "latency", "soak");
    /** Objective words (stemmed) that make such tests the point of the change. */
    private static final Set<String> ABOUT_TIMING = Stream.of("bench", "benchmark", "perf", "performance", "redos", "timing",
            "time", "timeout", "speed", "fast", "faster", "slow", "slower", "slowdown", "stress", "latency", "backtracking",
            "catastrophic", "dos", "throughput").map(ObjectiveTerms::stem).collect(Collectors.toUnmodifiableSet());

    /** Words every test's name has: never the concept it is named after. */
    private static final Set<String> NOT_CONCEPTS = Set.of("test", "tests", "spec", "specs", "unit", "integration");

    /** The tests chosen, and the timing tests left out of them. */
    public record Choice(List<String> tests, List<String> leftOut) {}

    private CoveringTests() {}

    /**
     * Of {@code candidates} (nearest first), at most {@code max}: no timing tests unless the objective
     * ({@code objectiveStems}) is about them, and those naming more of {@code terms} (the objective's
     * words found in the changed file) first, the candidates' order breaking ties.
     */
    public static Choice choose(List<String> candidates, Set<String> objectiveStems, List<String> terms, ContentIndex content,
                                int max) {
        boolean aboutTiming = objectiveStems.stream().anyMatch(ABOUT_TIMING::contains);
        List<String> kept = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        for (String test : candidates) {
            (!aboutTiming && measuresTime(test) ? leftOut : kept).add(test);
        }
        if (kept.size() > 1) {
            // named after the objective's concept (DelimiterTest for "delimiters") counts as two mentions
            List<String> ordered = new ArrayList<>(kept);
            ordered.sort(Comparator.comparingInt((String t) -> -(mentions(t, terms, content) + (namedAfter(t, objectiveStems) ? 2 : 0))));
            kept = ordered;
            kept = namedWhollyAfter(kept, objectiveStems);
        }
        return new Choice(List.copyOf(kept.size() <= max ? kept : kept.subList(0, max)), List.copyOf(leftOut));
    }

    /**
     * Of {@code tests}, those named wholly after the objective's words, with the most of them
     * (parse-set-cookie.spec.ts for "when parsing a Set-Cookie header": a sibling named after only some of
     * them, parse-cookie.spec.ts, tests another function of the same file); all of {@code tests} when none is.
     */
    static List<String> namedWhollyAfter(List<String> tests, Set<String> objectiveStems) {
        int most = 1; // one word (test_index.py, match.spec.js) is too little to leave the file's other tests out on
        List<String> named = new ArrayList<>();
        for (String test : tests) {
            List<String> words = nameStems(test);
            if (words.size() >= most && !words.isEmpty() && objectiveStems.containsAll(words)) {
                if (words.size() > most) {
                    named.clear();
                    most = words.size();
                }
                if (most > 1) {
                    named.add(test);
                }
            }
        }
        return named.isEmpty() ? tests : List.copyOf(named);
    }

    /** The distinct stems of a test file name's words, without the words every test's name has. */
    private static List<String> nameStems(String test) {
        String name = test.substring(test.lastIndexOf('/') + 1);
        List<String> stems = new ArrayList<>();
        String[] segments = name.split("[._-]+");
        for (int i = 0; i < segments.length - 1; i++) { // the last segment is the extension
            for (String part : ContentIndex.splitIdentifier(segments[i].toLowerCase(java.util.Locale.ROOT))) {
                String stem = ObjectiveTerms.stem(part);
                if (part.length() > 1 && !NOT_CONCEPTS.contains(part) && !stems.contains(stem)) {
                    stems.add(stem);
                }
            }
        }
        return stems;
    }

    /** A test whose path says it measures time or load (src/redos.spec.ts, test/perf/parse.test.js, bench_test.go). */
    public static boolean measuresTime(String path) {
        for (String segment : path.split("[/._-]+")) {
            for (String part : ContentIndex.splitIdentifier(segment)) { // parserPerf.test.js: parser, perf
                if (TIMING_WORDS.contains(part) || part.contains("benchmark")) { // com/example/mustachebenchmarks
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether a word of the test's file name (stemmed) is one of {@code stems}: test_match.py, DelimiterTest.java. */
    public static boolean namedAfter(String test, Set<String> stems) {
        String name = test.substring(test.lastIndexOf('/') + 1);
        for (String segment : name.split("[._-]+")) {
            for (String part : ContentIndex.splitIdentifier(segment)) {
                String stem = ObjectiveTerms.stem(part);
                if (part.length() >= 4 && !NOT_CONCEPTS.contains(part) && stems.contains(stem)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int mentions(String test, List<String> terms, ContentIndex content) {
        int found = 0;
        for (String term : terms) {
            if (content.occurrences(term).stream().anyMatch(o -> o.path().equals(test))) {
                found++;
            }
        }
        return found;
    }
}
