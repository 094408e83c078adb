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
 * One call down in Python: a function the objective names ({@code parse_time}) is the way in, not always where the
 * behaviour is written. It is defined in one module (isotime.py, wherever another named function lives); when its body
 * hands a part of the work to a function of another project module ({@code build_tzinfo(…)} from isotzinfo.py) and that
 * module holds what the objective says and the named module lacks ("offset", "sign"), that module is the place; a named
 * module holding those words itself (elsewhere than in the named body) deals with the concept and stays.
 */
final class PythonCallees {
    /** A function the objective names, the one module defining it, and its body (signature excluded). */
    record Named(String name, String path, String body) {}

    /** {@code name(}: a call of a plain name (not a method of an object: {@code match.groupdict()}). */
    private static final Pattern PLAIN_CALL = Pattern.compile("(?<![\\p{L}\\p{N}_.])([\\p{L}_][\\p{L}\\p{N}_]*)\\s*\\(");
    private static final Set<String> NOT_CALLS = Set.of("if", "elif", "while", "for", "return", "and", "or", "not", "in",
            "lambda", "yield", "assert", "print", "with", "except", "raise", "await", "del", "is");
    private static final int MIN_LACKING_WORDS = 2;

    private PythonCallees() {
    }

    /**
     * {@code chosen} replaced by the modules the functions the objective names hand its behaviour to: each named function
     * resolves to the module defining it; one that calls another named function (parse_datetime calls parse_time) reaches
     * the behaviour through it. When every remaining one calls a function of another project module holding two or more of
     * the objective's words that its own module lacks, those callee modules are the change, unless the objective adds or
     * changes the named function's API (a new argument goes through the way in).
     */
    static List<ChangeLocator.FileMatch> throughCalledModules(List<ChangeLocator.FileMatch> chosen, ChangeLocator.Keys keys,
                                                              WorkspaceFacts facts, Predicate<String> candidate,
                                                              Map<String, Double> scores, Map<String, Set<String>> terms,
                                                              Set<String> projectNames) {
        if (chosen.isEmpty() || ChangeLocator.addsApi(keys)) {
            return chosen;
        }
        List<Named> named = named(keys, facts, candidate);
        if (named.isEmpty()) {
            return chosen;
        }
        // a named function calling another named one gets there through it: the innermost is the way in
        List<Named> inner = named.stream().filter(n -> named.stream().noneMatch(o -> o != n && calls(n.body()).contains(o.name())))
                .toList();
        Set<String> callees = new LinkedHashSet<>();
        for (Named n : inner) {
            String best = null;
            int most = MIN_LACKING_WORDS - 1;
            boolean tie = false;
            for (String module : calledModules(n, facts, candidate)) {
                // words the named module lacks as a whole: one that holds them elsewhere deals with the concept itself
                int held = ScriptCallees.lackingWordsHeld(read(facts, n.path()), module, keys, facts, terms, projectNames);
                if (held > most) {
                    most = held;
                    best = module;
                    tie = false;
                } else if (held == most && best != null) {
                    tie = true;
                }
            }
            if (best == null || tie) {
                return chosen; // one named function written where it is: its module stays the place
            }
            callees.add(best);
        }
        if (callees.isEmpty()) {
            return chosen;
        }
        List<ChangeLocator.FileMatch> placed = new ArrayList<>();
        for (String callee : callees) {
            placed.add(new ChangeLocator.FileMatch(callee, scores.getOrDefault(callee, 0.0),
                    new ArrayList<>(terms.getOrDefault(callee, Set.of())), ChangeLocator.evidence(facts, callee, keys, projectNames)));
        }
        return placed;
    }

    /** The functions the objective names that one Python module of the product's code defines, with their bodies. */
    static List<Named> named(ChangeLocator.Keys keys, WorkspaceFacts facts, Predicate<String> candidate) {
        List<Named> named = new ArrayList<>();
        for (String name : keys.identifiers()) {
            if (keys.usedNames().contains(name)) {
                continue;
            }
            List<String> modules = facts.content().occurrences(name).stream().filter(o -> o.defined() && python(o.path())
                    && candidate.test(o.path()) && facts.content().kind(o.path()) == FileKind.SOURCE && !TestPaths.isTestPath(o.path()))
                    .map(ContentIndex.Occurrence::path).distinct().toList();
            if (modules.size() != 1) {
                continue;
            }
            String body = body(read(facts, modules.get(0)), name);
            if (body != null) {
                named.add(new Named(name, modules.get(0), body));
            }
        }
        return named;
    }

    /** A docstring at the start of a body: what a thin body's line count leaves out. */
    private static final Pattern DOCSTRING = Pattern.compile("^\\s*[rRbBuU]?(\"\"\"|\'\'\')[\\s\\S]*?\\1");
    /** The statement a way in ends with: it hands back what a call makes. */
    private static final Pattern RETURNS_CALL = Pattern.compile("(?m)^\\s*(?:return|yield\\s+from)\\s+[\\p{L}_][\\w.]*\\s*\\(");
    /** {@code SyntaxError: } in front of a quoted message. */
    private static final Pattern ERROR_KIND = Pattern.compile("^[\\p{L}_][\\w.]*(?:Error|Exception|Warning):\\s+");
    /** A way in's body: a guard or two and the return of a call. */
    private static final int MAX_WAY_IN_LINES = 4;

    /**
     * {@code chosen} without the modules whose functions the objective names are only its way in (Grammar.iter_errors: a
     * guard, then {@code return self._get_normalizer_issues(…)}), when another chosen module holds text the objective
     * quotes ("keyword argument repeated"): the behaviour it quotes is written there, not in the call that reaches it.
     * Not when the objective adds or changes the named function's API.
     */
    static List<ChangeLocator.FileMatch> withoutWaysIn(List<ChangeLocator.FileMatch> chosen, ChangeLocator.Keys keys,
                                                       WorkspaceFacts facts, Predicate<String> candidate) {
        if (chosen.size() < 2 || ChangeLocator.addsApi(keys)) {
            return chosen;
        }
        // "SyntaxError: keyword argument repeated": the code adds the kind of error in front of the message it keeps
        List<String> quoted = CoveringTests.Cues.of(keys.text()).quoted().stream().map(q -> ERROR_KIND.matcher(q.strip()).replaceFirst(""))
                .filter(q -> q.contains(" ")).toList();
        if (quoted.isEmpty()) {
            return chosen;
        }
        Set<String> holders = new LinkedHashSet<>();
        for (ChangeLocator.FileMatch c : chosen) {
            String text = read(facts, c.path());
            if (quoted.stream().anyMatch(text::contains)) {
                holders.add(c.path());
            }
        }
        if (holders.isEmpty()) {
            return chosen;
        }
        Map<String, List<Named>> byModule = new LinkedHashMap<>();
        named(keys, facts, candidate).forEach(n -> byModule.computeIfAbsent(n.path(), k -> new ArrayList<>()).add(n));
        List<ChangeLocator.FileMatch> kept = new ArrayList<>();
        for (ChangeLocator.FileMatch c : chosen) {
            List<Named> here = byModule.getOrDefault(c.path(), List.of());
            boolean wayIn = !holders.contains(c.path()) && !here.isEmpty() && here.stream().allMatch(n -> thin(n.body()));
            if (!wayIn) {
                kept.add(c);
            }
        }
        return kept.isEmpty() ? chosen : kept;
    }

    /** A body of a few lines past its docstring that hands back what a call makes. */
    static boolean thin(String body) {
        String code = DOCSTRING.matcher(body).replaceFirst("");
        long lines = code.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).count();
        return lines <= MAX_WAY_IN_LINES && RETURNS_CALL.matcher(code).find();
    }

    /** {@code def name(…):} at any indentation (the name as the index keys it: lowercased). */
    private static Pattern definition(String name) {
        return Pattern.compile("(?m)^([ \\t]*)(?:async\\s+)?def\\s+(" + Pattern.quote(name) + ")\\s*\\(",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    /** The body of the function {@code name} in {@code text}: the lines after its signature indented deeper than its def. */
    static String body(String text, String name) {
        Matcher def = definition(name).matcher(text);
        if (!def.find()) {
            return null;
        }
        int close = CodeBrackets.closing(text, def.end() - 1);
        int start = close < 0 ? -1 : text.indexOf('\n', close);
        if (start < 0) {
            return null;
        }
        int indent = def.group(1).length();
        StringBuilder body = new StringBuilder();
        for (String line : text.substring(start + 1).split("\n", -1)) {
            if (!line.isBlank() && line.length() - line.stripLeading().length() <= indent) {
                break;
            }
            body.append(line).append('\n');
        }
        return body.toString();
    }

    /** The plain names {@code body} calls, lowercased as the index keys them. */
    static Set<String> calls(String body) {
        Set<String> called = new LinkedHashSet<>();
        Matcher call = PLAIN_CALL.matcher(body);
        while (call.find()) {
            if (!NOT_CALLS.contains(call.group(1))) {
                called.add(call.group(1).toLowerCase(Locale.ROOT));
            }
        }
        return called;
    }

    /** The other project modules, imported by the named function's module, defining a function its body calls. */
    private static Set<String> calledModules(Named n, WorkspaceFacts facts, Predicate<String> candidate) {
        List<String> imported = facts.graph().importsOf(n.path());
        Map<String, String> modules = new LinkedHashMap<>();
        for (String called : calls(n.body())) {
            List<String> definers = facts.content().occurrences(called).stream().filter(o -> o.defined() && python(o.path())
                    && candidate.test(o.path()) && facts.content().kind(o.path()) == FileKind.SOURCE
                    && facts.content().kind(o.path()).editable() && !TestPaths.isTestPath(o.path()))
                    .map(ContentIndex.Occurrence::path).distinct().toList();
            if (definers.size() == 1 && !definers.get(0).equals(n.path()) && imported.contains(definers.get(0))
                    && body(read(facts, definers.get(0)), called) != null) {
                modules.putIfAbsent(called, definers.get(0));
            }
        }
        return new LinkedHashSet<>(modules.values());
    }

    private static boolean python(String path) {
        return path.endsWith(".py");
    }

    private static String read(WorkspaceFacts facts, String path) {
        byte[] bytes = ContentIndex.read(facts.root().resolve(path));
        return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
    }
}
