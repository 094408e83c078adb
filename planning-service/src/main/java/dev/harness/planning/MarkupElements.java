package dev.harness.planning;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An element the objective shows as markup ({@code <abbr class="latitude" title="…">}) is handled where the code tests
 * for its name ({@code "abbr".equals(element.tagName())} in hCard's element reader): when one code file of the project
 * holds that name as a string, that file is where the element's handling changes, not the entry point the objective
 * reached it through ({@code Ezvcard.parseHtml}).
 */
final class MarkupElements {
    /** {@code <abbr …>}, {@code <abbr>}, {@code </td>}: group 1 the element's name. */
    private static final Pattern ELEMENT = Pattern.compile("</?([a-z][a-z0-9-]{1,20})(?=[\\s>/])");
    private static final Pattern CODE_FILE = Pattern.compile(".*\\.(?:java|kt|scala|go|py|rb|php|cs|[cm]?[jt]sx?)$");
    /** Most files holding the element's name in words before reading them is a common word (a, table, code), not evidence. */
    private static final int MAX_HOLDERS = 30;

    private MarkupElements() {
    }

    /**
     * The element names the objective's markup shows and its words call an element or a tag ("the title of {@code <abbr>}
     * elements", "an abbr element"), in order: markup that is only the example's input ({@code <input name="fruit">} for
     * a form's serialize) names no element the change is about.
     */
    static Set<String> elements(String objective) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = ELEMENT.matcher(objective);
        while (m.find()) {
            String name = m.group(1);
            if (Pattern.compile("(?i)(?<![\\p{L}\\p{N}-])" + Pattern.quote(name) + ">?`?\\s+(?:elements?|tags?)\\b").matcher(objective).find()) {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * {@code chosen} replaced by the one code file (not a test) holding an element's name as a string, when no chosen file
     * holds it so; unchanged when the objective shows no markup or no or several files test for one of its elements.
     */
    static List<ChangeLocator.FileMatch> towardsElementHandler(List<ChangeLocator.FileMatch> chosen, ChangeLocator.Keys keys,
                                                               WorkspaceFacts facts, Predicate<String> candidate,
                                                               Map<String, Double> scores, Map<String, Set<String>> terms) {
        Set<String> elements = elements(keys.text());
        if (chosen.isEmpty() || elements.isEmpty()) {
            return chosen;
        }
        Map<String, String> handlers = new LinkedHashMap<>(); // file → the line holding the name
        for (String element : elements) {
            Pattern quoted = Pattern.compile("(?m)^.*(['\"])" + Pattern.quote(element) + "\\1.*$");
            List<ContentIndex.Occurrence> holders = facts.content().occurrences(ClassMembers.indexKey(element));
            if (holders.size() > MAX_HOLDERS) {
                continue;
            }
            for (ContentIndex.Occurrence o : holders) {
                String p = o.path();
                if (handlers.containsKey(p) || !o.inCode() || !CODE_FILE.matcher(p).matches() || TestPaths.isTestPath(p)
                        || !candidate.test(p) || !facts.content().kind(p).editable()) {
                    continue;
                }
                Matcher line = quoted.matcher(read(facts, p));
                if (line.find()) {
                    handlers.put(p, line.group().strip());
                }
            }
        }
        if (handlers.size() != 1 || chosen.stream().anyMatch(c -> handlers.containsKey(c.path()))) {
            return chosen;
        }
        String place = handlers.keySet().iterator().next();
        return ChangeLocator.alone(place, chosen, scores, terms, place + ": " + handlers.get(place)
                + " (handles the element the objective shows)");
    }

    private static String read(WorkspaceFacts facts, String path) {
        byte[] bytes = ContentIndex.read(facts.root().resolve(path));
        return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
    }
}
