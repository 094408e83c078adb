package dev.harness.planning;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the files an objective is about: the objective's words (stems, their synonyms, and whole
 * identifiers it names such as {@code slugifyWithCounter}) are looked up in file and directory
 * names and in the content index; rarer words weigh more (a word in most files says little), as do
 * whole identifiers; generated, vendored and data files count for little. Tests are not places to
 * change on their own: they come with the code they cover. Each match carries its evidence.
 */
public final class ChangeLocator {
    // compiled once: these run for every token of every line a plan quotes as evidence
    private static final java.util.regex.Pattern NON_WORD = java.util.regex.Pattern.compile("[^\\p{L}\\p{N}_$]+");
    private static final java.util.regex.Pattern CAMEL_CASE = java.util.regex.Pattern.compile(".*\\p{Ll}\\p{Lu}.*");
    private static final java.util.regex.Pattern DIGITS_INSIDE = java.util.regex.Pattern.compile("\\p{L}+\\d+\\p{L}*");
    /** A name opening with an acronym (XMLSerializer, IOUtils, JSONObject): no lower-case letter comes before a capital. */
    private static final java.util.regex.Pattern ACRONYM_LED = java.util.regex.Pattern.compile("\\p{Lu}{3,}\\p{Ll}{2,}[\\p{L}\\p{N}]*");
    private static final java.util.regex.Pattern JS_SUFFIX = java.util.regex.Pattern.compile("\\.[cm]?js$");
    public static final int MAX_FILES = 6;
    /** A file scoring less than this share of the best one is noise next to it. */
    private static final double RELATIVE_CUT = 0.35;
    /** Files of a directory whose name matches that get its name's points: enough to rank, bounded for big trees. */
    private static final int MAX_FILES_PER_DIRECTORY_NAME = 50;
    /** How often a place uses a rare word of the objective for that word to be what the place is about. */
    private static final int FOCUS_REPEATS = 3;
    /** A place using that word ranks at least this share of the best one for the word to decide between them. */
    private static final double FOCUS_NEAR_BEST = 0.6;
    /** How many of the objective's rare words the named function's file lacks a file it calls must hold to be the change. */
    private static final int MIN_CALLEE_WORDS = 2;
    /** A rare concept's word in a declaration's doc comment counts this many times: like a definition's. */
    private static final double DOC_WEIGHT = 2;
    private static final Set<String> INSTRUCTION_FILES = Set.of("claude.md", "agents.md", "gemini.md", ".cursorrules",
            "copilot-instructions.md", "changelog.md", "changes.md", "history.md", "license", "license.md", "contributing.md");

    /** Words every program is full of: in contents they say nothing (in names they still count). */
    private static final Set<String> CODE_KEYWORDS = Set.of("return", "function", "class", "import", "export", "const", "let",
            "var", "def", "self", "this", "public", "private", "protected", "static", "void", "null", "nil", "none", "true",
            "false", "new", "func", "packag", "requir", "async", "await", "throw", "try", "catch", "els", "elif", "whil",
            "break", "continu", "switch", "cas", "extend", "implement", "println", "printf", "fn", "pub", "impl", "mut");

    /**
     * Words so general that on their own they say nothing about where a change goes ("mode" in
     * "dark mode", "type", "data"): they count little, and a file matched by them alone is not chosen.
     */
    static final Set<String> GENERIC_WORDS = Set.copyOf(java.util.stream.Stream.of("mode", "modes", "type", "types", "kind",
            "data", "value", "values", "item", "items", "info", "state", "thing", "things", "feature", "features", "stuff",
            "way", "part", "field", "fields", "option", "thing", "version", "level", "flag", "flags")
            .map(ObjectiveTerms::stem).collect(java.util.stream.Collectors.toSet()));

    /**
     * One file the change needs, with its score and the line (or name) that shows why; {@code testedThrough}: the files
     * whose named method hands the work to this one (a facade the objective names): their tests check the change too.
     */
    public record FileMatch(String path, double score, List<String> terms, String evidence, List<String> testedThrough) {
        public FileMatch {
            testedThrough = List.copyOf(testedThrough);
        }

        public FileMatch(String path, double score, List<String> terms, String evidence) {
            this(path, score, terms, evidence, List.of());
        }
    }

    private ChangeLocator() {}

    /** Objective keys: content stems (direct), their synonyms, and lowercased compound identifiers. */
    public record Keys(Set<String> direct, Set<String> related, Set<String> identifiers, Set<String> pathWords,
                       ClassMembers members, CommandLineCues commandLine, Set<String> modifiers, Set<String> packagePaths,
                       Set<String> usedNames, String text, Set<String> consequence) {
        public Keys(Set<String> direct, Set<String> related, Set<String> identifiers, Set<String> pathWords) {
            this(direct, related, identifiers, pathWords, new ClassMembers(List.of()), new CommandLineCues(List.of(), List.of()), Set.of(),
                    Set.of(), Set.of(), "", Set.of());
        }

        public boolean isEmpty() {
            return direct.isEmpty() && identifiers.isEmpty();
        }

        /** These keys with {@code more} names (lowercased) the objective gives. */
        Keys withIdentifiers(Set<String> more) {
            Set<String> all = new LinkedHashSet<>(identifiers);
            all.addAll(more);
            return new Keys(direct, related, all, pathWords, members, commandLine, modifiers, packagePaths, usedNames, text,
                    consequence);
        }
    }

    /** {@code `.name()`}, {@code `name(arg)`}, {@code `.name`}: a code span naming one function or property. */
    /** Python's and JavaScript's builtin functions an objective cites as the language's own (like str(), parseInt()). */
    static final Set<String> BUILTIN_CALLS = Set.of("str", "repr", "int", "float", "len", "bool", "dict", "tuple",
            "isinstance", "issubclass", "hasattr", "getattr", "setattr", "sorted", "print", "parseInt", "parseFloat", "String",
            "Number", "Boolean");

    /** Go's sized numeric types, lower-cased as identifiers are. */
    private static final Set<String> BUILTIN_TYPES = Set.of("int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
            "float32", "float64", "complex64", "complex128");

    private static final java.util.regex.Pattern CALL_SPAN = java.util.regex.Pattern.compile(
            "`(\\.)?([\\p{L}_$][\\p{L}\\p{N}_$]*)(\\([^`()]*\\))?`");

    /**
     * {@code `pydash.truncate`}, {@code `arr.multiline(True)`}: a function or method reached through a module or a
     * variable (a lower-case qualifier, not a class's {@code Owner.member}); group 1 its name.
     */
    private static final java.util.regex.Pattern QUALIFIED_SPAN = java.util.regex.Pattern.compile(
            "`(?:\\p{Ll}[\\p{Ll}\\p{N}_]*\\.)+([\\p{L}_$][\\p{L}\\p{N}_$]*)(\\([^`()]*\\))?`");

    private static final java.util.regex.Pattern PATH_LIKE = java.util.regex.Pattern.compile(
            "[\\p{L}\\p{N}_.@-]+(?:/[\\p{L}\\p{N}_.-]+)+|[\\p{L}\\p{N}_-]+\\.(?:[cm]?[jt]sx?|py|java|kt|go|rs|rb|c|h|cpp|cs)\\b|`[\\p{L}\\p{N}_./-]+`");

    public static Keys keys(String objective) {
        Set<String> direct = new LinkedHashSet<>(ObjectiveTerms.of(ObjectiveText.forMatching(objective)));
        Set<String> identifiers = new LinkedHashSet<>();
        for (String token : NON_WORD.split(objective)) {
            // snake_case, camelCase, and names with digits inside (bytes2human, b64encode, sha256)
            if (token.length() > 3 && (token.indexOf('_') > 0 || CAMEL_CASE.matcher(token).matches() || DIGITS_INSIDE.matcher(token).matches()
                    || ACRONYM_LED.matcher(token).matches())
                    && ContentIndex.isIdentifierLike(token)) {
                identifiers.add(token.toLowerCase(Locale.ROOT));
            }
        }
        // a code span written as a call or a member (`.extend()`, `flush()`, `.size`) names a function or property even
        // when it is one plain word: where it is defined is the place, like a compound name's
        java.util.regex.Matcher call = CALL_SPAN.matcher(objective);
        while (call.find()) {
            // a builtin called bare (`str()` in "a space, like str()") is the language's, not a name of the project's
            if ((call.group(1) != null || call.group(3) != null) && call.group(2).length() > 2
                    && (call.group(1) != null || !BUILTIN_CALLS.contains(call.group(2)))) {
                identifiers.add(ClassMembers.indexKey(call.group(2)));
            }
        }
        // a builtin type noted in parentheses (Go's float64 in "yields a = 7 (float64)") says what a value is: the language's
        // type, not a name of the project's to look for
        identifiers.removeIf(name -> BUILTIN_TYPES.contains(name) && java.util.regex.Pattern.compile("(?i)\\(`?" + name + "`?\\)")
                .matcher(objective).find());
        Set<String> related = new LinkedHashSet<>();
        direct.forEach(term -> related.addAll(ObjectiveTerms.related(term)));
        related.removeAll(direct);
        // words the objective writes as a path or module ("dequal/lite", "src/theme.js", `lite`): it names those files
        Set<String> pathWords = new LinkedHashSet<>();
        java.util.regex.Matcher path = PATH_LIKE.matcher(objective);
        while (path.find()) {
            for (String segment : PATH_WORD_SEPARATOR.split(path.group())) {
                String bare = EXTENSION.matcher(segment).replaceFirst("");
                if (PATH_WORD.matcher(bare).matches()) {
                    pathWords.add(ObjectiveTerms.stem(bare));
                }
            }
        }
        // a name only a clause saying what stays as it is gives ("PercentileNearestRank keeps its own method") is the
        // contrast, not the place: it is no name of the change's, and its words weigh as little as a consequence's
        Set<String> contrast = contrastWords(objective);
        identifiers.removeIf(name -> contrast.contains("name:" + name));
        Set<String> lesser = new LinkedHashSet<>(consequenceWords(objective));
        lesser.addAll(userClauseWords(objective));
        contrast.stream().filter(w -> !w.startsWith("name:")).forEach(lesser::add);
        return new Keys(direct, related, identifiers, pathWords, ClassMembers.of(objective), CommandLineCues.of(objective),
                compoundModifiers(objective), packagePaths(objective), usedNames(objective, identifiers), objective,
                lesser);
    }

    /**
     * A clause saying what the change leaves as it is: "X keeps its own method", "Y must still parse", "the rest should
     * stay unchanged", "as before". Not "must keep", "must stay", "returns it unchanged": those describe the change or the bug.
     */
    private static final java.util.regex.Pattern CONTRAST = java.util.regex.Pattern.compile(
            "\\b(?:keeps?\\s+(?:its|their)\\s+(?:own|current|old|existing|present)|as\\s+before|keeps?\\s+working|still\\s+works?"
                    + "|(?:must|should|will)\\s+still|(?:must|should|will|to)\\s+(?:stay|remain|be\\s+left)\\s+(?:unchanged|untouched|unaffected|as\\s+(?:it|they)\\s+(?:is|are))"
                    + "|(?:stays?|remains?)\\s+the\\s+same|behaviou?r\\s+(?:stays|is\\s+kept))\\b",
            java.util.regex.Pattern.CASE_INSENSITIVE);

    /** Where a clause ends: a sentence's end, a semicolon, a comma, or a dash between words. */
    private static final java.util.regex.Pattern CLAUSE_END = java.util.regex.Pattern.compile("[.;:!?](?:\\s|$)|[;,]|\\s[-\u2013\u2014]\\s");

    /**
     * What only the objective's contrast clauses hold: the stems of their words, and their names as {@code name:} plus
     * the lower-cased name, each left out where the rest of the objective has it too.
     */
    static Set<String> contrastWords(String objective) {
        String text = ObjectiveText.forMatching(objective);
        StringBuilder contrast = new StringBuilder();
        StringBuilder rest = new StringBuilder();
        int start = 0;
        java.util.regex.Matcher end = CLAUSE_END.matcher(text);
        while (start < text.length()) {
            int stop = end.find(start) ? end.end() : text.length();
            String clause = text.substring(start, stop);
            (CONTRAST.matcher(clause).find() ? contrast : rest).append(clause).append(' ');
            start = stop;
        }
        if (contrast.isEmpty()) {
            return Set.of();
        }
        Set<String> words = new LinkedHashSet<>(ObjectiveTerms.of(contrast.toString()));
        words.removeAll(ObjectiveTerms.of(rest.toString()));
        Set<String> restNames = namesIn(rest.toString());
        for (String name : namesIn(contrast.toString())) {
            if (!restNames.contains(name)) {
                words.add("name:" + name);
            }
        }
        return words;
    }

    private static Set<String> namesIn(String text) {
        Set<String> names = new HashSet<>();
        for (String token : NON_WORD.split(text)) {
            names.add(token.toLowerCase(Locale.ROOT));
        }
        return names;
    }

    /** Where a clause saying why or for whom begins: "…, so that reading it back …", "…, for templates that …". */
    private static final java.util.regex.Pattern CONSEQUENCE = java.util.regex.Pattern.compile(
            "(?:,\\s*|\\s)(?:so that|so as to|in order to)\\s|,\\s*for\\s+(?=\\p{L})");

    /**
     * Stems only the objective's clause of purpose or consequence has ("so that reading the output back does not skip the
     * record", ", for templates that only write element text"): what the change is for, not where it goes; they weigh
     * less than the words of what it asks.
     */
    static Set<String> consequenceWords(String objective) {
        String text = ObjectiveText.forMatching(objective);
        java.util.regex.Matcher m = CONSEQUENCE.matcher(text);
        if (!m.find()) {
            return Set.of();
        }
        int end = text.indexOf(". ", m.end());
        String clause = text.substring(m.end(), end < 0 ? text.length() : end);
        String rest = text.substring(0, m.start()) + " " + (end < 0 ? "" : text.substring(end));
        Set<String> words = new LinkedHashSet<>(ObjectiveTerms.of(clause));
        words.removeAll(ObjectiveTerms.of(rest));
        return words;
    }

    /** A parenthetical naming what else uses the thing: "(also used by the CLI's sort command)", "(used in templates)". */
    private static final java.util.regex.Pattern USER_CLAUSE = java.util.regex.Pattern.compile(
            "\\((?:which is\\s+|that is\\s+)?(?:also\\s+)?(?:used|called|reached|shared)\\s+(?:by|in|from)\\s+([^()]*)\\)");

    /**
     * Stems only such a parenthetical has: who else uses the thing the objective is about is no place of the change (the
     * CLI's sort command calling Sortr), and weighs as a consequence's words.
     */
    static Set<String> userClauseWords(String objective) {
        String text = ObjectiveText.forMatching(objective);
        java.util.regex.Matcher m = USER_CLAUSE.matcher(text);
        Set<String> words = new LinkedHashSet<>();
        StringBuilder rest = new StringBuilder();
        int last = 0;
        while (m.find()) {
            words.addAll(ObjectiveTerms.of(m.group(1)));
            rest.append(text, last, m.start()).append(' ');
            last = m.end();
        }
        if (words.isEmpty()) {
            return Set.of();
        }
        rest.append(text.substring(last));
        words.removeAll(ObjectiveTerms.of(rest.toString()));
        return words;
    }

    /** A name the objective says the change uses as it is: "with BadData", "raise ValueError", "throwing `ParseError`". */
    private static final java.util.regex.Pattern USED_NAME = java.util.regex.Pattern.compile(
            "\\b(?:with|raise[sd]?|raising|throw[sn]?|throwing|using|via)\\s+(?:an?\\s+|the\\s+)?`?([\\p{L}_$][\\p{L}\\p{N}_$]*)`?");

    /** "throw a MappingException", "raises `InvalidVersion`": group 1 an exception or error class thrown. */
    private static final java.util.regex.Pattern THROWN = java.util.regex.Pattern.compile(
            "\\b(?:raise[sd]?|raising|throw[sn]?|throwing)\\s+(?:an?\\s+|the\\s+)?`?(\\p{Lu}[\\p{L}\\p{N}_$]*(?:Exception|Error))`?");

    /** The identifiers (lower-cased) of exceptions the objective says the code throws. */
    static Set<String> thrownExceptions(String objective, Set<String> identifiers) {
        Set<String> thrown = new LinkedHashSet<>();
        java.util.regex.Matcher m = THROWN.matcher(objective);
        while (m.find()) {
            String name = m.group(1).toLowerCase(Locale.ROOT);
            if (identifiers.contains(name)) {
                thrown.add(name);
            }
        }
        return thrown;
    }

    /** A constant of a type, as an option the change is about (`QuoteMode.MINIMAL`, DuplicateHeaderMode.ALLOW_EMPTY). */
    private static final java.util.regex.Pattern CONSTANT_OF = java.util.regex.Pattern.compile(
            "(?<![\\w.])([\\p{Lu}][\\p{L}\\p{N}_$]*)\\.([\\p{Lu}][\\p{Lu}\\p{N}_]*)(?![\\w(])");

    /** A class handed whole to a call the objective writes (`CachingMiddleware(JSONStorage)`): group 1 the class. */
    private static final java.util.regex.Pattern CLASS_ARGUMENT = java.util.regex.Pattern.compile(
            "(?<=[\\p{L}\\p{N}_$]\\()\\s*(\\p{Lu}[\\p{L}\\p{N}_$]*)\\s*(?=\\))");

    private static final java.util.regex.Pattern CLASS_HANDED = java.util.regex.Pattern.compile(
            "([\\p{L}_$][\\p{L}\\p{N}_$]*)\\(\\s*(\\p{Lu}[\\p{L}\\p{N}_$]*)\\s*\\)");

    /**
     * The identifiers (lower-cased, as in {@code identifiers}) the objective names as something the change uses: after
     * "with", "raise", "throw", "using", as the type of a constant it names (QuoteMode in `QuoteMode.MINIMAL`), or as a
     * class handed to a call (JSONStorage in `CachingMiddleware(JSONStorage)`).
     */
    static Set<String> usedNames(String objective, Set<String> identifiers) {
        Set<String> used = new LinkedHashSet<>();
        for (java.util.regex.Pattern p : List.of(USED_NAME, CONSTANT_OF, CLASS_ARGUMENT)) {
            java.util.regex.Matcher m = p.matcher(objective);
            while (m.find()) {
                // the constant itself (ALLOW_EMPTY) exists as well: also used, not defined anew
                for (int g = 1; g <= m.groupCount(); g++) {
                    String name = m.group(g).toLowerCase(Locale.ROOT);
                    if (identifiers.contains(name)) {
                        used.add(name);
                    }
                }
            }
        }
        return used;
    }

    /**
     * The one-word constants the objective names as an option of a type it names (MINIMAL in `QuoteMode.MINIMAL`), as
     * stems: the code switching on that constant ({@code case MINIMAL:}) is where the option's behaviour lives, so they
     * anchor the change like a name it gives. Only a constant fewer code files hold than the type's name does: one
     * everything uses (DEFAULT) says nothing about where. Each maps to its type's identifier.
     */
    static Map<String, String> namedConstants(Keys keys, ContentIndex content, java.util.function.Predicate<String> candidate) {
        Map<String, String> constants = new java.util.LinkedHashMap<>();
        java.util.regex.Matcher m = CONSTANT_OF.matcher(keys.text());
        while (m.find()) {
            String type = m.group(1).toLowerCase(Locale.ROOT);
            String constant = m.group(2);
            if (!keys.identifiers().contains(type) || constant.indexOf('_') >= 0 || constant.length() < 3) {
                continue; // ALLOW_EMPTY is an identifier of its own already
            }
            String stem = ObjectiveTerms.stem(constant.toLowerCase(Locale.ROOT));
            if (GENERIC_WORDS.contains(stem) || CODE_KEYWORDS.contains(stem)) {
                continue;
            }
            long holding = content.occurrences(stem).stream().filter(o -> candidate.test(o.path()) && code(o.path(), content)).count();
            long typeHolding = content.occurrences(type).stream().filter(o -> candidate.test(o.path()) && code(o.path(), content)).count();
            if (holding > 0 && holding < typeHolding) {
                constants.put(stem, type);
            }
        }
        return constants;
    }

    /**
     * A chosen file that only defines a name the objective says the change uses ("reject … with BadData": the exception
     * exists already) is evidence for where, not a file to change, when another chosen file uses that name: dropped.
     * Kept when it is alone, or when it also holds another name the objective gives.
     */
    static List<FileMatch> withoutDefinersOfUsedNames(List<FileMatch> chosen, Keys keys, ContentIndex content, Set<String> projectNames) {
        if (keys.usedNames().isEmpty() || chosen.size() < 2) {
            return chosen;
        }
        Set<String> dropped = new HashSet<>();
        Map<String, Set<String>> receivers = new HashMap<>(); // a class handed to a call → the calls it is handed to
        java.util.regex.Matcher handed = CLASS_HANDED.matcher(keys.text());
        while (handed.find()) {
            receivers.computeIfAbsent(handed.group(2).toLowerCase(Locale.ROOT), k -> new HashSet<>()).add(handed.group(1).toLowerCase(Locale.ROOT));
        }
        for (String name : keys.usedNames()) {
            Set<String> definers = new HashSet<>();
            content.occurrences(name).stream().filter(ContentIndex.Occurrence::defined).forEach(o -> definers.add(o.path()));
            for (FileMatch c : chosen) {
                // another name in its code, not one a doc comment mentions (an exception's doc naming the reader that throws it),
                // nor the project's own (TinyDB, in every module)
                boolean otherNames = c.terms().stream().anyMatch(t -> keys.identifiers().contains(t) && !keys.usedNames().contains(t)
                        && !projectNames.contains(t)
                        && content.occurrences(t).stream().anyMatch(o -> o.path().equals(c.path()) && (o.inCode() || o.defined())));
                // or defines the call it is handed to (CachingMiddleware in `CachingMiddleware(JSONStorage)`)
                boolean usedElsewhere = chosen.stream().anyMatch(d -> !d.path().equals(c.path()) && !definers.contains(d.path())
                        && (d.terms().contains(name) || receivers.getOrDefault(name, Set.of()).stream().anyMatch(r -> content
                        .occurrences(r).stream().anyMatch(o -> o.defined() && o.path().equals(d.path())))));
                if (definers.contains(c.path()) && !otherNames && usedElsewhere) {
                    dropped.add(c.path());
                }
            }
        }
        return chosen.stream().filter(c -> !dropped.contains(c.path())).toList();
    }

    /** A package written out whole, lower-case and dotted (org.apache.commons.cli, also before .HelpFormatter): three names or more. */
    private static final java.util.regex.Pattern PACKAGE_NAME = java.util.regex.Pattern.compile(
            "(?<![\\w.])\\p{Ll}[\\p{Ll}\\d_]*(?:\\.\\p{Ll}[\\p{Ll}\\d_]*){2,}(?!\\w)");

    /** The packages the objective writes out whole, as directory paths (org.apache.commons.cli → org/apache/commons/cli). */
    static Set<String> packagePaths(String objective) {
        Set<String> paths = new LinkedHashSet<>();
        java.util.regex.Matcher m = PACKAGE_NAME.matcher(objective);
        while (m.find()) {
            paths.add(m.group().replace('.', '/'));
        }
        return paths;
    }

    /**
     * Of chosen files sharing a name (two HelpFormatter.java), the one in a package the objective writes out whole: the
     * qualifier says which of them it means. Unchanged when the objective names no package, or none of them is in it.
     */
    static List<FileMatch> inNamedPackage(List<FileMatch> chosen, Set<String> packagePaths) {
        if (packagePaths.isEmpty()) {
            return chosen;
        }
        Map<String, List<FileMatch>> byName = new HashMap<>();
        chosen.forEach(c -> byName.computeIfAbsent(c.path().substring(c.path().lastIndexOf('/') + 1), k -> new ArrayList<>()).add(c));
        Set<String> dropped = new HashSet<>();
        for (List<FileMatch> same : byName.values()) {
            if (same.size() < 2) {
                continue;
            }
            List<FileMatch> inPackage = same.stream().filter(c -> {
                String parent = SourceGraph.parent(c.path());
                return packagePaths.stream().anyMatch(p -> parent.equals(p) || parent.endsWith("/" + p));
            }).toList();
            if (!inPackage.isEmpty()) {
                same.stream().filter(c -> !inPackage.contains(c)).forEach(c -> dropped.add(c.path()));
            }
        }
        return chosen.stream().filter(c -> !dropped.contains(c.path())).toList();
    }

    /**
     * Of chosen classes sharing a name (two EmailValidator.java), one the project marks {@code @Deprecated} whole ("use the
     * new EmailValidator in the routines package") is kept for compatibility, not changed: the other is where the work is.
     * Unchanged when every one of them is deprecated, or none.
     */
    static List<FileMatch> withoutDeprecatedTwins(List<FileMatch> chosen, WorkspaceFacts facts) {
        Map<String, List<FileMatch>> byName = new HashMap<>();
        chosen.stream().filter(c -> JVM_SOURCE.matcher(c.path()).find())
                .forEach(c -> byName.computeIfAbsent(c.path().substring(c.path().lastIndexOf('/') + 1), k -> new ArrayList<>()).add(c));
        Set<String> dropped = new HashSet<>();
        for (Map.Entry<String, List<FileMatch>> same : byName.entrySet()) {
            if (same.getValue().size() < 2) {
                continue;
            }
            String name = same.getKey().substring(0, same.getKey().lastIndexOf('.'));
            java.util.regex.Pattern deprecatedClass = java.util.regex.Pattern.compile("(?m)^@(?:java\\.lang\\.|kotlin\\.)?Deprecated\\b"
                    + "(?:\\([^)]*\\))?\\s*(?:@\\w+(?:\\([^)]*\\))?\\s*)*(?:(?:public|final|abstract|open|data)\\s+)*"
                    + "(?:class|interface|enum|record|object)\\s+" + java.util.regex.Pattern.quote(name) + "\\b");
            List<FileMatch> deprecated = same.getValue().stream()
                    .filter(c -> deprecatedClass.matcher(ManifestFile.read(facts.root(), c.path())).find()).toList();
            if (!deprecated.isEmpty() && deprecated.size() < same.getValue().size()) {
                deprecated.forEach(c -> dropped.add(c.path()));
            }
        }
        return dropped.isEmpty() ? chosen : chosen.stream().filter(c -> !dropped.contains(c.path())).toList();
    }

    /**
     * Paths named with this stem; for a word of the objective that names no path itself, the paths named after its doer
     * ("encoding" → encoder.go, "scan" → scanner.py, "parse" → parser.js): the objective says what the code does, the
     * project names the code after what does it.
     */
    static List<String> namedPaths(NameIndex names, String stem, boolean direct) {
        List<String> named = names.pathsWithStem(stem);
        if (!named.isEmpty() || !direct || stem.length() < 4 || stem.endsWith("er")) {
            return named;
        }
        List<String> doers = new ArrayList<>(names.pathsWithStem(stem + "er"));
        names.pathsWithStem(stem + stem.charAt(stem.length() - 1) + "er").forEach(doers::add);
        return doers;
    }

    /** A compiled accelerator's source beside a Python package's modules (simplejson/_speedups.c). */
    private static final java.util.regex.Pattern NATIVE_SOURCE = java.util.regex.Pattern.compile("\\.(?:c|h|cc|cpp|pyx)$");
    /** Words by which an objective speaks of the compiled side itself. */
    private static final java.util.regex.Pattern ABOUT_NATIVE = java.util.regex.Pattern.compile(
            "(?i)\\b(?:C|C\\+\\+|Cython|speedups?|accelerat\\w*|extension|native|compiled|segfaults?|refcount\\w*|memory leak)\\b");

    /**
     * A C file of a Python package (simplejson/_speedups.c) only accelerates what its Python modules define, and runs only
     * when it was compiled: the Python module holding the objective's words is the place the behaviour is written and the
     * one the tests see here. The C file stays when the objective speaks of it (C, the extension, speedups) or no Python
     * module beside it holds the objective's words.
     */
    static List<FileMatch> towardsPythonModule(List<FileMatch> chosen, Keys keys, WorkspaceFacts facts,
                                               java.util.function.Predicate<String> candidate, Map<String, Double> scores,
                                               Map<String, Set<String>> terms) {
        if (chosen.stream().noneMatch(c -> NATIVE_SOURCE.matcher(c.path()).find()) || ABOUT_NATIVE.matcher(keys.text()).find()) {
            return chosen;
        }
        List<FileMatch> result = new ArrayList<>();
        Set<String> kept = new HashSet<>();
        for (FileMatch c : chosen) {
            if (!NATIVE_SOURCE.matcher(c.path()).find()) {
                if (kept.add(c.path())) {
                    result.add(c);
                }
                continue;
            }
            String folder = SourceGraph.parent(c.path());
            Set<String> words = terms.getOrDefault(c.path(), Set.of());
            String extension = c.path().substring(c.path().lastIndexOf('/') + 1).replaceFirst("\\.\\w+$", "");
            java.util.regex.Pattern importsIt = java.util.regex.Pattern.compile("(?m)^\\s*(?:from\\s+\\S*(?<![\\w])"
                    + java.util.regex.Pattern.quote(extension) + "\\s+import|import\\s+(?:\\S*\\.)?" + java.util.regex.Pattern.quote(extension)
                    + "\\b|from\\s+\\S+\\s+import\\s+" + java.util.regex.Pattern.quote(extension) + "\\b)");
            // the modules importing the compiled one are those it stands in for; of them, the one sharing most of its words
            String module = scores.entrySet().stream()
                    .filter(e -> e.getKey().endsWith(".py") && SourceGraph.parent(e.getKey()).equals(folder) && candidate.test(e.getKey())
                            && terms.getOrDefault(e.getKey(), Set.of()).stream().anyMatch(words::contains)
                            && importsIt.matcher(ManifestFile.read(facts.root(), e.getKey())).find())
                    // the package's __init__.py imports it to re-export or toggle it: a module doing the work comes first
                    .max(Comparator.<Map.Entry<String, Double>, Boolean>comparing(e -> !e.getKey().endsWith("/__init__.py"))
                            .thenComparingLong(e -> terms.getOrDefault(e.getKey(), Set.of()).stream().filter(words::contains).count())
                            .thenComparing(Map.Entry::getValue))
                    .map(Map.Entry::getKey).orElse(null);
            if (module == null) {
                if (kept.add(c.path())) {
                    result.add(c);
                }
            } else if (kept.add(module)) {
                result.add(chosen.stream().filter(o -> o.path().equals(module)).findFirst().orElse(new FileMatch(module,
                        scores.get(module), new ArrayList<>(terms.getOrDefault(module, Set.of())),
                        evidence(facts, module, keys, Set.of()), List.of())));
            }
        }
        return result;
    }

    /** A language or locale the objective passes in code ({@code lang='en'}, {@code locale: "de"}); group 1 the code. */
    private static final java.util.regex.Pattern LOCALE_ARGUMENT = java.util.regex.Pattern.compile(
            "\\b(?:lang|language|locale)\\s*[=:]\\s*['\"]([A-Za-z]{2,3}(?:[_-][A-Za-z]{2,4})?)['\"]");

    /**
     * A call the objective writes with a language ({@code num2words(1905, lang='en', to='year')}) reaches the code of
     * that language: a project keeping one module per language (lang_EN.py, locale/en.js) does the work there, and the
     * entry point the call names only dispatches to it. Unchanged without such an argument, or when no single code file
     * is named after that language.
     */
    static List<FileMatch> towardsLocaleModule(List<FileMatch> chosen, Keys keys, WorkspaceFacts facts,
                                               java.util.function.Predicate<String> candidate, Map<String, Double> scores,
                                               Map<String, Set<String>> terms, Set<String> projectNames) {
        java.util.regex.Matcher argument = LOCALE_ARGUMENT.matcher(keys.text());
        if (chosen.isEmpty() || !argument.find()) {
            return chosen;
        }
        String code = argument.group(1).toLowerCase(Locale.ROOT).replace('-', '_');
        java.util.regex.Pattern namedAfter = java.util.regex.Pattern.compile("(?:^|[_-])" + java.util.regex.Pattern.quote(code) + "$");
        List<String> modules = codeFilesNamed(facts, candidate, path -> namedAfter.matcher(path.substring(path.lastIndexOf('/') + 1)
                .replaceFirst("\\.\\w+$", "").toLowerCase(Locale.ROOT).replace('-', '_')).find()).toList();
        if (modules.size() != 1 || chosen.size() == 1 && chosen.get(0).path().equals(modules.get(0))) {
            return chosen;
        }
        String path = modules.get(0);
        return alone(path, chosen, scores, terms, evidence(facts, path, keys, projectNames));
    }

    /** {@code JSON5.stringify}, {@code qs.parse}: a qualified name; group 1 the qualifier, group 2 the member. */
    private static final java.util.regex.Pattern QUALIFIED_MEMBER = java.util.regex.Pattern.compile(
            "(?<![\\p{L}\\p{N}_$.])([\\p{L}_$][\\p{L}\\p{N}_$]*)\\.([\\p{L}_$][\\p{L}\\p{N}_$]*)(?![\\p{L}\\p{N}_$]|\\.[\\p{L}_$])");

    /**
     * A function the objective calls through the project's own name ({@code JSON5.stringify}, {@code qs.parse}) that one
     * module of the project is named after and defines (lib/stringify.js) is written there: the modules sharing the
     * objective's other words (the parser's escaping, the command line) are not part of it. Unchanged when no such module
     * or several, or when it holds none of the objective's words.
     */
    static List<FileMatch> towardsProjectMemberModule(List<FileMatch> chosen, Keys keys, WorkspaceFacts facts,
                                                      java.util.function.Predicate<String> candidate, Map<String, Double> scores,
                                                      Map<String, Set<String>> terms, Set<String> projectNames) {
        if (chosen.isEmpty()) {
            return chosen;
        }
        Set<String> modules = new LinkedHashSet<>();
        java.util.regex.Matcher m = QUALIFIED_MEMBER.matcher(keys.text());
        while (m.find()) {
            String member = m.group(2);
            if (!projectNames.contains(ObjectiveTerms.stem(m.group(1).toLowerCase(Locale.ROOT))) || member.length() < 3) {
                continue;
            }
            codeFilesNamed(facts, candidate, path -> path.substring(path.lastIndexOf('/') + 1).replaceFirst("\\.\\w+$", "").equals(member))
                    .filter(path -> !declarations(path) && scores.containsKey(path) && declaresFunction(facts.root(), path, member))
                    .forEach(modules::add);
        }
        // the call fails with a message (`minify(…)` "fails with "Invalid syntax: 0x2_a"") the first file writes and the
        // member's module does not: the member is only the way in, the message's writer is where it fails
        List<String> labels = messageLabels(keys.text());
        String first = chosen.get(0).path();
        if (!labels.isEmpty() && modules.stream().noneMatch(first::equals) && holdsAny(facts, first, labels)
                && modules.stream().noneMatch(module -> holdsAny(facts, module, labels))) {
            return chosen;
        }
        return aloneAt(modules, chosen, keys, facts, scores, terms, projectNames);
    }

    /** A quoted message's label, the words before its colon and value ("Invalid syntax: 0x2_a" → "Invalid syntax"). */
    private static final java.util.regex.Pattern MESSAGE_LABEL = java.util.regex.Pattern.compile(
            "[\"`]((?:\\p{L}+ )+\\p{L}+): [^\"`\\n]+[\"`]");

    static List<String> messageLabels(String objective) {
        List<String> labels = new ArrayList<>();
        java.util.regex.Matcher m = MESSAGE_LABEL.matcher(objective);
        while (m.find()) {
            labels.add(m.group(1));
        }
        return labels;
    }

    private static boolean holdsAny(WorkspaceFacts facts, String path, List<String> texts) {
        byte[] bytes = ContentIndex.read(facts.root().resolve(path));
        String text = bytes == null ? "" : new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        return texts.stream().anyMatch(text::contains);
    }

    /**
     * {@code format.errors(…)}: of two chosen code files named after the qualifier (format.js) and the member (errors.js),
     * the member's is the change; the qualifier's, never naming the member in its code, is only the namespace it is
     * reached through.
     */
    static List<FileMatch> withoutQualifierModules(List<FileMatch> chosen, Keys keys, WorkspaceFacts facts) {
        if (chosen.size() < 2) {
            return chosen;
        }
        java.util.function.Function<String, String> base = path -> path.substring(path.lastIndexOf('/') + 1).replaceFirst("\\.\\w+$", "");
        Set<String> namespaces = new HashSet<>();
        java.util.regex.Matcher m = QUALIFIED_MEMBER.matcher(keys.text());
        while (m.find()) {
            String qualifier = m.group(1);
            String member = m.group(2);
            if (member.length() < 3 || qualifier.equals(member)
                    || chosen.stream().noneMatch(c -> code(c.path(), facts.content()) && base.apply(c.path()).equals(member))) {
                continue;
            }
            java.util.regex.Pattern named = java.util.regex.Pattern.compile("(?<![\\w$])" + java.util.regex.Pattern.quote(member) + "(?![\\w$])");
            chosen.stream().filter(c -> code(c.path(), facts.content()) && base.apply(c.path()).equals(qualifier))
                    .filter(c -> !named.matcher(JavaCallees.withoutComments(ManifestFile.read(facts.root(), c.path()))).find())
                    .forEach(c -> namespaces.add(c.path()));
        }
        if (namespaces.isEmpty()) {
            return chosen;
        }
        List<FileMatch> kept = new ArrayList<>(chosen);
        kept.removeIf(c -> namespaces.contains(c.path()));
        return kept;
    }

    /** {@code dns.ipv6.inet_ntoa}: a dotted Python name, module path first. */
    private static final java.util.regex.Pattern DOTTED_NAME = java.util.regex.Pattern.compile(
            "(?<![\\p{L}\\p{N}_.])([a-z_][a-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)+)");

    /**
     * {@code dns.ipv6.inet_ntoa(…)}: a dotted name whose leading parts spell a chosen Python module's path (dns/ipv6.py)
     * names that module; another chosen module merely defining the same function (dns/ipv4.py's inet_ntoa) is not it.
     * Unchanged when no chosen module is so named.
     */
    static List<FileMatch> withinDottedModules(List<FileMatch> chosen, Keys keys) {
        if (chosen.size() < 2) {
            return chosen;
        }
        Set<String> named = new HashSet<>();
        java.util.regex.Matcher m = DOTTED_NAME.matcher(keys.text());
        while (m.find()) {
            String[] parts = m.group(1).split("\\.");
            for (int end = parts.length; end >= 2; end--) {
                String path = String.join("/", java.util.Arrays.copyOf(parts, end));
                for (FileMatch c : chosen) {
                    if (c.path().equals(path + ".py") || c.path().endsWith("/" + path + ".py")
                            || c.path().equals(path + "/__init__.py") || c.path().endsWith("/" + path + "/__init__.py")) {
                        named.add(c.path());
                    }
                }
            }
        }
        if (named.isEmpty()) {
            return chosen;
        }
        List<FileMatch> kept = new ArrayList<>(chosen);
        kept.removeIf(c -> c.path().endsWith(".py") && !named.contains(c.path()));
        return kept;
    }

    /** "parse: make …", "fix(parser): …": an objective led by the scope of a commit message; group 1 the scope. */
    private static final java.util.regex.Pattern SCOPE_LABEL = java.util.regex.Pattern.compile(
            "^\\s*(?:[a-z]+\\(([\\p{L}\\p{N}_./-]+)\\)!?|([\\p{L}\\p{N}_./-]+)):\\s");

    /**
     * An objective led by a scope the way commit messages are ("parse: make the arrayLimit boundary …") says which part it
     * is about: of the chosen files, those named after the scope (lib/parse.js) or under a folder so named are the
     * change; the others share its words only. Unchanged when none of the chosen files is so named.
     */
    static List<FileMatch> withinScopeLabel(List<FileMatch> chosen, Keys keys) {
        java.util.regex.Matcher label = SCOPE_LABEL.matcher(keys.text());
        if (chosen.size() < 2 || !label.find()) {
            return chosen;
        }
        String scope = (label.group(1) != null ? label.group(1) : label.group(2)).toLowerCase(Locale.ROOT);
        List<FileMatch> named = chosen.stream().filter(c -> {
            String path = c.path().toLowerCase(Locale.ROOT);
            String base = path.substring(path.lastIndexOf('/') + 1).replaceFirst("\\.\\w+$", "");
            return base.equals(scope) || path.startsWith(scope + "/") || path.contains("/" + scope + "/") || path.endsWith(scope);
        }).toList();
        return named.isEmpty() ? chosen : new ArrayList<>(named);
    }

    /** "Jaro-Winkler", "day-of-week": words joined by hyphens into one name; group 1 the name. */
    /** The docs cited as what the code should do: "the docs say", "as documented", "according to the README". */
    private static final java.util.regex.Pattern CITED_DOCS = java.util.regex.Pattern.compile(
            "(?i)\\b(?:the\\s+)?(?:docs|documentation|readme|guide)\\s+(?:says?|states?|claims?|promises?|describes?|shows?)\\b"
            + "|\\bas\\s+documented\\b|\\b(?:according\\s+to|per)\\s+the\\s+(?:docs|documentation|readme|guide)\\b");

    /** {@code @supports}, {@code @media}, {@code @keyframes}: an at-rule or a decorator; group 1 its name. */
    private static final java.util.regex.Pattern AT_NAME = java.util.regex.Pattern.compile(
            "(?<![\\p{L}\\p{N}_@.$/])@(\\p{Ll}[\\p{Ll}\\p{N}_-]{2,})(?![\\p{L}\\p{N}_.])");

    /**
     * An at-rule or decorator the objective writes ({@code @supports}) that one code file outside the JVM is named after
     * (lib/supports.js) is handled there, as surely as a name: the files sharing the objective's other words (the
     * prefixer, the processor running every rule) are not part of the change. On the JVM a file so named is an
     * annotation's declaration, not where it is processed.
     */
    static List<FileMatch> towardsAtRuleFile(List<FileMatch> chosen, Keys keys, WorkspaceFacts facts,
                                             java.util.function.Predicate<String> candidate, Map<String, Double> scores,
                                             Map<String, Set<String>> terms, Set<String> projectNames) {
        if (chosen.isEmpty()) {
            return chosen;
        }
        Set<String> named = new LinkedHashSet<>();
        java.util.regex.Matcher m = AT_NAME.matcher(keys.text());
        while (m.find()) {
            String joined = m.group(1).replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
            if (projectNames.contains(ObjectiveTerms.stem(joined))) {
                continue;
            }
            codeFilesNamed(facts, candidate, path -> !JVM_SOURCE.matcher(path).find() && joinedBaseName(path).equals(joined))
                    .filter(scores::containsKey).forEach(named::add);
        }
        return aloneAt(named, chosen, keys, facts, scores, terms, projectNames);
    }

    /** Text in double quotes, on one line. */
    private static final java.util.regex.Pattern QUOTED_TEXT = java.util.regex.Pattern.compile("\"[^\"\\n]*\"");
    private static final java.util.regex.Pattern HYPHENATED_NAME = java.util.regex.Pattern.compile(
            "(?<![\\p{L}\\p{N}_$./-])(\\p{L}[\\p{L}\\p{N}]*(?:-\\p{L}[\\p{L}\\p{N}]*)+)(?![\\p{L}\\p{N}_$/-])");

    /**
     * A name the objective writes with hyphens that one code file is named after ("Jaro-Winkler similarity" →
     * JaroWinkler.java) is what it is about, as surely as the class name: the files sharing its other words (the other
     * similarity measures) are not part of the change. Unchanged when no file or several are so named, or the file holds
     * none of the objective's words.
     */
    static List<FileMatch> towardsHyphenatedName(List<FileMatch> chosen, Keys keys, WorkspaceFacts facts,
                                                 java.util.function.Predicate<String> candidate, Map<String, Double> scores,
                                                 Map<String, Set<String>> terms, Set<String> projectNames) {
        if (chosen.isEmpty()) {
            return chosen;
        }
        Set<String> named = new LinkedHashSet<>();
        // not inside a message the objective quotes ("#f0c is not a hex-color"): that is text the code writes, no file's name
        java.util.regex.Matcher m = HYPHENATED_NAME.matcher(QUOTED_TEXT.matcher(CODE_SPAN.matcher(keys.text()).replaceAll(" ")).replaceAll(" "));
        while (m.find()) {
            String joined = m.group(1).replace("-", "").toLowerCase(Locale.ROOT);
            if (projectNames.contains(ObjectiveTerms.stem(joined))) {
                continue;
            }
            codeFilesNamed(facts, candidate, path -> joinedBaseName(path).equals(joined)).filter(scores::containsKey).forEach(named::add);
        }
        return aloneAt(named, chosen, keys, facts, scores, terms, projectNames);
    }

    /**
     * The one ranked code file a name of the objective points at, alone: the chosen files as they were when it points at
     * none or several, or the choice is that file already.
     */
    private static List<FileMatch> aloneAt(Set<String> pointed, List<FileMatch> chosen, Keys keys, WorkspaceFacts facts,
                                           Map<String, Double> scores, Map<String, Set<String>> terms, Set<String> projectNames) {
        if (pointed.size() != 1 || chosen.size() == 1 && chosen.get(0).path().equals(pointed.iterator().next())) {
            return chosen;
        }
        String path = pointed.iterator().next();
        return new ArrayList<>(List.of(chosen.stream().filter(c -> c.path().equals(path)).findFirst().orElse(new FileMatch(path,
                scores.get(path), new ArrayList<>(terms.getOrDefault(path, Set.of())), evidence(facts, path, keys, projectNames)))));
    }

    /** The project's code files (not tests) the planner may change whose path {@code named} accepts, in path order. */
    private static java.util.stream.Stream<String> codeFilesNamed(WorkspaceFacts facts, java.util.function.Predicate<String> candidate,
                                                                  java.util.function.Predicate<String> named) {
        return facts.sortedFiles().stream().filter(path -> named.test(path) && candidate.test(path) && candidate(path)
                && code(path, facts.content()) && !TestPaths.isTestPath(path));
    }

    /**
     * Of the chosen files, the one defining the function the objective writes in code ({@code `normalize_hex` does not
     * expand …}) is where it changes; a chosen file that only calls it (hex_to_rgb's module, named in passing as what
     * then goes wrong) uses it. Unchanged when several chosen files define a name written in code, or none does.
     */
    static List<FileMatch> towardsCodeWrittenDefiner(List<FileMatch> chosen, Keys keys, WorkspaceFacts facts) {
        if (chosen.size() < 2) {
            return chosen;
        }
        Set<String> asCode = new LinkedHashSet<>();
        java.util.regex.Matcher span = PLAIN_NAME_SPAN.matcher(keys.text());
        while (span.find()) {
            if (ContentIndex.isIdentifierLike(span.group(1))) {
                asCode.add(span.group(1));
            }
        }
        if (asCode.isEmpty()) {
            return chosen;
        }
        List<FileMatch> definers = chosen.stream()
                .filter(c -> asCode.stream().anyMatch(name -> declaresFunction(facts.root(), c.path(), name))).toList();
        if (definers.size() != 1) {
            return chosen;
        }
        String definer = definers.get(0).path();
        boolean othersCall = chosen.stream().filter(c -> !c.path().equals(definer)).allMatch(c -> {
            String text = ManifestFile.read(facts.root(), c.path());
            return asCode.stream().anyMatch(name -> java.util.regex.Pattern.compile("(?<![\\p{L}\\p{N}_$])"
                    + java.util.regex.Pattern.quote(name) + "\\s*\\(").matcher(text).find());
        });
        return othersCall ? new ArrayList<>(definers) : chosen;
    }

    /** An entry module's names (src/index.js, deno/mod.js): twins of each other across folders. */
    private static final Set<String> ENTRY_NAMES = Set.of("index", "mod", "main");

    /**
     * Of chosen JavaScript files that are one module in two folders (src/utils.js and deno/utils.js, src/index.js and
     * deno/mod.js: a copy kept by hand for another runtime), the one the project's tests reach is the code its checks see;
     * a twin no test reaches changes only when the objective names its folder ("the Deno port"). Unchanged when no twin,
     * or every one of them, is reached.
     */
    static List<FileMatch> withoutUntestedTwins(List<FileMatch> chosen, Keys keys, WorkspaceFacts facts) {
        Map<String, List<FileMatch>> byModule = new HashMap<>();
        for (FileMatch c : chosen) {
            if ("js".equals(SourceGraph.language(c.path()))) {
                String base = c.path().substring(c.path().lastIndexOf('/') + 1).replaceFirst("\\.\\w+$", "");
                byModule.computeIfAbsent(ENTRY_NAMES.contains(base) ? "(entry)" : base, k -> new ArrayList<>()).add(c);
            }
        }
        if (byModule.values().stream().noneMatch(same -> same.size() > 1)) {
            return chosen;
        }
        List<String> tests = facts.names().testFiles();
        String text = keys.text().toLowerCase(Locale.ROOT);
        Set<String> dropped = new HashSet<>();
        for (List<FileMatch> same : byModule.values()) {
            if (same.size() < 2 || same.stream().map(c -> SourceGraph.parent(c.path())).distinct().count() < same.size()) {
                continue;
            }
            List<FileMatch> reached = same.stream()
                    .filter(c -> tests.stream().anyMatch(t -> facts.graph().reaches(t, c.path()))).toList();
            if (reached.isEmpty() || reached.size() == same.size()) {
                continue;
            }
            same.stream().filter(c -> !reached.contains(c)).filter(c -> {
                String folder = SourceGraph.parent(c.path());
                String name = folder.substring(folder.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
                return name.isEmpty() || !java.util.regex.Pattern.compile("\\b" + java.util.regex.Pattern.quote(name) + "\\b").matcher(text).find();
            }).forEach(c -> dropped.add(c.path()));
        }
        return dropped.isEmpty() ? chosen : chosen.stream().filter(c -> !dropped.contains(c.path())).toList();
    }

    /** {@code `median`}, {@code `median([1, 2])`}: a code span that is one plain name, called or not; group 1 the name. */
    private static final java.util.regex.Pattern PLAIN_NAME_SPAN = java.util.regex.Pattern.compile("`([\\p{L}_][\\p{L}\\p{N}_]{2,})(?:\\([^`]*\\))?`");
    /** Files holding a registered name's word that are read to find its entry: few, or the word is too common to say. */
    private static final int MAX_REGISTRY_READS = 20;

    /**
     * A name registered under a string key: a table entry's name field ({@code Name: "median"}), a map key bound to code
     * ({@code "median": medianFn}), or a registering call ({@code register("median", fn)}).
     */
    static java.util.regex.Pattern registryEntry(String name) {
        String quoted = "[\"']" + java.util.regex.Pattern.quote(name) + "[\"']";
        return java.util.regex.Pattern.compile("(?i:\\b(?:name|key|id)\\s*[:=]\\s*)" + quoted
                + "|" + quoted + "\\s*:\\s*(?![\\s\"'\\d\\[{])"
                + "|(?i:\\b\\w*(?:register|define|add|handle)\\w*\\s*\\(\\s*)" + quoted + "\\s*,");
    }

    /**
     * A function the objective names in code form that one code file registers under that very name ({@code Name:
     * "median"} in a table of built-ins, its code beside it) is what the project's users call: that entry is the place,
     * not a same-name function elsewhere ({@code func median(depth int, args ...any)}) that only gathers what the entry
     * works on. The definer gives way to the registry's file when the registry calls it (the entry reaches it, so its
     * tests reach it too); a file registering several names is no single entry's and is left alone when two hold it.
     */
    static List<FileMatch> toRegistryEntries(List<FileMatch> chosen, Keys keys, WorkspaceFacts facts,
                                             java.util.function.Predicate<String> candidate, Map<String, Double> scores,
                                             Map<String, Set<String>> terms, Set<String> projectNames) {
        if (chosen.isEmpty()) {
            return chosen;
        }
        ContentIndex content = facts.content();
        List<FileMatch> placed = new ArrayList<>(chosen);
        java.util.regex.Matcher span = PLAIN_NAME_SPAN.matcher(keys.text());
        while (span.find()) {
            String name = span.group(1);
            String key = ClassMembers.indexKey(name);
            List<ContentIndex.Occurrence> holders = content.occurrences(key).stream()
                    .filter(o -> code(o.path(), content) && candidate.test(o.path()) && !TestPaths.isTestPath(o.path())).toList();
            Set<String> definers = new HashSet<>();
            holders.stream().filter(ContentIndex.Occurrence::defined).forEach(o -> definers.add(o.path()));
            if (holders.size() > MAX_REGISTRY_READS || definers.isEmpty()
                    || placed.stream().noneMatch(c -> definers.contains(c.path()))) {
                continue;
            }
            // a class with a file of its own (ConditionalRuleGroup.java) is the place; a factory's `case "ConditionalRuleGroup":`
            // only builds it by that name
            if (definers.stream().anyMatch(d -> d.substring(d.lastIndexOf('/') + 1).replaceFirst("\\.\\w+$", "").equals(name))) {
                continue;
            }
            java.util.regex.Pattern entry = registryEntry(name);
            java.util.regex.Pattern call = java.util.regex.Pattern.compile("(?<![\\p{L}\\p{N}_$.])" + java.util.regex.Pattern.quote(name) + "\\s*\\(");
            List<String> registries = holders.stream().map(ContentIndex.Occurrence::path).distinct()
                    .filter(p -> entry.matcher(ManifestFile.read(facts.root(), p)).find()).limit(2).toList();
            if (registries.size() != 1 || definers.contains(registries.get(0))
                    || placed.stream().anyMatch(c -> c.path().equals(registries.get(0)))) {
                continue;
            }
            String registry = registries.get(0);
            if (placeWeight(registry) < 1 && !namesSecondaryDirectory(registry, keys)) {
                continue; // a benchmark's or an example's table of cases names what it runs: it registers nothing users call
            }
            String text = ManifestFile.read(facts.root(), registry);
            if (!call.matcher(text).find()) {
                continue; // the entry does not reach the function: two things of one name
            }
            java.util.regex.Matcher at = entry.matcher(text);
            at.find();
            int lineStart = text.lastIndexOf('\n', at.start()) + 1;
            int lineEnd = text.indexOf('\n', at.start());
            String evidence = registry + ":" + (text.substring(0, lineStart).chars().filter(ch -> ch == '\n').count() + 1) + " "
                    + text.substring(lineStart, lineEnd < 0 ? text.length() : lineEnd).strip();
            for (int i = 0; i < placed.size(); i++) {
                FileMatch c = placed.get(i);
                if (definers.contains(c.path())) {
                    placed.set(i, new FileMatch(registry, Math.max(c.score(), scores.getOrDefault(registry, 0.0)),
                            new ArrayList<>(terms.getOrDefault(registry, Set.of(key))), evidence));
                    break;
                }
            }
            placed.removeIf(c -> definers.contains(c.path()));
        }
        return placed.equals(chosen) ? chosen : new ArrayList<>(placed.stream().distinct().toList());
    }

    private static final java.util.regex.Pattern JVM_SOURCE = java.util.regex.Pattern.compile("\\.(?:java|kt)$");

    /** {@code expirable.NewLRU}, {@code lru.Cache} in a code span: a Go package's name (group 1), then a name it exports (group 2). */
    private static final java.util.regex.Pattern GO_QUALIFIED = java.util.regex.Pattern.compile(
            "(?<![\\w.])(\\p{Ll}[\\p{Ll}\\d_]*)\\.(\\p{Lu}\\w*)");
    private static final java.util.regex.Pattern GO_IDENTIFIER = java.util.regex.Pattern.compile("[A-Za-z_]\\w*");
    private static final java.util.regex.Pattern GO_PACKAGE_CLAUSE = java.util.regex.Pattern.compile("(?m)^package\\s+(\\w+)");

    /**
     * A Go name the objective qualifies with its package ({@code expirable.NewLRU}, {@code lru.Cache}) says which package
     * the change is in, whatever other packages declare the same name or share the objective's words: the file of that
     * package declaring the name is the place, and Go files of other packages stay only when that package imports them
     * (the root cache wrapping simplelru's list), not for a namesake (simplelru.NewLRU) or shared words. Unchanged when no
     * qualifier is a package of the workspace.
     */
    static List<FileMatch> inQualifyingGoPackage(List<FileMatch> chosen, Keys keys, WorkspaceFacts facts, Map<String, Double> scores,
                                                 Map<String, Set<String>> terms, Set<String> projectNames) {
        Map<String, Set<String>> namesByQualifier = new java.util.LinkedHashMap<>();
        java.util.regex.Matcher span = CODE_SPAN_TEXT.matcher(keys.text());
        while (span.find()) {
            java.util.regex.Matcher q = GO_QUALIFIED.matcher(span.group(1));
            while (q.find()) {
                namesByQualifier.computeIfAbsent(q.group(1), k -> new LinkedHashSet<>()).add(q.group(2));
            }
        }
        if (namesByQualifier.isEmpty() || facts.scan().files().stream().noneMatch(f -> f.endsWith(".go"))) {
            return chosen;
        }
        Set<String> moduleRoots = new HashSet<>();
        facts.scan().files().stream().filter(f -> f.equals("go.mod") || f.endsWith("/go.mod"))
                .forEach(f -> moduleRoots.add(SourceGraph.parent(f)));
        Set<String> packageDirs = new LinkedHashSet<>();
        List<String> homes = new ArrayList<>();
        for (Map.Entry<String, Set<String>> q : namesByQualifier.entrySet()) {
            // a package's name is its directory's, or a module root's own (package lru at the root of golang-lru)
            Map<String, List<String>> filesByDir = new java.util.LinkedHashMap<>();
            for (String f : facts.scan().files()) {
                String dir = SourceGraph.parent(f);
                if (f.endsWith(".go") && !f.endsWith("_test.go")
                        && (dir.equals(q.getKey()) || dir.endsWith("/" + q.getKey()) || moduleRoots.contains(dir))) {
                    java.util.regex.Matcher clause = GO_PACKAGE_CLAUSE.matcher(ManifestFile.read(facts.root(), f));
                    if (clause.find() && clause.group(1).equals(q.getKey())) {
                        filesByDir.computeIfAbsent(dir, k -> new ArrayList<>()).add(f);
                    }
                }
            }
            if (filesByDir.size() != 1) {
                continue; // no such package here (`strings.Contains`), or two of that name: the qualifier does not say which
            }
            Map.Entry<String, List<String>> pkg = filesByDir.entrySet().iterator().next();
            packageDirs.add(pkg.getKey());
            for (String name : q.getValue()) {
                java.util.regex.Pattern declaration = java.util.regex.Pattern.compile("(?m)^(?:func(?:\\s*\\([^)]*\\))?|type|var|const)\\s+"
                        + java.util.regex.Pattern.quote(name) + "\\b");
                pkg.getValue().stream().sorted().filter(f -> declaration.matcher(ManifestFile.read(facts.root(), f)).find())
                        .findFirst().filter(f -> !homes.contains(f)).ifPresent(homes::add);
            }
        }
        if (packageDirs.isEmpty()) {
            return chosen;
        }
        Set<String> allowed = new HashSet<>(packageDirs);
        for (String f : facts.scan().files()) {
            if (f.endsWith(".go") && !f.endsWith("_test.go") && packageDirs.contains(SourceGraph.parent(f))) {
                facts.graph().importsOf(f).forEach(imported -> allowed.add(SourceGraph.parent(imported)));
            }
        }
        java.util.function.Predicate<String> otherPackage = p -> p.endsWith(".go") && !p.endsWith("_test.go")
                && !allowed.contains(SourceGraph.parent(p));
        if (homes.isEmpty() && chosen.stream().noneMatch(c -> c.path().endsWith(".go") && !otherPackage.test(c.path()))) {
            return chosen; // nothing of the named package to put in their place
        }
        List<FileMatch> placed = new ArrayList<>();
        double best = chosen.stream().mapToDouble(FileMatch::score).max().orElse(1);
        for (String home : homes) {
            if (chosen.stream().noneMatch(c -> c.path().equals(home))) {
                placed.add(new FileMatch(home, Math.max(best, scores.getOrDefault(home, 0.0)),
                        new ArrayList<>(terms.getOrDefault(home, Set.of())), evidence(facts, home, keys, projectNames)));
            }
        }
        // beside the file declaring the qualified name, another file of its package declaring nothing the objective
        // names in code (bigbytes.go's BigBytes for `humanize.Bytes`) only shares its words
        Set<String> codeNames = new HashSet<>();
        java.util.regex.Matcher code = CODE_SPAN_TEXT.matcher(keys.text());
        while (code.find()) {
            java.util.regex.Matcher word = GO_IDENTIFIER.matcher(code.group(1));
            while (word.find()) {
                codeNames.add(word.group());
            }
        }
        java.util.function.Predicate<String> declaresNoName = p -> !homes.isEmpty() && !homes.contains(p) && p.endsWith(".go")
                && !p.endsWith("_test.go") && packageDirs.contains(SourceGraph.parent(p))
                && codeNames.stream().noneMatch(n -> java.util.regex.Pattern.compile("(?m)^(?:func(?:\\s*\\([^)]*\\))?|type|var|const)\\s+"
                        + java.util.regex.Pattern.quote(n) + "\\b").matcher(ManifestFile.read(facts.root(), p)).find());
        chosen.stream().filter(c -> !otherPackage.test(c.path()) && !declaresNoName.test(c.path())).forEach(placed::add);
        return placed.size() > MAX_FILES ? placed.subList(0, MAX_FILES) : placed;
    }

    // compiled once, not per objective or path (issue 15): each was a String.matches/replaceAll/split per call
    private static final java.util.regex.Pattern PATH_WORD_SEPARATOR = java.util.regex.Pattern.compile("[/`]");
    private static final java.util.regex.Pattern EXTENSION = java.util.regex.Pattern.compile("\\.[A-Za-z0-9]{1,5}$");
    private static final java.util.regex.Pattern PATH_WORD = java.util.regex.Pattern.compile("[\\p{L}\\p{N}_-]{3,}");
    private static final java.util.regex.Pattern ANY_CODE_SPAN = java.util.regex.Pattern.compile("`[^`]*`");
    private static final java.util.regex.Pattern CODE_SPAN_TEXT = java.util.regex.Pattern.compile("`([^`]+)`");
    private static final java.util.regex.Pattern TS_MODULE = java.util.regex.Pattern.compile(".*\\.[cm]?ts");
    /** Two plain words side by side, nothing between them but spaces; group 1 and group 2 (looked ahead: pairs overlap). */
    private static final java.util.regex.Pattern ADJACENT_WORDS = java.util.regex.Pattern.compile(
            "(?<![\\p{L}\\p{N}_$'.-])(\\p{L}{3,})[ \\t]+(?=(\\p{L}{3,})(?![\\p{L}\\p{N}_$'-]))");

    /**
     * Two adjacent content words of the objective's prose joined as code writes them as one name ("string slice" →
     * stringslice, for StringSlice or string_slice), lowercased like the index's whole identifiers. People name a type
     * or function in words; only those that a code file named after them defines become names the objective gives (see
     * locate).
     */
    static Set<String> adjacentCompounds(String objective) {
        String prose = CODE_SPAN.matcher(ObjectiveText.forMatching(objective)).replaceAll(" , ");
        Set<String> compounds = new LinkedHashSet<>();
        java.util.regex.Matcher m = ADJACENT_WORDS.matcher(prose);
        while (m.find()) {
            String first = m.group(1).toLowerCase(Locale.ROOT);
            String second = m.group(2).toLowerCase(Locale.ROOT);
            if (!ObjectiveTerms.contentWords(first).isEmpty() && !ObjectiveTerms.contentWords(second).isEmpty()) {
                compounds.add(first + second);
            }
        }
        return compounds;
    }

    /**
     * An objective writing no other name may reach one through a module or a variable ({@code `pydash.truncate`}): the
     * name, when one code file defines it (not a test, not a type stub). One many files define (`sqlparse.split`,
     * `tomlkit.parse`) says nothing of where.
     */
    static Set<String> qualifiedNames(Keys keys, WorkspaceFacts facts, java.util.function.Predicate<String> candidate) {
        Set<String> names = new LinkedHashSet<>();
        if (!keys.identifiers().isEmpty()) {
            return names;
        }
        ContentIndex content = facts.content();
        java.util.regex.Matcher m = QUALIFIED_SPAN.matcher(keys.text());
        while (m.find()) {
            String name = m.group(1);
            if (name.length() < 3 || ClassMembers.FILE_ENDINGS.contains(name.toLowerCase(Locale.ROOT))) {
                continue;
            }
            String key = ClassMembers.indexKey(name);
            Set<String> definers = new HashSet<>();
            content.occurrences(key).stream().filter(o -> o.defined() && candidate.test(o.path()) && code(o.path(), content)
                    && !TestPaths.isTestPath(o.path()) && !declarations(o.path())).forEach(o -> definers.add(o.path()));
            if (definers.size() == 1) {
                names.add(key);
            }
        }
        return names;
    }

    /**
     * Names of functions the objective spells in two adjacent prose words, in any of their forms ("days matching" →
     * daymatches for func dayMatches, lowercased like the index's whole identifiers), each declared as a function by one
     * code file only. A variable of that name (const bumpTypes) is data, not the behaviour the objective describes. None
     * when the objective writes names of its own or names a tool whose configuration the workspace has.
     */
    static Set<String> spelledNames(Keys keys, WorkspaceFacts facts, java.util.function.Predicate<String> candidate) {
        Set<String> names = new LinkedHashSet<>();
        // an objective that writes names says what it is about; one about a tool's configuration ("make eslint accept …")
        // describes the tool's rules, not a function of the code
        if (!keys.identifiers().isEmpty() || facts.sortedFiles().stream().map(ChangeLocator::toolConfiguration)
                .anyMatch(tool -> tool != null && keys.direct().contains(ObjectiveTerms.stem(tool)))) {
            return names;
        }
        ContentIndex content = facts.content();
        java.nio.file.Path root = facts.root();
        String prose = CODE_SPAN.matcher(ObjectiveText.forMatching(keys.text())).replaceAll(" , ");
        java.util.regex.Matcher m = ADJACENT_WORDS.matcher(prose);
        while (m.find()) {
            if (ObjectiveTerms.contentWords(m.group(1)).isEmpty() || ObjectiveTerms.contentWords(m.group(2)).isEmpty()) {
                continue;
            }
            for (String first : wordForms(m.group(1))) {
                for (String second : wordForms(m.group(2))) {
                    String name = first + second;
                    Set<String> definers = new HashSet<>();
                    content.occurrences(name).stream().filter(o -> o.defined() && candidate.test(o.path()) && code(o.path(), content))
                            .forEach(o -> definers.add(o.path()));
                    if (definers.size() == 1 && declaresFunction(root, definers.iterator().next(), name)) {
                        names.add(name);
                    }
                }
            }
        }
        return names;
    }

    /**
     * The one code file whose folder and base name two adjacent prose words of the objective spell, in that order
     * ("CER encoder" → codec/cer/encoder.py; "json parser" → json/parser.js), as the only place; the chosen files
     * otherwise. Only a product file (not a tool's, a test's or generated) that holds a name the objective writes, or
     * any of its words when it writes none; two or more such files say nothing.
     */
    static List<FileMatch> toSpelledPath(List<FileMatch> chosen, Keys keys, WorkspaceFacts facts,
                                         java.util.function.Predicate<String> candidate, Map<String, Double> scores,
                                         Map<String, Set<String>> terms, Set<String> projectNames) {
        ContentIndex content = facts.content();
        String prose = CODE_SPAN.matcher(ObjectiveText.forMatching(keys.text())).replaceAll(" , ");
        Set<String> spelled = new LinkedHashSet<>();
        java.util.regex.Matcher m = ADJACENT_WORDS.matcher(prose);
        while (m.find()) {
            if (ObjectiveTerms.contentWords(m.group(1)).isEmpty() || ObjectiveTerms.contentWords(m.group(2)).isEmpty()) {
                continue;
            }
            String folder = ObjectiveTerms.stem(m.group(1).toLowerCase(Locale.ROOT));
            String name = ObjectiveTerms.stem(m.group(2).toLowerCase(Locale.ROOT));
            if (GENERIC_WORDS.contains(folder) || GENERIC_WORDS.contains(name) || projectNames.contains(name)) {
                continue;
            }
            for (String path : facts.names().pathsWithStem(name)) {
                int slash = path.lastIndexOf('/');
                int before = path.lastIndexOf('/', slash - 1);
                if (slash > 0 && !facts.names().isDirectory(path) && candidate.test(path) && code(path, content)
                        && content.kind(path).editable() && placeWeight(path) == 1
                        && ObjectiveTerms.stem(SourceGraph.baseName(path)).equals(name)
                        && ObjectiveTerms.stem(path.substring(before + 1, slash).toLowerCase(Locale.ROOT)).equals(folder)) {
                    spelled.add(path);
                }
            }
        }
        if (spelled.size() != 1) {
            return chosen;
        }
        String path = spelled.iterator().next();
        if (!chosen.isEmpty() && chosen.get(0).path().equals(path)) {
            return chosen;
        }
        Set<String> found = terms.getOrDefault(path, Set.of());
        boolean holds = keys.identifiers().isEmpty() ? found.stream().anyMatch(t -> !t.startsWith("name:"))
                : found.stream().anyMatch(keys.identifiers()::contains);
        if (!holds) {
            return chosen;
        }
        return new ArrayList<>(List.of(new FileMatch(path, scores.getOrDefault(path, 0.0), new ArrayList<>(found),
                evidence(facts, path, keys, projectNames))));
    }

    /**
     * Of several chosen classes defining the method the objective names in code ({@code getTrack()} in ID3v1Tag.java and
     * AbstractID3v2Tag.java), the one whose name the objective writes as two adjacent words ("an ID3v1.0 tag", a version's
     * minor part aside) is the one it speaks of. Unchanged when none or several are so written.
     */
    /** A capitalised word written inside a sentence, after a lower-case word or an article: group 1 the word. */
    private static final java.util.regex.Pattern PROSE_CLASS = java.util.regex.Pattern.compile(
            "(?<=\\b(?:[a-z][\\p{L}']*|The|A|An)\\s)(\\p{Lu}\\p{Ll}+(?:\\p{Lu}\\p{Ll}+)*)(?![\\p{L}\\p{N}_$.(])");

    /**
     * An objective naming no code that calls a class by its name in its prose ("The Sortr transform orders keys …") is
     * about that class: when the first chosen file is the JVM class so named, the files beside it, chosen for the
     * objective's other words (the CLI command using it, other comparators), are not part of the change.
     */
    static List<FileMatch> towardsProseClass(List<FileMatch> chosen, Keys keys) {
        if (chosen.size() < 2 || !keys.identifiers().isEmpty() || !JVM_SOURCE.matcher(chosen.get(0).path()).find()) {
            return chosen;
        }
        Set<String> written = new HashSet<>();
        java.util.regex.Matcher m = PROSE_CLASS.matcher(keys.text());
        while (m.find()) {
            written.add(m.group(1));
        }
        String first = chosen.get(0).path();
        String base = first.substring(first.lastIndexOf('/') + 1).replaceFirst("\\.\\w+$", "");
        boolean othersNamed = chosen.stream().skip(1).anyMatch(c -> written.contains(
                c.path().substring(c.path().lastIndexOf('/') + 1).replaceFirst("\\.\\w+$", "")));
        return written.contains(base) && !othersNamed ? new ArrayList<>(List.of(chosen.get(0))) : chosen;
    }

    static List<FileMatch> towardsSpelledClass(List<FileMatch> chosen, Keys keys, WorkspaceFacts facts) {
        if (chosen.size() < 2 || keys.identifiers().isEmpty()) {
            return chosen;
        }
        List<String> tokens = new ArrayList<>();
        for (String word : keys.text().split("\\s+")) {
            tokens.add(word.replaceAll("^[^\\p{L}\\p{N}]+|[^\\p{L}\\p{N}]+$", "").replaceFirst("\\.\\d+$", "").toLowerCase(Locale.ROOT));
        }
        Set<String> written = new HashSet<>();
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (tokens.get(i).matches("[\\p{L}\\p{N}]{2,}") && tokens.get(i + 1).matches("\\p{L}{3,}")) {
                written.add(tokens.get(i) + tokens.get(i + 1));
            }
        }
        List<FileMatch> spelled = chosen.stream().filter(c -> JVM_SOURCE.matcher(c.path()).find()
                && written.contains(c.path().substring(c.path().lastIndexOf('/') + 1).replaceFirst("\\.\\w+$", "").toLowerCase(Locale.ROOT))
                && keys.identifiers().stream().anyMatch(id -> declaresFunction(facts.root(), c.path(), id))).toList();
        return spelled.size() == 1 ? new ArrayList<>(spelled) : chosen;
    }

    /**
     * The first chosen file (alone, or beside that namesake only) holding a name the objective writes as a constant or a
     * case of a kind (Go's {@code AlphaNumeric} in encoder.go's list of encodings), defining none of its names, gives way
     * to the code file beside it named after that name (alphanumeric.go, holding encodeAlphaNumeric): the constant only
     * selects; the file of its name does the work. Unchanged when the chosen file is itself so named, when no or several siblings are, or when
     * the sibling does not hold the name in its code or declares it (a type's own file, QuoteMode.java beside the
     * CSVFormat using it).
     */
    static List<FileMatch> towardsNamesakeFile(List<FileMatch> chosen, Keys keys, WorkspaceFacts facts,
                                               java.util.function.Predicate<String> candidate, Map<String, Double> scores,
                                               Map<String, Set<String>> terms) {
        if (chosen.isEmpty() || chosen.size() > 2 || keys.identifiers().isEmpty()) {
            return chosen;
        }
        String first = chosen.get(0).path();
        String dir = SourceGraph.parent(first);
        String extension = FileKind.extension(first);
        if (keys.identifiers().contains(joinedBaseName(first))) {
            return chosen;
        }
        ContentIndex content = facts.content();
        // a first file defining a function or type the objective names is its place; one only holding the name is not yet
        if (keys.identifiers().stream().anyMatch(id -> content.occurrences(id).stream().anyMatch(o -> o.path().equals(first) && o.defined()))) {
            return chosen;
        }
        List<String> namesakes = new ArrayList<>();
        for (String id : keys.identifiers()) {
            if (content.occurrences(id).stream().noneMatch(o -> o.path().equals(first) && o.inCode())) {
                continue;
            }
            for (String sibling : facts.sortedFiles()) {
                if (!sibling.equals(first) && SourceGraph.parent(sibling).equals(dir) && FileKind.extension(sibling).equals(extension)
                        && candidate.test(sibling) && !TestPaths.isTestPath(sibling) && code(sibling, content)
                        && joinedBaseName(sibling).equals(id)
                        && content.occurrences(id).stream().anyMatch(o -> o.path().equals(sibling) && o.inCode())
                        // a type's own file (QuoteMode.java) declares what the first file uses: the use is the place
                        && content.occurrences(id).stream().noneMatch(o -> o.path().equals(sibling) && o.defined())) {
                    namesakes.add(sibling);
                }
            }
        }
        // beside the namesake, no other chosen file: the first then goes, the namesake stays
        if (namesakes.size() != 1 || chosen.size() == 2 && !chosen.get(1).path().equals(namesakes.get(0))) {
            return chosen;
        }
        String place = namesakes.get(0);
        return alone(place, chosen, scores, terms, place + " (named after "
                + place.substring(place.lastIndexOf('/') + 1) + ", which " + first.substring(first.lastIndexOf('/') + 1)
                + " only declares)");
    }

    /** A label a specification gives its rules or sections: GB12, WB3b, RFC6902, E501 (letters, then digits). */
    private static final java.util.regex.Pattern RULE_LABEL = java.util.regex.Pattern.compile(
            "(?<![\\p{L}\\p{N}_\\\\])\\p{Lu}{1,4}\\d{1,5}\\p{L}?(?![\\p{L}\\p{N}_])");

    /**
     * Rules of a specification the objective cites by label ("Unicode rules GB12/GB13") that no code defines, held by one
     * code file only (graphemerules.go's {@code // GB12 / GB13} above the state transition): that file implements them,
     * not the API the objective reached them through (NewGraphemes in grapheme.go). Unchanged when a chosen file holds a
     * label, or the labels are held by none or by several files.
     */
    static List<FileMatch> towardsCitedRules(List<FileMatch> chosen, Keys keys, WorkspaceFacts facts,
                                             java.util.function.Predicate<String> candidate, Map<String, Double> scores,
                                             Map<String, Set<String>> terms) {
        if (chosen.isEmpty()) {
            return chosen;
        }
        ContentIndex content = facts.content();
        Set<String> holders = new LinkedHashSet<>();
        boolean any = false;
        // written in capitals as the specification writes them (GB12), not a character escape (u0008) or a lower-case name
        Set<String> labels = new LinkedHashSet<>();
        RULE_LABEL.matcher(keys.text()).results().forEach(r -> labels.add(r.group().toLowerCase(Locale.ROOT)));
        for (String id : keys.identifiers()) {
            if (!labels.contains(id)) {
                continue;
            }
            List<ContentIndex.Occurrence> found = content.occurrences(id);
            if (found.stream().anyMatch(ContentIndex.Occurrence::defined)) {
                continue;
            }
            found.stream().filter(o -> candidate.test(o.path()) && code(o.path(), content) && !TestPaths.isTestPath(o.path()))
                    .forEach(o -> holders.add(o.path()));
            any = true;
        }
        if (!any || holders.size() != 1 || chosen.stream().anyMatch(c -> holders.contains(c.path()))) {
            return chosen;
        }
        String place = holders.iterator().next();
        return alone(place, chosen, scores, terms, place + " (holds the rules the objective cites)");
    }

    /** {@code place} as the only place, scored and evidenced as the rule that chose it says; the first chosen file's score when unscored. */
    static List<FileMatch> alone(String place, List<FileMatch> chosen, Map<String, Double> scores, Map<String, Set<String>> terms,
                                 String evidence) {
        double score = scores.getOrDefault(place, chosen.isEmpty() ? 1.0 : chosen.get(0).score());
        return new ArrayList<>(List.of(new FileMatch(place, score, new ArrayList<>(terms.getOrDefault(place, Set.of())), evidence)));
    }

    /**
     * The one place a rule found, alone, with {@code why} after its path as the evidence; {@code chosen} as it was when the
     * rule found none or several, or when that place is all that was chosen.
     */
    static List<FileMatch> aloneIfOne(java.util.Collection<String> found, List<FileMatch> chosen, Map<String, Double> scores,
                                      Map<String, Set<String>> terms, String why) {
        if (found.size() != 1) {
            return chosen;
        }
        String place = found.iterator().next();
        if (chosen.size() == 1 && chosen.get(0).path().equals(place)) {
            return chosen;
        }
        return alone(place, chosen, scores, terms, place + " (" + why + ")");
    }

    /** Files defining a function the objective names, beyond which it is an interface's many implementations. */
    private static final int MAX_NAMED_DEFINERS = 2;

    /**
     * Chosen files that hold none of the names the objective writes in code ({@code getFullDescription()}), one of them a
     * class its prose happens to spell ("a generic type" → GenericType.java), were chosen by words alone: the one or two
     * code files defining a named function are where it is. Unchanged when any chosen file holds a named name, none is
     * named by the prose, or the definers are none or many.
     */
    static List<FileMatch> towardsNamedDefiners(List<FileMatch> chosen, Keys keys, WorkspaceFacts facts,
                                                java.util.function.Predicate<String> candidate, Map<String, Double> scores,
                                                Map<String, Set<String>> terms, Set<String> projectNames) {
        if (chosen.isEmpty() || keys.identifiers().isEmpty()) {
            return chosen;
        }
        ContentIndex content = facts.content();
        Set<String> holders = new HashSet<>();
        Set<String> definers = new LinkedHashSet<>();
        // only names the objective writes as code: a name it spells in prose ("generic type") is what chose the files
        Set<String> written = new LinkedHashSet<>();
        java.util.regex.Matcher span = PLAIN_NAME_SPAN.matcher(keys.text());
        while (span.find()) {
            written.add(span.group(1));
        }
        for (String id : written) {
            if (!ContentIndex.isIdentifierLike(id) || projectNames.contains(id.toLowerCase(Locale.ROOT))) {
                continue;
            }
            for (ContentIndex.Occurrence o : content.occurrences(id.toLowerCase(Locale.ROOT))) {
                holders.add(o.path());
                if (o.defined() && o.kind() == FileKind.SOURCE && candidate.test(o.path()) && candidate(o.path())
                        && !TestPaths.isTestPath(o.path()) && placeWeight(o.path()) == 1 && declaresFunction(facts.root(), o.path(), id)) {
                    definers.add(o.path());
                }
            }
        }
        Set<String> spelledInProse = new HashSet<>(keys.identifiers());
        written.forEach(w -> spelledInProse.remove(w.toLowerCase(Locale.ROOT)));
        boolean chosenByProseName = chosen.stream().anyMatch(c -> spelledInProse.contains(
                c.path().substring(c.path().lastIndexOf('/') + 1).replaceFirst("\\.\\w+$", "").toLowerCase(Locale.ROOT)));
        if (!chosenByProseName || definers.isEmpty() || definers.size() > MAX_NAMED_DEFINERS
                || chosen.stream().anyMatch(c -> holders.contains(c.path()))) {
            return chosen;
        }
        List<FileMatch> placed = new ArrayList<>();
        for (String path : definers) {
            placed.add(new FileMatch(path, scores.getOrDefault(path, chosen.get(0).score()), new ArrayList<>(terms.getOrDefault(path, Set.of())),
                    evidence(facts, path, keys, projectNames)));
        }
        return placed;
    }

    /**
     * The one chosen file holding a function the objective names only in a comment ({@code # get_meta_refresh strip
     * comments for the same reason} in encoding.py) and none of its names in code gives way to the one code file declaring
     * that function (html.py's {@code def get_meta_refresh(}): the comment only mentions it; the words that chose the
     * file are the ones the function's behaviour shares.
     */
    static List<FileMatch> towardsCommentedFunction(List<FileMatch> chosen, Keys keys, WorkspaceFacts facts,
                                                    java.util.function.Predicate<String> candidate, Map<String, Double> scores,
                                                    Map<String, Set<String>> terms, Set<String> projectNames) {
        if (chosen.size() != 1 || keys.identifiers().isEmpty()) {
            return chosen;
        }
        String first = chosen.get(0).path();
        ContentIndex content = facts.content();
        if (keys.identifiers().stream().anyMatch(id -> content.occurrences(id).stream().anyMatch(o -> o.path().equals(first) && o.inCode()))) {
            return chosen;
        }
        Set<String> definers = new LinkedHashSet<>();
        java.util.regex.Matcher span = PLAIN_NAME_SPAN.matcher(keys.text());
        while (span.find()) {
            String id = span.group(1);
            String key = id.toLowerCase(Locale.ROOT);
            List<ContentIndex.Occurrence> found = content.occurrences(key);
            if (!keys.identifiers().contains(key) || projectNames.contains(key)
                    || found.stream().noneMatch(o -> o.path().equals(first))) {
                continue; // only a name the first file mentions (in a comment, as checked above)
            }
            found.stream().filter(o -> o.defined() && o.inCode() && candidate.test(o.path()) && !TestPaths.isTestPath(o.path())
                    && code(o.path(), content) && declaresFunction(facts.root(), o.path(), id)).forEach(o -> definers.add(o.path()));
        }
        if (definers.size() != 1) {
            return chosen;
        }
        String place = definers.iterator().next();
        return alone(place, chosen, scores, terms, evidence(facts, place, keys, projectNames));
    }

    /** {@code func (r T) name(}, {@code function name(}, {@code def name(}, {@code name = function}, {@code name(a) {}: a function. */
    static boolean declaresFunction(java.nio.file.Path root, String path, String name) {
        byte[] bytes = ContentIndex.read(root.resolve(path));
        if (bytes == null) {
            return false;
        }
        String q = java.util.regex.Pattern.quote(name);
        return java.util.regex.Pattern.compile("(?i)(?:\\bfunc\\s+(?:\\([^)]*\\)\\s*)?|\\bfunction\\s*\\*?\\s*|\\bdef\\s+|\\bfn\\s+)" + q
                + "\\s*[(\\[<]|(?im)^[ \\t]*(?:(?:export\\s+)?(?:const|let|var)\\s+)?(?:[\\w$.]+\\.)?" + q + "\\s*[:=]\\s*(?:async\\s+)?(?:function\\b|\\([^)]*\\)\\s*=>)"
                + "|(?im)^[ \\t]*(?:(?:public|private|protected|static|final|async|export|override)\\s+)*(?:[\\w<>\\[\\],?]+\\s+)?" + q
                + "\\s*\\([^;{)]*\\)\\s*(?::\\s*[^{;]+|throws\\s+[^{;]+)?\\{")
                .matcher(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)).find();
    }

    /** A word as a name may hold it: as written, stemmed, and with the usual suffixes (matching → matches, matched). */
    private static Set<String> wordForms(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        String stem = ObjectiveTerms.stem(lower);
        Set<String> forms = new LinkedHashSet<>(List.of(lower, stem));
        for (String suffix : List.of("s", "es", "e", "ed", "ing", "er")) {
            forms.add(stem + suffix);
        }
        return forms;
    }

    /** A code span with spaces in it (an expression); group 1 is its text. */
    private static final java.util.regex.Pattern EXPRESSION_SPAN = java.util.regex.Pattern.compile("`([^`\\n]*\\s[^`\\n]*)`");
    /** {@code Name(} or {@code .name(} inside an expression; group 1 is the name. */
    private static final java.util.regex.Pattern CALL_IN_EXPRESSION = java.util.regex.Pattern.compile(
            "(?<![\\p{L}\\p{N}_$])([\\p{L}_$][\\p{L}\\p{N}_$]{2,})\\(");

    /**
     * The names called inside the objective's expression spans ({@code date(2096, 2, 29) + Duration(years=4)} → date,
     * duration), lowercased like the index's identifiers: a span of one call is read by {@code keys} already.
     */
    static Set<String> callsInExpressions(String objective) {
        Set<String> names = new LinkedHashSet<>();
        java.util.regex.Matcher span = EXPRESSION_SPAN.matcher(objective);
        while (span.find()) {
            java.util.regex.Matcher call = CALL_IN_EXPRESSION.matcher(span.group(1));
            while (call.find()) {
                names.add(ClassMembers.indexKey(call.group(1)));
            }
        }
        return names;
    }

    /**
     * An expression the objective shows (`date(2096, 2, 29) + Duration(years=4)`) whose calls the project defines in a
     * module of their own (class Duration in duration.py) is that module's behaviour; a call it defines nowhere (the
     * built-in date) is no place. When such a module is chosen, a chosen file defining none of the objective's names was
     * matched on its words only (date parsing on "date", "century") and goes.
     */
    static List<FileMatch> toOwnModules(List<FileMatch> chosen, Keys keys, ContentIndex content,
                                        java.util.function.Predicate<String> candidate) {
        if (chosen.size() < 2) {
            return chosen;
        }
        Set<String> names = new LinkedHashSet<>(keys.identifiers());
        Set<String> own = new HashSet<>();
        for (String called : callsInExpressions(keys.text())) {
            List<String> modules = content.occurrences(called).stream().filter(o -> o.defined() && candidate.test(o.path())
                    && code(o.path(), content) && joinedBaseName(o.path()).equals(called))
                    .map(ContentIndex.Occurrence::path).distinct().toList();
            if (modules.size() == 1) {
                own.add(modules.get(0));
                names.add(called);
            }
        }
        if (chosen.stream().noneMatch(c -> own.contains(c.path()))) {
            return chosen;
        }
        return new ArrayList<>(chosen.stream().filter(c -> own.contains(c.path()) || names.stream().anyMatch(n -> content
                .occurrences(n).stream().anyMatch(o -> o.defined() && o.path().equals(c.path())))).toList());
    }

    /** {@code `name(arg)`}: a call with arguments; group 1 is the name. */
    private static final java.util.regex.Pattern CALL_WITH_ARGUMENTS = java.util.regex.Pattern.compile(
            "`\\.?([\\p{L}_$][\\p{L}\\p{N}_$]*)\\(\\s*[^`\\s)][^`]*\\)`");

    /**
     * A function the objective calls with arguments (`SkipClean(true)`) is the declaration taking parameters: a file
     * declaring the name only without any (a getter of the same name on another type, {@code SkipClean() bool}) is about
     * something else, and goes when a chosen file declares the one called.
     */
    static List<FileMatch> withoutOtherArities(List<FileMatch> chosen, Keys keys, WorkspaceFacts facts) {
        if (chosen.size() < 2) {
            return chosen;
        }
        Set<String> dropped = new HashSet<>();
        java.util.regex.Matcher call = CALL_WITH_ARGUMENTS.matcher(keys.text());
        while (call.find()) {
            java.util.regex.Pattern declaration = java.util.regex.Pattern.compile("(?m)^\\s*(?:func|def|function|public|private|"
                    + "protected|static|export|async|fn|pub)\\b[^\\n]*?\\b" + java.util.regex.Pattern.quote(call.group(1))
                    + "\\s*\\((\\s*\\))?");
            Set<String> withParameters = new HashSet<>();
            Set<String> withoutOnly = new HashSet<>();
            for (FileMatch c : chosen) {
                java.util.regex.Matcher m = declaration.matcher(ManifestFile.read(facts.root(), c.path()));
                boolean any = false;
                boolean taking = false;
                while (m.find()) {
                    any = true;
                    taking |= m.group(1) == null;
                }
                if (taking) {
                    withParameters.add(c.path());
                } else if (any) {
                    withoutOnly.add(c.path());
                }
            }
            if (!withParameters.isEmpty()) {
                dropped.addAll(withoutOnly);
            }
        }
        return dropped.isEmpty() ? chosen : chosen.stream().filter(c -> !dropped.contains(c.path())).toList();
    }

    /** A Go method declaration: its name is group 2 (group 1 its receiver's type). */
    private static final java.util.regex.Pattern GO_METHOD = java.util.regex.Pattern.compile(
            "(?m)^func\\s*\\(\\s*(?:\\w+\\s+)?\\*?(\\w+)[^)]*\\)\\s*(\\w+)\\s*[(\\[]");

    /**
     * Next to the first place, a Go file matched by one plain word of the objective only, which it declares as a method of
     * a type the objective does not name ("a single start value" → {@code func (t *Ticker) Start()}), holds that type's API:
     * the word was prose, not the method. The first place, and a name the objective writes as code, stay.
     */
    static List<FileMatch> withoutMethodNamesakes(List<FileMatch> chosen, Keys keys, WorkspaceFacts facts) {
        if (chosen.size() < 2) {
            return chosen;
        }
        List<FileMatch> kept = new ArrayList<>(List.of(chosen.get(0)));
        chosen.stream().skip(1).filter(c -> !methodNamesake(c, keys, facts)).forEach(kept::add);
        return kept.size() == chosen.size() ? chosen : kept;
    }

    private static boolean methodNamesake(FileMatch match, Keys keys, WorkspaceFacts facts) {
        Set<String> words = new HashSet<>();
        match.terms().forEach(t -> words.add(t.startsWith("name:") ? t.substring(5) : t));
        if (!match.path().endsWith(".go") || words.size() != 1) {
            return false;
        }
        String word = words.iterator().next();
        if (keys.identifiers().contains(word) || !keys.direct().contains(word)) {
            return false;
        }
        // the objective naming the receiver's type would be a second word: only an unnamed type's method gets here
        java.util.regex.Matcher method = GO_METHOD.matcher(ManifestFile.read(facts.root(), match.path()));
        while (method.find()) {
            if (ObjectiveTerms.stem(method.group(2)).equals(word)) {
                return true;
            }
        }
        return false;
    }

    /** string_slice.go, StringSlice.java, string-slice.ts → stringslice: a file's base name as one lowercased word. */
    static String joinedBaseName(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.indexOf('.', 1);
        return (dot > 0 ? name.substring(0, dot) : name).replaceAll("[^\\p{L}\\p{N}]", "").toLowerCase(Locale.ROOT);
    }

    private static final java.util.regex.Pattern HYPHENATED = java.util.regex.Pattern.compile(
            "(?<![\\p{L}\\p{N}_`/@.-])\\p{L}+(?:-\\p{L}+)+(?![\\p{L}\\p{N}_`/-])");

    /**
     * Stems of the words that only qualify the last word of a hyphenated compound: "set" in "set-delimiters", "pre" in
     * "pre-release". On their own they name another concept (every setter has "set"); a word the objective also uses
     * outside such a compound, or one qualifying a generic word ("dark-mode"), is not one of them.
     */
    static Set<String> compoundModifiers(String objective) {
        String text = ANY_CODE_SPAN.matcher(ObjectiveText.forMatching(objective)).replaceAll(" ");
        Set<String> modifiers = new LinkedHashSet<>();
        java.util.regex.Matcher m = HYPHENATED.matcher(text);
        StringBuilder rest = new StringBuilder();
        int last = 0;
        while (m.find()) {
            rest.append(text, last, m.start()).append(' ');
            last = m.end();
            String[] parts = m.group().split("-");
            String head = ObjectiveTerms.stem(parts[parts.length - 1]);
            if (GENERIC_WORDS.contains(head)) {
                continue;
            }
            for (int i = 0; i < parts.length - 1; i++) {
                modifiers.add(ObjectiveTerms.stem(parts[i]));
            }
        }
        rest.append(text.substring(last));
        modifiers.removeAll(ObjectiveTerms.of(rest.toString()));
        return modifiers;
    }

    /**
     * The files to change, best first. {@code projectNames} are words that name the project
     * itself (its package names): every file is about them, so they count little in contents.
     */
    public static List<FileMatch> locate(Keys keys, WorkspaceFacts facts, Set<String> projectNames) {
        return locate(keys, facts, projectNames, path -> true);
    }

    /** The same among the files {@code within} accepts (the package an objective names as its scope). */
    public static List<FileMatch> locate(Keys given, WorkspaceFacts facts, Set<String> projectNames,
                                         java.util.function.Predicate<String> within) {
        java.util.function.Predicate<String> candidate = path -> candidate(path) && within.test(path);
        if (given.isEmpty()) {
            return List.of();
        }
        ContentIndex content = facts.content();
        // words written apart that a code file named after them defines as one name ("string slice" → func StringSlice in
        // string_slice.go) are that name; a variable of that name elsewhere (const bumpTypes in a utils file) is not
        Set<String> compounds = new LinkedHashSet<>(adjacentCompounds(given.text()));
        compounds.removeAll(given.identifiers());
        compounds.removeIf(c -> content.occurrences(c).stream().noneMatch(o -> o.defined() && candidate.test(o.path())
                && code(o.path(), content) && joinedBaseName(o.path()).equals(c)));
        // an objective that writes no name may spell a function's in words ("days matching" → func dayMatches): the function
        // one code file declares under that name is what it is about, as if named
        compounds.addAll(spelledNames(given, facts, candidate));
        compounds.addAll(qualifiedNames(given, facts, candidate));
        Keys keys = compounds.isEmpty() ? given : given.withIdentifiers(compounds);
        int documents = Math.max(1, content.size());
        // how rare a word is among the files a change could go to: tests and data repeat the project's domain words
        // (a spec suite full of "delimiters") and would make its rarest concept look common next to "set" or "name"
        // both depend on the workspace alone: counted once per scan, not once per request
        long places = content.derived("ChangeLocator.places", () -> facts.sortedFiles().stream()
                .filter(p -> content.contains(p) && candidate(p) && content.kind(p).editable()).count());
        long sources = content.derived("ChangeLocator.sources", () -> facts.sortedFiles().stream()
                .filter(p -> content.contains(p) && code(p, content)).count());
        Map<String, Double> scores = new HashMap<>();
        Map<String, Set<String>> terms = new HashMap<>();
        Map<String, Set<String>> inComments = new HashMap<>();
        // the docs cited as the authority ("although the docs say the shorthand is accepted") are right: the code is not
        boolean aboutDocs = keys.direct().stream().anyMatch(t -> t.equals("doc") || t.equals("docs") || t.equals("readm")
                || t.equals("documentation") || t.equals("guid"))
                && !ObjectiveTerms.of(CITED_DOCS.matcher(given.text()).replaceAll(" ")).stream().noneMatch(t -> t.equals("doc")
                        || t.equals("docs") || t.equals("readm") || t.equals("documentation") || t.equals("guid"));

        // names the objective gives that are defined somewhere (naturalsize, slugifyWithCounter): the change is about them
        Set<String> anchors = new HashSet<>();
        Set<String> focus = new HashSet<>();
        List<RareWord> rareWords = new ArrayList<>();
        // a word only in the objective's parenthetical (`foo < bar` with booleans or objects gives null) is an example of
        // its case: it may be the rarest concept, but it does not overturn the best place (below)
        Set<String> exampleOnly = exampleWords(given.text());
        // contents: a word found in a file, weighed by how rare it is
        List<String> all = new ArrayList<>(keys.identifiers());
        all.addAll(keys.direct());
        all.addAll(keys.related());
        // the words of a name the objective gives that is defined here (parse in parse_timedelta) are that name, not
        // concepts of their own: another file defining parse_qsl is not where the change goes
        Set<String> partsOfDefinedNames = new HashSet<>();
        Map<String, Map<String, Double>> documentedPoints = new HashMap<>();
        boolean namesDefined = false;
        Set<String> definedNames = new LinkedHashSet<>();
        Set<String> nameDefiners = new HashSet<>(); // of the names the change is about, not of those it only uses (BadData)
        for (String identifier : keys.identifiers()) {
            content.occurrences(identifier).stream().filter(o -> o.defined() && candidate.test(o.path())
                    && !keys.usedNames().contains(identifier)).forEach(o -> nameDefiners.add(o.path()));
            if (content.occurrences(identifier).stream().anyMatch(o -> o.defined() && candidate.test(o.path()))) {
                namesDefined = true;
                definedNames.add(identifier);
                ContentIndex.splitIdentifier(identifier).forEach(part -> partsOfDefinedNames.add(ObjectiveTerms.stem(part)));
            }
        }
        partsOfDefinedNames.removeAll(keys.identifiers());
        Set<String> thrownNames = thrownExceptions(given.text(), keys.identifiers());
        for (String key : all) {
            int df = content.documentFrequency(key);
            // a keyword's word is noise in prose, but not when the objective writes it as a name (`.extend()`)
            if (df == 0 || CODE_KEYWORDS.contains(key) && !keys.identifiers().contains(key)) {
                continue;
            }
            // an exception the bug makes the code throw ("makes map(...) throw a MappingException") is the symptom: its
            // class is not where the behaviour changes, and weighs as a word
            boolean thrown = thrownNames.contains(key);
            double base = keys.identifiers().contains(key) && !thrown ? 6 : keys.direct().contains(key) ? 2 : 1;
            if (partsOfDefinedNames.contains(key)) {
                base *= 0.25;
            }
            if (GENERIC_WORDS.contains(key) || keys.modifiers().contains(key)) {
                base *= 0.25;
            }
            if (projectNames.contains(key)) {
                base *= 0.3;
            }
            boolean consequence = keys.consequence().contains(key) && !keys.identifiers().contains(key);
            if (consequence) {
                base *= 0.5;
            }
            List<ContentIndex.Occurrence> occurrences = content.occurrences(key); // built per call: once per key
            long placesWith = occurrences.stream().filter(o -> candidate(o.path()) && o.kind().editable()).count();
            // a word in most of the places says little about which one
            double idf = Math.log(1 + (double) places / Math.max(1, placesWith));
            boolean identifier = keys.identifiers().contains(key);
            // a plain word counts as a name only when it is rare: "Shorten", not "version" in a versioning library
            // once a name the objective gives is defined here, that definition says where: its other words only add weight
            boolean named = identifier || (keys.direct().contains(key) && (df <= 3 || df * 4 <= documents) && !namesDefined);
            long definers = occurrences.stream().filter(o -> o.defined() && candidate.test(o.path())).count();
            // in a small project every word is in many files; a word that names what one or two files define still says where
            boolean definedConcept = keys.direct().contains(key) && definers > 0 && definers <= 2 && !projectNames.contains(key)
                    && !namesDefined;
            // a definition in a test or a data file (class DelimiterTest) is no place: it does not make the code using the word a caller
            boolean anyDefinition = (named || definedConcept) && definers > 0 && !thrown;
            if (anyDefinition && !GENERIC_WORDS.contains(key) && !consequence) {
                anchors.add(key);
            }
            // the objective's rarest concept: the word of its own that the fewest source files hold (at most 3, or one in 20)
            // and one of them uses again and again ("delimiters" in the parser that changes them, not "tag", "name" or "line"
            // that every part of it uses; "caret" for caret ranges, not "release", the project's everyday word); a word one
            // file holds only inside its names ("cut" in cutSrc, the rest of a lexer's input) is those names', not a concept
            if (keys.direct().contains(key) && !namesDefined && !GENERIC_WORDS.contains(key) && !keys.modifiers().contains(key)
                    && !projectNames.contains(key) && !consequence
                    && occurrences.stream().anyMatch(o -> (aboutIt(o) || soleUser(o, occurrences, content)) && candidate.test(o.path())
                            && code(o.path(), content))
                    && !onlyInsideOneFilesNames(occurrences, content)) {
                long holding = occurrences.stream().filter(o -> code(o.path(), content)).count();
                if (holding <= Math.max(3, sources / 20)) {
                    rareWords.add(new RareWord(key, holding, df));
                }
            }
            for (ContentIndex.Occurrence o : occurrences) {
                if (!candidate.test(o.path())) {
                    continue;
                }
                // where an identifier is defined is where it changes; its callers only use it
                double definition = !anyDefinition ? 1 : o.defined() ? 2 : identifier ? 0.3 : 0.6;
                double weight = (o.kind() == FileKind.DOCUMENTATION && aboutDocs ? 1.0 : o.kind().weight()) * placeWeight(o.path());
                double repeat = (1 + Math.min(o.count() - 1, 4) * 0.1) * (o.standalone() ? 1 : 0.5);

                double points = base * idf * weight * repeat * definition * roleWeight(content, o.path(), aboutDocs);
                scores.merge(o.path(), points, Double::sum);
                if (o.documented() && !o.defined()) {
                    documentedPoints.computeIfAbsent(key, k -> new HashMap<>()).merge(o.path(), points, Double::sum);
                }
                terms.computeIfAbsent(o.path(), k -> new LinkedHashSet<>()).add(key);
                if (!o.inCode() && !o.documented() && o.kind() == FileKind.SOURCE) { // in comments only, not a doc comment
                    inComments.computeIfAbsent(o.path(), k -> new HashSet<>()).add(key);
                }
            }
        }
        // names: the file's own name, or a directory on its path, says what it is
        NameIndex names = facts.names();
        for (Set<String> group : List.of(keys.direct(), keys.related())) {
            boolean direct = group == keys.direct();
            for (String stem : group) {
                // a name word found in most files (the project's own vocabulary) says little about where to change
                int df = content.documentFrequency(stem);
                double rarity = df == 0 ? 1 : Math.max(0.3, Math.min(1.2, Math.log(1 + (double) documents / df) / 2));
                if (GENERIC_WORDS.contains(stem)) {
                    rarity *= 0.25;
                }
                if (keys.consequence().contains(stem)) {
                    rarity *= 0.5;
                }
                for (String path : namedPaths(names, stem, direct)) {
                    if (names.isDirectory(path)) {
                        int added = 0;
                        for (String file : facts.filesUnder(path)) {
                            if (added++ >= MAX_FILES_PER_DIRECTORY_NAME) {
                                break;
                            }
                            if (candidate.test(file)) {
                                nameHit(scores, terms, file, stem, (direct ? 2.5 : 1.2) * rarity * (projectNames.contains(stem) ? 0.5 : 1), facts);
                            }
                        }
                    } else if (candidate.test(path)) {
                        nameHit(scores, terms, path, stem, (direct ? 3 : 1.5) * rarity * (projectNames.contains(stem) ? 0.5 : 1), facts);
                    }
                }
            }
        }
        Map<String, String> constants = namedConstants(keys, content, candidate);
        anchors.addAll(constants.keySet());
        // a file using the type without the constant (a reader naming QuoteMode in its docs) uses the type for something else
        constants.forEach((constant, type) -> scores.replaceAll((path, score) -> {
            Set<String> found = terms.getOrDefault(path, Set.of());
            return found.contains(type) && !found.contains(constant) ? score * 0.5 : score;
        }));
        // a file the objective names as a path or module ("dequal/lite" → src/lite.js) is what it is about,
        // unless a definition already says where (weaker evidence: "ranges" names Range.java, hyphenRequirement is the place)
        for (String stem : anchors.isEmpty() ? keys.pathWords() : Set.<String>of()) {
            if (!GENERIC_WORDS.contains(stem) && !projectNames.contains(stem) && stem.length() > 2) {
                for (String path : names.pathsWithStem(stem)) {
                    if (!names.isDirectory(path) && candidate.test(path) && content.kind(path).editable()
                            && ObjectiveTerms.stem(SourceGraph.baseName(path)).equals(stem)) {
                        anchors.add(stem);
                    }
                }
            }
        }
        // a secondary directory the objective names ("the benchmark") is where the change goes: not de-ranked
        scores.replaceAll((path, score) -> placeWeight(path) < 1 && namesSecondaryDirectory(path, keys) ? score / placeWeight(path) : score);
        // a module adapting the project to a library the objective does not name (ext/pandas.py) repeats its words for that library
        LibraryAdapters.derank(scores, keys, facts);
        // a declaration's doc comment naming the objective's rarest concept ("can be read from databases") says that
        // declaration is about it: those words count like a definition's. Only a concept in the objective's prose: a name
        // it writes as code (a `precision` argument to add) in another function's doc comment is that function's parameter
        focus.addAll(rarest(rareWords, word -> true));
        if (!focus.isEmpty() && exampleOnly.containsAll(focus)) {
            // an example's word held with purpose only by files lacking what the objective names outside the parentheses, which
            // the best code file holds (a table of type names for "booleans", next to the "comparison" the objective is about):
            // the rarest word written outside the parentheses, when there is one, is the concept
            String bestCode = scores.entrySet().stream().filter(e -> code(e.getKey(), content) && placeWeight(e.getKey()) == 1)
                    .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("");
            Set<String> named = new HashSet<>(terms.getOrDefault(bestCode, Set.of()));
            named.retainAll(anchors);
            named.removeAll(exampleOnly);
            Set<String> outside = rarest(rareWords, word -> !exampleOnly.contains(word));
            if (!named.isEmpty() && !outside.isEmpty() && focus.stream().flatMap(key -> focusHolders(key, content).stream())
                    .noneMatch(holder -> terms.getOrDefault(holder, Set.of()).stream().anyMatch(named::contains))) {
                focus.clear();
                focus.addAll(outside);
            }
        }
        Set<String> inCodeSpans = new HashSet<>();
        java.util.regex.Matcher span = CODE_SPAN_TEXT.matcher(keys.text());
        while (span.find()) {
            inCodeSpans.addAll(ObjectiveTerms.of(span.group(1)));
        }
        for (String key : focus.stream().filter(k -> !inCodeSpans.contains(k)).toList()) {
            documentedPoints.getOrDefault(key, Map.of()).forEach((path, points) -> scores.merge(path, points * (DOC_WEIGHT - 1), Double::sum));
        }
        if (!focus.isEmpty()) {
            // next to a place that uses the objective's rarest concept again and again, one holding only its common words, or
            // naming the concept in passing (a comment), is another place
            Set<String> about = new HashSet<>();
            for (String key : focus) {
                about.addAll(focusHolders(key, content));
                scores.keySet().stream().filter(p -> terms.getOrDefault(p, Set.of()).contains("name:" + key)).forEach(about::add);
            }
            // a file holding a synonym of the objective's words is about another concept it names ("theme" for dark mode)
            // (used in code: `theme: "light"`, not a comment's passing word: "the pool is stored on the heap" next to databases)
            for (String synonym : keys.related()) {
                content.occurrences(synonym).stream().filter(o -> o.inCode() && scores.containsKey(o.path())).forEach(o -> about.add(o.path()));
            }
            // and a file or directory the objective names ("the benchmark") is about what it names; not one named after the
            // project (uuid.go in package uuid), which every objective about the project names
            scores.keySet().stream().filter(p -> namesSecondaryDirectory(p, keys) || namedByObjective(terms.getOrDefault(p, Set.of()).stream()
                    .filter(t -> !projectNames.contains(t.substring(t.indexOf(':') + 1))).collect(java.util.stream.Collectors.toSet()), keys))
                    .forEach(about::add);
            // only when one of them ranks near the best place of the product's code: otherwise the rare word is incidental
            // ("element text" next to escaping, where a collection's elements are far behind the escaper)
            double top = scores.entrySet().stream().filter(e -> code(e.getKey(), content) && placeWeight(e.getKey()) == 1)
                    .mapToDouble(Map.Entry::getValue).max().orElse(0);
            double holder = scores.entrySet().stream().filter(e -> about.contains(e.getKey()) && code(e.getKey(), content)
                    && placeWeight(e.getKey()) == 1).mapToDouble(Map.Entry::getValue).max().orElse(0);
            if (holder > 0 && holder >= top * FOCUS_NEAR_BEST) {
                scores.replaceAll((path, score) -> about.contains(path) ? score : score * 0.25);
            }
        }
        if (!anchors.isEmpty()) {
            // the change is about what the objective names: files that never mention it count half
            scores.replaceAll((path, score) -> mentionsNone(terms.getOrDefault(path, Set.of()), anchors) ? score * 0.5 : score);
        }
        if (definedNames.size() > 1) {
            // several names the objective gives, defined in different places (`.extend()` should copy `useColors`): a file
            // defining one of them and using all of them is where they meet; a file with only some is about part of it
            Set<String> meeting = new HashSet<>();
            // when the objective writes only some of them as code (`normalize_hex` … "and hex_to_rgb then misreads it"),
            // those are its subject: the meeting place defines one of them, not a caller of them named in passing
            Set<String> asCode = new HashSet<>();
            java.util.regex.Matcher codeName = PLAIN_NAME_SPAN.matcher(keys.text());
            while (codeName.find()) {
                asCode.add(codeName.group(1).toLowerCase(Locale.ROOT));
            }
            boolean someAsCode = definedNames.stream().anyMatch(asCode::contains) && !asCode.containsAll(definedNames);
            for (String name : someAsCode ? definedNames.stream().filter(asCode::contains).toList() : List.copyOf(definedNames)) {
                content.occurrences(name).stream().filter(o -> o.defined() && candidate.test(o.path())
                        && terms.getOrDefault(o.path(), Set.of()).containsAll(definedNames)).forEach(o -> meeting.add(o.path()));
            }
            if (!meeting.isEmpty()) {
                scores.replaceAll((path, score) -> meeting.contains(path) ? score : score
                        * definedNames.stream().filter(terms.getOrDefault(path, Set.of())::contains).count() / (definedNames.size() + 1.0));
            }
        }
        // text the objective quotes ("not specified", "(default: …, choices: …)") is written where it is produced: when a
        // file near the best holds all of it, one holding only part of it (a `default:` label) needs good reason. Without
        // quoted text, two or more values in code form (`video/mp4`, `application/mp4`) held verbatim by one code file
        // (a comment above the table that ranks them) say where the change is as surely as the function the objective names
        CoveringTests.Cues cues = CoveringTests.Cues.of(keys.text());
        boolean byLiterals = cues.quoted().isEmpty() && cues.literals().size() >= 2;
        // output the objective writes in code form that the code builds from pieces (`<-chan T`: "<-", then "chan"), so no
        // code file holds it: a test asserting it verbatim is about that output, and the file the test is named after makes it
        List<String> fragments = cues.quoted().isEmpty() && !byLiterals ? codeFragments(keys.text(), cues) : List.of();
        Set<String> producers = fragments.size() >= 2 ? producersAssertedByTests(fragments, facts, candidate) : Set.of();
        boolean byTests = !producers.isEmpty();
        // a message shown with its values (`No such option '--cat'. Did you mean '--count'?`) is held as a template: the
        // text between the values is what the file building it holds (MessageOwners.templatePieces)
        boolean byTemplate = !byLiterals && !byTests && cues.quoted().isEmpty();
        List<String> quoted = byLiterals ? cues.literals() : byTests ? fragments : byTemplate ? MessageOwners.templatePieces(keys.text())
                : cues.quoted();
        // a message shown with its numbers (received 5 bytes, expected 100) is held as a template with placeholders for them
        List<MessageOwners.Shape> shapes = byTemplate ? MessageOwners.numberedMessages(keys.text()) : List.of();
        // a message shown filled in with signs and values (`Value: -1 is outside the range.`) is written as a
        // format string ("Value: %s-%s is outside the range."): only when a code file among the places holds one
        List<String> filled = byTemplate && quoted.isEmpty() && shapes.isEmpty() ? filledInHeld(keys, facts, scores, terms) : List.of();
        boolean anyQuoted = !quoted.isEmpty() || !shapes.isEmpty() || !filled.isEmpty();
        Map<String, Boolean> holdsQuoted = new HashMap<>();
        producers.forEach(p -> holdsQuoted.put(p, true));
        java.util.function.Predicate<String> holdsAllQuoted = path -> holdsQuoted.computeIfAbsent(path, p -> {
            byte[] text = ContentIndex.read(facts.root().resolve(p));
            String s = text == null ? "" : new String(text, java.nio.charset.StandardCharsets.UTF_8);
            return quoted.stream().allMatch(s::contains) && shapes.stream().allMatch(shape -> shape.pattern().matcher(s).find())
                    && filled.stream().allMatch(m -> MessageOwners.fillsTemplate(s, m));
        });
        if (byTests) {
            producers.forEach(p -> scores.putIfAbsent(p, 0.0));
        }
        if ((byLiterals || byTests) && !scores.isEmpty()) {
            double top = scores.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
            scores.replaceAll((path, score) -> code(path, content) && content.kind(path).editable() && holdsAllQuoted.test(path)
                    ? Math.max(score, top) : score);
        }
        boolean templateFound = false;
        if (!byLiterals && anyQuoted && !scores.isEmpty()) {
            // the text the objective quotes, found verbatim in one code file only (`duplicated mapping key` where the loader
            // throws it), says where the change is as surely as a name: that file ranks with the best
            Set<String> words = new HashSet<>();
            java.util.stream.Stream.of(quoted.stream(), shapes.stream().map(MessageOwners.Shape::words), filled.stream())
                    .flatMap(x -> x).forEach(q -> ObjectiveTerms.of(q).stream().filter(w -> keys.direct().contains(w)).forEach(words::add));
            List<String> holders = scores.keySet().stream().filter(p -> code(p, content) && content.kind(p).editable()
                    && terms.getOrDefault(p, Set.of()).containsAll(words) && holdsAllQuoted.test(p)).limit(2).toList();
            if (holders.size() == 1) {
                templateFound = byTemplate;
                double top = scores.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
                // the template of a message shown with its values is found, not a word: ahead of the best, not beside it
                scores.merge(holders.get(0), byTemplate ? top * TEMPLATE_LEAD : top, Math::max);
            }
        }
        // a vocabulary module (a table of every SQL keyword, of mime types, of locale names) holds the objective's words as
        // entries of its list, not as code that does anything with them: it is the place only when the objective names it
        double tableCut = scores.values().stream().mapToDouble(Double::doubleValue).max().orElse(0) * RELATIVE_CUT;
        scores.replaceAll((path, score) -> score >= tableCut && code(path, content)
                && !namesFile(keys, path) && vocabularyTable(facts, path)
                ? score * TABLE_WEIGHT : score);
        // an option the objective gives with its value (`identifier_case='upper'`) is read where the options are taken in,
        // and that reader only hands it to what it builds (`IdentifierCaseFilter(options['identifier_case'])`): the built
        // class is where the option's behaviour is, the reader and files sharing the objective's other words are not
        Set<String> built = builtFromOptions(keys, facts, candidate);
        double builtScore = scores.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        built.forEach(path -> scores.merge(path, builtScore, Math::max));
        record Ranked(String path, double score, int depth, boolean editable) {}
        List<Ranked> ranked = new ArrayList<>(scores.size());
        scores.forEach((path, score) -> ranked.add(new Ranked(path, score, depth(path), content.kind(path).editable())));
        ranked.sort(Comparator.comparingDouble(Ranked::score).reversed().thenComparingInt(Ranked::depth)
                .thenComparing(Ranked::path));
        if (ranked.isEmpty()) {
            return List.of();
        }
        boolean anyEditable = ranked.stream().anyMatch(Ranked::editable);
        double best = ranked.stream().filter(r -> !anyEditable || r.editable()).mapToDouble(Ranked::score).max().orElse(0);
        boolean primaryMatched = ranked.stream().anyMatch(r -> placeWeight(r.path()) == 1 && r.score() >= best * RELATIVE_CUT
                && (!anyEditable || r.editable()) && specific(terms.getOrDefault(r.path(), Set.of())));
        // in a monorepo, a name the objective gives found in one package only (toMarkdownExtensions in the serializer's
        // package) says which package the change is in: another package's files matched by plain words alone are not
        WorkspacePackage namingPackage = null;
        if (facts.packages().isMonorepo() && !keys.identifiers().isEmpty()) {
            Set<WorkspacePackage> naming = new HashSet<>();
            terms.forEach((path, found) -> {
                if (found.stream().anyMatch(keys.identifiers()::contains)) {
                    naming.add(facts.packages().of(path));
                }
            });
            namingPackage = naming.size() == 1 ? naming.iterator().next() : null;
        }
        if (namingPackage == null && facts.packages().isMonorepo()) {
            namingPackage = conceptPackage(keys, facts, content, candidate, projectNames, ranked.stream()
                    .filter(r -> r.score() >= best * RELATIVE_CUT).map(Ranked::path).toList());
        }
        double quotedHolder = !anyQuoted ? 0 : ranked.stream().limit(MAX_FILES).filter(r -> r.score() >= best * RELATIVE_CUT
                && (!anyEditable || r.editable()) && code(r.path(), content) && holdsAllQuoted.test(r.path()))
                .mapToDouble(Ranked::score).max().orElse(0);
        List<String> rankedDefiners = ranked.stream().filter(r -> nameDefiners.contains(r.path()) && r.score() >= best * RELATIVE_CUT)
                .map(Ranked::path).toList();
        List<FileMatch> chosen = new ArrayList<>();
        for (Ranked r : ranked) {
            Map.Entry<String, Double> e = Map.entry(r.path(), r.score());
            if (!built.isEmpty() && !built.contains(e.getKey()) && e.getValue() * 0.5 < builtScore) {
                continue;
            }
            if (quotedHolder > 0 && !holdsAllQuoted.test(e.getKey()) && e.getValue() * 0.5 < quotedHolder) {
                continue;
            }
            if (chosen.size() >= MAX_FILES || e.getValue() < best * RELATIVE_CUT) {
                break;
            }
            if (anyEditable && !r.editable()) {
                continue; // generated, vendored and data files only when nothing else matched
            }
            // next to the place that defines what the objective names, a file that never mentions it needs good reason
            // what a file names only in its comments ("## Numeric Identifier" above a regex) it is not about, unless it holds a
            // name the objective writes in its code
            Set<String> inCode = new HashSet<>(terms.getOrDefault(e.getKey(), Set.of()));
            if (inCode.stream().noneMatch(keys.identifiers()::contains)) {
                inCode.removeAll(inComments.getOrDefault(e.getKey(), Set.of()));
            }
            if (!chosen.isEmpty() && !anchors.isEmpty() && mentionsNone(inCode, anchors)
                    && e.getValue() * 0.5 < best * RELATIVE_CUT) {
                continue;
            }
            // the best place has several of the named concepts ("hyphen" and "range"); one with only some of them and
            // nothing else the objective names (Range.java for "hyphen ranges") is about part of it and needs good reason
            if (!chosen.isEmpty() && !anchors.isEmpty()) {
                Set<String> first = anchorsIn(terms.getOrDefault(chosen.get(0).path(), Set.of()), anchors);
                Set<String> here = anchorsIn(inCode, anchors);
                double coverage = first.isEmpty() || !first.containsAll(here) ? 1 : (double) here.size() / first.size();
                if (coverage < 1 && e.getValue() * coverage < best * RELATIVE_CUT) {
                    continue;
                }
            }
            // a caller of what was already chosen shares its words because it uses it: it changes only with good reason
            if (!chosen.isEmpty() && callerOfChosen(e.getKey(), chosen, facts, keys) && e.getValue() * 0.5 < best * RELATIVE_CUT) {
                continue;
            }
            // one importing the function the objective names from a file defining it that ranks among the places (`from
            // .recipes import unique_everseen`) only calls it, however many of the objective's words it has: not without a
            // name of its own, nor without the template of the message the objective shows (it raises the named error with it)
            if (!rankedDefiners.isEmpty() && !nameDefiners.contains(e.getKey()) && !(templateFound && holdsAllQuoted.test(e.getKey()))
                    && facts.graph().importsOf(e.getKey()).stream().anyMatch(rankedDefiners::contains)) {
                continue;
            }
            Set<String> found = terms.getOrDefault(e.getKey(), Set.of());
            if (namingPackage != null && !facts.packages().of(e.getKey()).equals(namingPackage)
                    && found.stream().noneMatch(keys.identifiers()::contains)) {
                continue;
            }
            if (!specific(found)) {
                continue; // "mode" alone: a generic word does not make a file part of the change
            }
            // tools, scripts, examples, benchmarks: only when the objective names their directory, never next to the product's code
            if (placeWeight(e.getKey()) < 1 && primaryMatched && !namesSecondaryDirectory(e.getKey(), keys) && !namedByObjective(found, keys)) {
                continue;
            }
            // prose and manifests mention everything; next to the product's code they change only when the objective is about them
            if (primaryMatched && !aboutDocs && FileKind.ofPath(e.getKey()) == FileKind.DOCUMENTATION) {
                continue;
            }
            if (primaryMatched && isManifest(e.getKey()) && !aboutManifest(e.getKey(), keys)) {
                continue;
            }
            // a tool's configuration (eslint's "quotes" rule for an objective about escaping quotes) changes only with the tool
            if (primaryMatched && toolConfiguration(e.getKey()) != null && !aboutTool(toolConfiguration(e.getKey()), keys)) {
                continue;
            }
            List<String> matched = new ArrayList<>(found);
            chosen.add(new FileMatch(e.getKey(), e.getValue(), matched, evidence(facts, e.getKey(), keys, projectNames)));
        }
        if (!anyQuoted) {
            // a message the objective writes in its prose without quotes ("fails with bad number syntax"): the one chosen
            // file whose string literal opens with it builds that message; files beside it share only the words around it
            chosen = besideProseMessage(chosen, keys, facts);
        }
        chosen = withoutDescribers(chosen, keys, content);
        // a one-statement JavaScript module handing the work to an imported function shares a word, not the behaviour
        chosen = ScriptCallees.withoutOneLineDelegates(chosen, keys, facts, candidate);
        chosen = withoutOtherNamedSiblings(chosen, keys, facts, projectNames);
        chosen = withoutDocMentioners(chosen, keys, content);
        chosen = JavaCallees.withoutNamesakes(chosen, keys, content);
        chosen = withoutOtherArities(chosen, keys, facts);
        chosen = withoutMethodNamesakes(chosen, keys, facts);
        chosen = placeNamedMembers(chosen, keys, facts, candidate, scores, terms);
        if (!templateFound) {
            // flags shown as the values of a message whose template was found ('--cat') are the message's, not the command line's
            chosen = placeCommandLine(chosen, keys, facts, candidate, projectNames, scores, terms);
        }
        // a directive (`$S`) whose dispatching branch only hands the value on: the method it calls is the place
        chosen = JavaCallees.placeCallee(chosen, keys, facts, candidate, scores, terms);
        chosen = new ArrayList<>(withoutDefinersOfUsedNames(inNamedPackage(chosen, keys.packagePaths()), keys, content, projectNames));
        chosen = inQualifyingGoPackage(chosen, keys, facts, scores, terms, projectNames);
        chosen = withoutDeprecatedTwins(chosen, facts);
        chosen = withoutUntestedTwins(chosen, keys, facts);
        // before following calls: a class the prose spells that never mentions the method the objective writes in code
        chosen = towardsNamedDefiners(chosen, keys, facts, candidate, scores, terms, projectNames);
        // a function the objective names that the project registers under that name (`Name: "median"`): the entry is the place
        chosen = toRegistryEntries(chosen, keys, facts, candidate, scores, terms, projectNames);
        chosen = followCalls(chosen, keys, facts, candidate, definedNames, partsOfDefinedNames, projectNames, scores, terms, sources);
        // a named JavaScript method that only hands the work to an imported function: the function's file is the place
        chosen = ScriptCallees.throughWrappers(chosen, keys, facts, candidate, scores, terms, projectNames);
        chosen = ScriptCallees.throughCaseBranches(chosen, keys, facts, candidate, scores, terms);
        // a named one handing the part the objective is about to an imported function named after it: that function's file
        chosen = ScriptCallees.throughNamedParts(chosen, keys, facts, candidate, scores, terms, projectNames);
        // a named Java method that only hands the work to other project classes: the class holding the objective's words
        chosen = JavaCallees.throughForwarders(chosen, keys, facts, candidate, scores, terms, projectNames);
        // one that loops itself but hands the value the objective writes to another class's lookup: that class is the place
        chosen = JavaCallees.throughHelpers(chosen, keys, facts, candidate, scores, terms);
        // a named class handing a field the objective names to another class's static method that writes its value
        chosen = JavaCallees.throughPassedFields(chosen, keys, facts, candidate, scores, terms);
        // a named Java getter or option setter only reads or stores a field: the class making or using the value is the place
        chosen = JavaCallees.throughAccessors(chosen, keys, facts, candidate, scores, terms, projectNames);
        chosen = toOwnModules(chosen, keys, content, candidate);
        // a named Python function that hands the objective's behaviour to a function of another module: that module is the place
        chosen = PythonCallees.throughCalledModules(chosen, keys, facts, candidate, scores, terms, projectNames);
        // a named Python method that only guards and returns another call is the way in when another module holds the quoted text
        chosen = PythonCallees.withoutWaysIn(chosen, keys, facts, candidate);
        // a named Go getter returning what a function of another module package makes: that function's file is the place
        chosen = GoCallees.throughReturnedCalls(chosen, keys, facts, candidate, scores, terms, projectNames);
        // a named Go functional option only setting a field: the file reading that field is where the option works
        chosen = GoCallees.throughOptionFunctions(chosen, keys, facts, candidate, scores, terms);
        // a Go method only handing its receiver to the package's function of the same name is not where that function changes
        chosen = GoCallees.withoutForwardingMethods(chosen, keys, facts);
        // a function the chosen files call whose name the objective spells in its words: it (or what it hands the work to) is the place
        chosen = CallWalk.towardsSpelledCallee(chosen, keys, facts, candidate, scores, terms, projectNames);
        // a named function handing the work to its implementation (applyPatches → applyPatches_): that file is the place
        chosen = CallWalk.towardsImplementation(chosen, keys, facts, candidate, scores, terms);
        // a first file describing a named thing only in a comment, above the call reaching the code doing it
        chosen = CallWalk.towardsCodeHolder(chosen, keys, facts, candidate, scores, terms);
        // hand-written type declarations (typings/index.d.ts) describe the API: next to the code they change only when the
        // objective adds or changes API (a new option, method or name), not for a message or a behaviour fix
        // a first file holding the objective's words only outside its functions (constants, a table of patterns) does
        // nothing with them: a ranked file whose one function gathers several of them is where the work is. Not when text
        // the objective shows (a message, a value, code a test asserts) chose it: that says where more surely than words
        if (!anyQuoted) {
            chosen = FunctionWords.towardsGatheringFunction(chosen, keys, facts, candidate, scores, terms, projectNames);
        }
        // two adjacent words of the objective that spell one code file's folder and name ("the CER encoder" →
        // codec/cer/encoder.py) name that file as surely as a path: it is the place, not the definer of a type it encodes
        chosen = toSpelledPath(chosen, keys, facts, candidate, scores, terms, projectNames);
        // a template tag the objective writes ({{#each}}) runs the one helper named after it (EachHelper.java)
        chosen = TemplateTags.towardsTagHelper(chosen, keys, facts, candidate, scores, terms);
        // an option passed by name to a factory that never reads it is taken by the one setter of that option (set_rotation)
        chosen = OptionSetters.towardsSetter(chosen, keys, facts, candidate, scores, terms);
        // markup the objective shows (<abbr title=…>) is handled by the one file testing for that element's name
        chosen = MarkupElements.towardsElementHandler(chosen, keys, facts, candidate, scores, terms);
        // values the objective lists as a set (true/yes/y/on/1) are recognised where one file holds them all as literals
        chosen = ValueLists.towardsValueHolder(chosen, keys, facts, candidate, scores, terms);
        // a hyphenated name written as code (`break-inside`) that one product file holds as a literal is handled there
        chosen = LiteralHolders.towardsLiteralHolder(chosen, keys, facts, candidate, scores, terms);
        // option flags the objective names (HTML_SMARTYPANTS_DASHES) act where the code tests them, not where they are declared
        chosen = FlagTesters.towardsTester(chosen, keys, facts, candidate, scores, terms);
        // an attribute the objective assigns (d.title = …) is set by the one setter declared for it
        chosen = PropertySetters.towardsSetter(chosen, keys, facts, candidate, scores, terms);
        chosen = towardsPythonModule(chosen, keys, facts, candidate, scores, terms);
        chosen = towardsSpelledClass(chosen, keys, facts);
        chosen = towardsProseClass(chosen, keys);
        chosen = VariantClasses.towardsNamedVariant(chosen, keys, facts, candidate, scores, terms);
        chosen = towardsNamesakeFile(chosen, keys, facts, candidate, scores, terms);
        chosen = towardsCitedRules(chosen, keys, facts, candidate, scores, terms);
        chosen = towardsCommentedFunction(chosen, keys, facts, candidate, scores, terms, projectNames);
        chosen = towardsLocaleModule(chosen, keys, facts, candidate, scores, terms, projectNames);
        chosen = towardsProjectMemberModule(chosen, keys, facts, candidate, scores, terms, projectNames);
        chosen = withoutQualifierModules(chosen, keys, facts);
        chosen = withinDottedModules(chosen, keys);
        chosen = withinScopeLabel(chosen, keys);
        chosen = towardsHyphenatedName(chosen, keys, facts, candidate, scores, terms, projectNames);
        chosen = towardsAtRuleFile(chosen, keys, facts, candidate, scores, terms, projectNames);
        chosen = towardsCodeWrittenDefiner(chosen, keys, facts);
        // a named script function only setting fields, one to a named value: the one file testing that value decides what it does
        chosen = ScriptSetters.throughSetValues(chosen, keys, facts, candidate, scores, terms);
        chosen = CallWalk.withoutUncalledNeighbours(chosen, keys, facts, candidate, terms, anchors);
        chosen = IgnoredSettings.towardsReaders(chosen, keys, facts, candidate);
        // a file that only gathers and re-exports (lib/esm.mjs: export const copy = _copy.copy) defines nothing it names:
        // beside the module doing the work it is no place, unless the change is to what the package exports
        if (!addsApi(keys) && !EXPORTS.matcher(keys.text()).find()
                && chosen.stream().anyMatch(c -> !facts.content().barrel(c.path()) && code(c.path(), facts.content()))) {
            chosen.removeIf(c -> facts.content().barrel(c.path()));
        }
        boolean apiChange = changesApi(keys, facts);
        if (!apiChange && chosen.stream().anyMatch(c -> !declarations(c.path()) && !typesOnly(facts, c.path()))) {
            // so is a TypeScript module that declares only types (src/types.ts): nothing in it runs
            chosen.removeIf(c -> declarations(c.path()) || typesOnly(facts, c.path()));
        }
        // a JavaScript module's type declarations (index.js → index.d.ts) change with it when they share the objective's words
        for (FileMatch c : apiChange ? List.copyOf(chosen) : List.<FileMatch>of()) {
            String declarations = JS_SUFFIX.matcher(c.path()).replaceFirst(".d.ts");
            if (!declarations.equals(c.path()) && chosen.size() < MAX_FILES && scores.containsKey(declarations)
                    && chosen.stream().noneMatch(m -> m.path().equals(declarations))) {
                chosen.add(new FileMatch(declarations, scores.get(declarations), new ArrayList<>(terms.get(declarations)),
                        evidence(facts, declarations, keys, projectNames)));
            }
        }
        return chosen;
    }

    /**
     * The messages the objective shows filled in (MessageOwners.filledInMessages) whose format string a code file among
     * the scored places holds; none when no such file is found (the message then says nothing about where).
     */
    private static List<String> filledInHeld(Keys keys, WorkspaceFacts facts, Map<String, Double> scores, Map<String, Set<String>> terms) {
        List<String> held = new ArrayList<>();
        for (String message : MessageOwners.filledInMessages(keys.text())) {
            Set<String> words = new HashSet<>(ObjectiveTerms.of(message));
            words.retainAll(keys.direct());
            boolean found = scores.keySet().stream().filter(p -> code(p, facts.content()) && facts.content().kind(p).editable()
                    && terms.getOrDefault(p, Set.of()).containsAll(words))
                    .anyMatch(p -> MessageOwners.fillsTemplate(ManifestFile.read(facts.root(), p), message));
            if (found) {
                held.add(message);
            }
        }
        return held;
    }

    /** A string literal's opening words, up to a placeholder or punctuation: {@code "bad number syntax: %q"}. */
    private static final java.util.regex.Pattern LITERAL_WORDS = java.util.regex.Pattern.compile("[\"'](\\p{L}+(?: \\p{L}+){2,7})[\"':%{(]");
    /** How many of a literal's words must be the objective's own (not stop words) for it to be the objective's message. */
    private static final int MIN_MESSAGE_TERMS = 3;

    /**
     * The chosen files when exactly one of them holds a string literal whose opening words ({@code bad number syntax} of
     * {@code "bad number syntax: %q"}, three of the objective's words or more) the objective writes verbatim in its prose:
     * that file builds the message the objective is about, so only it stays, with any other file scoring at least twice
     * as high. Otherwise the files as they were.
     */
    static List<FileMatch> besideProseMessage(List<FileMatch> chosen, Keys keys, WorkspaceFacts facts) {
        if (chosen.size() < 2) {
            return chosen;
        }
        String prose = " " + NON_WORD.matcher(keys.text().toLowerCase(Locale.ROOT)).replaceAll(" ").strip() + " ";
        List<FileMatch> holders = new ArrayList<>();
        for (FileMatch c : chosen) {
            if (!code(c.path(), facts.content())) {
                continue;
            }
            java.util.regex.Matcher literal = LITERAL_WORDS.matcher(ManifestFile.read(facts.root(), c.path()));
            while (literal.find()) {
                String words = literal.group(1).toLowerCase(Locale.ROOT);
                if (prose.contains(" " + words + " ") && ObjectiveTerms.of(words).size() >= MIN_MESSAGE_TERMS) {
                    holders.add(c);
                    break;
                }
            }
        }
        if (holders.size() != 1) {
            return chosen;
        }
        double held = holders.get(0).score();
        return chosen.stream().filter(c -> c == holders.get(0) || c.score() * 0.5 >= held).toList();
    }

    /** A word of the objective that few source files hold: how many ({@code holding}), and how many files of any kind. */
    private record RareWord(String key, long holding, int df) {}

    /**
     * The objective's rarest concepts among {@code words} that {@code allowed} accepts: the fewest source files hold them,
     * ties going to the word rarer in the whole project ("caret", not "release", which its tests repeat).
     */
    private static Set<String> rarest(List<RareWord> words, java.util.function.Predicate<String> allowed) {
        Comparator<RareWord> order = Comparator.comparingLong(RareWord::holding).thenComparingInt(RareWord::df);
        RareWord least = words.stream().filter(w -> allowed.test(w.key())).min(order).orElse(null);
        Set<String> found = new LinkedHashSet<>();
        words.stream().filter(w -> least != null && allowed.test(w.key()) && order.compare(w, least) == 0).forEach(w -> found.add(w.key()));
        return found;
    }

    /**
     * The files holding a concept with purpose: using it again and again as the place that uses it most does, or defining
     * it; two comments naming the concept next to a parser that handles it eight times are still in passing.
     */
    private static Set<String> focusHolders(String key, ContentIndex content) {
        List<ContentIndex.Occurrence> holders = content.occurrences(key);
        int most = holders.stream().filter(o -> code(o.path(), content)).mapToInt(ContentIndex.Occurrence::count).max().orElse(0);
        Set<String> found = new HashSet<>();
        holders.stream().filter(o -> o.defined() && o.standalone() || aboutIt(o) && o.count() * 2 >= most).forEach(o -> found.add(o.path()));
        return found;
    }

    /** Parenthetical text of an objective, innermost first: {@code (… with booleans or objects …)}. */
    private static final java.util.regex.Pattern PARENTHETICAL = java.util.regex.Pattern.compile("\\([^()]*\\)");

    /** The stems of the words an objective writes only inside parentheses. */
    static Set<String> exampleWords(String objective) {
        String outside = objective;
        for (String previous = null; !outside.equals(previous); ) {
            previous = outside;
            outside = PARENTHETICAL.matcher(outside).replaceAll(" ");
        }
        Set<String> inside = new LinkedHashSet<>(ObjectiveTerms.of(objective));
        inside.removeAll(ObjectiveTerms.of(outside));
        return inside;
    }

    /** How far the file holding a shown message's template ranks ahead of the best file matched on words. */
    private static final double TEMPLATE_LEAD = 1.05;

    /** A line that is one entry of a literal table: {@code 'BEGIN': tokens.Keyword,}, {@code "text/html",}. */
    private static final java.util.regex.Pattern TABLE_ENTRY = java.util.regex.Pattern.compile(
            "^\\s*(['\"])[^'\"\\n]{1,80}\\1\\s*[:,=]");
    /** A vocabulary table has at least this many entries, and they are at least half of its lines. */
    private static final int MIN_TABLE_ENTRIES = 50;
    /** How much a vocabulary table's match counts next to code's, unless the objective names the table. */
    private static final double TABLE_WEIGHT = 0.25; // as much as a data file's: it is data written as code

    /** {@code `name='value'`}, {@code `name: value`} in the objective: an option given with its value; group 1 is the name. */
    private static final java.util.regex.Pattern OPTION_SPAN = java.util.regex.Pattern.compile(
            "`([\\p{L}_][\\p{L}\\p{N}_]{2,})\\s*[:=]\\s*[^\\s=`][^`]{0,60}`");
    /** {@code `STR_LEFT("Hello", 20)`}, {@code `$toMillis(x)`}: a call in code form; group 1 is the name called. */
    private static final java.util.regex.Pattern REGISTERED_CALL = java.util.regex.Pattern.compile(
            "`\\$?([\\p{L}_][\\p{L}\\p{N}_]{2,})\\(");
    /** A class built on a line: {@code IdentifierCaseFilter(}; group 1 is its name. */
    private static final java.util.regex.Pattern CONSTRUCTION = java.util.regex.Pattern.compile(
            "(?<![\\p{L}\\p{N}_$])(\\p{Lu}[\\p{L}\\p{N}_]*)\\s*\\(");
    /** Code files read for the options the objective gives: a bound for big projects. */
    private static final int MAX_OPTION_READERS = 20;

    /**
     * The files defining the classes that the objective's options are handed to: a code file that reads the option by
     * its quoted name and builds a class with it on the same line ({@code Filter(options['identifier_case'])}), when
     * one code file defines that class. Empty when the objective gives no option or no reader builds anything with it.
     */
    static Set<String> builtFromOptions(Keys keys, WorkspaceFacts facts, java.util.function.Predicate<String> candidate) {
        Set<String> options = new LinkedHashSet<>();
        java.util.regex.Matcher option = OPTION_SPAN.matcher(keys.text());
        while (option.find()) {
            options.add(option.group(1));
        }
        ContentIndex content = facts.content();
        // a name the objective calls (`STR_LEFT("Hello", 20)`) that no code defines: the language the project implements
        // knows it by a quoted name, and the line registering it builds the class that does the work
        java.util.regex.Matcher called = REGISTERED_CALL.matcher(keys.text());
        while (called.find()) {
            String name = called.group(1);
            if (content.occurrences(ClassMembers.indexKey(name)).stream().noneMatch(ContentIndex.Occurrence::defined)) {
                options.add(name);
            }
        }
        Set<String> built = new LinkedHashSet<>();
        for (String name : options) {
            java.util.regex.Pattern read = java.util.regex.Pattern.compile("['\"]" + java.util.regex.Pattern.quote(name) + "['\"]");
            List<String> readers = content.occurrences(name.toLowerCase(Locale.ROOT)).stream().map(ContentIndex.Occurrence::path)
                    .filter(p -> candidate.test(p) && code(p, content)).limit(MAX_OPTION_READERS).toList();
            for (String reader : readers) {
                byte[] bytes = ContentIndex.read(facts.root(), reader);
                for (String line : bytes == null ? new String[0] : new String(bytes, java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                    java.util.regex.Matcher construction = CONSTRUCTION.matcher(line);
                    if (!read.matcher(line).find()) {
                        continue;
                    }
                    while (construction.find()) {
                        List<String> definers = content.occurrences(construction.group(1).toLowerCase(Locale.ROOT)).stream()
                                .filter(o -> o.defined() && candidate.test(o.path()) && code(o.path(), content))
                                .map(ContentIndex.Occurrence::path).distinct().toList();
                        if (definers.size() == 1 && !definers.get(0).equals(reader)) {
                            built.add(definers.get(0));
                        }
                    }
                }
            }
        }
        return built;
    }

    /** The objective has the file's own name among its words ("the keyword list" for keywords.py). */
    private static boolean namesFile(Keys keys, String path) {
        String stem = ObjectiveTerms.stem(SourceGraph.baseName(path));
        return keys.direct().contains(stem) || keys.pathWords().contains(stem);
    }

    /** Whether most of the file's lines are entries of literal tables (a module listing every keyword of a language). */
    static boolean vocabularyTable(WorkspaceFacts facts, String path) {
        return facts.content().derived("ChangeLocator.table:" + path, () -> {
            byte[] bytes = ContentIndex.read(facts.root(), path);
            if (bytes == null) {
                return false;
            }
            int lines = 0;
            int entries = 0;
            for (String line : new String(bytes, java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    lines++;
                    if (TABLE_ENTRY.matcher(line).find()) {
                        entries++;
                    }
                }
            }
            return entries >= MIN_TABLE_ENTRIES && entries * 2 >= lines;
        });
    }

    /**
     * Next to the chosen file defining a name the objective gives (`one_of` in helpers.py), a chosen file that holds that
     * name only in its docstrings and comments (a usage example in another class's docs) and no name of the objective in
     * its code only shows how to use it: it is not part of the change.
     */
    static List<FileMatch> withoutDocMentioners(List<FileMatch> chosen, Keys keys, ContentIndex content) {
        if (chosen.size() < 2 || keys.identifiers().isEmpty()) {
            return chosen;
        }
        Set<String> paths = new HashSet<>();
        chosen.forEach(c -> paths.add(c.path()));
        Set<String> definers = new HashSet<>();
        Set<String> usingInCode = new HashSet<>();
        Map<String, Set<String>> mentioning = new HashMap<>();
        for (String identifier : keys.identifiers()) {
            for (ContentIndex.Occurrence o : content.occurrences(identifier)) {
                if (!paths.contains(o.path())) {
                    continue;
                }
                if (o.defined()) {
                    definers.add(o.path());
                }
                if (o.inCode()) {
                    usingInCode.add(o.path());
                }
                mentioning.computeIfAbsent(o.path(), k -> new HashSet<>()).add(identifier);
            }
        }
        if (definers.isEmpty()) {
            return chosen;
        }
        List<FileMatch> kept = chosen.stream().filter(c -> definers.contains(c.path()) || usingInCode.contains(c.path())
                || !mentioning.containsKey(c.path())).toList();
        return kept.isEmpty() ? chosen : kept;
    }

    /**
     * The objective names one module by its name, in code form or as a path ("with the `toc` extension"): a chosen
     * sibling in the same directory (another extension) that never mentions that name, and that the named module does
     * not import, is another module sharing the objective's everyday words ("unique", "ids"), not part of the change.
     */
    static List<FileMatch> withoutOtherNamedSiblings(List<FileMatch> chosen, Keys keys, WorkspaceFacts facts, Set<String> projectNames) {
        if (chosen.size() < 2) {
            return chosen;
        }
        List<FileMatch> named = chosen.stream().filter(c -> {
            String stem = ObjectiveTerms.stem(SourceGraph.baseName(c.path()));
            return stem.length() > 2 && keys.pathWords().contains(stem) && !projectNames.contains(stem) && code(c.path(), facts.content());
        }).toList();
        if (named.isEmpty()) {
            return chosen;
        }
        List<FileMatch> kept = new ArrayList<>();
        for (FileMatch c : chosen) {
            boolean otherSibling = !named.contains(c) && named.stream().allMatch(n -> {
                String stem = ObjectiveTerms.stem(SourceGraph.baseName(n.path()));
                return SourceGraph.parent(n.path()).equals(SourceGraph.parent(c.path()))
                        && !c.terms().contains(stem) && !c.terms().contains("name:" + stem)
                        && c.terms().stream().noneMatch(keys.identifiers()::contains)
                        && !facts.graph().importsOf(n.path()).contains(c.path()) && !facts.graph().importsOf(c.path()).contains(n.path());
            });
            if (!otherSibling) {
                kept.add(c);
            }
        }
        return kept;
    }

    /**
     * Of the chosen code files, one whose code (comments aside) holds only some of the objective's words that another
     * chosen file's code holds, lacking at least two of them, describes or configures what the other does (a safelist
     * whose doc comments explain the rule next to the cleaner that applies it): the change is in the other. A file
     * defining a name the objective gives stays.
     */
    private static boolean java(String path) {
        return path.endsWith(".java");
    }

    static List<FileMatch> withoutDescribers(List<FileMatch> chosen, Keys keys, ContentIndex content) {
        if (chosen.size() < 2) {
            return chosen;
        }
        Set<String> words = new LinkedHashSet<>(keys.direct());
        words.addAll(keys.identifiers());
        words.removeAll(GENERIC_WORDS);
        words.removeAll(keys.consequence());
        Set<String> paths = new HashSet<>();
        chosen.forEach(c -> paths.add(c.path()));
        Map<String, Set<String>> inCode = new HashMap<>();
        Set<String> definers = new HashSet<>();
        for (String word : words) {
            for (ContentIndex.Occurrence o : content.occurrences(word)) {
                if (paths.contains(o.path()) && o.inCode()) {
                    inCode.computeIfAbsent(o.path(), k -> new HashSet<>()).add(word);
                }
                if (paths.contains(o.path()) && o.defined() && keys.identifiers().contains(word)) {
                    definers.add(o.path());
                }
            }
        }
        List<FileMatch> kept = new ArrayList<>();
        for (FileMatch a : chosen) {
            Set<String> own = inCode.getOrDefault(a.path(), Set.of());
            // Java only: a Python or JS vocabulary module (a table of every SQL keyword) holds all the objective's words
            // in code and would make the splitter that uses two of them look like a describer
            boolean describes = java(a.path()) && code(a.path(), content) && !definers.contains(a.path()) && chosen.stream().anyMatch(b -> {
                Set<String> other = inCode.getOrDefault(b.path(), Set.of());
                return b != a && java(b.path()) && code(b.path(), content) && other.containsAll(own) && other.size() - own.size() >= 2;
            });
            if (!describes) {
                kept.add(a);
            }
        }
        return kept.isEmpty() ? chosen : kept;
    }

    /**
     * In a monorepo whose packages share one vocabulary ("changeset", "package", "bump" in all of them), a concept of the
     * objective that only one package's code holds ("frontmatter": the parser) says which package the change is in, when a
     * file of it ranks among the places ({@code leading}); null when no word, or words pointing at different packages, do.
     */
    private static WorkspacePackage conceptPackage(Keys keys, WorkspaceFacts facts, ContentIndex content,
                                                   java.util.function.Predicate<String> candidate, Set<String> projectNames,
                                                   List<String> leading) {
        Set<WorkspacePackage> owners = new HashSet<>();
        for (String key : keys.direct()) {
            if (GENERIC_WORDS.contains(key) || keys.modifiers().contains(key) || projectNames.contains(key)
                    || CODE_KEYWORDS.contains(key) || key.length() < 4) {
                continue;
            }
            Set<WorkspacePackage> holding = new HashSet<>();
            long files = 0;
            boolean usedAgain = false; // "frontmatter" all over the parser, not "whose" once in a comment
            for (ContentIndex.Occurrence o : content.occurrences(key)) {
                if (candidate.test(o.path()) && code(o.path(), content)) {
                    holding.add(facts.packages().of(o.path()));
                    files++;
                    usedAgain |= aboutIt(o);
                }
            }
            if (holding.size() == 1 && files <= 3 && usedAgain && !holding.iterator().next().isRoot()) {
                owners.addAll(holding);
            }
        }
        if (owners.size() != 1) {
            return null;
        }
        WorkspacePackage owner = owners.iterator().next();
        return leading.stream().anyMatch(p -> facts.packages().of(p).equals(owner)) ? owner : null;
    }

    /** eslint.config.mjs, .eslintrc.cjs, prettier.config.js, vitest.config.ts, jakefile.js…: group 1 or 2 is the tool. */
    private static final java.util.regex.Pattern TOOL_CONFIGURATION = java.util.regex.Pattern.compile(
            "\\.?(eslint|prettier|babel|jest|vitest|vite|rollup|webpack|karma|tsup|tsdown|commitlint|stylelint|postcss|tailwind"
            + "|lint-staged|nyc|c8|mocha|ava|xo|biome|esbuild|playwright|cypress|nodemon|typedoc)"
            + "(?:rc(?:\\.(?:[cm]?[jt]s|json|ya?ml))?|[._-]conf(?:ig)?(?:[._-][\\w-]+)?\\.(?:[cm]?[jt]s|json|ya?ml))"
            + "|(jakefile|gulpfile|gruntfile)\\.[cm]?[jt]s");

    /** The tool a configuration file configures (eslint for eslint.config_default.mjs), or null for any other file. */
    static String toolConfiguration(String path) {
        return TOOL_CONFIGURATIONS.get(path);
    }

    /** Kept by path: asked for every candidate file of every plan (see KeptAnswers). */
    private static final KeptAnswers<String> TOOL_CONFIGURATIONS = new KeptAnswers<>(16_384, ChangeLocator::toolConfigurationNow);

    private static String toolConfigurationNow(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        java.util.regex.Matcher m = TOOL_CONFIGURATION.matcher(name);
        return !m.matches() ? null : m.group(1) != null ? m.group(1) : m.group(2);
    }

    /** The objective names the tool ("eslint"), or is about linting, formatting, building or configuration. */
    private static boolean aboutTool(String tool, Keys keys) {
        String stem = ObjectiveTerms.stem(tool);
        return keys.direct().contains(stem) || keys.pathWords().contains(stem) || keys.identifiers().contains(tool)
                || java.util.stream.Stream.of("lint", "linter", "linting", "format", "formatting", "build", "bundle", "config",
                "configuration", "plugin").map(ObjectiveTerms::stem).anyMatch(keys.direct()::contains);
    }

    /** A statement a TypeScript module of types only may start with at its top level. */
    private static final java.util.regex.Pattern TYPE_STATEMENT = java.util.regex.Pattern.compile(
            "^(?:export\\s+)?(?:declare\\s+)?(?:type|interface)\\b|^import\\s+type\\b|^export\\s+type\\s*\\{"
                    + "|^[}\\])>;|&?:]|^//|^/\\*|^\\*");

    /** A .ts module whose every top-level line declares a type (export type, interface, import type): nothing of it runs. */
    static boolean typesOnly(WorkspaceFacts facts, String path) {
        if (path.endsWith(".java")) {
            return abstractInterface(facts, path);
        }
        if (!TS_MODULE.matcher(path).matches() || declarations(path)) {
            return false;
        }
        byte[] bytes = ContentIndex.read(facts.root().resolve(path));
        if (bytes == null) {
            return false;
        }
        boolean any = false;
        for (String line : new String(bytes, java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank() || Character.isWhitespace(line.charAt(0))) {
                continue; // the body of a declaration above
            }
            if (!TYPE_STATEMENT.matcher(line).find()) {
                return false;
            }
            any = true;
        }
        return any;
    }

    private static final java.util.regex.Pattern JAVA_INTERFACE = java.util.regex.Pattern.compile(
            "(?m)^\\s*(?:public\\s+)?(?:sealed\\s+)?interface\\s+\\w+");

    /**
     * A Java interface with nothing but abstract methods (PluginStatusProvider: one brace, its own): like a declaration
     * file, it changes only when the API does; beside the class implementing it, it is not where behaviour is written.
     */
    static boolean abstractInterface(WorkspaceFacts facts, String path) {
        String text = JavaCallees.withoutComments(ManifestFile.read(facts.root(), path));
        return JAVA_INTERFACE.matcher(text).find() && text.chars().filter(c -> c == '{').count() == 1;
    }

    /** A TypeScript declaration file (index.d.ts) or a Python stub (more.pyi): types only, no code. */
    static boolean declarations(String path) {
        return path.endsWith(".d.ts") || path.endsWith(".d.mts") || path.endsWith(".d.cts") || path.endsWith(".pyi");
    }

    /** "add an option", "rename the method", "deprecate the flag": words that add, rename or remove a part of an API. */
    /** A value the objective quotes: 'aAbACCc', "x-y" (not an apostrophe inside a word: the counter's limit). */
    private static final java.util.regex.Pattern QUOTED_VALUE = java.util.regex.Pattern.compile(
            "(?<![\\p{L}\\p{N}])'([^'\\s][^']*)'(?![\\p{L}\\p{N}])|\"([^\"]+)\"");
    private static final java.util.regex.Pattern API_VERB = java.util.regex.Pattern.compile(
            "\\b(?:add|adds|added|adding|new|introduc\\w*|renam\\w*|expos\\w*|deprecat\\w*|remov\\w*|overload\\w*)\\b");
    /** "let `slugifyWithCounter` take the separator": a function the objective names gets a new parameter. */
    private static final java.util.regex.Pattern NAME_TAKES = java.util.regex.Pattern.compile(
            "`[^`]+`\\s+(?:also\\s+)?(?:take|takes|accept|accepts|receive|receives)\\b");
    private static final java.util.regex.Pattern API_NOUN = java.util.regex.Pattern.compile(
            "\\b(?:options?|methods?|functions?|parameters?|params?|propert(?:y|ies)|exports?|types?|apis?|flags?|settings?"
            + "|fields?|arguments?|signatures?|events?|hooks?|class(?:es)?|interfaces?|overloads?|callbacks?)\\b");

    /** The objective says it adds, renames or removes a part of an API ("add an option"), or gives a named function a new parameter. */
    static boolean addsApi(Keys keys) {
        String text = keys.text().toLowerCase(Locale.ROOT);
        return API_VERB.matcher(text).find() && API_NOUN.matcher(text).find() || NAME_TAKES.matcher(text).find();
    }

    /**
     * Whether the objective adds or changes an API, so that type declarations change too: it says so ("add an option"),
     * or it gives a name in code form ({@code `.strict()`}, {@code maxDepth}) that no declaration file holds yet.
     */
    static boolean changesApi(Keys keys, WorkspaceFacts facts) {
        if (addsApi(keys)) {
            return true;
        }
        ContentIndex content = facts.content();
        boolean anyDeclarations = facts.sortedFiles().stream().anyMatch(ChangeLocator::declarations);
        // a name the change only uses ("raise ValueError") is no new API, wherever it is declared; nor is a quoted value ('aAbACCc')
        Set<String> quoted = new HashSet<>();
        java.util.regex.Matcher literal = QUOTED_VALUE.matcher(keys.text());
        while (literal.find()) {
            for (String token : NON_WORD.split(literal.group(1) != null ? literal.group(1) : literal.group(2))) {
                quoted.add(token.toLowerCase(Locale.ROOT));
            }
        }
        return anyDeclarations && keys.identifiers().stream().filter(name -> !keys.usedNames().contains(name) && !quoted.contains(name))
                .anyMatch(name -> content.occurrences(name).stream()
                        // a name the code already holds but no declaration does (an error's columnNumber) is untyped, not new
                        .noneMatch(o -> declarations(o.path()) || code(o.path(), content) && !TestPaths.isTestPath(o.path())));
    }

    /**
     * {@code Version.match}: the file defining that class with that member comes first; a file defining only a function
     * of the member's name (a module-level wrapper that calls the method) is not the place.
     */
    private static List<FileMatch> placeNamedMembers(List<FileMatch> chosen, Keys keys, WorkspaceFacts facts,
                                                     java.util.function.Predicate<String> candidate, Map<String, Double> scores,
                                                     Map<String, Set<String>> terms) {
        if (keys.members().isEmpty()) {
            return chosen;
        }
        List<ClassMembers.Home> homes = keys.members().homes(facts, candidate);
        if (homes.isEmpty()) {
            return chosen;
        }
        Set<String> homePaths = new HashSet<>();
        homes.forEach(h -> homePaths.add(h.path()));
        Set<String> wrappers = new HashSet<>();
        for (String key : keys.members().nameKeys()) {
            facts.content().occurrences(key).stream().filter(o -> o.defined() && !homePaths.contains(o.path()))
                    .forEach(o -> wrappers.add(o.path()));
        }
        List<FileMatch> placed = new ArrayList<>();
        for (ClassMembers.Home home : homes) {
            goDelegate(facts, home).filter(d -> placed.stream().noneMatch(p -> p.path().equals(d))).ifPresent(d -> {
                placed.add(new FileMatch(d, scores.getOrDefault(d, 0.0), new ArrayList<>(terms.getOrDefault(d, Set.of())),
                        evidence(facts, d, keys, Set.of())));
                homePaths.add(d);
            });
            placed.add(new FileMatch(home.path(), scores.getOrDefault(home.path(), 0.0),
                    new ArrayList<>(terms.getOrDefault(home.path(), Set.of())),
                    home.path() + ":" + home.line() + " " + PlanRules.abbreviate(home.text(), 100)));
        }
        for (FileMatch c : chosen) {
            if (!homePaths.contains(c.path()) && !wrappers.contains(c.path()) && placed.size() < MAX_FILES) {
                placed.add(c);
            }
        }
        return placed;
    }

    /** A Go method body up to this long that calls the same-named method on a field wraps it (locks, callbacks). */
    private static final int MAX_DELEGATING_LINES = 20;

    /**
     * A Go method wrapping the same-named method of a field ({@code Cache.Resize}: lock, {@code evicted =
     * c.lru.Resize(size)}, unlock, callbacks) has its work done in the package that field's type comes from: the one file
     * of the packages its file imports that declares that method (simplelru/lru.go) is a place too, beside the wrapper.
     * Empty for any other body, or when no imported file, or several, declare it.
     */
    static Optional<String> goDelegate(WorkspaceFacts facts, ClassMembers.Home home) {
        if (!home.path().endsWith(".go")) {
            return Optional.empty();
        }
        String[] lines = ManifestFile.read(facts.root(), home.path()).split("\n", -1);
        List<String> body = new ArrayList<>();
        for (int i = home.line(); i < lines.length && !lines[i].startsWith("}"); i++) {
            if (!lines[i].isBlank() && !lines[i].strip().startsWith("//")) {
                body.add(lines[i]);
            }
        }
        String name = home.member().name();
        java.util.regex.Pattern handedOn = java.util.regex.Pattern.compile("\\b\\w+\\.\\w+\\." + java.util.regex.Pattern.quote(name) + "\\(");
        if (body.size() > MAX_DELEGATING_LINES || body.stream().filter(l -> handedOn.matcher(l).find()).count() != 1) {
            return Optional.empty();
        }
        java.util.regex.Pattern declares = java.util.regex.Pattern.compile("(?m)^func\\s*\\([^)]*\\)\\s*" + java.util.regex.Pattern.quote(name) + "\\s*[(\\[]");
        List<String> declaring = facts.graph().importsOf(home.path()).stream().filter(f -> !f.equals(home.path()))
                .filter(f -> declares.matcher(ManifestFile.read(facts.root(), f)).find()).distinct().toList();
        return declaring.size() == 1 ? Optional.of(declaring.get(0)) : Optional.empty();
    }

    /**
     * A {@code --flag} or {@code `tool subcommand`}: the file declaring the command line is the place; files chosen for
     * the flag's words (functions taking a parameter of that name) stay only when they define a name the objective gives.
     */
    private static List<FileMatch> placeCommandLine(List<FileMatch> chosen, Keys keys, WorkspaceFacts facts,
                                                    java.util.function.Predicate<String> candidate, Set<String> projectNames,
                                                    Map<String, Double> scores, Map<String, Set<String>> terms) {
        if (keys.commandLine().flags().isEmpty() && keys.commandLine().commands().isEmpty()) {
            return chosen;
        }
        List<CommandLineCues.Declaration> declarations = keys.commandLine().declarations(facts, candidate, projectNames);
        if (declarations.isEmpty()) {
            return chosen;
        }
        Set<String> declaring = new HashSet<>();
        List<FileMatch> placed = new ArrayList<>();
        for (CommandLineCues.Declaration d : declarations) {
            if (declaring.add(d.path()) && placed.size() < MAX_FILES) {
                placed.add(new FileMatch(d.path(), scores.getOrDefault(d.path(), 0.0),
                        new ArrayList<>(terms.getOrDefault(d.path(), Set.of())),
                        d.line() > 0 ? d.path() + ":" + d.line() + " " + PlanRules.abbreviate(d.text(), 100)
                                : d.path() + " (the project's console entry point)"));
            }
        }
        for (FileMatch c : chosen) {
            boolean definesNamed = keys.identifiers().stream().anyMatch(id -> facts.content().occurrences(id).stream()
                    .anyMatch(o -> o.defined() && o.path().equals(c.path())))
                    || keys.members().homes(facts, c.path()::equals).size() > 0;
            if (!declaring.contains(c.path()) && definesNamed && placed.size() < MAX_FILES) {
                placed.add(c);
            }
        }
        return placed;
    }

    /**
     * A function the objective names often hands the behaviour one call down (isURL checks its host with isFQDN, where
     * "disallow parts starting or ending with hyphen" is): when a file the chosen file defining a name the objective gives
     * imports holds two or more rare words of the objective's own that the named file lacks, the callee is where that rule
     * lives and joins the change (the named file stays: an option may be passed through it); the callee holding the most.
     */
    static List<FileMatch> followCalls(List<FileMatch> chosen, Keys keys, WorkspaceFacts facts,
                                       java.util.function.Predicate<String> candidate, Set<String> definedNames,
                                       Set<String> partsOfDefinedNames, Set<String> projectNames, Map<String, Double> scores,
                                       Map<String, Set<String>> terms, long sources) {
        if (definedNames.isEmpty() || chosen.isEmpty() || chosen.size() >= MAX_FILES) {
            return chosen;
        }
        ContentIndex content = facts.content();
        List<FileMatch> result = new ArrayList<>(chosen);
        for (FileMatch named : chosen) {
            if (definedNames.stream().noneMatch(n -> content.occurrences(n).stream()
                    .anyMatch(o -> o.defined() && o.path().equals(named.path())))) {
                continue;
            }
            Set<String> here = terms.getOrDefault(named.path(), Set.of());
            // the objective's own words the named file lacks, rare in the product's code: what it says, not what it names
            List<String> lacking = keys.direct().stream().filter(w -> w.length() >= 4 && !here.contains(w)
                    && !GENERIC_WORDS.contains(w) && !CODE_KEYWORDS.contains(w) && !keys.modifiers().contains(w)
                    && !keys.consequence().contains(w) && !projectNames.contains(w) && !partsOfDefinedNames.contains(w)
                    && !keys.identifiers().contains(w)
                    && content.occurrences(w).stream().filter(o -> code(o.path(), content)).count() <= Math.max(3, sources / 10))
                    .toList();
            String callee = null;
            int most = MIN_CALLEE_WORDS - 1; // one shared word is chance (a "reject numeric TLDs" comment); two say where the rule is
            for (String imported : lacking.size() < MIN_CALLEE_WORDS ? List.<String>of() : facts.graph().importsOf(named.path())) {
                if (!candidate.test(imported) || !code(imported, content) || !content.kind(imported).editable()
                        || result.stream().anyMatch(m -> m.path().equals(imported))) {
                    continue;
                }
                Set<String> there = terms.getOrDefault(imported, Set.of());
                int held = (int) lacking.stream().filter(there::contains).count();
                if (held > most) {
                    most = held;
                    callee = imported;
                }
            }
            if (callee != null && result.size() < MAX_FILES) {
                result.add(result.indexOf(named) + 1, new FileMatch(callee, scores.getOrDefault(callee, 0.0),
                        new ArrayList<>(terms.getOrDefault(callee, Set.of())), evidence(facts, callee, keys, projectNames)));
            }
        }
        return result;
    }

    /** One code file holds the word, and only as a part of its names (cutSrc), never as a word of its own. */
    private static boolean onlyInsideOneFilesNames(List<ContentIndex.Occurrence> occurrences, ContentIndex content) {
        List<ContentIndex.Occurrence> inCode = occurrences.stream().filter(o -> code(o.path(), content)).toList();
        return inCode.size() == 1 && !inCode.get(0).standalone();
    }

    /**
     * The one code file using the word in its code, more than once (`opts.Contains("omitempty")` twice in the encoder):
     * an option or mode only it handles is what it is about, however few times it is written.
     */
    private static boolean soleUser(ContentIndex.Occurrence o, List<ContentIndex.Occurrence> occurrences, ContentIndex content) {
        return o.inCode() && o.count() >= 2 && o.standalone()
                && occurrences.stream().filter(other -> code(other.path(), content)).count() == 1;
    }

    /** The file uses the word again and again, or defines it (function naturalsize): it is about that word. */
    private static boolean aboutIt(ContentIndex.Occurrence o) {
        return o.count() >= FOCUS_REPEATS || o.defined() && o.standalone();
    }

    /** A file of the product's code a change could go to: source, not a test, not a manifest (a pom's "sign" plugin). */
    private static boolean code(String path, ContentIndex content) {
        return candidate(path) && content.kind(path) == FileKind.SOURCE && !isManifest(path);
    }

    /** None of the file's matched words (in its contents or its name) is one of {@code anchors}. */
    private static boolean mentionsNone(Set<String> found, Set<String> anchors) {
        for (String term : found) {
            if (anchors.contains(term.startsWith("name:") ? term.substring(5) : term)) {
                return false;
            }
        }
        return true;
    }

    private static Set<String> anchorsIn(Set<String> found, Set<String> anchors) {
        Set<String> in = new HashSet<>();
        for (String term : found) {
            String key = term.startsWith("name:") ? term.substring(5) : term;
            if (anchors.contains(key)) {
                in.add(key);
            }
        }
        return in;
    }

    /** The file's own name has one of the objective's words ("the echo server" → tools/echo-server.js). */
    private static boolean namedByObjective(Set<String> found, Keys keys) {
        return found.stream().anyMatch(t -> t.startsWith("name:") && keys.direct().contains(t.substring(5))
                && !GENERIC_WORDS.contains(t.substring(5)));
    }

    /** The objective names a secondary directory on the path ("the benchmark", "the build script"). */
    private static boolean namesSecondaryDirectory(String path, Keys keys) {
        String[] parts = path.split("/");
        // a benchmark module (benchmark.js at the root) is named by its file, as a directory is by its name
        parts[parts.length - 1] = SECONDARY_FILES.contains(SourceGraph.baseName(path).toLowerCase(Locale.ROOT))
                ? SourceGraph.baseName(path) : parts[parts.length - 1];
        for (String part : parts) {
            if (SECONDARY_DIRECTORIES.contains(part.toLowerCase(Locale.ROOT))
                    && (keys.direct().contains(ObjectiveTerms.stem(part)) || keys.direct().contains(part.toLowerCase(Locale.ROOT)))) {
                return true;
            }
        }
        return false;
    }

    /** Words that make an objective about a manifest: its dependencies, scripts, engines, its own file name. */
    private static final Set<String> MANIFEST_WORDS = Set.copyOf(java.util.stream.Stream.of("dependency", "dependencies",
            "depend", "script", "scripts", "manifest", "engines", "engine", "plugin", "plugins", "publish",
            "build", "upgrade", "bump", "exports").map(ObjectiveTerms::stem).collect(java.util.stream.Collectors.toSet()));

    private static boolean isManifest(String path) {
        return MANIFEST_PATHS.get(path);
    }

    private static final KeptAnswers<Boolean> MANIFEST_PATHS = new KeptAnswers<>(16_384, ChangeLocator::isManifestNow);

    private static boolean isManifestNow(String path) {
        return MANIFESTS.contains(path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT));
    }

    private static boolean aboutManifest(String path, Keys keys) {
        String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        String bare = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
        return keys.direct().contains(ObjectiveTerms.stem(bare)) || keys.direct().stream().anyMatch(MANIFEST_WORDS::contains);
    }

    /** Some of the words that matched a file are not generic ones. */
    private static boolean specific(Set<String> found) {
        for (String term : found) {
            if (!GENERIC_WORDS.contains(term.startsWith("name:") ? term.substring(5) : term)) {
                return true;
            }
        }
        return false;
    }

    /** The file matched one of the objective's own words or identifiers (not only a synonym of one). */
    private static boolean direct(Set<String> found, Keys keys) {
        for (String term : found) {
            String key = term.startsWith("name:") ? term.substring(5) : term;
            if ((keys.direct().contains(key) || keys.identifiers().contains(key)) && !GENERIC_WORDS.contains(key)) {
                return true;
            }
        }
        return false;
    }

    private static boolean callerOfChosen(String file, List<FileMatch> chosen, WorkspaceFacts facts, Keys keys) {
        List<String> imports = facts.graph().importsOf(file);
        WorkspacePackage pkg = facts.packages().of(file);
        for (FileMatch c : chosen) {
            WorkspacePackage other = facts.packages().of(c.path());
            // a Java class of the same package uses another without an import: a caller of the class the objective names
            // (not of one defining a name it says the change uses: the reader throwing the exception is the place)
            if (imports.contains(c.path()) || JavaCallees.samePackageUser(facts, file, c.path()) && definesAny(facts, c.path(),
                    keys.identifiers().stream().filter(id -> !keys.usedNames().contains(id)).toList())
                    || (!pkg.equals(other) && facts.packages().dependsOn(facts.root(), pkg, other))) {
                return true;
            }
        }
        return false;
    }

    private static boolean definesAny(WorkspaceFacts facts, String path, List<String> names) {
        return names.stream().anyMatch(n -> facts.content().occurrences(n).stream().anyMatch(o -> o.defined() && o.path().equals(path)));
    }

    private static void nameHit(Map<String, Double> scores, Map<String, Set<String>> terms, String file, String stem,
                                double points, WorkspaceFacts facts) {
        Set<String> seen = terms.computeIfAbsent(file, k -> new LinkedHashSet<>());
        if (seen.add("name:" + stem)) {
            scores.merge(file, points * Math.max(0.25, facts.content().kind(file).weight()) * placeWeight(file)
                    * roleWeight(facts.content(), file, false), Double::sum);
        }
    }

    /** Where the product's own code rarely lives: tooling, examples, docs builds, benchmarks. */
    private static final Set<String> SECONDARY_DIRECTORIES = Set.of("tools", "tool", "scripts", "script", "examples", "example",
            "samples", "sample", "fixtures", "docs", "doc", "bench", "benchmarks", "benchmark", "demo", "demos", "bin", "website",
            "site", ".github", "ci", "e2e");

    /**
     * Modules that only exercise the product's functions, by their name alone (benchmark.js beside index.js): they call
     * what they measure, by name, and are no more its place than a benchmarks directory is.
     */
    private static final Set<String> SECONDARY_FILES = Set.of("bench", "benchmark", "benchmarks");

    /** The objective is about what a package exports: its re-exporting files are then the place. */
    private static final java.util.regex.Pattern EXPORTS = java.util.regex.Pattern.compile(
            "(?i)\\b(?:re-?exports?|exports?(?:ed|ing)?|import(?:ed|able)?\\s+from|entry\\s*point|barrel)\\b");

    /** Manifests, re-exporting index files and prose mention everything and are rarely where a change goes. */
    private static final Set<String> MANIFESTS = Set.of("package.json", "pom.xml", "cargo.toml", "go.mod", "pyproject.toml",
            "setup.py", "setup.cfg", "build.gradle", "build.gradle.kts", "settings.gradle", "tsconfig.json", "tox.ini");

    static double roleWeight(ContentIndex content, String path, boolean aboutDocs) {
        String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        if (MANIFESTS.contains(name)) {
            return 0.2;
        }
        if (content.barrel(path)) {
            return 0.3;
        }
        if (!aboutDocs && FileKind.ofPath(path) == FileKind.DOCUMENTATION) {
            return 0.4;
        }
        return 1.0;
    }

    /** A package of test support beside the code (internal/teststructs, testutil, testdata): inputs and helpers of tests. */
    private static final java.util.regex.Pattern TEST_SUPPORT_DIRECTORY = java.util.regex.Pattern.compile("(?i)test(?!s$|ing$)[\\w-]+");

    static double placeWeight(String path) {
        return PLACE_WEIGHTS.get(path);
    }

    /** Kept by path: asked for each occurrence of each of the objective's words (see KeptAnswers). */
    private static final KeptAnswers<Double> PLACE_WEIGHTS = new KeptAnswers<>(16_384, ChangeLocator::placeWeightNow);

    private static double placeWeightNow(String path) {
        int slash = path.indexOf('/');
        int start = 0;
        while (slash > 0) {
            String part = path.substring(start, slash);
            if (SECONDARY_DIRECTORIES.contains(part.toLowerCase(Locale.ROOT)) || TEST_SUPPORT_DIRECTORY.matcher(part).matches()) {
                return 0.4;
            }
            start = slash + 1;
            slash = path.indexOf('/', start);
        }
        return SECONDARY_FILES.contains(SourceGraph.baseName(path).toLowerCase(Locale.ROOT)) ? 0.4 : 1.0;
    }

    private static final java.util.regex.Pattern CODE_SPAN = java.util.regex.Pattern.compile("`([^`\\n]+)`");
    private static final java.util.regex.Pattern CALL_OR_OPTION = java.util.regex.Pattern.compile(
            "^\\.?[\\p{L}_$][\\p{L}\\p{N}_$]*(?:\\(.*\\)|\\s*[:=].*)$");
    /** A piece of code that no word is: letters or digits with something no identifier has (<-chan, chan<-, ->x). */
    private static final java.util.regex.Pattern FRAGMENT = java.util.regex.Pattern.compile(
            "(?=.*[\\p{L}\\p{N}])(?=.*[^\\p{L}\\p{N}_$])[^\\s`]{4,80}");
    /** Tests read for the objective's code fragments: a bound for big suites. */
    private static final int MAX_FRAGMENT_TESTS = 100;

    /**
     * The values the objective writes in code form ({@code cues.literals()}) and the pieces of its spaced code spans that
     * are code rather than words: {@code <-chan} and {@code chan<-} of {@code `<-chan T`} and {@code `chan<- T`}.
     */
    static List<String> codeFragments(String objective, CoveringTests.Cues cues) {
        List<String> fragments = new ArrayList<>(cues.literals());
        java.util.regex.Matcher span = CODE_SPAN.matcher(objective);
        while (span.find()) {
            // a span holding spaces that is not a call or an option shows output (`<-chan T`): its pieces are code
            String code = span.group(1).strip();
            if (!code.matches("(?s).*\\s.*") || CALL_OR_OPTION.matcher(code).matches()) {
                continue;
            }
            for (String piece : code.split("\\s+")) {
                String trimmed = piece.replaceAll("^[,;.:()\\[\\]{}]+|[,;.:()\\[\\]{}]+$", "");
                if (FRAGMENT.matcher(trimmed).matches() && !fragments.contains(trimmed)) {
                    fragments.add(trimmed);
                }
            }
        }
        return fragments;
    }

    /**
     * The code files that tests asserting every fragment verbatim are named after (name_test.go → name.go beside it, else
     * the one file of that name): where the output those tests expect is produced.
     */
    static Set<String> producersAssertedByTests(List<String> fragments, WorkspaceFacts facts,
                                                java.util.function.Predicate<String> candidate) {
        ContentIndex content = facts.content();
        Set<String> tests = null;
        for (String fragment : fragments) {
            for (String stem : ObjectiveTerms.of(fragment)) {
                Set<String> holding = new HashSet<>();
                content.occurrences(stem).stream().filter(o -> TestPaths.isTestPath(o.path())).forEach(o -> holding.add(o.path()));
                if (tests == null) {
                    tests = holding;
                } else {
                    tests.retainAll(holding);
                }
            }
        }
        Set<String> producers = new LinkedHashSet<>();
        if (tests == null) {
            return producers;
        }
        List<String> sorted = new ArrayList<>(tests);
        java.util.Collections.sort(sorted);
        for (String test : sorted.subList(0, Math.min(sorted.size(), MAX_FRAGMENT_TESTS))) {
            byte[] bytes = ContentIndex.read(facts.root().resolve(test));
            String text = bytes == null ? "" : new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
            if (!fragments.stream().allMatch(text::contains)) {
                continue;
            }
            String base = SourceGraph.baseName(test);
            List<String> named = facts.sortedFiles().stream().filter(p -> candidate.test(p) && code(p, content)
                    && content.kind(p).editable() && SourceGraph.baseName(p).equals(base)).toList();
            List<String> beside = named.stream().filter(p -> SourceGraph.parent(p).equals(SourceGraph.parent(test))).toList();
            producers.addAll(!beside.isEmpty() ? beside : named.size() == 1 ? named : List.of());
        }
        return producers;
    }

    /** Files that can be a place to change: not tests, not agent instructions, not secondary (examples, docs builds). */
    /**
     * The text of each of {@code paths} that is product code the planner may change (a source file, not a test), in their
     * order: what the rules reading files for a literal, a flag's test or a setter look through.
     */
    static Map<String, String> productTexts(java.util.Collection<String> paths, WorkspaceFacts facts,
                                            java.util.function.Predicate<String> candidate) {
        Map<String, String> texts = new java.util.LinkedHashMap<>();
        for (String path : paths) {
            if (facts.content().kind(path) == FileKind.SOURCE && !TestPaths.isTestPath(path) && candidate.test(path) && candidate(path)) {
                byte[] bytes = ContentIndex.read(facts.root().resolve(path));
                texts.put(path, bytes == null ? "" : new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return texts;
    }

    static boolean candidate(String path) {
        return CANDIDATES.get(path);
    }

    /** Kept by path: asked for each occurrence of each of the objective's words (see KeptAnswers). */
    private static final KeptAnswers<Boolean> CANDIDATES = new KeptAnswers<>(16_384, ChangeLocator::candidateNow);

    private static boolean candidateNow(String path) {
        if (TestPaths.isTestPath(path)) {
            return false;
        }
        String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        return !INSTRUCTION_FILES.contains(name) && FileKind.ofPath(path) != FileKind.OTHER;
    }

    private static final java.util.regex.Pattern IMPORT_LINE = java.util.regex.Pattern.compile(
            "\\s*(?:import\\s+(?:static\\s+)?[\\w.*]+\\s*;|package\\s+[\\w.]+\\s*;?|from\\s+[\\w.]+\\s+import\\s.*|use\\s+[\\w:{}*,\\s]+;)\\s*");

    /** The line of {@code path} with the most of the objective's words: "src/settings/index.js:2 theme: 'light'". */
    static String evidence(WorkspaceFacts facts, String path, Keys keys, Set<String> projectNames) {
        Path file = facts.root().resolve(path);
        byte[] bytes = ContentIndex.read(file);
        if (bytes != null) {
            EvidenceLines text = EvidenceLines.of(file, bytes);
            CoveringTests.Cues cues = CoveringTests.Cues.of(keys.text());
            List<String> quoted = new ArrayList<>(cues.quoted());
            quoted.addAll(cues.literals());
            int bestLine = -1;
            double bestScore = 0;
            for (int i = 0; i < text.scored(); i++) {
                if (IMPORT_LINE.matcher(text.line(i)).matches()) {
                    continue; // an import names what the file uses, not where it is about the objective
                }
                // the line writing the text the objective quotes (`default: ${…}` for "(default: …)") is where it is produced
                String line = text.line(i);
                double score = 8 * quoted.stream().filter(line::contains).count();
                Set<String> seen = new HashSet<>();
                for (EvidenceLines.Word word : text.words(i)) {
                    String lower = word.lower();
                    if (keys.identifiers().contains(lower) && seen.add(lower)) {
                        score += 6;
                    }
                    for (String stem : word.stems()) {
                        if (seen.add(stem)) {
                            double points = keys.direct().contains(stem) ? 2 : keys.related().contains(stem) ? 1 : 0;
                            score += projectNames.contains(stem) ? points / 4 : points;
                        }
                    }
                }
                if (score > bestScore) {
                    bestScore = score;
                    bestLine = i;
                }
            }
            if (bestLine >= 0) {
                return path + ":" + (bestLine + 1) + " " + PlanRules.abbreviate(text.line(bestLine).strip(), 100);
            }
        }
        return path + " (its name matches the objective)";
    }

    private static int depth(String path) {
        int depth = 0;
        for (int i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
            depth++;
        }
        return depth;
    }

    /** Stems of words that name the project itself: its package names and its directory's name. */
    public static Set<String> projectNames(WorkspaceFacts facts) {
        // the workspace's alone: once per scan (see ContentIndex.derived), not once per request
        return facts.content().derived("ChangeLocator.projectNames", () -> java.util.Collections.unmodifiableSet(projectNamesNow(facts)));
    }

    static Set<String> projectNamesNow(WorkspaceFacts facts) {
        Set<String> names = new LinkedHashSet<>();
        List<String> raw = new ArrayList<>();
        raw.add(facts.packages().root().name());
        raw.add(facts.root().getFileName() == null ? "" : facts.root().getFileName().toString());
        for (String name : raw) {
            for (String part : name.split("[^\\p{L}\\p{N}]+")) {
                if (part.length() > 2) {
                    names.add(ObjectiveTerms.stem(part));
                }
            }
        }
        return names;
    }
}
