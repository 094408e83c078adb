package dev.harness.planning;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Option flags the objective names as constants ({@code HTML_SMARTYPANTS_DASHES}, {@code EXTENSION_TABLES}) are declared
 * in one place (a const block of every flag) and acted on where the code tests them ({@code flags&HTML_SMARTYPANTS_DASHES
 * != 0} in smartypants.go, {@code p.flags&EXTENSION_TABLES != 0} in block.go): the one file testing the most of them is
 * where their behaviour is, not the declaring file nor the renderer that only passes the flags on.
 */
final class FlagTesters {
    /** An upper-case constant with an underscore: HTML_SMARTYPANTS_DASHES, EXTENSION_TABLES. */
    private static final Pattern CONSTANT = Pattern.compile("(?<![\\p{L}\\p{N}_.$])([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)(?![\\p{L}\\p{N}_$])");
    private static final int MIN_LENGTH = 5;

    private FlagTesters() {
    }

    /** The constants the objective names, in order. */
    static Set<String> constants(String objective) {
        Set<String> constants = new LinkedHashSet<>();
        Matcher m = CONSTANT.matcher(objective);
        while (m.find()) {
            if (m.group(1).length() >= MIN_LENGTH) {
                constants.add(m.group(1));
            }
        }
        return constants;
    }

    /** How code tests a flag: {@code flags&X}, {@code & X != 0}, {@code == X}, {@code case X:}, {@code X ==}. */
    static Pattern tested(String constant) {
        String c = Pattern.quote(constant);
        return Pattern.compile("(?:&\\s*|[!=]==?\\s*|\\bcase\\s+|\\bis\\s+)(?:[\\p{L}_$][\\p{L}\\p{N}_$]*\\.)*" + c
                + "(?![\\p{L}\\p{N}_$])|(?<![\\p{L}\\p{N}_$])" + c + "\\s*(?:[!=]==?|&(?!&))");
    }

    /**
     * {@code chosen} replaced by the one code file (not a test) testing more of the named flags than any other file,
     * when the objective names flags and some file tests one; unchanged when that file is all that was chosen, or when
     * two files test as many.
     */
    static List<ChangeLocator.FileMatch> towardsTester(List<ChangeLocator.FileMatch> chosen, ChangeLocator.Keys keys,
                                                       WorkspaceFacts facts, Predicate<String> candidate,
                                                       Map<String, Double> scores, Map<String, Set<String>> terms) {
        Set<String> constants = constants(keys.text());
        if (chosen.isEmpty() || constants.isEmpty()) {
            return chosen;
        }
        Map<String, Pattern> tests = new LinkedHashMap<>();
        constants.forEach(c -> tests.put(c, tested(c)));
        Map<String, Integer> counts = new LinkedHashMap<>();
        ChangeLocator.productTexts(scores.keySet(), facts, candidate).forEach((path, text) -> {
            int count = (int) tests.values().stream().filter(p -> p.matcher(text).find()).count();
            if (count > 0) {
                counts.put(path, count);
            }
        });
        int best = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        List<String> testers = counts.entrySet().stream().filter(e -> e.getValue() == best).map(Map.Entry::getKey).toList();
        return ChangeLocator.aloneIfOne(testers, chosen, scores, terms, "tests the flags the objective names");
    }
}
