package dev.harness.planning;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An assignment the objective writes to an object's attribute ({@code d.title = title('bar')}) runs that attribute's
 * setter: a Python {@code title = property(get_title, set_title)} or {@code @title.setter}, a JavaScript
 * {@code set title(value)}, a Kotlin/C#-like property aside. The one code file declaring such a setter is the place, not
 * the file defining the value assigned (the {@code title} tag class) nor the base class both use.
 */
final class PropertySetters {
    /** {@code d.title = …} (not {@code ==}): group 1 the attribute. */
    private static final Pattern ASSIGNED = Pattern.compile("(?<![\\p{L}\\p{N}_$])[\\p{L}_$][\\p{L}\\p{N}_$]*\\.([\\p{L}_$][\\p{L}\\p{N}_$]*)`?\\s*=(?!=)");

    private PropertySetters() {
    }

    /** The attributes the objective assigns to. */
    static Set<String> assigned(String objective) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = ASSIGNED.matcher(objective);
        while (m.find()) {
            if (m.group(1).length() >= 3) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** How a file declares a setter for {@code name}. */
    static Pattern setter(String name) {
        String n = Pattern.quote(name);
        return Pattern.compile("(?m)^\\s*" + n + "\\s*=\\s*property\\s*\\(\\s*[\\w.]+\\s*,|^\\s*@" + n + "\\.setter\\b|\\bset\\s+" + n
                + "\\s*\\(|\\bdef\\s+set_" + n + "\\s*\\(");
    }

    /**
     * {@code chosen} replaced by the one code file (not a test) declaring a setter of an attribute the objective assigns;
     * unchanged when it assigns none, or no or several files declare one, or that file is all that was chosen.
     */
    static List<ChangeLocator.FileMatch> towardsSetter(List<ChangeLocator.FileMatch> chosen, ChangeLocator.Keys keys,
                                                       WorkspaceFacts facts, Predicate<String> candidate,
                                                       Map<String, Double> scores, Map<String, Set<String>> terms) {
        Set<String> names = assigned(keys.text());
        if (chosen.isEmpty() || names.isEmpty()) {
            return chosen;
        }
        Set<String> setters = new LinkedHashSet<>();
        for (String name : names) {
            Pattern setter = setter(name);
            String lower = name.toLowerCase(java.util.Locale.ROOT);
            String key = ContentIndex.splitIdentifier(name).size() > 1 ? lower : ObjectiveTerms.stem(lower);
            List<String> holders = facts.content().occurrences(key).stream().map(ContentIndex.Occurrence::path).toList();
            ChangeLocator.productTexts(holders, facts, candidate).forEach((path, text) -> {
                if (setter.matcher(text).find()) {
                    setters.add(path);
                }
            });
        }
        return ChangeLocator.aloneIfOne(setters, chosen, scores, terms, "declares the setter of the attribute the objective assigns");
    }
}
