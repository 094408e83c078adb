package dev.harness.planning;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
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
    /** Files of a directory whose name matches that get its name's points: enough to rank, bounded for big trees. */
    private static final int MAX_FILES_PER_DIRECTORY_NAME = 50;
    private static final Set<String> INSTRUCTION_FILES = Set.of("claude.md", "agents.md", "gemini.md", ".cursorrules",
            "copilot-instructions.md", "changelog.md", "changes.md", "history.md", "license", "license.md", "contributing.md");

    /** Words every program is full of: in contents they say nothing (in names they still count). */
    private static final Set<String> CODE_KEYWORDS = Set.of("return", "function", "class", "import", "export", "const", "let",
            "var", "def", "self", "this", "public", "private", "protected", "static", "void", "null", "nil", "none", "true",
            "false", "new", "func", "packag", "requir", "async", "await", "throw", "try", "catch", "els", "elif", "whil",
            "break", "continu", "switch", "cas", "extend", "implement", "println", "printf", "fn", "pub", "impl", "mut");

    /**
     * Words so general that on their own they say nothing about where a change goes ("mode" in
     * "dark mode", "type", "data"): they count little, and a file matched by them alone is not chosen.
     */
    static final Set<String> GENERIC_WORDS = Set.copyOf(java.util.stream.Stream.of("mode", "modes", "type", "types", "kind",
            "data", "value", "values", "item", "items", "info", "state", "thing", "things", "feature", "features", "stuff",
            "way", "part", "field", "fields", "option", "thing", "version", "level", "flag", "flags")
            .map(ObjectiveTerms::stem).collect(java.util.stream.Collectors.toSet()));

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
            if (token.length() > 3 && (token.indexOf('_') > 0 || token.matches(".*\\p{Ll}\\p{Lu}.*")) && ContentIndex.isIdentifierLike(token)) {
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

        // names the objective gives that are defined somewhere (naturalsize, slugifyWithCounter): the change is about them
        Set<String> anchors = new HashSet<>();
        // contents: a word found in a file, weighed by how rare it is
        List<String> all = new ArrayList<>(keys.identifiers());
        all.addAll(keys.direct());
        all.addAll(keys.related());
        for (String key : all) {
            int df = content.documentFrequency(key);
            if (df == 0 || CODE_KEYWORDS.contains(key)) {
                continue;
            }
            double base = keys.identifiers().contains(key) ? 6 : keys.direct().contains(key) ? 2 : 1;
            if (GENERIC_WORDS.contains(key)) {
                base *= 0.25;
            }
            if (projectNames.contains(key)) {
                base *= 0.3;
            }
            double idf = Math.log(1 + (double) documents / df);
            boolean identifier = keys.identifiers().contains(key);
            // a plain word counts as a name only when it is rare: "Shorten", not "version" in a versioning library
            boolean named = identifier || (keys.direct().contains(key) && (df <= 3 || df * 4 <= documents));
            boolean anyDefinition = named && content.occurrences(key).stream().anyMatch(ContentIndex.Occurrence::defined);
            if (anyDefinition && !GENERIC_WORDS.contains(key)) {
                anchors.add(key);
            }
            for (ContentIndex.Occurrence o : content.occurrences(key)) {
                if (!candidate(o.path())) {
                    continue;
                }
                // where an identifier is defined is where it changes; its callers only use it
                double definition = !anyDefinition ? 1 : o.defined() ? 2 : identifier ? 0.3 : 0.6;
                double weight = (o.kind() == FileKind.DOCUMENTATION && aboutDocs ? 1.0 : o.kind().weight()) * placeWeight(o.path());
                double repeat = (1 + Math.min(o.count() - 1, 4) * 0.1) * (o.standalone() ? 1 : 0.5);
                scores.merge(o.path(), base * idf * weight * repeat * definition * roleWeight(content, o.path(), aboutDocs), Double::sum);
                terms.computeIfAbsent(o.path(), k -> new LinkedHashSet<>()).add(key);
            }
        }
        // names: the file's own name, or a directory on its path, says what it is
        NameIndex names = facts.names();
        for (Set<String> group : List.of(keys.direct(), keys.related())) {
            boolean direct = group == keys.direct();
            for (String stem : group) {
                // a name word found in most files (the project's own vocabulary) says little about where to change
                int df = content.documentFrequency(stem);
                double rarity = df == 0 ? 1 : Math.max(0.3, Math.min(1.2, Math.log(1 + (double) documents / df) / 2));
                if (GENERIC_WORDS.contains(stem)) {
                    rarity *= 0.25;
                }
                for (String path : names.pathsWithStem(stem)) {
                    if (names.isDirectory(path)) {
                        int added = 0;
                        for (String file : facts.filesUnder(path)) {
                            if (added++ >= MAX_FILES_PER_DIRECTORY_NAME) {
                                break;
                            }
                            if (candidate(file)) {
                                nameHit(scores, terms, file, stem, (direct ? 2.5 : 1.2) * rarity * (projectNames.contains(stem) ? 0.5 : 1), facts);
                            }
                        }
                    } else if (candidate(path)) {
                        nameHit(scores, terms, path, stem, (direct ? 3 : 1.5) * rarity * (projectNames.contains(stem) ? 0.5 : 1), facts);
                    }
                }
            }
        }
        if (!anchors.isEmpty()) {
            // the change is about what the objective names: files that never mention it count half
            scores.replaceAll((path, score) -> java.util.Collections.disjoint(terms.getOrDefault(path, Set.of()), anchors)
                    ? score * 0.5 : score);
        }
        record Ranked(String path, double score, int depth, boolean editable) {}
        List<Ranked> ranked = new ArrayList<>(scores.size());
        scores.forEach((path, score) -> ranked.add(new Ranked(path, score, depth(path), content.kind(path).editable())));
        ranked.sort(Comparator.comparingDouble(Ranked::score).reversed().thenComparingInt(Ranked::depth)
                .thenComparing(Ranked::path));
        if (ranked.isEmpty()) {
            return List.of();
        }
        boolean anyEditable = ranked.stream().anyMatch(Ranked::editable);
        double best = ranked.stream().filter(r -> !anyEditable || r.editable()).mapToDouble(Ranked::score).max().orElse(0);
        boolean primaryMatched = ranked.stream().anyMatch(r -> placeWeight(r.path()) == 1 && r.score() >= best * RELATIVE_CUT
                && (!anyEditable || r.editable()) && specific(terms.getOrDefault(r.path(), Set.of())));
        List<FileMatch> chosen = new ArrayList<>();
        for (Ranked r : ranked) {
            Map.Entry<String, Double> e = Map.entry(r.path(), r.score());
            if (chosen.size() >= MAX_FILES || e.getValue() < best * RELATIVE_CUT) {
                break;
            }
            if (anyEditable && !r.editable()) {
                continue; // generated, vendored and data files only when nothing else matched
            }
            // next to the place that defines what the objective names, a file that never mentions it needs good reason
            if (!chosen.isEmpty() && !anchors.isEmpty() && java.util.Collections.disjoint(terms.getOrDefault(e.getKey(), Set.of()), anchors)
                    && e.getValue() * 0.5 < best * RELATIVE_CUT) {
                continue;
            }
            // a caller of what was already chosen shares its words because it uses it: it changes only with good reason
            if (!chosen.isEmpty() && callerOfChosen(e.getKey(), chosen, facts) && e.getValue() * 0.5 < best * RELATIVE_CUT) {
                continue;
            }
            Set<String> found = terms.getOrDefault(e.getKey(), Set.of());
            if (!specific(found)) {
                continue; // "mode" alone: a generic word does not make a file part of the change
            }
            // tools, scripts, examples: only when the objective names them, never by synonyms next to the product's code
            if (placeWeight(e.getKey()) < 1 && primaryMatched && !direct(found, keys)) {
                continue;
            }
            List<String> matched = new ArrayList<>(found);
            chosen.add(new FileMatch(e.getKey(), e.getValue(), matched, evidence(facts, e.getKey(), keys, projectNames)));
        }
        return chosen;
    }

    /** Some of the words that matched a file are not generic ones. */
    private static boolean specific(Set<String> found) {
        for (String term : found) {
            if (!GENERIC_WORDS.contains(term.startsWith("name:") ? term.substring(5) : term)) {
                return true;
            }
        }
        return false;
    }

    /** The file matched one of the objective's own words or identifiers (not only a synonym of one). */
    private static boolean direct(Set<String> found, Keys keys) {
        for (String term : found) {
            String key = term.startsWith("name:") ? term.substring(5) : term;
            if ((keys.direct().contains(key) || keys.identifiers().contains(key)) && !GENERIC_WORDS.contains(key)) {
                return true;
            }
        }
        return false;
    }

    private static boolean callerOfChosen(String file, List<FileMatch> chosen, WorkspaceFacts facts) {
        List<String> imports = facts.graph().importsOf(file);
        WorkspacePackage pkg = facts.packages().of(file);
        for (FileMatch c : chosen) {
            WorkspacePackage other = facts.packages().of(c.path());
            if (imports.contains(c.path())
                    || (!pkg.equals(other) && facts.packages().dependsOn(facts.root(), pkg, other))) {
                return true;
            }
        }
        return false;
    }

    private static void nameHit(Map<String, Double> scores, Map<String, Set<String>> terms, String file, String stem,
                                double points, WorkspaceFacts facts) {
        Set<String> seen = terms.computeIfAbsent(file, k -> new LinkedHashSet<>());
        if (seen.add("name:" + stem)) {
            scores.merge(file, points * Math.max(0.25, facts.content().kind(file).weight()) * placeWeight(file)
                    * roleWeight(facts.content(), file, false), Double::sum);
        }
    }

    /** Where the product's own code rarely lives: tooling, examples, docs builds, benchmarks. */
    private static final Set<String> SECONDARY_DIRECTORIES = Set.of("tools", "tool", "scripts", "script", "examples", "example",
            "samples", "sample", "fixtures", "docs", "doc", "bench", "benchmarks", "benchmark", "demo", "demos", "bin", "website",
            "site", ".github", "ci", "e2e");

    /** Manifests, re-exporting index files and prose mention everything and are rarely where a change goes. */
    private static final Set<String> MANIFESTS = Set.of("package.json", "pom.xml", "cargo.toml", "go.mod", "pyproject.toml",
            "setup.py", "setup.cfg", "build.gradle", "build.gradle.kts", "settings.gradle", "tsconfig.json", "tox.ini");

    static double roleWeight(ContentIndex content, String path, boolean aboutDocs) {
        String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        if (MANIFESTS.contains(name)) {
            return 0.2;
        }
        if (content.barrel(path)) {
            return 0.3;
        }
        if (!aboutDocs && FileKind.ofPath(path) == FileKind.DOCUMENTATION) {
            return 0.4;
        }
        return 1.0;
    }

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
        if (TestPaths.isTestPath(path)) {
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
        int depth = 0;
        for (int i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
            depth++;
        }
        return depth;
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
}
