package dev.harness.planning;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a check's command names in the workspace — an npm script, a Makefile target, a Maven
 * module, a pytest path, a tox environment, a directory it changes into, a locally installed npx
 * tool — and which of those do not exist. Such a check fails on the unchanged project ("Missing
 * script: lint"), so a run stops at a decision before any work was judged. Read from the files
 * alone: planning never runs the project's code. Where the command is beyond what text tells
 * (pipelines, substitutions, an included Makefile), nothing is claimed.
 */
public final class CheckTargets {
    // compiled once: every check of every plan goes through these
    private static final Pattern STEP = Pattern.compile("&&|;");
    private static final Pattern ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*");
    private static final Pattern LEADING_DOT_SLASH = Pattern.compile("^\\./");
    private static final Pattern TRAILING_SLASHES = Pattern.compile("/+$");
    /** pytest options taking the next word as their value (shared with TestRunner's reading of the project's own commands). */
    static final Set<String> PYTEST_VALUE_OPTIONS = Set.of("-k", "-m", "-p", "-c", "-o", "-W", "--rootdir",
            "--deselect", "--ignore", "--ignore-glob", "--confcutdir", "--basetemp", "--junitxml", "--cov", "--cov-report",
            "--maxfail", "--tb", "-n", "--durations", "--log-level", "--import-mode", "-r");
    private static final Pattern UNREADABLE = Pattern.compile("\\$\\(|`|\\|\\||(?<!\\|)\\|(?!\\|)|[<>]");

    private CheckTargets() {}

    /**
     * Why {@code command} cannot run in the workspace at {@code root}: the script, target, module,
     * path or environment it names that is not there; empty when everything it names exists or
     * the command is beyond what its text tells.
     */
    public static Optional<String> missing(String command, Path root) {
        if (command == null || UNREADABLE.matcher(command).find()) {
            return Optional.empty();
        }
        String dir = "";
        for (String step : STEP.split(command)) {
            List<String> words = words(step.strip());
            if (words == null) {
                return Optional.empty();
            }
            while (!words.isEmpty() && ASSIGNMENT.matcher(words.get(0)).matches()) {
                words.remove(0); // VAR=value before the command
            }
            if (words.isEmpty()) {
                continue;
            }
            String tool = words.get(0);
            List<String> args = words.subList(1, words.size());
            if (tool.equals("cd")) {
                if (args.size() != 1 || args.get(0).startsWith("/") || args.get(0).startsWith("~") || args.get(0).contains("$")) {
                    return Optional.empty();
                }
                String next = join(dir, args.get(0));
                if (!Files.isDirectory(root.resolve(next))) {
                    return Optional.of("it changes into " + next + ", which is not a directory of the workspace");
                }
                dir = next;
                continue;
            }
            Optional<String> why = switch (tool) {
                case "npm" -> npm(args, root, dir);
                case "yarn", "pnpm" -> yarnOrPnpm(tool, args, root, dir);
                case "npx" -> npx(args, root, dir);
                case "make", "gmake" -> make(args, root, dir);
                case "mvn", "./mvnw" -> maven(args, root, dir);
                case "pytest", "py.test" -> pytest(args, root, dir);
                case "python", "python3" -> args.size() >= 2 && args.get(0).equals("-m") && args.get(1).equals("pytest")
                        ? pytest(args.subList(2, args.size()), root, dir) : Optional.<String>empty();
                case "tox" -> tox(args, root, dir);
                case "go" -> go(args, root, dir);
                default -> Optional.empty();
            };
            if (why.isPresent()) {
                return why;
            }
        }
        return Optional.empty();
    }

    /**
     * Why {@code command} rewrites the workspace through a package.json script it runs ({@code npm test}
     * whose chain runs {@code npm run format}, which runs {@code prettier --write}); empty when no script
     * it runs does, or the command is beyond what its text tells. What the command's own text says is
     * CheckCommand.rewritesTree's.
     */
    public static Optional<String> rewrites(String command, Path root) {
        if (command == null || UNREADABLE.matcher(command).find()) {
            return Optional.empty();
        }
        String dir = "";
        for (String step : STEP.split(command)) {
            List<String> words = words(step.strip());
            if (words == null || words.isEmpty()) {
                continue;
            }
            if (words.get(0).equals("cd") && words.size() == 2 && !words.get(1).startsWith("/") && !words.get(1).contains("$")) {
                dir = join(dir, words.get(1));
                continue;
            }
            while (!words.isEmpty() && ASSIGNMENT.matcher(words.get(0)).matches()) {
                words = words.subList(1, words.size()); // TZ=UTC npm test runs the same script
            }
            if (!words.isEmpty() && words.get(0).matches("(?:\\./)?mvnw?")) {
                // a plugin the build binds that rewrites the sources runs with every goal unless its skip property is given
                int pl = Math.max(words.indexOf("-pl"), words.indexOf("--projects"));
                String module = pl >= 0 && pl + 1 < words.size() ? words.get(pl + 1).split(",")[0] : "";
                List<String> given = words;
                List<String> missing = java.util.Arrays.stream(TestRunner.mavenRewriteSkips(root.resolve(dir.isEmpty() ? "." : dir), module)
                        .trim().split(" ")).filter(flag -> !flag.isEmpty() && !given.contains(flag)).toList();
                if (!missing.isEmpty()) {
                    return Optional.of("the build binds a plugin goal that rewrites the sources; add " + String.join(" ", missing));
                }
                continue;
            }
            Optional<String> script = ScriptChain.scriptOf(String.join(" ", words));
            if (script.isEmpty() || hasWorkspaceFlag(words)) {
                continue;
            }
            JsonNode scripts;
            try {
                scripts = ManifestFile.json(root, join(dir, "package.json")).path("scripts");
            } catch (IOException | RuntimeException e) {
                continue;
            }
            Optional<String> why = words.contains("--ignore-scripts") ? ScriptChain.rewritesWithoutHooks(scripts, script.get())
                    : ScriptChain.rewrites(scripts, script.get());
            if (why.isPresent()) {
                return why;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> npm(List<String> args, Path root, String dir) {
        if (args.isEmpty()) {
            return Optional.empty();
        }
        String sub = args.get(0);
        String script = switch (sub) {
            case "test", "t", "tst" -> "test";
            case "start" -> "start";
            case "run", "run-script", "rum", "urn" -> args.size() > 1 && !args.get(1).startsWith("-") ? args.get(1) : null;
            default -> null;
        };
        if (script == null || args.contains("--if-present") || hasWorkspaceFlag(args)) {
            return Optional.empty();
        }
        return script(script, root, dir, "npm");
    }

    private static Optional<String> yarnOrPnpm(String tool, List<String> args, Path root, String dir) {
        if (args.isEmpty() || args.get(0).startsWith("-") || hasWorkspaceFlag(args)) {
            return Optional.empty();
        }
        String script;
        if (args.get(0).equals("run")) {
            if (args.size() < 2 || args.get(1).startsWith("-")) {
                return Optional.empty();
            }
            script = args.get(1);
        } else if (args.get(0).equals("test")) {
            script = "test";
        } else {
            return Optional.empty(); // `yarn NAME` may be a script, a bin of node_modules or yarn's own command: not claimed
        }
        return script(script, root, dir, tool);
    }

    private static boolean hasWorkspaceFlag(List<String> args) {
        return args.stream().anyMatch(a -> a.equals("-w") || a.startsWith("--workspace") || a.equals("-r") || a.equals("--recursive")
                || a.startsWith("--filter") || a.startsWith("--prefix") || a.equals("-C") || a.startsWith("--dir"));
    }

    private static Optional<String> script(String script, Path root, String dir, String tool) {
        String manifest = join(dir, "package.json");
        if (!Files.isRegularFile(root.resolve(manifest))) {
            return Optional.of("'" + tool + "' finds no package.json in " + (dir.isEmpty() ? "the workspace root" : dir));
        }
        JsonNode scripts;
        try {
            scripts = ManifestFile.json(root, manifest).path("scripts");
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // unreadable: ToolchainDetector says so in the plan's warnings
        }
        if (!scripts.path(script).isTextual()) {
            return Optional.of(manifest + " has no \"" + script + "\" script");
        }
        return Optional.empty();
    }

    private static Optional<String> npx(List<String> args, Path root, String dir) {
        int i = 0;
        while (i < args.size() && args.get(i).startsWith("-")) {
            if (args.get(i).equals("-p") || args.get(i).equals("--package") || args.get(i).equals("-c") || args.get(i).equals("--call")) {
                return Optional.empty(); // a package fetched on purpose, or a shell line
            }
            i++;
        }
        if (i >= args.size()) {
            return Optional.empty();
        }
        String bin = args.get(i);
        if (bin.contains("@") || bin.contains("/")) {
            return Optional.empty();
        }
        // only where dependencies are installed (node_modules here or above, within the workspace): otherwise nothing is known
        for (String d = dir; ; d = SourceGraph.parent(d)) {
            Path modules = root.resolve(join(d, "node_modules"));
            if (Files.isDirectory(modules)) {
                return Files.exists(modules.resolve(".bin").resolve(bin)) ? Optional.empty()
                        : Optional.of("'" + bin + "' is not installed in " + join(d, "node_modules")
                        + " (npx would fetch a package of that name from the registry)");
            }
            if (d.isEmpty()) {
                return Optional.empty();
            }
        }
    }

    private static Optional<String> make(List<String> args, Path root, String dir) {
        String makeDir = dir;
        String file = null;
        List<String> targets = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-C") && i + 1 < args.size()) {
                makeDir = join(makeDir, args.get(++i));
            } else if ((a.equals("-f") || a.equals("--file")) && i + 1 < args.size()) {
                file = args.get(++i);
            } else if (a.startsWith("-") || a.contains("=")) {
                if (a.matches("-[jlo]|--jobs|--load-average") && i + 1 < args.size() && args.get(i + 1).matches("\\d+")) {
                    i++;
                }
            } else {
                targets.add(a);
            }
        }
        String makefile = null;
        for (String name : file != null ? List.of(file) : List.of("GNUmakefile", "makefile", "Makefile")) {
            if (Files.isRegularFile(root.resolve(join(makeDir, name)))) {
                makefile = join(makeDir, name);
                break;
            }
        }
        if (makefile == null) {
            return Optional.of("there is no Makefile in " + (makeDir.isEmpty() ? "the workspace root" : makeDir));
        }
        String text = ManifestFile.read(root, makefile);
        // included makefiles and pattern rules can define any target: then nothing is claimed
        if (text.isEmpty() || Pattern.compile("(?m)^\\s*-?include\\s|^[^\\s#:=]*%[^:=]*:").matcher(text).find()) {
            return Optional.empty();
        }
        for (String target : targets) {
            if (!Pattern.compile("(?m)^(?:[^\\s#:=]+\\s+)*" + Pattern.quote(target) + "(?:\\s+[^\\s#:=]+)*\\s*::?(?!=)").matcher(text).find()) {
                return Optional.of(makefile + " has no \"" + target + "\" target");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> maven(List<String> args, Path root, String dir) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String value = null;
            if ((a.equals("-pl") || a.equals("--projects")) && i + 1 < args.size()) {
                value = args.get(++i);
            } else if (a.startsWith("--projects=")) {
                value = a.substring("--projects=".length());
            }
            if (value != null) {
                for (String module : value.split(",")) {
                    String m = module.replaceFirst("^[!-]", "");
                    if (m.isEmpty() || m.startsWith(":") || m.contains(":")) {
                        continue; // [groupId]:artifactId selectors name artifacts, not directories
                    }
                    if (!Files.isRegularFile(root.resolve(join(join(dir, m), "pom.xml")))) {
                        return Optional.of("Maven module " + join(dir, m) + " has no pom.xml");
                    }
                }
            }
        }
        if (!Files.isRegularFile(root.resolve(join(dir, "pom.xml"))) && args.stream().noneMatch(a -> a.equals("-f") || a.startsWith("--file"))) {
            return Optional.of("there is no pom.xml in " + (dir.isEmpty() ? "the workspace root" : dir));
        }
        return Optional.empty();
    }

    private static Optional<String> pytest(List<String> args, Path root, String dir) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("-")) {
                if (PYTEST_VALUE_OPTIONS.contains(a)) {
                    i++;
                }
                continue;
            }
            String path = a.replaceFirst("::.*$", "");
            if (path.contains("*") || path.contains("?") || path.startsWith("/")) {
                continue;
            }
            if (!Files.exists(root.resolve(join(dir, path)))) {
                return Optional.of("pytest is given " + join(dir, path) + ", which does not exist");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> tox(List<String> args, Path root, String dir) {
        List<String> envs = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("-e") && i + 1 < args.size()) {
                envs.addAll(List.of(args.get(++i).split(",")));
            } else if (args.get(i).startsWith("-e") && args.get(i).length() > 2) {
                envs.addAll(List.of(args.get(i).substring(2).split(",")));
            }
        }
        if (envs.isEmpty()) {
            return Optional.empty();
        }
        String ini = ManifestFile.read(root, join(dir, "tox.ini"));
        if (ini.isEmpty()) {
            return Optional.empty(); // tox configured in pyproject.toml or setup.cfg: not read here
        }
        java.util.regex.Matcher list = Pattern.compile("(?m)^\\s*envlist\\s*=\\s*((?:.*\\n?)(?:^[ \\t]+.*\\n?)*)").matcher(ini);
        String envlist = list.find() ? list.group(1) : "";
        if (envlist.contains("{")) {
            return Optional.empty(); // generated environment names (py3{10,11}): not expanded here
        }
        Set<String> known = new java.util.HashSet<>(List.of(envlist.split("[\\s,]+")));
        java.util.regex.Matcher section = Pattern.compile("(?m)^\\[testenv:([^\\]]+)\\]").matcher(ini);
        while (section.find()) {
            known.add(section.group(1).strip());
        }
        for (String env : envs) {
            // py310-style factor environments run without a section of their own
            if (!known.contains(env) && !env.matches("py\\d*|pypy\\d*|ALL")) {
                return Optional.of(join(dir, "tox.ini") + " has no \"" + env + "\" environment");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> go(List<String> args, Path root, String dir) {
        if (args.isEmpty() || !(args.get(0).equals("test") || args.get(0).equals("vet") || args.get(0).equals("build"))) {
            return Optional.empty();
        }
        for (String a : args.subList(1, args.size())) {
            if (a.startsWith("./")) {
                String path = a.replaceFirst("/\\.\\.\\.$", "").replaceFirst("^\\./", "");
                if (!path.isEmpty() && !path.equals("...") && !Files.isDirectory(root.resolve(join(dir, path)))) {
                    return Optional.of("go is given " + a + ", which is not a directory of " + (dir.isEmpty() ? "the workspace" : dir));
                }
            }
        }
        return Optional.empty();
    }

    private static String join(String dir, String path) {
        String p = TRAILING_SLASHES.matcher(LEADING_DOT_SLASH.matcher(path).replaceFirst("")).replaceAll("");
        if (p.isEmpty() || p.equals(".")) {
            return dir;
        }
        return dir.isEmpty() ? p : dir + "/" + p;
    }

    /** The shell words of one simple command (single and double quotes, backslashes); null when unbalanced. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < text.length()) {
                    word.append(text.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (c == '\\' && i + 1 < text.length()) {
                word = word == null ? new StringBuilder() : word;
                word.append(text.charAt(++i));
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (quote != 0) {
            return null;
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }
}
