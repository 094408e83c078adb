package dev.harness.planning;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A hyphenated name the objective writes as code ({@code `break-inside: avoid-column`}) or quotes ('utf-16le') that one code file of the
 * product holds as a string literal ({@code decl.prop !== 'break-inside'} in autoprefixer's hacks/break-props.js) is
 * handled there: the files sharing the objective's prose words (the prefixer, the declaration base class) only pass it
 * on. The index splits such names at their hyphens, so the files are read.
 */
final class LiteralHolders {
    private static final Pattern CODE_SPAN = Pattern.compile("`([^`\\n]+)`");
    /** break-inside, avoid-column: words joined by hyphens, not led by one (a flag or a vendor prefix is no name). */
    private static final Pattern HYPHENATED = Pattern.compile("(?<![\\p{L}\\p{N}_-])(\\p{Ll}[\\p{Ll}\\p{N}]*(?:-[\\p{Ll}\\p{N}]+)+)(?![\\p{L}\\p{N}_-])");

    /** 'utf-16le', "avoid-column": a hyphenated name alone in quotes; group 2 the name. */
    private static final Pattern QUOTED_NAME = Pattern.compile("(?<![\\p{L}\\p{N}])(['\"])(\\p{Ll}[\\p{Ll}\\p{N}]*(?:-[\\p{Ll}\\p{N}]+)+)\\1(?![\\p{L}\\p{N}])");

    private LiteralHolders() {
    }

    private static final Pattern STRING_LITERAL = Pattern.compile("'([^'\\n]*)'|\"([^\"\\n]*)\"");

    /**
     * Whether a line of {@code text} holds one of the names as a literal beside no other literal than those names
     * ({@code decl.prop !== 'break-inside'}): a line listing it among others ({@code prefix(['break-before', 'break-after',
     * 'break-inside'], …)}) only registers it.
     */
    static boolean handles(String text, Set<String> names) {
        for (String line : text.split("\n")) {
            boolean holds = false;
            boolean others = false;
            Matcher m = STRING_LITERAL.matcher(line);
            while (m.find()) {
                String literal = m.group(1) != null ? m.group(1) : m.group(2);
                if (names.contains(literal)) {
                    holds = true;
                } else {
                    others = true;
                }
            }
            if (holds && !others) {
                return true;
            }
        }
        return false;
    }

    /** The hyphenated names the objective's code spans hold, in order. */
    static Set<String> names(String objective) {
        Set<String> names = new LinkedHashSet<>();
        // a value shown quoted in the prose ('utf-16le'), whole
        Matcher quoted = QUOTED_NAME.matcher(objective);
        while (quoted.find()) {
            names.add(quoted.group(2));
        }
        Matcher span = CODE_SPAN.matcher(objective);
        while (span.find()) {
            Matcher m = HYPHENATED.matcher(span.group(1));
            while (m.find()) {
                if (m.start() == 0 || span.group(1).charAt(m.start() - 1) != '-') {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    /**
     * {@code chosen} replaced by the one scored code file (not a test, not data) holding one of those names as a string
     * literal, when no other such file holds any of them; unchanged otherwise, or when that file is all that was chosen.
     */
    static List<ChangeLocator.FileMatch> towardsLiteralHolder(List<ChangeLocator.FileMatch> chosen, ChangeLocator.Keys keys,
                                                              WorkspaceFacts facts, Predicate<String> candidate,
                                                              Map<String, Double> scores, Map<String, Set<String>> terms) {
        Set<String> names = names(keys.text());
        if (chosen.isEmpty() || names.isEmpty()) {
            return chosen;
        }
        Set<String> holders = new LinkedHashSet<>();
        ChangeLocator.productTexts(scores.keySet(), facts, candidate).forEach((path, text) -> {
            if (names.stream().anyMatch(n -> text.contains("'" + n + "'") || text.contains("\"" + n + "\""))
                    && handles(text, names)) {
                holders.add(path);
            }
        });
        return ChangeLocator.aloneIfOne(holders, chosen, scores, terms, "holds as a literal the name the objective writes as code");
    }
}
