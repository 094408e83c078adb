package dev.harness.planning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A family of classes told apart by a leading word (BurstyRateLimiterStats and SmoothRateLimiterStats): an objective
 * writing that word before the name they share ("a smooth RateLimiter makes every caller wait") speaks of the one variant
 * it names, not of the API it is built through (RateLimiterBuilder, where `smoothBuilder()` lives).
 */
final class VariantClasses {
    /** A prose word, then a compound name written as code: "smooth RateLimiter"; group 1 the word, 2 the name. */
    private static final Pattern WORD_BEFORE_NAME = Pattern.compile(
            "(?<![\\p{L}\\p{N}_`.-])(\\p{Ll}{4,})\\s+`?(\\p{Lu}\\p{Ll}+\\p{Lu}[\\p{L}\\p{N}]*)`?(?![\\p{L}\\p{N}_(.])");
    private static final Pattern CODE_FILE = Pattern.compile("\\.(?:java|kt|scala|go|py|[cm]?[jt]s)$");

    private VariantClasses() {
    }

    /**
     * The chosen files replaced by the one code file whose name is the objective's word and the name it writes after it
     * (SmoothRateLimiterStats for "smooth RateLimiter"), when a file beside it differs only in that leading word
     * (BurstyRateLimiterStats); {@code chosen} unchanged when none or several are so named.
     */
    static List<ChangeLocator.FileMatch> towardsNamedVariant(List<ChangeLocator.FileMatch> chosen, ChangeLocator.Keys keys,
                                                             WorkspaceFacts facts, Predicate<String> candidate,
                                                             Map<String, Double> scores, Map<String, Set<String>> terms) {
        if (chosen.isEmpty()) {
            return chosen;
        }
        Map<String, String> variants = new LinkedHashMap<>(); // file → the words naming it
        Matcher m = WORD_BEFORE_NAME.matcher(keys.text());
        while (m.find()) {
            String word = m.group(1);
            String prefix = (word + m.group(2)).toLowerCase(Locale.ROOT);
            String shared = m.group(2).toLowerCase(Locale.ROOT);
            for (String path : facts.sortedFiles()) {
                String base = baseName(path);
                if (!base.startsWith(prefix) || !CODE_FILE.matcher(path).find() || TestPaths.isTestPath(path) || !candidate.test(path)) {
                    continue;
                }
                String rest = base.substring(prefix.length());
                String dir = path.substring(0, path.lastIndexOf('/') + 1);
                boolean family = facts.sortedFiles().stream().anyMatch(other -> !other.equals(path) && other.startsWith(dir)
                        && other.indexOf('/', dir.length()) < 0 && CODE_FILE.matcher(other).find()
                        && otherVariant(baseName(other), shared + rest, word));
                if (family) {
                    variants.put(path, word + " " + m.group(2));
                }
            }
        }
        if (variants.size() != 1) {
            return chosen;
        }
        String place = variants.keySet().iterator().next();
        return new ArrayList<>(List.of(new ChangeLocator.FileMatch(place, scores.getOrDefault(place, chosen.get(0).score()),
                new ArrayList<>(terms.getOrDefault(place, Set.of())), place + " (the \"" + variants.get(place)
                + "\" the objective names, beside its other variants)")));
    }

    /** Whether {@code base} is another leading word before {@code tail} (burstyratelimiterstats for ratelimiterstats). */
    private static boolean otherVariant(String base, String tail, String word) {
        return base.endsWith(tail) && base.length() > tail.length() && !base.startsWith(word.toLowerCase(Locale.ROOT));
    }

    private static String baseName(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.indexOf('.');
        return (dot < 0 ? name : name.substring(0, dot)).toLowerCase(Locale.ROOT);
    }
}
