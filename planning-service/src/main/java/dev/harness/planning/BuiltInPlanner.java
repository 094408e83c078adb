package dev.harness.planning;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The offline, deterministic planner. It finds the files the objective is about (names and
 * contents, ChangeLocator), groups them into coherent changes (same package and connected by
 * imports, shared tests or a directory: one packet each, code and tests together), orders changes
 * by their imports and package dependencies (independent ones run in parallel), checks each with
 * the project's own tests narrowed to the ones that cover it (PacketChecks), and runs the full
 * suite once, at the end. Commands are built only from detected commands and real paths
 * (single-quoted); the objective's text never reaches a command.
 */
public final class BuiltInPlanner {
    private static final java.util.regex.Pattern JVM_SOURCE = java.util.regex.Pattern.compile(".*\\.(?:java|kt|scala|groovy)$");
    private static final int MAX_PARALLEL_CHANGES = 3;
    private static final int MAX_TESTS_PER_FILE = 4;
    /** How often a test class uses the objective's concept to be about it, and how many such classes still say which. */
    private static final int CONCEPT_REPEATS = 3;
    private static final int MAX_CONCEPT_TESTS = 3;
    /** Tests read for the objective's quoted text and names, per changed file: a bound for big suites. */
    private static final int MAX_CUED_CANDIDATES = 200;
    private static final int IMPLEMENT_TIMEOUT = 1800;
    private static final int VERIFY_TIMEOUT = 900;
    private static final String FAILING_TEST_FIRST = "Add or adjust a test that fails before your change and passes after it";

    public PlanDraft plan(String objective, WorkspaceFacts facts, Integer maxPackets) {
        List<String> warnings = new ArrayList<>(facts.notes());
        String quoted = ObjectiveText.quote(objective);
        if (objective.strip().length() > ObjectiveText.QUOTE_CHARS) {
            warnings.add("The objective is " + objective.strip().length() + " characters long; packets quote its first "
                    + ObjectiveText.QUOTE_CHARS + " and titles its first phrase.");
        }
        int budget = maxPackets == null ? PlanRules.MAX_PACKETS : Math.max(1, maxPackets);
        // code written without backticks (.extend(), useColors, $S) is read as code, the way `.extend()` is; packets quote
        // the objective as written
        String read = CodeForm.marked(objective, word -> declares(facts, word));
        ChangeLocator.Keys keys = ChangeLocator.keys(read);
        // "remark-cli: show … remark-parse …": the prefix names the package that changes, the rest what it shows
        WorkspacePackage scoped = scopePrefix(read, facts);
        List<ChangeLocator.FileMatch> matches = scoped == null ? List.of()
                : ChangeLocator.locate(keys, facts, ChangeLocator.projectNames(facts), scoped::contains);
        // a function the objective adds to a module it names goes there: its new name is in no file, and its parameters'
        // words (`oversize(cache, value)`) are in every file of the library
        java.util.Optional<AddedFunction> added = AddedFunction.of(read, facts, word -> declares(facts, word));
        if (added.isPresent()) {
            matches = List.of(new ChangeLocator.FileMatch(added.get().home(), 1, List.of(ObjectiveTerms.stem(added.get().name())),
                    added.get().evidence()));
        }
        if (matches.isEmpty()) {
            matches = ChangeLocator.locate(keys, facts, ChangeLocator.projectNames(facts));
        }
        // in a monorepo the code lives in its packages: a file outside all of them (a stray script, the root manifest)
        // next to matches inside them is left out, unless the objective names it
        if (facts.packages().isMonorepo() && matches.stream().anyMatch(m -> !facts.packages().of(m.path()).isRoot())) {
            matches = matches.stream().filter(m -> !facts.packages().of(m.path()).isRoot()
                    || keys.pathWords().contains(ObjectiveTerms.stem(SourceGraph.baseName(m.path())))).toList();
        }
        PacketChecks checks = PacketChecks.forObjective(facts, read);
        if (facts.content().skipped() > 0) {
            warnings.add(facts.content().skipped() + " files were not read for matching (size or count limits of the text index); "
                    + "only their names were considered.");
        }

        Set<String> timingTests = new java.util.TreeSet<>();
        List<Change> changes = group(matches, facts, keys, timingTests);
        if (added.isPresent()) {
            // a new function's tests go into one file: the test of its module that ranks first, not every suite reaching it
            changes.forEach(c -> c.tests.subList(Math.min(1, c.tests.size()), c.tests.size()).clear());
        }
        int room = budget <= 1 ? 1 : Math.min(MAX_PARALLEL_CHANGES, budget - 1);
        while (changes.size() > room) {
            Change last = changes.remove(changes.size() - 1);
            changes.set(changes.size() - 1, changes.get(changes.size() - 1).merge(last, facts));
        }

        List<TaskPacket> packets = new ArrayList<>();
        Set<WorkspacePackage> involved = new LinkedHashSet<>();
        changes.forEach(c -> involved.add(c.pkg));
        if (changes.isEmpty()) {
            involved.add(facts.packages().root());
        }
        List<String> end = checks.finalChecks(involved);
        if (!checks.styleLeftOut().isEmpty()) {
            warnings.add("Not used as checks: " + String.join(", ", checks.styleLeftOut().stream().map(c -> "'" + c + "'").toList())
                    + " (lint and format scripts judge style, not whether the change works; run them yourself, or name lint "
                    + "or formatting in the objective to have them checked).");
        }
        if (!checks.bundlesLeftOut().isEmpty()) {
            warnings.add("Not used as checks: " + String.join(", ", checks.bundlesLeftOut().stream().map(c -> "'" + c + "'").toList())
                    + " (it bundles for release the JavaScript sources the tests already run; run it before a release).");
        }
        if (!checks.dependentsLeftOut().isEmpty()) {
            warnings.add("The full check runs the changed Maven modules and those they build on, not the whole reactor; the modules "
                    + "depending on them (" + String.join(", ", checks.dependentsLeftOut()) + ") are not run; a root 'mvn -q verify' "
                    + "builds and tests them all.");
        }
        Change closing = closingChange(changes, checks, end, facts);
        if (changes.isEmpty()) {
            WorkspacePackage root = facts.packages().root();
            PacketChecks.Checks c = checks.forChange(root, List.of(), List.of());
            if (!facts.scan().isEmpty()) {
                List<String> words = asWritten(read, keys.direct());
                warnings.add("No file's name or content matched the objective's words"
                        + (words.isEmpty() ? "" : " (" + String.join(", ", words.subList(0, Math.min(8, words.size()))) + ")")
                        + "; the task covers the whole workspace.");
            }
            String goal = "Make the changes the objective needs in the workspace. " + FAILING_TEST_FIRST
                    + ", and keep the existing behaviour working. Overall objective: " + quoted;
            packets.add(packet("t1", capitalized(ObjectiveText.phrase(objective, ObjectiveText.SUBJECT_CHARS), facts), goal, null, "workspace", ".", List.of(), c, List.of(),
                    TaskPacket.DEFAULT_COMMIT_POLICY, IMPLEMENT_TIMEOUT));
        }
        Map<Change, String> ids = new HashMap<>();
        Map<Change, String> places = places(changes);
        for (Change change : changes) {
            String id = "t" + (packets.size() + 1);
            ids.put(change, id);
            List<String> deps = new ArrayList<>();
            for (Change earlier : changes) {
                if (earlier == change || !ids.containsKey(earlier)) {
                    continue;
                }
                if (change == closing || change.needs(earlier, facts)) {
                    deps.add(ids.get(earlier));
                }
            }
            PacketChecks.Checks c = checks.forChange(change.pkg, change.files, change.tests);
            String goal = changeObjective(change, quoted);
            if (change == closing) {
                Set<String> all = new LinkedHashSet<>(checks.withoutFinalRepeats(c.commands(), end));
                all.addAll(end);
                c = new PacketChecks.Checks(new ArrayList<>(all), PacketChecks.Verification.SUITE);
                goal = goal.replace(" Overall objective: ", " It comes last: run the build, lint and the full test suite once "
                        + "on the finished work and fix what fails where the changes meet. Overall objective: ");
            }
            packets.add(packet(id, title(objective, changes.size() == 1 ? null : places.get(change), facts),
                    goal, description(change, matches), change.scope(facts), change.scopePath(facts), change.packetFiles(),
                    c, deps, TaskPacket.DEFAULT_COMMIT_POLICY, IMPLEMENT_TIMEOUT));
        }

        if (closing != null) {
            end = List.of(); // the closing change already runs them
        }
        if (packets.size() == 1) {
            TaskPacket only = packets.get(0);
            // a targeted check first (fast, about the change); a whole suite after the build it may need, as the project runs it
            boolean targeted = PacketChecks.Verification.TARGETED.wire().equals(only.extras().path("verification").asText());
            List<String> own = checks.withoutFinalRepeats(only.acceptanceTests(), end);
            Set<String> all = new LinkedHashSet<>(targeted ? own : end);
            all.addAll(targeted ? end : own);
            if (targeted && !own.isEmpty()) {
                // npm test running the narrowed check's very files again (a one-file suite) is the same run twice
                String narrowed = own.get(0);
                all.removeIf(command -> !command.equals(narrowed) && checks.repeats(command, narrowed));
            }
            String verification = all.isEmpty() ? PacketChecks.Verification.UNVERIFIABLE.wire()
                    : targeted && own.isEmpty() ? PacketChecks.Verification.SUITE.wire() : only.extras().path("verification").asText();
            packets.set(0, withVerification(only.withAcceptanceTests(new ArrayList<>(all)), verification));
        } else if (!end.isEmpty()) {
            List<String> deps = packets.stream().map(TaskPacket::id).toList();
            String goal = "Check the finished work end to end: run the build, lint and the full test suite once and fix what "
                    + "fails where the changes meet. Overall objective: " + quoted;
            packets.add(packet("t" + (packets.size() + 1), title(objective, "Verify end to end", facts), goal, null, "workspace", ".",
                    List.of(), new PacketChecks.Checks(end, PacketChecks.Verification.SUITE), deps, "none", VERIFY_TIMEOUT));
        }
        // the time zone and locale the project's own test wrapper or CI runs its suite in (TZ=America/New_York in
        // scripts/test): without them a suite written for it fails on the healthy project, whatever the change does
        Map<String, Map<String, String>> settings = new HashMap<>();
        for (int i = 0; i < packets.size(); i++) {
            TaskPacket p = packets.get(i);
            List<String> set = p.acceptanceTests().stream().map(command -> TestEnvironment.apply(command,
                    settings.computeIfAbsent(TestEnvironment.directoryOf(command),
                            dir -> java.nio.file.Files.isRegularFile(facts.root().resolve(dir).resolve("package.json"))
                            ? TestEnvironment.of(facts.root(), dir) : Map.of()))).toList();
            if (!set.equals(p.acceptanceTests())) {
                packets.set(i, p.withAcceptanceTests(new ArrayList<>(set)));
            }
        }
        // a check naming a script, target or path the project lacks fails on the unchanged project, and one whose
        // script rewrites files changes the person's work: never proposed
        for (int i = 0; i < packets.size(); i++) {
            TaskPacket p = packets.get(i);
            List<String> kept = new ArrayList<>();
            for (String command : p.acceptanceTests()) {
                java.util.Optional<String> missing = UnusableChecks.why(command, facts);
                if (missing.isPresent()) {
                    warnings.add("Not used as a check: '" + command + "' (" + missing.get() + ").");
                } else {
                    kept.add(command);
                }
            }
            if (kept.size() < p.acceptanceTests().size()) {
                String verification = kept.isEmpty() ? PacketChecks.Verification.UNVERIFIABLE.wire()
                        : p.extras().path("verification").asText();
                packets.set(i, withVerification(p.withAcceptanceTests(kept), verification));
            }
        }
        // "left out of the targeted checks" describes a targeted check: said only when the plan has one
        if (!timingTests.isEmpty() && packets.stream().anyMatch(p -> PacketChecks.Verification.TARGETED.wire()
                .equals(p.extras().path("verification").asText()))) {
            warnings.add("Left out of the targeted checks: " + String.join(", ", timingTests) + " (they measure time or load, "
                    + "so they fail on a busy machine whatever the change does; the full suite still runs them).");
        }
        // an unverifiable packet is said once, by the plan rules' "unverifiable" finding (every planner's plan gets it);
        // why nothing can check it is the workspace note above ("No test command detected …")
        warnings.add("Built-in plan: places were found by the objective's words in file names and contents"
                + (matches.isEmpty() ? "" : " (evidence in each packet's description)")
                + "; it cannot know whether other places need the change or what the new tests should assert.");
        return new PlanDraft(packets, warnings, PlanDraft.BUILT_IN);
    }

    /**
     * The objective's words as the person wrote them (lower-cased, in order, once each) whose stems are {@code stems}: a
     * warning quotes "dark, mode", never the matcher's stems "dark, mod".
     */
    static List<String> asWritten(String objective, java.util.Collection<String> stems) {
        Set<String> words = new LinkedHashSet<>();
        for (String word : objective.split("[^\\p{L}\\p{N}_]+")) {
            String lower = word.toLowerCase(java.util.Locale.ROOT);
            if (!lower.isEmpty() && stems.contains(ObjectiveTerms.stem(lower))) {
                words.add(lower);
            }
        }
        return words.isEmpty() ? List.copyOf(stems) : List.copyOf(words);
    }

    private static final java.util.regex.Pattern SCOPE_PREFIX = java.util.regex.Pattern.compile("^\\s*([@\\w][\\w@/.-]*)\\s*:\\s+\\S");

    /** Whether the workspace's code declares {@code word} (a function, parameter or field of that name). */
    private static boolean declares(WorkspaceFacts facts, String word) {
        return facts.content().occurrences(ClassMembers.indexKey(word)).stream().anyMatch(o -> o.defined() && o.inCode());
    }

    /** The package an objective names as its scope, the way a commit or issue title does ("remark-cli: …"); null if none. */
    static WorkspacePackage scopePrefix(String objective, WorkspaceFacts facts) {
        java.util.regex.Matcher m = SCOPE_PREFIX.matcher(objective);
        if (!m.find()) {
            return null;
        }
        String prefix = m.group(1);
        for (WorkspacePackage p : facts.packages().packages()) {
            String base = p.directory().substring(p.directory().lastIndexOf('/') + 1);
            if (p.name().equals(prefix) || base.equals(prefix) || p.name().endsWith("/" + prefix)) {
                return p;
            }
        }
        return null;
    }

    /**
     * A change no test covers is checked by the full suite, which the end-to-end check runs anyway:
     * such changes (merged into one) go last and carry the final checks, so the suite runs once.
     * Null when no change needs that, or when there is only one change (it carries them already).
     */
    private static Change closingChange(List<Change> changes, PacketChecks checks, List<String> end, WorkspaceFacts facts) {
        if (changes.size() < 2 || end.isEmpty()) {
            return null;
        }
        Change closing = null;
        for (Change change : List.copyOf(changes)) {
            PacketChecks.Checks c = checks.forChange(change.pkg, change.files, change.tests);
            if (c.verification() == PacketChecks.Verification.SUITE && c.commands().stream().anyMatch(end::contains)) {
                changes.remove(change);
                closing = closing == null ? change : closing.merge(change, facts);
            }
        }
        if (closing == null) {
            return null;
        }
        changes.add(closing);
        return changes.size() == 1 ? null : closing;
    }

    private static String changeObjective(Change change, String quoted) {
        String tests = change.tests.isEmpty()
                ? " No test covers " + (change.files.size() == 1 ? "it" : "them") + " yet: add one next to the project's other tests."
                : " Tests that cover " + (change.files.size() == 1 ? "it" : "them") + ": " + String.join(", ", change.tests) + ".";
        return "Make the change in " + String.join(", ", change.files) + " that this objective needs. " + FAILING_TEST_FIRST
                + ", and keep the existing behaviour working." + tests + " Overall objective: " + quoted;
    }

    private static String description(Change change, List<ChangeLocator.FileMatch> matches) {
        List<String> evidence = new ArrayList<>();
        for (ChangeLocator.FileMatch m : matches) {
            if (change.files.contains(m.path())) {
                evidence.add(m.evidence());
            }
        }
        String joined = String.join("; ", evidence);
        return "Chosen because the objective's words are here: " + joined + (joined.endsWith(".") ? "" : ".");
    }

    /**
     * Every packet the built-in planner writes is made here. {@code files} are the located files the
     * change is in and the tests it asks to adjust (empty: the packet names none): the plan table and
     * the agent's prompt show them.
     */
    private static TaskPacket packet(String id, String title, String objective, String description, String scope, String scopePath,
                                     List<String> files, PacketChecks.Checks checks, List<String> deps, String commitPolicy,
                                     int timeout) {
        TaskPacket p = new TaskPacket(id, title, objective, description, scope, scopePath, checks.commands(), deps, commitPolicy,
                TaskPacket.DEFAULT_ESCALATION_POLICY, timeout, null);
        return withVerification(p.withFiles(files), checks.verification().wire());
    }

    private static TaskPacket withVerification(TaskPacket p, String verification) {
        var extras = p.extras().deepCopy();
        extras.put("verification", verification);
        return new TaskPacket(p.id(), p.title(), p.objective(), p.description(), p.scope(), p.scopePath(), p.acceptanceTests(),
                p.dependsOn(), p.commitPolicy(), p.escalationPolicy(), p.timeoutSeconds(), extras);
    }

    /**
     * Files that belong to one change: in one package, and in one directory, importing one
     * another, or covered by the same test.
     */
    static List<Change> group(List<ChangeLocator.FileMatch> matches, WorkspaceFacts facts, ChangeLocator.Keys keys,
                              Set<String> timingTests) {
        List<String> files = matches.stream().map(ChangeLocator.FileMatch::path).toList();
        Map<String, List<String>> tests = new LinkedHashMap<>();
        for (ChangeLocator.FileMatch match : matches) {
            CoveringTests.Choice choice = coveringTests(match, facts, keys);
            List<String> covering = new ArrayList<>(choice.tests());
            for (String facade : match.testedThrough()) {
                // the named method's file is no longer a place: the tests reaching it still check the change
                coveringTests(new ChangeLocator.FileMatch(facade, match.score(), match.terms(), match.evidence()), facts, keys)
                        .tests().stream().filter(t -> !covering.contains(t)).forEach(covering::add);
            }
            tests.put(match.path(), throughNamedMethod(match, facts).orElse(covering));
            timingTests.addAll(choice.leftOut());
        }
        int[] parent = new int[files.size()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        for (int i = 0; i < files.size(); i++) {
            for (int j = i + 1; j < files.size(); j++) {
                String a = files.get(i);
                String b = files.get(j);
                if (!facts.packages().of(a).equals(facts.packages().of(b))) {
                    continue;
                }
                // a Maven module compiles and tests as one unit: one change, one `-Dtest=A,B` run, not one run per class
                boolean together = facts.packages().of(a).ecosystem() == WorkspacePackage.Ecosystem.MAVEN
                        || SourceGraph.parent(a).equals(SourceGraph.parent(b))
                        // a package's type declarations change with the code whose API they declare: one packet, not two
                        || ChangeLocator.declarations(a) || ChangeLocator.declarations(b)
                        || facts.graph().importsOf(a).contains(b) || facts.graph().importsOf(b).contains(a)
                        || tests.get(a).stream().anyMatch(tests.get(b)::contains);
                if (together) {
                    parent[find(parent, i)] = find(parent, j);
                }
            }
        }
        Map<Integer, Change> byRoot = new LinkedHashMap<>();
        for (int i = 0; i < files.size(); i++) {
            String file = files.get(i);
            Change change = byRoot.computeIfAbsent(find(parent, i), k -> new Change(facts.packages().of(file)));
            change.files.add(file);
            tests.get(file).stream().filter(t -> !change.tests.contains(t)).forEach(change.tests::add);
        }
        return new ArrayList<>(byRoot.values());
    }


    /**
     * The check of a class the named method hands its work to: its own test class and the named class's (JSONAssertTest
     * for JSONAssert.assertEquals written in the comparator), not every test reaching the callee (all of the library's
     * tests pass through a comparator). Empty when neither class has a test named after it: then the tests reaching
     * either make the check.
     */
    private static java.util.Optional<List<String>> throughNamedMethod(ChangeLocator.FileMatch match, WorkspaceFacts facts) {
        if (match.testedThrough().isEmpty()) {
            return java.util.Optional.empty();
        }
        Set<String> own = new LinkedHashSet<>(JavaCallees.testsNamedAfter(facts, match.path()));
        match.testedThrough().forEach(facade -> own.addAll(JavaCallees.testsNamedAfter(facts, facade)));
        return own.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(List.copyOf(own));
    }

    /** The tests that make {@code match}'s targeted check (no timing tests unless the objective is about them). */
    static CoveringTests.Choice coveringTests(ChangeLocator.FileMatch match, WorkspaceFacts facts, ChangeLocator.Keys keys) {
        // the tests holding the objective's quoted text or calling the names it gives come first, however many others
        // reach the file (every test of a CLI library imports its entry): before the list is cut, not after
        CoveringTests.Cues given = CoveringTests.Cues.of(keys.text()).withRareWords(keys.text(), word -> (int) facts.content()
                .occurrences(ObjectiveTerms.stem(word)).stream().filter(o -> TestPaths.isTestPath(o.path())
                        && facts.names().testFiles().contains(o.path()) && !facts.content().holdsNoTests(o.path())).count())
                .withMessageOwners(MessageOwners.of(keys.text(), facts)).withTemplatePieces(java.util.stream.Stream.concat(MessageOwners.templatePieces(keys.text()).stream(),
                        MessageOwners.numberedClauses(keys.text()).stream()).distinct().toList());
        // on the JVM a compound name is mostly a class every test of it names: its own test is chosen below
        CoveringTests.Cues cues = JVM_SOURCE.matcher(match.path()).matches() ? given : given.andBareCompounds(keys.text());
        Map<String, Integer> cueScores = new HashMap<>();
        List<String> reaching = new ArrayList<>(facts.graph().testsFor(match.path(), facts.names().testFiles(), MAX_CUED_CANDIDATES));
        List<String> reachingAll = List.copyOf(reaching);
        if (cues.isEmpty() && reaching.size() > 2 * MAX_TESTS_PER_FILE) {
            // without cues to rank them, the first few: those named after a name the objective gives (test_ttl.py for
            // `TTLCache`) first, not only the alphabet's first of a library whose every test reaches its module
            Set<String> names = new LinkedHashSet<>(keys.identifiers());
            names.addAll(keys.direct());
            reaching.sort(java.util.Comparator.comparing((String t) -> CoveringTests.namedAfterPartOf(t, names) ? 0 : 1));
            reaching.subList(2 * MAX_TESTS_PER_FILE, reaching.size()).clear();
        }
        if (!cues.isEmpty()) {
            for (String test : reaching) {
                cueScores.put(test, cueScore(test, cues, facts));
            }
            // a test named after another file of the package (command.exitOverride for command.js is, options.mandatory
            // is not) that holds the quoted text and reaches the file is a covering test too
            WorkspacePackage own = facts.packages().of(match.path());
            List<String> others = facts.names().testFiles().stream().filter(t -> !reaching.contains(t)
                    && facts.packages().of(t).equals(own) && !facts.content().holdsNoTests(t)).toList();
            if (others.size() > MAX_CUED_CANDIDATES) {
                // too many to read (hundreds of sample files beside the specs): those the index says hold a name the
                // objective gives can still hold its cues
                Set<String> holders = cues.holders(facts.content());
                others = others.stream().filter(holders::contains).toList();
            }
            if (others.size() <= MAX_CUED_CANDIDATES) {
                // when no test reaching the file holds any cue, the few others that hold one at all (the only test passing
                // the option the objective gives, `forceQuotes: true`, loaded from a sub-folder) test what the objective is about
                boolean noneCued = reaching.stream().allMatch(t -> cueScores.get(t) == 0);
                Map<String, Integer> weak = new java.util.LinkedHashMap<>();
                List<java.util.regex.Pattern> bare = CoveringTests.Cues.bareCompounds(keys.text());
                for (String test : others) {
                    int score = cueScore(test, cues, facts);
                    // or one named after a word of the objective that holds any of its cues (errors.js holding the columnNumber
                    // that "error positions are off" names, beside parse.js, the file's namesake holding none)
                    if ((score >= CoveringTests.STRONG_CUE || CoveringTests.namedAfter(test, keys.direct())
                            && (score > 0 || holdsAny(test, bare, facts))) && facts.graph().reaches(test, match.path())) {
                        reaching.add(test);
                        cueScores.put(test, score);
                    } else if (noneCued && score > 0 && weak.size() <= MAX_TESTS_PER_FILE && facts.graph().reaches(test, match.path())) {
                        weak.put(test, score);
                    }
                }
                if (!weak.isEmpty() && weak.size() <= MAX_TESTS_PER_FILE / 2 && reaching.stream().allMatch(t -> cueScores.get(t) < CoveringTests.STRONG_CUE)) {
                    reaching.addAll(weak.keySet());
                    cueScores.putAll(weak);
                }
            }
            reaching.sort(java.util.Comparator.comparingInt((String t) -> -cueScores.get(t)));
            if (reaching.size() > 2 * MAX_TESTS_PER_FILE) {
                reaching.subList(2 * MAX_TESTS_PER_FILE, reaching.size()).clear();
            }
        }
        // a test named after an element the objective's markup shows (omission-closing-p.js for `<a><p>x</p></a>`) tests
        // that element's case, among many of the same file's tests named after others
        Set<String> shown = CoveringTests.markupElements(keys.text());
        if (!shown.isEmpty()) {
            WorkspacePackage own = facts.packages().of(match.path());
            for (String test : facts.names().testFiles()) {
                if (facts.packages().of(test).equals(own) && CoveringTests.namedAfterElement(test, shown)
                        && (reachingAll.contains(test) || facts.graph().reaches(test, match.path()))) {
                    if (!reaching.contains(test)) {
                        reaching.add(0, test);
                    }
                    cueScores.merge(test, CoveringTests.STRONG_CUE, Integer::sum);
                }
            }
        }
        // a translation's own test (…_RU_Test for Resources_ru.java) asserts that language's text: no import leads to it
        String bundleDir = SourceGraph.parent(match.path());
        WorkspacePackage bundlePackage = facts.packages().of(match.path());
        List<String> translated = CoveringTests.namedAfterLocale(match.path(), facts.sortedFiles().stream()
                .filter(f -> SourceGraph.parent(f).equals(bundleDir)).toList(), facts.names().testFiles().stream()
                .filter(t -> facts.packages().of(t).equals(bundlePackage) && !facts.content().holdsNoTests(t)).toList());
        for (String test : translated) {
            if (!reaching.contains(test)) {
                reaching.add(0, test);
            }
            cueScores.merge(test, CoveringTests.STRONG_CUE, Integer::sum);
        }
        Set<String> objective = new LinkedHashSet<>(keys.direct());
        objective.addAll(keys.pathWords());
        // on the JVM a test class is named after what it tests and reaches it through factories and interfaces: a test of
        // the module named after a word of the objective that this file holds (DelimiterTest for "delimiters" in the
        // parser) tests that concept, even when more imports lie between them than are followed
        List<String> concepts = new ArrayList<>(match.terms());
        concepts.retainAll(keys.direct());
        concepts.removeAll(ChangeLocator.GENERIC_WORDS);
        concepts.removeAll(keys.modifiers());
        concepts.removeAll(keys.consequence()); // "so that reading it back…": ReaderTest tests another thing
        // the rarest concept only: DelimiterTest for "delimiters", not NamesTest and LineTest for the parser's everyday words
        concepts.sort(java.util.Comparator.comparingInt(facts.content()::documentFrequency));
        WorkspacePackage pkg = facts.packages().of(match.path());
        boolean jvm = JVM_SOURCE.matcher(match.path()).matches();
        int added = 0;
        if (!jvm) {
            // elsewhere a test named after a method the objective names as Class.member, in the file that defines it
            // (test_match.py for Version.match), tests it, however many imports lie between them
            // (or in a file it imports when the method there only hands the work to this one: toFormat.test.js for the formatter)
            Set<String> members = keys.members().isEmpty() || keys.members().homes(facts, home -> home.equals(match.path())
                    || facts.graph().importsOf(home).contains(match.path())).isEmpty() ? Set.of() : keys.members().nameKeys();
            for (String test : members.isEmpty() ? List.<String>of() : facts.names().testFiles()) {
                if (added < 2 && !reaching.contains(test) && facts.packages().of(test).equals(pkg) && CoveringTests.namedAfter(test, members)) {
                    reaching.add(test);
                    added++;
                }
            }
            // a test file whose tests are named after that method (test_safe_url_schemes, TestSafeUrl) asserts it, whatever the
            // file's name: first of the tests reaching the file
            for (String test : members.isEmpty() ? List.<String>of() : CoveringTests.holdingParts(members, facts.content())) {
                if (facts.names().testFiles().contains(test) && facts.packages().of(test).equals(pkg) && !facts.content().holdsNoTests(test)
                        && CoveringTests.namesTestsAfter(new String(java.util.Objects.requireNonNullElse(ContentIndex.read(facts.root(), test),
                        new byte[0]), java.nio.charset.StandardCharsets.UTF_8), members)
                        && (reaching.contains(test) || facts.graph().reaches(test, match.path()))) {
                    if (!reaching.contains(test)) {
                        reaching.add(test);
                    }
                    cueScores.merge(test, CoveringTests.STRONG_CUE + (cues.isEmpty() ? 0 : cueScore(test, cues, facts)), Math::max);
                }
            }
        }
        Set<String> byConcept = new HashSet<>();
        for (String concept : jvm ? concepts : List.<String>of()) {
            if (added > 0) {
                break; // tests named after a commoner word of the objective (NamesTest for "naming") test something else
            }
            for (String test : facts.names().testFiles()) {
                // a test class, not the data its tests read (spec/delimiters.json under src/test/resources)
                if (added < 2 && !reaching.contains(test) && JVM_SOURCE.matcher(test).matches() && facts.packages().of(test).equals(pkg)
                        && (CoveringTests.namedAfter(test, Set.of(concept)) || CoveringTests.namedAfterDoer(test, Set.of(concept)))
                        && !JavaCallees.testsUnrelatedClass(facts, test, match.path())) {
                    reaching.add(test);
                    byConcept.add(test);
                    added++;
                }
            }
            if (added > 0) {
                // the few test classes that use the concept again and again test it too, whatever their name (a spec suite
                // running delimiters.yml beside DelimiterTest); when many do, it is the module's everyday word
                List<String> using = facts.content().occurrences(concept).stream()
                        .filter(o -> o.count() >= CONCEPT_REPEATS && JVM_SOURCE.matcher(o.path()).matches()
                                && TestPaths.isTestPath(o.path()) && facts.packages().of(o.path()).equals(pkg)
                                && TestRunner.surefireRuns(o.path(), TestRunner.SUREFIRE_DEFAULT_INCLUDES,
                                        TestRunner.testSourceRoot(facts.root(), pkg.isRoot() ? "" : pkg.directory()))
                                && !TestRunner.runsNoJvmTests(facts.root(), o.path()))
                        .map(ContentIndex.Occurrence::path).toList();
                if (using.size() <= MAX_CONCEPT_TESTS) {
                    using.stream().filter(t -> !reaching.contains(t)).forEach(reaching::add);
                }
            }
        }
        if (jvm) {
            // RefinedCoderTest is named after Coder.java's name too, but tests its own class, which never meets Coder
            reaching.removeIf(test -> JavaCallees.testsUnrelatedClass(facts, test, match.path()));
        }
        // a test added by its name is ranked by the same cues as those reaching the file: CSVPrinterTest holding `QuoteMode`
        // is not behind every test that merely imports the file
        for (String test : cues.isEmpty() ? List.<String>of() : reaching) {
            cueScores.computeIfAbsent(test, t -> cueScore(t, cues, facts));
        }
        // test files running the same shared cases (a mixin) on different classes: the one named after the objective's word
        List<String> candidates = SharedTestCases.oneRunnerEach(reaching, objective, cueScores, facts);
        CoveringTests.Choice choice = CoveringTests.choose(candidates, objective, match.terms(), facts.content(), MAX_TESTS_PER_FILE,
                test -> cueScores.getOrDefault(test, 0));
        if (match.path().endsWith(".py")) {
            // so is a Python module's own test module (tests/test_utils.py for utils.py): beside it, the test modules of the
            // project's other modules (test_metadata.py, test_pylock.py) reach it only through what they test
            String stem = SourceGraph.baseName(match.path());
            boolean own = choice.tests().stream().anyMatch(t -> pythonTestOf(t).equals(stem));
            if (own) {
                Set<String> modules = facts.sortedFiles().stream().filter(f -> f.endsWith(".py") && !TestPaths.isTestPath(f))
                        .map(SourceGraph::baseName).collect(java.util.stream.Collectors.toSet());
                // named after a module, or a module and what of it (test_pylock_select.py)
                java.util.function.Predicate<String> ofModule = name -> modules.stream().anyMatch(m -> name.equals(m) || name.startsWith(m + "_"));
                choice = new CoveringTests.Choice(choice.tests().stream().filter(t -> pythonTestOf(t).equals(stem)
                        || pythonTestOf(t).startsWith(stem + "_") || !ofModule.test(pythonTestOf(t))).toList(), choice.leftOut());
            }
        }
        if (jvm) {
            // the class's own test (HexTest for Hex.java) holding the objective's quoted text or names asserts the case: a
            // test that only reaches the class and holds less of it (the library's every test passing through it) is padding
            Set<String> own = new HashSet<>(JavaCallees.testsNamedAfter(facts, match.path()));
            int ownCue = choice.tests().stream().filter(own::contains).mapToInt(t -> cueScores.getOrDefault(t, 0)).max().orElse(0);
            if (ownCue > 0) {
                choice = new CoveringTests.Choice(choice.tests().stream().filter(t -> own.contains(t) || byConcept.contains(t)
                        || cueScores.getOrDefault(t, 0) >= ownCue).toList(), choice.leftOut());
            } else if (namesClass(keys, match.path().substring(match.path().lastIndexOf('/') + 1).replaceFirst("\\.\\w+$", "")) && choice.tests().stream().anyMatch(own::contains)) {
                // the objective names the class in code form (`PrettyTime.format`): its own test asserts what the class does;
                // tests holding nothing the objective writes (every translation's test formats a duration) are padding
                choice = new CoveringTests.Choice(choice.tests().stream().filter(t -> own.contains(t)
                        || cueScores.getOrDefault(t, 0) > 0).toList(), choice.leftOut());
            }
        }
        return choice;
    }

    /** The module a Python test module is named after (markers for tests/test_markers.py or markers_test.py), or "". */
    private static String pythonTestOf(String test) {
        String name = test.substring(test.lastIndexOf('/') + 1).replaceFirst("\\.py$", "");
        return !test.endsWith(".py") ? "" : name.startsWith("test_") ? name.substring(5) : name.endsWith("_test") ? name.substring(0, name.length() - 5) : "";
    }

    /** Whether the objective names class {@code type} in code form: as a name of its own, or the owner of a member (`Clock.format`). */
    private static boolean namesClass(ChangeLocator.Keys keys, String type) {
        return keys.identifiers().contains(type.toLowerCase(java.util.Locale.ROOT))
                || keys.members().members().stream().anyMatch(m -> type.equals(m.owner()));
    }

    private static boolean holdsAny(String test, List<java.util.regex.Pattern> names, WorkspaceFacts facts) {
        byte[] text = names.isEmpty() ? null : ContentIndex.read(facts.root(), test);
        if (text == null) {
            return false;
        }
        String read = new String(text, java.nio.charset.StandardCharsets.UTF_8);
        return names.stream().anyMatch(n -> n.matcher(read).find());
    }

    private static int cueScore(String test, CoveringTests.Cues cues, WorkspaceFacts facts) {
        byte[] text = ContentIndex.read(facts.root(), test);
        // a test file runs the shared cases its classes inherit (a mixin in tests/__init__.py) as its own
        return text == null ? 0 : cues.score(SharedTestCases.runText(facts, test, new String(text, java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /** One coherent change: files of one package (unless merged to fit max_packets) and their tests. */
    static final class Change {
        /** What the packet changes: the code files, then the covering tests its objective asks to add to or adjust. */
        List<String> packetFiles() {
            Set<String> all = new LinkedHashSet<>(files);
            all.addAll(tests);
            return new ArrayList<>(all);
        }

        final WorkspacePackage pkg;
        final List<String> files = new ArrayList<>();
        final List<String> tests = new ArrayList<>();

        Change(WorkspacePackage pkg) {
            this.pkg = pkg;
        }

        Change merge(Change other, WorkspaceFacts facts) {
            Change merged = new Change(pkg.equals(other.pkg) ? pkg : facts.packages().root());
            merged.files.addAll(files);
            merged.files.addAll(other.files);
            merged.tests.addAll(tests);
            other.tests.stream().filter(t -> !merged.tests.contains(t)).forEach(merged.tests::add);
            return merged;
        }

        /** This change builds on {@code other}: it imports its files, or its package depends on other's. */
        boolean needs(Change other, WorkspaceFacts facts) {
            for (String file : files) {
                for (String imported : facts.graph().importsOf(file)) {
                    if (other.files.contains(imported) || (!other.pkg.isRoot() && other.pkg.contains(imported) && !pkg.equals(other.pkg))) {
                        return true;
                    }
                }
            }
            return !pkg.equals(other.pkg) && facts.packages().dependsOn(facts.root(), pkg, other.pkg);
        }

        /** The smallest directory holding the files and their tests, never above the package. */
        String scopePath(WorkspaceFacts facts) {
            List<String> paths = new ArrayList<>(files);
            paths.addAll(tests);
            if (paths.size() == 1) {
                return paths.get(0);
            }
            String common = SourceGraph.parent(paths.get(0));
            for (String p : paths) {
                while (!common.isEmpty() && !p.startsWith(common + "/")) {
                    common = SourceGraph.parent(common);
                }
            }
            if (!pkg.isRoot() && !(common.equals(pkg.directory()) || common.startsWith(pkg.directory() + "/"))) {
                return pkg.scopePath();
            }
            return common.isEmpty() ? "." : common;
        }

        String scope(WorkspaceFacts facts) {
            String path = scopePath(facts);
            return path.equals(".") ? "workspace" : facts.names().isDirectory(path) ? "module" : "single_file";
        }

        /** The file's name, or the directory holding the files (with the whole path when {@code whole}); within PLACE_CHARS. */
        String place(boolean whole) {
            if (files.size() == 1) {
                String file = files.get(0);
                if (whole || file.lastIndexOf('/') < 0) {
                    return file;
                }
                String name = file.substring(file.lastIndexOf('/') + 1);
                // an entry module (index.js, __init__.py, mod.rs) is known by its directory: settings/index.js
                String parent = SourceGraph.parent(file);
                return ENTRY_MODULE.matcher(name).matches() ? parent.substring(parent.lastIndexOf('/') + 1) + "/" + name : name;
            }
            String common = SourceGraph.parent(files.get(0));
            for (String f : files) {
                while (!common.isEmpty() && !f.startsWith(common + "/")) {
                    common = SourceGraph.parent(common);
                }
            }
            if (common.isEmpty()) {
                Set<String> dirs = new LinkedHashSet<>();
                files.forEach(f -> dirs.add(SourceGraph.parent(f).isEmpty() ? f : SourceGraph.parent(f)));
                String all = String.join(", ", dirs);
                return all.length() <= PLACE_CHARS || whole ? all : dirs.iterator().next() + " and " + (dirs.size() - 1) + " more";
            }
            if (whole) {
                return common;
            }
            // files in sibling directories (src/theme, src/dashboard) are named by those, when they fit: "theme, dashboard"
            String base = common;
            Set<String> dirs = new LinkedHashSet<>();
            files.forEach(f -> {
                String rest = f.substring(base.length() + 1);
                dirs.add(rest.indexOf('/') < 0 ? rest : rest.substring(0, rest.indexOf('/')));
            });
            String siblings = String.join(", ", dirs);
            if (dirs.size() > 1 && siblings.length() <= PLACE_CHARS) {
                return siblings;
            }
            String last = common.substring(common.lastIndexOf('/') + 1);
            return last.length() <= PLACE_CHARS ? last : ObjectiveText.phrase(last, PLACE_CHARS);
        }

        String label() {
            if (files.size() == 1) {
                return files.get(0);
            }
            Set<String> dirs = new LinkedHashSet<>();
            files.forEach(f -> dirs.add(SourceGraph.parent(f).isEmpty() ? f : SourceGraph.parent(f)));
            return ObjectiveText.shorten(String.join(", ", dirs), 60);
        }
    }

    /**
     * A packet's title, the subject of its commit: the objective's first phrase within git's 72 characters, after
     * {@code place} ("lite.js: treat two NaN values …", "Verify end to end: …") when the plan has several packets.
     */
    static String title(String objective, String place, WorkspaceFacts facts) {
        if (place == null) {
            return capitalized(ObjectiveText.phrase(objective, ObjectiveText.SUBJECT_CHARS), facts);
        }
        String prefix = place + ": ";
        return prefix + ObjectiveText.phrase(objective, Math.max(ObjectiveText.SUBJECT_CHARS / 2,
                ObjectiveText.SUBJECT_CHARS - prefix.length()));
    }

    private static final java.util.regex.Pattern ENTRY_MODULE = java.util.regex.Pattern.compile(
            "(?:index|__init__|__main__|mod|main|lib|init)\\.[\\w.]+");

    /** Longest a packet's place in its title may be: the rest is the objective's phrase. */
    private static final int PLACE_CHARS = 30;

    /**
     * Where each change is, as short as still tells them apart: the file's name or the last directory holding its files
     * (alpha.js, src/alpha), the longer path only when two changes would read alike.
     */
    static Map<Change, String> places(List<Change> changes) {
        Map<Change, String> places = new HashMap<>();
        for (Change change : changes) {
            places.put(change, change.place(false));
        }
        for (Change change : changes) {
            String place = places.get(change);
            if (changes.stream().filter(c -> place.equals(places.get(c))).count() > 1) {
                String longer = change.place(true);
                places.put(change, longer.length() <= 2 * PLACE_CHARS ? longer : place);
            }
        }
        return places;
    }

    private static final java.util.regex.Pattern SUBJECT_NAME = java.util.regex.Pattern.compile(
            "\\p{Ll}+ (?:should|must|shall|may|can|will|would|returns?|is|are|does|do|gives?|accepts?|throws?|raises?)\\b");
    private static final java.util.regex.Pattern PLAIN_WORD = java.util.regex.Pattern.compile("\\p{Ll}+(?= |$)");

    /**
     * The title's first letter in upper case, unless its first word is code: toBoolean, parse_length, a scope prefix
     * ("parse: …") or a name the project declares (stringify) stay as written.
     */
    private static String capitalized(String text, WorkspaceFacts facts) {
        java.util.regex.Matcher first = PLAIN_WORD.matcher(text);
        // "wrap should …" names wrap(); "add a function …", "make `f` …" and "the option …" begin a sentence, even in a
        // project declaring add() or make()
        if (!first.lookingAt() || SUBJECT_NAME.matcher(text).lookingAt() && declares(facts, first.group())) {
            return text;
        }
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
