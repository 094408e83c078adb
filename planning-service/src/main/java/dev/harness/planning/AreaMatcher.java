package dev.harness.planning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds the directories and files an objective is about by comparing its terms with the stems of
 * their names: a direct match counts twice a synonym match; shallower paths and directories win
 * ties; an area never contains another. Test files are not areas: they are attached to the area
 * whose name (or tree) they cover.
 */
public final class AreaMatcher {
    public static final int MAX_AREAS = 4;
    private static final int MAX_TESTS_PER_AREA = 5;
    private static final Set<String> TEST_DIRECTORIES = Set.of("test", "tests", "__tests__", "spec", "specs", "testing");
    private static final Pattern TEST_FILE = Pattern.compile(
            ".*\\.(?:test|spec)\\.\\w+$|^test_.*\\.py$|.*_test\\.(?:go|py|rb)$|.*(?:Test|Tests|IT|Spec)\\.(?:java|kt|scala|groovy)$");

    private AreaMatcher() {}

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

    /** Where the product's own code rarely lives: a match here counts one point less (unless the objective names it). */
    private static final Set<String> SECONDARY_DIRECTORIES = Set.of("examples", "example", "samples", "sample", "fixtures",
            "docs", "doc", "bin", "scripts", "demo", "demos", "third_party", "benchmarks", "bench");

    private static boolean containsIgnoreCase(String text, String word) {
        for (int i = 0, last = text.length() - word.length(); i <= last; i++) {
            if (text.regionMatches(true, i, word, 0, word.length())) {
                return true;
            }
        }
        return false;
    }

    private record Candidate(String path, boolean directory, int depth, int score, List<String> terms) {}

    public static List<Area> match(List<String> objectiveTerms, WorkspaceScan scan, int maxAreas) {
        return match(objectiveTerms, NameIndex.of(scan), maxAreas);
    }

    public static List<Area> match(List<String> objectiveTerms, NameIndex index, int maxAreas) {
        Set<String> terms = new HashSet<>(objectiveTerms);
        Set<String> related = new HashSet<>();
        for (String term : objectiveTerms) {
            related.addAll(ObjectiveTerms.related(term));
        }
        related.removeAll(terms);
        if (terms.isEmpty()) {
            return List.of();
        }
        Set<String> paths = new LinkedHashSet<>();
        for (Set<String> stems : List.of(terms, related)) {
            for (String stem : stems) {
                paths.addAll(index.pathsWithStem(stem));
            }
        }
        List<Candidate> candidates = new ArrayList<>();
        for (String path : paths) {
            Candidate c = score(path, index, terms, related);
            if (c != null) {
                candidates.add(c);
            }
        }
        candidates.sort(Comparator.comparingInt(Candidate::score).reversed()
                .thenComparingInt(Candidate::depth)
                .thenComparing(c -> !c.directory)
                .thenComparing(Candidate::path));

        List<Candidate> chosen = new ArrayList<>();
        int best = candidates.isEmpty() ? 0 : candidates.get(0).score;
        for (Candidate c : candidates) {
            if (chosen.size() >= maxAreas || c.score * 2 < best) {
                break; // much weaker matches are noise next to the best one
            }
            boolean overlaps = chosen.stream().anyMatch(o -> contains(o.path, c.path) || contains(c.path, o.path));
            if (!overlaps) {
                chosen.add(c);
            }
        }
        List<Area> areas = new ArrayList<>();
        for (Candidate c : chosen) {
            areas.add(new Area(c.path, c.directory, c.score, c.terms, testsFor(c.path, index)));
        }
        return areas;
    }

    private static Candidate score(String path, NameIndex index, Set<String> terms, Set<String> related) {
        int score = 0;
        Set<String> matched = new LinkedHashSet<>();
        for (String stem : index.stemsOf(path)) {
            if (terms.contains(stem)) {
                score += 2;
                matched.add(stem);
            } else if (related.contains(stem)) {
                score += 1;
                matched.add(stem);
            }
        }
        for (String partStem : index.secondaryStemsOf(path, AreaMatcher::secondaryStems)) {
            if (!terms.contains(partStem)) {
                score--;
                break;
            }
        }
        return score > 0 ? new Candidate(path, index.isDirectory(path), depth(path), score, new ArrayList<>(matched)) : null;
    }

    /** Stems of the secondary directories on {@code path}, in path order (usually none). */
    private static List<String> secondaryStems(String path) {
        List<String> stems = new ArrayList<>();
        for (String part : path.split("/")) {
            if (SECONDARY_DIRECTORIES.contains(part)) {
                stems.add(ObjectiveTerms.stem(part));
            }
        }
        return List.copyOf(stems);
    }

    /** Depends on the scan alone, so it is memoised in the index. */
    private static List<String> testsFor(String areaPath, NameIndex index) {
        return index.testsFor(areaPath, path -> testsFor(path, index.testFiles()));
    }

    private static List<String> testsFor(String areaPath, List<String> testFiles) {
        Set<String> areaStems = new HashSet<>(ObjectiveTerms.ofName(areaPath.substring(areaPath.lastIndexOf('/') + 1)));
        List<String> tests = new ArrayList<>();
        for (String test : testFiles) {
            if (tests.size() >= MAX_TESTS_PER_AREA) {
                break;
            }
            String name = test.substring(test.lastIndexOf('/') + 1);
            boolean inside = contains(areaPath, test);
            boolean named = ObjectiveTerms.ofName(name).stream().anyMatch(areaStems::contains);
            if (inside || named) {
                tests.add(test);
            }
        }
        return List.copyOf(tests);
    }

    private static boolean contains(String dir, String path) {
        return path.startsWith(dir + "/");
    }

    private static int depth(String path) {
        int depth = 0;
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) == '/') {
                depth++;
            }
        }
        return depth;
    }
}
