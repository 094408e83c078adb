package dev.harness.planning;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The common subset of .gitignore: comments, blank lines, negation (!), directory-only patterns
 * (trailing /), anchored patterns (leading or inner /), and the globs *, ?, ** and [...].
 * Rules from a nested .gitignore apply below its directory; the last matching rule wins.
 */
public final class IgnoreRules {
    /** {@code suffix}, when set, is the whole rule: a "*.ext" pattern matched without a regex. */
    private record Rule(String base, Pattern pattern, String suffix, boolean anchored, boolean dirOnly, boolean negated) {
        boolean matches(String subject) {
            return suffix != null ? subject.endsWith(suffix) : pattern.matcher(subject).matches();
        }
    }

    private static final IgnoreRules NONE = new IgnoreRules(List.of());
    /** A .gitignore larger than this is not a hand-written one; read only its beginning. */
    private static final int MAX_RULES = 2000;

    private final List<Rule> rules;

    private IgnoreRules(List<Rule> rules) {
        this.rules = rules;
    }

    public static IgnoreRules none() {
        return NONE;
    }

    /** These rules plus those of {@code file} (a .gitignore in the directory {@code base}, relative to the root). */
    public IgnoreRules plusFile(Path file, String base) {
        if (!Files.isRegularFile(file) || Files.isSymbolicLink(file)) {
            return this; // a linked ignore file may lead outside the workspace: not read
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return plus(lines.subList(0, Math.min(lines.size(), MAX_RULES)), base);
        } catch (IOException | java.io.UncheckedIOException e) {
            return this; // an unreadable or non-UTF-8 ignore file ignores nothing
        }
    }

    public IgnoreRules plus(List<String> lines, String base) {
        List<Rule> all = new ArrayList<>(rules);
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            boolean negated = line.startsWith("!");
            if (negated) {
                line = line.substring(1);
            }
            boolean dirOnly = line.endsWith("/");
            if (dirOnly) {
                line = line.substring(0, line.length() - 1);
            }
            boolean anchored = line.contains("/");
            if (line.startsWith("/")) {
                line = line.substring(1);
            }
            if (line.isEmpty()) {
                continue;
            }
            String suffix = !anchored && line.startsWith("*") && line.length() > 1
                    && line.substring(1).chars().noneMatch(c -> "*?[\\".indexOf(c) >= 0) ? line.substring(1) : null;
            all.add(new Rule(base, Pattern.compile(globToRegex(line)), suffix, anchored, dirOnly, negated));
        }
        return new IgnoreRules(List.copyOf(all));
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** Is {@code relativePath} (from the workspace root, with /) ignored? */
    public boolean ignores(String relativePath, boolean directory) {
        boolean ignored = false;
        for (Rule rule : rules) {
            if (rule.dirOnly && !directory) {
                continue;
            }
            String path;
            if (rule.base.isEmpty()) {
                path = relativePath;
            } else if (relativePath.startsWith(rule.base + "/")) {
                path = relativePath.substring(rule.base.length() + 1);
            } else {
                continue;
            }
            String subject = rule.anchored ? path : path.substring(path.lastIndexOf('/') + 1);
            if (rule.matches(subject)) {
                ignored = !rule.negated;
            }
        }
        return ignored;
    }

    static String globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*') {
                if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                    boolean slashAfter = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
                    regex.append(slashAfter ? "(?:.*/)?" : ".*");
                    i += slashAfter ? 2 : 1;
                } else {
                    regex.append("[^/]*");
                }
            } else if (c == '?') {
                regex.append("[^/]");
            } else if (c == '[') {
                int end = glob.indexOf(']', i + 1);
                if (end < 0) {
                    regex.append("\\[");
                } else {
                    String set = glob.substring(i + 1, end).replace("\\", "\\\\");
                    if (set.startsWith("!")) {
                        set = "^" + set.substring(1);
                    }
                    regex.append('[').append(set).append(']');
                    i = end;
                }
            } else if (c == '\\' && i + 1 < glob.length()) {
                regex.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }
}
