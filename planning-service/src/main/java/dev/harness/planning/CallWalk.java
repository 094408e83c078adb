package dev.harness.planning;

import java.util.ArrayList;
import java.util.HashSet;
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
 * The calls below the files the ranking finds, followed by name in the project's code (Java, Go, Python,
 * JavaScript/TypeScript): the files an objective written in prose matches often only use the function it speaks of, and
 * that function often hands the work on in one statement. The function the objective spells in its words, or the one its
 * delegate calls a hop or two down, is the place.
 */
final class CallWalk {
    /** How far calls are followed: the start's callees and theirs. */
    private static final int MAX_HOPS = 2;
    /** A name more files than this hold is everybody's (format, get): its definitions say nothing about which is called. */
    private static final int MAX_HOLDERS = 30;
    /** Files defining a called name: more is an interface's many implementations, no one place. */
    private static final int MAX_DEFINERS = 2;
    private static final Pattern CALL = Pattern.compile("(?<![\\p{L}\\p{N}_$])([\\p{L}_$][\\p{L}\\p{N}_$]*)\\s*\\(");
    private static final Set<String> NOT_CALLS = Set.of("if", "for", "while", "switch", "catch", "return", "function", "new",
            "typeof", "super", "this", "synchronized", "elif", "and", "or", "not", "in", "print", "len", "make", "append",
            "func", "defer", "go", "assert", "with", "except", "lambda", "yield", "await", "async", "throw", "delete", "void");
    private static final Pattern JAVA_METHOD = Pattern.compile("(?m)^[ \\t]*(?:@\\w+\\s+)*(?:(?:public|protected|private|static|final"
            + "|synchronized|abstract|default)\\s+)*(?:<[^>]+>\\s+)?[\\w.<>\\[\\],?]+(?:<[^;{}()]*>)?\\s+(\\w+)\\s*\\([^)]*\\)[^;{]*\\{");
    private static final Pattern GO_FUNC = Pattern.compile("(?m)^func\\s+(?:\\([^)]*\\)\\s*)?([\\p{L}_][\\p{L}\\p{N}_]*)\\s*[\\[(]");
    private static final Pattern PYTHON_DEF = Pattern.compile("(?m)^[ \\t]*(?:async\\s+)?def\\s+(\\w+)\\s*\\(");
    private static final Pattern SCRIPT_FUNCTION = Pattern.compile("(?m)(?:\\bfunction\\s*\\*?\\s*([\\p{L}_$][\\p{L}\\p{N}_$]*)\\s*\\("
            + "|([\\p{L}_$][\\p{L}\\p{N}_$]*)\\s*[:=]\\s*(?:async\\s+)?(?:function\\b[^(\\n]*\\(|\\([^)\\n]*\\)\\s*=>|[\\p{L}_$][\\p{L}\\p{N}_$]*\\s*=>)"
            + "|^[ \\t]*(?:(?:static|async|public|private|protected|get|set)\\s+)*([\\p{L}_$][\\p{L}\\p{N}_$]*)\\s*\\([^()\\n]*\\)\\s*(?::[^{\\n]+)?\\{)");

    /** A function of the project: its file, its name, its declaration and its body. */
    record Function(String path, String name, String declaration, String body) {}

    private CallWalk() {}

    /**
     * The chosen files replaced by the file of the one function they call whose name is spelled in the objective's own
     * words, three or more ("the mapping of the month of the year" for monthYearMapping, called by the files using it):
     * that function is what the objective speaks of, its callers only use it. A one-statement delegate ({@code return
     * source.shiftTo(month, target);}) hands the work on: the function it calls, a call or two down, is the place.
     * Otherwise the chosen files as they were. Not when the objective writes names: what it names says where.
     */
    static List<ChangeLocator.FileMatch> towardsSpelledCallee(List<ChangeLocator.FileMatch> chosen, ChangeLocator.Keys keys,
                                                              WorkspaceFacts facts, Predicate<String> candidate,
                                                              Map<String, Double> scores, Map<String, Set<String>> terms,
                                                              Set<String> projectNames) {
        if (chosen.isEmpty() || !keys.identifiers().isEmpty() || !keys.members().isEmpty()) {
            return chosen;
        }
        Set<String> words = new HashSet<>(keys.direct());
        words.removeAll(projectNames);
        Set<String> chosenPaths = new HashSet<>();
        chosen.forEach(c -> chosenPaths.add(c.path()));
        Map<String, List<Function>> spelled = new LinkedHashMap<>();
        Map<String, Function> callers = new LinkedHashMap<>();
        for (ChangeLocator.FileMatch c : chosen) {
            if (language(c.path()) == null) {
                continue;
            }
            for (Function f : functions(facts, c.path())) {
                for (String called : calls(f)) {
                    List<String> parts = ContentIndex.splitIdentifier(called);
                    if (parts.size() < MIN_SPELLED_WORDS || spelled.containsKey(called)
                            || !parts.stream().allMatch(p -> words.contains(ObjectiveTerms.stem(p.toLowerCase(Locale.ROOT))))) {
                        continue;
                    }
                    List<Function> defs = definitions(called, c.path(), facts, candidate).stream()
                            .filter(d -> !chosenPaths.contains(d.path())).toList();
                    if (!defs.isEmpty() && defs.stream().map(Function::path).distinct().count() == 1) {
                        spelled.put(called, defs);
                        callers.put(called, f);
                    }
                }
            }
        }
        // several spelled callees of one file (packSynchsafeInteger and unpackSynchsafeInteger) are that file's pair of ways
        if (spelled.isEmpty() || spelled.values().stream().map(defs -> defs.get(0).path()).distinct().count() != 1) {
            return chosen;
        }
        Function place = spelled.values().iterator().next().get(0);
        String via = null;
        for (int hop = 0; hop < (spelled.size() == 1 ? MAX_HOPS : 0); hop++) {
            String delegated = delegatedTo(place);
            List<Function> next = delegated == null ? List.of() : definitions(delegated, place.path(), facts, candidate);
            if (next.size() != 1) {
                break;
            }
            via = via == null ? place.path() : via;
            place = next.get(0);
        }
        String path = place.path();
        String from = callers.values().iterator().next().path();
        return ChangeLocator.alone(path, chosen, scores, terms, path + " " + place.name() + (via == null ? "" : ", through "
                + via) + ", called from " + from);
    }

    /**
     * The chosen files without a later one the first file's functions most about the objective do not reach by their
     * calls (two hops) and that has no part of the objective's own: it holds none of the names the objective writes as
     * code when the first holds one (else none of the names it gives that the project defines, {@code anchors}), or it
     * declares none of those names (a forwarding {@code return provider.isPluginDisabled(id)} aside) while the first does
     * or while it lacks the rarest of them the first holds (`idna2008`, not the `encode()` every module has). Such a file
     * shares the objective's words ("padded on left" in a formatter's comment beside the builtin `pad_left`), not its
     * work. A callee doing the work (isURL's isFQDN, copy's checkPaths) stays; so do type declarations, tests, and a
     * benchmark or script, chosen only when the objective names it.
     */
    static List<ChangeLocator.FileMatch> withoutUncalledNeighbours(List<ChangeLocator.FileMatch> chosen, ChangeLocator.Keys keys,
                                                                   WorkspaceFacts facts, Predicate<String> candidate,
                                                                   Map<String, Set<String>> terms, Set<String> anchors) {
        if (chosen.size() < 2) {
            return chosen;
        }
        String first = chosen.get(0).path();
        Set<String> held = terms.getOrDefault(first, Set.of());
        Set<String> identifiers = keys.identifiers();
        // the concepts the project defines are wider than the names written as code (`pad` for pad_left): only without one
        Set<String> names = identifiers.stream().anyMatch(held::contains) ? identifiers : anchors;
        if (language(first) == null || held.stream().noneMatch(names::contains)) {
            return chosen;
        }
        String rarest = identifiers.stream().filter(held::contains)
                .min(java.util.Comparator.comparingInt(n -> facts.content().documentFrequency(n))).orElse(null);
        boolean firstDeclares = declaresAny(facts, first, identifiers);
        Set<String> reached = reachedFrom(first, keys, facts, candidate);
        if (reached == null) {
            return chosen;
        }
        List<ChangeLocator.FileMatch> kept = new ArrayList<>(List.of(chosen.get(0)));
        for (ChangeLocator.FileMatch c : chosen.subList(1, chosen.size())) {
            Set<String> found = terms.getOrDefault(c.path(), Set.of());
            boolean ownPart = language(c.path()) == null || ChangeLocator.declarations(c.path()) || TestPaths.isTestPath(c.path())
                    || reached.contains(c.path()) || ChangeLocator.placeWeight(c.path()) < 1;
            boolean bystander = !ownPart && (found.stream().noneMatch(names::contains)
                    || !declaresAny(facts, c.path(), identifiers) && (firstDeclares || rarest != null && !found.contains(rarest)));
            if (!bystander) {
                kept.add(c);
            }
        }
        return kept;
    }

    /**
     * The files defining what the functions of {@code path} holding most of the objective's words call, two hops down;
     * null when no function there holds any of them.
     */
    private static Set<String> reachedFrom(String path, ChangeLocator.Keys keys, WorkspaceFacts facts, Predicate<String> candidate) {
        Set<String> words = new HashSet<>(keys.identifiers());
        words.addAll(keys.direct());
        List<Function> start = new ArrayList<>();
        long most = 0;
        for (Function f : functions(facts, path)) {
            long found = wordsOf(f).stream().filter(words::contains).count();
            if (found > most) {
                start.clear();
                most = found;
            }
            if (found == most && found > 0) {
                start.add(f);
            }
        }
        if (start.isEmpty()) {
            return null;
        }
        Set<String> reached = new HashSet<>();
        Set<String> seen = new HashSet<>();
        List<Function> wave = start;
        for (int hop = 0; hop < MAX_HOPS && !wave.isEmpty(); hop++) {
            List<Function> next = new ArrayList<>();
            for (Function f : wave) {
                for (String called : calls(f)) {
                    if (seen.add(called)) {
                        for (Function d : definitions(called, f.path(), facts, candidate)) {
                            reached.add(d.path());
                            next.add(d);
                        }
                    }
                }
            }
            wave = next;
        }
        return reached;
    }

    /** {@code class Name}, {@code type Name struct}, {@code def name}: a declaration of a type or a function by its name. */
    private static final Pattern TYPE_DECLARATION = Pattern.compile(
            "\\b(?:class|interface|enum|record|struct|trait|type)\\s+([\\p{L}_$][\\p{L}\\p{N}_$]*)");

    /**
     * Whether {@code path} declares a type or a function named one of {@code names}; a function only handing the call to
     * its namesake ({@code return pluginStatusProvider.isPluginDisabled(pluginId);}) declares nothing of its own.
     */
    private static boolean declaresAny(WorkspaceFacts facts, String path, Set<String> names) {
        if (names.isEmpty()) {
            return false;
        }
        Matcher type = TYPE_DECLARATION.matcher(ManifestFile.read(facts.root(), path));
        while (type.find()) {
            if (names.contains(ClassMembers.indexKey(type.group(1)))) {
                return true;
            }
        }
        for (Function f : functions(facts, path)) {
            if (names.contains(ClassMembers.indexKey(f.name()))) {
                Matcher forward = DELEGATING.matcher(JavaCallees.withoutComments(f.body()));
                if (!forward.matches() || !forward.group(1).equals(f.name())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The words a function's name and body are written in, whole and split, lower case and stemmed. */
    private static Set<String> wordsOf(Function f) {
        Set<String> words = new HashSet<>();
        for (String token : NON_WORD.split(f.declaration() + " " + f.body())) {
            if (token.length() < 2) {
                continue;
            }
            words.add(token.toLowerCase(Locale.ROOT));
            for (String part : ContentIndex.splitIdentifier(token)) {
                words.add(ObjectiveTerms.stem(part));
            }
        }
        return words;
    }

    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}_$]+");

    /**
     * The chosen files replaced by the one file implementing the function the objective names, when a code file holding
     * that name hands it to a namesake marked as its implementation ({@code getPlugin(PluginPatches).applyPatches_} for
     * `applyPatches`; {@code _name}, {@code nameImpl}, {@code doName}, {@code nameInternal} likewise) declared in one other
     * code file: the wrapper and the files sharing its words only lead there. Otherwise the chosen files as they were.
     */
    static List<ChangeLocator.FileMatch> towardsImplementation(List<ChangeLocator.FileMatch> chosen, ChangeLocator.Keys keys,
                                                              WorkspaceFacts facts, Predicate<String> candidate,
                                                              Map<String, Double> scores, Map<String, Set<String>> terms) {
        if (chosen.isEmpty() || keys.identifiers().isEmpty()) {
            return chosen;
        }
        Set<String> places = new java.util.LinkedHashSet<>();
        String via = null;
        for (String identifier : keys.identifiers()) {
            List<ContentIndex.Occurrence> holders = facts.content().occurrences(identifier);
            if (holders.size() > MAX_HOLDERS) {
                continue;
            }
            for (ContentIndex.Occurrence o : holders) {
                if (!o.inCode() || language(o.path()) == null || TestPaths.isTestPath(o.path()) || !candidate.test(o.path())) {
                    continue;
                }
                String code = JavaCallees.withoutComments(ManifestFile.read(facts.root(), o.path()));
                Matcher written = Pattern.compile("(?<![\\p{L}\\p{N}_$])(?i:" + Pattern.quote(identifier) + ")(?![\\p{L}\\p{N}_$])").matcher(code);
                if (!written.find()) {
                    continue;
                }
                String name = written.group();
                String cap = Character.toUpperCase(name.charAt(0)) + name.substring(1);
                for (String variant : List.of(name + "_", "_" + name, name + "Impl", name + "_impl", "do" + cap, name + "Internal")) {
                    if (!Pattern.compile("(?<![\\p{L}\\p{N}_$])" + Pattern.quote(variant) + "(?![\\p{L}\\p{N}_$])").matcher(code).find()) {
                        continue;
                    }
                    String from = o.path();
                    facts.content().occurrences(ClassMembers.indexKey(variant)).stream()
                            .filter(d -> d.defined() && !d.path().equals(from) && candidate.test(d.path()) && ChangeLocator.candidate(d.path())
                                    && !TestPaths.isTestPath(d.path()) && language(from).equals(language(d.path()))
                                    && hasBody(ManifestFile.read(facts.root(), d.path()), variant))
                            .forEach(d -> places.add(d.path()));
                    via = via == null ? from + " " + name + " → " + variant : via;
                }
            }
        }
        if (places.size() != 1) {
            return chosen;
        }
        String path = places.iterator().next();
        return ChangeLocator.alone(path, chosen, scores, terms, path + " (the implementation: " + via + ")");
    }

    /**
     * The first chosen file replaced by the one file its calls reach (two hops) that holds in code a name the objective
     * writes which the first holds only in its comments ("Fields of type []byte expect … base64" above Decode, where
     * decode.go calls {@code base64.StdEncoding.DecodeString}): the comment describes what the callee does.
     */
    static List<ChangeLocator.FileMatch> towardsCodeHolder(List<ChangeLocator.FileMatch> chosen, ChangeLocator.Keys keys,
                                                           WorkspaceFacts facts, Predicate<String> candidate,
                                                           Map<String, Double> scores, Map<String, Set<String>> terms) {
        if (chosen.isEmpty() || keys.identifiers().isEmpty()) {
            return chosen;
        }
        String first = chosen.get(0).path();
        List<String> described = keys.identifiers().stream().filter(n -> {
            List<ContentIndex.Occurrence> here = facts.content().occurrences(n).stream().filter(o -> o.path().equals(first)).toList();
            return !here.isEmpty() && here.stream().noneMatch(ContentIndex.Occurrence::inCode);
        }).toList();
        if (described.isEmpty() || keys.identifiers().stream().anyMatch(n -> !described.contains(n) && facts.content().occurrences(n)
                .stream().anyMatch(o -> o.path().equals(first) && o.inCode()))) {
            return chosen; // the first holds another name in its code: it is about that one
        }
        Set<String> reached = reachedFrom(first, keys, facts, candidate);
        if (reached == null) {
            return chosen;
        }
        Set<String> holders = new java.util.LinkedHashSet<>();
        for (String name : described) {
            facts.content().occurrences(name).stream().filter(o -> o.inCode() && reached.contains(o.path()) && !o.path().equals(first)
                    && !TestPaths.isTestPath(o.path())).forEach(o -> holders.add(o.path()));
        }
        if (holders.size() != 1) {
            return chosen;
        }
        String path = holders.iterator().next();
        List<ChangeLocator.FileMatch> result = new ArrayList<>(chosen);
        result.removeIf(c -> c.path().equals(path));
        result.set(0, new ChangeLocator.FileMatch(path, scores.getOrDefault(path, chosen.get(0).score()),
                new ArrayList<>(terms.getOrDefault(path, Set.of())), path + " (holds in its code the " + described.get(0)
                + " that " + first + " describes in a comment, and is called from it)", List.of()));
        return result;
    }

    /** Whether {@code text} defines function {@code name} with a body, not only its signature (an interface's member). */
    static boolean hasBody(String text, String name) {
        String v = Pattern.quote(name);
        return Pattern.compile("(?m)\\bdef\\s+" + v + "\\s*\\(|\\bfunc\\s+(?:\\([^)]*\\)\\s*)?" + v + "\\s*[\\[(]|\\bfunction\\s*\\*?\\s*" + v
                + "\\b|(?<![\\p{L}\\p{N}_$.])" + v + "\\s*(?:<[^>\\n]*>)?\\s*\\([^)\\n]*\\)\\s*(?::\\s*[^{;\\n]+)?\\{|(?<![\\p{L}\\p{N}_$.])" + v
                + "\\s*[:=]\\s*(?:async\\s+)?(?:function\\b|\\([^)\\n]*\\)\\s*=>)").matcher(text).find();
    }

    /** How many words of the objective a callee's name must be made of to be spelled by it (month, year, mapping). */
    private static final int MIN_SPELLED_WORDS = 3;
    /** A body of one statement returning a call: {@code return source.shiftTo(month, target);}; group 1 the name called. */
    private static final Pattern DELEGATING = Pattern.compile("\\s*return\\s+(?:[\\p{L}_$][\\p{L}\\p{N}_$]*\\s*\\.\\s*)*"
            + "([\\p{L}_$][\\p{L}\\p{N}_$]*)\\s*\\([^;{}]*\\)\\s*;?\\s*");

    /** The name a one-statement function hands its work to, or null. */
    static String delegatedTo(Function f) {
        String body = JavaCallees.withoutComments(f.body()).replaceAll("(?m)^\\s*#.*$", "");
        Matcher m = DELEGATING.matcher(body);
        return m.matches() && !m.group(1).equals(f.name()) ? m.group(1) : null;
    }

    /** The names a function's body calls (its own name and the language's words aside). */
    static Set<String> calls(Function f) {
        Set<String> called = new LinkedHashSet<>();
        Matcher call = CALL.matcher(f.body());
        boolean go = f.path().endsWith(".go");
        while (call.find()) {
            String name = call.group(1);
            // a capitalised name is a class being built or a type, except in Go where it is an exported function
            if (!NOT_CALLS.contains(name) && !name.equals(f.name()) && (go || !Character.isUpperCase(name.charAt(0)))
                    && name.length() > 2) {
                called.add(name);
            }
        }
        return called;
    }

    /** The functions named {@code name} in the project's code files of {@code from}'s language, when few files define it. */
    static List<Function> definitions(String name, String from, WorkspaceFacts facts, Predicate<String> candidate) {
        String lang = language(from);
        List<ContentIndex.Occurrence> holders = facts.content().occurrences(ClassMembers.indexKey(name));
        if (holders.size() > MAX_HOLDERS) {
            return List.of();
        }
        List<Function> defs = new ArrayList<>();
        Set<String> files = new LinkedHashSet<>();
        for (ContentIndex.Occurrence o : holders) {
            if (!candidate.test(o.path()) || !ChangeLocator.candidate(o.path()) || o.kind() != FileKind.SOURCE
                    || !lang.equals(language(o.path()))) {
                continue;
            }
            for (Function f : functions(facts, o.path())) {
                if (f.name().equals(name) && !f.body().isBlank()) {
                    defs.add(f);
                    files.add(f.path());
                }
            }
        }
        return files.size() > MAX_DEFINERS ? List.of() : defs;
    }

    /** The functions a code file declares, each with its declaration and body. */
    static List<Function> functions(WorkspaceFacts facts, String path) {
        String text = ManifestFile.read(facts.root(), path);
        String lang = language(path);
        List<Function> found = new ArrayList<>();
        if (lang == null || text.isEmpty()) {
            return found;
        }
        Pattern declaration = switch (lang) {
            case "java" -> JAVA_METHOD;
            case "go" -> GO_FUNC;
            case "python" -> PYTHON_DEF;
            default -> SCRIPT_FUNCTION;
        };
        Matcher m = declaration.matcher(text);
        while (m.find()) {
            String name = null;
            for (int g = 1; g <= m.groupCount() && name == null; g++) {
                name = m.group(g);
            }
            if (name == null || NOT_CALLS.contains(name)) {
                continue;
            }
            String body = switch (lang) {
                case "python" -> PythonCallees.body(text.substring(m.start()), name);
                default -> braced(text, m.end() - 1);
            };
            if (body != null) {
                found.add(new Function(path, name, text.substring(m.start(), m.end()), body));
            }
        }
        return found;
    }

    /** From {@code at} (in or just before a declaration's parameters or its brace): the text of the body it opens. */
    private static String braced(String text, int at) {
        int open = text.charAt(at) == '{' ? at : -1;
        if (text.startsWith("=>", at - 1)) {
            // an arrow function: its body, braced, follows; an expression body ends with its line
            int next = at + 1;
            while (next < text.length() && Character.isWhitespace(text.charAt(next))) {
                next++;
            }
            if (next >= text.length() || text.charAt(next) != '{') {
                int end = text.indexOf('\n', next);
                return text.substring(Math.min(next, text.length()), end < 0 ? text.length() : end);
            }
            open = next;
        }
        if (open < 0) {
            int parameters = text.indexOf('(', at);
            int close = parameters < 0 ? -1 : CodeBrackets.closing(text, parameters);
            open = close < 0 ? -1 : text.indexOf('{', close);
            int stop = close < 0 ? -1 : text.indexOf(';', close);
            if (stop >= 0 && stop < open && !text.substring(close, stop).contains("=>")) {
                return null; // a declaration without a body (an interface's method)
            }
        }
        int end = open < 0 ? -1 : CodeBrackets.closing(text, open);
        return end < 0 ? null : text.substring(open + 1, end);
    }

    static String language(String path) {
        String lang = SourceGraph.language(path);
        return lang == null ? null : switch (lang) {
            case "go", "python" -> lang;
            case "jvm" -> path.endsWith(".java") ? "java" : null;
            case "js" -> "script";
            default -> null;
        };
    }
}
