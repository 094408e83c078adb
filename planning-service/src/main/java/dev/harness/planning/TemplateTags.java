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
 * A template tag the objective writes ({@code {{#each}}}, {@code {{> partial}}}, {@code {% include %}}) names the helper
 * a template engine runs for it, and engines keep each helper in a file of its name: EachHelper.java in handlebars.java,
 * helpers/each.js in handlebars.js, IncludeTag or include_tag elsewhere. That file is where the tag's behaviour is, not
 * the engine's context or parser that the objective's other words (data, properties, iterates) lead to.
 */
final class TemplateTags {
    /** {@code {{#each}}}, {@code {{/if}}}, {@code {{^unless}}}, {@code {{> name}}}, {@code {% for x in y %}}: group 1 or 2 the tag. */
    private static final Pattern TAG = Pattern.compile("\\{\\{[#^/>~]?\\s*([\\p{L}_][\\p{L}\\p{N}_-]*)|\\{%-?\\s*([\\p{L}_][\\p{L}\\p{N}_]*)");
    /** How an engine names a tag's helper after the tag. */
    private static final List<String> SUFFIXES = List.of("helper", "tag", "directive", "extension", "filter");
    /** A template's expression piped into filters: {@code {{ name | title }}}, {@code {% x|lower|trim %}}; group 1 the body. */
    private static final Pattern EXPRESSION = Pattern.compile("\\{[{%]([^{}]*\\|[^{}]*)[}%]\\}");
    private static final Pattern FILTER = Pattern.compile("\\|\\s*([\\p{L}_][\\p{L}\\p{N}_]*)");
    /** Folders holding one helper per file, each named after its tag alone (helpers/each.js). */
    private static final Set<String> HELPER_FOLDERS = Set.of("helpers", "helper", "tags", "directives", "builtins", "filters");
    private static final Pattern CODE_FILE = Pattern.compile(".*\\.(?:java|kt|scala|go|py|rb|php|[cm]?[jt]s)$");

    private TemplateTags() {
    }

    /** The tags the objective writes, lower-cased, in order. */
    static Set<String> tags(String objective) {
        Set<String> tags = new LinkedHashSet<>();
        Matcher m = TAG.matcher(objective);
        while (m.find()) {
            tags.add((m.group(1) != null ? m.group(1) : m.group(2)).toLowerCase(Locale.ROOT).replace("-", ""));
        }
        // and the filters an expression is piped into (`{{ 'test test' | title }}` → TitleFilter.java, filters/title.js)
        Matcher expression = EXPRESSION.matcher(objective);
        while (expression.find()) {
            Matcher filter = FILTER.matcher(expression.group(1));
            while (filter.find()) {
                tags.add(filter.group(1).toLowerCase(Locale.ROOT));
            }
        }
        return tags;
    }

    /**
     * {@code chosen} replaced by the one code file (not a test) named after a tag the objective writes; unchanged when
     * it writes none, or no or several files are so named, or that file is all that was chosen.
     */
    static List<ChangeLocator.FileMatch> towardsTagHelper(List<ChangeLocator.FileMatch> chosen, ChangeLocator.Keys keys,
                                                          WorkspaceFacts facts, Predicate<String> candidate,
                                                          Map<String, Double> scores, Map<String, Set<String>> terms) {
        Set<String> tags = tags(keys.text());
        if (tags.isEmpty()) {
            return chosen;
        }
        List<String> helpers = new ArrayList<>();
        for (String path : facts.sortedFiles()) {
            if (CODE_FILE.matcher(path).matches() && !TestPaths.isTestPath(path) && candidate.test(path)
                    && facts.content().kind(path).editable() && tags.stream().anyMatch(tag -> helperOf(path, tag))) {
                helpers.add(path);
            }
        }
        return ChangeLocator.aloneIfOne(helpers, chosen, scores, terms, "the helper of the template tag the objective writes");
    }

    /** Whether {@code path} is named after {@code tag}: EachHelper.java, each_tag.py, or each.js in a helpers folder. */
    static boolean helperOf(String path, String tag) {
        String base = ChangeLocator.joinedBaseName(path);
        if (SUFFIXES.stream().anyMatch(suffix -> base.equals(tag + suffix))) {
            return true;
        }
        int slash = path.lastIndexOf('/');
        String folder = slash < 0 ? "" : path.substring(path.lastIndexOf('/', slash - 1) + 1, slash).toLowerCase(Locale.ROOT);
        return base.equals(tag) && HELPER_FOLDERS.contains(folder);
    }
}
