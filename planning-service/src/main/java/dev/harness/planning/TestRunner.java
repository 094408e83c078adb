package dev.harness.planning;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harness.protocol.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * How a package's tests run, read from its own configuration (the package.json test script's
 * runner and .mocharc, pytest's addopts in pytest.ini/pyproject.toml/setup.cfg/tox.ini, Maven
 * modules, Cargo members, Go packages), and the one command that runs only some of its test files
 * the way the project would. Empty where the runner cannot be narrowed faithfully.
 */
public final class TestRunner {
    private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("\\s+");
    private static final java.util.regex.Pattern ASSIGNMENT = java.util.regex.Pattern.compile("[A-Z_][A-Z0-9_]*=.*");
    /** The JavaScript test runners whose command line takes test files. */
    public enum Js {
        NODE_TEST, MOCHA, JEST, VITEST, AVA, TAP, TAPE, UVU, LAB
    }

    private static final Set<String> WRAPPERS = Set.of("c8", "nyc", "cross-env", "dotenv", "env");
    private static final Set<String> NO_VALUE_FLAGS = Set.of("--test", "--watch", "--recursive", "--parallel", "--verbose",
            "--ci", "--coverage", "--run", "--passWithNoTests", "--silent", "--bail", "--exit", "--serial", "--fail-fast",
            "--runInBand", "-i", "--detectOpenHandles", "--forceExit", "--color", "--colors", "--no-color", "--check-leaks",
            "--full-trace", "--globals", "--inline-diffs", "--sort", "--forbid-only", "--forbid-pending", "--typecheck",
            // node's own switches, which mocha passes on (mocha --throw-deprecation test/*.test.js)
            "--throw-deprecation", "--trace-deprecation", "--trace-warnings", "--no-deprecation", "--no-warnings",
            "--expose-gc", "--enable-source-maps", "--preserve-symlinks", "--trace-uncaught", "--pending-deprecation");
    private static final Pattern PYTEST_SECTION = Pattern.compile(
            "(?s)^\\[(?:pytest|tool:pytest|tool\\.pytest\\.ini_options|tool\\.pytest)\\]\\s*$(.*?)(?=^\\[|\\z)", Pattern.MULTILINE);

    private TestRunner() {}

    /**
     * The runner and the script's own options (paths dropped) of a package.json "test" script, and the settings it assigns
     * in front of the runner ({@code cross-env TZ=UTC jest}: {@code TZ=UTC}), which a narrowed run keeps.
     */
    public record JsScript(Js runner, List<String> options, List<String> settings) {
        public JsScript(Js runner, List<String> options) {
            this(runner, options, List.of());
        }
    }

    /** {@code NAME=value} with a value the shell reads as written: kept as a word of the narrowed command. */
    private static final Pattern PLAIN_ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=[A-Za-z0-9_./@%+:,-]*");

    /** Steps a test script may run before its tests that only check style or types: skipping them in a narrowed check loses nothing. */
    private static final Set<String> CHECK_ONLY_STEPS = Set.of("xo", "eslint", "standard", "tsd", "prettier", "biome",
            "npm run lint", "npm run typecheck", "npm run type-check", "npm run format:check", "tsc --noEmit");
    private static final Pattern CHECK_ONLY_SCRIPTS = Pattern.compile("lint|lint:(?!fix)[\\w:-]+|typecheck|type-check|types|test:types|format:check|check:format|tsd");
    /** Scripts and tools of a test chain's steps that build or clean before the tests run. */
    private static final Pattern BUILD_SCRIPTS = Pattern.compile("(?:pre)?build(?::[\\w:.-]+)?|clean|compile");
    private static final Set<String> BUILD_TOOLS = Set.of("rimraf", "del-cli", "esbuild", "rollup", "tsup");
    /** {@code pnpm run /^test:/} (quoted or not): group 1 the pattern of the scripts' names. */
    private static final Pattern SCRIPTS_MATCHING = Pattern.compile("^pnpm(?: run)? [\"']?/(.+)/[\"']?$");
    private static final Pattern NPM_RUN = Pattern.compile("^(?:npm run(?:-script)?|pnpm(?: run)?|yarn(?: run)?) ([\\w:.-]+)$");

    /**
     * The runner of a package's test script: the script itself ({@code mocha test}), or in a chain
     * ({@code xo && ava && tsd}, {@code npm run test:node && npm run test:browser}) the first step that
     * runs tests, when every step before it only lints or type-checks (a build step before the tests
     * means the narrowed check would test stale output: then nothing is narrowed). An
     * {@code npm run NAME} step is looked up once in the same scripts.
     */
    public static Optional<JsScript> jsTestScript(JsonNode scripts, Set<String> packagePaths) {
        return jsTestScript(scripts, packagePaths, false);
    }

    /**
     * The same; with {@code pastBuilds}, a chain's build steps (npm run build:docs, rimraf lib) are passed over too, for a
     * caller that runs the build its tests need in front of the narrowed run.
     */
    public static Optional<JsScript> jsTestScript(JsonNode scripts, Set<String> packagePaths, boolean pastBuilds) {
        String test = scripts.path("test").asText("");
        // "test": "npm run tests-only": the script it names is the test script (a few levels at most)
        for (int depth = 0; depth < 3; depth++) {
            Matcher only = NPM_RUN.matcher(test.strip());
            if (!only.matches() || !scripts.path(only.group(1)).isTextual() || only.group(1).equals("test")) {
                break;
            }
            test = scripts.path(only.group(1)).asText("");
        }
        // pnpm's "pnpm run /^test:/" runs every script whose name matches: those scripts, in the manifest's order, are the chain
        Matcher matching = SCRIPTS_MATCHING.matcher(test.strip());
        if (matching.matches()) {
            try {
                Pattern names = Pattern.compile(matching.group(1));
                List<String> steps = new ArrayList<>();
                scripts.fieldNames().forEachRemaining(name -> {
                    if (names.matcher(name).find() && !name.equals("test") && scripts.path(name).isTextual()) {
                        steps.add(scripts.path(name).asText());
                    }
                });
                if (!steps.isEmpty()) {
                    test = String.join(" && ", steps);
                }
            } catch (java.util.regex.PatternSyntaxException unreadable) {
                // not a pattern pnpm could run either: the script stays as written, run whole
            }
        }
        Optional<JsScript> whole = jsScript(test, packagePaths);
        if (whole.isPresent() || !test.contains("&&") || test.contains("||") || test.contains(";")
                || test.replace("&&", "").contains("&") || test.replace("||", "").contains("|")) {
            return whole;
        }
        for (String step : test.split("&&")) {
            String part = step.strip();
            Matcher run = NPM_RUN.matcher(part);
            String resolved = run.matches() && scripts.path(run.group(1)).isTextual() ? scripts.path(run.group(1)).asText() : part;
            Optional<JsScript> runner = jsScript(resolved, packagePaths);
            if (runner.isPresent()) {
                return runner;
            }
            boolean checkOnlyScript = run.matches() && CHECK_ONLY_SCRIPTS.matcher(run.group(1)).matches(); // pnpm lint, yarn typecheck
            // a build step (npm run build:docs, rimraf lib) comes before the tests: the targeted check puts its own build first
            boolean buildStep = pastBuilds && (run.matches() ? BUILD_SCRIPTS.matcher(run.group(1)).matches()
                    : BUILD_TOOLS.contains(part.split("\\s+")[0]));
            if (!checkOnlyScript && !buildStep && !CHECK_ONLY_STEPS.contains(part) && !CHECK_ONLY_STEPS.contains(part.split("\\s+")[0])) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** A script that loads mocha (require('mocha'), import Mocha from 'mocha') and builds its own run (new Mocha(…)). */
    private static final Pattern MOCHA_API = Pattern.compile("(?:require\\(\\s*['\"]mocha['\"]\\s*\\)|from\\s+['\"]mocha['\"])");
    private static final Pattern NEW_MOCHA = Pattern.compile("\\bnew\\s+Mocha\\s*\\(");
    private static final Pattern MOCHA_TIMEOUT = Pattern.compile("\\btimeout\\s*:\\s*(\\d{1,7})\\b");
    /** {@code [nyc [opts]] node test.js}: a step running one script of the package; group 1 the script. */
    private static final Pattern NODE_SCRIPT = Pattern.compile("^(?:(?:nyc|c8)(?:\\s+-\\S+)*\\s+)?node\\s+(\\.?/?[\\w./-]+\\.[cm]?js)$");

    /**
     * Mocha, when the test script's first step that tests ({@code nyc node test.js}, after lint steps, {@code npm run}
     * followed) runs a script of the package's own that drives mocha through its API, adding every *.test.js it finds:
     * mocha itself runs the covering files the same way, with the timeout the script gives, and --exit when the script
     * ends the process itself once the run is done. Empty otherwise.
     */
    /** A JavaScript file of the package run as a step of the chain: {@code scripts/testrunner.js}, {@code node test.js}. */
    private static final Pattern DRIVER_FILE = Pattern.compile("(?:^|&&)\\s*(?:cross-env\\s+)?(?:\\w+=\\S*\\s+)*(?:(?:nyc|c8)\\s+)?"
            + "(?:node\\s+)?(?:\\./)?[\\w./-]+\\.[cm]?js(?:\\s|$)");
    /** A runner's mode that runs no tests once: benchmarks, a watcher, a UI. */
    private static final Pattern NOT_A_RUN = Pattern.compile("(?:^|\\s)(?:bench|watch|dev|--watch|-w|--ui)(?:\\s|$)");

    /** The test chain with each {@code npm run X} replaced by X's script, a few levels deep. */
    private static String expandedChain(JsonNode scripts, String command, int depth) {
        if (depth > 4) {
            return command;
        }
        StringBuilder out = new StringBuilder();
        for (String step : command.split("&&")) {
            Matcher run = NPM_RUN.matcher(step.strip());
            out.append(run.matches() && scripts.path(run.group(1)).isTextual() && !run.group(1).equals("test")
                    ? expandedChain(scripts, scripts.path(run.group(1)).asText(""), depth + 1) : step).append(" && ");
        }
        return out.toString();
    }

    /** A script of the package's own, beside its test chain, running a runner over the tests: {@code "mocha": "mocha -R spec tests"}. */
    private static final Pattern RUNNER_SCRIPT = Pattern.compile("(?:mocha|jest|vitest|ava)(?:\\s.*)?");

    /**
     * When the test chain drives its runner through a script of its own (nunjucks' scripts/testrunner.js spawning nyc and
     * mocha), a script beside it that runs that runner straight over the tests ({@code "mocha": "mocha -R spec tests"}) is
     * how one test file is run; empty when no script, or more than one runner, is so written.
     */
    public static Optional<JsScript> besideTheChain(JsonNode scripts, Set<String> packagePaths) {
        if (!DRIVER_FILE.matcher(expandedChain(scripts, scripts.path("test").asText(""), 0)).find()) {
            return Optional.empty(); // no driver script of the package's own in the chain: its runner is read as it is
        }
        Set<Js> runners = new java.util.LinkedHashSet<>();
        Optional<JsScript> found = Optional.empty();
        for (java.util.Iterator<java.util.Map.Entry<String, JsonNode>> it = scripts.fields(); it.hasNext(); ) {
            java.util.Map.Entry<String, JsonNode> script = it.next();
            String command = script.getValue().asText("").strip();
            if (script.getKey().equals("test") || !RUNNER_SCRIPT.matcher(command).matches() || command.contains("&&")
                    || command.contains("|") || command.contains(";") || NOT_A_RUN.matcher(command).find()) {
                continue;
            }
            Optional<JsScript> runner = jsScript(command, packagePaths);
            if (runner.isPresent()) {
                runners.add(runner.get().runner());
                found = found.isPresent() ? found : runner;
            }
        }
        return runners.size() == 1 ? found : Optional.empty();
    }

    public static Optional<JsScript> scriptedMocha(JsonNode scripts, java.util.function.Function<String, String> read) {
        List<String> steps = new ArrayList<>(List.of(scripts.path("test").asText("")));
        for (int depth = 0; depth < 6 && !steps.isEmpty(); depth++) {
            String step = steps.remove(0).strip();
            Matcher run = NPM_RUN.matcher(step);
            if (run.matches() && scripts.path(run.group(1)).isTextual() && !run.group(1).equals("test")) {
                if (CHECK_ONLY_SCRIPTS.matcher(run.group(1)).matches()) {
                    continue;
                }
                step = scripts.path(run.group(1)).asText("").strip();
            }
            if (step.contains("&&")) {
                if (step.contains("||") || step.contains(";") || step.replace("&&", "").contains("&") || step.contains("|")) {
                    return Optional.empty();
                }
                List<String> parts = new ArrayList<>(List.of(step.split("&&")));
                parts.addAll(steps);
                steps = parts;
                continue;
            }
            if (CHECK_ONLY_STEPS.contains(step) || CHECK_ONLY_STEPS.contains(step.split("\\s+")[0])) {
                continue;
            }
            Matcher node = NODE_SCRIPT.matcher(step);
            if (!node.matches()) {
                return Optional.empty();
            }
            String text = read.apply(node.group(1).replaceFirst("^\\./", ""));
            if (!MOCHA_API.matcher(text).find() || !NEW_MOCHA.matcher(text).find()) {
                return Optional.empty();
            }
            List<String> options = new ArrayList<>();
            Matcher timeout = MOCHA_TIMEOUT.matcher(text);
            if (timeout.find()) {
                options.addAll(List.of("--timeout", timeout.group(1)));
            }
            if (text.contains("process.exit(")) {
                options.add("--exit"); // the script ends the process when the run ends, whatever handles are left open
            }
            return Optional.of(new JsScript(Js.MOCHA, options));
        }
        return Optional.empty();
    }

    /**
     * Whether a step of the test script's own line builds or cleans ({@code npm run build && jest}, {@code rimraf lib &&
     * mocha}): its tests may need what it writes, so the script is run whole.
     */
    public static boolean chainBuilds(JsonNode scripts) {
        String test = scripts.path("test").asText("");
        for (String step : ScriptChain.steps(test)) {
            Matcher run = NPM_RUN.matcher(step.strip());
            if (run.matches() ? BUILD_SCRIPTS.matcher(run.group(1)).matches() : BUILD_TOOLS.contains(step.strip().split("\\s+")[0])) {
                return true;
            }
        }
        return false;
    }

    /** Runner configuration files a package keeps next to its package.json, by the runner they configure. */
    private static final List<java.util.Map.Entry<String, Js>> RUNNER_CONFIGS = List.of(
            java.util.Map.entry("vitest.config", Js.VITEST), java.util.Map.entry("jest.config", Js.JEST));

    /**
     * The runner a package configures in a file of its own (vitest.config.mts, jest.config.js), for a
     * test script that wraps it: run with that configuration and no options of its own.
     */
    /** Runners a wrapper script may start, by the package that provides them. */
    private static final java.util.Map<String, Js> RUNNER_PACKAGES = java.util.Map.of("vitest", Js.VITEST, "jest", Js.JEST,
            "mocha", Js.MOCHA, "ava", Js.AVA, "tap", Js.TAP, "tape", Js.TAPE, "uvu", Js.UVU,
            "lab", Js.LAB);

    /**
     * The one test runner among a package's dependencies, for a test script that wraps it
     * ({@code ts-scripts test}) with no configuration file of its own: empty when there are none or several.
     */
    public static Optional<JsScript> dependencyRunner(JsonNode manifest) {
        Set<Js> found = new java.util.HashSet<>();
        for (String field : List.of("devDependencies", "dependencies")) {
            manifest.path(field).fieldNames().forEachRemaining(name -> {
                if (RUNNER_PACKAGES.containsKey(name)) {
                    found.add(RUNNER_PACKAGES.get(name));
                }
            });
        }
        return found.size() == 1 ? Optional.of(new JsScript(found.iterator().next(), List.of())) : Optional.empty();
    }

    public static Optional<JsScript> configuredRunner(java.util.function.Predicate<String> hasTopLevelFile) {
        for (var config : RUNNER_CONFIGS) {
            for (String extension : List.of(".ts", ".mts", ".cts", ".js", ".mjs", ".cjs")) {
                if (hasTopLevelFile.test(config.getKey() + extension)) {
                    return Optional.of(new JsScript(config.getValue(), List.of()));
                }
            }
        }
        return Optional.empty();
    }

    /** {@code tape -r esm test/*.js | tap-spec}: a TAP runner piped into a reporter (tap-spec, tap-dot, faucet); group 1 the runner. */
    private static final java.util.regex.Pattern TAP_REPORTER_PIPE = java.util.regex.Pattern.compile(
            "([^|&;]*\\b(?:tape|tap)\\b[^|&;]*?)\\s*\\|\\s*(?:npx\\s+)?(?:tap-[\\w-]+|faucet|tnyan|tap-spec)(?:\\s+--?[\\w-]+)*\\s*");

    /** lab's options about the whole suite, and those of them taking a value. */
    private static final Set<String> LAB_WHOLE_SUITE = Set.of("-t", "--threshold", "-c", "--coverage", "-L", "--lint", "-Y",
            "--types", "-r", "--reporter", "-o", "--output", "--coverage-path", "--coverage-exclude", "--coverage-all",
            "--coverage-flat", "--coverage-predicates", "-f", "--fix");
    private static final Set<String> LAB_VALUED = Set.of("-t", "--threshold", "-r", "--reporter", "-o", "--output",
            "--coverage-path", "--coverage-exclude", "--coverage-predicates");

    /** uvu's options taking a value (-i pattern, -r module). */
    private static final Set<String> UVU_VALUED = Set.of("-i", "--ignore", "-r", "--require");

    /** {@code node_modules/uvu/bin.js}, {@code ./node_modules/mocha/bin/mocha.js}, {@code node_modules/.bin/ava}: group 1 or 2 the package. */
    private static final Pattern INSTALLED_RUNNER = Pattern.compile(
            "(?:\\./)?node_modules/(?:\\.bin/([\\w-]+)|([\\w-]+)/(?:bin/)?[\\w.-]+\\.[cm]?js)");

    public static Optional<JsScript> jsScript(String script, Set<String> packagePaths) {
        Matcher reporter = script == null ? null : TAP_REPORTER_PIPE.matcher(script.strip());
        if (reporter != null && reporter.matches()) {
            script = reporter.group(1); // only formats the runner's TAP output: the runner alone is the check, narrowed
        }
        if (script == null || script.isBlank() || script.contains("&&") || script.contains("||") || script.contains(";")
                || script.contains("|")) {
            return Optional.empty(); // build steps or pipelines: only the script as a whole is faithful
        }
        List<String> words = new ArrayList<>(List.of(SPACES.split(script.strip())));
        List<String> settings = new ArrayList<>();
        while (!words.isEmpty() && (WRAPPERS.contains(words.get(0)) || ASSIGNMENT.matcher(words.get(0)).matches()
                || words.get(0).equals("npx") || words.get(0).equals("pnpx") || words.get(0).equals("bunx")
                || packageManagerRunning(words))) {
            String wrapper = words.remove(0);
            String unquoted = wrapper.replaceFirst("=([\"'])([^\"'\\s$`]*)\\1$", "=$2");
            if (PLAIN_ASSIGNMENT.matcher(unquoted).matches()) {
                settings.add(unquoted); // TZ=UTC jest: the tests are run in that setting
            }
            if ((wrapper.equals("pnpm") || wrapper.equals("yarn")) && words.get(0).equals("exec")) {
                words.remove(0);
            }
            if ((wrapper.equals("c8") || wrapper.equals("nyc"))) {
                while (!words.isEmpty() && words.get(0).startsWith("-")) {
                    words.remove(0); // the coverage tool's own options
                }
            }
        }
        if (words.isEmpty()) {
            return Optional.empty();
        }
        Js runner;
        String first = words.remove(0);
        if (first.equals("node") && !words.isEmpty()) {
            // node node_modules/uvu/bin.js, node node_modules/.bin/mocha: the runner's own entry started by path
            Matcher installed = INSTALLED_RUNNER.matcher(words.get(0));
            if (installed.matches() && RUNNER_PACKAGES.containsKey(installed.group(1) != null ? installed.group(1) : installed.group(2))) {
                first = installed.group(1) != null ? installed.group(1) : installed.group(2);
                words.remove(0);
            }
        }
        switch (first) {
            case "node" -> {
                if (!words.contains("--test")) {
                    return Optional.empty();
                }
                runner = Js.NODE_TEST;
            }
            case "mocha", "_mocha" -> runner = Js.MOCHA;
            case "jest" -> runner = Js.JEST;
            case "vitest" -> {
                runner = Js.VITEST;
                if (!words.isEmpty() && (words.get(0).equals("run") || words.get(0).equals("watch"))) {
                    words.remove(0);
                }
            }
            case "ava" -> runner = Js.AVA;
            case "tap" -> runner = Js.TAP;
            case "tape" -> runner = Js.TAPE;
            case "uvu" -> runner = Js.UVU;
            case "lab" -> runner = Js.LAB;
            default -> {
                return Optional.empty();
            }
        }
        List<String> options = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            Matcher coverage = COVERAGE_OPTION.matcher(word);
            if (coverage.matches()) {
                // coverage of a narrowed run is partial by design: the project's thresholds would fail it on a healthy tree
                if (!word.contains("=") && !COVERAGE_SWITCHES.contains(word) && i + 1 < words.size() && !words.get(i + 1).startsWith("-")) {
                    i++;
                }
                continue;
            }
            if (word.startsWith("-")) {
                options.add(word);
                boolean takesValue = !word.contains("=") && !NO_VALUE_FLAGS.contains(word)
                        && !word.startsWith("--experimental") && !word.startsWith("--no-") && !word.startsWith("--test-");
                if (takesValue && i + 1 < words.size() && !words.get(i + 1).startsWith("-")) {
                    options.add(words.get(++i));
                }
            } else if (!looksLikePath(word, packagePaths)) {
                options.add(word);
            }
        }
        if (runner == Js.NODE_TEST) {
            options.remove("--test");
        }
        if (runner == Js.LAB) {
            // hapi's lab: its coverage threshold (-t 100), lint (-L), type tests (-Y) and report files (-r html -o …) are
            // about the whole suite; a narrowed run keeps only what the tests themselves need (-a @hapi/code, -m, -I)
            List<String> kept = new ArrayList<>();
            for (int i = 0; i < options.size(); i++) {
                String option = options.get(i);
                if (LAB_WHOLE_SUITE.contains(option)) {
                    if (LAB_VALUED.contains(option) && i + 1 < options.size() && !options.get(i + 1).startsWith("-")) {
                        i++;
                    }
                    continue;
                }
                kept.add(option);
            }
            options = kept;
        }
        if (runner == Js.UVU) {
            // uvu's directory and pattern (uvu . '\.test\.js$') choose the suite's files: a narrowed run gives its own
            List<String> flags = new ArrayList<>();
            for (int i = 0; i < options.size(); i++) {
                String option = options.get(i);
                if (option.startsWith("-")) {
                    flags.add(option);
                    if (UVU_VALUED.contains(option) && i + 1 < options.size()) {
                        flags.add(options.get(++i));
                    }
                }
            }
            options = flags;
        }
        return Optional.of(new JsScript(runner, options, List.copyOf(settings)));
    }

    /**
     * Tests written in TypeScript that the test script runs compiled ({@code npm run compile && node --test
     * ./lib/esm/test/*.test.js}, compile being {@code tsc -p ./src && npm run lint}): the build step to put first (the
     * chain's tsc, without its lint) and the compiled paths of {@code tests} (package-relative), which the runner's own
     * targets must match.
     */
    public record CompiledTests(String build, List<String> tests) {}

    private static final Pattern TS_OUT_DIR = Pattern.compile("\"outDir\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern TS_ROOT_DIR = Pattern.compile("\"rootDir\"\\s*:\\s*\"([^\"]+)\"");

    /**
     * {@link CompiledTests} for a package whose test chain compiles with tsc before its runner; empty when no step of the
     * chain runs tsc with an outDir this reading finds, or a test is not under the compiled root. {@code tsconfig} reads
     * a package-relative file ("" when missing); {@code runs} says whether the runner's targets take a path.
     */
    public static Optional<CompiledTests> compiledTests(JsonNode scripts, List<String> tests,
                                                        java.util.function.UnaryOperator<String> tsconfig,
                                                        java.util.function.Predicate<String> runs) {
        Optional<String> tsc = tscStep(scripts, scripts.path("test").asText(""), 0);
        if (tsc.isEmpty() || tests.isEmpty()) {
            return Optional.empty();
        }
        List<String> words = List.of(SPACES.split(tsc.get()));
        String project = "tsconfig.json";
        for (int i = 1; i + 1 < words.size(); i++) {
            if (words.get(i).equals("-p") || words.get(i).equals("--project")) {
                project = QUOTES.matcher(words.get(i + 1)).replaceAll("").replaceFirst("^\\./", "");
            }
        }
        if (!project.endsWith(".json")) {
            project = TRAILING_SLASHES.matcher(project).replaceAll("") + "/tsconfig.json";
        }
        String text = tsconfig.apply(project);
        Matcher out = TS_OUT_DIR.matcher(text);
        if (!out.find()) {
            return Optional.empty();
        }
        String configDir = SourceGraph.parent(project);
        String outDir = joined(configDir, out.group(1));
        Matcher rootDir = TS_ROOT_DIR.matcher(text);
        String root = rootDir.find() ? joined(configDir, rootDir.group(1)) : configDir;
        if (outDir == null || root == null) {
            return Optional.empty();
        }
        List<String> compiled = new ArrayList<>();
        for (String test : tests) {
            String prefix = root.isEmpty() ? "" : root + "/";
            if (!test.startsWith(prefix) || !test.matches(".*\\.[cm]?tsx?$")) {
                return Optional.empty();
            }
            String rest = test.substring(prefix.length()).replaceFirst("\\.tsx?$", ".js").replaceFirst("\\.mts$", ".mjs")
                    .replaceFirst("\\.cts$", ".cjs");
            String path = outDir.isEmpty() ? rest : outDir + "/" + rest;
            if (runs.test(path)) {
                compiled.add(path);
            }
        }
        return compiled.isEmpty() ? Optional.empty() : Optional.of(new CompiledTests("npx " + tsc.get(), compiled));
    }

    /** The first tsc step (not a type check: --noEmit) of a chain, following npm run a few levels. */
    private static Optional<String> tscStep(JsonNode scripts, String chain, int depth) {
        for (String step : ScriptChain.steps(chain)) {
            String part = step.strip();
            Matcher run = NPM_RUN.matcher(part);
            if (run.matches() && scripts.path(run.group(1)).isTextual() && depth < 3) {
                Optional<String> inner = tscStep(scripts, scripts.path(run.group(1)).asText(""), depth + 1);
                if (inner.isPresent()) {
                    return inner;
                }
            } else if (part.matches("tsc(?:\\s.*)?") && part.matches("[\\w\\s./=-]+") && Stream.of(SPACES.split(part))
                    .noneMatch(w -> w.equals("--noEmit") || w.equals("-w") || w.equals("--watch"))) {
                return Optional.of(part);
            }
        }
        return Optional.empty();
    }

    /** {@code dir/relative} normalized, package-relative; null when it leaves the package. */
    private static String joined(String dir, String relative) {
        if (relative.startsWith("/")) {
            return null;
        }
        String text = java.nio.file.Path.of(dir.isEmpty() ? relative : dir + "/" + relative).normalize().toString().replace('\\', '/');
        return text.startsWith("..") ? null : text;
    }

    /** Coverage options of jest and vitest (--coverage, --coverage.reporter=text, --collectCoverage, --coverageThreshold …). */
    private static final Pattern COVERAGE_OPTION = Pattern.compile("--(?:coverage|collectCoverage|collect-coverage)(?:[.A-Z-][\\w.-]*)?(?:=.*)?");
    private static final Set<String> COVERAGE_SWITCHES = Set.of("--coverage", "--collectCoverage", "--collect-coverage",
            "--coverage.enabled", "--coverage.all");
    private static final Pattern JEST_COVERAGE_ON = Pattern.compile("\"?collectCoverage\"?\\s*:\\s*true");
    private static final Pattern VITEST_COVERAGE_ON = Pattern.compile("(?s)coverage\\s*:\\s*\\{[^}]*?enabled\\s*:\\s*true");

    /**
     * What a narrowed jest or vitest run adds when the configuration turns coverage on by itself (jest's collectCoverage,
     * vitest's coverage.enabled): a subset of the suite covers a subset of the code, and thresholds would fail it.
     */
    static List<String> coverageOff(Js runner, String configuration) {
        if (runner == Js.JEST && JEST_COVERAGE_ON.matcher(configuration).find()) {
            return List.of("--coverage=false");
        }
        if (runner == Js.VITEST && VITEST_COVERAGE_ON.matcher(configuration).find()) {
            return List.of("--coverage.enabled=false");
        }
        return List.of();
    }

    /** {@code pnpm vitest run}, {@code yarn exec mocha}: the package manager starting the package's own runner binary. */
    private static boolean packageManagerRunning(List<String> words) {
        if (words.size() < 2 || !(words.get(0).equals("pnpm") || words.get(0).equals("yarn"))) {
            return false;
        }
        String next = words.get(1).equals("exec") && words.size() > 2 ? words.get(2) : words.get(1);
        return RUNNER_PACKAGES.containsKey(next) || next.equals("_mocha");
    }

    // compiled once, not per word (issue 15)
    private static final Pattern QUOTES = Pattern.compile("^['\"]|['\"]$");
    private static final Pattern JS_FILE = Pattern.compile(".*\\.[cm]?[jt]sx?$");
    private static final Pattern TRAILING_SLASHES = Pattern.compile("/+$");

    private static boolean looksLikePath(String word, Set<String> packagePaths) {
        String bare = QUOTES.matcher(word).replaceAll("");
        return bare.contains("/") || bare.contains("*") || JS_FILE.matcher(bare).matches() || packagePaths.contains(bare)
                || packagePaths.contains(TRAILING_SLASHES.matcher(bare).replaceAll(""));
    }

    /** Jest's and Vitest's default test files: under __tests__, or named *.test.js / *.spec.ts. */
    private static final Pattern DEFAULT_RUNNER_TEST = Pattern.compile("(?:^|.*/)__tests__/.*|.*\\.(?:test|spec)\\.[cm]?[jt]sx?$");

    /**
     * Of {@code tests}, those jest or vitest runs with its default test match, when {@code configuration} (the text of
     * its config) does not set its own (testMatch, testRegex, include): all of them when it does.
     */
    static List<String> runnerDefaultTests(Js runner, List<String> tests, String configuration) {
        boolean configured = runner == Js.JEST ? configuration.contains("testMatch") || configuration.contains("testRegex")
                : configuration.contains("include");
        if (configured || (runner != Js.JEST && runner != Js.VITEST)) {
            return tests;
        }
        return tests.stream().filter(t -> DEFAULT_RUNNER_TEST.matcher(t).matches()).toList();
    }

    /** The command that runs only {@code tests} (paths relative to the package) with this script's runner and options. */
    public static String jsCommand(JsScript script, List<String> tests, boolean mochaSpecInConfig) {
        List<String> words = new ArrayList<>(script.settings());
        switch (script.runner()) {
            case NODE_TEST -> {
                words.add("node");
                words.addAll(script.options());
                words.add("--test");
            }
            case MOCHA -> {
                words.add("npx mocha");
                if (mochaSpecInConfig) {
                    words.add("--no-config"); // a configured spec is added to the files given, so the suite would run whole
                }
                words.addAll(script.options());
            }
            case JEST -> {
                words.add("npx jest");
                words.addAll(script.options());
            }
            case VITEST -> {
                words.add("npx vitest run");
                words.addAll(script.options());
            }
            case AVA -> {
                words.add("npx ava");
                words.addAll(script.options());
            }
            case TAP -> {
                words.add("npx tap");
                words.addAll(script.options());
            }
            case TAPE -> {
                words.add("npx tape");
                words.addAll(script.options());
            }
            case LAB -> {
                words.add("npx lab");
                words.addAll(script.options());
            }
            case UVU -> {
                // uvu takes a directory and a pattern of paths under it, not files: the files' directory and exactly their names
                words.add("npx uvu");
                words.addAll(script.options());
                // a case's data beside the tests (test/cases/supports.css) is read by a test, not run by uvu
                tests = tests.stream().filter(t -> SourceGraph.language(t) != null && SourceGraph.language(t).equals("js")).toList();
                String dir = tests.isEmpty() ? "" : SourceGraph.parent(tests.get(0));
                for (String t : tests) {
                    while (!dir.isEmpty() && !t.startsWith(dir + "/")) {
                        dir = SourceGraph.parent(dir);
                    }
                }
                String prefix = dir.isEmpty() ? "" : dir + "/";
                List<String> names = tests.stream().map(t -> t.substring(prefix.length()).replaceAll("[.^$|?*+()\\[\\]{}\\\\]", "\\\\$0")).toList();
                words.add(ShellQuote.quote(dir.isEmpty() ? "." : dir));
                words.add(ShellQuote.quote("^(?:" + String.join("|", names) + ")$"));
                return String.join(" ", words);
            }
        }
        tests.forEach(t -> words.add(ShellQuote.quote(t)));
        return String.join(" ", words);
    }

    /**
     * Mocha's configuration in the package: whether it names a spec (then the command line must
     * not load it) and the options to carry over when it is not loaded; null when it cannot be read
     * faithfully (a .mocharc.js), so the suite is not narrowed.
     */
    public static List<String> mochaConfigOptions(Path workspace, String packageDir, boolean[] specInConfig) {
        String prefix = packageDir.isEmpty() ? "" : packageDir + "/";
        for (String js : List.of(".mocharc.js", ".mocharc.cjs", ".mocharc.mjs")) {
            if (!ManifestFile.read(workspace, prefix + js).isEmpty()) {
                return null;
            }
        }
        JsonNode config = Json.object();
        for (String name : List.of(".mocharc.json", ".mocharc.jsonc")) {
            String text = ManifestFile.read(workspace, prefix + name);
            if (!text.isEmpty()) {
                try {
                    config = Json.parse(text.replaceAll("(?m)^\\s*//.*$", ""));
                } catch (IOException e) {
                    return null;
                }
            }
        }
        String yaml = ManifestFile.read(workspace, prefix + ".mocharc.yml") + ManifestFile.read(workspace, prefix + ".mocharc.yaml");
        if (!yaml.isEmpty()) {
            config = simpleYaml(yaml);
        }
        if (config.isEmpty()) {
            try {
                config = ManifestFile.json(workspace, prefix + "package.json").path("mocha");
            } catch (IOException | RuntimeException e) {
                config = Json.object();
            }
        }
        specInConfig[0] = config.has("spec");
        List<String> options = new ArrayList<>();
        if (!specInConfig[0]) {
            return options;
        }
        for (String key : List.of("require", "extension", "ui", "timeout", "import", "node-option")) {
            JsonNode value = config.path(key);
            for (JsonNode v : value.isArray() ? value : List.of(value)) {
                if (!v.isMissingNode() && !v.isNull()) {
                    options.add("--" + key);
                    options.add(ShellQuote.quoteIfNeeded(v.asText()));
                }
            }
        }
        return options;
    }

    /** key: value and key: [list] / "- item" lines; enough for a .mocharc.yml. */
    private static JsonNode simpleYaml(String text) {
        var node = Json.object();
        String key = null;
        for (String line : text.split("\n")) {
            Matcher pair = Pattern.compile("^([\\w-]+)\\s*:\\s*(.*)$").matcher(line);
            Matcher item = Pattern.compile("^\\s+-\\s*['\"]?([^'\"]+?)['\"]?\\s*$").matcher(line);
            if (pair.matches()) {
                key = pair.group(1);
                String value = pair.group(2).strip().replaceAll("^['\"]|['\"]$", "");
                if (!value.isEmpty()) {
                    node.put(key, value);
                } else {
                    node.putArray(key);
                }
            } else if (item.matches() && key != null && node.get(key).isArray()) {
                ((com.fasterxml.jackson.databind.node.ArrayNode) node.get(key)).add(item.group(1));
            }
        }
        return node;
    }

    /** pytest's configuration of the package: the text of its [pytest] section, from the file pytest itself would use. */
    public static String pytestSection(Path workspace, String packageDir) {
        String prefix = packageDir.isEmpty() ? "" : packageDir + "/";
        for (String name : List.of("pytest.ini", ".pytest.ini", "pyproject.toml", "tox.ini", "setup.cfg")) {
            String text = ManifestFile.read(workspace, prefix + name);
            Matcher m = PYTEST_SECTION.matcher(text);
            if (m.find()) {
                return m.group(1);
            }
        }
        return "";
    }

    /**
     * A command line starting pytest, after environment assignments and the wrappers that run it unchanged ({@code uv run},
     * {@code coverage run -m}, {@code python -m}, tox's {@code {envpython} -m}): group 1 is what pytest is given.
     */
    private static final Pattern PYTEST_RUN = Pattern.compile("^(?:\\w+=\\S*\\s+)*(?:(?:uv|poetry|pdm|hatch|pipenv)\\s+run\\s+(?:-\\S+\\s+)*)?"
            + "(?:coverage\\s+run\\s+(?:-\\S+\\s+)*-m\\s+|(?:\\S*/)?python[\\d.]*\\s+-m\\s+|(?:\\{envpython\\}|\\$[({]\\w+[)}])\\s+-m\\s+)?"
            + "(?:\\S*/)?(?:py\\.test|pytest)(?:\\s+(.*))?$");
    /** tox.ini's {@code commands =} with its continuation lines. */
    private static final Pattern TOX_COMMANDS_BLOCK = Pattern.compile("(?m)^commands\\s*=([^\\n]*(?:\\n[ \\t]+[^\\n]*)*)");
    /** tox's factor condition before a command ({@code unit: pytest tests}). */
    private static final Pattern TOX_FACTOR = Pattern.compile("^[\\w{},.-]+:\\s+");
    /** A CI or make line's lead-in before its command: a YAML list item, its run key, make's @ and -. */
    private static final Pattern COMMAND_LEAD = Pattern.compile("^(?:-\\s+)?(?:run:\\s*)?[@-]*");
    private static final Pattern CD = Pattern.compile("^cd\\s+([\\w./-]+)$");
    private static final Pattern STEPS = Pattern.compile("&&|;");
    private static final Pattern TOX_SECTION = Pattern.compile("(?m)^\\[([^\\]\\n]+)\\]");
    /** A line continued on the next (tox, make and shell all join {@code \\} + newline). */
    private static final Pattern CONTINUATION = Pattern.compile("\\\\\\r?\\n[ \\t]*");
    private static final Pattern BENCHMARK_ENV = Pattern.compile("(?i)bench|perf|codspeed");

    /**
     * tox.ini's text without its benchmark environments ({@code [testenv:benchmark]} runs pytest on tests/benchmarks with
     * timing plugins: it measures the code, it is not the project's test run) and with continued lines joined, so a
     * {@code python -m pytest \ --doctest-modules \ {posargs:pkg tests}} spread over lines reads as the one command it is.
     */
    static String toxTestSections(Path workspace, String prefix) {
        String ini = CONTINUATION.matcher(ManifestFile.read(workspace, prefix + "tox.ini")).replaceAll(" ");
        StringBuilder kept = new StringBuilder();
        Matcher header = TOX_SECTION.matcher(ini);
        int start = 0;
        boolean keep = true;
        while (header.find()) {
            if (keep) {
                kept.append(ini, start, header.start());
            }
            keep = !BENCHMARK_ENV.matcher(header.group(1)).find();
            start = header.start();
        }
        if (keep) {
            kept.append(ini.substring(start));
        }
        return kept.toString();
    }

    /** tox's {@code {posargs:tests}}: the default arguments. */
    private static final Pattern POSARGS = Pattern.compile("\\{posargs(?::([^}]*))?\\}");

    /**
     * The paths the project's own full pytest run is given, relative to the package: tox.ini's {@code pytest tests
     * examples/tiny/tests}, a CI step's {@code cd tests/ && py.test} ({@code tests}), a Makefile recipe's. A bare pytest at
     * the root also collects what the project never runs (a fuzzing folder beside tests/ that runs for minutes). Empty when
     * pytest's configuration names its testpaths (a bare run uses them), when the first command found runs it bare, or when
     * no command runs pytest with paths that exist.
     */
    public static List<String> pytestRunPaths(Path workspace, String packageDir) {
        if (!pytestTestpaths(pytestSection(workspace, packageDir)).isEmpty()) {
            return List.of();
        }
        String prefix = packageDir.isEmpty() ? "" : packageDir + "/";
        List<String> lines = new ArrayList<>();
        Matcher tox = TOX_COMMANDS_BLOCK.matcher(toxTestSections(workspace, prefix));
        while (tox.find()) {
            tox.group(1).lines().map(l -> TOX_FACTOR.matcher(l.strip()).replaceFirst("")).forEach(lines::add);
        }
        List<String> files = new ArrayList<>(packageDir.isEmpty() ? ManifestFile.ciFiles(workspace) : List.of());
        files.add(prefix + "Makefile");
        for (String file : files) {
            ManifestFile.read(workspace, file).lines().map(l -> COMMAND_LEAD.matcher(l.strip()).replaceFirst("")).forEach(lines::add);
        }
        Path base = workspace.resolve(packageDir).normalize();
        for (String line : lines) {
            String dir = "";
            for (String step : STEPS.split(line)) {
                String command = step.strip();
                Matcher cd = CD.matcher(command);
                if (cd.matches()) {
                    dir = cd.group(1).replaceFirst("^\\./", "").replaceFirst("/+$", "");
                    dir = dir.equals(".") ? "" : dir;
                    continue;
                }
                Matcher run = PYTEST_RUN.matcher(command);
                if (!run.matches()) {
                    continue;
                }
                String args = run.group(1) == null ? "" : POSARGS.matcher(run.group(1))
                        .replaceAll(m -> Matcher.quoteReplacement(m.group(1) == null ? "" : m.group(1)));
                Optional<List<String>> paths = pytestPaths(args, dir, base);
                if (paths.isPresent()) {
                    return paths.get();
                }
            }
        }
        return List.of();
    }

    /**
     * The existing paths among pytest's arguments ({@code dir} the folder the command changed into): none for a bare run at
     * the package root; empty when the arguments name paths this text cannot resolve ({@code $TESTS}) or that are not there.
     */
    private static Optional<List<String>> pytestPaths(String args, String dir, Path base) {
        List<String> paths = new ArrayList<>();
        String[] words = args.isBlank() ? new String[0] : args.strip().split("\\s+");
        for (int i = 0; i < words.length; i++) {
            String word = words[i].replace("{toxinidir}/", "");
            if (word.startsWith("-")) {
                if (CheckTargets.PYTEST_VALUE_OPTIONS.contains(word)) {
                    i++;
                }
                continue;
            }
            if (word.matches(".*[{}$*?`'\"\\\\].*") || word.startsWith("/")) {
                return Optional.empty();
            }
            String path = base.relativize(base.resolve(dir).resolve(word.replaceFirst("::.*$", "")).normalize()).toString();
            if (path.startsWith("..") || !java.nio.file.Files.exists(base.resolve(path)) || !ManifestFile.inside(base, base.resolve(path))) {
                return Optional.empty();
            }
            paths.add(path.isEmpty() ? "." : path);
        }
        if (paths.isEmpty() && !dir.isEmpty()) {
            Path into = base.resolve(dir).normalize();
            if (!into.startsWith(base) || !java.nio.file.Files.isDirectory(into)) {
                return Optional.empty();
            }
            paths.add(base.relativize(into).toString());
        }
        return Optional.of(paths.contains(".") || paths.contains("") ? List.of() : paths);
    }

    /**
     * How pytest is started in the package: with {@code PYTHONPATH=src} for a src layout whose
     * configuration does not set pythonpath, so a clean checkout's tests import the code under src/
     * (not an installed copy, and not failing on an import where nothing is installed); as
     * {@code python3 -m pytest} for a flat layout (the package directory beside the tests), which puts the
     * project directory on sys.path: the {@code pytest} script does not, so an uninstalled package fails to import
     * (already at start-up when the configuration's filterwarnings names one of its classes).
     */
    public static String pytestLauncher(Path workspace, String packageDir) {
        String launcher = switch (layout(workspace, packageDir)) {
            // tests importing `src.pkg` need the project directory itself on sys.path: python3 -m puts it there
            case SRC -> testsImportSrc(workspace.resolve(packageDir)) ? "PYTHONPATH=src python3 -m pytest" : "PYTHONPATH=src pytest";
            case FLAT -> "python3 -m pytest";
            case OTHER -> "pytest";
        };
        return addoptsWithoutCoverage(pytestSection(workspace, packageDir))
                .map(rest -> launcher + " -o addopts=" + ShellQuote.quote(rest)).orElse(launcher);
    }

    /** pytest's addopts: an ini value with its indented continuation lines, or a TOML string or array. */
    private static final Pattern ADDOPTS = Pattern.compile("(?m)^addopts\\s*=\\s*(\\[[^\\]]*\\]|[^\\n]*(?:\\n[ \\t]+[^\\n]*)*)");
    /** pytest-cov's options; those listed in COVERAGE_VALUED take a value as the next word. */
    private static final Pattern PYTEST_COVERAGE_OPTION = Pattern.compile("--(?:no-)?cov(?:-[\\w-]+)?(?:=.*)?");
    private static final Set<String> COVERAGE_VALUED = Set.of("--cov", "--cov-report", "--cov-config", "--cov-fail-under",
            "--cov-context");
    private static final Pattern TOML_STRING = Pattern.compile("\"([^\"]*)\"|'([^']*)'");

    /**
     * The configured addopts without pytest-cov's options, when it has any: a check verifies behaviour, and coverage
     * options make it depend on a plugin a checkout may lack (pytest then refuses to start: "unrecognized arguments:
     * --cov"), report on a narrowed run's subset, and fail it on a threshold. The rest (--doctest-modules, -p, -m)
     * stays, given again with {@code -o addopts=…}.
     */
    static Optional<String> addoptsWithoutCoverage(String section) {
        Matcher m = ADDOPTS.matcher(section);
        if (!m.find()) {
            return Optional.empty();
        }
        String value = m.group(1).strip();
        List<String> words = new ArrayList<>();
        if (value.startsWith("[") || value.startsWith("\"") || value.startsWith("'")) {
            Matcher string = TOML_STRING.matcher(value);
            while (string.find()) {
                String item = string.group(1) != null ? string.group(1) : string.group(2);
                words.addAll(List.of(item.strip().split("\\s+")));
            }
        } else {
            words.addAll(List.of(value.split("\\s+")));
        }
        words.removeIf(String::isEmpty);
        List<String> kept = new ArrayList<>();
        boolean any = false;
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (!PYTEST_COVERAGE_OPTION.matcher(word).matches()) {
                kept.add(word);
                continue;
            }
            any = true;
            if (COVERAGE_VALUED.contains(word) && i + 1 < words.size() && !words.get(i + 1).startsWith("-")) {
                i++; // its value, given as the next word
            }
        }
        return any ? Optional.of(String.join(" ", kept)) : Optional.empty();
    }

    private enum Layout { SRC, FLAT, OTHER }

    private static final Pattern IMPORTS_SRC = Pattern.compile("(?m)^\\s*(?:from\\s+src(?:\\.[\\w.]+)?\\s+import\\b|import\\s+src\\.)");
    /** Test modules read for an import of src.: a bound for big suites. */
    private static final int MAX_IMPORT_READS = 200;

    /** Whether test modules under tests/ or test/ (or beside them at the top) import the code as {@code src.pkg}. */
    static boolean testsImportSrc(Path dir) {
        for (String tests : List.of("tests", "test", "")) {
            Path start = tests.isEmpty() ? dir : dir.resolve(tests);
            if (!java.nio.file.Files.isDirectory(start)) {
                continue;
            }
            try (var files = java.nio.file.Files.walk(start, tests.isEmpty() ? 1 : 4)) {
                boolean found = files.filter(f -> f.getFileName().toString().matches("test_.*\\.py|.*_test\\.py|conftest\\.py"))
                        .limit(MAX_IMPORT_READS)
                        .anyMatch(f -> {
                            byte[] bytes = ContentIndex.read(f);
                            return bytes != null && IMPORTS_SRC.matcher(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)).find();
                        });
                if (found) {
                    return true;
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                return false; // unreadable: the usual launcher
            }
        }
        return false;
    }

    /** src/ holding the code (a src layout), a package directory at the top (a flat layout), or neither. */
    private static Layout layout(Path workspace, String packageDir) {
        Path dir = packageDir.isEmpty() ? workspace : workspace.resolve(packageDir);
        if (pytestSection(workspace, packageDir).matches("(?ms).*^\\s*pythonpath\\s*=.*") || !ManifestFile.inside(workspace, dir)) {
            return Layout.OTHER;
        }
        Path src = dir.resolve("src");
        if (java.nio.file.Files.isDirectory(src) && ManifestFile.inside(workspace, src)) {
            try (var entries = java.nio.file.Files.list(src)) {
                if (entries.limit(200).anyMatch(e -> e.getFileName().toString().endsWith(".py")
                        || java.nio.file.Files.isRegularFile(e.resolve("__init__.py")))) {
                    return Layout.SRC;
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                return Layout.OTHER;
            }
        }
        try (var entries = java.nio.file.Files.list(dir)) {
            // a package directory that is not the tests' own (tests/__init__.py makes tests a package too)
            boolean flat = entries.limit(500).anyMatch(e -> {
                String name = e.getFileName().toString();
                return !name.startsWith(".") && !name.matches("tests?|testing|docs?|examples?|benchmarks?|scripts?")
                        && java.nio.file.Files.isRegularFile(e.resolve("__init__.py"));
            });
            return flat ? Layout.FLAT : Layout.OTHER;
        } catch (IOException | java.io.UncheckedIOException e) {
            return Layout.OTHER;
        }
    }

    private static final Pattern TOX_PYTEST_DOCTESTS = Pattern.compile("(?m)^[ \\t]*(?:commands\\s*=)?[^\\n#]*\\bpytest\\b[^\\n#]*--doctest-modules");

    /**
     * Whether the project's own test commands run pytest with --doctest-modules on their command line
     * (tox.ini's {@code commands = pytest --doctest-modules …}, a Makefile recipe, a CI workflow's step):
     * then its doctests are its tests too.
     */
    public static boolean toxRunsDoctests(Path workspace, String packageDir) {
        String prefix = packageDir.isEmpty() ? "" : packageDir + "/";
        List<String> files = new ArrayList<>(List.of(prefix + "Makefile"));
        // CI's test step (coverage run -m pytest --doctest-modules pkg/) is the project's own test command too
        files.addAll(ManifestFile.ciFiles(workspace));
        return TOX_PYTEST_DOCTESTS.matcher(toxTestSections(workspace, prefix)).find() || files.stream().anyMatch(
                f -> TOX_PYTEST_DOCTESTS.matcher(CONTINUATION.matcher(ManifestFile.read(workspace, f)).replaceAll(" ")).find());
    }

    private static final Pattern DOCTEST_GLOB = Pattern.compile("--doctest-glob[= ]+[\"']?([^\\s\"']+)");
    private static final Pattern IGNORE_OPTION = Pattern.compile("--ignore[= ]+[\"']?([^\\s\"']+)");

    /**
     * Whether pytest's own run collects this file: a module named by {@code python_files} (test_*.py, *_test.py by
     * default), a text file by a doctest glob (test*.txt by default), and not a path the configuration's --ignore names.
     */
    static boolean pytestCollects(String file, String configSection) {
        Matcher ignore = IGNORE_OPTION.matcher(configSection);
        while (ignore.find()) {
            String ignored = ignore.group(1).replaceFirst("/$", "");
            if (file.equals(ignored) || file.startsWith(ignored + "/")) {
                return false;
            }
        }
        String name = file.substring(file.lastIndexOf('/') + 1);
        List<String> globs = new ArrayList<>();
        Matcher pythonFiles = PYTHON_FILES.matcher(configSection);
        if (pythonFiles.find()) {
            for (String word : pythonFiles.group(1).replaceAll("[\\[\\],\"']", " ").strip().split("\\s+")) {
                if (!word.contains("*")) {
                    return true; // aggregator modules (__main__.py) name what runs: collectedByAggregators decides
                }
                globs.add(word);
            }
        } else {
            globs.addAll(List.of("test_*.py", "*_test.py"));
        }
        Matcher doctestGlob = DOCTEST_GLOB.matcher(configSection);
        boolean anyDoctestGlob = false;
        while (doctestGlob.find()) {
            globs.add(doctestGlob.group(1));
            anyDoctestGlob = true;
        }
        if (!anyDoctestGlob) {
            globs.add("test*.txt");
        }
        return globs.stream().anyMatch(glob -> name.matches(glob.replace(".", "\\.").replace("*", ".*").replace("?", ".")));
    }

    /** pytest on these files; with --doctest-modules configured, the source modules too (their doctests are tests). */
    public static String pytestCommand(String pytest, List<String> tests, List<String> sources, String configSection) {
        return pytestCommand(pytest, tests, sources, configSection, false);
    }

    /**
     * The same; {@code doctestsByCommand}: the project runs doctests by passing --doctest-modules (in
     * tox.ini) rather than in its configuration, so the narrowed command passes it too.
     */
    public static String pytestCommand(String pytest, List<String> tests, List<String> sources, String configSection,
                                       boolean doctestsByCommand) {
        Set<String> targets = new LinkedHashSet<>();
        // conftest.py holds fixtures, not tests: pytest loads it by itself for the tests beside it
        List<String> runnable = tests.stream().filter(t -> !t.equals("conftest.py") && !t.endsWith("/conftest.py")).toList();
        // files beside the tests that pytest does not collect (a benchmark's plot script, its results_*.txt) or that the
        // configuration ignores: handed to it by name they run anyway, and fail on what they import
        List<String> collected = runnable.stream().filter(t -> pytestCollects(t, configSection)).toList();
        (collected.isEmpty() ? runnable : collected).forEach(targets::add);
        boolean configured = configSection.contains("--doctest-modules");
        if (configured || doctestsByCommand) {
            // a module outside the configured testpaths is never collected by the project's own run: its doctests may
            // need a conftest's doctest_namespace under tests/ and fail when handed to pytest directly
            List<String> testpaths = doctestsByCommand ? List.of() : pytestTestpaths(configSection);
            sources.stream().filter(s -> s.endsWith(".py"))
                    .filter(s -> testpaths.isEmpty() || testpaths.stream().anyMatch(t -> t.equals(".") || s.equals(t) || s.startsWith(t + "/")))
                    .forEach(targets::add);
        }
        List<String> words = new ArrayList<>(List.of(pytest));
        if (!configured && doctestsByCommand) {
            words.add("--doctest-modules");
        }
        targets.forEach(t -> words.add(ShellQuote.quote(t)));
        return String.join(" ", words);
    }

    /**
     * How unittest is started in the package: {@code python3 -m unittest}, with {@code PYTHONPATH=src}
     * for a src layout (like pytest's launcher), so a clean checkout's tests import the code under src/.
     */
    public static String unittestLauncher(Path workspace, String packageDir) {
        return layout(workspace, packageDir) == Layout.SRC ? "PYTHONPATH=src python3 -m unittest" : "python3 -m unittest";
    }

    /** The dotted module unittest loads for a test file (tests/test_error.py → tests.test_error), if it is one. */
    public static Optional<String> unittestModule(String testFile) {
        if (!testFile.matches("(?:[A-Za-z_]\\w*/)*[A-Za-z_]\\w*\\.py")) {
            return Optional.empty();
        }
        return Optional.of(testFile.substring(0, testFile.length() - 3).replace('/', '.'));
    }

    /** unittest on these test modules (files that are not test modules, a package's __init__ or helpers, left out). */
    public static Optional<String> unittestCommand(String launcher, List<String> tests) {
        List<String> modules = tests.stream().filter(TestRunner::isPythonTestModule).map(TestRunner::unittestModule)
                .flatMap(Optional::stream).distinct().toList();
        return modules.isEmpty() ? Optional.empty() : Optional.of(launcher + " " + String.join(" ", modules));
    }

    private static final Pattern PYTHON_TEST_MODULE = Pattern.compile("(?:^|.*/)(?:test_[^/]+|[^/]+_test|test)\\.py$");

    /** A Python file the runners collect as tests by default: test_x.py, x_test.py (not __init__.py, conftest.py, helpers). */
    public static boolean isPythonTestModule(String path) {
        return PYTHON_TEST_MODULE.matcher(path).matches();
    }

    private static final Pattern PYTHON_FILES = Pattern.compile("(?m)^\\s*python_files\\s*=\\s*(\\[[^\\]]*\\]|.*)");

    /**
     * The test modules a project's own pytest run collects, when its {@code python_files} names aggregator modules
     * ({@code python_files = "__main__.py"}: tests/__main__.py imports the test modules it runs): a test_*.py beside the
     * aggregator that it does not import is never run by the project (a file only a type checker reads) and can fail at
     * collection when handed to pytest. Tests are relative to {@code dir} (the package's directory, "" at the root);
     * with glob patterns (test_*.py), no aggregator beside a test, or nothing left, the tests are returned as given.
     */
    static List<String> collectedByAggregators(Path workspace, String dir, String configSection, List<String> tests) {
        Matcher m = PYTHON_FILES.matcher(configSection);
        if (!m.find()) {
            return tests;
        }
        List<String> aggregators = new ArrayList<>();
        for (String word : m.group(1).replaceAll("[\\[\\],\"']", " ").strip().split("\\s+")) {
            if (!word.isEmpty()) {
                aggregators.add(word);
            }
        }
        if (aggregators.isEmpty() || aggregators.stream().anyMatch(a -> !a.matches("[\\w.]+\\.py"))) {
            return tests; // patterns (test_*.py, check_*.py) select by name, as the default does
        }
        String prefix = dir.isEmpty() ? "" : dir + "/";
        List<String> kept = new ArrayList<>();
        for (String test : tests) {
            int slash = test.lastIndexOf('/');
            String folder = slash < 0 ? "" : test.substring(0, slash + 1);
            String file = test.substring(slash + 1);
            if (!isPythonTestModule(test) || aggregators.contains(file)) {
                kept.add(test);
                continue;
            }
            String module = Pattern.quote(file.substring(0, file.length() - 3));
            Pattern imported = Pattern.compile("(?m)^[ \\t]*(?:from[ \\t]+\\.*" + module + "[ \\t]+import\\b"
                    + "|import[ \\t]+(?:\\w+\\.)*" + module + "\\b|from[ \\t]+\\.+[ \\t]+import[ \\t]+[^\\n#]*\\b" + module + "\\b)");
            List<String> texts = aggregators.stream().map(a -> ManifestFile.read(workspace, prefix + folder + a))
                    .filter(t -> !t.isEmpty()).toList();
            if (texts.isEmpty() || texts.stream().anyMatch(t -> imported.matcher(t).find())) {
                kept.add(test);
            }
        }
        return kept.stream().anyMatch(TestRunner::isPythonTestModule) ? kept : tests;
    }

    private static final Pattern TESTPATHS = Pattern.compile("(?m)^\\s*testpaths\\s*=\\s*(\\[[^\\]]*\\]|.*(?:\\n[ \\t]+\\S.*)*)");

    /** The directories a pytest section's {@code testpaths} names (ini: words, possibly on continuation lines; toml: a list). */
    static List<String> pytestTestpaths(String configSection) {
        Matcher m = TESTPATHS.matcher(configSection);
        if (!m.find()) {
            return List.of();
        }
        List<String> paths = new ArrayList<>();
        for (String word : m.group(1).replaceAll("[\\[\\],\"']", " ").strip().split("\\s+")) {
            String path = word.replaceAll("^\\./(?=.)", "").replaceAll("(?<=.)/+$", "");
            if (!path.isEmpty()) {
                paths.add(path);
            }
        }
        return paths;
    }

    /** {@code public abstract class ParserTestCase}: surefire runs no abstract class, whatever -Dtest names. */
    private static final java.util.regex.Pattern ABSTRACT_CLASS = java.util.regex.Pattern.compile(
            "(?m)^\\s*(?:public\\s+)?abstract\\s+(?:public\\s+)?class\\s+");

    /** Whether the JVM test source {@code path} declares an abstract top-level class: its tests run in its subclasses. */
    static boolean abstractJvmClass(Path root, String path) {
        return ABSTRACT_CLASS.matcher(ManifestFile.read(root, path)).find();
    }

    /** A test annotation (JUnit's @Test, @ParameterizedTest, @TestFactory, jqwik's @Property, @RunWith) or a superclass (TestCase). */
    private static final java.util.regex.Pattern TEST_DECLARATION = java.util.regex.Pattern.compile(
            "@[\\w.]*(?:Test|Theory|Property|Example|RunWith|Suite)\\b|\\bclass\\s+\\w+[^{;]*\\bextends\\s+\\w");

    /**
     * Whether surefire would run nothing in the JVM test source {@code path}: an abstract class, or a class named like a
     * test that declares no test and extends nothing (a Java TestUtil of helpers beside the tests).
     */
    static boolean runsNoJvmTests(Path root, String path) {
        String text = ManifestFile.read(root, path);
        // Java only: a Kotlin spec (class X : StringSpec) declares its tests without either
        return ABSTRACT_CLASS.matcher(text).find()
                || path.endsWith(".java") && !text.isEmpty() && !TEST_DECLARATION.matcher(text).find();
    }

    /** Surefire's default includes: only classes named like these run, whatever -Dtest names. */
    static final List<String> SUREFIRE_DEFAULT_INCLUDES = List.of("**/Test*.java", "**/*Test.java", "**/*Tests.java",
            "**/*TestCase.java");
    private static final Pattern SUREFIRE_PLUGIN = Pattern.compile(
            "(?s)<artifactId>\\s*maven-surefire-plugin\\s*</artifactId>(.*?)</plugin>");
    private static final Pattern INCLUDES = Pattern.compile("(?s)<includes>(.*?)</includes>");
    private static final Pattern INCLUDE = Pattern.compile("<include>\\s*([^<]+?)\\s*</include>");

    /**
     * Apache Rat, the licence-header audit, bound at validate by the pom or by the Apache Commons parent: it tests nothing,
     * and in a narrowed run it is a large share of the time (commons-csv here: 50 s of a 305-s `-Dtest=` run, 11 s skipped).
     */
    private static final Pattern RAT = Pattern.compile("<artifactId>\\s*(?:apache-rat-plugin|commons-parent)\\s*</artifactId>");

    /** A build plugin that rewrites the sources when its goal is bound to a phase, with the property that skips it. */
    private record SourceRewriter(String artifactId, String goal, String skip) {}

    private static final List<SourceRewriter> SOURCE_REWRITERS = List.of(
            new SourceRewriter("license-maven-plugin", "format", "-Dlicense.skip=true"),
            new SourceRewriter("spotless-maven-plugin", "apply", "-Dspotless.apply.skip=true"),
            new SourceRewriter("fmt-maven-plugin", "format", "-Dfmt.skip=true"),
            new SourceRewriter("formatter-maven-plugin", "format", "-Dformatter.skip=true"),
            new SourceRewriter("impsort-maven-plugin", "sort", "-Dimpsort.skip=true"),
            new SourceRewriter("sortpom-maven-plugin", "sort", "-Dsort.skip=true"),
            new SourceRewriter("tidy-maven-plugin", "pom", "-Dtidy.skip=true"));
    private static final Pattern PLUGIN_BLOCK = Pattern.compile("(?s)<plugin>(.*?)</plugin>");

    /**
     * What every Maven check adds so that the build does not rewrite the person's files: a plugin whose goal rewrites the
     * sources (license-maven-plugin's {@code format} putting this year in every header, spotless' {@code apply}) bound to
     * a phase of the build runs before the tests and leaves the tree changed. Skipped by each plugin's documented
     * property when the module's or the root pom binds it: " -Dlicense.skip=true", or "".
     */
    static String mavenRewriteSkips(Path root, String moduleDir) {
        Set<String> skips = new java.util.LinkedHashSet<>();
        for (String pom : moduleDir.isEmpty() ? List.of("pom.xml") : List.of(moduleDir + "/pom.xml", "pom.xml")) {
            Matcher plugin = PLUGIN_BLOCK.matcher(ManifestFile.read(root, pom));
            while (plugin.find()) {
                String block = plugin.group(1);
                for (SourceRewriter rewriter : SOURCE_REWRITERS) {
                    if (block.matches("(?s).*<artifactId>\\s*" + Pattern.quote(rewriter.artifactId()) + "\\s*</artifactId>.*")
                            && block.matches("(?s).*<goal>\\s*" + rewriter.goal() + "\\s*</goal>.*")) {
                        skips.add(rewriter.skip());
                    }
                }
            }
        }
        return skips.isEmpty() ? "" : " " + String.join(" ", skips);
    }

    /**
     * What a narrowed Maven check adds to skip the build steps that test nothing, by each plugin's documented skip property,
     * only when the module's or the root pom names the plugin (or the parent that binds it): " -Drat.skip=true", or "".
     * The full run at the end keeps them: they are the project's own checks.
     */
    static String mavenSkips(Path root, String moduleDir) {
        for (String pom : moduleDir.isEmpty() ? List.of("pom.xml") : List.of(moduleDir + "/pom.xml", "pom.xml")) {
            if (RAT.matcher(ManifestFile.read(root, pom)).find()) {
                return " -Drat.skip=true";
            }
        }
        return "";
    }

    /**
     * The surefire includes a Maven module's tests run under: the module's pom's, else the root pom's, else surefire's
     * defaults. A parent pom outside the workspace is not read (its includes, if any, are not known here).
     */
    static List<String> surefireIncludes(Path root, String moduleDir) {
        for (String pom : moduleDir.isEmpty() ? List.of("pom.xml") : List.of(moduleDir + "/pom.xml", "pom.xml")) {
            Matcher plugin = SUREFIRE_PLUGIN.matcher(ManifestFile.read(root, pom));
            while (plugin.find()) {
                Matcher includes = INCLUDES.matcher(plugin.group(1));
                if (includes.find()) {
                    List<String> found = new ArrayList<>();
                    Matcher include = INCLUDE.matcher(includes.group(1));
                    while (include.find()) {
                        found.add(include.group(1));
                    }
                    if (!found.isEmpty()) {
                        return found;
                    }
                }
            }
        }
        return SUREFIRE_DEFAULT_INCLUDES;
    }

    /**
     * Whether surefire would run the test source {@code path} under {@code includes} (ant-style patterns against the
     * path below src/test/java): AptHelpAppendable, a helper beside the tests, does not match the defaults.
     */
    static boolean surefireRuns(String path, List<String> includes) {
        return surefireRuns(path, includes, Optional.empty());
    }

    /** {@link #surefireRuns(String, List)} for a module whose pom names its own test source root ({@link #testSourceRoot}). */
    static boolean surefireRuns(String path, List<String> includes, Optional<String> testRoot) {
        Optional<String> below = belowTestRoot(path, testRoot);
        if (below.isEmpty()) {
            return false;
        }
        String relative = below.get().replaceFirst("\\.(?:kt|groovy|scala)$", ".java");
        for (String include : includes) {
            String pattern = include.strip().replace('\\', '/');
            if (pattern.endsWith(".class")) {
                pattern = pattern.substring(0, pattern.length() - 6) + ".java";
            } else if (!pattern.endsWith(".java") && !pattern.endsWith("*")) {
                pattern = pattern + ".java";
            }
            if (antGlob(pattern).matcher(relative).matches()) {
                return true;
            }
        }
        return false;
    }

    /** An ant-style path pattern: ** any directories, * any characters within a name, ? one. */
    private static Pattern antGlob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (pattern.startsWith("**/", i)) {
                regex.append("(?:.*/)?");
                i += 2;
            } else if (pattern.startsWith("**", i)) {
                regex.append(".*");
                i += 1;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }

    /** The simple name of a JVM test class from its path (src/test/java/a/b/FooTest.java → FooTest). */
    public static Optional<String> jvmTestClass(String path) {
        return jvmTestClass(path, Optional.empty());
    }

    /** {@link #jvmTestClass(String)} below a module's own test source root when its pom names one (test/a/FooTest.java). */
    static Optional<String> jvmTestClass(String path, Optional<String> testRoot) {
        return belowTestRoot(path, testRoot).map(relative -> SIMPLE_NAME.matcher(relative))
                .filter(Matcher::find).map(m -> m.group(1));
    }

    private static final Pattern DEFAULT_TEST_ROOT = Pattern.compile("(?:^|/)src/test/(?:java|kotlin|groovy|scala)/(.+)$");
    private static final Pattern SIMPLE_NAME = Pattern.compile("(?:^|/)(\\w+)\\.(?:java|kt|groovy|scala)$");

    /**
     * A test source's path below its test source root: the pom's own root when it names one (Maven then compiles no
     * other), else Maven's and Gradle's default src/test/{java,kotlin,groovy,scala}.
     */
    private static Optional<String> belowTestRoot(String path, Optional<String> testRoot) {
        if (testRoot.isPresent()) {
            String prefix = testRoot.get().isEmpty() ? "" : testRoot.get() + "/";
            return path.startsWith(prefix) && path.length() > prefix.length()
                    ? Optional.of(path.substring(prefix.length())) : Optional.empty();
        }
        Matcher m = DEFAULT_TEST_ROOT.matcher(path);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static final Pattern TEST_SOURCE_DIRECTORY = Pattern.compile("<testSourceDirectory>\\s*([^<]*?)\\s*</testSourceDirectory>");
    /** Where a pom's own settings can also name the tag for something else: a plugin's configuration, a profile's build. */
    private static final Pattern NOT_THE_BUILDS_OWN = Pattern.compile("(?s)<plugins>.*?</plugins>|<profiles>.*?</profiles>|<pluginManagement>.*?</pluginManagement>");

    /**
     * The test source root a Maven module's pom (else the root pom, whose build its modules inherit) names instead of
     * src/test/java — {@code <testSourceDirectory>test</testSourceDirectory>} — workspace-relative; empty when neither
     * names one, or the value is one this reading cannot resolve (another property, a path outside the module).
     */
    static Optional<String> testSourceRoot(Path root, String moduleDir) {
        for (String pom : moduleDir.isEmpty() ? List.of("pom.xml") : List.of(moduleDir + "/pom.xml", "pom.xml")) {
            Matcher m = TEST_SOURCE_DIRECTORY.matcher(NOT_THE_BUILDS_OWN.matcher(ManifestFile.read(root, pom)).replaceAll(""));
            if (!m.find()) {
                continue;
            }
            String value = m.group(1).replaceFirst("^\\$\\{(?:project\\.)?basedir}/", "").replaceFirst("^\\./", "")
                    .replaceAll("/+$", "");
            if (value.isEmpty() || value.contains("${") || value.startsWith("/") || value.contains("..") || value.contains("\\")) {
                return Optional.empty();
            }
            return Optional.of(moduleDir.isEmpty() ? value : moduleDir + "/" + value);
        }
        return Optional.empty();
    }
}
