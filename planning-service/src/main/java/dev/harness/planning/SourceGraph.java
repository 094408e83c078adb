package dev.harness.planning;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which file imports which (JavaScript/TypeScript relative imports, Python modules, Java and
 * Kotlin classes, Rust modules, Go packages), resolved against the scanned files, and which test
 * files cover a source file: those that import it, those named after it (theme.test.js,
 * ThemeTest.java, test_theme.py, theme_test.go) and, in Go, those in its package directory.
 */
public final class SourceGraph {
    // compiled once: baseName runs for every test file of every plan
    private static final java.util.regex.Pattern CAMEL_BOUNDARY = java.util.regex.Pattern.compile("(?<=[a-z0-9])(?=[A-Z])");
    private static final java.util.regex.Pattern TEST_PREFIX = java.util.regex.Pattern.compile("^tests?_");
    private static final java.util.regex.Pattern TEST_SUFFIX = java.util.regex.Pattern.compile("_(test|tests|it|spec)$");
    private static final List<String> JS_EXTENSIONS = List.of("", ".js", ".ts", ".mjs", ".cjs", ".jsx", ".tsx", ".mts", ".cts",
            "/index.js", "/index.ts", "/index.mjs", "/index.tsx");
    private static final Set<String> MODULE_FILE_NAMES = Set.of("index", "__init__", "mod", "lib", "main");

    /** How far a test's imports are followed to the code it exercises, and how many files one walk visits. */
    private static final int MAX_IMPORT_STEPS = 4;
    private static final int MAX_IMPORT_WALK = 400;
    private final Set<String> files;
    private final ContentIndex content;
    private final WorkspacePackages packages;
    private final Map<String, List<String>> pythonByModuleSuffix = new HashMap<>();
    private final Map<String, List<String>> resolved = new java.util.concurrent.ConcurrentHashMap<>();
    private final String rootGoModule;
    private final java.nio.file.Path root;
    /**
     * testsFor's answers: a function of this graph (one scan's) and its arguments alone, asked again for the
     * same files by every plan a service makes until the next scan builds a new graph.
     */
    private static final int MAX_KEPT_QUERIES = 10_000;
    private final Map<TestsQuery, List<String>> covering = new java.util.concurrent.ConcurrentHashMap<>();

    /** testsFor's arguments; the candidate tests by identity (the scan's own list: comparing it whole costs what it saves). */
    private record TestsQuery(String source, IdentityOf tests, int max) {}

    private record IdentityOf(List<String> list) {
        @Override
        public boolean equals(Object other) {
            return other instanceof IdentityOf o && o.list == list;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(list);
        }
    }

    /** {@code rootGoModule}: the module path in the root go.mod, or null. */
    public SourceGraph(WorkspaceScan scan, ContentIndex content, WorkspacePackages packages, String rootGoModule) {
        this.rootGoModule = rootGoModule;
        this.root = scan.root();
        this.files = new HashSet<>(scan.files());
        this.content = content;
        this.packages = packages;
        for (String file : scan.files()) {
            if (file.endsWith(".py")) {
                String module = file.substring(0, file.length() - 3).replace('/', '.');
                if (module.endsWith(".__init__")) {
                    module = module.substring(0, module.length() - ".__init__".length());
                }
                // every dotted suffix (src.pkg.mod → pkg.mod, mod) finds the file
                String suffix = module;
                while (true) {
                    pythonByModuleSuffix.computeIfAbsent(suffix, k -> new ArrayList<>()).add(file);
                    int dot = suffix.indexOf('.');
                    if (dot < 0) {
                        break;
                    }
                    suffix = suffix.substring(dot + 1);
                }
            }
        }
    }

    public boolean hasFile(String path) {
        return files.contains(path);
    }

    /** The workspace files {@code file} imports (resolved; unresolvable specifiers dropped). */
    public List<String> importsOf(String file) {
        return resolved.computeIfAbsent(file, f -> {
            Set<String> targets = new LinkedHashSet<>();
            Set<String> namespaces = new HashSet<>();
            for (String specifier : content.importsOf(f)) {
                List<String> found = resolve(f, specifier);
                targets.addAll(found);
                int dot = specifier.lastIndexOf('.');
                if (f.endsWith(".py") && dot > 0 && !found.isEmpty() && specifier.charAt(dot - 1) != '.') {
                    // from pkg import module: pkg/__init__.py is only the way to the module, not what is used (unless the
                    // file also writes `import pkg`: then it uses the package as a whole)
                    String pkg = specifier.substring(0, dot);
                    if (!importsWhole(f, pkg)) {
                        resolve(f, pkg).stream().filter(p -> p.endsWith("/__init__.py")).forEach(namespaces::add);
                    }
                }
            }
            targets.removeAll(namespaces);
            targets.remove(f);
            return List.copyOf(targets);
        });
    }

    List<String> resolve(String from, String specifier) {
        String extension = FileKind.extension(from);
        String dir = from.contains("/") ? from.substring(0, from.lastIndexOf('/')) : "";
        switch (extension) {
            case "js", "mjs", "cjs", "jsx", "ts", "tsx", "mts", "cts", "vue", "svelte" -> {
                if (!specifier.startsWith(".")) {
                    for (WorkspacePackage p : packages.packages()) {
                        if (!p.name().isEmpty() && (specifier.equals(p.name()) || specifier.startsWith(p.name() + "/"))) {
                            return List.of(p.directory() + "/package.json"); // the package as a whole
                        }
                    }
                    // the package importing itself by its own name (a test's `import {toHtml} from 'hast-util-to-html'`): its entry
                    if (specifier.equals(packages.root().name()) && !specifier.isEmpty()) {
                        return packageMain("");
                    }
                    return List.of();
                }
                String joined = dir.isEmpty() ? specifier : dir + "/" + specifier;
                String base = normalize(joined);
                if (base == null) {
                    // require('../') from tests/: the workspace root's own index module
                    String root = Path.of(joined).normalize().toString();
                    if (!root.isEmpty()) {
                        return List.of();
                    }
                    List<String> index = JS_EXTENSIONS.stream().filter(e -> e.startsWith("/index")).map(e -> e.substring(1))
                            .filter(files::contains).limit(1).toList();
                    // require('..') of a package whose main is elsewhere (hoek's lib/index.js): the file its manifest names
                    return index.isEmpty() ? packageMain("") : index;
                }
                List<String> bases = new ArrayList<>(List.of(base));
                if (base.endsWith(".js")) {
                    bases.add(base.substring(0, base.length() - 3)); // TypeScript imports './x.js' meaning x.ts
                }
                for (String b : bases) {
                    for (String ext : JS_EXTENSIONS) {
                        if (files.contains(b + ext)) {
                            return List.of(b + ext);
                        }
                    }
                }
                List<String> main = files.contains(base + "/package.json") ? packageMain(base) : List.of();
                return main.isEmpty() ? builtFrom(base) : main;
            }
            case "py" -> {
                String module = specifier;
                if (module.startsWith(".")) {
                    // from .version import Version (a package's __init__ re-exporting its modules): relative to the file
                    int dots = 0;
                    while (dots < module.length() && module.charAt(dots) == '.') {
                        dots++;
                    }
                    String base = dir;
                    for (int i = 1; i < dots; i++) {
                        base = parent(base);
                    }
                    String rest = module.substring(dots).replace('.', '/');
                    String path = rest.isEmpty() ? base : base.isEmpty() ? rest : base + "/" + rest;
                    for (String candidate : List.of(path + ".py", path + "/__init__.py")) {
                        if (!path.isEmpty() && files.contains(candidate)) {
                            return List.of(candidate);
                        }
                    }
                    return List.of();
                }
                List<String> found = pythonByModuleSuffix.getOrDefault(module, List.of());
                return found.size() <= 3 ? found : List.of();
            }
            case "java", "kt", "scala", "groovy" -> {
                String path = specifier.replace('.', '/');
                List<String> found = new ArrayList<>();
                for (String ext : List.of(".java", ".kt", ".scala", ".groovy")) {
                    for (String root : List.of("src/main/java/", "src/main/kotlin/", "src/")) {
                        String prefix = packageDirectory(from);
                        String candidate = (prefix.isEmpty() ? "" : prefix + "/") + root + path + ext;
                        if (files.contains(candidate)) {
                            found.add(candidate);
                        }
                    }
                }
                if (found.isEmpty()) {
                    String suffix = "/" + path + ".java";
                    for (WorkspacePackage p : packages.packages()) {
                        String candidate = p.directory() + "/src/main/java/" + path + ".java";
                        if (files.contains(candidate)) {
                            found.add(candidate);
                        }
                    }
                    if (found.isEmpty() && files.contains(suffix.substring(1))) {
                        found.add(suffix.substring(1));
                    }
                }
                return found;
            }
            case "rs" -> {
                String[] segments = specifier.split("::");
                if (segments.length < 2) {
                    return List.of();
                }
                String crate = packageDirectory(from);
                String src = (crate.isEmpty() ? "" : crate + "/") + "src/";
                String first = segments[1];
                for (String candidate : List.of(src + first + ".rs", src + first + "/mod.rs")) {
                    if (files.contains(candidate)) {
                        return List.of(candidate);
                    }
                }
                return List.of();
            }
            case "go" -> {
                for (WorkspacePackage p : goModules()) {
                    if (specifier.equals(p.name()) || specifier.startsWith(p.name() + "/")) {
                        String rest = specifier.substring(p.name().length()).replaceFirst("^/", "");
                        String target = p.directory().isEmpty() ? rest : rest.isEmpty() ? p.directory() : p.directory() + "/" + rest;
                        List<String> inDir = new ArrayList<>();
                        for (String f : files) {
                            if (f.endsWith(".go") && !f.endsWith("_test.go") && parent(f).equals(target)) {
                                inDir.add(f);
                            }
                        }
                        java.util.Collections.sort(inDir);
                        return inDir;
                    }
                }
                return List.of();
            }
            default -> {
                return List.of();
            }
        }
    }

    /**
     * A bundle a build writes and no workspace file is (lib/marked.esm.js, dist/index.cjs, libesm/patch/parse.js): the
     * package's source of the same path or name under src/ (src/patch/parse.ts, src/marked.ts) is what it is built from, so a test importing the bundle tests that source and what
     * it imports. Empty when no such source is there.
     */
    private List<String> builtFrom(String base) {
        String dir = packageDirectory(base);
        String inPackage = dir.isEmpty() ? base : base.substring(dir.length() + 1);
        List<String> entry = bundleEntry(dir, inPackage);
        if (!entry.isEmpty()) {
            return entry;
        }
        if (inPackage.startsWith("src/") || !inPackage.contains("/")) {
            return List.of();
        }
        // a compiler keeps the source tree under its output folder (libesm/patch/parse.js from src/patch/parse.ts)
        String mirrored = (dir.isEmpty() ? "" : dir + "/") + "src/" + inPackage.substring(inPackage.indexOf('/') + 1).replaceFirst("\\.[cm]?js$", "");
        for (String ext : JS_EXTENSIONS) {
            if (!ext.isEmpty() && !mirrored.endsWith("/") && files.contains(mirrored + ext)) {
                return List.of(mirrored + ext);
            }
        }
        String name = inPackage.substring(inPackage.lastIndexOf('/') + 1);
        int dot = name.indexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String src = (dir.isEmpty() ? "" : dir + "/") + "src/" + stem;
        for (String ext : JS_EXTENSIONS) {
            if (!ext.isEmpty() && files.contains(src + ext)) {
                return List.of(src + ext);
            }
        }
        return List.of();
    }

    /** A bundler's output named in a build script: {@code --outfile=index.js}, {@code -o dist/x.js}, {@code --file x.js}. */
    private static final String OUTPUT_FLAG = "(?:--outfile[= ]|--out-file[= ]|--file[= ]|-o\\s+)(?:\\./)?";
    private static final java.util.regex.Pattern SCRIPT_SOURCE = java.util.regex.Pattern.compile("(?<![\\w./-])(?:\\./)?([\\w./-]+\\.[cm]?[jt]sx?)(?![\\w./-])");

    /**
     * The entry a build script of the package bundles into {@code output} (chai's {@code esbuild --bundle
     * --outfile=index.js lib/chai.js}: lib/chai.js for index.js), when it is a file here; empty otherwise. Tests importing
     * the bundle test that entry and what it imports.
     */
    private List<String> bundleEntry(String dir, String output) {
        String manifest = dir.isEmpty() ? "package.json" : dir + "/package.json";
        if (root == null || !files.contains(manifest)) {
            return List.of();
        }
        com.fasterxml.jackson.databind.JsonNode scripts;
        try {
            scripts = ManifestFile.json(root, manifest).path("scripts");
        } catch (com.fasterxml.jackson.core.JsonProcessingException unreadable) {
            return List.of();
        }
        java.util.regex.Pattern writes = java.util.regex.Pattern.compile(OUTPUT_FLAG + java.util.regex.Pattern.quote(output) + "(?![\\w./-])");
        for (java.util.Iterator<String> names = scripts.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            String line = scripts.path(name).asText("");
            if (!name.matches("build(?::[\\w:.-]+)?") || !writes.matcher(line).find()) {
                continue;
            }
            java.util.regex.Matcher source = SCRIPT_SOURCE.matcher(writes.matcher(line).replaceAll(" "));
            while (source.find()) {
                String path = dir.isEmpty() ? source.group(1) : dir + "/" + source.group(1);
                if (files.contains(path)) {
                    return List.of(path);
                }
            }
        }
        return List.of();
    }

    /** Whether {@code file} imports a relative path that is no workspace file: what a build writes (../lib/x.esm.js). */
    public boolean importsBuildOutput(String file) {
        for (String specifier : content.importsOf(file)) {
            if (specifier.startsWith(".") && !resolve(file, specifier).isEmpty()) {
                String dir = file.contains("/") ? file.substring(0, file.lastIndexOf('/')) : "";
                String base = normalize(dir.isEmpty() ? specifier : dir + "/" + specifier);
                if (base != null && builtFrom(base).equals(resolve(file, specifier)) && !files.contains(base)) {
                    return true;
                }
            }
        }
        return false;
    }

    private List<WorkspacePackage> goModules() {
        List<WorkspacePackage> modules = new ArrayList<>(packages.packages().stream()
                .filter(p -> p.ecosystem() == WorkspacePackage.Ecosystem.GO).toList());
        if (packages.root().ecosystem() == WorkspacePackage.Ecosystem.GO) {
            String name = goModuleName();
            if (name != null) {
                modules.add(new WorkspacePackage("", name, WorkspacePackage.Ecosystem.GO));
            }
        }
        return modules;
    }

    private String goModuleName() {
        return rootGoModule;
    }

    private String packageDirectory(String file) {
        return packages.of(file).directory();
    }

    /** The test files (among {@code tests}) that cover {@code source}, best first, at most {@code max}. */
    public List<String> testsFor(String source, List<String> allTests, int max) {
        TestsQuery query = new TestsQuery(source, new IdentityOf(allTests), max);
        List<String> kept = covering.get(query);
        if (kept == null) {
            kept = List.copyOf(testsForNow(source, allTests, max));
            if (covering.size() < MAX_KEPT_QUERIES) {
                covering.putIfAbsent(query, kept);
            }
        }
        return kept;
    }

    private List<String> testsForNow(String source, List<String> allTests, int max) {
        // a spec-named module of cases that calls no test function is the tests' data, not a test to hand a runner
        // so is a Python file under tests/ that is not a test module (the package's __init__, a helper): no runner collects it
        List<String> tests = allTests.stream().filter(t -> !content.holdsNoTests(t))
                .filter(t -> !t.endsWith(".py") || TestRunner.isPythonTestModule(t)).toList();
        String sourceBase = baseName(source);
        String sourceDir = parent(source);
        WorkspacePackage pkg = packages.of(source);
        List<String> named = new ArrayList<>();
        List<String> importing = new ArrayList<>();
        for (String test : tests) {
            if (!packages.of(test).equals(pkg)) {
                continue;
            }
            boolean sameName = !sourceBase.isEmpty() && (baseName(test).equals(sourceBase) || nameHasWord(test, sourceBase));
            boolean goPackage = source.endsWith(".go") && test.endsWith("_test.go") && parent(test).equals(sourceDir);
            if (sameName || goPackage) {
                named.add(test);
            } else if (importsOf(test).contains(source)) {
                importing.add(test);
            }
        }
        // a test module in the file's own language comes before the data files named like it (tests/extensions/toc.html,
        // toc_nested.txt): those are inputs a runner reads, and a dozen of them would push test_toc.py out of the list
        String language = language(source);
        List<String> all = new ArrayList<>(language == null ? named
                : named.stream().filter(t -> language.equals(language(t))).toList());
        named.stream().filter(t -> !all.contains(t)).forEach(all::add);
        all.addAll(importing);
        // a test importing the package's entry (from pkg import match; import x from './index.js') that re-exports the file,
        // unless a test is named after the file: then that is its test, and every other importer of the package only adds
        // time and ways to fail for reasons that are not the change (a test dependency not installed)
        for (String test : named.isEmpty() ? tests : List.<String>of()) {
            if (!all.contains(test) && packages.of(test).equals(pkg) && importsThroughEntry(test, source)) {
                all.add(test);
            }
        }
        if (all.isEmpty()) {
            // no test uses it directly: the tests that reach it through the files they import exercise it, nearest
            // first (debug's test.js reaches src/common.js through src/index.js and src/node.js: three steps)
            List<List<String>> byDistance = new ArrayList<>();
            for (int i = 0; i < MAX_IMPORT_STEPS; i++) {
                byDistance.add(new ArrayList<>());
            }
            for (String test : tests) {
                if (packages.of(test).equals(pkg)) {
                    int distance = importSteps(test, source);
                    if (distance > 0) {
                        byDistance.get(distance - 1).add(test);
                    }
                }
            }
            byDistance.forEach(all::addAll);
        }
        return all.size() <= max ? all : all.subList(0, max);
    }

    private static final Map<String, String> LANGUAGES = Map.ofEntries(Map.entry("py", "python"), Map.entry("pyi", "python"),
            Map.entry("js", "js"), Map.entry("mjs", "js"), Map.entry("cjs", "js"), Map.entry("jsx", "js"), Map.entry("ts", "js"),
            Map.entry("tsx", "js"), Map.entry("mts", "js"), Map.entry("cts", "js"), Map.entry("java", "jvm"),
            Map.entry("kt", "jvm"), Map.entry("scala", "jvm"), Map.entry("groovy", "jvm"), Map.entry("go", "go"),
            Map.entry("rs", "rust"), Map.entry("rb", "ruby"));

    /** The language a file is written in, by its extension (TypeScript with JavaScript, Kotlin with Java), or null. */
    static String language(String path) {
        int dot = path.lastIndexOf('.');
        return dot < path.lastIndexOf('/') + 1 ? null : LANGUAGES.get(path.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private boolean importsThroughEntry(String test, String source) {
        for (String imported : importsOf(test)) {
            if (isEntry(imported) && importsOf(imported).contains(source)
                    && (!test.endsWith(".py") || usesNameFrom(test, imported, source))) {
                return true;
            }
            // a helper the tests share (test/testFunctions.js: test({validator: 'isEmail', valid: […]}) calls the code it
            // imports) is the way every test using it reaches that code, directly or through the package's entry
            if (!imported.endsWith(".py") && TestPaths.isTestPath(imported) && content.holdsNoTests(imported)
                    && (importsOf(imported).contains(source)
                    || importsOf(imported).stream().anyMatch(e -> isEntry(e) && importsOf(e).contains(source)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isEntry(String file) {
        String name = file.substring(file.lastIndexOf('/') + 1);
        int dot = name.indexOf('.');
        return MODULE_FILE_NAMES.contains(dot > 0 ? name.substring(0, dot) : name);
    }

    /**
     * Python: whether what {@code test} imports from the package {@code entry} (its __init__) includes a
     * name the package takes from {@code source} ({@code from pkg import match} with {@code from
     * ._deprecated import match}); a plain {@code import pkg} uses all of it.
     */
    private boolean usesNameFrom(String test, String entry, String source) {
        Set<String> names = new HashSet<>();
        boolean whole = false;
        for (String specifier : content.importsOf(test)) {
            if (resolve(test, specifier).contains(entry)) {
                boolean fromImport = false;
                for (String other : content.importsOf(test)) {
                    if (other.startsWith(specifier + ".")) {
                        names.add(other.substring(specifier.length() + 1));
                        fromImport = true;
                    }
                }
                // `import jsonpickle` beside `from jsonpickle import tags` still uses all of it
                whole |= !fromImport || importsWhole(test, specifier);
            }
        }
        if (whole) {
            return true;
        }
        for (String specifier : content.importsOf(entry)) {
            int dot = specifier.lastIndexOf('.');
            if (dot > 0 && names.contains(specifier.substring(dot + 1)) && specifier.charAt(dot - 1) != '.'
                    && resolve(entry, specifier.substring(0, dot)).contains(source)) {
                return true;
            }
        }
        return false;
    }

    /** The module a package directory's manifest names as its main ("main": "lib/index.js"), when it is a file here. */
    private List<String> packageMain(String dir) {
        String manifest = dir.isEmpty() ? "package.json" : dir + "/package.json";
        if (root == null || !files.contains(manifest)) {
            return List.of();
        }
        String main;
        try {
            com.fasterxml.jackson.databind.JsonNode json = ManifestFile.json(root, manifest);
            main = json.path("main").asText("");
            // or its exports' entry: "exports": "./index.js", or {".": "./index.js"}, or {".": {"import": …, "default": …}}
            com.fasterxml.jackson.databind.JsonNode exports = json.path("exports");
            com.fasterxml.jackson.databind.JsonNode dot = exports.isTextual() ? exports : exports.path(".");
            for (String condition : List.of("import", "default", "require", "node")) {
                if (dot.isObject() && dot.path(condition).isTextual()) {
                    dot = dot.path(condition);
                }
            }
            if (main.isEmpty() && dot.isTextual()) {
                main = dot.asText("");
            }
            main = main.replaceFirst("^\\./", "");
        } catch (com.fasterxml.jackson.core.JsonProcessingException unreadable) {
            return List.of(); // a manifest that is not JSON names no main
        }
        String base = main.isEmpty() ? null : normalize(dir.isEmpty() ? main : dir + "/" + main);
        if (base == null) {
            return List.of();
        }
        for (String ext : JS_EXTENSIONS) {
            if (files.contains(base + ext)) {
                return List.of(base + ext);
            }
        }
        return List.of();
    }

    /** Whether Python {@code file} has a plain {@code import specifier} (not only {@code from specifier import …}). */
    private boolean importsWhole(String file, String specifier) {
        byte[] text = root == null ? null : ContentIndex.read(root, file);
        return text != null && java.util.regex.Pattern.compile("(?m)^\\s*import\\s+(?:[\\w.]+\\s*,\\s*)*"
                + java.util.regex.Pattern.quote(specifier) + "\\s*(?:$|#|,|as\\b)").matcher(new String(text,
                java.nio.charset.StandardCharsets.UTF_8)).find();
    }

    /** Whether {@code test} reaches {@code source} through its imports (within the steps followed). */
    boolean reaches(String test, String source) {
        return importSteps(test, source) > 0 || importsThroughEntry(test, source);
    }

    /** How many imports lead from {@code from} to {@code to} (at most MAX_IMPORT_STEPS; 0 when it does not within that). */
    private int importSteps(String from, String to) {
        Set<String> seen = new java.util.HashSet<>(List.of(from));
        List<String> frontier = List.of(from);
        for (int step = 1; step <= MAX_IMPORT_STEPS && !frontier.isEmpty(); step++) {
            List<String> next = new ArrayList<>();
            for (String file : frontier) {
                for (String imported : importsOf(file)) {
                    if (imported.equals(to)) {
                        return step;
                    }
                    if (seen.size() < MAX_IMPORT_WALK && seen.add(imported)) {
                        next.add(imported);
                    }
                }
            }
            frontier = next;
        }
        return 0;
    }

    /** theme.test.js, ThemeTest.java, test_theme.py, theme_test.go, theme.js → "theme"; index.js → its directory's name. */
    static String baseName(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.indexOf('.', 1);
        String base = dot > 0 ? name.substring(0, dot) : name;
        if (MODULE_FILE_NAMES.contains(base) && path.contains("/")) { // index.js, not Main.java (a class)
            String parentName = parent(path);
            base = parentName.substring(parentName.lastIndexOf('/') + 1);
        }
        String lower = CAMEL_BOUNDARY.matcher(base).replaceAll("_").toLowerCase(Locale.ROOT);
        lower = TEST_SUFFIX.matcher(TEST_PREFIX.matcher(lower).replaceFirst("")).replaceFirst("");
        return lower.replace("-", "").replace("_", "");
    }

    /** test_pysemver-cli.py has the word "cli" of cli.py: a test named after the file among other words (the tool's name). */
    static boolean nameHasWord(String test, String sourceBase) {
        if (sourceBase.length() < 3) {
            return false;
        }
        String name = test.substring(test.lastIndexOf('/') + 1);
        int dot = name.indexOf('.', 1);
        List<String> words = new ArrayList<>();
        for (String segment : (dot > 0 ? name.substring(0, dot) : name).split("[-_]+")) {
            words.addAll(ContentIndex.splitIdentifier(segment));
        }
        words.removeIf(w -> w.equals("test") || w.equals("tests") || w.equals("spec"));
        return words.size() > 1 && words.contains(sourceBase);
    }

    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    private static String normalize(String path) {
        Path normal = Path.of(path).normalize();
        String text = normal.toString().replace('\\', '/');
        return text.isEmpty() || text.startsWith("..") ? null : text;
    }
}
