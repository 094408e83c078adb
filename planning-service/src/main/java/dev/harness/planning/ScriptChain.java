package dev.harness.planning;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A package.json script as the chain of steps it runs, {@code npm run NAME} steps followed into the
 * scripts they name (with their pre/post hooks): whether running it rewrites the tree (a format step
 * with --write somewhere down the chain), and the steps of a test script that only test.
 */
public final class ScriptChain {
    private static final Pattern STEP = Pattern.compile("&&|;");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern RUN = Pattern.compile(
            "^(?:npm (?:run(?:-script)?|test|t|tst)|yarn(?: run)?|pnpm(?: run)?)(?:\\s+(?:--silent|-s|--if-present))*(?:\\s+([\\w:.-]+))?"
            + "(?:\\s+--ignore-scripts)?(?:\\s+--(?:\\s.*)?)?$");
    private static final int MAX_DEPTH = 5;
    /** Steps that only lint or type-check: a test step's neighbours that need not run for a check. */
    private static final Set<String> STYLE_TOOLS = Set.of("xo", "eslint", "standard", "tsd", "prettier", "biome", "tslint",
            "stylelint", "remark", "markdownlint", "type-coverage", "attw", "publint", "size-limit");

    /** Steps that ask a registry something (an audit, a version lookup): their verdict is the registry's, not the change's. */
    private static final Pattern NETWORK = Pattern.compile(
            "^(?:npx\\s+(?:-y\\s+|--yes\\s+)?)?(?:npm(?:@(?:\"[^\"]*\"|'[^']*'|\\S+))?\\s+(?:audit|outdated|view|info|show|ping|doctor)\\b"
                    + "|(?:yarn|pnpm)\\s+(?:audit|outdated)\\b|safe-publish-latest\\b|audit-ci\\b|better-npm-audit\\b)");
    /** Tools that run a README's code examples. */
    private static final Set<String> README_TOOLS = Set.of("evalmd", "readme-assert", "markdown-doctest");

    /** Why a test hook that does not test is left out of the full check. */
    public enum LeftOutReason {
        NETWORK("it contacts the package registry: an audit or lookup judges the registry, not the change"),
        README("it evaluates the README's examples, not the tests"),
        STYLE("it lints: style, not behaviour");

        private final String why;

        LeftOutReason(String why) {
            this.why = why;
        }

        public String why() {
            return why;
        }
    }

    /** A pre/post hook of a test script left out of the full check, and why. */
    public record LeftOutHook(String hook, String text, LeftOutReason reason) {}

    private ScriptChain() {}

    /** The steps of one script line: split on && and ; (a line with || or a pipe is one step: its parts are not separable). */
    static List<String> steps(String text) {
        List<String> steps = new ArrayList<>();
        if (text.contains("||") || text.replace("||", "").contains("|")) {
            steps.add(text.strip());
            return steps;
        }
        for (String step : STEP.split(text)) {
            if (!step.isBlank()) {
                steps.add(step.strip());
            }
        }
        return steps;
    }

    /** The script a step runs through the package manager ({@code npm test} → test, {@code yarn lint} → lint); empty otherwise. */
    static Optional<String> scriptOf(String step) {
        Matcher m = RUN.matcher(step.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        String[] words = SPACES.split(step.strip());
        if (words[0].equals("npm") && (words[1].equals("test") || words[1].equals("t") || words[1].equals("tst"))) {
            return Optional.of("test");
        }
        return Optional.ofNullable(m.group(1));
    }

    /**
     * Why running script {@code name} (its pre and post hooks, and every script it runs) changes the
     * workspace: the first step down its chain that rewrites files, or empty.
     */
    public static Optional<String> rewrites(JsonNode scripts, String name) {
        return rewrites(scripts, name, true, new HashSet<>(), 0);
    }

    /**
     * The same for {@code npm run NAME --ignore-scripts}, which runs the script without its own pre and post hooks (a
     * {@code prebuild} cleaning the last build's output); the scripts it runs keep theirs.
     */
    public static Optional<String> rewritesWithoutHooks(JsonNode scripts, String name) {
        return rewrites(scripts, name, false, new HashSet<>(), 0);
    }

    private static Optional<String> rewrites(JsonNode scripts, String name, boolean hooks, Set<String> seen, int depth) {
        if (depth > MAX_DEPTH || !seen.add(name)) {
            return Optional.empty();
        }
        for (String hook : hooks ? List.of("pre" + name, name, "post" + name) : List.of(name)) {
            for (String step : steps(scripts.path(hook).asText(""))) {
                Optional<String> inner = scriptOf(step).filter(s -> scripts.path(s).isTextual());
                Optional<String> why = inner.isPresent() ? rewrites(scripts, inner.get(), true, seen, depth + 1)
                        : Optional.ofNullable(CheckCommand.rewritesTree(step)).map(what -> "'" + step + "' (" + what + ")");
                if (why.isPresent()) {
                    return why.map(w -> w.contains(" script runs ") ? w : "the \"" + hook + "\" script runs " + w);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The steps of script {@code name} that run tests, without the ones that rewrite the tree, build,
     * lint or type-check: {@code npm run NAME} for a script that only tests, the step itself otherwise
     * ({@code npx} before a package's own tool, which npm would find in node_modules/.bin). Empty
     * when nothing that tests is left.
     */
    public static List<String> testSteps(JsonNode scripts, String name) {
        List<String> found = new ArrayList<>();
        testSteps(scripts, name, found, new HashSet<>(), 0);
        return found;
    }

    private static void testSteps(JsonNode scripts, String name, List<String> found, Set<String> seen, int depth) {
        if (depth > MAX_DEPTH || !seen.add(name)) {
            return;
        }
        for (String step : steps(scripts.path(name).asText(""))) {
            Optional<String> inner = scriptOf(step).filter(s -> scripts.path(s).isTextual());
            if (inner.isPresent()) {
                String script = inner.get();
                if (isBuildOrStyle(script, scripts.path(script).asText(""))) {
                    continue;
                }
                if (rewrites(scripts, script).isEmpty()) {
                    found.add("npm run " + script);
                } else {
                    testSteps(scripts, script, found, seen, depth + 1);
                }
            } else if (CheckCommand.rewritesTree(step) == null && !isBuildOrStyle("", step)) {
                String tool = step.split("\\s+")[0];
                boolean onPath = Set.of("node", "npm", "npx", "yarn", "pnpm", "sh", "bash").contains(tool) || tool.contains("/")
                        || tool.contains("=");
                found.add(onPath ? step : "npx " + step);
            }
        }
    }

    private static boolean isBuildOrStyle(String script, String text) {
        if (script.equals("build") || script.startsWith("build:") || script.equals("lint") || script.startsWith("lint:")
                || script.startsWith("format") || script.equals("typecheck") || script.equals("type-check")
                || script.equals("prepare") || script.equals("size") || script.startsWith("size:")) {
            return true;
        }
        String tool = text.strip().split("\\s+")[0];
        return STYLE_TOOLS.contains(tool) || tool.equals("tsc") || tool.equals("rimraf") || tool.equals("del-cli");
    }

    /**
     * The pre/post hooks of script {@code name} that only lint, evaluate the README or ask the registry
     * (followed down the scripts they run): none of them tests the change, and an audit can fail on a
     * healthy project. A hook with any other step (a build the tests need) is kept, so it is not listed.
     */
    public static List<LeftOutHook> hooksLeftOut(JsonNode scripts, String name) {
        List<LeftOutHook> left = new ArrayList<>();
        for (String hook : List.of("pre" + name, "post" + name)) {
            String text = scripts.path(hook).asText("");
            if (text.isBlank()) {
                continue;
            }
            Set<LeftOutReason> reasons = new HashSet<>();
            if (onlyNotTests(scripts, hook, reasons, new HashSet<>(), 0) && !reasons.isEmpty()) {
                LeftOutReason reason = reasons.contains(LeftOutReason.NETWORK) ? LeftOutReason.NETWORK
                        : reasons.contains(LeftOutReason.README) ? LeftOutReason.README : LeftOutReason.STYLE;
                left.add(new LeftOutHook(hook, text.strip(), reason));
            }
        }
        return left;
    }

    /**
     * What a narrowed check runs of script {@code name} (a pretest that builds, then lints): its steps without those
     * that only lint, evaluate the README or ask the registry — the build the tests import is what is needed, not the
     * style of the change. {@code npm run NAME} when no step is left out; empty when every step is.
     */
    public static List<String> withoutStyle(JsonNode scripts, String name) {
        return withoutStyle(scripts, name, new HashSet<>(), 0);
    }

    private static List<String> withoutStyle(JsonNode scripts, String name, Set<String> seen, int depth) {
        List<String> kept = new ArrayList<>();
        boolean leftOut = false;
        seen.add(name);
        for (String step : steps(scripts.path(name).asText(""))) {
            Optional<String> inner = scriptOf(step).filter(s -> scripts.path(s).isTextual());
            boolean style = inner.isPresent()
                    ? onlyNotTests(scripts, inner.get(), new HashSet<>(), new HashSet<>(), 1)
                    : notATest(step).isPresent();
            // a script that lints and type-checks (`lint`: eslint, tsc --noEmit, biome): its steps without the style ones
            List<String> mixed = inner.isPresent() && !style && depth < MAX_DEPTH && !seen.contains(inner.get())
                    && !scripts.has("pre" + inner.get()) && !scripts.has("post" + inner.get())
                    ? withoutStyle(scripts, inner.get(), seen, depth + 1) : List.of();
            if (style) {
                leftOut = true;
            } else if (!mixed.isEmpty() && !mixed.equals(List.of("npm run " + inner.get()))) {
                kept.addAll(mixed);
                leftOut = true;
            } else if (inner.isPresent()) {
                kept.add("npm run " + inner.get());
            } else {
                String tool = step.split("\\s+")[0];
                boolean onPath = Set.of("node", "npm", "npx", "yarn", "pnpm", "sh", "bash").contains(tool) || tool.contains("/")
                        || tool.contains("=");
                kept.add(onPath ? step : "npx " + step);
            }
        }
        return leftOut ? List.copyOf(kept) : List.of("npm run " + name);
    }

    /** Whether script {@code name} (with its own hooks) runs only lint, README or registry steps; collects which. */
    private static boolean onlyNotTests(JsonNode scripts, String name, Set<LeftOutReason> reasons, Set<String> seen, int depth) {
        if (depth > MAX_DEPTH || !seen.add(name)) {
            return depth <= MAX_DEPTH;
        }
        List<String> hooks = depth == 0 ? List.of(name) : List.of("pre" + name, name, "post" + name);
        for (String hook : hooks) {
            for (String step : steps(scripts.path(hook).asText(""))) {
                Optional<String> inner = scriptOf(step).filter(s -> scripts.path(s).isTextual());
                if (inner.isPresent()) {
                    if (!onlyNotTests(scripts, inner.get(), reasons, seen, depth + 1)) {
                        return false;
                    }
                    continue;
                }
                Optional<LeftOutReason> kind = notATest(step);
                if (kind.isEmpty()) {
                    return false;
                }
                reasons.add(kind.get());
            }
        }
        return true;
    }

    private static Optional<LeftOutReason> notATest(String step) {
        String text = step.strip();
        if (NETWORK.matcher(text).find()) {
            return Optional.of(LeftOutReason.NETWORK);
        }
        String[] words = SPACES.split(text);
        String tool = words[0].equals("npx") && words.length > 1 ? words[1] : words[0];
        if (README_TOOLS.contains(tool)) {
            return Optional.of(LeftOutReason.README);
        }
        if (STYLE_TOOLS.contains(tool) || tool.equals("eclint") || tool.equals("editorconfig-checker")) {
            return Optional.of(LeftOutReason.STYLE);
        }
        return Optional.empty();
    }
}
