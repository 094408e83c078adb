package dev.harness.planning;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds the files an objective is about: the objective's words (stems, their synonyms, and whole
 * identifiers it names such as {@code slugifyWithCounter}) are looked up in file and directory
 * names and in the content index; rarer words weigh more (a word in most files says little), as do
 * whole identifiers; generated, vendored and data files count for little. Tests are not places to
 * change on their own: they come with the code they cover. Each match carries its evidence.
 */
public final class ChangeLocator {
    public static final int MAX_FILES = 6;
    /** A file scoring less than this share of the best one is noise next to it. */
    private static final double RELATIVE_CUT = 0.35;
    private static final int MAX_FILES_PER_DIRECTORY_NAME = 200;
    private static final Set<String> INSTRUCTION_FILES = Set.of("claude.md", "agents.md", "gemini.md", ".cursorrules",
            "copilot-instructions.md", "changelog.md", "changes.md", "history.md", "license", "license.md", "contributing.md");

    /** One file the change needs, with its score and the line (or name) that shows why. */
    public record FileMatch(String path, double score, List<String> terms, String evidence) {}

    private ChangeLocator() {}

    /** Objective keys: content stems (direct), their synonyms, and lowercased compound identifiers. */
    public record Keys(Set<String> direct, Set<String> related, Set<String> identifiers) {
        public boolean isEmpty() {
            return direct.isEmpty() && identifiers.isEmpty();
        }
    }

    public static Keys keys(String objective) {
        Set<String> direct = new LinkedHashSet<>(ObjectiveTerms.of(ObjectiveText.forMatching(objective)));
        Set<String> identifiers = new LinkedHashSet<>();
        for (String token : objective.split("[^\\p{L}\\p{N}_$]+")) {
            if (token.length() > 3 && ContentIndex.isIdentifierLike(token)) {
                identifiers.add(token.toLowerCase(Locale.ROOT));
            }
        }
        Set<String> related = new LinkedHashSet<>();
        direct.forEach(term -> related.addAll(ObjectiveTerms.related(term)));
        related.removeAll(direct);
        return new Keys(direct, related, identifiers);
    }

    /**
     * The files to change, best first. {@code projectNames} are words that name the project
     * itself (its package names): every file is about them, so they count little in contents.
     */
    public static List<FileMatch> locate(Keys keys, WorkspaceFacts facts, Set<String> projectNames) {
        if (keys.isEmpty()) {
            return List.of();
        }
        ContentIndex content = facts.content();
        int documents = Math.max(1, content.size());
        Map<String, Double> scores = new HashMap<>();
        Map<String, Set<String>> terms = new HashMap<>();
        boolean aboutDocs = keys.direct().stream().anyMatch(t -> t.equals("doc") || t.equals("docs") || t.equals("readm")
                || t.equals("documentation") || t.equals("guid"));

        // contents: a word found in a file, weighed by how rare it is
        List<String> all = new ArrayList<>(keys.identifiers());
        all.addAll(keys.direct());
        all.addAll(keys.related());
        for (String key : all) {
            int df = content.documentFrequency(key);
            if (df == 0) {
                continue;
            }
            double base = keys.identifiers().contains(key) ? 6 : keys.direct().contains(key) ? 2 : 1;
            if (projectNames.contains(key)) {
                base *= 0.3;
            }
            double idf = Math.log(1 + (double) documents / df);
            for (ContentIndex.Occurrence o : content.occurrences(key)) {
                if (!candidate(o.path())) {
                    continue;
                }
                double weight = (o.kind() == FileKind.DOCUMENTATION && aboutDocs ? 1.0 : o.kind().weight()) * placeWeight(o.path());
                double repeat = 1 + Math.min(o.count() - 1, 4) * 0.1;
                scores.merge(o.path(), base * idf * weight * repeat, Double::sum);
                terms.computeIfAbsent(o.path(), k -> new LinkedHashSet<>()).add(key);
            }
        }
        // names: the file's own name, or a directory on its path, says what it is
        NameIndex names = facts.names();
        for (Set<String> group : List.of(keys.direct(), keys.related())) {
            boolean direct = group == keys.direct();
            for (String stem : group) {
                for (String path : names.pathsWithStem(stem)) {
                    if (names.isDirectory(path)) {
                        int added = 0;
                        for (String file : facts.filesUnder(path)) {
                            if (added++ >= MAX_FILES_PER_DIRECTORY_NAME) {
                                break;
                            }
                            if (candidate(file)) {
                                nameHit(scores, terms, file, stem, (direct ? 2.5 : 1.2) * (projectNames.contains(stem) ? 0.5 : 1), facts);
                            }
                        }
                    } else if (candidate(path)) {
                        nameHit(scores, terms, path, stem, (direct ? 3 : 1.5) * (projectNames.contains(stem) ? 0.5 : 1), facts);
                    }
                }
            }
        }
        List<Map.Entry<String, Double>> ranked = new ArrayList<>(scores.entrySet());
        ranked.sort(Map.Entry.<String, Double>comparingByValue().reversed()
                .thenComparing(e -> depth(e.getKey())).thenComparing(Map.Entry::getKey));
        if (ranked.isEmpty()) {
            return List.of();
        }
        if (System.getenv("HARNESS_PLANNING_DEBUG") != null) {
            ranked.stream().limit(15).forEach(e -> System.err.println("score " + e.getKey() + " " + e.getValue() + " " + terms.get(e.getKey())));
        }
        boolean anyEditable = ranked.stream().anyMatch(e -> content.kind(e.getKey()).editable());
        double best = ranked.stream().filter(e -> !anyEditable || content.kind(e.getKey()).editable())
                .mapToDouble(Map.Entry::getValue).max().orElse(0);
        List<FileMatch> chosen = new ArrayList<>();
        for (Map.Entry<String, Double> e : ranked) {
            if (chosen.size() >= MAX_FILES || e.getValue() < best * RELATIVE_CUT) {
                break;
            }
            if (anyEditable && !content.kind(e.getKey()).editable()) {
                continue; // generated, vendored and data files only when nothing else matched
            }
            List<String> matched = new ArrayList<>(terms.getOrDefault(e.getKey(), Set.of()));
            chosen.add(new FileMatch(e.getKey(), e.getValue(), matched, evidence(facts, e.getKey(), keys, projectNames)));
        }
        return chosen;
    }

    private static void nameHit(Map<String, Double> scores, Map<String, Set<String>> terms, String file, String stem,
                                double points, WorkspaceFacts facts) {
        Set<String> seen = terms.computeIfAbsent(file, k -> new LinkedHashSet<>());
        if (seen.add("name:" + stem)) {
            scores.merge(file, points * Math.max(0.25, facts.content().kind(file).weight()) * placeWeight(file), Double::sum);
        }
    }

    /** Where the product's own code rarely lives: tooling, examples, docs builds, benchmarks. */
    private static final Set<String> SECONDARY_DIRECTORIES = Set.of("tools", "tool", "scripts", "script", "examples", "example",
            "samples", "sample", "fixtures", "docs", "doc", "bench", "benchmarks", "benchmark", "demo", "demos", "bin", "website",
            "site", ".github", "ci", "e2e");

    static double placeWeight(String path) {
        int slash = path.indexOf('/');
        int start = 0;
        while (slash > 0) {
            if (SECONDARY_DIRECTORIES.contains(path.substring(start, slash).toLowerCase(Locale.ROOT))) {
                return 0.4;
            }
            start = slash + 1;
            slash = path.indexOf('/', start);
        }
        return 1.0;
    }

    /** Files that can be a place to change: not tests, not agent instructions, not secondary (examples, docs builds). */
    static boolean candidate(String path) {
        if (AreaMatcher.isTestPath(path)) {
            return false;
        }
        String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        return !INSTRUCTION_FILES.contains(name) && FileKind.ofPath(path) != FileKind.OTHER;
    }

    /** The line of {@code path} with the most of the objective's words: "src/settings/index.js:2 theme: 'light'". */
    static String evidence(WorkspaceFacts facts, String path, Keys keys, Set<String> projectNames) {
        byte[] bytes = ContentIndex.read(facts.root().resolve(path));
        if (bytes != null) {
            String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
            int bestLine = -1;
            double bestScore = 0;
            for (int i = 0; i < lines.length && i < 5000; i++) {
                double score = 0;
                Set<String> seen = new HashSet<>();
                for (String token : lines[i].split("[^\\p{L}\\p{N}_$]+")) {
                    if (token.length() < 2) {
                        continue;
                    }
                    String lower = token.toLowerCase(Locale.ROOT);
                    if (keys.identifiers().contains(lower) && seen.add(lower)) {
                        score += 6;
                    }
                    for (String part : ContentIndex.splitIdentifier(token)) {
                        String stem = ObjectiveTerms.stem(part);
                        if (seen.add(stem)) {
                            double points = keys.direct().contains(stem) ? 2 : keys.related().contains(stem) ? 1 : 0;
                            score += projectNames.contains(stem) ? points / 4 : points;
                        }
                    }
                }
                if (score > bestScore) {
                    bestScore = score;
                    bestLine = i;
                }
            }
            if (bestLine >= 0) {
                return path + ":" + (bestLine + 1) + " " + PlanRules.abbreviate(lines[bestLine].strip(), 100);
            }
        }
        return path + " (its name matches the objective)";
    }

    private static int depth(String path) {
        return (int) path.chars().filter(c -> c == '/').count();
    }

    /** Stems of words that name the project itself: its package names and its directory's name. */
    public static Set<String> projectNames(WorkspaceFacts facts) {
        Set<String> names = new LinkedHashSet<>();
        List<String> raw = new ArrayList<>();
        raw.add(facts.packages().root().name());
        raw.add(facts.root().getFileName() == null ? "" : facts.root().getFileName().toString());
        for (String name : raw) {
            for (String part : name.split("[^\\p{L}\\p{N}]+")) {
                if (part.length() > 2) {
                    names.add(ObjectiveTerms.stem(part));
                }
            }
        }
        return names;
    }

    static Comparator<FileMatch> byScore() {
        return Comparator.comparingDouble(FileMatch::score).reversed();
    }

    static Map<String, FileMatch> byPath(List<FileMatch> matches) {
        Map<String, FileMatch> map = new LinkedHashMap<>();
        matches.forEach(m -> map.put(m.path(), m));
        return map;
    }
}
