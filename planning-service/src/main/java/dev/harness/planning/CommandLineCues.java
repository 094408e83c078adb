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
 * The command-line things an objective names: a {@code --flag}, or {@code `tool subcommand`} where
 * the tool is one of the project's commands. Their place is the file that declares the command line
 * (argparse, click, commander/yargs, picocli, clap, cobra …) or is its console entry point, not every
 * function that happens to take a parameter of the flag's name.
 */
record CommandLineCues(List<String> flags, List<String[]> commands) {
    /** A file that declares the command line, with the line that shows it. */
    record Declaration(String path, int line, String text) {}

    private static final Pattern FLAG = Pattern.compile("(?<![\\p{L}\\p{N}_-])--([a-z][a-z0-9]*(?:-[a-z0-9]+)*)\\b");
    private static final Pattern CODE_SPAN = Pattern.compile("`([a-z][\\w.-]*)\\s+([a-z][\\w-]*)[^`]*`");
    /** Lines that declare a command line's options or subcommands. */
    private static final Pattern DECLARES = Pattern.compile("add_argument\\(|add_parser\\(|add_subparsers\\(|ArgumentParser\\("
            + "|OptionParser\\(|@click\\.(?:command|option|group|argument)|@\\w+\\.(?:command|group)\\(|typer\\.(?:Typer|Option|Argument)\\("
            + "|\\.option\\(\\s*['\"`]-|\\.command\\(\\s*['\"`]|\\byargs\\b|@Option\\(|@Command\\(|@Parameters\\(|#\\[(?:arg|command|clap)\\("
            + "|derive\\([^)]*\\bParser\\b|cobra\\.Command\\b|\\.Flags\\(\\)\\.|\\bflag\\.(?:String|Bool|Int|Duration)(?:Var)?\\("
            + "|\\bgetopt\\b|\\bdocopt\\(");
    /** A comment line (a usage example in a doc comment declares nothing); not Rust's {@code #[arg(…)]}. */
    private static final Pattern COMMENT_LINE = Pattern.compile("//|/\\*|\\*|#(?!\\[)");
    private static final Pattern TRAILING_COMMENT = Pattern.compile("\\s//.*$");
    /** Index keys of words a command-line declaration holds: the files to read for one. */
    private static final List<String> DECLARATION_KEYS = List.of("add_argument", "add_parser", "add_subparsers", "argumentparser",
            "optionparser", "click", "typer", "yargs", "commander", "option", "command", "parameters", "arg", "clap", "cobra",
            "flags", "flag", "getopt", "docopt");
    private static final int MAX_FILES_READ = 300;

    static CommandLineCues of(String objective) {
        List<String> flags = new ArrayList<>();
        Matcher f = FLAG.matcher(objective);
        while (f.find()) {
            if (!flags.contains(f.group())) {
                flags.add(f.group());
            }
        }
        List<String[]> commands = new ArrayList<>();
        Matcher c = CODE_SPAN.matcher(objective);
        while (c.find()) {
            commands.add(new String[] {c.group(1), c.group(2)});
        }
        return new CommandLineCues(List.copyOf(flags), List.copyOf(commands));
    }

    /** The files that declare the command line the objective is about; empty when it names none or none is found. */
    List<Declaration> declarations(WorkspaceFacts facts, Predicate<String> candidate, Set<String> projectNames) {
        Map<String, String> entryPoints = entryPoints(facts);
        Set<String> tools = new LinkedHashSet<>(entryPoints.keySet());
        List<String> subcommands = new ArrayList<>();
        for (String[] command : commands) {
            if (tools.contains(command[0]) || projectNames.contains(ObjectiveTerms.stem(command[0]))) {
                subcommands.add(command[1]);
            }
        }
        if (flags.isEmpty() && subcommands.isEmpty()) {
            return List.of();
        }
        Set<String> entryFiles = new LinkedHashSet<>(entryPoints.values());
        Set<String> toRead = new LinkedHashSet<>();
        entryFiles.stream().filter(candidate).forEach(toRead::add);
        ContentIndex content = facts.content();
        for (String key : DECLARATION_KEYS) {
            for (ContentIndex.Occurrence o : content.occurrences(key)) {
                if (candidate.test(o.path()) && toRead.size() < MAX_FILES_READ) {
                    toRead.add(o.path());
                }
            }
        }
        List<Pattern> named = new ArrayList<>();
        flags.forEach(flag -> named.add(Pattern.compile("['\"`]" + Pattern.quote(flag) + "['\"`=\\s]")));
        subcommands.forEach(sub -> named.add(Pattern.compile("['\"`]" + Pattern.quote(sub) + "['\"`]")));
        Map<String, Declaration> mentioning = new LinkedHashMap<>();
        Map<String, Declaration> entries = new LinkedHashMap<>();
        Map<String, Declaration> declaring = new LinkedHashMap<>();
        for (String path : toRead) {
            // prose shows how to use a command line (a flag library's README: "Define flags using flag.String()"); it
            // declares none
            byte[] bytes = FileKind.ofPath(path) == FileKind.DOCUMENTATION ? null : ContentIndex.read(facts.root().resolve(path));
            if (bytes == null) {
                continue;
            }
            String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
            Declaration first = null;
            Declaration mention = null;
            boolean inBlockComment = false;
            for (int i = 0; i < lines.length && mention == null; i++) {
                String line = lines[i].strip();
                // the code of the line: not a block comment's (a package doc's usage example) nor a trailing comment
                boolean comment = inBlockComment || COMMENT_LINE.matcher(line).lookingAt();
                int open = line.lastIndexOf("/*");
                inBlockComment = open >= 0 ? line.indexOf("*/", open) < 0 : inBlockComment && !line.contains("*/");
                line = TRAILING_COMMENT.matcher(line).replaceFirst("");
                if (DECLARES.matcher(line).find() && !comment) {
                    if (first == null) {
                        first = new Declaration(path, i + 1, line);
                    }
                    for (Pattern p : named) {
                        if (p.matcher(line).find()) {
                            mention = new Declaration(path, i + 1, line);
                        }
                    }
                }
            }
            if (mention != null) {
                mentioning.put(path, mention);
            } else if (first != null && entryFiles.contains(path)) {
                entries.put(path, first);
            } else if (first != null) {
                declaring.put(path, first);
            } else if (entryFiles.contains(path)) {
                entries.put(path, new Declaration(path, 0, ""));
            }
        }
        // the declaration that already names the subcommand or flag, else the console entry point, else a lone declaration
        if (!mentioning.isEmpty()) {
            return List.copyOf(mentioning.values());
        }
        if (!entries.isEmpty()) {
            return List.copyOf(entries.values());
        }
        return declaring.size() <= 2 ? List.copyOf(declaring.values()) : List.of();
    }

    /** The project's commands and the files they run: pyproject's [project.scripts], package.json's bin. */
    static Map<String, String> entryPoints(WorkspaceFacts facts) {
        Map<String, String> found = new LinkedHashMap<>();
        String pyproject = ManifestFile.read(facts.root(), "pyproject.toml");
        boolean inScripts = false;
        for (String line : pyproject.split("\n")) {
            String t = line.strip();
            if (t.startsWith("[")) {
                inScripts = t.equals("[project.scripts]") || t.equals("[tool.poetry.scripts]");
                continue;
            }
            Matcher m = Pattern.compile("^\"?([\\w.-]+)\"?\\s*=\\s*[\"']([\\w.]+)(?::[\\w.]+)?[\"']").matcher(t);
            if (inScripts && m.find()) {
                String module = m.group(2).replace('.', '/');
                for (String path : List.of(module + ".py", "src/" + module + ".py", module + "/__init__.py",
                        "src/" + module + "/__init__.py")) {
                    if (facts.content().contains(path)) {
                        found.put(m.group(1), path);
                        break;
                    }
                }
            }
        }
        String packageJson = ManifestFile.read(facts.root(), "package.json");
        if (!packageJson.isBlank()) {
            try {
                com.fasterxml.jackson.databind.JsonNode root = dev.harness.protocol.Json.parse(packageJson);
                com.fasterxml.jackson.databind.JsonNode bin = root.path("bin");
                if (bin.isTextual()) {
                    found.put(root.path("name").asText("").replaceFirst("^@[^/]+/", ""), normal(bin.asText()));
                } else if (bin.isObject()) {
                    bin.fields().forEachRemaining(e -> found.put(e.getKey(), normal(e.getValue().asText(""))));
                }
            } catch (java.io.IOException e) {
                return found; // a package.json that does not parse names no commands; the planner reports it elsewhere
            }
        }
        found.values().removeIf(String::isEmpty);
        return found;
    }

    private static String normal(String path) {
        return path.strip().replaceFirst("^\\./", "");
    }
}
