package dev.harness.planning;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A setting the objective says is ignored ("the `minFractionDigits` setting … is ignored when stringifying") is honoured,
 * or not, where it is read: files that only set it (a parser storing {@code node.minFractionDigits = …}) or declare it
 * ({@code declare minFractionDigits?: number}) hold the name without the behaviour that ignores it.
 */
final class IgnoredSettings {
    private static final Pattern IGNORED = Pattern.compile("(?i)\\b(?:is|are|gets?|get|being|was|were)\\s+(?:silently\\s+|always\\s+|still\\s+)?"
            + "ignored\\b|\\bhas no effect\\b|\\bhave no effect\\b|\\bnot (?:respected|honou?red|taken into account)\\b");
    /** A line of a code file: the name assigned ({@code x.name = …}), declared ({@code name?: number}), or otherwise used. */
    private static final String ASSIGNED = "(?:^|[.\\s])%s\\s*=(?!=)";
    private static final String DECLARED = "^\\s*(?:(?:declare|readonly|public|private|protected|static|final|var|let|const)\\s+)*"
            + "(?:[\\w<>\\[\\],?]+\\s+)?%s\\s*(?:\\?\\s*)?(?::|;|$)";

    private IgnoredSettings() {
    }

    /** {@code chosen} without the files that only set or declare a name the objective says is ignored, when another reads it. */
    static List<ChangeLocator.FileMatch> towardsReaders(List<ChangeLocator.FileMatch> chosen, ChangeLocator.Keys keys,
                                                        WorkspaceFacts facts) {
        if (chosen.size() < 2 || !IGNORED.matcher(keys.text()).find()) {
            return chosen;
        }
        List<ChangeLocator.FileMatch> kept = new ArrayList<>(chosen);
        for (String name : keys.identifiers()) {
            String quoted = "(?i:" + Pattern.quote(name) + ")";
            Pattern anywhere = Pattern.compile("(?<![\\p{L}\\p{N}_$])" + quoted + "(?![\\p{L}\\p{N}_$])");
            Pattern assigned = Pattern.compile(String.format(ASSIGNED, quoted));
            Pattern declared = Pattern.compile(String.format(DECLARED, quoted));
            List<ChangeLocator.FileMatch> readers = new ArrayList<>();
            List<ChangeLocator.FileMatch> setters = new ArrayList<>();
            for (ChangeLocator.FileMatch c : kept) {
                if (TestPaths.isTestPath(c.path()) || ChangeLocator.declarations(c.path())) {
                    continue;
                }
                boolean read = false;
                boolean set = false;
                for (String line : ManifestFile.read(facts.root(), c.path()).split("\n")) {
                    Matcher m = anywhere.matcher(line);
                    if (!m.find() || line.strip().startsWith("//") || line.strip().startsWith("*") || line.strip().startsWith("#")) {
                        continue;
                    }
                    if (assigned.matcher(line).find() || declared.matcher(line).find()) {
                        set = true;
                    } else {
                        read = true;
                    }
                }
                if (read) {
                    readers.add(c);
                } else if (set) {
                    setters.add(c);
                }
            }
            if (!readers.isEmpty() && !setters.isEmpty()) {
                kept.removeAll(setters);
            }
        }
        return kept;
    }
}
