package dev.harness.planning;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JavaScript/TypeScript method the objective names ({@code Duration.fromISO}, {@code DateTime#toFormat}) that is only a
 * wrapper: a few lines handing the work to one function or class imported from another file of the project
 * ({@code parseISODuration(text)} from impl/regexParser.js). What the objective asks for is written in that callee, and
 * the callee says so by holding what the objective says that the wrapper lacks: a token it writes in code form as a
 * string of the callee ({@code case "kkkk":}), or two of its rarer words ({@code hasNegativePrefix}, {@code maybeNegate}
 * for "negate … a leading minus … negative").
 */
final class ScriptCallees {
    /** A body of at most this many lines (without blank and comment lines) is a wrapper, not where behaviour is written. */
    private static final int MAX_WRAPPER_LINES = 8;
    private static final int MIN_LACKING_WORDS = 2;
    private static final Pattern SCRIPT_FILE = Pattern.compile(".*\\.[cm]?[jt]sx?$");
    /** {@code import a, { b, c as d } from "x"}, {@code import * as n from "x"}. */
    private static final Pattern IMPORT = Pattern.compile(
            "(?m)^\\s*import\\s+(?!type\\b)([^;'\"]+?)\\s+from\\s+(['\"])([^'\"\\n]+)\\2");
    /** {@code const a = require("x")}, {@code const { b, c: d } = require("x")}. */
    private static final Pattern REQUIRE = Pattern.compile(
            "(?m)^\\s*(?:const|let|var)\\s+(\\{[^}]*\\}|[\\p{L}_$][\\p{L}\\p{N}_$]*)\\s*=\\s*require\\(\\s*(['\"])([^'\"\\n]+)\\2\\s*\\)");
    private static final Pattern BINDING = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*");
    private static final Pattern CODE_SPAN = Pattern.compile("`([^`\\n]{1,40})`");
    private static final Pattern WORD = Pattern.compile("[\\p{L}][\\p{L}\\p{N}]*");

    private ScriptCallees() {
    }

    /**
     * {@code chosen} with each file the objective names only for a wrapper method replaced by the file it hands the work to,
     * when that file holds what the objective says and the wrapper lacks; when the evidence is a code-form token, the other
     * chosen files that do not hold it go (they shared only the objective's everyday words).
     */
    static List<ChangeLocator.FileMatch> throughWrappers(List<ChangeLocator.FileMatch> chosen, ChangeLocator.Keys keys,
                                                         WorkspaceFacts facts, Predicate<String> candidate,
                                                         Map<String, Double> scores, Map<String, Set<String>> terms,
                                                         Set<String> projectNames) {
        if (keys.members().isEmpty() || chosen.isEmpty()) {
            return chosen;
        }
        List<String> tokens = codeTokens(keys);
        List<ChangeLocator.FileMatch> result = new ArrayList<>(chosen);
        Set<String> tokenHolders = new LinkedHashSet<>();
        for (ChangeLocator.FileMatch wrapper : chosen) {
            if (!SCRIPT_FILE.matcher(wrapper.path()).matches()) {
                continue;
            }
            List<ClassMembers.Home> homes = keys.members().homes(facts, wrapper.path()::equals);
            if (homes.isEmpty()) {
                continue;
            }
            String text = read(facts, wrapper.path());
            Map<String, String> bindings = importedFiles(facts, wrapper.path(), text, candidate);
            String callee = null;
            boolean byToken = false;
            for (ClassMembers.Home home : homes) {
                String body = body(text, home.line());
                String target = body == null ? null : delegatedTo(body, bindings);
                if (target == null || callee != null && !callee.equals(target)) {
                    callee = null;
                    break;
                }
                String calleeText = read(facts, target);
                boolean token = tokens.stream().anyMatch(t -> !body.contains(t) && holdsString(calleeText, t));
                if (!token && lackingWordsHeld(body, target, keys, facts, terms, projectNames) < MIN_LACKING_WORDS) {
                    callee = null;
                    break;
                }
                callee = target;
                byToken |= token;
            }
            if (callee == null) {
                continue;
            }
            String place = callee;
            int at = result.indexOf(wrapper);
            if (result.stream().anyMatch(m -> m.path().equals(place))) {
                result.remove(at); // already chosen: the wrapper goes
            } else {
                result.set(at, new ChangeLocator.FileMatch(place, scores.getOrDefault(place, wrapper.score()),
                        new ArrayList<>(terms.getOrDefault(place, Set.of())),
                        place + ": " + homes.get(0).member().owner() + "." + homes.get(0).member().name() + " ("
                                + wrapper.path() + ":" + homes.get(0).line() + ") hands the work to it"));
            }
            if (byToken) {
                tokenHolders.add(place);
            }
        }
        if (!tokenHolders.isEmpty()) {
            // the token the objective writes is a string of the callee: files holding none of its tokens shared everyday words
            result.removeIf(m -> !tokenHolders.contains(m.path())
                    && tokens.stream().noneMatch(t -> holdsString(read(facts, m.path()), t)));
        }
        return result;
    }

    /** A word of the objective's text that may name a function: letters and digits, camelCase included. */
    private static final Pattern NAME_WORD = Pattern.compile("(?<![\\p{L}\\p{N}_$.])[\\p{L}_$][\\p{L}\\p{N}_$]{3,}(?![\\p{L}\\p{N}_$])");

    /**
     * A JavaScript/TypeScript function the objective names by a word ({@code normalize should …}) that does its own work
     * but hands one part of it to a function imported from another project file, named after a word of the objective its
     * own name lacks ({@code normalizeWindowsPath(path)} for "Windows"): when that file holds two or more of the
     * objective's rarer words the named file lacks as a whole ("upper", "case" in {@code toUpperCase}), the part the
     * objective is about is written there, and that file takes the named file's place.
     */
    static List<ChangeLocator.FileMatch> throughNamedParts(List<ChangeLocator.FileMatch> chosen, ChangeLocator.Keys keys,
                                                           WorkspaceFacts facts, Predicate<String> candidate,
                                                           Map<String, Double> scores, Map<String, Set<String>> terms,
                                                           Set<String> projectNames) {
        if (chosen.isEmpty() || ChangeLocator.addsApi(keys)) {
            return chosen;
        }
        Set<String> words = new LinkedHashSet<>();
        Matcher w = NAME_WORD.matcher(keys.text());
        while (w.find()) {
            words.add(w.group());
        }
        List<ChangeLocator.FileMatch> result = new ArrayList<>(chosen);
        for (ChangeLocator.FileMatch named : chosen) {
            if (!SCRIPT_FILE.matcher(named.path()).matches() || result.indexOf(named) < 0) {
                continue;
            }
            String text = read(facts, named.path());
            List<String> defined = words.stream().filter(n -> typedDefinitionOf(n).matcher(text).find()).toList();
            if (defined.size() != 1) {
                continue; // none, or several named functions here: no one way in
            }
            String name = defined.get(0);
            Matcher definition = typedDefinitionOf(name).matcher(text);
            definition.find();
            String body = body(text, (int) text.substring(0, definition.start()).chars().filter(c -> c == '\n').count() + 1);
            if (body == null) {
                continue;
            }
            Set<String> ownName = stemsOf(name);
            Map<String, String> bindings = importedFiles(facts, named.path(), text, candidate);
            Map<String, String> parts = new LinkedHashMap<>(); // file → the binding named after the objective
            bindings.forEach((binding, file) -> {
                boolean called = Pattern.compile("(?<![\\p{L}\\p{N}_$.])" + Pattern.quote(binding) + "\\s*\\(").matcher(body).find();
                Set<String> bindingWords = stemsOf(binding);
                bindingWords.removeAll(ownName);
                bindingWords.retainAll(keys.direct());
                bindingWords.removeAll(ChangeLocator.GENERIC_WORDS);
                if (called && !bindingWords.isEmpty()) {
                    parts.putIfAbsent(file, binding);
                }
            });
            String best = null;
            int most = 0;
            boolean tie = false;
            for (String file : parts.keySet()) {
                // the function is named after the objective: one word of it in the code there (not a comment's, shared by
                // chance) and nowhere in the named file is enough, the first word of a compound too ("upper" of upper-case)
                int held = lackingWordsHeld(text, file, keys, Map.of(file, codeStems(read(facts, file))), projectNames, Set.of());
                if (held > most) {
                    best = file;
                    most = held;
                    tie = false;
                } else if (held == most && best != null) {
                    tie = true;
                }
            }
            if (best == null || tie) {
                continue;
            }
            String place = best;
            int at = result.indexOf(named);
            if (result.stream().anyMatch(m -> m.path().equals(place))) {
                result.remove(at); // already chosen: the named file goes
            } else {
                result.set(at, new ChangeLocator.FileMatch(place, Math.max(scores.getOrDefault(place, 0.0), named.score()),
                        new ArrayList<>(terms.getOrDefault(place, Set.of())),
                        place + ": " + name + " (" + named.path() + ") hands that part to " + parts.get(place)));
            }
        }
        return result;
    }

    /**
     * A definition of function {@code name} as {@link #definitionOf} reads it, or a TypeScript one whose binding has a type
     * ({@code export const normalize: typeof path.normalize = function (p: string) {}).
     */
    private static Pattern typedDefinitionOf(String name) {
        return Pattern.compile(definitionOf(name).pattern() + "|(?<![\\p{L}\\p{N}_$.])" + Pattern.quote(name)
                + "\\s*:[^=\\n;]+=\\s*(?:async\\s+)?(?:function\\b|\\([^)\\n]*\\)\\s*(?::[^=\\n]+)?=>)");
    }

    /** The stems of the words of a script's code, its comments left out, identifiers split ({@code toUpperCase}: upper, case). */
    private static Set<String> codeStems(String text) {
        Set<String> stems = new HashSet<>();
        Matcher word = BINDING.matcher(text.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("(?m)(?<![:\"'])//.*$", " "));
        while (word.find()) {
            stems.addAll(stemsOf(word.group()));
        }
        return stems;
    }

    /** The stems of a name's parts ({@code normalizeWindowsPath} → normal, window, path). */
    private static Set<String> stemsOf(String name) {
        Set<String> stems = new HashSet<>();
        for (String part : ContentIndex.splitIdentifier(name)) {
            stems.add(ObjectiveTerms.stem(part.toLowerCase(java.util.Locale.ROOT)));
        }
        return stems;
    }

    /** A line that only sets a module up: a directive, an import or require, an export of a binding. */
    private static final Pattern MODULE_LINE = Pattern.compile(
            "^(?:['\"]use strict['\"];?|import\\s.*|(?:const|let|var)\\s+[^=]+=\\s*require\\([^)]*\\);?|module\\.exports\\s*=\\s*[\\w$.]+;?"
            + "|export\\s+default\\s+[\\w$.]+;?|export\\s*\\{[^}]*\\}.*)$");

    /**
     * {@code chosen} without the JavaScript files that are one statement handing the work to a function imported from
     * another project file ({@code const sort = (list) => list.sort((a, b) => compareBuild(a, b))}), when another file is
     * chosen and the objective names nothing the one-liner defines: it shared a word of the objective ("sorts"), the
     * behaviour is written where it hands the work.
     */
    static List<ChangeLocator.FileMatch> withoutOneLineDelegates(List<ChangeLocator.FileMatch> chosen, ChangeLocator.Keys keys,
                                                                  WorkspaceFacts facts, Predicate<String> candidate) {
        if (chosen.size() < 2) {
            return chosen;
        }
        List<ChangeLocator.FileMatch> kept = new ArrayList<>();
        for (ChangeLocator.FileMatch match : chosen) {
            if (kept.isEmpty() && match == chosen.get(0) || !SCRIPT_FILE.matcher(match.path()).matches() || !oneLineDelegate(facts,
                    match.path(), keys, candidate)) {
                kept.add(match);
            }
        }
        return kept.isEmpty() ? chosen : kept;
    }

    private static boolean oneLineDelegate(WorkspaceFacts facts, String path, ChangeLocator.Keys keys, Predicate<String> candidate) {
        String text = read(facts, path);
        List<String> code = text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("//") && !l.startsWith("/*")
                && !l.startsWith("*") && !MODULE_LINE.matcher(l).matches()).toList();
        if (code.size() != 1) {
            return false;
        }
        String statement = code.get(0);
        Matcher names = BINDING.matcher(statement);
        while (names.find()) {
            if (keys.identifiers().contains(names.group().toLowerCase(java.util.Locale.ROOT))) {
                return false; // the objective names what it defines or calls
            }
        }
        return importedFiles(facts, path, text, candidate).keySet().stream().anyMatch(binding ->
                Pattern.compile("(?<![\\p{L}\\p{N}_$.])" + Pattern.quote(binding) + "\\s*\\(").matcher(statement).find());
    }

    /** {@code `format('Z')`}: a name called with one string; group 1 the name, 3 the string. */
    private static final Pattern CALL_WITH_STRING = Pattern.compile("`([\\p{L}_$][\\p{L}\\p{N}_$]*)\\((['\"])([^'\"`]{1,20})\\2\\)`");
    private static final Pattern RETURNED_NAME = Pattern.compile("^\\s*return\\s+([\\p{L}_$][\\p{L}\\p{N}_$]*)");

    /**
     * A named JavaScript function whose body switches on the objective's token ({@code format('Z')}: {@code case 'Z':
     * return zoneStr}), the branch returning what an imported helper computed ({@code const zoneStr = Utils.z(this)},
     * {@code Utils} the import of './utils'): the helper's file is where that token's output is made, and replaces the
     * named file; the other chosen files go unless they hold one of the objective's tokens as a string and define the named
     * function too.
     */
    static List<ChangeLocator.FileMatch> throughCaseBranches(List<ChangeLocator.FileMatch> chosen, ChangeLocator.Keys keys,
                                                             WorkspaceFacts facts, Predicate<String> candidate,
                                                             Map<String, Double> scores, Map<String, Set<String>> terms) {
        Map<String, List<String>> called = new LinkedHashMap<>();
        Matcher call = CALL_WITH_STRING.matcher(keys.text());
        while (call.find()) {
            called.computeIfAbsent(call.group(1), k -> new ArrayList<>()).add(call.group(3));
        }
        if (called.isEmpty() || chosen.isEmpty()) {
            return chosen;
        }
        List<String> tokens = new ArrayList<>(codeTokens(keys));
        called.values().forEach(args -> args.stream().filter(a -> !tokens.contains(a)).forEach(tokens::add));
        List<ChangeLocator.FileMatch> result = new ArrayList<>(chosen);
        Set<String> places = new LinkedHashSet<>();
        for (ChangeLocator.FileMatch named : chosen) {
            if (!SCRIPT_FILE.matcher(named.path()).matches()) {
                continue;
            }
            String text = read(facts, named.path());
            Map<String, String> bindings = importedFiles(facts, named.path(), text, candidate);
            String helper = null;
            for (String name : called.keySet()) {
                Matcher definition = Pattern.compile("(?m)^\\s*(?:(?:async|static|export|function|default)\\s+)*"
                        + Pattern.quote(name) + "\\s*\\([^)\\n]*\\)\\s*\\{").matcher(text);
                if (!definition.find()) {
                    continue;
                }
                int line = (int) text.substring(0, definition.start()).chars().filter(c -> c == '\n').count() + 1;
                String body = body(text, line);
                for (String token : body == null ? List.<String>of() : tokens) {
                    String found = branchHelper(body, text, token, bindings);
                    if (found != null && !found.equals(named.path())) {
                        helper = found;
                        break;
                    }
                }
                if (helper != null) {
                    break;
                }
            }
            if (helper == null) {
                continue;
            }
            String place = helper;
            int at = result.indexOf(named);
            if (result.stream().anyMatch(m -> m.path().equals(place))) {
                result.remove(at);
            } else {
                result.set(at, new ChangeLocator.FileMatch(place, scores.getOrDefault(place, named.score()),
                        new ArrayList<>(terms.getOrDefault(place, Set.of())),
                        place + ": the objective's token is a case of " + named.path() + " handed to it"));
            }
            places.add(place);
        }
        if (!places.isEmpty()) {
            // another file holding the token beside the named function's own branch is about that token only when it defines
            // the function too (a plugin overriding format()): a parser comparing `=== 'Z'` reads the token, not writes it
            List<Pattern> definitions = called.keySet().stream().map(ScriptCallees::definitionOf).toList();
            result.removeIf(m -> {
                if (places.contains(m.path())) {
                    return false;
                }
                String text = read(facts, m.path());
                return tokens.stream().noneMatch(t -> holdsString(text, t)) || definitions.stream().noneMatch(d -> d.matcher(text).find());
            });
        }
        return result;
    }

    /**
     * A definition of function {@code name}: {@code format(str) { … }}, {@code function format(str) { … }},
     * {@code proto.format = function (str) { … }}, {@code format: (str) => …}; not a call ({@code this.format(str)}).
     */
    static Pattern definitionOf(String name) {
        return Pattern.compile("(?<![\\p{L}\\p{N}_$])" + Pattern.quote(name) + "\\s*(?:[:=]\\s*(?:async\\s+)?(?:function\\b|\\([^)\\n]*\\)\\s*=>"
                + "|[\\p{L}_$][\\p{L}\\p{N}_$]*\\s*=>)|\\([^()\\n]*\\)\\s*\\{)");
    }

    /** The imported file the {@code case 'TOKEN':} branch of {@code body} returns the work of, through a local or file alias. */
    private static String branchHelper(String body, String text, String token, Map<String, String> bindings) {
        Matcher label = Pattern.compile("\\bcase\\s+(['\"])" + Pattern.quote(token) + "\\1\\s*:").matcher(body);
        if (!label.find()) {
            return null;
        }
        Matcher returned = RETURNED_NAME.matcher(body.substring(label.end()));
        if (!returned.find()) {
            return null;
        }
        String name = returned.group(1);
        for (int hop = 0; hop < 3 && name != null; hop++) {
            if (bindings.containsKey(name)) {
                return bindings.get(name);
            }
            // const zoneStr = Utils.z(this) in the body, const Utils = U in the file
            Matcher assigned = Pattern.compile("(?m)^\\s*(?:const|let|var)\\s+" + Pattern.quote(name)
                    + "\\s*=\\s*([\\p{L}_$][\\p{L}\\p{N}_$]*)").matcher(hop == 0 ? body + "\n" + text : text);
            name = assigned.find() ? assigned.group(1) : null;
        }
        return null;
    }

    /** The objective's code spans that are no name of the project's API (`kkkk`, `-P1Y2M`, not `DateTime#toFormat`). */
    private static List<String> codeTokens(ChangeLocator.Keys keys) {
        List<String> tokens = new ArrayList<>();
        Matcher span = CODE_SPAN.matcher(keys.text());
        while (span.find()) {
            String token = span.group(1).strip();
            if (token.length() >= 2 && !token.contains(".") && !token.contains("#") && !token.contains("(")
                    && !keys.identifiers().contains(token.toLowerCase(java.util.Locale.ROOT)) && !tokens.contains(token)) {
                tokens.add(token);
            }
        }
        return tokens;
    }

    /** Whether {@code text} holds {@code token} as a whole string literal: {@code "kkkk"}, {@code 'kkkk'}. */
    private static boolean holdsString(String text, String token) {
        return text.contains("\"" + token + "\"") || text.contains("'" + token + "'");
    }

    /**
     * How many of the objective's own rarer words the callee holds (as the content index found them in it) that the
     * wrapper's body does not: what the objective says, written where the work is.
     */
    static int lackingWordsHeld(String body, String callee, ChangeLocator.Keys keys, WorkspaceFacts facts,
                                        Map<String, Set<String>> terms, Set<String> projectNames) {
        return lackingWordsHeld(body, callee, keys, terms, projectNames, keys.modifiers());
    }

    /** {@link #lackingWordsHeld}, {@code leftOut} the words not counted (the modifiers of the objective's compounds). */
    private static int lackingWordsHeld(String body, String callee, ChangeLocator.Keys keys, Map<String, Set<String>> terms,
                                        Set<String> projectNames, Set<String> leftOut) {
        Set<String> inBody = new HashSet<>();
        Matcher word = BINDING.matcher(body);
        while (word.find()) {
            for (String part : ContentIndex.splitIdentifier(word.group())) {
                inBody.add(ObjectiveTerms.stem(part.toLowerCase(java.util.Locale.ROOT)));
            }
        }
        Set<String> there = terms.getOrDefault(callee, Set.of());
        int held = 0;
        for (String w : keys.direct()) {
            if (w.length() >= 4 && WORD.matcher(w).matches() && !inBody.contains(w) && there.contains(w)
                    && !ChangeLocator.GENERIC_WORDS.contains(w) && !projectNames.contains(w) && !leftOut.contains(w)
                    && !keys.consequence().contains(w)) {
                held++;
            }
        }
        return held;
    }

    /**
     * The one project file the body hands its work to: the single imported binding it uses
     * ({@code parseISODuration(…)}, {@code Formatter.create(…)}), or null when it uses none or several files' bindings,
     * or is too long to be a wrapper.
     */
    private static String delegatedTo(String body, Map<String, String> bindings) {
        long lines = body.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("//") && !l.startsWith("*")
                && !l.startsWith("/*")).count();
        if (lines > MAX_WRAPPER_LINES) {
            return null;
        }
        Set<String> files = new LinkedHashSet<>();
        bindings.forEach((name, file) -> {
            if (Pattern.compile("(?<![\\p{L}\\p{N}_$.])" + Pattern.quote(name) + "\\s*[.(]").matcher(body).find()) {
                files.add(file);
            }
        });
        return files.size() == 1 ? files.iterator().next() : null;
    }

    /** The body of the declaration on line {@code line} (1-based): from the "{" after its parameters to the one closing it. */
    private static String body(String text, int line) {
        int start = 0;
        for (int i = 1; i < line && start >= 0; i++) {
            start = text.indexOf('\n', start) + 1;
            if (start == 0) {
                return null;
            }
        }
        // past the parameter list: a default value (opts = {}) opens no body
        int parameters = text.indexOf('(', start);
        int end = text.indexOf('\n', start);
        int after = parameters >= 0 && (end < 0 || parameters < end) ? CodeBrackets.closing(text, parameters) : start;
        int open = after < 0 ? -1 : text.indexOf('{', after);
        if (open < 0) {
            return null;
        }
        int close = CodeBrackets.closing(text, open);
        return close < 0 ? null : text.substring(open + 1, close);
    }

    /** The file's imported bindings that name another editable code file of the project, by binding. */
    private static Map<String, String> importedFiles(WorkspaceFacts facts, String file, String text, Predicate<String> candidate) {
        Map<String, String> bindings = new LinkedHashMap<>();
        for (Pattern pattern : List.of(IMPORT, REQUIRE)) {
            Matcher m = pattern.matcher(text);
            while (m.find()) {
                List<String> resolved = facts.graph().resolve(file, m.group(3));
                if (resolved.size() != 1 || resolved.get(0).equals(file) || !candidate.test(resolved.get(0))
                        || !facts.content().kind(resolved.get(0)).editable()
                        || facts.content().kind(resolved.get(0)) != FileKind.SOURCE) {
                    continue;
                }
                String clause = m.group(1).replaceAll("\\*\\s+as\\s+", "").replaceAll("[\\p{L}_$][\\p{L}\\p{N}_$]*\\s*(?:as|:)\\s*", "");
                Matcher name = BINDING.matcher(clause);
                while (name.find()) {
                    if (!name.group().equals("type")) {
                        bindings.put(name.group(), resolved.get(0));
                    }
                }
            }
        }
        return bindings;
    }

    private static String read(WorkspaceFacts facts, String path) {
        byte[] bytes = ContentIndex.read(facts.root().resolve(path));
        return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
    }
}
