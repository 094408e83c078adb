package dev.harness.planning;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A setting the objective says is ignored ("the `minFractionDigits` setting … is ignored when stringifying"), or gives a
 * value to ({@code chai.config.truncateThreshold = 0}), is honoured, or not, where it is read: files that only set it (a parser storing {@code node.minFractionDigits = …}) or declare it
 * ({@code declare minFractionDigits?: number}) hold the name without the behaviour that ignores it.
 */
final class IgnoredSettings {
    private static final Pattern IGNORED = Pattern.compile("(?i)\\b(?:is|are|gets?|get|being|was|were)\\s+(?:silently\\s+|always\\s+|still\\s+)?"
            + "ignored\\b|\\bhas no effect\\b|\\bhave no effect\\b|\\bnot (?:respected|honou?red|taken into account)\\b");
    /** A line of a code file: the name assigned ({@code x.name = …}), declared ({@code name?: number}), or otherwise used. */
    private static final String ASSIGNED = "(?:^|[.\\s])%s\\s*=(?!=)";
    private static final String DECLARED = "^\\s*(?:(?:declare|readonly|public|private|protected|static|final|var|let|const)\\s+)*"
            + "(?:[\\w<>\\[\\],?]+\\s+)?%s\\s*(?:\\?\\s*)?(?::|;|$)";

    /** A code span giving one option a plain value: {@code `quoteSmart: true`}, {@code `strict=False`}; group 1 the option. */
    private static final Pattern OPTION_WITH_VALUE = Pattern.compile(
            "`([\\p{L}_$][\\p{L}\\p{N}_$]*)\\s*(?::|=(?!=))\\s*(?:true|false|True|False|null|None|-?\\d+(?:\\.\\d+)?|'[^'`]*'|\"[^\"`]*\")`");

    private IgnoredSettings() {
    }

    /** Most code files holding the setting's name before reading them says nothing about where it is honoured. */
    private static final int MAX_HOLDERS = 20;
    /** The readers that take the setters' place: one or two (a message's formatter and its inspector); more is the library's everyday setting. */
    private static final int MAX_READERS = 2;

    /**
     * {@code chosen} without the files that only set or declare a name the objective says is ignored, when another reads
     * it; when none of them reads it, the one or two code files of the project that do take their place (nunjucks' lexer.js
     * testing {@code this.trimBlocks}, beside the environment storing the option).
     */
    static List<ChangeLocator.FileMatch> towardsReaders(List<ChangeLocator.FileMatch> chosen, ChangeLocator.Keys keys,
                                                        WorkspaceFacts facts, java.util.function.Predicate<String> candidate) {
        // or that the objective sets (`chai.config.truncateThreshold = 0` "is documented to disable truncation, but …"): a
        // setting given a value works where it is read, not where its default is declared
        java.util.Set<String> set = new java.util.LinkedHashSet<>();
        PropertySetters.assigned(keys.text()).forEach(n -> set.add(n.toLowerCase(java.util.Locale.ROOT)));
        // or an option it gives with its value (`quoteSmart: true`): read where the output is made, not where options are copied
        java.util.regex.Matcher option = OPTION_WITH_VALUE.matcher(keys.text());
        while (option.find()) {
            set.add(option.group(1).toLowerCase(java.util.Locale.ROOT));
        }
        set.retainAll(keys.identifiers());
        boolean ignored = IGNORED.matcher(keys.text()).find();
        if (chosen.isEmpty() || !ignored && set.isEmpty()) {
            return chosen;
        }
        List<ChangeLocator.FileMatch> kept = new ArrayList<>(chosen);
        for (String name : ignored ? keys.identifiers() : set) {
            Use use = new Use(name);
            List<ChangeLocator.FileMatch> readers = new ArrayList<>();
            List<ChangeLocator.FileMatch> setters = new ArrayList<>();
            for (ChangeLocator.FileMatch c : kept) {
                if (TestPaths.isTestPath(c.path()) || ChangeLocator.declarations(c.path())) {
                    continue;
                }
                switch (use.in(ManifestFile.read(facts.root(), c.path()))) {
                    case READ -> readers.add(c);
                    case SET -> setters.add(c);
                    case NONE -> { }
                }
            }
            if (!readers.isEmpty() && !setters.isEmpty()) {
                kept.removeAll(setters);
            } else if (readers.isEmpty() && !setters.isEmpty()) {
                List<ContentIndex.Occurrence> holders = facts.content().occurrences(name);
                List<String> elsewhere = holders.size() > MAX_HOLDERS ? List.of() : holders.stream().map(ContentIndex.Occurrence::path)
                        .distinct().filter(p -> candidate.test(p) && !TestPaths.isTestPath(p) && CallWalk.language(p) != null
                                && !ChangeLocator.declarations(p) && kept.stream().noneMatch(c -> c.path().equals(p))
                                && use.in(ManifestFile.read(facts.root(), p)) == Use.Kind.READ).toList();
                if (!elsewhere.isEmpty() && elsewhere.size() <= MAX_READERS) {
                    int at = Math.min(kept.indexOf(setters.get(0)), kept.size() - setters.size());
                    kept.removeAll(setters);
                    for (String reader : elsewhere) {
                        kept.add(Math.min(at++, kept.size()), new ChangeLocator.FileMatch(reader, setters.get(0).score(), List.of(name),
                                reader + " reads " + name + "; " + setters.get(0).path() + " only stores it"));
                    }
                }
            }
        }
        return kept;
    }

    /** How a file uses a name: reads it somewhere, only sets or declares it, or holds it in no code line. */
    private record Use(Pattern anywhere, Pattern assigned, Pattern declared) {
        enum Kind { READ, SET, NONE }

        Use(String name) {
            this(Pattern.compile("(?<![\\p{L}\\p{N}_$])(?i:" + Pattern.quote(name) + ")(?![\\p{L}\\p{N}_$])"),
                    Pattern.compile(String.format(ASSIGNED, "(?i:" + Pattern.quote(name) + ")")),
                    Pattern.compile(String.format(DECLARED, "(?i:" + Pattern.quote(name) + ")")));
        }

        Kind in(String text) {
            Kind kind = Kind.NONE;
            for (String line : text.split("\n")) {
                String code = line.strip();
                if (!anywhere.matcher(line).find() || code.startsWith("//") || code.startsWith("*") || code.startsWith("#")) {
                    continue;
                }
                if (!assigned.matcher(line).find() && !declared.matcher(line).find()) {
                    return Kind.READ;
                }
                kind = Kind.SET;
            }
            return kind;
        }
    }
}
