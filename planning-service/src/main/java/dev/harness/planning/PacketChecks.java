package dev.harness.planning;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harness.protocol.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The acceptance tests of one change: the project's own test runner narrowed to the tests that
 * cover the change (node:test, Mocha, Jest, Vitest, ava and tap files; pytest paths with the
 * project's doctest option; Maven -pl with one -Dtest=A,B; Gradle --tests; go test ./pkg; cargo
 * test -p), else the package's suite; and the checks run once at the end (build, lint, the full
 * suite). Nothing here can pass on an unchanged workspace by construction (no existence checks),
 * and nothing rewrites the tree: only the project's test, build and lint commands are used.
 */
public final class PacketChecks {
    /** How well a packet's checks can tell that its change works; the packet's {@code verification}. */
    public enum Verification {
        TARGETED("targeted"), SUITE("suite"), UNVERIFIABLE("unverifiable");

        private final String wire;

        Verification(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    public record Checks(List<String> commands, Verification verification) {}

    /** Objective words (stemmed) that make the project's lint and format scripts part of the change. */
    private static final Set<String> ABOUT_STYLE = java.util.stream.Stream.of("lint", "linter", "linting", "eslint", "xo",
            "formatter", "prettier", "biome", "stylelint", "ruff")
            .map(ObjectiveTerms::stem).collect(java.util.stream.Collectors.toUnmodifiableSet());
    /**
     * "code style", "source formatting": style or format said of the code itself. Alone the words are the domain's as
     * often ("a cell format", "the date format", "a text style"), and a lint run is no check of those.
     */
    private static final java.util.regex.Pattern CODE_STYLE = java.util.regex.Pattern.compile(
            "(?i)\\b(?:code|coding|source|file|files)\\s+(?:style|format|formatting)\\b|\\b(?:style|format|formatting)\\s+(?:check|rules?|errors?|violations?)\\b");
    /** A project's lint or format script or target: it judges style, not whether a change works. */
    private static final java.util.regex.Pattern STYLE_CHECK = java.util.regex.Pattern.compile(
            "(?:^|&& )(?:npm run|yarn(?: run)?|pnpm(?: run)?|make) (?:lint|lint:[\\w:-]+|format|format:check|fmt|style)$");

    private final WorkspaceFacts facts;
    private final boolean aboutStyle;
    /** The objective's words as written (SetPrerelease, Validate): a function it names is what the change reaches. */
    private final Set<String> objectiveWords;
    /** The names the objective writes as code: in backticks, snake_case, or called (`chunked`, split_at, run()). */
    private final Set<String> codeNames;
    /** Values the objective writes in code form (`//api/`, `a,b`): a test holding one verbatim exercises that case. */
    private final List<String> literals;
    /** The objective's values with digits, in their form (see valueForms): a table of cases of that form tests such a case. */
    private final List<String> forms;
    /** The objective's words as a name would hold them ({@link ObjectiveTerms#nameStems}): a test named after its case. */
    private final Set<String> objectiveNameStems;
    private final Set<String> styleLeftOut = new LinkedHashSet<>();
    private final Set<String> bundlesLeftOut = new LinkedHashSet<>();
    private final Set<String> dependentsLeftOut = new LinkedHashSet<>();

    public PacketChecks(WorkspaceFacts facts) {
        this(facts, Set.of());
    }

    /**
     * Checks for an objective whose words (stemmed) are {@code objectiveStems}: lint and format scripts
     * are final checks only when it is about them (they can fail for reasons no test of the change
     * has: a tool without that command, a rule the change never touched).
     */
    public PacketChecks(WorkspaceFacts facts, Set<String> objectiveStems) {
        this(facts, objectiveStems, Set.of(), Set.of(), List.of(), "");
    }

    // compiled once, not per plan or check (issue 15): each was a String.matches/replaceAll/split per call
    private static final java.util.regex.Pattern IDENTIFIER = java.util.regex.Pattern.compile("[A-Za-z_]\\w*");
    private static final java.util.regex.Pattern PYTEST_CHECK = java.util.regex.Pattern.compile("(?:PYTHONPATH=src )?(?:python3 -m )?pytest(?: '?[\\w./-]+'?)*");
    private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");
    private static final java.util.regex.Pattern QUOTES = java.util.regex.Pattern.compile("^['\"]|['\"]$");
    private static final java.util.regex.Pattern LEADING_DOT_SLASH = java.util.regex.Pattern.compile("^\\./");
    private static final java.util.regex.Pattern JS_FILE = java.util.regex.Pattern.compile("[\\w./-]+\\.[cm]?[jt]sx?");

    /** Checks for {@code objective}: its prose decides about style checks, the names it uses narrow the tests. */
    public static PacketChecks forObjective(WorkspaceFacts facts, String objective) {
        Set<String> words = new LinkedHashSet<>();
        java.util.regex.Matcher m = IDENTIFIER.matcher(objective);
        while (m.find()) {
            words.add(m.group());
        }
        Set<String> code = new LinkedHashSet<>();
        m = CODE_NAME.matcher(objective);
        while (m.find()) {
            code.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3));
        }
        // a name only a clause saying what stays as it is gives ("PercentileNearestRank keeps its own method") names no test of the change
        Set<String> contrast = ChangeLocator.contrastWords(objective);
        words.removeIf(w -> contrast.contains("name:" + w.toLowerCase(java.util.Locale.ROOT)));
        code.removeIf(w -> contrast.contains("name:" + w.toLowerCase(java.util.Locale.ROOT)));
        PacketChecks checks = new PacketChecks(facts, proseStems(objective), words, code, CoveringTests.Cues.of(objective).literals(),
                objective);
        checks.messageOwners = MessageOwners.of(objective, facts);
        checks.spelledNames = ChangeLocator.spelledNames(ChangeLocator.keys(objective), facts, ChangeLocator::candidate);
        return checks;
    }

    /** Names the objective spells in words ("days matching" → daymatches, lowercased; {@link ChangeLocator#spelledNames}). */
    private Set<String> spelledNames = Set.of();

    /** The classes and constants holding a message the objective quotes ({@link MessageOwners}): the tests name them. */
    private List<String> messageOwners = List.of();

    /** `name`, `name(…)`, `.name`; a snake_case name; a name called: name(. */
    private static final java.util.regex.Pattern CODE_NAME = java.util.regex.Pattern.compile(
            "`\\.?([A-Za-z_]\\w*)(?:\\([^`]*\\))?`|\\b([A-Za-z]\\w*_\\w+)\\b|\\b([A-Za-z_]\\w*)\\(");

    private PacketChecks(WorkspaceFacts facts, Set<String> objectiveStems, Set<String> objectiveWords, Set<String> codeNames,
                         List<String> literals, String objectiveText) {
        this.facts = facts;
        this.literals = List.copyOf(literals);
        this.aboutStyle = objectiveStems.stream().anyMatch(ABOUT_STYLE::contains)
                || objectiveText != null && CODE_STYLE.matcher(objectiveText).find();
        // in the objective's order: Set.copyOf iterates in an order that changes from one JVM to the next, and a -k
        // expression built from these names must be the same for the same objective
        this.objectiveWords = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(objectiveWords));
        this.codeNames = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(codeNames));
        this.forms = valueForms(objectiveText);
        this.objectiveNameStems = ObjectiveTerms.nameStems(objectiveText);
    }

    /**
     * The objective's values in code form with digits in them, each number or dotted version written 0 ({@code >= 1.0} →
     * {@code >= 0}, {@code 1.2 - 1.4.5} → {@code 0 - 0}); a bare number or version says nothing by its form.
     */
    static List<String> valueForms(String objective) {
        List<String> found = new ArrayList<>();
        java.util.regex.Matcher span = CODE_SPAN_VALUE.matcher(objective);
        while (span.find()) {
            String value = span.group(1).strip();
            if (value.length() >= 3 && DIGITS.matcher(value).find()) {
                String form = NUMBERS.matcher(value).replaceAll("0");
                if (!form.equals("0") && !found.contains(form)) {
                    found.add(form);
                }
            }
        }
        return List.copyOf(found);
    }

    private static final java.util.regex.Pattern CODE_SPAN_VALUE = java.util.regex.Pattern.compile("`([^`\\n]{1,80})`");

    /** An identifier (arrayFormat, lint_rules): a name, not what the objective is about in words. */
    private static final java.util.regex.Pattern NAMES = java.util.regex.Pattern.compile(
            "\\b\\w*\\p{Ll}\\p{Lu}\\w*\\b|\\b\\w+_\\w+\\b");

    /** A call written in code form ({@code `format('Z')`}, {@code `.lint()`}): a function's name, not the objective's prose. */
    private static final java.util.regex.Pattern CALL_SPAN = java.util.regex.Pattern.compile(
            "`\\.?[\\p{L}_$][\\p{L}\\p{N}_$]*\\([^`\\n]*\\)`");

    /**
     * The stems of the objective's own words, without its identifiers and the calls it writes in code form (arrayFormat
     * and `format('Z')` are not about formatting).
     */
    public static Set<String> proseStems(String objective) {
        String prose = CALL_SPAN.matcher(ObjectiveText.forMatching(objective)).replaceAll(" ");
        return new java.util.LinkedHashSet<>(ObjectiveTerms.of(NAMES.matcher(prose).replaceAll(" ")));
    }

    /** The build scripts finalChecks left out as bundling what the tests already run (bundlesTestedSources). */
    public List<String> bundlesLeftOut() {
        return List.copyOf(bundlesLeftOut);
    }

    private static final java.util.regex.Pattern NPM_BUILD = java.util.regex.Pattern.compile("(?:(cd \\S+) && )?npm run build");
    /** A type checker in a build script: the build then checks what tests run through babel or from the sources do not. */
    private static final java.util.regex.Pattern TYPE_CHECKER = java.util.regex.Pattern.compile("(?<![\\w-])(?:tsc|vue-tsc|flow)(?![\\w-])");

    /**
     * {@code npm run build} of a JavaScript package (no tsconfig.json, no script running a type checker) that runs a
     * bundler (rollup, babel, a size limit: in its scripts or the files they run) while the tests import the sources, not
     * the build's output: it repackages for release what the tests already ran, checks nothing of the change they do
     * not, and can fail on the healthy project for reasons of its own (a bundler needing an older OpenSSL).
     */
    private boolean bundlesTestedSources(String check) {
        java.util.regex.Matcher build = NPM_BUILD.matcher(check);
        if (!build.matches()) {
            return false;
        }
        String dir = build.group(1) == null ? "" : CheckTargets.words(build.group(1)).get(1);
        String prefix = dir.isEmpty() ? "" : dir + "/";
        if (!ManifestFile.read(facts.root(), prefix + "tsconfig.json").isEmpty()) {
            return false;
        }
        JsonNode scripts = json(prefix + "package.json").path("scripts");
        for (JsonNode script : scripts) {
            if (TYPE_CHECKER.matcher(script.asText("")).find()) {
                return false; // a type-checked package: its build may be where the types are checked
            }
        }
        // a build of its own (loading every module to catch a syntax error) checks something; a bundler only repackages
        if (!BUNDLER.matcher(buildChain(scripts, "build", prefix, 0)).find()) {
            return false;
        }
        List<String> tests = facts.names().testFiles().stream().filter(t -> t.startsWith(prefix)).toList();
        return !tests.isEmpty() && tests.stream().noneMatch(facts.graph()::importsBuildOutput);
    }

    /** A bundler, transpiler or size check: what a release build runs over sources the tests already ran. */
    private static final java.util.regex.Pattern BUNDLER = java.util.regex.Pattern.compile(
            "(?<![\\w-])(?:rollup|webpack|esbuild|parcel|vite|bundt|microbundle|babel|terser|uglify-js|uglifyjs|browserify|ncc"
            + "|size-limit|gzip-size|bundlesize)(?![\\w-])");
    /** {@code node build}, {@code babel-node tasks/buildAll.js}: a script running a file of the package (group 1). */
    private static final java.util.regex.Pattern RUNS_FILE = java.util.regex.Pattern.compile(
            "(?<![\\w-])(?:node|babel-node)\\s+([\\w./-]+)");

    /** Script {@code name}'s text, that of the scripts it runs with npm and of the files it runs with node: two levels. */
    private String buildChain(JsonNode scripts, String name, String prefix, int depth) {
        String line = scripts.path(name).asText("");
        StringBuilder text = new StringBuilder(line).append('\n');
        if (depth > 2) {
            return text.toString();
        }
        for (String step : ScriptChain.steps(line)) {
            ScriptChain.scriptOf(step).filter(s -> !s.equals(name)).ifPresent(s -> text.append(buildChain(scripts, s, prefix, depth + 1)));
            java.util.regex.Matcher file = RUNS_FILE.matcher(step);
            if (file.find()) {
                String path = prefix + file.group(1).replaceFirst("^\\./", "");
                for (String candidate : List.of(path, path + ".js", path + "/index.js")) {
                    byte[] bytes = ContentIndex.read(facts.root(), candidate);
                    if (bytes != null) {
                        text.append(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)).append('\n');
                        break;
                    }
                }
            }
        }
        return text.toString();
    }

    /** The lint and format commands finalChecks left out, for the plan's warnings. */
    public List<String> styleLeftOut() {
        return List.copyOf(styleLeftOut);
    }

    /** The Maven modules depending on the changed ones that finalChecks did not run (their directories), for the plan's warnings. */
    public List<String> dependentsLeftOut() {
        return List.copyOf(dependentsLeftOut);
    }

    static boolean isStyleCheck(String command) {
        return STYLE_CHECK.matcher(command.strip()).find();
    }

    public Checks forChange(WorkspacePackage pkg, List<String> sources, List<String> tests) {
        WorkspaceCommands commands = commandsOf(pkg);
        if (!tests.isEmpty() || sources.stream().anyMatch(facts.content()::hasInlineTests)) {
            Optional<String> narrowed = narrowed(pkg, commands, sources, tests);
            if (narrowed.isPresent()) {
                return new Checks(List.of(narrowed.get()), Verification.TARGETED);
            }
        }
        if (tests.isEmpty() && !pkg.isRoot() && pkg.ecosystem() == WorkspacePackage.Ecosystem.NPM) {
            Optional<String> titled = rootTestTitled(pkg.name());
            if (titled.isPresent()) {
                return new Checks(List.of(titled.get()), Verification.TARGETED);
            }
        }
        // the suite as the final checks have it: a Makefile target running the same runner again is not run twice
        Set<String> once = new java.util.LinkedHashSet<>(packageSuite(pkg, commands, sources));
        withoutRepeatedRuns(once);
        List<String> suite = List.copyOf(once);
        return suite.isEmpty() ? new Checks(List.of(), Verification.UNVERIFIABLE) : new Checks(suite, Verification.SUITE);
    }

    /**
     * A packet's checks without what the final checks run anyway: {@code go test .} of a module that is one package is
     * {@code go test ./...} again.
     */
    public List<String> withoutFinalRepeats(List<String> packetChecks, List<String> end) {
        if (!end.contains("go test ./...") || facts.sortedFiles().stream().anyMatch(f -> f.endsWith(".go") && f.contains("/")
                && !f.matches("(?:.*/)?(?:testdata|vendor|[._][^/]*)/.*"))) {
            return packetChecks;
        }
        return packetChecks.stream().filter(c -> !c.equals("go test .")).toList();
    }

    /** Build, lint and every test of the packages involved, once: what the last packet runs. */
    public List<String> finalChecks(Set<WorkspacePackage> involved) {
        Set<String> checks = new LinkedHashSet<>(facts.commands().buildCommands());
        checks.addAll(facts.commands().lintCommands());
        List<String> tests = new ArrayList<>(facts.commands().testCommands());
        Optional<String> modules = mavenModulesSuite(involved);
        if (modules.isPresent()) {
            tests.replaceAll(t -> t.equals(maven(facts.packages().root()) + " test") ? modules.get() : t);
        }
        if (inGoModules(involved, tests)) {
            checks.remove("go build ./..."); // the root module's build: the nested module's test run builds what changed
        }
        if (tests.isEmpty()) {
            List<WorkspaceCommands> subprojects = new ArrayList<>();
            for (WorkspacePackage p : involved) {
                WorkspaceCommands c = facts.commandsFor(p.scopePath());
                if (!c.directory().isEmpty() && !subprojects.contains(c)) {
                    subprojects.add(c);
                }
            }
            if (subprojects.isEmpty()) {
                subprojects.addAll(facts.subprojects());
            }
            for (WorkspaceCommands c : subprojects) {
                checks.addAll(c.buildCommands());
                checks.addAll(c.lintCommands());
                tests.addAll(c.testCommands());
            }
        }
        tests.replaceAll(this::withoutTimingFolders);
        checks.addAll(tests);
        withoutRepeatedRuns(checks);
        List<String> kept = new ArrayList<>();
        for (String check : checks) {
            if (!aboutStyle && isStyleCheck(check)) {
                styleLeftOut.add(check);
            } else if (!tests.isEmpty() && bundlesTestedSources(check)) {
                bundlesLeftOut.add(check);
            } else {
                kept.add(check);
            }
        }
        return kept;
    }

    /** pytest started bare at the root: it collects every test module below. */
    private static final java.util.regex.Pattern BARE_PYTEST = java.util.regex.Pattern.compile("(?:PYTHONPATH=src )?(?:python3 -m )?pytest");
    /** A top folder of fuzzing runs: they draw inputs for minutes, like a benchmark. */
    private static final Set<String> FUZZ_FOLDERS = Set.of("fuzz", "fuzzing", "fuzzers");

    /**
     * A bare pytest at the root with no testpaths collects every test module below it: when one top folder holds only tests
     * that measure time or fuzz (benchmarks/, extra/test_hypothesis.py) beside the folders of the other tests, the run names
     * those others (a property-based run takes minutes and checks no change). Unchanged with doctests collected from the
     * modules, a test module at the root, or no such folder.
     */
    private String withoutTimingFolders(String check) {
        String section = TestRunner.pytestSection(facts.root(), "");
        if (!BARE_PYTEST.matcher(check).matches() || facts.packages().isMonorepo() || !TestRunner.pytestTestpaths(section).isEmpty()
                || section.contains("--doctest-modules") || TestRunner.toxRunsDoctests(facts.root(), "")) {
            return check;
        }
        java.util.Map<String, Boolean> onlyTiming = new java.util.TreeMap<>();
        for (String test : facts.names().testFiles()) {
            if (!TestRunner.isPythonTestModule(test)) {
                continue;
            }
            if (!test.contains("/")) {
                return check;
            }
            String top = test.substring(0, test.indexOf('/'));
            onlyTiming.merge(top, CoveringTests.measuresTime(test) || FUZZ_FOLDERS.contains(top), Boolean::logicalAnd);
        }
        List<String> kept = onlyTiming.entrySet().stream().filter(e -> !e.getValue()).map(java.util.Map.Entry::getKey).toList();
        if (kept.isEmpty() || kept.size() == onlyTiming.size()) {
            return check;
        }
        return check + kept.stream().map(k -> " " + ShellQuote.quoteIfNeeded(k)).collect(java.util.stream.Collectors.joining());
    }

    /**
     * A Go module nested in the workspace (arc/ with its own go.mod) is outside the root's {@code go test ./...}: the
     * root's run never reaches a change there. The final run of each such module the change touches is its own
     * {@code cd arc && go test ./...}, and the root's is left out when no change is in the root module (true then).
     */
    private boolean inGoModules(Set<WorkspacePackage> involved, List<String> tests) {
        List<WorkspacePackage> nested = involved.stream().filter(p -> !p.isRoot() && p.ecosystem() == WorkspacePackage.Ecosystem.GO)
                .sorted(java.util.Comparator.comparing(WorkspacePackage::directory)).toList();
        if (nested.isEmpty() || !tests.contains("go test ./...")) {
            return false;
        }
        boolean rootLeftOut = nested.size() == involved.size();
        if (rootLeftOut) {
            tests.remove("go test ./...");
        }
        nested.forEach(p -> tests.add("cd " + ShellQuote.quote(p.directory()) + " && go test ./..."));
        return rootLeftOut;
    }

    /**
     * The whole suite of the Maven modules a change touches, with the modules they build on ({@code -pl a,b -am test}),
     * when every change is inside a module of a multi-module build. The reactor's {@code test} is not that project's own
     * full check: a module that needs another's packaged jar (a JPMS or shrinker test module) fails it on the healthy
     * project, and the modules a change cannot reach would only add their build time. Modules depending on the changed
     * ones are left to the project's CI ({@code verify}), as the plan's warnings say.
     */
    private Optional<String> mavenModulesSuite(Set<WorkspacePackage> involved) {
        if (involved.isEmpty() || !facts.packages().isMonorepo()
                || !involved.stream().allMatch(p -> !p.isRoot() && p.ecosystem() == WorkspacePackage.Ecosystem.MAVEN)) {
            return Optional.empty();
        }
        for (WorkspacePackage other : facts.packages().packages()) {
            if (!involved.contains(other) && involved.stream().anyMatch(p -> facts.packages().dependsOn(facts.root(), other, p))) {
                dependentsLeftOut.add(other.directory());
            }
        }
        String prefix = Files.isExecutable(facts.root().resolve("mvnw")) ? "./mvnw" : "mvn";
        List<String> dirs = involved.stream().map(WorkspacePackage::directory).sorted().map(ShellQuote::quoteIfNeeded).toList();
        return Optional.of(prefix + " -q -pl " + String.join(",", dirs) + " -am" + TestRunner.mavenRewriteSkips(facts.root(), "") + " test");
    }

    /**
     * One Go test run at the end: {@code go test ./...} compiles every package (and {@code go vet ./...} type-checks
     * them), so {@code go build ./...} beside it adds nothing; a Makefile {@code test} target whose recipe is only
     * {@code go test} lines runs the same tests again.
     */
    private void withoutRepeatedRuns(Set<String> checks) {
        for (String check : List.copyOf(checks)) {
            if (check.equals("go test ./...") || check.endsWith("&& go test ./...")) {
                String cd = check.substring(0, check.length() - "go test ./...".length());
                checks.remove(cd + "go build ./...");
                String dir = cd.isEmpty() ? "" : CheckTargets.words(cd.replaceFirst("\\s*&&\\s*$", "")).get(1) + "/";
                if (makeTestOnlyRuns(dir, GO_TEST_LINE)) {
                    checks.remove(cd + "make test");
                }
            }
            // the same for unittest's whole run: make test running python -m unittest -v ${tests} repeats it
            if (check.equals("python3 -m unittest") || check.equals("PYTHONPATH=src python3 -m unittest")) {
                if (makeTestOnlyRuns("", UNITTEST_LINE)) {
                    checks.remove("make test");
                }
            }
            // and pytest's: make test running pytest tests/ once per interpreter through uv, or under coverage, repeats it
            if (PYTEST_CHECK.matcher(check).matches()) {
                if (makeTestOnlyRuns("", PYTEST_LINE)) {
                    checks.remove("make test");
                }
            }
        }
    }

    /** What starts Python's runner for the suite without changing it: uv run with its options, coverage run with its. */
    private static final String PYTHON_WRAPPER = "uv\\s+run(?:\\s+--?[\\w-]+(?:[ =][\\w.:/-]+)?)*\\s+|coverage\\s+run(?:\\s+--?[\\w-]+(?:=[\\w.:/,-]+)?)*\\s+";
    /** coverage's report of the run just made: no test of its own. */
    private static final String COVERAGE_REPORT = "coverage\\s+(?:report|html|xml|combine)(?:\\s+--?[\\w-]+(?:=[\\w.:/,-]+)?)*";
    private static final String GO_TEST_LINE = "(?:\\w+=[\\w.:/-]*\\s+)*go test(?:\\s+[^;&|<>`$]*)?";
    /** python -m unittest with options and the Makefile's own variables (-v ${tests}): the whole suite when they are empty. */
    private static final String UNITTEST_LINE = "(?:\\w+=[\\w.:/-]*\\s+)*(?:" + PYTHON_WRAPPER + ")?(?:python3?\\s+)?-m\\s+unittest"
            + "(?:\\s+(?:-\\w+|\\$[({]\\w+[)}]|discover(?:\\s+[\\w./-]+)?))*|" + COVERAGE_REPORT;
    /** pytest on the suite's directory, as such or through uv run or coverage run -m. */
    private static final String PYTEST_LINE = "(?:\\w+=[\\w.:/-]*\\s+)*(?:" + PYTHON_WRAPPER + ")?(?:python3?\\s+-m\\s+|-m\\s+)?(?:py\\.)?pytest"
            + "(?:\\s+(?:-[\\w-]+(?:=[\\w.:/-]*)?|\\$[({]\\w+[)}]|[\\w./-]+/?))*|" + COVERAGE_REPORT;

    /** The Makefile's {@code test} recipe only runs commands matching {@code line} (no other target, no setup step). */
    private boolean makeTestOnlyRuns(String dir, String line) {
        for (String name : List.of("GNUmakefile", "makefile", "Makefile")) {
            String text = ManifestFile.read(facts.root(), dir + name);
            if (text.isEmpty()) {
                continue;
            }
            java.util.regex.Matcher rule = java.util.regex.Pattern.compile("(?m)^test\\s*:(?!=)([^\\n]*)\\n((?:\\t[^\\n]*\\n?)*)").matcher(text);
            if (!rule.find() || !rule.group(1).replaceFirst("#.*", "").isBlank()) {
                return false;
            }
            // an echo of what runs next says nothing; an environment prefix (GO111MODULE=on) changes no test
            List<String> recipe = rule.group(2).lines().map(String::strip).map(l -> l.replaceFirst("^[@-]+", ""))
                    .filter(l -> !l.isEmpty() && !l.matches("echo(?:\\s[^;&|`$]*)?")).toList();
            return !recipe.isEmpty() && recipe.stream().allMatch(l -> l.matches(line));
        }
        return false;
    }

    private WorkspaceCommands commandsOf(WorkspacePackage pkg) {
        return pkg.isRoot() ? facts.commands() : facts.commandsFor(pkg.directory());
    }

    /** A test importing a relative path no workspace file answers: what a build writes (../build/lib/index.js), not the sources. */
    private boolean importsUnbuilt(String test) {
        long relative = facts.content().importsOf(test).stream().filter(s -> s.startsWith(".")).count();
        long resolved = facts.graph().importsOf(test).size();
        return relative > resolved || facts.graph().importsBuildOutput(test);
    }

    /** {@link TestRunner#compiledTests} for a node --test runner whose targets (the scripts' globs) take the compiled paths. */
    private Optional<TestRunner.CompiledTests> compiledRun(String dir, JsonNode scripts, TestRunner.JsScript script, List<String> tests) {
        if (script.runner() != TestRunner.Js.NODE_TEST) {
            return Optional.empty(); // jest and vitest run TypeScript themselves; mocha's compiled runs need its own loader reading
        }
        List<java.util.regex.Pattern> named = nodeTestTargets(scripts);
        String prefix = dir.isEmpty() ? "" : dir + "/";
        return TestRunner.compiledTests(scripts, tests, config -> ManifestFile.read(facts.root(), prefix + config),
                path -> !named.isEmpty() && named.stream().anyMatch(p -> p.matcher(path).matches()));
    }

    /** The files and globs the package's {@code node --test} scripts name, as patterns of paths relative to the package. */
    private static List<java.util.regex.Pattern> nodeTestTargets(JsonNode scripts) {
        // by the tree's identity: ManifestFile shares one parse per manifest text between requests, and a tree is only read
        synchronized (NODE_TEST_TARGETS) {
            List<java.util.regex.Pattern> kept = NODE_TEST_TARGETS.get(scripts);
            if (kept != null) {
                return kept;
            }
        }
        List<java.util.regex.Pattern> made = List.copyOf(nodeTestTargetsNow(scripts));
        synchronized (NODE_TEST_TARGETS) {
            if (NODE_TEST_TARGETS.size() >= 64) {
                NODE_TEST_TARGETS.clear();
            }
            NODE_TEST_TARGETS.put(scripts, made);
        }
        return made;
    }

    /** nodeTestTargets' answers, kept: each narrowed node --test check compiled its package's globs again (issue 15). */
    private static final java.util.Map<JsonNode, List<java.util.regex.Pattern>> NODE_TEST_TARGETS = new java.util.IdentityHashMap<>();

    private static List<java.util.regex.Pattern> nodeTestTargetsNow(JsonNode scripts) {
        List<java.util.regex.Pattern> targets = new ArrayList<>();
        scripts.fields().forEachRemaining(entry -> {
            for (String step : ScriptChain.steps(entry.getValue().asText(""))) {
                String[] words = step.strip().split("\\s+");
                if (words.length > 2 && words[0].equals("node") && java.util.Arrays.asList(words).contains("--test")) {
                    for (int i = 1; i < words.length; i++) {
                        String word = words[i].replaceAll("^['\"]|['\"]$", "");
                        String path = word.replaceFirst("^\\./", "");
                        if (word.startsWith("-") || path.isEmpty()) {
                            continue;
                        }
                        String last = path.substring(path.lastIndexOf('/', path.length() - 2) + 1);
                        if (path.endsWith("/") || (!last.contains("*") && !last.contains("."))) {
                            // a directory (node --test test/): every file under it
                            targets.add(java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(path.replaceFirst("/$", "")) + "/.*"));
                        } else {
                            targets.add(java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(path)
                                    .replace("**/", "\\E(?:.*/)?\\Q").replace("**", "\\E.*\\Q").replace("*", "\\E[^/]*\\Q")));
                        }
                    }
                }
            }
        });
        return targets;
    }

    /** The text of the package's jest and vitest configuration: its config files and package.json's "jest" field. */
    private String runnerConfiguration(String dir, JsonNode manifest) {
        StringBuilder text = new StringBuilder(manifest.path("jest").toString());
        String prefix = dir.isEmpty() ? "" : dir + "/";
        for (String name : List.of("jest.config", "vitest.config", "vite.config")) {
            for (String extension : List.of(".js", ".ts", ".mjs", ".cjs", ".mts", ".cts", ".json")) {
                text.append(ManifestFile.read(facts.root(), prefix + name + extension));
            }
        }
        return text.toString();
    }

    /** Script names that build: one of them writes the bundle a test imports. */
    private static final java.util.regex.Pattern BUILD_SCRIPT = java.util.regex.Pattern.compile("build(?::[\\w:.-]+)?");
    /** {@code node esbuild.config.js}: a script that runs a file of the package, whose text may name what it writes. */
    private static final java.util.regex.Pattern NODE_RUN_FILE = java.util.regex.Pattern.compile("^node\\s+([\\w./-]+\\.[cm]?js)$");

    /**
     * The narrowest build script writing what {@code tests} import and no workspace file is (lib/marked.esm.js): the one
     * whose own line, or the file it runs with node, names that path ({@code build:esbuild}, not {@code build} with its
     * type declarations and man pages); {@code build} when none names it; empty without build scripts.
     */
    private Optional<String> buildWriting(JsonNode scripts, String dir, List<String> tests) {
        Set<String> outputs = new LinkedHashSet<>();
        for (String test : tests) {
            String testDir = SourceGraph.parent(test);
            for (String specifier : facts.content().importsOf(test)) {
                if (specifier.startsWith(".")) {
                    String joined = java.nio.file.Path.of(testDir.isEmpty() ? specifier : testDir + "/" + specifier).normalize().toString();
                    if (!joined.startsWith("..") && !facts.graph().hasFile(joined) && facts.graph().resolve(test, specifier).size() == 1
                            && facts.graph().importsBuildOutput(test)) {
                        outputs.add(dir.isEmpty() ? joined : joined.startsWith(dir + "/") ? joined.substring(dir.length() + 1) : joined);
                    }
                }
            }
        }
        List<String> names = new ArrayList<>();
        scripts.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            String line = scripts.path(name).asText("").strip();
            if (!BUILD_SCRIPT.matcher(name).matches() || outputs.isEmpty()) {
                continue;
            }
            java.util.regex.Matcher node = NODE_RUN_FILE.matcher(line);
            String text = line;
            if (node.matches()) {
                byte[] file = ContentIndex.read(facts.root(), dir.isEmpty() ? node.group(1) : dir + "/" + node.group(1));
                text = file == null ? line : new String(file, java.nio.charset.StandardCharsets.UTF_8);
            }
            for (String output : outputs) {
                if (text.contains(output)) {
                    return Optional.of(runBuild(scripts, name));
                }
            }
        }
        return scripts.path("build").isTextual() ? Optional.of(runBuild(scripts, "build")) : Optional.empty();
    }

    /** {@code node --conditions development test/index.js}: node's options, then one script file; group 1 the options, 2 the file. */
    private static final java.util.regex.Pattern NODE_TEST_FILE = java.util.regex.Pattern.compile(
            "^node((?:\\s+--?[\\w-]+(?:=\\S+|\\s+(?!-)[\\w.-]+(?=\\s))?)*)\\s+(?:\\./)?([\\w./-]+\\.[cm]?js)$");
    private static final java.util.regex.Pattern NODE_TEST_IMPORT = java.util.regex.Pattern.compile("['\"]node:test['\"]");

    /**
     * A package script running one test file with node ({@code "test-api": "node --conditions development test/index.js"})
     * whose tests use node:test, in it or in the files it imports: node's test runner with the same options.
     */
    private Optional<TestRunner.JsScript> directNodeTests(JsonNode scripts, String dir) {
        String prefix = dir.isEmpty() ? "" : dir + "/";
        for (java.util.Iterator<String> names = scripts.fieldNames(); names.hasNext(); ) {
            java.util.regex.Matcher m = NODE_TEST_FILE.matcher(scripts.path(names.next()).asText("").strip());
            if (!m.matches() || !TestPaths.isTestPath(prefix + m.group(2))) {
                continue;
            }
            String file = prefix + m.group(2);
            boolean nodeTest = NODE_TEST_IMPORT.matcher(ManifestFile.read(facts.root(), file)).find()
                    || facts.graph().importsOf(file).stream().anyMatch(f -> NODE_TEST_IMPORT.matcher(ManifestFile.read(facts.root(), f)).find());
            if (nodeTest) {
                List<String> options = List.of(m.group(1).strip().split("\\s+")).stream().filter(w -> !w.isEmpty()).toList();
                return Optional.of(new TestRunner.JsScript(TestRunner.Js.NODE_TEST, options, List.of()));
            }
        }
        return Optional.empty();
    }

    /**
     * {@code npm run NAME}; with {@code --ignore-scripts} when only its pre or post hook deletes or rewrites files (prebuild:
     * rm -rf index.js coverage/): the build itself writes what the tests import.
     */
    private static String runBuild(JsonNode scripts, String name) {
        boolean hookRewrites = ScriptChain.rewrites(scripts, name).isPresent() && ScriptChain.rewritesWithoutHooks(scripts, name).isEmpty();
        return "npm run " + name + (hookRewrites ? " --ignore-scripts" : "");
    }

    /**
     * The build script whose own line names a file the tests import relatively that the checkout does not hold ({@code
     * --outfile=index.js} for {@code '../index.js'}), as {@code npm run NAME}; empty when no test imports such a file or
     * no build script names it.
     */
    private Optional<String> bundleWriter(JsonNode scripts, String dir, List<String> tests) {
        Set<String> missing = new LinkedHashSet<>();
        for (String test : tests) {
            String testDir = SourceGraph.parent(test);
            for (String specifier : facts.content().importsOf(test)) {
                if (specifier.startsWith(".")) {
                    String joined = java.nio.file.Path.of(testDir.isEmpty() ? specifier : testDir + "/" + specifier).normalize().toString();
                    if (!joined.startsWith("..") && !joined.isEmpty() && !facts.graph().hasFile(joined)
                            && !facts.graph().hasFile(joined + ".js") && !facts.graph().hasFile(joined + "/index.js")) {
                        missing.add(dir.isEmpty() ? joined : joined.startsWith(dir + "/") ? joined.substring(dir.length() + 1) : joined);
                    }
                }
            }
        }
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>();
        scripts.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            String line = scripts.path(name).asText("");
            if (BUILD_SCRIPT.matcher(name).matches() && missing.stream().anyMatch(m -> java.util.regex.Pattern.compile(
                    "(?<![\\w./-])(?:\\./)?" + java.util.regex.Pattern.quote(m) + "(?![\\w/-])").matcher(line).find())) {
                return Optional.of(runBuild(scripts, name));
            }
        }
        return Optional.empty();
    }

    private Optional<String> narrowed(WorkspacePackage pkg, WorkspaceCommands commands, List<String> sources, List<String> tests) {
        List<Toolchain> toolchains = commands.toolchains();
        String cd = commands.directory().isEmpty() ? "" : "cd " + ShellQuote.quote(commands.directory()) + " && ";
        List<String> relTests = relative(commands.directory(), tests);
        List<String> relSources = relative(commands.directory(), sources);
        if (toolchains.contains(Toolchain.NODE_TEST) || toolchains.contains(Toolchain.JEST) || toolchains.contains(Toolchain.NPM)) {
            // type tests (tsd's *.test-d.ts) are checked by the type checker, never by the test runner
            relTests = relTests.stream().filter(t -> !t.contains(".test-d.")).toList();
            if (relTests.isEmpty()) {
                return Optional.empty();
            }
            String dir = commands.directory();
            JsonNode manifest = json(dir.isEmpty() ? "package.json" : dir + "/package.json");
            Set<String> topLevel = topLevelNames(dir);
            Optional<TestRunner.JsScript> script = TestRunner.jsTestScript(manifest.path("scripts"), topLevel);
            // tests importing the bundle (lib/x.esm.js) of a chain that builds it first (npm run build:reset && npm run build
            // && npm run test:unit): the runner past the build steps, with the build that writes the bundle put first below
            boolean bundled = script.isEmpty() && tests.stream().anyMatch(facts.graph()::importsBuildOutput);
            if (bundled) {
                script = TestRunner.jsTestScript(manifest.path("scripts"), topLevel, true);
            }
            Optional<DelegatedRun> delegated = Optional.empty();
            if (script.isEmpty()) {
                // npx jake test, make test: the runner the task runner's test task starts, after the compile tasks before it
                delegated = delegatedRun(dir, manifest.path("scripts").path("test").asText(""), topLevel);
                script = delegated.map(DelegatedRun::script);
            }
            if (script.isEmpty()) {
                // a wrapper (ts-scripts test, a custom script) around a runner whose own configuration is in the package
                script = TestRunner.configuredRunner(name -> topLevel.contains(name));
            }
            if (script.isEmpty()) {
                // nyc node test.js, a script of the package's own driving mocha's API over every *.test.js
                String prefix = dir.isEmpty() ? "" : dir + "/";
                script = TestRunner.scriptedMocha(manifest.path("scripts"), file -> ManifestFile.read(facts.root(), prefix + file));
            }
            if (script.isEmpty() && wrapsATool(manifest.path("scripts").path("test").asText(""))) {
                script = TestRunner.dependencyRunner(manifest); // ts-scripts test with vitest its only runner
                if (script.isEmpty() && !dir.isEmpty()) {
                    // a workspace package declaring no runner of its own runs the one the workspace root installs for all
                    script = TestRunner.dependencyRunner(json("package.json"));
                }
            }
            if (script.isEmpty()) {
                // a driver script of its own spawning the runner (scripts/testrunner.js), beside a script running it plainly
                script = TestRunner.besideTheChain(manifest.path("scripts"), topLevel);
            }
            if (script.isEmpty()) {
                // node running one test file of node:test's that imports the others (`node --conditions development
                // test/index.js`): node --test with the same options runs the covering files alone
                script = directNodeTests(manifest.path("scripts"), dir);
            }
            // tests in TypeScript that the chain compiles with tsc and runs compiled (npm run compile && node --test
            // ./lib/esm/test/*.test.js): the compiled paths of the covering tests, after the chain's tsc
            String compileFirst = "";
            if (script.isEmpty()) {
                Optional<TestRunner.JsScript> past = TestRunner.jsTestScript(manifest.path("scripts"), topLevel, true);
                Optional<TestRunner.CompiledTests> compiled = past.isEmpty() ? Optional.empty()
                        : compiledRun(dir, manifest.path("scripts"), past.get(), relTests);
                if (compiled.isPresent()) {
                    script = past;
                    relTests = compiled.get().tests();
                    compileFirst = compiled.get().build() + " && ";
                }
            }
            if (script.isEmpty()) {
                return Optional.empty();
            }
            boolean[] specInConfig = {false};
            List<String> mochaOptions = List.of();
            if (script.get().runner() == TestRunner.Js.MOCHA) {
                mochaOptions = TestRunner.mochaConfigOptions(facts.root(), dir, specInConfig);
                if (mochaOptions == null) {
                    return Optional.empty();
                }
            }
            TestRunner.JsScript withConfig = new TestRunner.JsScript(script.get().runner(),
                    concat(mochaOptions, script.get().options()), script.get().settings());
            if (script.get().runner() == TestRunner.Js.MOCHA && withConfig.options().stream().noneMatch(o -> o.matches(".*\\b(?:ts-node|tsx|esm|babel)\\b.*"))) {
                // mocha loads no TypeScript without a loader: a .ts test beside compiled ones is the build's input, not a test to run
                relTests = relTests.stream().filter(t -> !t.matches(".*\\.[cm]?tsx?$")).toList();
                if (relTests.isEmpty()) {
                    return Optional.empty();
                }
            }
            if (script.get().runner() == TestRunner.Js.JEST || script.get().runner() == TestRunner.Js.VITEST) {
                // jest and vitest run only files named like tests unless configured otherwise: a helper beside them under
                // test/ (test/helpers.js) handed to jest runs nothing, or fails the run for having no tests
                String configuration = runnerConfiguration(dir, manifest);
                relTests = TestRunner.runnerDefaultTests(script.get().runner(), relTests, configuration);
                if (relTests.isEmpty()) {
                    return Optional.empty();
                }
                withConfig = new TestRunner.JsScript(withConfig.runner(),
                        concat(withConfig.options(), TestRunner.coverageOff(withConfig.runner(), configuration)), withConfig.settings());
            }
            if (script.get().runner() == TestRunner.Js.NODE_TEST) {
                // node --test runs what the scripts name (test/unit/*.test.js, test/run-spec-tests.js): a script beside them
                // under test/ (a ReDoS checker writing a report, a rules dump) is no test file
                List<java.util.regex.Pattern> named = nodeTestTargets(manifest.path("scripts"));
                if (!named.isEmpty() && compileFirst.isEmpty()) {
                    List<String> sourceTests = relTests;
                    relTests = relTests.stream().filter(t -> named.stream().anyMatch(p -> p.matcher(t).matches())).toList();
                    if (relTests.isEmpty()) {
                        Optional<TestRunner.CompiledTests> compiled = compiledRun(dir, manifest.path("scripts"), script.get(), sourceTests);
                        if (compiled.isEmpty()) {
                            return Optional.empty();
                        }
                        relTests = compiled.get().tests();
                        compileFirst = compiled.get().build() + " && ";
                    }
                }
            }
            // a pretest hook that builds (rimraf build && tsc) is what puts the change where the tests import it from (build/):
            // without it the narrowed run tests the last build, green before and after the change
            JsonNode scripts = manifest.path("scripts");
            boolean buildsFirst = !scripts.path("pretest").asText("").isBlank()
                    && ScriptChain.hooksLeftOut(scripts, "test").stream().noneMatch(h -> h.hook().equals("pretest"))
                    && tests.stream().anyMatch(this::importsUnbuilt);
            // its lint steps are left out: the build is what the tests need (validator.js: npm run build && npm run lint)
            List<String> pretest = buildsFirst ? ScriptChain.withoutStyle(scripts, "pretest") : List.of();
            String build = pretest.isEmpty() ? "" : String.join(" && ", pretest) + " && ";
            if (delegated.isPresent() && !delegated.get().compile().isEmpty() && tests.stream().anyMatch(this::importsUnbuilt)) {
                build = delegated.get().compile() + " && ";
            } else if (build.isEmpty() && bundled) {
                // no pretest builds, yet the tests import the bundle (lib/x.esm.js) built from the change: the build writing it first
                Optional<String> writing = buildWriting(scripts, dir, tests);
                if (writing.isEmpty()) {
                    return Optional.empty(); // without it the narrowed run would test the last build, or none
                }
                build = writing.get() + " && ";
            }
            if (build.isEmpty() && !bundled) {
                // tests importing a bundle the checkout does not hold (chai's `import * as chai from '../index.js'`, ignored)
                // that a build script writes (`esbuild … --outfile=index.js lib/chai.js`): that build first, or the narrowed
                // run tests the last bundle, green before and after the change
                Optional<String> writer = bundleWriter(scripts, dir, tests);
                if (writer.isPresent()) {
                    build = writer.get() + " && ";
                }
            }
            if (!compileFirst.isEmpty()) {
                build = compileFirst; // the compiled tests are what runs: the chain's own compile makes them from the change
            }
            // a test file holding most of the suite (hoek's 2,500-line test/index.js): the runner's own filter on the titles
            // naming the function the objective gives (describe('merge()') for Hoek.merge), as pytest's -k does
            Optional<TitleFilter> titles = titleFilter(script.get().runner(), sources, dir, relTests);
            if (titles.isPresent()) {
                relTests = titles.get().files();
                withConfig = new TestRunner.JsScript(withConfig.runner(), concat(withConfig.options(), titles.get().options()),
                        withConfig.settings());
            }
            return Optional.of(cd + build + TestRunner.jsCommand(withConfig, relTests, specInConfig[0]));
        }
        if (toolchains.contains(Toolchain.MAVEN) || facts.packages().root().ecosystem() == WorkspacePackage.Ecosystem.MAVEN) {
            // only classes surefire's includes match run: a helper beside the tests (AptHelpAppendable) named in -Dtest runs nothing
            List<String> includes = TestRunner.surefireIncludes(facts.root(), pkg.isRoot() ? "" : pkg.directory());
            Optional<String> testRoot = TestRunner.testSourceRoot(facts.root(), pkg.isRoot() ? "" : pkg.directory());
            Set<String> classes = new LinkedHashSet<>();
            for (String test : tests) {
                if (TestRunner.surefireRuns(test, includes, testRoot) && !TestRunner.runsNoJvmTests(facts.root(), test)) {
                    TestRunner.jvmTestClass(test, testRoot).ifPresent(classes::add);
                }
            }
            if (classes.isEmpty()) {
                return Optional.empty();
            }
            // a build of modules run from the root (kryo's main/ compiling the root's test/): the modules holding none of
            // the named classes must not fail the run for it
            boolean otherModules = !pkg.isRoot() || ManifestFile.read(facts.root(), "pom.xml").contains("<modules>");
            return Optional.of(maven(pkg) + " test -Dtest=" + ShellQuote.quoteIfNeeded(String.join(",", classes))
                    + TestRunner.mavenSkips(facts.root(), pkg.isRoot() ? "" : pkg.directory())
                    + (otherModules ? " -Dsurefire.failIfNoSpecifiedTests=false" : ""));
        }
        if (toolchains.contains(Toolchain.GRADLE)) {
            List<String> words = new ArrayList<>(List.of(commands.gradlePrefix(),
                    pkg.isRoot() || pkg.ecosystem() != WorkspacePackage.Ecosystem.GRADLE ? "test" : pkg.name() + ":test"));
            tests.stream().map(TestRunner::jvmTestClass).flatMap(Optional::stream).distinct()
                    .forEach(c -> words.add("--tests " + ShellQuote.quoteIfNeeded(c)));
            return words.size() > 2 ? Optional.of(String.join(" ", words)) : Optional.empty();
        }
        if (toolchains.contains(Toolchain.CARGO) || pkg.ecosystem() == WorkspacePackage.Ecosystem.CARGO) {
            if (!pkg.isRoot()) {
                return Optional.of("cargo test -p " + ShellQuote.quoteIfNeeded(pkg.name()));
            }
            List<String> words = new ArrayList<>(List.of("cargo test"));
            for (String test : relTests) {
                if (test.matches("tests/[\\w-]+\\.rs")) {
                    words.add("--test " + ShellQuote.quoteIfNeeded(test.substring(6, test.length() - 3)));
                }
            }
            if (sources.stream().anyMatch(facts.content()::hasInlineTests)) {
                words.add("--lib");
            }
            return words.size() > 1 ? Optional.of(cd + String.join(" ", words)) : Optional.empty();
        }
        if (toolchains.contains(Toolchain.GO) || pkg.ecosystem() == WorkspacePackage.Ecosystem.GO) {
            String moduleDir = pkg.ecosystem() == WorkspacePackage.Ecosystem.GO ? pkg.directory() : commands.directory();
            String goCd = moduleDir.isEmpty() ? "" : "cd " + ShellQuote.quote(moduleDir) + " && ";
            String modulePrefix = moduleDir.isEmpty() ? "" : moduleDir + "/";
            // only packages with tests of their own (a package of test fixtures runs nothing), and of those the packages the
            // change is in when they have tests: another package's tests importing them are the full run's
            java.util.function.Function<String, String> packageOf = file -> {
                String parent = SourceGraph.parent(file);
                return parent.isEmpty() ? "." : "./" + parent;
            };
            java.util.function.Predicate<String> hasTests = dir -> goFilesIn(dir.equals(".") ? moduleDir : modulePrefix + dir.substring(2))
                    .stream().anyMatch(f -> f.endsWith("_test.go"));
            Set<String> dirs = new LinkedHashSet<>();
            for (String file : relative(moduleDir, concat(tests, sources))) {
                if (file.endsWith(".go")) {
                    dirs.add(packageOf.apply(file));
                }
            }
            Set<String> changed = new LinkedHashSet<>();
            relative(moduleDir, sources).stream().filter(f -> f.endsWith(".go")).forEach(f -> changed.add(packageOf.apply(f)));
            dirs.removeIf(hasTests.negate());
            if (dirs.stream().anyMatch(changed::contains)) {
                dirs.retainAll(changed);
            }
            if (dirs.isEmpty()) {
                return Optional.empty();
            }
            // a changed file with no test file beside it is tested from elsewhere, maybe from another package (the root
            // package's tests rendering through ./html): the tests that reach it and say which case, run where they are
            Optional<java.util.Map<String, List<String>>> elsewhere = goTestsElsewhere(moduleDir, relative(moduleDir, sources));
            if (elsewhere.isPresent()) {
                List<String> names = elsewhere.get().values().stream().flatMap(List::stream).distinct().toList();
                return Optional.of(goCd + "go test -run " + ShellQuote.quote("^(" + String.join("|", names) + ")$") + " "
                        + String.join(" ", elsewhere.get().keySet().stream().map(ShellQuote::quoteIfNeeded).toList()));
            }
            List<String> testsThere = relative(moduleDir, tests).stream().filter(t -> dirs.contains(packageOf.apply(t))).toList();
            String run = goTestNames(moduleDir, relative(moduleDir, sources).stream()
                            .filter(f -> !f.endsWith(".go") || dirs.contains(packageOf.apply(f))).toList(), testsThere)
                    .map(names -> "-run " + ShellQuote.quote("^(" + String.join("|", names) + ")$") + " ").orElse("");
            return Optional.of(goCd + "go test " + run + String.join(" ", dirs.stream().map(ShellQuote::quoteIfNeeded).toList()));
        }
        if (toolchains.contains(Toolchain.UNITTEST)) {
            // covering every test module is the whole suite, which the final check runs anyway: the first (best-ranked) one
            List<String> modules = relTests.stream().filter(TestRunner::isPythonTestModule).distinct().toList();
            Set<String> everyModule = new java.util.HashSet<>(relative(commands.directory(), facts.names().testFiles().stream()
                    .filter(t -> facts.packages().of(t).equals(pkg)).toList()).stream().filter(TestRunner::isPythonTestModule).toList());
            List<String> narrowest = modules.size() > 1 && everyModule.equals(new java.util.HashSet<>(modules)) ? modules.subList(0, 1) : relTests;
            String launcher = TestRunner.unittestLauncher(facts.root(), commands.directory());
            List<String> named = pythonNamesDefined(sources);
            Optional<List<String>> classes = unittestClasses(named, commands.directory(), narrowest);
            if (classes.isEmpty()) {
                classes = ownerClasses(commands.directory(), narrowest).map(byTest -> byTest.entrySet().stream()
                        .flatMap(e -> TestRunner.unittestModule(e.getKey()).stream().flatMap(m -> e.getValue().stream().map(c -> m + "." + c)))
                        .toList());
            }
            if (classes.isPresent()) {
                return Optional.of(cd + launcher + " " + String.join(" ", classes.get()));
            }
            List<String> patterns = unittestPatterns(named, narrowest.stream().map(t -> commands.directory().isEmpty() ? t
                    : commands.directory() + "/" + t).toList());
            return TestRunner.unittestCommand(launcher, narrowest)
                    .map(c -> cd + c + patterns.stream().map(p -> " -k " + ShellQuote.quoteIfNeeded(p)).collect(java.util.stream.Collectors.joining()));
        }
        if (toolchains.contains(Toolchain.PYTEST)) {
            String section = TestRunner.pytestSection(facts.root(), commands.directory());
            boolean toxDoctests = TestRunner.toxRunsDoctests(facts.root(), commands.directory());
            // a data file the tests read (tests/compliance/functions.json) is no module pytest collects: handed to it, the
            // run fails with "found no collectors" whatever the change did (text files only run as --doctest-glob doctests)
            List<String> collected = section.contains("--doctest-glob") ? relTests
                    : relTests.stream().filter(t -> t.endsWith(".py")).toList();
            // …but the test module that loads it does (a compliance test parametrized over tests/compliance/*.json)
            collected = concat(collected, dataLoaders(commands.directory(), relTests.stream().filter(t -> !t.endsWith(".py")).toList()))
                    .stream().distinct().toList();
            // python_files naming an aggregator (tests/__main__.py): only the test modules it imports are the project's tests
            collected = TestRunner.collectedByAggregators(facts.root(), commands.directory(), section, collected);
            if (collected.isEmpty() && !section.contains("--doctest-modules") && !toxDoctests) {
                return Optional.empty();
            }
            String launcher = TestRunner.pytestLauncher(facts.root(), commands.directory());
            // with doctests the keywords still hold: a doctest is named after its function (pkg.url.url_query_cleaner),
            // so -k keeps the named function's doctest and leaves out the module's unrelated tests (and their flakes)
            {
                Optional<PytestKeywords> keywords = pytestKeywords(pythonNamesDefined(sources), commands.directory(), collected);
                if (keywords.isEmpty()) {
                    // no name of the objective's to select by: the test classes naming the message it quotes
                    keywords = ownerClasses(commands.directory(), collected).flatMap(byTest -> pytestKeywords(
                            byTest.values().stream().flatMap(List::stream).distinct().toList(), commands.directory(),
                            List.copyOf(byTest.keySet())));
                }
                if (keywords.isPresent()) {
                    return Optional.of(cd + TestRunner.pytestCommand(launcher, keywords.get().files(), relSources, section, toxDoctests)
                            + " -k " + ShellQuote.quote(keywords.get().expression()));
                }
            }
            return Optional.of(cd + TestRunner.pytestCommand(launcher, collected, relSources, section, toxDoctests));
        }
        return Optional.empty();
    }

    /**
     * unittest's {@code -k} patterns for the functions and classes the objective names as code that the changed modules
     * define ({@code chunked} → {@code chunked}, {@code Chunked}: test_chunked_even, ChunkedTests), when the test modules
     * have tests named after every one of them; none otherwise (a name no test is named after would select nothing of
     * what covers it). unittest matches a pattern case-sensitively within the test's full name; tests a module adds in
     * its load_tests (doctests) run whatever the patterns.
     */
    private List<String> unittestPatterns(List<String> named, List<String> tests) {
        Set<String> patterns = new LinkedHashSet<>();
        StringBuilder testNames = new StringBuilder();
        for (String test : tests) {
            java.util.regex.Matcher t = PYTHON_TEST_NAME.matcher(ManifestFile.read(facts.root(), test));
            while (t.find()) {
                testNames.append(t.group(1) != null ? t.group(1) : t.group(2)).append('\n');
            }
        }
        for (String name : named) {
            List<String> found = java.util.stream.Stream.of(name, camelCase(name)).distinct().filter(p -> testNames.indexOf(p) >= 0).toList();
            if (found.isEmpty()) {
                return List.of();
            }
            patterns.addAll(found);
        }
        return List.copyOf(patterns);
    }

    /** A test file this long, or with this many tests, is most of the suite: run whole, it is no narrowed check. */
    private static final int BIG_TEST_FILE_LINES = 2000;
    private static final int BIG_TEST_FILE_TESTS = 100;
    /** The options selecting tests by title, and the test files where they select some. */
    record TitleFilter(List<String> files, List<String> options) {}

    /** describe('merge()', …), it("reach", …), test(`x`, …): group 2 the title. */
    private static final java.util.regex.Pattern TEST_TITLE = java.util.regex.Pattern.compile(
            "(?<![.$\\w])(?:describe|it|test|suite|context|specify|experiment)(?:\\.\\w+)*\\s*\\(\\s*(['\"`])((?:(?!\\1)[^\\n]){1,200})\\1");

    /**
     * A JavaScript runner's filter on test titles ({@code -g}, {@code --grep}, {@code -t}, {@code --test-name-pattern}) for the
     * names the objective gives as code that a changed file defines or is named after, when one of the test files is big
     * (most of the suite) and every name is a word of some test's title; the files without such a title are left out.
     */
    private Optional<TitleFilter> titleFilter(TestRunner.Js runner, List<String> sources, String dir, List<String> tests) {
        String flag = switch (runner) {
            case MOCHA -> "--grep";
            case JEST, VITEST -> "-t";
            case LAB -> "-g";
            case NODE_TEST -> "--test-name-pattern";
            default -> null;
        };
        List<String> named = scriptNamesDefined(sources);
        if (flag == null || named.isEmpty()) {
            return Optional.empty();
        }
        boolean big = false;
        java.util.Map<String, List<String>> titlesOf = new java.util.LinkedHashMap<>();
        for (String test : tests) {
            String text = ManifestFile.read(facts.root(), dir.isEmpty() ? test : dir + "/" + test);
            List<String> titles = new ArrayList<>();
            java.util.regex.Matcher t = TEST_TITLE.matcher(text);
            while (t.find()) {
                titles.add(t.group(2));
            }
            big |= text.lines().count() > BIG_TEST_FILE_LINES || titles.size() > BIG_TEST_FILE_TESTS;
            titlesOf.put(test, titles);
        }
        if (!big) {
            return Optional.empty();
        }
        List<java.util.regex.Pattern> words = named.stream().map(n -> java.util.regex.Pattern.compile(
                "(?<![\\w$])" + java.util.regex.Pattern.quote(n) + "(?![\\w$])")).toList();
        if (words.stream().anyMatch(w -> titlesOf.values().stream().flatMap(List::stream).noneMatch(title -> w.matcher(title).find()))) {
            return Optional.empty(); // a name no title gives would select none of the tests covering it
        }
        List<String> files = tests.stream().filter(t -> titlesOf.get(t).stream()
                .anyMatch(title -> words.stream().anyMatch(w -> w.matcher(title).find()))).toList();
        String pattern = named.stream().map(n -> "\\b" + n.replace("$", "\\$") + "\\b")
                .collect(java.util.stream.Collectors.joining("|"));
        return Optional.of(new TitleFilter(files, List.of(flag, ShellQuote.quote(pattern))));
    }

    /**
     * The names the objective gives as code that a changed JavaScript/TypeScript file defines ({@code function merge},
     * {@code internals.merge = function}, {@code exports.merge =}) or is named after (lib/merge.js).
     */
    private List<String> scriptNamesDefined(List<String> sources) {
        List<String> named = new ArrayList<>();
        for (String name : codeNames) {
            if (name.length() < 3 || !name.matches("[A-Za-z_$][\\w$]*")) {
                continue;
            }
            String n = java.util.regex.Pattern.quote(name);
            java.util.regex.Pattern definition = java.util.regex.Pattern.compile("\\bfunction\\s*\\*?\\s*" + n + "\\s*\\(|(?<![\\w$])"
                    + n + "\\s*[:=]\\s*(?:async\\s+)?(?:function\\b|\\([^)\\n]*\\)\\s*=>|[\\w$]+\\s*=>)");
            if (sources.stream().anyMatch(s -> SourceGraph.language(s) != null && SourceGraph.language(s).equals("js")
                    && (SourceGraph.baseName(s).equals(name) || definition.matcher(ManifestFile.read(facts.root(), s)).find()))) {
                named.add(name);
            }
        }
        return named;
    }

    /** Words of pytest's -k grammar: never a name to select by. */
    private static final Set<String> KEYWORD_GRAMMAR = Set.of("or", "and", "not", "true", "false", "none");

    /** pytest's {@code -k} expression and the test files it selects tests in. */
    record PytestKeywords(List<String> files, String expression) {}

    /**
     * pytest's {@code -k} for a run holding a big test file (a one-module library's 12,000-line test_unit.py is its whole
     * suite): the names the objective gives that a changed module defines, each with the spelling the tests use
     * ({@code one_of} → {@code testOneOf}: {@code one_of or oneOf}), and only the files where it selects a test. pytest
     * matches -k case-insensitively within the names of a test, its class and its module. Empty when no file is big, or
     * when a name selects no test in them (the whole files then: a -k selecting nothing would check nothing).
     */
    private Optional<PytestKeywords> pytestKeywords(List<String> named, String dir, List<String> tests) {
        if (named.isEmpty() || named.stream().anyMatch(n -> KEYWORD_GRAMMAR.contains(n.toLowerCase(java.util.Locale.ROOT)))) {
            return Optional.empty();
        }
        boolean big = false;
        java.util.Map<String, List<String>> namesOf = new java.util.LinkedHashMap<>();
        for (String test : tests) {
            String text = ManifestFile.read(facts.root(), dir.isEmpty() ? test : dir + "/" + test);
            List<String> names = new ArrayList<>();
            names.add(test.substring(test.lastIndexOf('/') + 1).replaceFirst("\\.py$", ""));
            java.util.regex.Matcher t = PYTHON_TEST_NAME.matcher(text);
            while (t.find()) {
                if (t.group(2) != null || TEST_CLASS.matcher(t.group(1)).matches()) {
                    names.add(t.group(1) != null ? t.group(1) : t.group(2));
                }
            }
            big |= text.lines().count() > BIG_TEST_FILE_LINES || names.size() - 1 > BIG_TEST_FILE_TESTS;
            namesOf.put(test, names.stream().map(n -> n.toLowerCase(java.util.Locale.ROOT)).toList());
        }
        if (!big) {
            return Optional.empty();
        }
        Set<String> terms = new LinkedHashSet<>();
        for (String name : named) {
            List<String> found = spellings(name).stream()
                    .filter(s -> namesOf.values().stream().anyMatch(names -> selects(names, s))).toList();
            if (found.isEmpty()) {
                return Optional.empty();
            }
            terms.addAll(found);
        }
        List<String> files = tests.stream().filter(t -> terms.stream().anyMatch(s -> selects(namesOf.get(t), s))).toList();
        return Optional.of(new PytestKeywords(files, String.join(" or ", terms)));
    }

    /** A class pytest collects tests from: Test-prefixed, or a unittest class named as one (QuotedStringTests, ParserTestCase). */
    private static final java.util.regex.Pattern TEST_CLASS = java.util.regex.Pattern.compile("Test\\w*|\\w*Test(?:s|Case)?");

    private static boolean selects(List<String> lowerNames, String spelling) {
        String wanted = spelling.toLowerCase(java.util.Locale.ROOT);
        return lowerNames.stream().anyMatch(n -> n.contains(wanted));
    }

    /** How tests spell a name: as given, and in the other case style (one_of, oneOf; QuotedString, quoted_string). */
    private static List<String> spellings(String name) {
        String lowerCamel = camelCase(name);
        lowerCamel = lowerCamel.isEmpty() ? name : Character.toLowerCase(lowerCamel.charAt(0)) + lowerCamel.substring(1);
        String snake = name.replaceAll("(?<=[a-z0-9])(?=[A-Z])", "_").toLowerCase(java.util.Locale.ROOT);
        Set<String> spellings = new LinkedHashSet<>();
        Set<String> seen = new HashSet<>();
        for (String s : List.of(name, lowerCamel, snake)) {
            if (seen.add(s.toLowerCase(java.util.Locale.ROOT))) {
                spellings.add(s);
            }
        }
        return List.copyOf(spellings);
    }

    /**
     * The test modules that load these data files (tests/compliance/functions.json): a Python test module in the data file's
     * folder or above it, under the same top folder, whose text names the file, its stem or its folder as a string
     * ({@code os.path.join(TEST_DIR, 'compliance')}). A data-driven test runs every case its files hold: the file holding
     * the objective's name makes its loader a covering test.
     */
    private List<String> dataLoaders(String dir, List<String> dataFiles) {
        Set<String> loaders = new LinkedHashSet<>();
        String prefix = dir.isEmpty() ? "" : dir + "/";
        for (String data : dataFiles) {
            String folder = SourceGraph.parent(data);
            String name = data.substring(data.lastIndexOf('/') + 1);
            String stem = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
            String folderName = folder.substring(folder.lastIndexOf('/') + 1);
            String top = data.contains("/") ? data.substring(0, data.indexOf('/')) : "";
            java.util.regex.Pattern named = java.util.regex.Pattern.compile("[\"'](?:[^\"'\\n]*/)?(?:"
                    + java.util.regex.Pattern.quote(name) + "|" + java.util.regex.Pattern.quote(stem)
                    + (folderName.isEmpty() ? "" : "|" + java.util.regex.Pattern.quote(folderName)) + ")/?[\"']");
            for (String test : facts.names().testFiles()) {
                String rel = prefix.isEmpty() ? test : test.startsWith(prefix) ? test.substring(prefix.length()) : null;
                if (rel == null || !TestRunner.isPythonTestModule(rel) || top.isEmpty() || !rel.startsWith(top + "/")) {
                    continue;
                }
                String testFolder = SourceGraph.parent(rel);
                boolean above = folder.equals(testFolder) || folder.startsWith(testFolder + "/");
                if (above && named.matcher(ManifestFile.read(facts.root(), test)).find()) {
                    loaders.add(rel);
                }
            }
        }
        return List.copyOf(loaders);
    }

    /**
     * The test classes that name a message the objective quotes ({@link MessageOwners}: {@code m.DuplicateKey}), by test
     * module: where that message is asserted, in a module that may hold hundreds of other tests. Empty when no class
     * names one, or a module names one outside any class (a module-level test the classes would leave out).
     */
    private Optional<java.util.Map<String, List<String>>> ownerClasses(String dir, List<String> tests) {
        if (messageOwners.isEmpty()) {
            return Optional.empty();
        }
        java.util.regex.Pattern owner = java.util.regex.Pattern.compile("(?<![\\w$])(?:" + String.join("|",
                messageOwners.stream().map(java.util.regex.Pattern::quote).toList()) + ")(?![\\w$])");
        java.util.Map<String, List<String>> found = new java.util.LinkedHashMap<>();
        for (String test : tests) {
            String current = null;
            Set<String> classes = new LinkedHashSet<>();
            for (String line : ManifestFile.read(facts.root(), dir.isEmpty() ? test : dir + "/" + test).lines().toList()) {
                java.util.regex.Matcher c = PYTHON_CLASS.matcher(line);
                if (c.find()) {
                    current = c.group(1);
                } else if (!line.isBlank() && !Character.isWhitespace(line.charAt(0)) && !line.startsWith("#") && !line.startsWith(")")) {
                    current = null; // back at module level: a function or statement outside the class
                }
                if (owner.matcher(line).find() && !IMPORT_LINE.matcher(line).find()) {
                    if (current == null) {
                        return Optional.empty();
                    }
                    classes.add(current);
                }
            }
            if (!classes.isEmpty()) {
                found.put(test, List.copyOf(classes));
            }
        }
        return found.isEmpty() ? Optional.empty() : Optional.of(found);
    }

    /** The names the objective writes as code that a changed Python module defines (def or class). */
    private List<String> pythonNamesDefined(List<String> sources) {
        List<String> named = new ArrayList<>();
        for (String name : codeNames) {
            java.util.regex.Pattern definition = java.util.regex.Pattern.compile(
                    "(?m)^\\s*(?:async\\s+)?(?:def|class)\\s+" + java.util.regex.Pattern.quote(name) + "\\b");
            if (name.length() > 2 && sources.stream().anyMatch(s -> s.endsWith(".py")
                    && definition.matcher(ManifestFile.read(facts.root(), s)).find())) {
                named.add(name);
            }
        }
        return named;
    }

    /** split_at → SplitAt; chunked → Chunked. */
    private static String camelCase(String name) {
        return java.util.Arrays.stream(name.split("_")).filter(w -> !w.isEmpty())
                .map(w -> Character.toUpperCase(w.charAt(0)) + w.substring(1)).collect(java.util.stream.Collectors.joining());
    }

    /**
     * The unittest TestCase classes named after the names the objective gives (ChunkedTests, TestChunked for chunked), as
     * {@code module.Class}: one for each name, or none (a name without its class would lose the tests covering it).
     */
    private Optional<List<String>> unittestClasses(List<String> named, String dir, List<String> tests) {
        if (named.isEmpty()) {
            return Optional.empty();
        }
        List<String> classes = new ArrayList<>();
        for (String name : named) {
            String camel = camelCase(name);
            Set<String> wanted = Set.of(camel + "Tests", camel + "Test", "Test" + camel, camel + "TestCase");
            String found = null;
            for (String test : tests) {
                java.util.regex.Matcher c = PYTHON_CLASS.matcher(ManifestFile.read(facts.root(), dir.isEmpty() ? test : dir + "/" + test));
                while (found == null && c.find()) {
                    if (wanted.contains(c.group(1))) {
                        found = TestRunner.unittestModule(test).map(module -> module + "." + c.group(1)).orElse(null);
                    }
                }
            }
            if (found == null) {
                return Optional.empty();
            }
            classes.add(found);
        }
        return Optional.of(classes);
    }

    private static final java.util.regex.Pattern PYTHON_CLASS = java.util.regex.Pattern.compile("(?m)^class\\s+(\\w+)");
    private static final java.util.regex.Pattern IMPORT_LINE = java.util.regex.Pattern.compile("^\\s*(?:from|import)\\s");

    /** A Python test class or test method: its name. */
    private static final java.util.regex.Pattern PYTHON_TEST_NAME = java.util.regex.Pattern.compile(
            "(?m)^\\s*(?:class\\s+(\\w+)|(?:async\\s+)?def\\s+(test\\w*))");

    /** A Go test function: {@code func TestX(t *testing.T)} at the start of a line. */
    private static final java.util.regex.Pattern GO_TEST_FUNC = java.util.regex.Pattern.compile(
            "(?m)^func (Test\\w*)\\(\\s*\\w+\\s+\\*testing\\.T\\s*\\)");
    /** Go comments, so that a file of only {@code package x} and comments reads as documentation. */
    private static final java.util.regex.Pattern GO_COMMENTS = java.util.regex.Pattern.compile("(?s)/\\*.*?\\*/|//[^\\n]*");

    /**
     * When a changed Go file with code has no {@code X_test.go} beside it (where {@link #goTestNames} gives up), the tests
     * that reach it from elsewhere and say which case: of its package's tests, those named after a function it declares
     * that the objective names (Test_func_round for round); failing that, of the tests of its package and of the packages
     * importing it, the few holding a value the objective writes. Keyed by package directory ("." or "./html"), in order.
     * Empty when every changed file has its own tests, or nothing says which tests.
     */
    private Optional<java.util.Map<String, List<String>>> goTestsElsewhere(String moduleDir, List<String> sources) {
        String prefix = moduleDir.isEmpty() ? "" : moduleDir + "/";
        Set<String> changed = new LinkedHashSet<>();
        boolean untested = false;
        for (String file : goCodeFiles(prefix, sources)) {
            changed.add(file);
            untested |= goTestFunctions(file.substring(0, file.length() - 3) + "_test.go").isEmpty();
        }
        if (!untested) {
            return Optional.empty();
        }
        Set<String> changedDirs = goDirectories(prefix, sources);
        Set<String> declared = new LinkedHashSet<>();
        changed.forEach(f -> declared.addAll(goFunctions(f)));
        Set<String> everyFunction = new HashSet<>(declared);
        everyFunction.addAll(declaredBesides(prefix, sources));
        Set<String> namedHere = new LinkedHashSet<>(declared);
        namedHere.retainAll(objectiveWords);
        java.util.Map<String, String> namedAfter = new java.util.LinkedHashMap<>();
        java.util.Map<String, String> wordNamed = new java.util.LinkedHashMap<>();
        java.util.Map<String, String> codeNamed = new java.util.LinkedHashMap<>();
        java.util.Map<String, java.util.Map<String, String>> holders = new java.util.LinkedHashMap<>();
        for (String test : facts.names().testFiles()) {
            if (!test.endsWith("_test.go") || !test.startsWith(prefix)) {
                continue;
            }
            String dir = SourceGraph.parent(test);
            boolean same = changedDirs.contains(dir);
            if (!same && facts.graph().importsOf(test).stream().noneMatch(changed::contains)) {
                continue;
            }
            String inModule = dir.substring(Math.min(dir.length(), prefix.length()));
            String pkg = inModule.isEmpty() ? "." : "./" + inModule;
            goTestBodies(test).forEach((name, body) -> {
                if (same && namedHere.stream().anyMatch(f -> namedAfter(name, f, everyFunction))) {
                    namedAfter.put(name, pkg);
                }
                // a test named after a name the objective writes as code that the changed files do not declare (an
                // option, `WithNoFollow`, read in glob.go): TestGlobWithNoFollow, not every TestGlob…
                if (same && codeNames.stream().anyMatch(n -> n.length() > 3 && Character.isUpperCase(n.charAt(0))
                        && !declared.contains(n) && name.contains(n))) {
                    codeNamed.put(name, pkg);
                }
                // a test named after nothing but the objective's words (TestComments for "start a comment") is about its case
                Set<String> stems = ObjectiveTerms.nameStems(name.substring(4));
                if (same && !stems.isEmpty() && objectiveNameStems.containsAll(stems)) {
                    wordNamed.put(name, pkg);
                }
                for (String literal : literals) {
                    if (body.contains(literal)) {
                        holders.computeIfAbsent(literal, k -> new java.util.LinkedHashMap<>()).put(name, pkg);
                    }
                }
            });
        }
        java.util.Map<String, String> chosen = new java.util.LinkedHashMap<>(
                !codeNamed.isEmpty() && codeNamed.size() <= MAX_GO_RUN_NAMES ? codeNamed : namedAfter);
        if (chosen.isEmpty()) {
            // a value most of the tests hold tells none of them apart
            holders.values().stream().filter(h -> h.size() <= MAX_LITERAL_HOLDERS).forEach(chosen::putAll);
            if (wordNamed.size() <= MAX_LITERAL_HOLDERS) {
                chosen.putAll(wordNamed);
            }
        }
        if (chosen.isEmpty() || chosen.size() > MAX_GO_RUN_NAMES) {
            return Optional.empty();
        }
        java.util.Map<String, List<String>> byPackage = new java.util.LinkedHashMap<>();
        chosen.forEach((name, pkg) -> byPackage.computeIfAbsent(pkg, k -> new ArrayList<>()).add(name));
        return Optional.of(byPackage);
    }

    /**
     * The changed Go files that hold code (prefixed with the module's directory): not tests, and not a file with nothing
     * but its package clause and comments (doc.go), which is documentation and needs no test.
     */
    private List<String> goCodeFiles(String prefix, List<String> sources) {
        List<String> files = new ArrayList<>();
        for (String source : sources) {
            if (!source.endsWith(".go") || source.endsWith("_test.go")) {
                continue;
            }
            String code = GO_COMMENTS.matcher(ManifestFile.read(facts.root(), prefix + source)).replaceAll("").strip();
            if (!code.matches("package\\s+\\w+;?")) {
                files.add(prefix + source);
            }
        }
        return files;
    }

    /**
     * The test functions that cover a Go change, for {@code go test -run}: those declared in {@code X_test.go}
     * beside each changed {@code X.go}, and in the test files the change names. Empty (run the packages whole)
     * when a changed file with code has no such test beside it: a narrowed run would then skip what covers it.
     * A file with nothing but its package clause and comments (doc.go) is documentation and needs no test.
     */
    private Optional<List<String>> goTestNames(String moduleDir, List<String> sources, List<String> tests) {
        String prefix = moduleDir.isEmpty() ? "" : moduleDir + "/";
        Set<String> names = new LinkedHashSet<>();
        boolean anySource = false;
        for (String file : goCodeFiles(prefix, sources)) {
            List<String> beside = goTestFunctions(file.substring(0, file.length() - 3) + "_test.go");
            if (beside.isEmpty()) {
                return Optional.empty();
            }
            anySource = true;
            names.addAll(beside);
        }
        if (!anySource) {
            return Optional.empty();
        }
        // other test files of the change: only their tests that call a function the changed files declare, leaving out
        // names the package declares elsewhere too (String, Error: a call to one says nothing about which file it reaches)
        Set<String> declared = new HashSet<>();
        for (String source : sources) {
            if (source.endsWith(".go") && !source.endsWith("_test.go")) {
                declared.addAll(goFunctions(prefix + source));
            }
        }
        Set<String> elsewhere = declaredBesides(prefix, sources);
        Set<String> everyFunction = new HashSet<>(declared);
        everyFunction.addAll(elsewhere);
        // a test beside the changed file named after a function it declares is about that one, even when another type of
        // the package has a method of the same name (a getter)
        Set<String> namedHere = new LinkedHashSet<>(declared);
        namedHere.retainAll(objectiveWords);
        // and a name the objective writes as code that the changed file holds (an option's field, `ErrorUnused`): tests are
        // named after options as after functions (TestDecoder_ErrorUnused)
        for (String name : codeNames) {
            if (name.length() > 3 && Character.isUpperCase(name.charAt(0)) && sources.stream().anyMatch(source -> source.endsWith(".go")
                    && java.util.regex.Pattern.compile("\\b" + java.util.regex.Pattern.quote(name) + "\\b")
                            .matcher(ManifestFile.read(facts.root(), prefix + source)).find())) {
                namedHere.add(name);
            }
        }
        declared.removeAll(elsewhere);
        Set<String> candidates = new LinkedHashSet<>(names);
        for (String test : tests) {
            if (test.endsWith("_test.go")) {
                goTestBodies(prefix + test).forEach((name, body) -> {
                    candidates.add(name);
                    if (declared.stream().anyMatch(f -> calls(body, f))) {
                        names.add(name);
                    }
                });
            }
        }
        // the functions the objective names (`SetPrerelease`, `Validate`) that the change declares: the tests beside the
        // changed file named after them (TestSetPrerelease, TestConstraintsValidate) and the tests calling them, when
        // there are any; not every test of the file (nearly the package on a one-package module)
        Set<String> named = new LinkedHashSet<>(declared);
        named.retainAll(objectiveWords);
        // a function the objective spells in words ("days matching" → dayMatches) that a changed file declares is what the
        // change reaches: the tests calling it, or, when none does (it is unexported), those calling the functions of that
        // file that call it (Next, which asks dayMatches)
        Set<String> spelledHere = spelledFunctions(prefix, sources);
        named.addAll(spelledHere);
        if (!namedHere.isEmpty() || !spelledHere.isEmpty() || !literals.isEmpty() || forms.size() >= 2) {
            Set<String> namedAfter = new LinkedHashSet<>();
            Set<String> calling = new LinkedHashSet<>();
            // a test holding a value the objective writes (a request for `//api/`) exercises that very case, whatever it
            // calls: the redirect's test asserts what the option's own test (named after it) only switches off
            Set<String> holding = new LinkedHashSet<>();
            java.util.Map<String, Set<String>> holders = new java.util.LinkedHashMap<>();
            java.util.Map<String, Integer> shaped = new java.util.LinkedHashMap<>();
            Set<String> beside = new LinkedHashSet<>();
            for (String source : sources) {
                if (source.endsWith(".go") && !source.endsWith("_test.go")) {
                    beside.add(prefix + source.substring(0, source.length() - 3) + "_test.go");
                }
            }
            Set<String> files = new LinkedHashSet<>(beside);
            tests.stream().filter(t -> t.endsWith("_test.go")).forEach(t -> files.add(prefix + t));
            for (String file : files) {
                goTestBodies(file).forEach((name, body) -> {
                    if (!candidates.contains(name)) {
                        return;
                    }
                    if (beside.contains(file) && namedHere.stream().anyMatch(f -> namedAfter(name, f, everyFunction))) {
                        namedAfter.add(name);
                    } else if (named.stream().anyMatch(f -> calls(body, f))) {
                        calling.add(name);
                    }
                    for (String literal : literals) {
                        if (body.contains(literal)) {
                            holders.computeIfAbsent(literal, k -> new LinkedHashSet<>()).add(name);
                        }
                    }
                    int shapes = literalShapesIn(body);
                    if (shapes > 0) {
                        shaped.put(name, shapes);
                    }
                });
            }
            // a value most of the tests that could run hold (`1.2.3` in a version library) tells none of them apart
            holders.values().stream().filter(h -> h.stream().filter(names::contains).count() <= MAX_LITERAL_HOLDERS)
                    .forEach(holding::addAll);
            // a table of cases of the objective's forms (`"~> 2.1.0-a", "2.1.0-beta"` for its `1.1.0-beta`, `>= 1.0`) is
            // where such a case is tested: the tests holding most of the objective's forms, when they hold two or more
            int mostShapes = shaped.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            List<String> mostShaped = shaped.entrySet().stream().filter(e -> e.getValue() == mostShapes && names.contains(e.getKey()))
                    .map(java.util.Map.Entry::getKey).toList();
            if (mostShapes >= 2 && mostShaped.size() <= MAX_LITERAL_HOLDERS) {
                // the table of such cases beside the tests named after what the objective names, not every test calling it
                // (a hyphen range's rewrite table, not each test parsing a constraint)
                return Optional.of(names.stream().filter(n -> namedAfter.contains(n) || holding.contains(n) || mostShaped.contains(n))
                        .toList());
            }
            // a test named after several of the names together (TestNewVersionWithPrefix for `NewVersion` with
            // `WithPrefix("v")`) is the one about their combination: the others only reach one of them
            // a name inside a longer one the test is named after (Percentile in TestPercentileNearestRank) is that one, not a second
            java.util.function.ToIntFunction<String> namesIn = test -> {
                List<String> in = namedHere.stream().filter(f -> namedAfter(test, f, everyFunction) || test.contains(f)).toList();
                return (int) in.stream().filter(f -> in.stream().noneMatch(g -> g.length() > f.length() && g.contains(f))).count();
            };
            int most = namedAfter.stream().mapToInt(namesIn).max().orElse(0);
            if (most >= 2) {
                return Optional.of(names.stream().filter(n -> namedAfter.contains(n) && namesIn.applyAsInt(n) == most
                        || holding.contains(n)).toList());
            }
            // a function every other test calls (a constructor making the values under test) is tested by the tests named
            // after it; the many calling it test something else with its result
            boolean calledEverywhere = !namedAfter.isEmpty() && calling.size() > MAX_CALLING_TESTS;
            if (!namedAfter.isEmpty() || !calling.isEmpty() || !holding.isEmpty()) {
                return Optional.of(names.stream().filter(n -> namedAfter.contains(n) || !calledEverywhere && calling.contains(n)
                        || holding.contains(n)).toList());
            }
        }
        // nothing narrower said which tests: the ones whose names spell the objective's case (Test2Q_Add_RecentEvict for a
        // key "added again after it was evicted from the recent list") are those a senior runs, not every test of the file
        List<String> spelled = spellingObjective(names);
        if (!spelled.isEmpty()) {
            return Optional.of(spelled);
        }
        // nearly every test of the packages spelled out is the packages' run written long: run them plainly
        int inPackages = 0;
        for (String dir : goDirectories(prefix, sources)) {
            inPackages += goFilesIn(dir).stream().filter(f -> f.endsWith("_test.go")).mapToInt(f -> goTestFunctions(f).size()).sum();
        }
        if (names.size() > MAX_GO_RUN_NAMES && names.size() * 5 >= inPackages * 4) {
            return Optional.empty();
        }
        return Optional.of(List.copyOf(names));
    }

    /**
     * Of {@code tests}, the few whose names hold the most of the objective's words (stemmed, its action verbs included), at
     * least {@value #MIN_SPELLED_WORDS}; words every one of them holds (the type under test, 2Q in Test2Q_…) tell none apart.
     * Empty when no name holds that many or more than {@value #MAX_SPELLING_TESTS} tie.
     */
    List<String> spellingObjective(Set<String> tests) {
        if (tests.size() <= MAX_SPELLING_TESTS || objectiveNameStems.isEmpty()) {
            return List.of();
        }
        java.util.Map<String, Set<String>> stemsOf = new java.util.LinkedHashMap<>();
        for (String test : tests) {
            stemsOf.put(test, ObjectiveTerms.nameStems(test.startsWith("Test") ? test.substring(4) : test));
        }
        Set<String> shared = new HashSet<>(stemsOf.values().iterator().next());
        stemsOf.values().forEach(shared::retainAll);
        java.util.Map<String, Integer> held = new java.util.LinkedHashMap<>();
        stemsOf.forEach((test, stems) -> held.put(test, (int) stems.stream()
                .filter(w -> !shared.contains(w) && objectiveNameStems.contains(w)).count()));
        int most = held.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        List<String> best = held.entrySet().stream().filter(e -> e.getValue() == most).map(java.util.Map.Entry::getKey).toList();
        if (most >= MIN_SPELLED_WORDS) {
            return best.size() <= MAX_SPELLING_TESTS ? best : List.of();
        }
        // two words are enough when they are all the name says of its case: the part after the type under test
        // (TestDecimal_RoundCash for "cash rounding"), not a name holding other words too (TestSSAsSliceValue)
        if (most == MIN_SPELLED_WORDS - 1) {
            List<String> whole = best.stream().filter(test -> {
                String name = test.startsWith("Test") ? test.substring(4) : test;
                String caseName = name.indexOf('_') > 0 ? name.substring(name.indexOf('_') + 1) : name;
                Set<String> stems = ObjectiveTerms.nameStems(caseName);
                return stems.size() == most && objectiveNameStems.containsAll(stems);
            }).toList();
            return !whole.isEmpty() && whole.size() <= MAX_SPELLING_TESTS ? whole : List.of();
        }
        return List.of();
    }

    /**
     * A test name holding fewer of the objective's words than this may share them by chance: TestSSAsSliceValue holds
     * "slice" and "value" of "a string slice flag must read its value as CSV", the words of what is changed, not its case.
     */
    private static final int MIN_SPELLED_WORDS = 3;
    /** More tests than this calling a function that tests are named after use it for something else. */
    private static final int MAX_CALLING_TESTS = 12;
    /** More tests than this tied on the objective's words are not its one case. */
    private static final int MAX_SPELLING_TESTS = 2;

    private static final java.util.regex.Pattern DIGITS = java.util.regex.Pattern.compile("\\d+");
    /** A number or a dotted version (1.4.5, 12): its form is one 0, however many parts it has. */
    private static final java.util.regex.Pattern NUMBERS = java.util.regex.Pattern.compile("\\d+(?:\\.\\d+)*");
    private static final java.util.regex.Pattern GO_STRING = java.util.regex.Pattern.compile("\"([^\"\\\\\\n]*)\"");

    /**
     * How many of the objective's values with digits in them ({@code 1.1.0-beta}, {@code >= 1.0}) a test body holds in
     * their form, any numbers in their places, inside its string literals ({@code "2.1.0-beta"}, {@code ">= 1.0, < 1.2"}).
     */
    private int literalShapesIn(String body) {
        if (forms.isEmpty()) {
            return 0;
        }
        List<String> strings = new ArrayList<>();
        java.util.regex.Matcher m = GO_STRING.matcher(body);
        while (m.find()) {
            strings.add(NUMBERS.matcher(m.group(1)).replaceAll("0"));
        }
        return (int) forms.stream().filter(f -> strings.stream().anyMatch(s -> s.contains(f))).count();
    }

    /** A value the objective writes that more tests than this hold is common to the package's tests, not one case's. */
    private static final int MAX_LITERAL_HOLDERS = 3;

    /** More test names than this that are nearly all of a package's tests are that package's run. */
    private static final int MAX_GO_RUN_NAMES = 4;

    private static Set<String> goDirectories(String prefix, List<String> sources) {
        Set<String> dirs = new LinkedHashSet<>();
        for (String source : sources) {
            if (source.endsWith(".go") && !source.endsWith("_test.go")) {
                dirs.add(SourceGraph.parent(prefix + source));
            }
        }
        return dirs;
    }

    /** The .go files of one directory (workspace-relative), in name order; none when it cannot be listed. */
    private List<String> goFilesIn(String dir) {
        try (var files = Files.list(dir.isEmpty() ? facts.root() : facts.root().resolve(dir))) {
            return files.map(f -> f.getFileName().toString()).filter(name -> name.endsWith(".go")).sorted()
                    .map(name -> dir.isEmpty() ? name : dir + "/" + name).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** A top-level Go function or method declaration; group 1 is its name. */
    private static final java.util.regex.Pattern GO_FUNC = java.util.regex.Pattern.compile("(?m)^func (?:\\([^)]*\\)\\s*)?(\\w+)");

    /**
     * TestReset, TestCounterReset, TestResetTwice for Reset; not TestResetAll when the package also declares ResetAll,
     * which that test is named after.
     */
    private static boolean namedAfter(String test, String function, Set<String> functions) {
        if (!java.util.regex.Pattern.compile("^Test\\w*?" + java.util.regex.Pattern.quote(function)
                + "(?:$|[\\p{Lu}_\\d])").matcher(test).find()) {
            return false;
        }
        return functions.stream().noneMatch(g -> g.length() > function.length() && g.contains(function) && test.contains(g));
    }

    private static boolean calls(String body, String function) {
        return java.util.regex.Pattern.compile("\\b" + java.util.regex.Pattern.quote(function) + "\\(").matcher(body).find();
    }

    /**
     * The functions the changed Go files declare whose names the objective spells in words, with the functions of the same
     * file that call them (one step: a predicate no test calls is reached through them).
     */
    private Set<String> spelledFunctions(String prefix, List<String> sources) {
        Set<String> found = new LinkedHashSet<>();
        if (spelledNames.isEmpty()) {
            return found;
        }
        for (String source : sources) {
            if (!source.endsWith(".go") || source.endsWith("_test.go")) {
                continue;
            }
            java.util.Map<String, String> bodies = goFunctionBodies(ManifestFile.read(facts.root(), prefix + source));
            List<String> spelled = bodies.keySet().stream().filter(f -> spelledNames.contains(f.toLowerCase(java.util.Locale.ROOT))).toList();
            found.addAll(spelled);
            bodies.forEach((function, body) -> {
                if (spelled.stream().anyMatch(f -> !f.equals(function) && calls(body, f))) {
                    found.add(function);
                }
            });
        }
        return found;
    }

    /** The functions and methods a Go file declares. */
    private Set<String> goFunctions(String relative) {
        Set<String> found = new LinkedHashSet<>();
        java.util.regex.Matcher m = GO_FUNC.matcher(ManifestFile.read(facts.root(), relative));
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    /** What the other non-test Go files beside {@code sources} declare. */
    private Set<String> declaredBesides(String prefix, List<String> sources) {
        Set<String> dirs = new LinkedHashSet<>();
        Set<String> changed = new HashSet<>();
        for (String source : sources) {
            if (source.endsWith(".go") && !source.endsWith("_test.go")) {
                dirs.add(SourceGraph.parent(prefix + source));
                changed.add(prefix + source);
            }
        }
        Set<String> found = new HashSet<>();
        for (String dir : dirs) {
            try (var files = Files.list(dir.isEmpty() ? facts.root() : facts.root().resolve(dir))) {
                for (String name : files.map(f -> f.getFileName().toString()).sorted().toList()) {
                    String path = dir.isEmpty() ? name : dir + "/" + name;
                    if (name.endsWith(".go") && !name.endsWith("_test.go") && !changed.contains(path)) {
                        found.addAll(goFunctions(path));
                    }
                }
            } catch (IOException e) {
                // an unreadable directory leaves every declared name in: the broader (unnarrowed) choice
                return Set.of();
            }
        }
        return found;
    }

    /**
     * Each Test function of a Go test file with its body (up to the next top-level func), followed by the bodies of the
     * file's helper functions it calls (a table test handing each case to {@code testParse(t, tt)}): what the test reaches.
     */
    private java.util.Map<String, String> goTestBodies(String relative) {
        String text = ManifestFile.read(facts.root(), relative);
        java.util.Map<String, String> functions = goFunctionBodies(text);
        java.util.Map<String, String> bodies = new java.util.LinkedHashMap<>();
        java.util.regex.Matcher test = GO_TEST_FUNC.matcher(text);
        while (test.find()) {
            String name = test.group(1);
            StringBuilder body = new StringBuilder(functions.getOrDefault(name, ""));
            functions.forEach((helper, helperBody) -> {
                if (!helper.startsWith("Test") && calls(functions.getOrDefault(name, ""), helper)) {
                    body.append('\n').append(helperBody);
                }
            });
            bodies.put(name, body.toString());
        }
        return bodies;
    }

    /** Each function of a Go file's text with its text up to the next one (the first of a name, for methods of two types). */
    private static java.util.Map<String, String> goFunctionBodies(String text) {
        java.util.Map<String, String> functions = new java.util.LinkedHashMap<>();
        java.util.regex.Matcher m = GO_FUNC.matcher(text);
        List<Integer> starts = new ArrayList<>();
        List<String> found = new ArrayList<>();
        while (m.find()) {
            starts.add(m.start());
            found.add(m.group(1));
        }
        for (int i = 0; i < found.size(); i++) {
            int end = text.indexOf("\nfunc ", starts.get(i) + 1);
            functions.putIfAbsent(found.get(i), text.substring(starts.get(i), end < 0 ? text.length() : end));
        }
        return functions;
    }

    private List<String> goTestFunctions(String relative) {
        List<String> names = new ArrayList<>();
        java.util.regex.Matcher m = GO_TEST_FUNC.matcher(ManifestFile.read(facts.root(), relative));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /**
     * Whether {@code check}, the project's {@code npm test}, runs exactly what {@code narrowed} runs: a test script that
     * starts one runner on the very files the narrowed check names, with no hooks around it ({@code mocha --reporter spec
     * test/test.js}). Then one of them is enough.
     */
    public boolean repeats(String check, String narrowed) {
        if (!check.equals("npm test") && !check.equals("npm run test")) {
            return false;
        }
        JsonNode scripts = json("package.json").path("scripts");
        if (!scripts.path("pretest").asText("").isBlank() || !scripts.path("posttest").asText("").isBlank()) {
            return false;
        }
        String test = scripts.path("test").asText("");
        if (TestRunner.jsScript(test, topLevelNames("")).isEmpty()) {
            return false;
        }
        List<String> files = new ArrayList<>();
        for (String word : WHITESPACE.split(test.strip())) {
            String path = LEADING_DOT_SLASH.matcher(QUOTES.matcher(word).replaceAll("")).replaceFirst("");
            if (JS_FILE.matcher(path).matches() && facts.graph().hasFile(path)) {
                files.add(path);
            } else if (path.contains("/") || path.contains("*")) {
                return false; // a directory or a glob: more than the named files, maybe
            }
        }
        return !files.isEmpty() && narrowed(facts.packages().root(), facts.commands(), List.of(), files).filter(narrowed::equals)
                .isPresent();
    }

    /** The test runner a delegating test script's task starts, and the command running its compile tasks ("" for none). */
    private record DelegatedRun(TestRunner.JsScript script, String compile) {}

    /**
     * A test script that only hands over to a task runner ({@code npx jake test}, {@code make test}): the test runner
     * its task starts ({@code ./node_modules/.bin/mocha --u tdd}), with the tasks before it that compile what the tests
     * load ({@code npx jake compile}); not its lint, clean, bundle or minify tasks.
     */
    private Optional<DelegatedRun> delegatedRun(String dir, String testScript, Set<String> topLevel) {
        Optional<TaskFile.Delegation> delegation = TaskFile.delegation(testScript);
        Optional<TaskFile> file = delegation.flatMap(d -> TaskFile.read(facts.root(), dir, d));
        if (file.isEmpty()) {
            return Optional.empty();
        }
        return file.get().testRun(delegation.get().task(), command -> TestRunner.jsScript(command, topLevel).isPresent())
                .map(run -> new DelegatedRun(TestRunner.jsScript(run.runner(), topLevel).orElseThrow(),
                        run.compileTasks().isEmpty() ? "" : file.get().run(run.compileTasks())));
    }

    /** {@code node [options] FILE.js}: a test script run by node itself (node:test in one file). */
    private static final java.util.regex.Pattern NODE_FILE = java.util.regex.Pattern.compile(
            "^node((?:\\s+--?[\\w-]+(?:[= ][\\w.:/@-]+)?)*)\\s+([\\w./-]+\\.[cm]?js)$");

    /**
     * A workspace package without tests of its own that the root's one node:test file tests under a
     * top-level test titled with the package's name ({@code test('remark-stringify', …)}): that file with
     * {@code --test-name-pattern} for the title (its subtests run with it), not the whole root suite
     * behind coverage thresholds and formatters.
     */
    private Optional<String> rootTestTitled(String packageName) {
        if (packageName == null || packageName.isBlank()) {
            return Optional.empty();
        }
        JsonNode scripts = json("package.json").path("scripts");
        java.util.ArrayDeque<String> pending = new java.util.ArrayDeque<>(List.of("test"));
        Set<String> seen = new HashSet<>();
        while (!pending.isEmpty()) {
            String script = pending.poll();
            if (!seen.add(script) || seen.size() > 12) {
                continue;
            }
            for (String step : ScriptChain.steps(scripts.path(script).asText(""))) {
                // npm run X anywhere in a step (c8 … -- npm run test-api wraps the step that tests)
                java.util.regex.Matcher run = java.util.regex.Pattern.compile("(?:npm run|pnpm(?: run)?|yarn(?: run)?) ([\\w:.-]+)").matcher(step);
                while (run.find()) {
                    pending.add(run.group(1));
                }
                java.util.regex.Matcher node = NODE_FILE.matcher(step.strip());
                if (node.matches() && !node.group(1).contains("--test-name-pattern")) {
                    String file = node.group(2).replaceFirst("^\\./", "");
                    String text = ManifestFile.read(facts.root(), file);
                    java.util.regex.Pattern title = java.util.regex.Pattern.compile("(?m)^(?:test|describe|suite)\\(\\s*(['\"`])"
                            + java.util.regex.Pattern.quote(packageName) + "\\1");
                    if (title.matcher(text).find()) {
                        String pattern = "^" + packageName.replaceAll("[.^$|?*+()\\[\\]{}\\\\]", "\\\\$0") + "$";
                        return Optional.of("node" + node.group(1) + " --test-name-pattern " + ShellQuote.quote(pattern) + " "
                                + ShellQuote.quoteIfNeeded(node.group(2)));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * A test script whose first step is a tool of the package's own that is not a runner (a wrapper
     * like ts-scripts), with at most style or size steps after it: the runner it starts is the test.
     */
    private static boolean wrapsATool(String test) {
        List<String> steps = ScriptChain.steps(test);
        if (steps.isEmpty() || steps.get(0).contains("|")) {
            return false;
        }
        String tool = steps.get(0).split("\\s+")[0];
        // not a shell or package manager, not a style tool, not a browser runner (karma runs mocha's files in a browser)
        return !tool.isEmpty() && !Set.of("node", "npm", "npx", "pnpm", "yarn", "sh", "bash", "tsc", "make", "xo", "eslint",
                "standard", "tsd", "prettier", "biome", "karma", "wtr", "web-test-runner", "playwright", "cypress", "testem",
                "zuul", "airtap").contains(tool) && !tool.contains("/") && !tool.contains("=");
    }

    /** The narrowest whole suite that includes the package's tests. */
    private List<String> packageSuite(WorkspacePackage pkg, WorkspaceCommands commands, List<String> sources) {
        if (!pkg.isRoot() && pkg.ecosystem() == WorkspacePackage.Ecosystem.MAVEN) {
            return List.of(maven(pkg) + " test");
        }
        if (!pkg.isRoot() && pkg.ecosystem() == WorkspacePackage.Ecosystem.CARGO) {
            return List.of("cargo test -p " + ShellQuote.quoteIfNeeded(pkg.name()));
        }
        if (pkg.ecosystem() == WorkspacePackage.Ecosystem.GO || commands.toolchains().contains(Toolchain.GO)) {
            Optional<String> byDirectory = narrowed(pkg, commands, sources, List.of());
            if (byDirectory.isPresent()) {
                return List.of(byDirectory.get());
            }
        }
        return pkg.isRoot() ? commands.testCommands().stream().map(this::withoutTimingFolders).toList() : commands.testCommands();
    }

    private String maven(WorkspacePackage pkg) {
        String prefix = Files.isExecutable(facts.root().resolve("mvnw")) ? "./mvnw" : "mvn";
        // the narrowed run's goal and tests come after these words: the rewrite skips go with the options
        String skips = TestRunner.mavenRewriteSkips(facts.root(), pkg.isRoot() ? "" : pkg.directory());
        return pkg.isRoot() ? prefix + " -q" + skips : prefix + " -q -pl " + ShellQuote.quoteIfNeeded(pkg.directory()) + " -am" + skips;
    }

    /** The names directly in {@code dir}, as a view that asks the scan's indexes (no walk over every path). */
    private Set<String> topLevelNames(String dir) {
        String prefix = dir.isEmpty() ? "" : dir + "/";
        return new java.util.AbstractSet<>() {
            @Override
            public boolean contains(Object name) {
                String path = prefix + name;
                return name instanceof String && !((String) name).contains("/")
                        && (facts.names().isDirectory(path) || facts.graph().hasFile(path));
            }

            @Override
            public java.util.Iterator<String> iterator() {
                throw new UnsupportedOperationException("a membership view");
            }

            @Override
            public int size() {
                throw new UnsupportedOperationException("a membership view");
            }
        };
    }

    private JsonNode json(String relative) {
        try {
            return ManifestFile.read(facts.root(), relative).isEmpty() ? Json.object() : ManifestFile.json(facts.root(), relative);
        } catch (IOException e) {
            return Json.object();
        }
    }

    private static List<String> relative(String dir, List<String> paths) {
        if (dir.isEmpty()) {
            return paths;
        }
        return paths.stream().filter(p -> p.startsWith(dir + "/")).map(p -> p.substring(dir.length() + 1)).toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
