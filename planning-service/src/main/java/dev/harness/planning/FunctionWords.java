package dev.harness.planning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The objective's words found together in one function's body: a file whose one function gathers several of them (a
 * normalizer of percent-encodings holding "percent", "upper" and "normalize") does the work they describe, while a file
 * holding them only in constants, tables or declarations outside any function (a module of regular expressions) does
 * nothing with them.
 */
final class FunctionWords {
    /** Candidates read for their functions: the best-ranked ones, enough to reach the place, bounded in cost. */
    private static final int MAX_CANDIDATES = 10;
    /** Files larger than this are not split into functions (generated tables, bundles). */
    private static final int MAX_BYTES = 256 * 1024;
    /** Objective words one function must gather to be where the change is. */
    private static final int MIN_GATHERED = 3;
    /** A first file none of whose functions holds this many of the words does nothing with them. */
    private static final int MIN_WORKING = 2;
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}_$]+");
    /** {@code `defaulted`}: one word in code form. */
    private static final Pattern CODE_WORD = Pattern.compile("`([\\p{L}_$][\\p{L}\\p{N}_$]{2,})`");

    /** A function's gathering of the objective's words: how many, and their weight by rarity. */
    record Gathering(String path, String function, int count, double weight) {}

    private FunctionWords() {}

    /**
     * The chosen files with the first replaced by the ranked file whose one function gathers the most of the objective's
     * words (at least three), when no function of the first file holds even two of them: its words sit in constants or
     * declarations. Unchanged when the objective writes names (what it names says where), or no such function is found.
     */
    static List<ChangeLocator.FileMatch> towardsGatheringFunction(List<ChangeLocator.FileMatch> chosen, ChangeLocator.Keys keys,
                                                                  WorkspaceFacts facts, Predicate<String> candidate,
                                                                  Map<String, Double> scores, Map<String, Set<String>> terms,
                                                                  Set<String> projectNames) {
        if (chosen.isEmpty() || !keys.identifiers().isEmpty() || !keys.members().isEmpty()) {
            return chosen;
        }
        ContentIndex content = facts.content();
        String first = chosen.get(0).path();
        if (!readable(facts, first)) {
            return chosen;
        }
        // a file named after what the objective does ("escaping" → Escapers.java) holding its words in a table: the table
        // is what changes (a character to escape is one more entry)
        if (keys.direct().stream().anyMatch(word -> facts.names().pathsWithStem(word).isEmpty()
                && ChangeLocator.namedPaths(facts.names(), word, true).contains(first))) {
            return chosen;
        }
        // a one-word code span the first file defines (`defaulted`: export function defaulted) names it as the place
        java.util.regex.Matcher span = CODE_WORD.matcher(keys.text());
        while (span.find()) {
            String word = ClassMembers.indexKey(span.group(1)); // a plain word is kept under its stem
            // the project's own name (`defu` in defu) is the way in to everything it does, not a place
            if (projectNames.contains(word) || projectNames.contains(span.group(1).toLowerCase(java.util.Locale.ROOT))) {
                continue;
            }
            if (content.occurrences(word).stream().anyMatch(o -> o.defined() && o.path().equals(first))) {
                return chosen;
            }
        }
        Map<String, Double> weights = new java.util.HashMap<>();
        int documents = Math.max(1, content.size());
        for (String word : keys.direct()) {
            int df = content.documentFrequency(word);
            if (df > 0 && word.length() > 2 && !projectNames.contains(word) && !keys.consequence().contains(word)
                    && !ChangeLocator.GENERIC_WORDS.contains(word)) {
                weights.put(word, Math.log(1 + (double) documents / df));
            }
        }
        if (weights.size() < MIN_GATHERED || best(facts, first, weights).count() >= MIN_WORKING) {
            return chosen;
        }
        List<Gathering> gatherings = scores.entrySet().stream()
                .filter(e -> !e.getKey().equals(first) && candidate.test(e.getKey()) && !TestPaths.isTestPath(e.getKey())
                        && ChangeLocator.placeWeight(e.getKey()) == 1 && content.kind(e.getKey()) == FileKind.SOURCE
                        && readable(facts, e.getKey()))
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(MAX_CANDIDATES)
                .map(e -> best(facts, e.getKey(), weights)).filter(g -> g.count() >= MIN_GATHERED)
                .sorted(Comparator.comparingDouble(Gathering::weight).reversed()).toList();
        if (gatherings.isEmpty() || gatherings.size() > 1 && gatherings.get(1).weight() >= gatherings.get(0).weight()) {
            return chosen;
        }
        Gathering place = gatherings.get(0);
        List<ChangeLocator.FileMatch> placed = new ArrayList<>();
        placed.add(new ChangeLocator.FileMatch(place.path(), Math.max(chosen.get(0).score(), scores.getOrDefault(place.path(), 0.0)),
                new ArrayList<>(terms.getOrDefault(place.path(), Set.of())), place.path() + " " + place.function()
                + " gathers " + place.count() + " of the objective's words; " + first + " holds them outside any function"));
        chosen.stream().skip(1).filter(c -> !c.path().equals(place.path())).forEach(placed::add);
        return placed;
    }

    /** A code file of a language whose functions are read, small enough to read. */
    private static boolean readable(WorkspaceFacts facts, String path) {
        if (CallWalk.language(path) == null) {
            return false;
        }
        try {
            return java.nio.file.Files.size(facts.root().resolve(path)) < MAX_BYTES;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** The function of {@code path} gathering the most weight of the objective's words (none: count 0). */
    static Gathering best(WorkspaceFacts facts, String path, Map<String, Double> weights) {
        Gathering best = new Gathering(path, "", 0, 0);
        for (CallWalk.Function f : CallWalk.functions(facts, path)) {
            Set<String> found = new HashSet<>();
            for (String token : NON_WORD.split(f.declaration() + " " + f.body())) {
                if (token.isEmpty()) {
                    continue;
                }
                List<String> parts = new ArrayList<>(ContentIndex.splitIdentifier(token));
                parts.add(token);
                for (String part : parts) {
                    String stem = ObjectiveTerms.stem(part.toLowerCase(Locale.ROOT));
                    if (weights.containsKey(stem)) {
                        found.add(stem);
                    }
                }
            }
            double weight = found.stream().mapToDouble(weights::get).sum();
            if (weight > best.weight()) {
                best = new Gathering(path, f.name(), found.size(), weight);
            }
        }
        return best;
    }
}
