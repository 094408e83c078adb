package dev.harness.planning;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Values the objective lists as a set ("all recognised words (true/yes/y/on/1 and false/no/n/off/0)", "(or audio, del, ins,
 * map, noscript, video)") are recognised where
 * the code holds them as a set of literals ({@code { "true", "yes", "y", "on", "1" }} in modelmapper's BooleanConverter):
 * the one code file holding every value of a list, each as a quoted literal, is the place, however few of the objective's
 * other words it has.
 */
final class ValueLists {
    /** Three or more short values written with slashes between them: true/yes/y/on/1. */
    private static final Pattern SLASHED = Pattern.compile("(?<![\\p{L}\\p{N}_/.:-])([\\p{L}\\p{N}_-]{1,12}(?:/[\\p{L}\\p{N}_-]{1,12}){2,})(?![\\p{L}\\p{N}_/.-])");
    private static final int MIN_VALUES = 3;
    /** Files read at most for one list: the holders of its rarest indexed value. */
    private static final int MAX_READ = 200;

    private ValueLists() {
    }

    /**
     * Four or more short values listed in parentheses with commas ("(or audio, del, ins, map, noscript, video)"): group 1
     * the list. Fewer are prose ("date, time and datetime values").
     */
    private static final Pattern PARENTHESISED = Pattern.compile(
            "\\(\\s*(?:or|and|e\\.g\\.,?|i\\.e\\.,?|like|such as)?\\s*([\\p{L}\\p{N}_-]{1,12}(?:\\s*,\\s*[\\p{L}\\p{N}_-]{1,12}){2,}"
            + "(?:,?\\s+(?:or|and)\\s+[\\p{L}\\p{N}_-]{1,12})?)\\s*\\)");
    private static final int MIN_LISTED = 4;

    /** The value lists the objective writes, each as its values in order. */
    static List<List<String>> lists(String objective) {
        List<List<String>> lists = new ArrayList<>();
        Matcher m = SLASHED.matcher(objective);
        while (m.find()) {
            List<String> values = List.of(m.group(1).split("/"));
            if (new LinkedHashSet<>(values).size() >= MIN_VALUES) {
                lists.add(values);
            }
        }
        Matcher listed = PARENTHESISED.matcher(objective);
        while (listed.find()) {
            List<String> values = List.of(listed.group(1).split("\\s*,\\s*(?:(?:or|and)\\s+)?|\\s+(?:or|and)\\s+"));
            if (new LinkedHashSet<>(values).size() >= MIN_LISTED) {
                lists.add(values);
            }
        }
        return lists;
    }

    /** Whether {@code text} holds every value, each in double or single quotes. */
    static boolean holds(String text, List<String> values) {
        return values.stream().allMatch(v -> text.contains("\"" + v + "\"") || text.contains("'" + v + "'"));
    }

    /**
     * {@code chosen} replaced by the one code file (not a test) holding a listed set of values as literals; unchanged when
     * the objective lists none, or no or several files hold one, or that file is all that was chosen.
     */
    static List<ChangeLocator.FileMatch> towardsValueHolder(List<ChangeLocator.FileMatch> chosen, ChangeLocator.Keys keys,
                                                            WorkspaceFacts facts, Predicate<String> candidate,
                                                            Map<String, Double> scores, Map<String, Set<String>> terms) {
        List<List<String>> lists = lists(keys.text());
        if (lists.isEmpty()) {
            return chosen;
        }
        Set<String> holders = new LinkedHashSet<>();
        for (List<String> values : lists) {
            // the files the index says hold the value fewest files hold: the others cannot hold the whole list
            String rarest = values.stream().map(v -> ObjectiveTerms.stem(v.toLowerCase(Locale.ROOT)))
                    .filter(v -> facts.content().documentFrequency(v) > 0)
                    .min(java.util.Comparator.comparingInt(v -> facts.content().documentFrequency(v))).orElse(null);
            if (rarest == null || facts.content().documentFrequency(rarest) > MAX_READ) {
                continue;
            }
            List<String> holding = facts.content().occurrences(rarest).stream().map(ContentIndex.Occurrence::path).toList();
            ChangeLocator.productTexts(holding, facts, candidate).forEach((path, text) -> {
                if (holds(text, values)) {
                    holders.add(path);
                }
            });
        }
        return ChangeLocator.aloneIfOne(holders, chosen, scores, terms, "holds the values the objective lists, each as a literal");
    }
}
