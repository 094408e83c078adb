package dev.harness.planning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The time zone and locale a JavaScript project's own test entry points run its suite under: a wrapper script that starts
 * the tests ({@code TZ="America/New_York" LANG=en_US.utf8 npm run test} in scripts/test), or the {@code env:} of a CI
 * workflow that runs them. A suite written for one time zone fails on a machine in another although nothing is wrong with
 * the code, so the checks carry the same settings ({@code TZ=America/New_York npm test}). Only these machine settings are
 * taken: a CI's other variables are switches of that CI or credentials, never something a check should copy.
 */
final class TestEnvironment {
    /** The machine settings a suite's results may depend on: time zone and locale. */
    private static final Pattern MACHINE_SETTING = Pattern.compile("TZ|LANG|LANGUAGE|LC_[A-Z]+");
    /** {@code [export] [cross-env|env] A=1 B="2" command…}: the assignments in front of a command, and the command. */
    private static final Pattern ASSIGNED = Pattern.compile(
            "^(?:export\\s+)?(?:(?:cross-env|env)\\s+)?((?:[A-Za-z_][A-Za-z0-9_]*=(?:\"[^\"\\n]*\"|'[^'\\n]*'|[^\\s\"']*)\\s+)+)(?:exec\\s+)?(\\S.*)$");
    private static final Pattern ONE_ASSIGNMENT = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"\\n]*\"|'[^'\\n]*'|[^\\s\"']*)");
    /** A command that runs a package's tests: its test script, or a JavaScript test runner. */
    private static final Pattern RUNS_TESTS = Pattern.compile(
            "^(?:npm\\s+(?:run(?:-script)?\\s+)?(?:test|t)\\b|(?:yarn|pnpm)\\s+(?:run\\s+)?test\\b"
                    + "|(?:npx\\s+|\\./node_modules/\\.bin/|node_modules/\\.bin/)?(?:jest|mocha|_mocha|vitest|ava|tap|tape|uvu)\\b"
                    + "|node\\s+(?:\\S+\\s+)*--test\\b)");
    /** Directories holding a project's helper scripts, a test wrapper among them. */
    private static final List<String> SCRIPT_DIRECTORIES = List.of("scripts", "script", "bin", "tools");
    private static final int MAX_SCRIPTS = 40;
    private static final long MAX_SCRIPT_BYTES = 64 * 1024;
    /** A YAML {@code env:} key and the {@code NAME: value} lines indented under it. */
    private static final Pattern YAML_ENV = Pattern.compile("^(\\s*)(?:-\\s+)?env:\\s*$");
    private static final Pattern YAML_PAIR = Pattern.compile("^(\\s*)([A-Za-z_][A-Za-z0-9_]*):\\s*(\"[^\"]*\"|'[^']*'|[^#]*?)\\s*(?:#.*)?$");

    private TestEnvironment() {
    }

    /**
     * The settings (name → value, in the order found) the test wrappers of the package at {@code packageDir} and the CI
     * workflows running its tests give; a setting two of them give different values is left out (no way to tell which).
     */
    static Map<String, String> of(Path root, String packageDir) {
        Map<String, String> found = new LinkedHashMap<>();
        Set<String> conflicting = new java.util.HashSet<>();
        List<String> wrappers = new ArrayList<>();
        for (String file : scriptFiles(root, packageDir)) {
            Map<String, String> set = settingsBeforeTests(ManifestFile.read(root, file), List.of());
            if (!set.isEmpty()) {
                wrappers.add(file.substring(packageDir.isEmpty() ? 0 : packageDir.length() + 1));
                merge(found, set, conflicting);
            }
        }
        for (String file : ManifestFile.ciFiles(root)) {
            merge(found, ciSettings(ManifestFile.read(root, file), wrappers), conflicting);
        }
        conflicting.forEach(found::remove);
        return found;
    }

    private static void merge(Map<String, String> into, Map<String, String> set, Set<String> conflicting) {
        set.forEach((name, value) -> {
            String before = into.putIfAbsent(name, value);
            if (before != null && !before.equals(value)) {
                conflicting.add(name);
            }
        });
    }

    /** Shell scripts of the package: files in its script directories, its *.sh files and its Makefile. */
    private static List<String> scriptFiles(Path root, String packageDir) {
        String prefix = packageDir.isEmpty() ? "" : packageDir + "/";
        List<String> files = new ArrayList<>();
        for (String dir : SCRIPT_DIRECTORIES) {
            listInto(root, prefix + dir, name -> true, files);
        }
        listInto(root, packageDir, name -> name.endsWith(".sh") || name.equals("Makefile") || name.equals("makefile"), files);
        return files.size() > MAX_SCRIPTS ? files.subList(0, MAX_SCRIPTS) : files;
    }

    private static void listInto(Path root, String dir, java.util.function.Predicate<String> wanted, List<String> files) {
        Path path = dir.isEmpty() ? root : root.resolve(dir);
        if (!Files.isDirectory(path) || !ManifestFile.inside(root, path)) {
            return;
        }
        try (var entries = Files.list(path)) {
            entries.filter(e -> wanted.test(e.getFileName().toString()) && Files.isRegularFile(e))
                    .filter(e -> {
                        try {
                            return Files.size(e) <= MAX_SCRIPT_BYTES;
                        } catch (IOException ex) {
                            return false;
                        }
                    })
                    .map(e -> dir.isEmpty() ? e.getFileName().toString() : dir + "/" + e.getFileName())
                    .sorted().limit(MAX_SCRIPTS).forEach(files::add);
        } catch (IOException | java.io.UncheckedIOException e) {
            // an unreadable directory holds no wrapper that could be read
        }
    }

    /**
     * The machine settings assigned in front of a command that runs tests, on any line of {@code text}
     * ({@code TZ=UTC LANG=C.UTF-8 jest "$@"}); {@code wrappers} (scripts/test) count as commands running tests.
     */
    static Map<String, String> settingsBeforeTests(String text, List<String> wrappers) {
        Map<String, String> found = new LinkedHashMap<>();
        for (String raw : text.split("\n")) {
            String line = commandOf(raw);
            Matcher m = ASSIGNED.matcher(line);
            if (m.matches() && runsTests(m.group(2), wrappers)) {
                found.putAll(literalSettings(m.group(1)));
            }
        }
        return found;
    }

    /** A line of a script or a YAML {@code run:} without its indentation, list dash, {@code run:} key or recipe prefix. */
    private static String commandOf(String line) {
        String s = line.strip();
        s = s.replaceFirst("^-\\s+", "").replaceFirst("^run:\\s*", "").replaceFirst("^[@-]+", "");
        return s.strip();
    }

    private static boolean runsTests(String command, List<String> wrappers) {
        if (RUNS_TESTS.matcher(command).find()) {
            return true;
        }
        String first = command.split("\\s+")[0].replaceFirst("^\\./", "");
        return wrappers.contains(first);
    }

    private static Map<String, String> literalSettings(String assignments) {
        Map<String, String> found = new LinkedHashMap<>();
        Matcher one = ONE_ASSIGNMENT.matcher(assignments);
        while (one.find()) {
            String value = unquoted(one.group(2));
            if (MACHINE_SETTING.matcher(one.group(1)).matches() && literal(value)) {
                found.put(one.group(1), value);
            }
        }
        return found;
    }

    /**
     * The machine settings of a CI workflow's {@code env:} blocks when the workflow runs the tests (a {@code run:} line
     * running them, or one of the project's test wrappers); empty for a workflow that only releases or lints.
     */
    static Map<String, String> ciSettings(String yaml, List<String> wrappers) {
        String[] lines = yaml.split("\n");
        boolean runsTests = false;
        for (String line : lines) {
            String command = commandOf(line);
            Matcher assigned = ASSIGNED.matcher(command);
            if (runsTests(assigned.matches() ? assigned.group(2) : command, wrappers)) {
                runsTests = true;
                break;
            }
        }
        Map<String, String> found = new LinkedHashMap<>();
        if (!runsTests) {
            return found;
        }
        Set<String> conflicting = new java.util.HashSet<>();
        for (int i = 0; i < lines.length; i++) {
            Matcher env = YAML_ENV.matcher(lines[i]);
            if (!env.matches()) {
                Matcher assigned = ASSIGNED.matcher(commandOf(lines[i]));
                if (assigned.matches() && runsTests(assigned.group(2), wrappers)) {
                    merge(found, literalSettings(assigned.group(1)), conflicting); // run: TZ=UTC npm test
                }
                continue;
            }
            int indent = env.group(1).length() + (lines[i].strip().startsWith("-") ? 2 : 0);
            for (int j = i + 1; j < lines.length; j++) {
                if (lines[j].isBlank()) {
                    continue;
                }
                Matcher pair = YAML_PAIR.matcher(lines[j]);
                if (!pair.matches() || pair.group(1).length() <= indent) {
                    break;
                }
                String value = unquoted(pair.group(3));
                if (MACHINE_SETTING.matcher(pair.group(2)).matches() && literal(value)) {
                    merge(found, Map.of(pair.group(2), value), conflicting);
                }
            }
        }
        conflicting.forEach(found::remove);
        return found;
    }

    private static String unquoted(String value) {
        String v = value.strip();
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }

    /** A value as written, with nothing the shell or the CI would expand ($VAR, $(pwd), ${{ matrix.tz }}). */
    private static boolean literal(String value) {
        return !value.isEmpty() && !value.contains("$") && !value.contains("`") && !value.contains("\\");
    }

    /** The directory {@code command} runs in: the one its first step changes into ({@code cd 'packages/a' && …}), or "". */
    static String directoryOf(String command) {
        String first = command.split(" && ", 2)[0];
        List<String> words = CheckTargets.words(first.strip());
        if (command.contains(" && ") && words != null && words.size() == 2 && words.get(0).equals("cd")
                && !words.get(1).startsWith("/") && !words.get(1).contains("..") && !words.get(1).contains("$")) {
            return words.get(1).replaceFirst("^\\./", "").replaceFirst("/+$", "");
        }
        return "";
    }

    /**
     * {@code command} with {@code settings} put in front of each of its steps that runs tests (not the build or the
     * {@code cd} before them), quoted; a setting the step assigns itself is its own.
     */
    static String apply(String command, Map<String, String> settings) {
        if (settings.isEmpty()) {
            return command;
        }
        String[] steps = command.split(" && ", -1);
        boolean changed = false;
        for (int i = 0; i < steps.length; i++) {
            Matcher assigned = ASSIGNED.matcher(steps[i]);
            String own = assigned.matches() ? assigned.group(1) : "";
            String rest = assigned.matches() ? assigned.group(2) : steps[i];
            if (!RUNS_TESTS.matcher(rest).find()) {
                continue;
            }
            Map<String, String> ownSettings = new LinkedHashMap<>();
            Matcher one = ONE_ASSIGNMENT.matcher(own);
            while (one.find()) {
                ownSettings.put(one.group(1), one.group(2));
            }
            StringBuilder prefix = new StringBuilder();
            settings.forEach((name, value) -> {
                if (!ownSettings.containsKey(name)) {
                    prefix.append(name).append('=').append(ShellQuote.quoteIfNeeded(value)).append(' ');
                }
            });
            if (prefix.length() > 0) {
                steps[i] = prefix + steps[i];
                changed = true;
            }
        }
        return changed ? String.join(" && ", steps) : command;
    }
}
