package dev.harness.planning;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A function the objective adds to a module it names ("add a function `oversize(cache, value)` to mylib"): the
 * name is defined nowhere yet, so no file's words say where it goes, and its parameters' words ("cache", "value") are in
 * every file of a caching library. It goes into the module named, beside its siblings: a package's entry module
 * (mylib/__init__.py, index.js), or the file of that name.
 */
record AddedFunction(String name, String target, String home) {

    private static final Pattern ADD = Pattern.compile(
            "(?i)\\b(?:add|adds|adding|write|create|introduce|provide|expose|export)\\s+(?:an?\\s+|the\\s+)?(?:new\\s+)?"
                    + "(?:(?:public|exported|top-level|module-level|static|helper|utility)\\s+)*(?:function|method|func|helper|decorator)\\s+"
                    + "`?([\\p{L}_$][\\p{L}\\p{N}_$]*)(?:\\([^`()]*\\))?`?\\s+(?:to|in|into|inside)\\s+(?:the\\s+)?"
                    + "`?([\\p{L}_@][\\p{L}\\p{N}_@./-]*?)`?(?:\\s+(?:module|package|library|file))?(?=[\\s,;:]|\\.(?:\\s|$)|$)");

    /** Module files a package directory is entered by, in the order they are looked for. */
    private static final List<String> ENTRY_MODULES = List.of("__init__.py", "index.ts", "index.js", "index.mjs", "index.cjs",
            "lib.rs", "mod.rs");

    /**
     * The function the objective adds and the one file it names as its home, when the name is new ({@code declared}
     * says no code defines it) and the module named resolves to one code file; else empty.
     */
    static Optional<AddedFunction> of(String objective, WorkspaceFacts facts, Predicate<String> declared) {
        Matcher m = ADD.matcher(ObjectiveText.forMatching(objective));
        if (!m.find() || declared.test(m.group(1))) {
            return Optional.empty();
        }
        String target = m.group(2);
        return home(target, facts).map(home -> new AddedFunction(m.group(1), target, home));
    }

    /** The one code file {@code target} names: itself as a path, the file of that name, or the entry of that package. */
    static Optional<String> home(String target, WorkspaceFacts facts) {
        if (facts.sortedFiles().contains(target) && ChangeLocator.candidate(target)) {
            return Optional.of(target);
        }
        String bare = target.contains("/") ? target.substring(target.lastIndexOf('/') + 1) : target;
        String stem = ObjectiveTerms.stem(bare.replaceFirst("\\.[A-Za-z0-9]{1,5}$", "").toLowerCase(Locale.ROOT));
        Set<String> homes = new LinkedHashSet<>();
        for (String path : facts.names().pathsWithStem(stem)) {
            String name = path.substring(path.lastIndexOf('/') + 1);
            if (!name.equalsIgnoreCase(bare) && !name.toLowerCase(Locale.ROOT).startsWith(bare.toLowerCase(Locale.ROOT) + ".")) {
                continue; // a file whose name only shares the stem (mylib_extra.py) is another module
            }
            if (facts.names().isDirectory(path)) {
                ENTRY_MODULES.stream().map(entry -> path + "/" + entry).filter(facts.sortedFiles()::contains).findFirst()
                        .filter(ChangeLocator::candidate).ifPresent(homes::add);
            } else if (ChangeLocator.candidate(path) && FileKind.ofPath(path) == FileKind.SOURCE) {
                homes.add(path);
            }
        }
        return homes.size() == 1 ? Optional.of(homes.iterator().next()) : Optional.empty();
    }

    /** The packet's evidence: why this file. */
    String evidence() {
        return home + " (`" + name + "` is defined nowhere yet; the objective adds it to " + target + ")";
    }
}
