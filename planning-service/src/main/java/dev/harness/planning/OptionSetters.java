package dev.harness.planning;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An option the objective passes by name to a call ({@code add_format({'rotation': -45})}, {@code Format(rotation=-45)})
 * of a library that keeps one setter per option ({@code def set_rotation(self, angle)} in format.py): how the value is
 * taken and converted is written in that setter, not in the factory the call reaches (workbook.py's add_format). Not
 * when the objective says the option is ignored: then where it is read decides ({@link IgnoredSettings}).
 */
final class OptionSetters {
    /** {@code {'rotation': -45}}, {@code {"bold": true}}, {@code (rotation=-45)}, {@code {rotation: -45}}: group 1, 2 or 3 the option. */
    private static final Pattern OPTION = Pattern.compile("[{,(]\\s*(?:(['\"])([\\p{L}_][\\p{L}\\p{N}_]*)\\1\\s*:|([\\p{L}_][\\p{L}\\p{N}_]*)\\s*(?:=(?!=)|:)\\s*(?!\\s))");
    private static final Pattern IGNORED = Pattern.compile("(?i)\\bignored\\b|\\bno effect\\b|\\bnot (?:respected|honou?red)\\b");
    private static final Pattern CODE_SPAN = Pattern.compile("`([^`\\n]+)`");
    private static final int MIN_OPTION = 3;

    private OptionSetters() {
    }

    /** The options the objective's code passes by name, in order. */
    static Set<String> options(String objective) {
        Set<String> options = new LinkedHashSet<>();
        Matcher span = CODE_SPAN.matcher(objective);
        while (span.find()) {
            if (!span.group(1).contains("(")) {
                continue; // an option is passed to a call; a lone `a: 1` is data
            }
            Matcher m = OPTION.matcher(span.group(1));
            while (m.find()) {
                String option = m.group(2) != null ? m.group(2) : m.group(3);
                if (option.length() >= MIN_OPTION) {
                    options.add(option);
                }
            }
        }
        return options;
    }

    /** {@code add_format(…)}, {@code workbook.addFormat(…)}, {@code new Format(…)}: the words of the functions the objective's code calls. */
    private static final Pattern CALLED = Pattern.compile("([\\p{L}_][\\p{L}\\p{N}_]*)\\s*\\(");

    /** The lower-cased words of the names the objective's code calls: add and format for add_format. */
    static Set<String> madeKinds(String objective) {
        Set<String> words = new LinkedHashSet<>();
        Matcher span = CODE_SPAN.matcher(objective);
        while (span.find()) {
            Matcher call = CALLED.matcher(span.group(1));
            while (call.find()) {
                ContentIndex.splitIdentifier(call.group(1)).forEach(w -> words.add(w.toLowerCase(Locale.ROOT)));
                words.add(call.group(1).toLowerCase(Locale.ROOT).replace("_", ""));
            }
        }
        return words;
    }

    /**
     * {@code chosen} replaced by the one code file (not a test, not a stub) defining the setter of an option the
     * objective passes ({@code set_rotation}, {@code setRotation}), when no chosen file defines it or holds the option's
     * name in its code; unchanged otherwise.
     */
    static List<ChangeLocator.FileMatch> towardsSetter(List<ChangeLocator.FileMatch> chosen, ChangeLocator.Keys keys,
                                                       WorkspaceFacts facts, Predicate<String> candidate,
                                                       Map<String, Double> scores, Map<String, Set<String>> terms) {
        if (chosen.isEmpty() || IGNORED.matcher(keys.text()).find()) {
            return chosen;
        }
        Set<String> definers = new LinkedHashSet<>();
        String setter = null;
        for (String option : options(keys.text())) {
            String held = ClassMembers.indexKey(option);
            if (chosen.stream().anyMatch(c -> facts.content().occurrences(held).stream().anyMatch(o -> o.path().equals(c.path()) && o.inCode()))) {
                continue; // a chosen file works with the option itself (logger.js reading its level)
            }
            String lower = option.toLowerCase(Locale.ROOT);
            for (String key : List.of("set_" + lower, "set" + lower.replace("_", ""))) {
                for (ContentIndex.Occurrence o : facts.content().occurrences(key)) {
                    if (o.defined() && o.inCode() && candidate.test(o.path()) && !TestPaths.isTestPath(o.path())
                            && !ChangeLocator.declarations(o.path()) && facts.content().kind(o.path()).editable()) {
                        definers.add(o.path());
                        setter = setter == null ? key : setter;
                    }
                }
            }
        }
        if (definers.size() > 1) {
            // of several setters (a pie chart's set_rotation beside a format's), the one of the kind the call makes
            // (add_format → format.py)
            Set<String> made = madeKinds(keys.text());
            definers.removeIf(d -> !made.contains(ChangeLocator.joinedBaseName(d)));
        }
        if (definers.size() != 1 || chosen.stream().anyMatch(c -> definers.contains(c.path()))) {
            return chosen;
        }
        String place = definers.iterator().next();
        return ChangeLocator.alone(place, chosen, scores, terms, place + " (defines " + setter
                + ", the setter of the option the objective passes)");
    }
}
