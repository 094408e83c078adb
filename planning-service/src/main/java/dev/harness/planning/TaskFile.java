package dev.harness.planning;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A task runner's file (a jakefile, a Makefile) as named tasks, each with its prerequisites and the shell commands
 * it runs: what a package.json test script that only delegates ({@code npx jake test}, {@code make test}) really
 * runs, so a check can start the test runner itself on a few files, after the one compile step the tests need,
 * instead of the whole chain (lint, clean, compile, bundle, minify, then every test).
 */
public final class TaskFile {
    /** One task: its prerequisites (run first, in order) and the commands its own body runs. */
    public record Task(String name, List<String> prerequisites, List<String> commands) {}

    /** What a test script delegates to: how to start the task runner, and the task it names. */
    public record Delegation(String launcher, String task) {}

    /** How one syntax of task file is read: the files it is found in, and its tasks. */
    interface Syntax {
        List<String> fileNames();

        /** The tasks of {@code text}, by full name (a jake namespace's tasks as {@code ns:task}). */
        Map<String, Task> tasks(String text);

        /** The name a prerequisite written inside task {@code from} refers to, among {@code tasks}. */
        String resolve(String prerequisite, String from, Map<String, Task> tasks);
    }

    private static final Pattern DELEGATES = Pattern.compile(
            "^(?:npx\\s+(?:--no-install\\s+|--yes\\s+|-y\\s+)?)?(jake|make)(?:\\s+([\\w:][\\w:.-]*))?$");
    private static final int MAX_TASKS = 40;

    private final String launcher;
    private final Syntax syntax;
    private final Map<String, Task> tasks;

    private TaskFile(String launcher, Syntax syntax, Map<String, Task> tasks) {
        this.launcher = launcher;
        this.syntax = syntax;
        this.tasks = tasks;
    }

    /** The task runner a test script's one step starts ({@code npx jake test} → jake's test; {@code make} → its default). */
    public static Optional<Delegation> delegation(String testScript) {
        Matcher m = DELEGATES.matcher(testScript.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        boolean jake = m.group(1).equals("jake");
        return Optional.of(new Delegation(jake ? "npx jake" : "make", m.group(2) == null ? (jake ? "default" : "") : m.group(2)));
    }

    /** The task file of the runner {@code delegation} names, read from {@code dir} of the workspace; empty when none is there. */
    public static Optional<TaskFile> read(Path root, String dir, Delegation delegation) {
        Syntax syntax = delegation.launcher().endsWith("jake") ? new Jake() : new Make();
        String prefix = dir.isEmpty() ? "" : dir + "/";
        for (String name : syntax.fileNames()) {
            String text = ManifestFile.read(root, prefix + name);
            if (!text.isEmpty()) {
                return Optional.of(new TaskFile(delegation.launcher(), syntax, syntax.tasks(text)));
            }
        }
        return Optional.empty();
    }

    /** The task named {@code name} (make's empty name: its first target). */
    public Optional<Task> task(String name) {
        if (name.isEmpty()) {
            return tasks.values().stream().findFirst();
        }
        return Optional.ofNullable(tasks.get(name));
    }

    /** The tasks running {@code name} runs, prerequisites first and each once, as the runner orders them. */
    public List<Task> order(String name) {
        List<Task> ordered = new ArrayList<>();
        task(name).ifPresent(t -> visit(t, ordered, new HashSet<>(), 0));
        return ordered;
    }

    private void visit(Task task, List<Task> ordered, Set<String> seen, int depth) {
        if (!seen.add(task.name()) || depth > 8 || ordered.size() >= MAX_TASKS) {
            return;
        }
        for (String prerequisite : task.prerequisites()) {
            Task found = tasks.get(syntax.resolve(prerequisite, task.name(), tasks));
            if (found != null) {
                visit(found, ordered, seen, depth + 1);
            }
        }
        ordered.add(task);
    }

    /** The command that runs these tasks ({@code npx jake compile}). */
    public String run(List<String> taskNames) {
        return launcher + " " + String.join(" ", taskNames.stream().map(ShellQuote::quoteIfNeeded).toList());
    }

    /** The command a delegated test task starts its test runner with, and the tasks before it that compile. */
    public record TestRun(String runner, List<String> compileTasks) {}

    /** Tools that write the code the tests load (type-checking alone, {@code tsc --noEmit}, writes nothing). */
    private static final Set<String> COMPILERS = Set.of("tsc", "babel", "swc", "esbuild", "tsup", "rollup", "coffee", "tsdown",
            "unbuild", "microbundle");

    /**
     * The first command running {@code task} runs that {@code isRunner} accepts (a test runner), and the tasks ordered
     * before it whose commands compile: lint, clean, bundle and minify tasks are not what the tests load.
     */
    public Optional<TestRun> testRun(String task, java.util.function.Predicate<String> isRunner) {
        List<String> compile = new ArrayList<>();
        for (Task t : order(task)) {
            for (String command : t.commands()) {
                String bare = bareCommand(command);
                if (isRunner.test(bare)) {
                    return Optional.of(new TestRun(bare, List.copyOf(compile)));
                }
                String[] words = bare.replaceFirst("^npx\\s+", "").split("\\s+");
                if (COMPILERS.contains(words[0]) && !bare.contains("--noEmit") && !compile.contains(t.name())) {
                    compile.add(t.name());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * A command as a shell would see it once the task file's path noise is gone: {@code ./node_modules/.bin/mocha --u tdd}
     * → {@code mocha --u tdd} (the package's own binary, which npx finds).
     */
    static String bareCommand(String command) {
        return command.strip().replaceFirst("^(?:\\./)?node_modules/\\.bin/", "").replaceFirst("^\\$\\(npm bin\\)/", "");
    }

    /** jake: {@code task('name', ['pre', …], function () { exec('…'); })}, inside {@code namespace('ns', function () {…})}. */
    static final class Jake implements Syntax {
        private static final Pattern TASK = Pattern.compile("\\b(task|namespace)\\(\\s*(['\"])([\\w:.-]+)\\2\\s*,");
        private static final Pattern PREREQUISITES = Pattern.compile("\\G\\s*\\[([^\\]]*)\\]");
        private static final Pattern NAME = Pattern.compile("(['\"])([\\w:.-]+)\\1");
        /** exec('…'), execSync("…"), exec(path.join('…')): the literal command a task's body runs. */
        private static final Pattern EXEC = Pattern.compile(
                "\\bexec(?:Sync)?\\(\\s*(?:path\\.join\\(\\s*)?(['\"`])([^'\"`\\n]+)\\1\\s*\\)?\\s*[,)]");

        @Override
        public List<String> fileNames() {
            return List.of("jakefile.js", "Jakefile", "jakefile", "Jakefile.js", "jakefile.cjs", "Jakefile.cjs");
        }

        @Override
        public Map<String, Task> tasks(String text) {
            Map<String, Task> found = new LinkedHashMap<>();
            collect(text, 0, text.length(), "", found);
            return found;
        }

        private static void collect(String text, int from, int to, String namespace, Map<String, Task> found) {
            Matcher m = TASK.matcher(text).region(from, to);
            while (m.find() && found.size() < MAX_TASKS) {
                int open = text.lastIndexOf('(', m.start(2));
                int end = CodeBrackets.closing(text, open);
                int close = Math.min(end < 0 ? text.length() : end, to);
                String name = namespace + m.group(3);
                if (m.group(1).equals("namespace")) {
                    collect(text, m.end(), close, name + ":", found);
                } else {
                    List<String> prerequisites = new ArrayList<>();
                    Matcher list = PREREQUISITES.matcher(text).region(m.end(), close);
                    if (list.find()) {
                        Matcher each = NAME.matcher(list.group(1));
                        while (each.find()) {
                            prerequisites.add(each.group(2));
                        }
                    }
                    List<String> commands = new ArrayList<>();
                    Matcher exec = EXEC.matcher(text).region(m.end(), close);
                    while (exec.find()) {
                        commands.add(exec.group(2).strip());
                    }
                    found.putIfAbsent(name, new Task(name, List.copyOf(prerequisites), List.copyOf(commands)));
                }
                m.region(Math.max(close, m.end()), to);
            }
        }

        @Override
        public String resolve(String prerequisite, String from, Map<String, Task> tasks) {
            // jake looks a name up in the namespace of the task naming it first, then from the top
            int colon = from.lastIndexOf(':');
            String local = colon < 0 ? prerequisite : from.substring(0, colon + 1) + prerequisite;
            return tasks.containsKey(local) ? local : prerequisite;
        }
    }

    /** make: {@code target: prerequisites} and its tab-indented recipe. */
    static final class Make implements Syntax {
        private static final Pattern RULE = Pattern.compile("(?m)^([\\w./-]+(?:[ \\t]+[\\w./-]+)*)[ \\t]*:(?![=:])([^\\n]*)\\n((?:\\t[^\\n]*\\n?)*)");

        @Override
        public List<String> fileNames() {
            return List.of("GNUmakefile", "makefile", "Makefile");
        }

        @Override
        public Map<String, Task> tasks(String text) {
            Map<String, Task> found = new LinkedHashMap<>();
            Matcher m = RULE.matcher(text.replace("\\\n", " "));
            while (m.find() && found.size() < MAX_TASKS) {
                List<String> prerequisites = new ArrayList<>();
                for (String word : m.group(2).replaceFirst("#.*", "").replaceFirst("\\|.*", "").strip().split("\\s+")) {
                    if (!word.isEmpty()) {
                        prerequisites.add(word);
                    }
                }
                List<String> commands = m.group(3).lines().map(String::strip).map(l -> l.replaceFirst("^[@+-]+", "").strip())
                        .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
                for (String target : m.group(1).strip().split("\\s+")) {
                    if (!target.startsWith(".")) { // .PHONY and other special targets
                        found.putIfAbsent(target, new Task(target, List.copyOf(prerequisites), commands));
                    }
                }
            }
            return found;
        }

        @Override
        public String resolve(String prerequisite, String from, Map<String, Task> tasks) {
            return prerequisite;
        }
    }
}
