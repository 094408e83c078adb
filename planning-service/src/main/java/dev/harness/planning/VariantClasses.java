package dev.harness.planning;

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
    /**
     * "a count-based circuit breaker": a kind written in prose before the family's first word; group 1 the kind, 2 the
     * word (CountingCircuitStats beside TimedCircuitStats).
     */
    private static final Pattern KIND_BEFORE_WORD = Pattern.compile("(?<![\\p{L}\\p{N}_`.-])(\\p{Ll}{3,})-based\\s+(\\p{Ll}{3,})\\b");
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
            addVariants(variants, facts, candidate, Pattern.compile(Pattern.quote((word + m.group(2)).toLowerCase(Locale.ROOT))),
                    m.group(2).toLowerCase(Locale.ROOT), word, word + " " + m.group(2));
        }
        Matcher kind = KIND_BEFORE_WORD.matcher(keys.text());
        while (kind.find()) {
            // counting, timed: the kind as a class name spells it, a few letters after its stem
            String stem = kind.group(1).replaceFirst("e$", "");
            addVariants(variants, facts, candidate, Pattern.compile(Pattern.quote(stem) + "\\p{Ll}{0,3}" + Pattern.quote(kind.group(2))),
                    kind.group(2), stem, kind.group(1) + "-based " + kind.group(2));
        }
        if (variants.size() != 1) {
            return chosen;
        }
        String place = variants.keySet().iterator().next();
        return ChangeLocator.alone(place, chosen, scores, terms, place + " (the \"" + variants.get(place)
                + "\" the objective names, beside its other variants)");
    }

    /**
     * Each code file (a candidate, not a test) whose name opens with {@code prefix}, then a shared tail, with a file
     * beside it holding that tail after another leading word.
     */
    private static void addVariants(Map<String, String> variants, WorkspaceFacts facts, Predicate<String> candidate,
                                    Pattern prefix, String shared, String word, String named) {
        for (String path : facts.sortedFiles()) {
            String base = baseName(path);
            Matcher opening = prefix.matcher(base);
            if (!opening.lookingAt() || !CODE_FILE.matcher(path).find() || TestPaths.isTestPath(path) || !candidate.test(path)) {
                continue;
            }
            String tail = shared + base.substring(opening.end());
            String dir = path.substring(0, path.lastIndexOf('/') + 1);
            boolean family = facts.sortedFiles().stream().anyMatch(other -> !other.equals(path) && other.startsWith(dir)
                    && other.indexOf('/', dir.length()) < 0 && CODE_FILE.matcher(other).find()
                    && otherVariant(baseName(other), tail, word));
            if (family) {
                variants.put(path, named);
            }
        }
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
