package dev.harness.planning;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
 * A JavaScript/TypeScript function the objective names that only sets fields of what it configures, one of them to a
 * named value ({@code yieldsRight: function (fake) { fake.callArgAt = useRightMostCallback; … }}): what the function
 * means is decided where that value is tested ({@code if (callArgAt === useRightMostCallback)} in behavior.js). Its
 * siblings (yields, yieldsOn) set the same fields to other values; the value is what tells them apart.
 */
final class ScriptSetters {
    private static final Pattern SCRIPT_FILE = Pattern.compile(".*\\.[cm]?[jt]sx?$");
    private static final Pattern NAME = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*");
    /** Values that are no name of the project: literals and the language's own. */
    private static final Set<String> LITERAL_NAMES = Set.of("true", "false", "null", "undefined", "this", "NaN", "Infinity",
            "arguments");
    /** Most files testing a value before it says nothing about where. */
    private static final int MAX_TESTERS = 1;

    private ScriptSetters() {
    }

    /** {@code chosen} with each script file whose named function only sets fields replaced by the one file testing a value it sets. */
    static List<ChangeLocator.FileMatch> throughSetValues(List<ChangeLocator.FileMatch> chosen, ChangeLocator.Keys keys,
                                                          WorkspaceFacts facts, Predicate<String> candidate,
                                                          Map<String, Double> scores, Map<String, Set<String>> terms) {
        if (chosen.isEmpty() || keys.identifiers().isEmpty() || ChangeLocator.addsApi(keys)) {
            return chosen;
        }
        List<String> names = writtenNames(keys);
        List<ChangeLocator.FileMatch> result = new ArrayList<>(chosen);
        for (ChangeLocator.FileMatch named : chosen) {
            if (!SCRIPT_FILE.matcher(named.path()).matches()) {
                continue;
            }
            String text = read(facts, named.path());
            Set<String> values = new LinkedHashSet<>();
            String setter = null;
            boolean works = false;
            for (String name : names) {
                Matcher d = ScriptCallees.definitionOf(name).matcher(text);
                while (d.find()) {
                    Set<String> set = setValues(text, d.start());
                    if (set == null) {
                        works = true; // a named function doing work of its own: its file is the place
                    } else {
                        values.addAll(set);
                        setter = setter == null ? name : setter;
                    }
                }
            }
            if (works || values.isEmpty()) {
                continue;
            }
            Map<String, String> testers = new LinkedHashMap<>(); // file → the line testing a value
            for (String value : values) {
                Pattern testing = Pattern.compile("(?m)^.*(?:(?:===?|!==?)\\s*" + Pattern.quote(value) + "(?![\\p{L}\\p{N}_$])"
                        + "|(?<![\\p{L}\\p{N}_$.])" + Pattern.quote(value) + "\\s*(?:===?|!==?)|\\bcase\\s+" + Pattern.quote(value) + "\\s*:).*$");
                for (ContentIndex.Occurrence o : facts.content().occurrences(ClassMembers.indexKey(value))) {
                    String p = o.path();
                    if (p.equals(named.path()) || !SCRIPT_FILE.matcher(p).matches() || TestPaths.isTestPath(p) || !candidate.test(p)
                            || !o.inCode()) {
                        continue;
                    }
                    Matcher line = testing.matcher(read(facts, p));
                    if (line.find()) {
                        testers.putIfAbsent(p, line.group().strip());
                    }
                }
            }
            if (testers.isEmpty() || testers.size() > MAX_TESTERS) {
                continue;
            }
            String place = testers.keySet().iterator().next();
            if (result.stream().anyMatch(c -> c.path().equals(place))) {
                result.remove(named);
                continue;
            }
            result.set(result.indexOf(named), new ChangeLocator.FileMatch(place, scores.getOrDefault(place, named.score()),
                    new ArrayList<>(terms.getOrDefault(place, Set.of())), place + ": " + testers.get(place) + " (tests what "
                    + setter + " sets)"));
        }
        return result;
    }

    /** The names the objective writes, as it writes them (yieldsRight), of those its keys hold. */
    private static List<String> writtenNames(ChangeLocator.Keys keys) {
        List<String> names = new ArrayList<>();
        Matcher m = NAME.matcher(keys.text());
        while (m.find()) {
            String name = m.group();
            if (name.length() > 3 && keys.identifiers().contains(name.toLowerCase(Locale.ROOT)) && !names.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * The named values the function defined at {@code at} assigns to fields of its first parameter, when assigning them
     * is all its body does; null when it does anything else (or has no body or parameter).
     */
    static Set<String> setValues(String text, int at) {
        int open = text.indexOf('(', at);
        int close = open < 0 ? -1 : CodeBrackets.closing(text, open);
        if (close < 0) {
            return null;
        }
        Matcher parameter = NAME.matcher(text.substring(open + 1, close));
        int brace = text.indexOf('{', close);
        int end = brace < 0 ? -1 : CodeBrackets.closing(text, brace);
        if (!parameter.lookingAt() || end < 0 || !text.substring(close + 1, brace).matches("\\s*(?:=>\\s*)?")) {
            return null;
        }
        Pattern assignment = Pattern.compile("\\s*" + Pattern.quote(parameter.group()) + "\\.[\\p{L}_$][\\p{L}\\p{N}_$]*\\s*=(?!=)\\s*(.+?)\\s*");
        Set<String> values = new LinkedHashSet<>();
        int statements = 0;
        for (String statement : text.substring(brace + 1, end).split("[\\n;]")) {
            if (statement.isBlank() || statement.strip().startsWith("//")) {
                continue;
            }
            Matcher m = assignment.matcher(statement);
            if (!m.matches()) {
                return null;
            }
            statements++;
            String value = m.group(1);
            if (NAME.matcher(value).matches() && !LITERAL_NAMES.contains(value)) {
                values.add(value);
            }
        }
        return statements == 0 ? null : values;
    }

    private static String read(WorkspaceFacts facts, String path) {
        byte[] bytes = ContentIndex.read(facts.root().resolve(path));
        return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
    }
}
