package dev.harness.planning;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One call down in Go: a function the objective names ({@code GetCount}) that is a thin getter — a few guards, then
 * {@code return numparse.ParseCount(v.s)}, the value it returns made by a function of another package of the module —
 * is the way in, not where the value is made. When the callee's file holds what the objective says and the named file
 * lacks ("integer"), a wrong value is made there: the callee's file is the place.
 */
final class GoCallees {
    /** {@code func Name(} or {@code func (r *Recv) Name(}; group 1 the name. */
    private static final Pattern FUNC = Pattern.compile("(?m)^func\\s+(?:\\([^)]*\\)\\s*)?([\\p{L}_][\\p{L}\\p{N}_]*)\\s*[\\[(]");
    /** An import spec: an optional alias and the quoted path. */
    private static final Pattern IMPORT_SPEC = Pattern.compile("(?m)^\\s*(?:import\\s+)?(?:([\\p{L}_][\\p{L}\\p{N}_]*|\\.)\\s+)?\"([^\"\\n]+)\"");
    /** {@code pkg.Func(}: a call of an exported function of another package. */
    private static final Pattern QUALIFIED_CALL = Pattern.compile("(?<![\\p{L}\\p{N}_.])([\\p{L}_][\\p{L}\\p{N}_]*)\\.(\\p{Lu}[\\p{L}\\p{N}_]*)\\s*\\(");
    private static final Pattern LOOP = Pattern.compile("(?m)^\\s*(?:for|switch|select)\\b");
    /** A getter's body: a few guards and a return, not where behaviour is written. */
    private static final int MAX_GETTER_LINES = 8;

    private GoCallees() {
    }

    /**
     * {@code chosen} with each Go file that defines a function the objective names only as a thin getter replaced by the
     * file of the other module package's function whose result it returns, when that file holds one of the objective's
     * rarer words the named file lacks as a whole (a named file holding them deals with the concept itself).
     */
    static List<ChangeLocator.FileMatch> throughReturnedCalls(List<ChangeLocator.FileMatch> chosen, ChangeLocator.Keys keys,
                                                             WorkspaceFacts facts, Predicate<String> candidate,
                                                             Map<String, Double> scores, Map<String, Set<String>> terms,
                                                             Set<String> projectNames) {
        if (chosen.isEmpty() || keys.identifiers().isEmpty() || ChangeLocator.addsApi(keys)) {
            return chosen;
        }
        List<ChangeLocator.FileMatch> result = new ArrayList<>(chosen);
        for (ChangeLocator.FileMatch named : goSources(chosen)) {
            String text = read(facts, named.path());
            Set<String> places = new LinkedHashSet<>();
            String via = null;
            boolean thick = false;
            Matcher f = FUNC.matcher(text);
            while (f.find()) {
                String name = f.group(1);
                if (!changesNamed(keys, name)) {
                    continue;
                }
                String body = body(text, f.end() - 1);
                String callee = body == null ? null : returnedCallee(body, named.path(), text, facts, candidate);
                if (callee == null) {
                    thick = true; // a named function written here: the file stays the place
                    break;
                }
                places.add(callee);
                via = name;
            }
            if (thick || places.size() != 1) {
                continue;
            }
            String place = places.iterator().next();
            if (ScriptCallees.lackingWordsHeld(text, place, keys, facts, terms, projectNames) < 1) {
                continue;
            }
            int at = result.indexOf(named);
            if (result.stream().anyMatch(m -> m.path().equals(place))) {
                result.remove(at);
            } else {
                result.set(at, new ChangeLocator.FileMatch(place, Math.max(scores.getOrDefault(place, 0.0), named.score()),
                        new ArrayList<>(terms.getOrDefault(place, Set.of())),
                        place + ": " + via + " (" + named.path() + ") returns what it makes"));
            }
        }
        return result;
    }

    /**
     * The file of the other module package's function whose result the getter {@code body} returns
     * ({@code return numparse.ParseCount(v.s)}), when that is the only call into the module's packages it makes and it
     * neither loops nor runs longer than a getter; null otherwise.
     */
    static String returnedCallee(String body, String file, String text, WorkspaceFacts facts, Predicate<String> candidate) {
        long lines = body.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("//")).count();
        if (lines > MAX_GETTER_LINES || LOOP.matcher(body).find()) {
            return null;
        }
        Map<String, List<String>> packages = importedPackages(file, text, facts, candidate);
        Set<String> calls = new LinkedHashSet<>();
        String returned = null;
        Matcher call = QUALIFIED_CALL.matcher(body);
        while (call.find()) {
            if (!packages.containsKey(call.group(1))) {
                continue;
            }
            calls.add(call.group(1) + "." + call.group(2));
            int lineStart = body.lastIndexOf('\n', call.start()) + 1;
            if (body.substring(lineStart, call.start()).strip().equals("return")) {
                returned = call.group(1) + "." + call.group(2);
            }
        }
        if (calls.size() != 1 || returned == null) {
            return null;
        }
        String pkg = returned.substring(0, returned.indexOf('.'));
        String function = returned.substring(returned.indexOf('.') + 1);
        Pattern definition = Pattern.compile("(?m)^func\\s+" + Pattern.quote(function) + "\\s*[\\[(]");
        List<String> definers = packages.get(pkg).stream().filter(p -> definition.matcher(read(facts, p)).find()).toList();
        return definers.size() == 1 ? definers.get(0) : null;
    }

    /** The file's imports that are packages of the workspace's Go modules, by the name it calls them with. */
    private static Map<String, List<String>> importedPackages(String file, String text, WorkspaceFacts facts, Predicate<String> candidate) {
        Map<String, List<String>> packages = new LinkedHashMap<>();
        for (String block : importBlocks(text)) {
            Matcher spec = IMPORT_SPEC.matcher(block);
            while (spec.find()) {
                String path = spec.group(2);
                List<String> files = facts.graph().resolve(file, path).stream().filter(p -> candidate.test(p)
                        && facts.content().kind(p) == FileKind.SOURCE && facts.content().kind(p).editable()).toList();
                if (files.isEmpty() || ".".equals(spec.group(1)) || "_".equals(spec.group(1))) {
                    continue;
                }
                packages.put(spec.group(1) != null ? spec.group(1) : path.substring(path.lastIndexOf('/') + 1), files);
            }
        }
        return packages;
    }

    /** {@code import "x"} lines and the insides of {@code import ( … )} blocks. */
    private static List<String> importBlocks(String text) {
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^import\\s*(\\(|\")").matcher(text);
        while (m.find()) {
            if (m.group(1).equals("(")) {
                int close = text.indexOf(')', m.end());
                if (close > 0) {
                    blocks.add(text.substring(m.end(), close));
                }
            } else {
                int end = text.indexOf('\n', m.start());
                blocks.add(text.substring(m.start(), end < 0 ? text.length() : end));
            }
        }
        return blocks;
    }

    /** {@code func Name(} or {@code func (r *Recv) Name(}; group 1 the receiver, group 2 the name. */
    private static final Pattern DECLARATION = Pattern.compile("(?m)^func\\s+(\\([^)]*\\)\\s*)?([\\p{L}_][\\p{L}\\p{N}_]*)\\s*[\\[(]");

    /**
     * {@code chosen} without each Go file whose every declaration of a name the objective writes is a method handing its
     * receiver to the package's function of that name, declared in another chosen file ({@code func (f Float64Data)
     * Percentile(p float64) (float64, error) { return Percentile(f, p) }}): the function is where the change goes, the
     * method only forwards to it.
     */
    static List<ChangeLocator.FileMatch> withoutForwardingMethods(List<ChangeLocator.FileMatch> chosen, ChangeLocator.Keys keys,
                                                                  WorkspaceFacts facts) {
        if (chosen.size() < 2) {
            return chosen;
        }
        Set<String> given = new java.util.HashSet<>(List.of(keys.text().split("[^\\p{L}\\p{N}_]+")));
        Map<String, Set<String>> functions = new LinkedHashMap<>();
        Map<String, Map<String, Boolean>> methods = new LinkedHashMap<>();
        for (ChangeLocator.FileMatch c : chosen) {
            if (!c.path().endsWith(".go") || c.path().endsWith("_test.go")) {
                continue;
            }
            String text = read(facts, c.path());
            Set<String> plain = new LinkedHashSet<>();
            Map<String, Boolean> forwarding = new LinkedHashMap<>(); // a name → every declaration of it here forwards
            Matcher d = DECLARATION.matcher(text);
            while (d.find()) {
                String name = d.group(2);
                if (!given.contains(name)) {
                    continue;
                }
                String body = d.group(1) == null ? null : body(text, d.end() - 1);
                boolean forwards = body != null && body.strip().indexOf('\n') < 0
                        && Pattern.compile("^return\\s+" + Pattern.quote(name) + "\\s*\\(").matcher(body.strip()).find();
                if (d.group(1) == null) {
                    plain.add(name);
                }
                forwarding.merge(name, forwards, Boolean::logicalAnd);
            }
            functions.put(c.path(), plain);
            methods.put(c.path(), forwarding);
        }
        List<ChangeLocator.FileMatch> kept = new ArrayList<>();
        for (ChangeLocator.FileMatch c : chosen) {
            Map<String, Boolean> declared = methods.getOrDefault(c.path(), Map.of());
            boolean onlyForwards = !declared.isEmpty() && declared.entrySet().stream().allMatch(e -> e.getValue()
                    && functions.entrySet().stream().anyMatch(f -> !f.getKey().equals(c.path()) && f.getValue().contains(e.getKey())));
            if (!onlyForwards) {
                kept.add(c);
            }
        }
        return kept.isEmpty() ? chosen : kept;
    }

    /** An option function's body: {@code return func(g *glob) { g.noFollow = true }}; group 1 the receiver, 2 the closure's body. */
    private static final Pattern OPTION_CLOSURE = Pattern.compile("\\s*return\\s+func\\s*\\(\\s*([\\p{L}_][\\p{L}\\p{N}_]*)\\s+\\*?[\\p{L}_][\\p{L}\\p{N}_.]*\\s*\\)"
            + "[^{\\n]*\\{([^{}]*)\\}\\s*");
    /** Most files reading the fields an option sets before it says nothing about where the option works. */
    private static final int MAX_READERS = 3;

    /**
     * {@code chosen} with each Go file whose named function is a functional option only setting fields of what it
     * configures ({@code func WithNoFollow() GlobOption { return func(g *glob) { g.noFollow = true } }}) replaced by the
     * file of the package reading that field ({@code if !g.noFollow && …} in glob.go): an option the objective says is
     * ignored or misbehaves is honoured, or not, where it is read. The option's own file stays when nothing else reads it.
     */
    static List<ChangeLocator.FileMatch> throughOptionFunctions(List<ChangeLocator.FileMatch> chosen, ChangeLocator.Keys keys,
                                                               WorkspaceFacts facts, Predicate<String> candidate,
                                                               Map<String, Double> scores, Map<String, Set<String>> terms) {
        if (chosen.isEmpty() || keys.identifiers().isEmpty() || ChangeLocator.addsApi(keys)) {
            return chosen;
        }
        List<ChangeLocator.FileMatch> result = new ArrayList<>(chosen);
        for (ChangeLocator.FileMatch named : goSources(chosen)) {
            String text = read(facts, named.path());
            Set<String> fields = new LinkedHashSet<>();
            String option = null;
            boolean works = false;
            Matcher d = DECLARATION.matcher(text);
            while (d.find()) {
                String name = d.group(2);
                if (d.group(1) != null || !changesNamed(keys, name)) {
                    continue;
                }
                String body = body(text, d.end() - 1);
                Matcher closure = body == null ? null : OPTION_CLOSURE.matcher(body);
                Set<String> set = closure != null && closure.matches() ? assignedFields(closure.group(1), closure.group(2)) : Set.of();
                if (set.isEmpty()) {
                    works = true; // a named function doing work of its own: its file is the place
                } else {
                    fields.addAll(set);
                    option = option == null ? name : option;
                }
            }
            if (works || fields.isEmpty()) {
                continue;
            }
            String dir = named.path().contains("/") ? named.path().substring(0, named.path().lastIndexOf('/') + 1) : "";
            Map<String, String> readers = new LinkedHashMap<>(); // file → the line reading a field
            for (String field : fields) {
                Pattern reading = Pattern.compile("(?m)^.*\\." + Pattern.quote(field) + "\\b(?!\\s*=[^=]).*$");
                for (ContentIndex.Occurrence o : facts.content().occurrences(field.toLowerCase(java.util.Locale.ROOT))) {
                    String p = o.path();
                    if (!p.endsWith(".go") || p.endsWith("_test.go") || p.equals(named.path()) || !candidate.test(p)
                            || !p.startsWith(dir) || p.indexOf('/', dir.length()) >= 0) {
                        continue;
                    }
                    Matcher line = reading.matcher(read(facts, p));
                    if (line.find()) {
                        readers.putIfAbsent(p, line.group().strip());
                    }
                }
            }
            if (readers.isEmpty() || readers.size() > MAX_READERS) {
                continue;
            }
            // of several readers, the one holding most of the objective's words
            String place = readers.keySet().stream().max(java.util.Comparator.comparingLong((String p) -> terms.getOrDefault(p, Set.of()).size())
                    .thenComparing(p -> scores.getOrDefault(p, 0.0))).orElseThrow();
            if (result.stream().anyMatch(c -> c.path().equals(place))) {
                result.remove(named);
                continue;
            }
            result.set(result.indexOf(named), new ChangeLocator.FileMatch(place, scores.getOrDefault(place, named.score()),
                    new ArrayList<>(terms.getOrDefault(place, Set.of())), place + ": " + readers.get(place) + " (reads what "
                    + option + " sets)"));
        }
        return result;
    }

    /** The fields of {@code receiver} a closure's body assigns, when assigning them is all it does. */
    private static Set<String> assignedFields(String receiver, String body) {
        Set<String> fields = new LinkedHashSet<>();
        Pattern assignment = Pattern.compile("\\s*" + Pattern.quote(receiver) + "\\.([\\p{L}_][\\p{L}\\p{N}_]*)\\s*=[^=\\n][^\\n]*");
        for (String statement : body.split("[\\n;]")) {
            if (statement.isBlank()) {
                continue;
            }
            Matcher m = assignment.matcher(statement);
            if (!m.matches()) {
                return Set.of();
            }
            fields.add(m.group(1));
        }
        return fields;
    }

    /** The body of the function whose parameter list (or type parameter list) opens at {@code open}: inside its braces. */
    private static String body(String text, int open) {
        int close = CodeBrackets.closing(text, open);
        if (close > 0 && text.charAt(open) == '[') {
            int parameters = text.indexOf('(', close);
            close = parameters < 0 ? -1 : CodeBrackets.closing(text, parameters);
        }
        // past the parameters and the results, the first "{" opens the body
        int brace = close < 0 ? -1 : text.indexOf('{', close);
        int end = brace < 0 ? -1 : CodeBrackets.closing(text, brace);
        return end < 0 ? null : text.substring(brace + 1, end);
    }

    /** The chosen Go files of code (tests aside). */
    private static List<ChangeLocator.FileMatch> goSources(List<ChangeLocator.FileMatch> chosen) {
        return chosen.stream().filter(c -> c.path().endsWith(".go") && !c.path().endsWith("_test.go")).toList();
    }

    /** Whether the objective names {@code name} as what it changes, not as something the change only uses. */
    private static boolean changesNamed(ChangeLocator.Keys keys, String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        return keys.identifiers().contains(lower) && !keys.usedNames().contains(lower);
    }

    private static String read(WorkspaceFacts facts, String path) {
        byte[] bytes = ContentIndex.read(facts.root().resolve(path));
        return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
    }
}
