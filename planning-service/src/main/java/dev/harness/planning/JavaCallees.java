package dev.harness.planning;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One call down in Java: the project methods a piece of code calls (a statically imported method, or
 * {@code Type.method(} of a class in the same package or imported) and their bodies. A senior follows the call when
 * the code the objective points at only hands the value on: the callee is where the behaviour is written.
 */
final class JavaCallees {
    /** A method of another project file that a region calls: the file, the method's name, its declaration line and body. */
    record Callee(String path, String method, int line, String declaration, String body) {}

    private static final Pattern STATIC_IMPORT = Pattern.compile("(?m)^\\s*import\\s+static\\s+([\\w.]+)\\.(\\w+|\\*)\\s*;");
    private static final Pattern TYPE_IMPORT = Pattern.compile("(?m)^\\s*import\\s+([\\w.]+)\\.(\\p{Lu}\\w*)\\s*;");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;");
    private static final Pattern QUALIFIED_CALL = Pattern.compile("(?<![\\w.])(\\p{Lu}\\w*)\\.(\\p{Ll}\\w*)\\s*\\(");
    private static final Pattern PLAIN_CALL = Pattern.compile("(?<![\\w.])(\\p{Ll}\\w*)\\s*\\(");
    private static final Set<String> NOT_CALLS = Set.of("if", "for", "while", "switch", "catch", "return", "synchronized",
            "new", "throw", "super", "this", "assert");
    /** A method body longer than this is read only this far: what it says about the objective is near its start. */
    private static final int MAX_BODY_LINES = 200;

    private JavaCallees() {}

    /**
     * The methods of other project Java files that {@code region} (a piece of {@code callerPath}'s code) calls, in the
     * order of their first call. Calls to the caller's own methods and to the JDK or libraries are not followed.
     */
    static List<Callee> calledFrom(String region, String callerPath, String callerText, WorkspaceFacts facts) {
        Set<String> files = new java.util.HashSet<>(facts.scan().files());
        String directory = callerPath.contains("/") ? callerPath.substring(0, callerPath.lastIndexOf('/') + 1) : "";
        String sourceRoot = sourceRoot(callerPath, callerText);
        Map<String, String> staticMethods = new LinkedHashMap<>(); // method → file
        List<String> staticTypes = new ArrayList<>(); // import static a.b.Type.*
        Matcher s = STATIC_IMPORT.matcher(callerText);
        while (s.find()) {
            String file = typeFile(s.group(1), sourceRoot, files);
            if (file != null) {
                if (s.group(2).equals("*")) {
                    staticTypes.add(file);
                } else {
                    staticMethods.putIfAbsent(s.group(2), file);
                }
            }
        }
        Map<String, String> types = new LinkedHashMap<>(); // simple name → file
        Matcher t = TYPE_IMPORT.matcher(callerText);
        while (t.find()) {
            String file = typeFile(t.group(1) + "." + t.group(2), sourceRoot, files);
            if (file != null) {
                types.put(t.group(2), file);
            }
        }
        Map<String, Callee> found = new LinkedHashMap<>();
        String code = withoutComments(region);
        Matcher q = QUALIFIED_CALL.matcher(code);
        while (q.find()) {
            String file = types.getOrDefault(q.group(1), files.contains(directory + q.group(1) + ".java") ? directory + q.group(1) + ".java" : null);
            if (file != null && !file.equals(callerPath)) {
                addCallee(found, file, q.group(2), facts);
            }
        }
        Matcher p = PLAIN_CALL.matcher(code);
        while (p.find()) {
            String method = p.group(1);
            if (NOT_CALLS.contains(method)) {
                continue;
            }
            String file = staticMethods.get(method);
            if (file != null) {
                addCallee(found, file, method, facts);
            } else {
                for (String type : staticTypes) {
                    if (addCallee(found, type, method, facts)) {
                        break;
                    }
                }
            }
        }
        return List.copyOf(found.values());
    }

    private static final Pattern CODE_SPAN = Pattern.compile("`([^`\\s]{1,16})`");

    /**
     * The objective's code-form tokens that are directives rather than names ({@code $S}, {@code %d}): no whitespace,
     * a letter or digit and a sign.
     */
    static List<String> directives(String objective) {
        List<String> tokens = new ArrayList<>();
        Matcher m = CODE_SPAN.matcher(objective);
        while (m.find()) {
            String token = m.group(1);
            if (token.chars().anyMatch(Character::isLetterOrDigit) && !token.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_')
                    && token.chars().noneMatch(c -> c == '(' || c == '.' || c == '/')) {
                tokens.add(token);
            }
        }
        // "glob:[!b]", "regex:.*": a syntax named in front of the pattern it reads is dispatched on by that name
        Matcher syntax = SYNTAX_PREFIX.matcher(objective);
        while (syntax.find()) {
            if (!tokens.contains(syntax.group(1))) {
                tokens.add(syntax.group(1));
            }
        }
        return tokens;
    }

    /** A quoted value led by a syntax's name and a colon ({@code "glob:*.java"}); group 1 the name. */
    private static final Pattern SYNTAX_PREFIX = Pattern.compile("[\"'`]([a-z][a-z0-9]{1,15}):(?!//)[^\\s\"'`]+[\"'`]");

    /** Where a directive is dispatched on: a {@code case "$S":} label or {@code "$S".equals(}, and its branch. */
    record Dispatch(String path, int line, String region) {}

    static List<Dispatch> dispatches(String path, String text, String token) {
        List<Dispatch> found = new ArrayList<>();
        String quotedS = Pattern.quote("\"" + token + "\"");
        String quotedC = Pattern.quote("'" + token + "'");
        Pattern label = Pattern.compile("^\\s*case\\s+(?:" + quotedS + "|" + quotedC + ")\\s*(?::|->)|(?:" + quotedS + ")\\.equals\\(");
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (label.matcher(lines[i]).find()) {
                StringBuilder region = new StringBuilder(lines[i]).append('\n');
                for (int j = i + 1; j < lines.length && j <= i + 20; j++) {
                    String line = lines[j].strip();
                    if (line.startsWith("case ") || line.startsWith("default:") || line.startsWith("default ->")) {
                        break;
                    }
                    region.append(lines[j]).append('\n');
                    if (line.equals("break;") || line.startsWith("return ") || line.equals("}")) {
                        break;
                    }
                }
                found.add(new Dispatch(path, i + 1, region.toString()));
            }
        }
        return found;
    }

    /**
     * Of the methods {@code region} calls, the one whose name and body hold the most of the objective's words, when it
     * holds at least three and at least two that the region's own code lacks: the branch only hands the value on, the
     * behaviour is written in that method. Null when none does.
     */
    static Callee writingIt(String region, String callerPath, String callerText, Set<String> words, WorkspaceFacts facts) {
        List<Callee> callees = calledFrom(region, callerPath, callerText, facts);
        String code = withoutComments(region);
        for (Callee c : callees) {
            code = code.replace(c.method(), " ");
        }
        Set<String> own = stems(code);
        Callee best = null;
        int bestCount = 0;
        for (Callee c : callees) {
            // a static entry building its own class to do the work (return new GlobToRegex(glob, separators).convert()):
            // the class as a whole is what it runs
            String simpleName = c.path().substring(c.path().lastIndexOf('/') + 1).replaceFirst("\\.java$", "");
            boolean ownInstance = c.body().strip().lines().count() <= 4 && c.body().contains("new " + simpleName + "(");
            String ownText = ownInstance ? text(facts, c.path()) : null;
            Set<String> held = stems(c.method() + "\n" + (ownText != null ? withoutComments(ownText) : c.body()));
            held.retainAll(words);
            long fresh = held.stream().filter(w -> !own.contains(w)).count();
            if (held.size() >= 3 && fresh >= 2 && held.size() > bestCount) {
                best = c;
                bestCount = held.size();
            }
        }
        return best;
    }

    /** How many of the best-ranked Java files are read for a directive's dispatching branch. */
    private static final int MAX_DISPATCHERS_READ = 40;

    /**
     * A directive the objective writes ({@code $S}) whose dispatching branch ({@code case "$S":}) in a Java file hands the
     * value to a method of another project file that holds the objective's words (the string literal's quoting): that
     * method's file is where the change goes, first; the files chosen for the words stay only when they hold a name the
     * objective gives. The plan is unchanged when no directive is dispatched that way.
     */
    static List<ChangeLocator.FileMatch> placeCallee(List<ChangeLocator.FileMatch> chosen, ChangeLocator.Keys keys,
                                                     WorkspaceFacts facts, java.util.function.Predicate<String> candidate,
                                                     Map<String, Double> scores, Map<String, Set<String>> terms) {
        List<String> tokens = directives(keys.text());
        if (tokens.isEmpty()) {
            return chosen;
        }
        Set<String> words = new java.util.HashSet<>(keys.direct());
        words.removeAll(ChangeLocator.GENERIC_WORDS);
        words.removeAll(keys.consequence());
        List<String> javaFiles = scores.entrySet().stream()
                .filter(e -> e.getKey().endsWith(".java") && candidate.test(e.getKey())
                        && facts.content().kind(e.getKey()) == FileKind.SOURCE)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry::getKey))
                .limit(MAX_DISPATCHERS_READ).map(Map.Entry::getKey).toList();
        Callee best = null;
        Dispatch from = null;
        String dispatched = null;
        for (String path : javaFiles) {
            String text = text(facts, path);
            if (text == null) {
                continue;
            }
            for (String token : tokens) {
                for (Dispatch d : dispatches(path, text, token)) {
                    Callee c = writingIt(d.region(), path, text, words, facts);
                    if (c != null && candidate.test(c.path()) && best == null) {
                        best = c;
                        from = d;
                        dispatched = token;
                    }
                }
            }
        }
        if (best == null) {
            return chosen;
        }
        String calleePath = best.path();
        List<ChangeLocator.FileMatch> placed = new ArrayList<>();
        placed.add(new ChangeLocator.FileMatch(calleePath, scores.getOrDefault(calleePath, 0.0),
                new ArrayList<>(terms.getOrDefault(calleePath, Set.of())),
                calleePath + ":" + best.line() + " " + PlanRules.abbreviate(best.declaration(), 100) + " (called for "
                        + dispatched + " at " + from.path() + ":" + from.line() + ")"));
        // the names the dispatching file holds (getPathMatcher, there and in the file system forwarding to it) are the way
        // to the branch, not the change: a chosen file stays for a name the objective gives that the dispatcher lacks
        Set<String> wayIn = new java.util.HashSet<>(terms.getOrDefault(from.path(), Set.of()));
        for (ChangeLocator.FileMatch c : chosen) {
            if (!c.path().equals(calleePath) && terms.getOrDefault(c.path(), Set.of()).stream()
                    .anyMatch(t -> keys.identifiers().contains(t) && !wayIn.contains(t))) {
                placed.add(c);
            }
        }
        return placed;
    }

    /**
     * Whether the Java file {@code user} refers, in its code, to the class of {@code used} in the same package (no import
     * needed there): a caller of it. Comments do not count (a deprecation note naming the successor).
     */
    static boolean samePackageUser(WorkspaceFacts facts, String user, String used) {
        if (!user.endsWith(".java") || !used.endsWith(".java") || user.equals(used)
                || !SourceGraph.parent(user).equals(SourceGraph.parent(used))) {
            return false;
        }
        String text = text(facts, user);
        String type = used.substring(used.lastIndexOf('/') + 1, used.length() - ".java".length());
        return text != null && Pattern.compile("(?<![\\w.])" + Pattern.quote(type) + "\\b").matcher(withoutComments(text)).find();
    }

    /**
     * Whether a JVM test class named after a word of the objective tests another class of the project: its subject
     * ({@code RefinedCoderTest} → RefinedCoder.java) is a source class that neither refers to the changed class in its
     * code nor is referred to by it, and the test's own code never names the changed class. It tests that class, whatever
     * word its name shares with the objective or the changed file's name.
     */
    static boolean testsUnrelatedClass(WorkspaceFacts facts, String test, String changed) {
        if (!test.endsWith(".java") || !changed.endsWith(".java")) {
            return false;
        }
        String name = test.substring(test.lastIndexOf('/') + 1, test.length() - ".java".length());
        String subject = name.replaceFirst("(?:Tests?|TestCase)$", "").replaceFirst("^Test(?=\\p{Lu})", "");
        String changedType = changed.substring(changed.lastIndexOf('/') + 1, changed.length() - ".java".length());
        if (subject.isEmpty() || subject.equals(name) || subject.equals(changedType)) {
            return false;
        }
        String subjectFile = facts.sortedFiles().stream().filter(f -> f.endsWith("/" + subject + ".java") && !TestPaths.isTestPath(f))
                .findFirst().orElse(null);
        return subjectFile != null && !refersTo(facts, subjectFile, changedType) && !refersTo(facts, changed, subject)
                && !refersTo(facts, test, changedType);
    }

    /**
     * The test classes named after a Java source class ({@code Checks.java} → ChecksTest, ChecksTests, TestChecks,
     * ChecksTestCase) in its build package: on the JVM the class's own tests, whatever else reaches it.
     */
    static List<String> testsNamedAfter(WorkspaceFacts facts, String source) {
        if (!source.endsWith(".java")) {
            return List.of();
        }
        String type = source.substring(source.lastIndexOf('/') + 1, source.length() - ".java".length());
        Set<String> names = Set.of(type + "Test.java", type + "Tests.java", "Test" + type + ".java", type + "TestCase.java");
        WorkspacePackage pkg = facts.packages().of(source);
        return facts.names().testFiles().stream().filter(t -> names.contains(t.substring(t.lastIndexOf('/') + 1))
                && facts.packages().of(t).equals(pkg) && !facts.content().holdsNoTests(t)).sorted().toList();
    }

    /** Whether the Java file's code (comments aside) names {@code type}. */
    private static boolean refersTo(WorkspaceFacts facts, String file, String type) {
        String text = text(facts, file);
        return text != null && Pattern.compile("(?<![\\w$])" + Pattern.quote(type) + "\\b").matcher(withoutComments(text)).find();
    }

    /**
     * When the objective writes a type in code form and the file of that type ({@code StringSubstitutor} →
     * StringSubstitutor.java) is chosen, another chosen Java file defining a member the objective names too
     * ({@code setPreserveEscapes}) but naming the type only in comments is a namesake with the same API (a deprecated
     * predecessor): not the place.
     */
    static List<ChangeLocator.FileMatch> withoutNamesakes(List<ChangeLocator.FileMatch> chosen, ChangeLocator.Keys keys,
                                                          ContentIndex content) {
        if (chosen.size() < 2) {
            return chosen;
        }
        Set<String> dropped = new java.util.HashSet<>();
        for (String type : keys.identifiers()) {
            boolean home = chosen.stream().anyMatch(c -> c.path().endsWith(".java") && c.path().substring(c.path().lastIndexOf('/') + 1)
                    .toLowerCase(java.util.Locale.ROOT).equals(type + ".java"));
            if (!home) {
                continue;
            }
            for (ChangeLocator.FileMatch c : chosen) {
                String name = c.path().substring(c.path().lastIndexOf('/') + 1).toLowerCase(java.util.Locale.ROOT);
                if (!c.path().endsWith(".java") || name.equals(type + ".java")) {
                    continue;
                }
                boolean typeInCode = content.occurrences(type).stream().anyMatch(o -> o.path().equals(c.path()) && o.inCode());
                boolean definesNamed = keys.identifiers().stream().filter(id -> !id.equals(type)).anyMatch(id ->
                        content.occurrences(id).stream().anyMatch(o -> o.path().equals(c.path()) && o.defined()));
                if (!typeInCode && definesNamed) {
                    dropped.add(c.path());
                }
            }
        }
        List<ChangeLocator.FileMatch> kept = chosen.stream().filter(c -> !dropped.contains(c.path())).toList();
        return kept.isEmpty() ? chosen : kept;
    }

    /** Project classes read beyond a forwarding method, in two hops: a bound for big projects. */
    private static final int MAX_FORWARD_TARGETS = 40;
    private static final Pattern TYPE_NAME = Pattern.compile("(?<![\\w.])(\\p{Lu}\\w*[\\p{Ll}\\d]\\w*)\\b");
    /** Java's own type and keyword names ({@code long}, {@code double}): every class writes them, they say nothing of it. */
    private static final Pattern JAVA_KEYWORDS = Pattern.compile("\\b(?:long|double|float|int|short|byte|char|boolean|void|class"
            + "|interface|enum|extends|implements|return|throws|throw|new|null|true|false|this|super|static|final|public|private"
            + "|protected|abstract|instanceof|import|package)\\b");
    private static final Pattern LOOP = Pattern.compile("\\b(?:for|while|switch)\\s*\\(|\\bdo\\s*\\{");
    /** A field's name: camelCase, or a constant's ({@code ESCAPE_JAVA}, a translator built once). */
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.])(\\p{Ll}\\w*|\\p{Lu}[\\p{Lu}\\d_]+)\\b");

    /**
     * A Java {@code Class.method} the objective names whose body (every overload, none looping) only hands the work to other project
     * classes ({@code JSONCompare.compareJSON(…)}, or a field built with one, {@code isbn13Validator.getCheckDigit()
     * .calculate(…)} of a validator built with {@code EAN13CheckDigit}): the change goes along the calls, up to two hops, to
     * the class whose code holds the most of the objective's words that the method's bodies lack, when one holds strictly
     * more than every other; the named file is replaced by it, like a JavaScript wrapper ({@link ScriptCallees}).
     */
    static List<ChangeLocator.FileMatch> throughForwarders(List<ChangeLocator.FileMatch> chosen, ChangeLocator.Keys keys,
                                                           WorkspaceFacts facts, java.util.function.Predicate<String> candidate,
                                                           Map<String, Double> scores, Map<String, Set<String>> terms,
                                                           Set<String> projectNames) {
        if (keys.members().isEmpty() || chosen.isEmpty()) {
            return chosen;
        }
        Set<String> files = new java.util.HashSet<>(facts.scan().files());
        List<ChangeLocator.FileMatch> result = new ArrayList<>(chosen);
        for (ChangeLocator.FileMatch facade : chosen) {
            if (!facade.path().endsWith(".java")) {
                continue;
            }
            List<ClassMembers.Home> homes = keys.members().homes(facts, facade.path()::equals);
            String text = homes.isEmpty() ? null : text(facts, facade.path());
            if (text == null) {
                continue;
            }
            String code = withoutComments(text);
            StringBuilder bodies = new StringBuilder();
            for (ClassMembers.Home home : homes) {
                bodies.append(bodies(code, home.member().name()));
            }
            if (bodies.isEmpty() || LOOP.matcher(bodies).find()) {
                continue; // a body that loops or switches does the work itself
            }
            // the words the facade's whole code lacks (it has no number logic): what the objective says, written elsewhere
            Set<String> names = new LinkedHashSet<>();
            keys.members().members().forEach(m -> names.addAll(stems(m.owner() + " " + m.name()))); // names are not evidence
            Set<String> words = lackingWords(keys, code, names, projectNames);
            // the values the objective writes in code form (a backspace's escape) that the facade's code lacks, raw or as a
            // Java string literal writes them: the class holding one holds the very case, a surer sign than a word
            List<String> literals = directives(keys.text()).stream().filter(t -> !holdsLiteral(code, t)).toList();
            // the classes the bodies use, and those the fields they use are built with; then the classes those use
            Set<String> first = new LinkedHashSet<>(referencedTypes(bodies.toString(), facade.path(), text, files));
            Matcher field = IDENTIFIER.matcher(bodies);
            while (field.find()) {
                Matcher init = Pattern.compile("(?m)^[ \\t]*(?:(?:private|protected|public|static|final)\\s+)*[\\w.<>\\[\\], ]+\\s+"
                        + Pattern.quote(field.group(1)) + "\\s*=\\s*([^;]+);").matcher(code);
                if (init.find()) {
                    first.addAll(referencedTypes(init.group(1), facade.path(), text, files));
                }
            }
            first.remove(facade.path());
            Set<String> reached = new LinkedHashSet<>(first);
            for (String hop : first) {
                String hopText = text(facts, hop);
                if (hopText != null && reached.size() < MAX_FORWARD_TARGETS) {
                    reached.addAll(referencedTypes(withoutComments(hopText), hop, hopText, files));
                }
            }
            reached.remove(facade.path());
            String best = holdingMost(List.of(first, reached), words, literals, 1, facts, candidate);
            if (best == null) {
                continue;
            }
            String place = best;
            if (result.indexOf(facade) < 0) {
                continue; // already the place another named method's work goes to
            }
            replace(result, facade, place, place + ": " + homes.get(0).member().owner() + "." + homes.get(0).member().name() + " ("
                    + facade.path() + ":" + homes.get(0).line() + ") hands the work to it", scores, terms);
        }
        return result;
    }

    /** A method's declaration: group 1 its name. */
    private static final Pattern METHOD = Pattern.compile("(?m)^[ \\t]*(?:@\\w+\\s+)*(?:(?:public|protected|private|static|final|synchronized)\\s+)+"
            + "(?:<[^>]+>\\s+)?[\\w.<>\\[\\],? ]+\\s+(\\p{Ll}\\w*)\\s*\\(");
    /** A getter's body: {@code return field;}. */
    private static final Pattern GETTER = Pattern.compile("\\s*return\\s+(?:this\\.)?(\\w+)\\s*;\\s*");
    /** An option's setter: {@code this.field = value;}, then {@code return this;} on a builder. */
    private static final Pattern SETTER = Pattern.compile("\\s*(?:this\\.)?(\\w+)\\s*=\\s*\\w+\\s*;\\s*(?:return\\s+this\\s*;\\s*)?");
    /** A fluent option handing its value to the bean setter: {@code setRandomizationDepth(depth); return this;}. */
    private static final Pattern SETTER_CALL = Pattern.compile("\\s*(?:this\\.)?set(\\w+)\\s*\\(\\s*\\w+\\s*\\)\\s*;\\s*return\\s+this\\s*;\\s*");
    /** Other classes setting a field a getter returns: a bound for much-used beans. */
    private static final int MAX_PRODUCERS = 8;

    /**
     * A Java method the objective names that only reads or stores a field is no place for behaviour: a getter
     * ({@code return fromPath;}) returns what the classes calling its setter ({@code entry.setFromPath(pathOf(line))})
     * made, and an option's setter ({@code this.checkLinks = on; return this;}) stores a switch the class hands to what it
     * builds ({@code new DefaultLinkChecker()}). The class there holding the most of the objective's words (a literal
     * counting twice) that the named class's code lacks, strictly more than every other, takes the named file's place,
     * tested through it: for a getter at least one (only its producers are read), for an option at least two (every
     * class the named one uses is read).
     */
    static List<ChangeLocator.FileMatch> throughAccessors(List<ChangeLocator.FileMatch> chosen, ChangeLocator.Keys keys,
                                                          WorkspaceFacts facts, java.util.function.Predicate<String> candidate,
                                                          Map<String, Double> scores, Map<String, Set<String>> terms,
                                                          Set<String> projectNames) {
        if (chosen.isEmpty() || keys.identifiers().isEmpty() || ChangeLocator.addsApi(keys)) {
            return chosen;
        }
        Set<String> files = new java.util.HashSet<>(facts.scan().files());
        List<ChangeLocator.FileMatch> result = new ArrayList<>(chosen);
        for (ChangeLocator.FileMatch named : chosen) {
            if (!named.path().endsWith(".java") || TestPaths.isTestPath(named.path()) || result.indexOf(named) < 0) {
                continue;
            }
            String text = text(facts, named.path());
            if (text == null) {
                continue;
            }
            String code = withoutComments(text);
            Set<String> methods = new LinkedHashSet<>();
            Matcher m = METHOD.matcher(code);
            while (m.find()) {
                String lower = m.group(1).toLowerCase(java.util.Locale.ROOT);
                if (keys.identifiers().contains(lower) && !keys.usedNames().contains(lower)) {
                    methods.add(m.group(1));
                }
            }
            // of a chain the objective writes (`DiffBuilder.compare(control).withTest(test).normalizeWhitespace()`), the
            // calls before its last only set the builder up: the last names what the objective is about
            Set<String> links = chainLinks(keys.text());
            if (methods.stream().anyMatch(x -> !links.contains(x))) {
                methods.removeIf(links::contains);
            }
            Set<String> read = new LinkedHashSet<>();
            Set<String> stored = new LinkedHashSet<>();
            // the class's own name (EasyRandomParameters.randomizationDepth(2)) is its constructor: no option of it
            String self = named.path().substring(named.path().lastIndexOf('/') + 1).replaceFirst("\\.java$", "");
            if (methods.size() > 1) {
                methods.remove(self);
            }
            boolean works = methods.isEmpty();
            for (String method : methods) {
                String body = bodies(code, method);
                Matcher getter = GETTER.matcher(body);
                Matcher setter = SETTER.matcher(body);
                Matcher handing = SETTER_CALL.matcher(body);
                if (getter.matches()) {
                    read.add(getter.group(1));
                } else if (setter.matches()) {
                    stored.add(setter.group(1));
                } else if (handing.matches()) {
                    stored.add(Character.toLowerCase(handing.group(1).charAt(0)) + handing.group(1).substring(1));
                } else {
                    works = true; // a named method doing work of its own: its class is the place
                }
            }
            if (works || !read.isEmpty() && !stored.isEmpty()) {
                continue;
            }
            Set<String> names = new LinkedHashSet<>();
            methods.forEach(n -> names.addAll(stems(n)));
            Set<String> words = lackingWords(keys, code, names, projectNames);
            List<String> literals = directives(keys.text()).stream().filter(t -> !holdsLiteral(code, t)).toList();
            String type = named.path().substring(named.path().lastIndexOf('/') + 1).replaceFirst("\\.java$", "");
            String place;
            String evidence;
            if (!read.isEmpty()) {
                // the getter's field is set by the classes calling its setter: one of them made the value
                Map<String, String> producers = new LinkedHashMap<>(); // file → the line setting it
                for (String field : read) {
                    String setterName = "set" + Character.toUpperCase(field.charAt(0)) + field.substring(1);
                    if (!Pattern.compile("\\b" + Pattern.quote(setterName) + "\\s*\\(").matcher(code).find()) {
                        continue;
                    }
                    Pattern call = Pattern.compile("\\." + Pattern.quote(setterName) + "\\s*\\(");
                    facts.content().occurrences(setterName.toLowerCase(java.util.Locale.ROOT)).stream().map(ContentIndex.Occurrence::path)
                            .distinct().filter(p -> p.endsWith(".java") && !p.equals(named.path()) && !TestPaths.isTestPath(p))
                            .limit(MAX_PRODUCERS).forEach(p -> {
                                String setting = firstLine(text(facts, p), call);
                                if (setting != null) {
                                    producers.putIfAbsent(p, setting);
                                }
                            });
                }
                place = holdingMost(List.of(producers.keySet()), words, literals, 1, facts, candidate);
                evidence = place == null ? null : place + ":" + producers.get(place) + " (sets what " + type + "."
                        + methods.iterator().next() + " returns)";
            } else if ((place = getterUser(stored, named.path(), words, literals, facts, candidate)) != null) {
                // the option's getter is read where the option takes effect (`parameters.getRandomizationDepth()` in the
                // context deciding how deep to go): of the classes calling it, the one holding most of the objective's words
                evidence = place + ": " + type + "." + methods.iterator().next() + " only stores an option; "
                        + place.substring(place.lastIndexOf('/') + 1).replaceFirst("\\.java$", "") + " reads it back";
            } else if ((place = namesakeWorker(methods, named.path(), facts, candidate)) != null) {
                // an option named after the method doing its work (`normalizeWhitespace()` switching on what
                // Nodes.normalizeWhitespace does): that method's class is the place
                evidence = place + ": " + type + "." + methods.iterator().next() + " only stores an option; "
                        + place.substring(place.lastIndexOf('/') + 1).replaceFirst("\\.java$", "") + " does what it names";
            } else {
                // an option's setter: the switch goes to what the class builds and uses, one hop and then two
                Set<String> first = new LinkedHashSet<>(referencedTypes(code, named.path(), text, files));
                first.remove(named.path());
                Set<String> reached = new LinkedHashSet<>(first);
                for (String hop : first) {
                    String hopText = text(facts, hop);
                    if (hopText != null && reached.size() < MAX_FORWARD_TARGETS) {
                        reached.addAll(referencedTypes(withoutComments(hopText), hop, hopText, files));
                    }
                }
                reached.remove(named.path());
                place = holdingMost(List.of(first, reached), words, literals, 2, facts, candidate);
                String placeType = place == null ? null : place.substring(place.lastIndexOf('/') + 1).replaceFirst("\\.java$", "");
                String using = place == null ? null : firstLine(text, Pattern.compile("(?<![\\w.])" + Pattern.quote(placeType) + "\\b"));
                evidence = place == null ? null : place + ": " + type + "." + methods.iterator().next() + " only stores an option"
                        + (using == null ? "" : "; " + named.path() + ":" + using);
            }
            if (place == null) {
                continue;
            }
            replace(result, named, place, evidence, scores, terms);
        }
        return result;
    }

    /** Most classes calling an option's getter before they say nothing about where the option takes effect. */
    private static final int MAX_GETTER_USERS = 4;

    /**
     * The class of {@code from}'s module calling the getter of a field {@code from} stores ({@code .getRandomizationDepth(}
     * for randomizationDepth) that holds most of the objective's words; null when none, too many, or a tie.
     */
    private static String getterUser(Set<String> fields, String from, Set<String> words, List<String> literals, WorkspaceFacts facts,
                                     java.util.function.Predicate<String> candidate) {
        Set<String> users = new LinkedHashSet<>();
        WorkspacePackage module = facts.packages().of(from);
        for (String field : fields) {
            String cap = Character.toUpperCase(field.charAt(0)) + field.substring(1);
            for (String getter : List.of("get" + cap, "is" + cap)) {
                Pattern call = Pattern.compile("\\." + Pattern.quote(getter) + "\\s*\\(");
                facts.content().occurrences(getter.toLowerCase(java.util.Locale.ROOT)).stream().map(ContentIndex.Occurrence::path).distinct()
                        .filter(p -> p.endsWith(".java") && !p.equals(from) && !TestPaths.isTestPath(p) && candidate.test(p)
                                && facts.packages().of(p).equals(module))
                        .filter(p -> { String t = text(facts, p); return t != null && call.matcher(withoutComments(t)).find(); })
                        .forEach(users::add);
            }
        }
        if (users.isEmpty() || users.size() > MAX_GETTER_USERS) {
            return null;
        }
        if (users.size() == 1) {
            return users.iterator().next();
        }
        // the value compared (`depth > parameters.getRandomizationDepth()`) decides; one only logged or copied does not
        List<String> deciding = users.stream().filter(p -> fields.stream().anyMatch(f -> comparesGetter(text(facts, p), f))).toList();
        return deciding.size() == 1 ? deciding.get(0) : holdingMost(List.of(users), words, literals, 1, facts, candidate);
    }

    /** Whether a line of {@code text} compares what the getter of {@code field} returns. */
    private static boolean comparesGetter(String text, String field) {
        String cap = Character.toUpperCase(field.charAt(0)) + field.substring(1);
        return Pattern.compile("(?m)^.*(?:[<>]=?|[!=]=).*\\.(?:get|is)" + Pattern.quote(cap) + "\\s*\\(|^.*\\.(?:get|is)" + Pattern.quote(cap)
                + "\\s*\\([^)\\n]*\\)\\s*(?:[<>]=?|[!=]=)").matcher(withoutComments(text)).find();
    }

    /** The one other class declaring a method named as {@code methods} that does work of its own (not a setter), or null. */
    private static String namesakeWorker(Set<String> methods, String from, WorkspaceFacts facts, java.util.function.Predicate<String> candidate) {
        Set<String> places = new LinkedHashSet<>();
        WorkspacePackage module = facts.packages().of(from);
        for (String method : methods) {
            facts.content().occurrences(ClassMembers.indexKey(method)).stream()
                    .filter(o -> o.defined() && o.path().endsWith(".java") && !o.path().equals(from) && candidate.test(o.path())
                            && !TestPaths.isTestPath(o.path()) && facts.packages().of(o.path()).equals(module))
                    .forEach(o -> CallWalk.functions(facts, o.path()).stream().filter(f -> f.name().equals(method)
                            && !SETTER.matcher(withoutComments(f.body())).matches() && !GETTER.matcher(withoutComments(f.body())).matches()
                            && !f.body().contains("return this")).forEach(f -> places.add(f.path())));
        }
        return places.size() == 1 ? places.iterator().next() : null;
    }

    /** A call followed by another on its result: {@code compare(control).} in a chain (code spans apart); group 1 the name. */
    private static final Pattern CHAIN_LINK = Pattern.compile("([\\p{L}_$][\\p{L}\\p{N}_$]*)\\([^()]*\\)[\\s`]*\\.\\s*(?=[\\p{L}_$][\\p{L}\\p{N}_$]*\\()");

    /** The names of the calls an objective writes with another call chained on their result. */
    static Set<String> chainLinks(String objective) {
        Set<String> links = new LinkedHashSet<>();
        Matcher m = CHAIN_LINK.matcher(objective);
        while (m.find()) {
            links.add(m.group(1));
        }
        return links;
    }

    /** {@code line text} of the first code line of {@code text} where {@code pattern} is found, or null. */
    private static String firstLine(String text, Pattern pattern) {
        if (text == null) {
            return null;
        }
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (!line.startsWith("*") && !line.startsWith("//") && !line.startsWith("/*") && pattern.matcher(line).find()) {
                return (i + 1) + " " + PlanRules.abbreviate(line, 100);
            }
        }
        return null;
    }

    /**
     * The objective's own rarer words (stemmed) that {@code code} lacks, {@code names} aside: what the objective says,
     * written elsewhere when another class holds them.
     */
    private static Set<String> lackingWords(ChangeLocator.Keys keys, String code, Set<String> names, Set<String> projectNames) {
        Set<String> own = stems(JAVA_KEYWORDS.matcher(code).replaceAll(" "));
        own.addAll(names);
        Set<String> words = new LinkedHashSet<>();
        for (String w : keys.direct()) {
            if (w.length() >= 4 && !Character.isDigit(w.charAt(0)) && !own.contains(w) && !ChangeLocator.GENERIC_WORDS.contains(w) && !projectNames.contains(w)
                    && !keys.modifiers().contains(w) && !keys.consequence().contains(w)) {
                words.add(w);
            }
        }
        return words;
    }

    /**
     * Of the classes reached hop by hop, the one whose code holds the most of {@code words} (a literal counting twice), at
     * least {@code min}: the nearest hop whose best class holds more than every other of that hop; two classes tied at the
     * first hop (a result holder and a comparer each naming one word) leave it to the second, where a class one of them
     * calls may hold more than both. Null when none does.
     */
    private static String holdingMost(List<Set<String>> hops, Set<String> words, List<String> literals, int min,
                                      WorkspaceFacts facts, java.util.function.Predicate<String> candidate) {
        String best = null;
        for (Set<String> hop : hops) {
            int bestCount = 0;
            boolean tie = false;
            for (String target : hop.stream().limit(MAX_FORWARD_TARGETS).toList()) {
                String targetText = !candidate.test(target) || facts.content().kind(target) != FileKind.SOURCE
                        || TestPaths.isTestPath(target) ? null : text(facts, target);
                if (targetText == null) {
                    continue;
                }
                String targetCode = withoutComments(targetText);
                Set<String> held = stems(JAVA_KEYWORDS.matcher(targetCode).replaceAll(" "));
                held.retainAll(words);
                int count = held.size() + 2 * (int) literals.stream().filter(t -> holdsLiteral(targetCode, t)).count();
                if (count > bestCount) {
                    best = target;
                    bestCount = count;
                    tie = false;
                } else if (count == bestCount && bestCount > 0) {
                    tie = true;
                }
            }
            if (tie) {
                best = null;
            } else if (bestCount >= min) {
                return best;
            } else {
                best = null;
            }
        }
        return best;
    }

    /**
     * The callee replaces the named method's file, where nothing is written to change; the named method's tests still
     * check it (they call what the objective names), so the callee is tested through the facade.
     */
    private static void replace(List<ChangeLocator.FileMatch> result, ChangeLocator.FileMatch facade, String place, String evidence,
                                Map<String, Double> scores, Map<String, Set<String>> terms) {
        List<String> through = new ArrayList<>();
        result.stream().filter(m -> m.path().equals(place)).forEach(m -> through.addAll(m.testedThrough()));
        through.add(facade.path());
        result.removeIf(m -> m.path().equals(place));
        result.set(result.indexOf(facade), new ChangeLocator.FileMatch(place, Math.max(scores.getOrDefault(place, 0.0), facade.score()),
                new ArrayList<>(terms.getOrDefault(place, Set.of())), evidence, through));
    }

    private static final Pattern CONSTANT_NAME = Pattern.compile("(?<![\\w$])(\\p{Lu}[\\p{Lu}\\d]*(?:_[\\p{Lu}\\d]+)+)(?![\\w$])");

    /**
     * The constants the objective writes in its code ({@code TONE_6} in {@code `parse(":boy|TONE_6:")`}): upper case with an
     * underscore, a shape prose never has.
     */
    static Set<String> constantsWritten(String objective) {
        Set<String> found = new LinkedHashSet<>();
        Matcher span = Pattern.compile("`([^`]+)`").matcher(objective);
        while (span.find()) {
            Matcher c = CONSTANT_NAME.matcher(span.group(1));
            while (c.find()) {
                found.add(c.group(1));
            }
        }
        return found;
    }

    /** Whether Java code declares {@code name}: an enum constant ({@code TONE_6("…"),}) or a static final field. */
    private static boolean declaresConstant(String code, String name) {
        String quoted = Pattern.quote(name);
        return Pattern.compile("(?m)^[ \\t]*(?:@\\w+\\s+)*" + quoted + "\\s*(?:\\(|\\{|,|;|$)").matcher(code).find()
                || Pattern.compile("\\bstatic\\s+final\\s+[\\w.<>\\[\\], ]+\\s" + quoted + "\\s*=").matcher(code).find();
    }

    /**
     * A named Java method that does its own work (it loops over the input) but hands a piece of it, itself or through a
     * helper of its own class, to a static lookup of another project class ({@code parse} → {@code aliasAt} →
     * {@code Tone.fromType(cut)}): when that class declares a constant the objective writes in its code ({@code TONE_6} in
     * {@code ":boy|TONE_6:"}) and the named class's code does not, what the objective says about that value is the
     * lookup's; the class takes the named file's place, tested through it (as a forwarding method's callee is).
     */
    static List<ChangeLocator.FileMatch> throughHelpers(List<ChangeLocator.FileMatch> chosen, ChangeLocator.Keys keys,
                                                        WorkspaceFacts facts, java.util.function.Predicate<String> candidate,
                                                        Map<String, Double> scores, Map<String, Set<String>> terms) {
        Set<String> constants = constantsWritten(keys.text());
        if (keys.members().isEmpty() || chosen.isEmpty() || constants.isEmpty()) {
            return chosen;
        }
        List<ChangeLocator.FileMatch> result = new ArrayList<>(chosen);
        for (ChangeLocator.FileMatch facade : chosen) {
            if (!facade.path().endsWith(".java") || result.indexOf(facade) < 0) {
                continue;
            }
            List<ClassMembers.Home> homes = keys.members().homes(facts, facade.path()::equals);
            String text = homes.isEmpty() ? null : text(facts, facade.path());
            if (text == null) {
                continue;
            }
            String code = withoutComments(text);
            List<String> values = constants.stream().filter(c -> !Pattern.compile("(?<![\\w$])" + Pattern.quote(c) + "(?![\\w$])")
                    .matcher(code).find()).toList();
            if (values.isEmpty()) {
                continue; // the named class spells the value out: it handles it itself
            }
            StringBuilder region = new StringBuilder();
            Set<String> named = new LinkedHashSet<>();
            for (ClassMembers.Home home : homes) {
                named.add(home.member().name());
                region.append(bodies(code, home.member().name()));
            }
            // one hop into the helpers of the named class the named method calls
            Set<String> helpers = new LinkedHashSet<>();
            Matcher call = PLAIN_CALL.matcher(region.toString());
            while (call.find()) {
                if (!NOT_CALLS.contains(call.group(1)) && !named.contains(call.group(1))) {
                    helpers.add(call.group(1));
                }
            }
            for (String helper : helpers) {
                region.append(bodies(code, helper));
            }
            Map<String, Integer> held = new LinkedHashMap<>();
            Map<String, Callee> via = new LinkedHashMap<>();
            for (Callee c : calledFrom(region.toString(), facade.path(), text, facts)) {
                if (!c.declaration().matches(".*\\bstatic\\b.*") || !candidate.test(c.path())
                        || facts.content().kind(c.path()) != FileKind.SOURCE || held.containsKey(c.path())) {
                    continue;
                }
                String calleeText = text(facts, c.path());
                String calleeCode = calleeText == null ? "" : withoutComments(calleeText);
                int count = (int) values.stream().filter(v -> declaresConstant(calleeCode, v)).count();
                if (count > 0) {
                    held.put(c.path(), count);
                    via.put(c.path(), c);
                }
            }
            int most = held.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            List<String> best = held.entrySet().stream().filter(e -> e.getValue() == most).map(Map.Entry::getKey).toList();
            if (best.size() != 1) {
                continue; // none, or two classes declaring the value alike
            }
            String place = best.get(0);
            Callee lookup = via.get(place);
            replace(result, facade, place, place + ":" + lookup.line() + " " + PlanRules.abbreviate(lookup.declaration(), 100)
                    + " (" + homes.get(0).member().owner() + "." + homes.get(0).member().name() + " at " + facade.path() + ":"
                    + homes.get(0).line() + " hands it the value)", scores, terms);
        }
        return result;
    }


    /** The bodies of every overload of method {@code name} declared with a modifier in {@code code}, one after another. */
    private static String bodies(String code, String name) {
        StringBuilder bodies = new StringBuilder();
        Matcher d = Pattern.compile("(?m)^[ \\t]*(?:(?:public|protected|private|static|final|synchronized)\\s+)+"
                + "(?:<[^>]+>\\s+)?[\\w.<>\\[\\],? ]+\\s+" + Pattern.quote(name) + "\\s*\\(").matcher(code);
        while (d.find()) {
            int open = code.indexOf('{', CodeBrackets.closing(code, d.end() - 1) + 1);
            int close = open < 0 ? -1 : CodeBrackets.closing(code, open);
            if (close > open && code.substring(CodeBrackets.closing(code, d.end() - 1) + 1, open).indexOf(';') < 0) {
                bodies.append(code, open + 1, close).append('\n');
            }
        }
        return bodies.toString();
    }

    /** A value written in code form with a sign no name has ({@code <br/>}, {@code :---:}): what code holds as a literal. */
    private static final Pattern VALUE_SPAN = Pattern.compile("`([^`\\s]{2,40})`");

    /**
     * A Java class the objective names, with a field it names too ({@code `Rows` with a `width`}), that hands the field to
     * a static method of another project class ({@code Texts.wrap(line, width)}) whose body holds a value the objective
     * writes in code form ({@code `<br/>`}) and the named class's code lacks: the behaviour is written in that method,
     * so its class takes the named file's place, tested through it.
     */
    static List<ChangeLocator.FileMatch> throughPassedFields(List<ChangeLocator.FileMatch> chosen, ChangeLocator.Keys keys,
                                                             WorkspaceFacts facts, java.util.function.Predicate<String> candidate,
                                                             Map<String, Double> scores, Map<String, Set<String>> terms) {
        List<String> values = new ArrayList<>();
        Matcher v = VALUE_SPAN.matcher(keys.text());
        while (v.find()) {
            String token = v.group(1);
            if (token.chars().anyMatch(Character::isLetterOrDigit) && token.chars().anyMatch(c -> !Character.isLetterOrDigit(c)
                    && c != '_' && c != '$' && c != '.' && c != '(' && c != ')' && c != '#')) {
                values.add(token);
            }
        }
        if (values.isEmpty() || chosen.isEmpty()) {
            return chosen;
        }
        List<ChangeLocator.FileMatch> result = new ArrayList<>(chosen);
        for (ChangeLocator.FileMatch named : chosen) {
            String path = named.path();
            String type = path.substring(path.lastIndexOf('/') + 1).replaceFirst("\\.java$", "");
            if (!path.endsWith(".java") || !keys.identifiers().contains(type.toLowerCase(java.util.Locale.ROOT)) || result.indexOf(named) < 0) {
                continue;
            }
            String text = text(facts, path);
            if (text == null) {
                continue;
            }
            String code = withoutComments(text);
            List<String> lacking = values.stream().filter(t -> !holdsLiteral(code, t)).toList();
            if (lacking.isEmpty()) {
                continue;
            }
            Set<String> places = new LinkedHashSet<>();
            Callee via = null;
            Matcher call = QUALIFIED_CALL.matcher(code);
            while (call.find()) {
                int close = CodeBrackets.closing(code, call.end() - 1);
                if (close < 0) {
                    continue;
                }
                String arguments = code.substring(call.end(), close);
                boolean passesNamedField = java.util.Arrays.stream(arguments.split("[^\\w$]+"))
                        .anyMatch(a -> !a.isEmpty() && !a.equalsIgnoreCase(type) && keys.identifiers().contains(a.toLowerCase(java.util.Locale.ROOT)));
                if (!passesNamedField) {
                    continue;
                }
                for (Callee c : calledFrom(code.substring(call.start(), close + 1), path, text, facts)) {
                    if (c.method().equals(call.group(2)) && c.declaration().matches(".*\\bstatic\\b.*") && candidate.test(c.path())
                            && facts.content().kind(c.path()) == FileKind.SOURCE
                            && lacking.stream().anyMatch(t -> holdsLiteral(bodies(withoutComments(text(facts, c.path())), c.method()), t))) {
                        places.add(c.path());
                        via = c;
                    }
                }
            }
            if (places.size() != 1) {
                continue; // none, or the field goes to two such methods: no one place
            }
            String place = places.iterator().next();
            replace(result, named, place, place + ":" + via.line() + " " + PlanRules.abbreviate(via.declaration(), 100)
                    + " (" + type + " hands it the field the objective names)", scores, terms);
        }
        return result;
    }

    /** Whether Java code holds a value as written, or as a string literal writes it (a backslash doubled, quotes escaped). */
    private static boolean holdsLiteral(String code, String value) {
        return code.contains(value) || code.contains("\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
    }

    /** The project Java files of the types {@code code} names: imported by {@code callerText} or in the caller's directory. */
    private static List<String> referencedTypes(String code, String callerPath, String callerText, Set<String> files) {
        String directory = callerPath.contains("/") ? callerPath.substring(0, callerPath.lastIndexOf('/') + 1) : "";
        String sourceRoot = sourceRoot(callerPath, callerText);
        Map<String, String> imported = new LinkedHashMap<>();
        Matcher t = TYPE_IMPORT.matcher(callerText);
        while (t.find()) {
            String file = typeFile(t.group(1) + "." + t.group(2), sourceRoot, files);
            if (file != null) {
                imported.put(t.group(2), file);
            }
        }
        Set<String> found = new LinkedHashSet<>();
        Matcher name = TYPE_NAME.matcher(code);
        while (name.find()) {
            String file = imported.getOrDefault(name.group(1),
                    files.contains(directory + name.group(1) + ".java") ? directory + name.group(1) + ".java" : null);
            if (file != null) {
                found.add(file);
            }
        }
        return List.copyOf(found);
    }

    private static boolean addCallee(Map<String, Callee> found, String file, String method, WorkspaceFacts facts) {
        String key = file + "#" + method;
        if (found.containsKey(key)) {
            return true;
        }
        String text = text(facts, file);
        Callee callee = text == null ? null : declared(text, file, method);
        if (callee != null) {
            found.put(key, callee);
        }
        return callee != null;
    }

    /** The directory holding the caller's package tree (src/main/java/), from its package line; "" when unknown. */
    private static String sourceRoot(String path, String text) {
        Matcher m = PACKAGE.matcher(text);
        if (!m.find()) {
            return "";
        }
        String packageDir = m.group(1).replace('.', '/') + "/";
        int at = path.lastIndexOf(packageDir);
        return at < 0 ? "" : path.substring(0, at);
    }

    private static String typeFile(String qualified, String sourceRoot, Set<String> files) {
        String file = sourceRoot + qualified.replace('.', '/') + ".java";
        return files.contains(file) ? file : null;
    }

    static String text(WorkspaceFacts facts, String path) {
        byte[] bytes = ContentIndex.read(facts.root().resolve(path));
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /** The method's declaration in a Java file's text and its body (by braces, strings and comments skipped), or null. */
    static Callee declared(String text, String path, String method) {
        Matcher d = Pattern.compile("(?m)^[ \\t]*(?:@\\w+\\s+)*(?:(?:public|protected|private|static|final|synchronized|abstract)\\s+)*"
                + "(?:<[^>]+>\\s+)?[\\w.<>\\[\\],? ]+\\s+" + Pattern.quote(method) + "\\s*\\([^)]*\\)[^;{]*\\{").matcher(text);
        if (!d.find()) {
            return null;
        }
        int end = CodeBrackets.closing(text, d.end() - 1);
        String body = text.substring(d.start(), end < 0 ? text.length() : end + 1);
        String[] lines = body.split("\n", -1);
        if (lines.length > MAX_BODY_LINES) {
            body = String.join("\n", java.util.Arrays.copyOf(lines, MAX_BODY_LINES));
        }
        int line = 1 + (int) text.substring(0, d.start()).chars().filter(c -> c == '\n').count();
        return new Callee(path, method, line, lines[0].strip(), body);
    }

    /** Java code without its comments (a comment's words are what the code says about itself, not what it does). */
    static String withoutComments(String code) {
        return code.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", " ");
    }

    /** Stems of the words in a piece of code or text: identifiers split at camelCase and underscores. */
    static Set<String> stems(String text) {
        return new LinkedHashSet<>(ObjectiveTerms.of(text));
    }
}
