package dev.harness.planning;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harness.protocol.Json;
import dev.harness.protocol.process.PathLookup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a workspace's real build, test and lint commands from its manifests at the root
 * (package.json scripts, pom.xml, build.gradle, Cargo.toml, go.mod, pytest configuration, Makefile
 * targets) and notes what it could not find or what is not installed here.
 */
public final class ToolchainDetector {
    /** Manifests larger than this are not read (a package.json is a few KB). */
    private static final long MAX_MANIFEST_BYTES = 1 << 20;
    private static final Pattern NPM_PLACEHOLDER_TEST = Pattern.compile(".*no test specified.*exit 1.*", Pattern.DOTALL);

    private final Map<String, String> env;

    public ToolchainDetector(Map<String, String> env) {
        this.env = env;
    }

    /** Manifests that make a directory a project of its own. */
    static final java.util.Set<String> MANIFESTS = java.util.Set.of("package.json", "pom.xml", "build.gradle",
            "build.gradle.kts", "Cargo.toml", "go.mod", "pyproject.toml", "pytest.ini", "Makefile", "GNUmakefile");
    /** Builds whose root already runs every nested project (reactor, multi-project, workspace). */
    private static final java.util.Set<Toolchain> AGGREGATING = java.util.EnumSet.of(Toolchain.MAVEN, Toolchain.GRADLE, Toolchain.CARGO);
    private static final int MAX_SUBPROJECTS = 12;

    /**
     * Projects one or two levels down with commands of their own (a monorepo's frontend/ and
     * backend/), skipping those the root build already runs.
     */
    public List<WorkspaceCommands> subprojects(Path root, WorkspaceScan scan, WorkspaceCommands rootCommands) {
        java.util.Set<String> directories = new java.util.LinkedHashSet<>();
        for (String file : scan.files()) {
            int slash = file.lastIndexOf('/');
            // a benchmarks/ folder with its own pytest.ini or package.json measures the project: its run is no test package's
            if (slash > 0 && MANIFESTS.contains(file.substring(slash + 1))
                    && file.chars().filter(c -> c == '/').count() <= 2 && !measuresOnly(file.substring(0, slash))) {
                directories.add(file.substring(0, slash));
            }
        }
        List<WorkspaceCommands> found = new ArrayList<>();
        for (String directory : directories) {
            if (found.size() >= MAX_SUBPROJECTS) {
                break;
            }
            WorkspaceCommands commands = detect(root.resolve(directory));
            boolean coveredByRoot = commands.toolchains().stream().anyMatch(t -> AGGREGATING.contains(t) && rootCommands.toolchains().contains(t));
            if (!commands.isEmpty() && !coveredByRoot) {
                found.add(commands.in(directory));
            }
        }
        return found;
    }

    /** Folders of benchmarks (benchmarks/, bench/, benches/): what their own pytest.ini or package.json runs measures speed. */
    private static final java.util.Set<String> BENCHMARK_DIRECTORIES = java.util.Set.of("benchmarks", "benchmark", "bench", "benches");

    /** Whether a folder on {@code directory}'s path holds benchmarks: no test package of the project's, whatever it configures. */
    static boolean measuresOnly(String directory) {
        for (String part : directory.split("/")) {
            if (BENCHMARK_DIRECTORIES.contains(part.toLowerCase(java.util.Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The test steps with the test hooks that were kept (a {@code pretest} that builds what the tests
     * need) run around them, as one command; the steps as they are when every hook was left out.
     */
    private static List<String> keptHooksAround(JsonNode scripts, List<ScriptChain.LeftOutHook> leftOut, List<String> steps) {
        if (steps.isEmpty()) {
            return steps;
        }
        List<String> dropped = leftOut.stream().map(ScriptChain.LeftOutHook::hook).toList();
        List<String> before = new ArrayList<>();
        List<String> after = new ArrayList<>();
        if (!scripts.path("pretest").asText("").isBlank() && !dropped.contains("pretest")) {
            before.add("npm run pretest");
        }
        if (!scripts.path("posttest").asText("").isBlank() && !dropped.contains("posttest")) {
            after.add("npm run posttest");
        }
        if (before.isEmpty() && after.isEmpty()) {
            return steps;
        }
        List<String> all = new ArrayList<>(before);
        all.addAll(steps);
        all.addAll(after);
        return List.of(String.join(" && ", all));
    }

    public WorkspaceCommands detect(Path root) {
        List<Toolchain> toolchains = new ArrayList<>();
        List<String> tests = new ArrayList<>();
        List<String> builds = new ArrayList<>();
        List<String> lints = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String gradlePrefix = "gradle";
        String mavenPrefix = "mvn";

        Path packageJson = root.resolve("package.json");
        if (Files.isRegularFile(packageJson)) {
            JsonNode scripts = readJson(packageJson, notes).path("scripts");
            String test = scripts.path("test").asText("");
            if (!test.isBlank() && !NPM_PLACEHOLDER_TEST.matcher(test).matches()) {
                toolchains.add(test.strip().startsWith("node --test") ? Toolchain.NODE_TEST
                        : test.matches(".*\\b(jest|vitest)\\b.*") ? Toolchain.JEST : Toolchain.NPM);
                java.util.Optional<String> rewrites = ScriptChain.rewrites(scripts, "test");
                List<String> steps = rewrites.isPresent() ? ScriptChain.testSteps(scripts, "test") : List.of();
                List<ScriptChain.LeftOutHook> leftOut = rewrites.isEmpty() ? ScriptChain.hooksLeftOut(scripts, "test") : List.of();
                List<String> tested = leftOut.isEmpty() ? List.of() : keptHooksAround(scripts, leftOut, ScriptChain.testSteps(scripts, "test"));
                // `pnpm lint && vitest run && pnpm test:types`: its steps without the lint (the type check stays a check of its own)
                List<String> unstyled = rewrites.isEmpty() && tested.isEmpty() && !TestRunner.chainBuilds(scripts)
                        ? ScriptChain.withoutStyle(scripts, "test") : List.of();
                // nothing left out (npm run test): the script as it is, with its hooks
                unstyled = unstyled.equals(List.of("npm run test")) ? List.of() : keptHooksAround(scripts, leftOut, unstyled);
                if (rewrites.isEmpty() && !tested.isEmpty()) {
                    // the chain's test step without the hooks that do not test: an audit can fail a healthy project
                    tests.addAll(tested);
                    for (ScriptChain.LeftOutHook hook : leftOut) {
                        notes.add("'npm test' is checked as " + String.join(", ", tested) + " without its \"" + hook.hook()
                                + "\" hook ('" + hook.text() + "'): " + hook.reason().why() + ".");
                    }
                } else if (!unstyled.isEmpty()) {
                    // a lint failing the healthy project over a rule the change never touched fails no test of the change
                    tests.addAll(unstyled);
                    notes.add("'npm test' lints beside its tests ('" + test.strip() + "'), so its other steps are the checks "
                            + "instead: " + String.join(", ", unstyled) + ".");
                } else if (rewrites.isEmpty()) {
                    tests.add("npm test");
                } else if (steps.isEmpty()) {
                    notes.add("'npm test' changes the files it checks (" + rewrites.get() + ") and has no step that only tests, "
                            + "so it is not used as a check.");
                } else {
                    // the chain's own test steps: what `npm test` checks, without rewriting the person's files
                    tests.addAll(steps);
                    notes.add("'npm test' changes the files it checks (" + rewrites.get() + "), so its test steps are the checks "
                            + "instead: " + String.join(", ", steps) + ".");
                }
            } else {
                toolchains.add(Toolchain.NPM);
                notes.add("package.json has no real \"test\" script, so npm tests cannot serve as acceptance tests.");
            }
            // a build or lint the test script already runs (a step of its chain, its pretest/posttest) is not run twice
            boolean testRuns = tests.contains("npm test"); // else its steps are run one by one, without its build
            if (!scripts.path("build").asText("").isBlank() && !(testRuns && runByTest(scripts, "build"))) {
                builds.add("npm run build");
            }
            for (String lint : List.of("lint", "typecheck")) {
                if (!scripts.path(lint).asText("").isBlank() && !(testRuns && runByTest(scripts, lint))) {
                    lints.add("npm run " + lint);
                }
            }
            requireOnPath("npm", notes);
            scriptManagerMissing(scripts, notes);
        }
        Path pom = root.resolve("pom.xml");
        if (Files.isRegularFile(pom)) {
            toolchains.add(Toolchain.MAVEN);
            mavenPrefix = Files.isExecutable(root.resolve("mvnw")) ? "./mvnw" : "mvn";
            tests.add(mavenPrefix + " -q" + TestRunner.mavenRewriteSkips(root, "") + " test");
            if (read(pom, notes).contains("<modules>")) {
                // a module the JDK here cannot build fails the full build on the healthy project: said before anything runs
                int jdk = mavenJdk();
                for (String module : jdk > 0 ? modulesTooOldForJdk(root, jdk) : List.<String>of()) {
                    notes.add("Maven module " + module + " cannot be compiled on JDK " + jdk + ", the JDK here: '" + mavenPrefix
                            + " -q test' fails in that module whatever the change does; run the full build with an older JDK, "
                            + "or judge the change by its targeted checks.");
                }
                mavenPrefix = null; // multi-module: no single-class targeting
            } else {
                requireOnPath("mvn", notes, Files.isExecutable(root.resolve("mvnw")));
            }
        }
        boolean gradle = Files.isRegularFile(root.resolve("build.gradle")) || Files.isRegularFile(root.resolve("build.gradle.kts"));
        if (gradle && toolchains.contains(Toolchain.MAVEN)) {
            // pom.xml and a Gradle build beside it build the same sources: the suite runs once, with the tool the CI runs
            JvmBuild ci = ciBuild(root, notes);
            if (ci == JvmBuild.GRADLE) {
                tests.removeIf(t -> t.matches("(?:\\./mvnw|mvn) -q(?: -D[\\w.]+=true)* test"));
                toolchains.remove(Toolchain.MAVEN);
                notes.add("pom.xml and a Gradle build both build this project; its CI runs Gradle, so the checks use Gradle.");
            } else {
                gradle = false;
                notes.add("pom.xml and a Gradle build both build this project; the checks use Maven"
                        + (ci == JvmBuild.MAVEN ? ", which its CI runs" : "") + ", not the same tests again with Gradle.");
            }
        }
        if (gradle) {
            toolchains.add(Toolchain.GRADLE);
            boolean wrapper = Files.isExecutable(root.resolve("gradlew"));
            gradlePrefix = wrapper ? "./gradlew" : "gradle";
            tests.add(gradlePrefix + " test");
            requireOnPath("gradle", notes, wrapper);
        }
        if (Files.isRegularFile(root.resolve("Cargo.toml"))) {
            toolchains.add(Toolchain.CARGO);
            builds.add("cargo build");
            tests.add("cargo test");
            requireOnPath("cargo", notes);
        }
        if (Files.isRegularFile(root.resolve("go.mod"))) {
            toolchains.add(Toolchain.GO);
            builds.add("go build ./...");
            if (runsGoVet(root, notes)) {
                lints.add("go vet ./...");
            }
            tests.add("go test ./...");
            requireOnPath("go", notes);
        }
        if (usesUnittest(root, notes)) {
            toolchains.add(Toolchain.UNITTEST);
            tests.add(TestRunner.unittestLauncher(root, ""));
            generatedVersionFile(root, notes).ifPresent(notes::add);
            requireOnPath("python3", notes);
        } else if (usesPytest(root, notes)) {
            toolchains.add(Toolchain.PYTEST);
            // the paths the project's own run gives pytest (tox, CI: cd tests/ && py.test), not whatever the root holds
            List<String> paths = TestRunner.pytestRunPaths(root, "");
            // the project's own run passes --doctest-modules on its command line (tox): its full run does too, on its paths
            boolean doctests = !paths.isEmpty() && TestRunner.toxRunsDoctests(root, "")
                    && !TestRunner.pytestSection(root, "").contains("--doctest-modules");
            tests.add(TestRunner.pytestLauncher(root, "") + (doctests ? " --doctest-modules" : "") + paths.stream().map(p -> " " + ShellQuote.quoteIfNeeded(p))
                    .collect(java.util.stream.Collectors.joining()));
            generatedVersionFile(root, notes).ifPresent(notes::add);
            requireOnPath("pytest", notes);
        }
        Path makefile = firstExisting(root, "GNUmakefile", "makefile", "Makefile");
        if (makefile != null) {
            String text = read(makefile, notes);
            List<String> targets = new ArrayList<>();
            for (String target : List.of("test", "check", "build", "lint")) {
                if (Pattern.compile("(?m)^" + target + "\\s*:(?!=)").matcher(text).find()) {
                    targets.add(target);
                }
            }
            if (!targets.isEmpty()) {
                toolchains.add(Toolchain.MAKE);
                String testTarget = targets.contains("test") ? "test" : targets.contains("check") ? "check" : null;
                Optional<String> unusable = testTarget == null ? Optional.empty() : unusableRecipe(text, testTarget);
                if (unusable.isPresent()) {
                    notes.add("make " + testTarget + " is not used as a check: " + unusable.get() + ".");
                } else if (testTarget != null) {
                    tests.add("make " + testTarget);
                }
                if (targets.contains("build") && builds.isEmpty()) {
                    if (PACKAGING.matcher(recipe(text, "build")).find()) {
                        notes.add("make build is not used as a check: its recipe deletes files or makes a distribution.");
                    } else {
                        builds.add("make build");
                    }
                }
                if (targets.contains("lint") && lints.isEmpty()) {
                    lints.add("make lint");
                }
                requireOnPath("make", notes);
            } else {
                notes.add(makefile.getFileName() + " has no test, check, build or lint target.");
            }
        }
        if (tests.isEmpty()) {
            String found = toxCommand(root, notes).map(command -> {
                String runner = command.split("\\s+")[0];
                return "; tox.ini runs '" + command + "', not used: " + (onPath(runner) ? runner + " is not a runner the "
                        + "planner uses (pytest, unittest)" : runner + " is not installed here");
            }).orElse("");
            notes.add("No test command detected (looked for package.json scripts, pom.xml, build.gradle, Cargo.toml, "
                    + "go.mod, pyproject.toml/pytest.ini/setup.cfg/tox.ini and a Makefile test target" + found + "); "
                    + "no acceptance test can run the project's own tests.");
        }
        return new WorkspaceCommands("", toolchains, tests, builds, lints, notes, gradlePrefix, mavenPrefix);
    }

    /** A recipe line deleting files (rm -rf build) or making a distribution (python -m build, twine, uv build): packaging. */
    private static final Pattern PACKAGING = Pattern.compile("(?m)^\\s*[@-]*\\s*(?:rm\\s+-\\w*[rf]"
            + "|(?:\\S+\\s+)*?python3?\\s+-m\\s+build\\b|(?:\\S+\\s+)*?\\S*setup\\.py\\s+(?:sdist|bdist\\w*)\\b"
            + "|(?:uv|hatch|poetry|flit|pdm)\\s+(?:build|publish)\\b|twine\\b)");

    /** The recipe lines of a Makefile target (without the rule line). */
    /** A recipe line's command word, past make's @ and - and any VAR=value in front. */
    private static final Pattern RECIPE_COMMAND = Pattern.compile("^[@+-]*\\s*(?:[A-Za-z_][A-Za-z0-9_]*=\\S*\\s+)*([A-Za-z0-9_./-]+)");
    /** Steps that write the sources they check: code generation, formatting in place. */
    private static final Pattern WRITES_SOURCES = Pattern.compile("\\bgo\\s+generate\\b|\\bgo\\s+fmt\\b|\\bgofmt\\s+(?:-\\w+\\s+)*-w\\b"
            + "|\\b(?:black|isort|ruff\\s+format|prettier\\s+.*--write|eslint\\s+.*--fix)\\b");
    private static final Set<String> SHELL_WORDS = Set.of("cd", "echo", "printf", "test", "true", "false", "exit", "set", "export",
            "if", "then", "else", "fi", "for", "do", "done", "[", "$(MAKE)", "make", "mkdir", "rm", "cp", "mv", "touch", "cat", "env");

    /**
     * Why {@code make target} cannot serve as a check here, if it cannot: its recipe, or a prerequisite's (a few levels),
     * writes the sources (go generate, a formatter in place), or a prerequisite runs a tool this machine lacks (lint:
     * golint). Empty when it can.
     */
    Optional<String> unusableRecipe(String makefile, String target) {
        java.util.Deque<String> pending = new java.util.ArrayDeque<>(List.of(target));
        Set<String> seen = new java.util.HashSet<>();
        while (!pending.isEmpty() && seen.size() < 12) {
            String name = pending.pop();
            if (!seen.add(name)) {
                continue;
            }
            Matcher rule = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\s*:(?!=)([^\\n#]*)").matcher(makefile);
            if (!rule.find()) {
                continue;
            }
            for (String prerequisite : rule.group(1).trim().split("\\s+")) {
                if (!prerequisite.isEmpty() && !prerequisite.contains("$") && !prerequisite.contains("/") && !prerequisite.contains(".")) {
                    pending.add(prerequisite);
                }
            }
            for (String line : recipe(makefile, name).lines().map(String::strip).toList()) {
                if (WRITES_SOURCES.matcher(line).find()) {
                    return Optional.of((name.equals(target) ? "its recipe" : "its prerequisite '" + name + "'")
                            + " writes the sources (" + PlanRules.abbreviate(line.replaceFirst("^[@+-]+", ""), 60) + ")");
                }
                Matcher command = RECIPE_COMMAND.matcher(line);
                // a prerequisite is a side step (lint: golint) the check would fail on; the target's own runner missing is
                // what the plan's notes already say of every check
                if (!name.equals(target) && command.find() && !command.group(1).contains("/") && !SHELL_WORDS.contains(command.group(1))
                        && !onPath(command.group(1))) {
                    return Optional.of("its prerequisite '" + name + "' runs " + command.group(1) + ", which is not installed here");
                }
            }
        }
        return Optional.empty();
    }

    static String recipe(String makefile, String target) {
        Matcher rule = Pattern.compile("(?m)^" + Pattern.quote(target) + "\\s*:(?!=)[^\\n]*\\n((?:\\t[^\\n]*\\n?)*)").matcher(makefile);
        return rule.find() ? rule.group(1) : "";
    }

    private static final Pattern RUN_SCRIPT = Pattern.compile("^(?:npm run(?:-script)?|pnpm(?: run)?|yarn(?: run)?)\\s+([\\w:.-]+)$");

    /**
     * The test script (with its pretest and posttest) runs script {@code name}: as an
     * {@code npm run NAME} step, or as the very command the script holds ({@code xo} in {@code xo && ava}).
     */
    static boolean runByTest(JsonNode scripts, String name) {
        String command = scripts.path(name).asText("").strip();
        for (String hook : List.of("pretest", "test", "posttest")) {
            for (String step : scripts.path(hook).asText("").split("&&|;")) {
                String s = step.strip();
                java.util.regex.Matcher run = RUN_SCRIPT.matcher(s);
                if ((run.matches() && run.group(1).equals(name)) || (!command.isEmpty() && s.equals(command))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A JVM build tool a project's CI runs. */
    enum JvmBuild { MAVEN, GRADLE, UNKNOWN }

    /** Where a CI file starts a command: a line, a {@code run:} or {@code script:} value, a list item, after ; && | or a quote. */
    private static final String COMMAND_START = "(?m)(?:^|run:|script:|[-;&|('\"])\\s*";
    private static final Pattern MAVEN_RUN = Pattern.compile(COMMAND_START + "(?:\\./)?mvnw?(?:\\.cmd)?(?=\\s|$)");
    private static final Pattern GRADLE_RUN = Pattern.compile(COMMAND_START + "(?:\\./)?gradlew?(?:\\.bat)?(?=\\s|$)"
            + "|gradle/(?:gradle-build-action|actions/setup-gradle)");

    /** Which of Maven and Gradle the project's CI runs: the one its files name alone; UNKNOWN for both or neither. */
    private JvmBuild ciBuild(Path root, List<String> notes) {
        boolean maven = false;
        boolean gradle = false;
        for (String file : ManifestFile.ciFiles(root)) {
            String text = read(root.resolve(file), notes);
            maven |= MAVEN_RUN.matcher(text).find();
            gradle |= GRADLE_RUN.matcher(text).find();
        }
        return maven == gradle ? JvmBuild.UNKNOWN : maven ? JvmBuild.MAVEN : JvmBuild.GRADLE;
    }

    /**
     * The project runs {@code go vet} itself (its Makefile or a CI workflow): vet's findings on deliberate test inputs
     * (unkeyed composite literals, odd struct tags) fail a project that never runs it on its healthy checkout. A project
     * linting with golangci-lint does not: that tool is no part of Go, and a bare {@code go vet} is not what it runs.
     */
    private boolean runsGoVet(Path root, List<String> notes) {
        List<Path> files = new ArrayList<>();
        for (String name : List.of("GNUmakefile", "makefile", "Makefile", "magefile.go", ".gitlab-ci.yml")) {
            files.add(root.resolve(name));
        }
        ManifestFile.ciFiles(root).forEach(f -> files.add(root.resolve(f)));
        return files.stream().anyMatch(f -> Files.isRegularFile(f) && GO_VET.matcher(read(f, notes)).find());
    }

    private static final Pattern GO_VET = Pattern.compile("\\bgo\\s+vet\\b");

    /** {@code python -m unittest} in a tox, nox, make or CI command ({@code ["python", "-m", "unittest"]} in TOML too). */
    private static final Pattern UNITTEST_COMMAND = Pattern.compile("-m[\"',\\s]+unittest\\b");

    /**
     * A Python project whose own test command is {@code python -m unittest} and that has no pytest
     * configuration: its runner is unittest (pytest may not even be installed), narrowed by module name.
     */
    private boolean usesUnittest(Path root, List<String> notes) {
        if (Files.isRegularFile(root.resolve("pytest.ini")) || Files.isRegularFile(root.resolve(".pytest.ini"))
                || Files.isRegularFile(root.resolve("conftest.py")) || !TestRunner.pytestSection(root, "").isEmpty()) {
            return false;
        }
        for (String name : List.of("pyproject.toml", "tox.ini", "setup.cfg", "noxfile.py", "Makefile", ".github/workflows/tests.yml",
                ".github/workflows/test.yml", ".github/workflows/ci.yml", ".github/workflows/main.yml")) {
            Path file = root.resolve(name);
            if (Files.isRegularFile(file) && UNITTEST_COMMAND.matcher(read(file, notes)).find()) {
                return true;
            }
        }
        return false;
    }

    private static final Pattern TOX_COMMANDS = Pattern.compile("(?m)^commands\\s*=\\s*([^\\s{#][^\\n#]*?)\\s*$");

    /** The first command of tox.ini's test environments ({@code commands = nosetests}), when tox.ini has one on its line. */
    private static java.util.Optional<String> toxCommand(Path root, List<String> notes) {
        Path tox = root.resolve("tox.ini");
        if (!Files.isRegularFile(tox)) {
            return java.util.Optional.empty();
        }
        Matcher m = TOX_COMMANDS.matcher(read(tox, notes));
        return m.find() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
    }

    private boolean usesPytest(Path root, List<String> notes) {
        if (Files.isRegularFile(root.resolve("pytest.ini")) || Files.isRegularFile(root.resolve("conftest.py"))) {
            return true;
        }
        Path pyproject = root.resolve("pyproject.toml");
        if (Files.isRegularFile(pyproject)) {
            return true; // pytest is the de-facto runner; a pyproject without it still runs plain test_*.py files
        }
        for (String name : List.of("setup.cfg", "tox.ini")) {
            Path file = root.resolve(name);
            if (Files.isRegularFile(file) && read(file, notes).matches("(?s).*\\[(tool:)?pytest\\].*")) {
                return true;
            }
        }
        // a setup.py project whose tox still runs nose (long unmaintained) but whose development requirements pin pytest:
        // pytest is what its developers run, and it collects the same test_*.py modules
        for (String name : REQUIREMENTS_FILES) {
            Path file = root.resolve(name);
            if (Files.isRegularFile(file) && PYTEST_REQUIREMENT.matcher(read(file, notes)).find()) {
                return true;
            }
        }
        return false;
    }

    /** Where a Python project lists what its development and tests need. */
    private static final List<String> REQUIREMENTS_FILES = List.of("requirements.txt", "requirements-dev.txt", "requirements_dev.txt",
            "dev-requirements.txt", "requirements-test.txt", "requirements_test.txt", "test-requirements.txt",
            "requirements/dev.txt", "requirements/test.txt", "requirements/tests.txt");
    /** A requirement line for pytest itself ({@code pytest==6.2.5}, {@code pytest>=7; python_version…}), not a plugin. */
    private static final Pattern PYTEST_REQUIREMENT = Pattern.compile("(?mi)^\\s*pytest\\s*(?:[=<>~!;\\[#]|$)");

    private static final Pattern VERSION_FILE = Pattern.compile("(?m)^[\\w.-]*(?:version[-_]file|write_to)\\s*=\\s*[\"']([^\"']+)[\"']");

    /** A dependency on the Scala library and its version (a literal or a ${property} of the same pom). */
    private static final Pattern SCALA_LIBRARY = Pattern.compile(
            "(?s)<artifactId>\\s*scala-library\\s*</artifactId>\\s*<version>\\s*([^<\\s]+)\\s*</version>");

    /**
     * The Maven modules (the root's {@code <modules>}, two levels down) whose Scala compiler cannot run on JDK {@code jdk}:
     * their build fails there whatever a change does, so the full {@code mvn test} fails on the healthy project too.
     * Scala's own compatibility table: 2.10 and 2.11 before 2.11.12 run on JDK 8 at most; JDK 11 needs 2.12.4 or 2.13;
     * JDK 17 needs 2.12.15 or 2.13.6; JDK 21 needs 2.12.18 or 2.13.11.
     */
    static List<String> modulesTooOldForJdk(Path root, int jdk) {
        List<String> found = new ArrayList<>();
        java.util.ArrayDeque<String> pending = new java.util.ArrayDeque<>(List.of(""));
        Set<String> seen = new java.util.HashSet<>();
        while (!pending.isEmpty() && seen.size() < 200) {
            String dir = pending.poll();
            if (!seen.add(dir)) {
                continue;
            }
            String pom = ManifestFile.read(root, dir.isEmpty() ? "pom.xml" : dir + "/pom.xml");
            if (dir.isEmpty() || dir.split("/").length <= 2) {
                Matcher module = Pattern.compile("<module>\\s*([\\w./-]+?)\\s*</module>").matcher(pom);
                while (module.find()) {
                    String child = module.group(1).replaceFirst("/pom\\.xml$", "").replaceFirst("/$", "");
                    if (!child.contains("..") && !child.startsWith("/")) {
                        pending.add(dir.isEmpty() ? child : dir + "/" + child);
                    }
                }
            }
            Matcher scala = SCALA_LIBRARY.matcher(pom);
            if (scala.find()) {
                String version = scala.group(1);
                Matcher property = Pattern.compile("^\\$\\{([\\w.-]+)}$").matcher(version);
                if (property.matches()) {
                    Matcher value = Pattern.compile("<" + Pattern.quote(property.group(1)) + ">\\s*([^<\\s]+)\\s*</").matcher(pom);
                    version = value.find() ? value.group(1) : "";
                }
                int newest = newestJdkFor(version);
                if (newest > 0 && jdk > newest && !dir.isEmpty()) {
                    found.add(dir + " (Scala " + version + ", which runs on JDK " + newest + " at most)");
                }
            }
        }
        return found;
    }

    /**
     * The feature version of the JDK Maven runs on here (JAVA_HOME's, else that of {@code java} on PATH), from its
     * {@code release} file; 0 when not known. Not this service's own JDK, which may be another (the newest installed).
     */
    int mavenJdk() {
        List<Path> homes = new ArrayList<>();
        String javaHome = env.get("JAVA_HOME");
        if (javaHome != null && !javaHome.isBlank()) {
            homes.add(Path.of(javaHome));
        } else {
            PathLookup.find("java", env).ifPresent(java -> {
                try {
                    Path real = java.toRealPath();
                    if (real.getParent() != null && real.getParent().getParent() != null) {
                        homes.add(real.getParent().getParent());
                    }
                } catch (IOException | SecurityException e) {
                    // an unresolvable java: its version stays unknown and nothing is said
                }
            });
        }
        for (Path home : homes) {
            try {
                Matcher m = Pattern.compile("(?m)^JAVA_VERSION=\"(?:1\\.)?(\\d+)").matcher(Files.readString(home.resolve("release")));
                if (m.find()) {
                    return Integer.parseInt(m.group(1));
                }
            } catch (IOException | SecurityException | java.io.UncheckedIOException e) {
                // no release file: unknown
            }
        }
        return 0;
    }

    /** The newest JDK a Scala compiler version is known to run on; 0 when not known (then nothing is said). */
    static int newestJdkFor(String scalaVersion) {
        Matcher m = Pattern.compile("^2\\.(1[0-3])\\.(\\d+)").matcher(scalaVersion);
        if (!m.find()) {
            return 0;
        }
        int minor = Integer.parseInt(m.group(1));
        int patch = Integer.parseInt(m.group(2));
        return switch (minor) {
            case 10 -> 8;
            case 11 -> patch < 12 ? 8 : 0;
            case 12 -> patch < 4 ? 8 : patch < 15 ? 16 : patch < 18 ? 20 : 0;
            default -> patch < 6 ? 16 : patch < 11 ? 20 : 0;
        };
    }

    /**
     * A version module the Python build writes (hatch-vcs, setuptools-scm) that is not in the
     * workspace: the package imports it, so its tests fail on import until the project is installed.
     */
    static java.util.Optional<String> generatedVersionFile(Path root, List<String> notes) {
        Path pyproject = root.resolve("pyproject.toml");
        if (!Files.isRegularFile(pyproject)) {
            return java.util.Optional.empty();
        }
        java.util.regex.Matcher m = VERSION_FILE.matcher(read(pyproject, notes));
        while (m.find()) {
            String file = m.group(1);
            if (!file.startsWith("/") && !file.contains("..") && !Files.exists(root.resolve(file))) {
                return java.util.Optional.of("pyproject.toml has the build write " + file + ", which is not in the workspace: "
                        + "the tests can import the package only once the project is installed (pip install -e .), "
                        + "so the pytest checks fail on import until then.");
            }
        }
        return java.util.Optional.empty();
    }

    /** A script step run by another package manager: {@code yarn lint && yarn tsc}, {@code pnpm -r build}. */
    private static final java.util.regex.Pattern MANAGER_STEP = java.util.regex.Pattern.compile("(?:^|&&|\\|\\||;)\\s*(yarn|pnpm)(?=\\s|$)");

    /**
     * The package manager the project's scripts call themselves ({@code "build": "yarn lint && yarn tsc"}), when it is not
     * on PATH: every check running such a script fails on the healthy project, whatever the change does. Said once.
     */
    private void scriptManagerMissing(JsonNode scripts, List<String> notes) {
        Set<String> missing = new java.util.TreeSet<>();
        Set<String> using = new java.util.TreeSet<>();
        scripts.fields().forEachRemaining(entry -> {
            java.util.regex.Matcher m = MANAGER_STEP.matcher(entry.getValue().asText(""));
            while (m.find()) {
                if (!onPath(m.group(1))) {
                    missing.add(m.group(1));
                    using.add(entry.getKey());
                }
            }
        });
        for (String manager : missing) {
            String named = using.size() <= 4 ? String.join(", ", using) : String.join(", ", List.copyOf(using).subList(0, 4)) + ", …";
            notes.add("package.json's scripts (" + named + ") run '" + manager + "', which is not on PATH here; "
                    + "the checks running them fail until it is installed (corepack enable, or npm install -g " + manager + ").");
        }
    }

    private void requireOnPath(String command, List<String> notes) {
        requireOnPath(command, notes, false);
    }

    private void requireOnPath(String command, List<String> notes, boolean wrapperPresent) {
        if (!wrapperPresent && !onPath(command)) {
            notes.add("'" + command + "' is not on PATH here; acceptance tests that use it fail until it is installed.");
        }
    }

    boolean onPath(String command) {
        return PathLookup.find(command, env).isPresent();
    }

    private static Path firstExisting(Path root, String... names) {
        for (String name : names) {
            if (Files.isRegularFile(root.resolve(name))) {
                return root.resolve(name);
            }
        }
        return null;
    }

    private static JsonNode readJson(Path file, List<String> notes) {
        String text = read(file, notes);
        try {
            return text.isEmpty() ? Json.object() : Json.parse(text);
        } catch (IOException e) {
            notes.add(file.getFileName() + " is not valid JSON, so its scripts could not be read.");
            return Json.object();
        }
    }

    private static String read(Path file, List<String> notes) {
        if (!ManifestFile.inside(file.getParent(), file)) {
            // a committed link to a file elsewhere: what it points to is not the workspace's to show
            notes.add(file.getFileName() + " leads outside the workspace and was not read.");
            return "";
        }
        try {
            if (Files.size(file) > MAX_MANIFEST_BYTES) {
                notes.add(file.getFileName() + " is larger than 1 MiB and was not read.");
                return "";
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            notes.add(file.getFileName() + " could not be read: " + e.getClass().getSimpleName() + ".");
            return "";
        }
    }
}
