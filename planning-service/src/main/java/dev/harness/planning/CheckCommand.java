package dev.harness.planning;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an acceptance test command is, as far as its text tells: a check that cannot fail on an
 * unchanged workspace (it only looks at what exists), one that rewrites the tree it checks
 * (formatters, --fix, --write), one narrowed to some tests, or a Maven run of some test classes.
 */
public final class CheckCommand {
    /** One shell word of an existence check: test -d X, [ -f X ], ls X, stat X, test -n "$(ls -A X)". */
    private static final Pattern EXISTENCE = Pattern.compile(
            "^(?:!\\s*)?(?:test\\s+-[edfrswxLh]\\s+\\S.*|\\[\\s+-[edfrswxLh]\\s+\\S.*\\]|ls(?:\\s+-\\w+)*(?:\\s+\\S+)*|stat\\s+\\S.*"
                    + "|test\\s+-n\\s+\"\\$\\((?:ls|find)\\b.*\\)\"|cat\\s+\\S+(?:\\s*>\\s*/dev/null)?|pwd|cd\\s+\\S+)$");
    /** Tools that rewrite files unless asked only to check, with how to spot the check mode. */
    private record Rewriter(Pattern command, Pattern checkMode, String what) {}

    private static final List<Rewriter> REWRITERS = List.of(
            new Rewriter(Pattern.compile("(?:^|[\\s/])(?:prettier|biome|dprint)\\b"), Pattern.compile("--check|--list-different|\\bci\\b|\\bcheck\\b|\\s-[lc]\\b"), "a formatter"),
            new Rewriter(Pattern.compile("(?:^|[\\s/])(?:black|isort|autopep8|yapf)\\b"), Pattern.compile("--check|--diff|--check-only"), "a formatter"),
            new Rewriter(Pattern.compile("(?:^|[\\s/])ruff\\s+format\\b"), Pattern.compile("--check|--diff"), "a formatter"),
            new Rewriter(Pattern.compile("(?:^|[\\s/])(?:gofmt|goimports)\\b.*\\s-w\\b"), Pattern.compile("(?!)"), "gofmt -w"),
            new Rewriter(Pattern.compile("(?:^|[\\s/])(?:cargo\\s+fmt|rustfmt)\\b"), Pattern.compile("--check"), "a formatter"),
            new Rewriter(Pattern.compile("(?:^|[\\s/])(?:clang-format)\\b.*\\s-i\\b"), Pattern.compile("(?!)"), "clang-format -i"),
            new Rewriter(Pattern.compile("spotless:apply|fmt:format|(?:^|\\s)ktlint\\s+-F|(?:^|\\s)ktlint\\s+--format"), Pattern.compile("(?!)"), "a formatter"),
            new Rewriter(Pattern.compile("--fix\\b|--write\\b|--fix-dry-run=false"), Pattern.compile("(?!)"), "--fix/--write"),
            new Rewriter(Pattern.compile("(?:^|\\s)npm\\s+run\\s+(?:format|fmt|prettier|lint:fix|fix|format:write)\\b|(?:^|\\s)(?:yarn|pnpm)\\s+(?:run\\s+)?(?:format|fmt|lint:fix)\\b"),
                    Pattern.compile("(?!)"), "a format/fix script"),
            new Rewriter(Pattern.compile("(?:^|[\\s/])remark(?:-cli)?(?:/cli\\.js)?\\s.*(?:\\s-o\\b|--output\\b)"), Pattern.compile("(?!)"), "remark --output"),
            new Rewriter(Pattern.compile("(?:^|\\s)sed\\s+(?:-\\w*\\s+)*-i"), Pattern.compile("(?!)"), "sed -i"),
            new Rewriter(Pattern.compile("(?:^|\\s)git\\s+(?:commit|add|reset|checkout|stash|push|clean|rm|mv)\\b"), Pattern.compile("(?!)"), "git changes the repository"),
            new Rewriter(Pattern.compile("(?:^|\\s)rm\\s+-\\w*[rf]"), Pattern.compile("(?!)"), "it deletes files"),
            new Rewriter(Pattern.compile("(?:^|\\s)(?:jest|vitest)\\b.*(?:\\s-u\\b|--updateSnapshot|--update\\b)"), Pattern.compile("(?!)"), "it rewrites snapshots"));
    /** Every REWRITERS command pattern needs one of these substrings. */
    private static final List<String> REWRITER_WORDS = List.of("prettier", "biome", "dprint", "black", "isort", "autopep8",
            "yapf", "ruff", "gofmt", "goimports", "fmt", "rustfmt", "clang-format", "spotless", ":format", "ktlint", "--fix",
            "--write", "format", "lint:fix", "fix", "remark", "sed", "git", "rm ", "jest", "vitest");
    private static final List<Pattern> TARGETED = List.of(
            Pattern.compile(".*\\bcargo test (?:-p|--package|--test|--lib)\\b.*"),
            Pattern.compile("^go test (?!\\./\\.\\.\\.$).*"),
            Pattern.compile(".*\\.(?:test|spec)\\.[cm]?[jt]sx?'?(?:\\s.*)?$"),
            Pattern.compile(".*(?:^|\\s)'?[\\w./-]*(?:test_\\w+|\\w+_test)\\.py'?.*"),
            Pattern.compile("^(?:node|npx \\w+).*'[^']+\\.[cm]?[jt]sx?'.*"),
            Pattern.compile("^(?:PYTHONPATH=\\S+\\s+)?(?:python3? -m )?pytest\\s+'.*"),
            Pattern.compile("^npx uvu .*'\\^\\(\\?:[^']+\\)\\$'$"));
    private static final Pattern MAVEN_TEST = Pattern.compile("(?:^|[\\s/])(?:mvn|mvnw)\\b.*\\s-Dtest=");
    private static final Pattern MAVEN_MODULE = Pattern.compile("\\s(?:-pl|--projects)\\s+'?([^\\s']+)'?");
    private static final Pattern CD = Pattern.compile("^cd\\s+'?([^'&]+?)'?\\s*&&\\s*");

    private CheckCommand() {}

    /** Every part (split on && and ;) only looks at what exists: it passes on an unchanged workspace. */
    public static boolean cannotFail(String command) {
        return CANNOT_FAIL.get(command);
    }

    // kept by command: the same checks come back plan after plan, each answer costs several regexes (see KeptAnswers)
    private static final KeptAnswers<Boolean> CANNOT_FAIL = new KeptAnswers<>(4_096, CheckCommand::cannotFailNow);
    private static final KeptAnswers<String> REWRITES_TREE = new KeptAnswers<>(4_096, CheckCommand::rewritesTreeNow);
    private static final KeptAnswers<Boolean> TARGETED_KEPT = new KeptAnswers<>(4_096, CheckCommand::isTargetedNow);
    private static final KeptAnswers<String> MAVEN_TEST_MODULE = new KeptAnswers<>(4_096, CheckCommand::mavenTestModuleNow);

    static boolean cannotFailNow(String command) {
        String[] parts = command.split("&&|;");
        for (String part : parts) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            if (!EXISTENCE.matcher(p).matches()) {
                return false;
            }
        }
        return true;
    }

    /** Why {@code command} changes the workspace it checks, or null when it only reads it. */
    public static String rewritesTree(String command) {
        return REWRITES_TREE.get(command);
    }

    static String rewritesTreeNow(String command) {
        String lower = command.toLowerCase(Locale.ROOT);
        if (REWRITER_WORDS.stream().noneMatch(lower::contains)) {
            return null; // the common case, decided without a regex
        }
        for (Rewriter r : REWRITERS) {
            if (r.command.matcher(lower).find() && !r.checkMode.matcher(lower).find()) {
                return r.what;
            }
        }
        return null;
    }

    /** Runs only some tests: a named test file or class, a package, a crate, a module's classes. */
    public static boolean isTargeted(String command) {
        return TARGETED_KEPT.get(command);
    }

    static boolean isTargetedNow(String command) {
        String c = command.startsWith("cd ") ? CD.matcher(command).replaceFirst("") : command;
        if (c.contains("-Dtest=") || c.contains("--tests ")) {
            return true;
        }
        for (Pattern p : TARGETED) {
            if (p.matcher(c).matches()) {
                return true;
            }
        }
        return false;
    }

    /** The module (or "" for the whole build) a Maven run of named test classes covers; null for other commands. */
    public static String mavenTestModule(String command) {
        return MAVEN_TEST_MODULE.get(command);
    }

    static String mavenTestModuleNow(String command) {
        if (!MAVEN_TEST.matcher(command).find()) {
            return null;
        }
        Matcher m = MAVEN_MODULE.matcher(command);
        Matcher cd = CD.matcher(command);
        return m.find() ? m.group(1) : cd.find() ? cd.group(1) : "";
    }
}
