package dev.harness.planning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The words of an objective (or of a file name) reduced to comparable stems: lowercased, split
 * on anything that is not a letter or digit (and on camelCase), stop words and action verbs
 * dropped, a light suffix stemmer applied. A small synonym table widens a term to related names
 * ("dark mode" finds src/theme).
 */
public final class ObjectiveTerms {
    /** More distinct terms than this add nothing to matching a few thousand names. */
    static final int MAX_TERMS = 200;

    private static final Set<String> STOP_WORDS = Set.copyOf(List.of(
            "a", "an", "the", "and", "or", "but", "to", "of", "in", "on", "at", "for", "with", "by", "from", "into",
            "onto", "as", "is", "are", "be", "been", "it", "its", "this", "that", "these", "those", "so", "we", "i",
            "you", "our", "my", "your", "me", "us", "can", "could", "should", "would", "will", "must", "shall", "may",
            "might", "do", "does", "did", "not", "no", "all", "any", "some", "each", "every", "also", "then", "than",
            "there", "here", "when", "where", "which", "who", "what", "how", "why", "if", "else", "about", "over",
            "under", "up", "out", "new", "now", "just", "only", "very", "more", "most", "please", "thanks", "let",
            "lets", "need", "needs",
            "want", "like", "task", "step", "work", "that's", "them", "they", "their", "via", "per", "such", "instead", "e.g",
            "eg", "ie", "etc", "whether", "well", "once", "given", "same", "other", "others", "still", "even", "too",
            // the action verbs below are stop words of a request, not of a test's name (Test2Q_Add_RecentEvict)
            "get", "make", "add", "adding", "added", "implement", "implementing", "create", "creating",
            "support", "use", "using", "change", "update", "fix", "fixing", "allow", "enable"));
    /** The verbs of a request ("add", "fix"): noise in its prose, but a test named after one (TestAdd) is about that action. */
    private static final Set<String> ACTION_WORDS = Set.of("get", "make", "add", "adding", "added", "implement", "implementing",
            "create", "creating", "support", "use", "using", "change", "update", "fix", "fixing", "allow", "enable");

    /** Names that say nothing about what a directory is about. */
    private static final Set<String> GENERIC_NAMES = Set.copyOf(List.of(
            "src", "lib", "main", "java", "com", "org", "net", "dev", "app", "index", "js", "ts", "jsx", "tsx",
            "py", "go", "rs", "test", "tests", "spec", "specs", "util", "utils", "common", "core", "pkg", "internal",
            "cmd", "resources", "public", "static", "assets", "mod", "init", "__init__"));

    /** Each group: stems that mean the same area. A term in a group matches any name in it. */
    private static final List<Set<String>> SYNONYMS = List.of(
            stems("theme", "themes", "dark", "light", "color", "colour", "palette", "style", "styles",
                    "css", "appearance", "night", "contrast", "skin"),
            stems("auth", "authentication", "login", "logout", "signin", "signup", "session", "password",
                    "credential", "oauth", "token"),
            stems("api", "endpoint", "route", "routes", "router", "handler", "controller", "rest"),
            stems("db", "database", "storage", "persistence", "repository", "migration", "sql", "schema", "store"),
            stems("ui", "component", "components", "widget", "toggle", "button", "switch", "view", "header",
                    "layout", "page", "screen"),
            stems("doc", "docs", "documentation", "readme", "guide", "manual"),
            stems("config", "configuration", "settings", "setting", "preferences", "options"),
            stems("log", "logging", "logger", "telemetry", "metrics", "monitoring"),
            stems("i18n", "l10n", "locale", "translation", "language", "localization"),
            stems("chart", "charts", "graph", "plot", "visualization"),
            stems("notification", "notifications", "alert", "alerts", "email", "mail"),
            stems("cli", "command", "commands", "terminal", "shell"),
            stems("dashboard", "dashboards", "overview", "widgets"));

    private static final Map<String, Set<String>> RELATED = related();

    private ObjectiveTerms() {}

    /** Distinct stems of the content words of {@code text}, in first-seen order, at most MAX_TERMS. */
    public static List<String> of(String text) {
        Set<String> stems = new LinkedHashSet<>();
        for (String word : contentWords(text)) {
            stems.add(stem(word));
            if (stems.size() >= MAX_TERMS) {
                break;
            }
        }
        return new ArrayList<>(stems);
    }

    /** Lowercased words of text without stop words (not stemmed). */
    public static List<String> contentWords(String text) {
        List<String> words = new ArrayList<>();
        for (String word : words(text)) {
            if (!STOP_WORDS.contains(word) && word.length() > 1) {
                words.add(word);
            }
        }
        return words;
    }

    /**
     * Stems of the words of {@code text} a name can be made of: its content words and its action verbs (added, get), so
     * that a test's name ({@code Add_RecentEvict}) and an objective ("added again after it was evicted") compare.
     */
    public static Set<String> nameStems(String text) {
        Set<String> stems = new LinkedHashSet<>();
        for (String word : words(text)) {
            if (word.length() > 1 && (!STOP_WORDS.contains(word) || ACTION_WORDS.contains(word))) {
                stems.add(stem(word));
            }
        }
        return stems;
    }

    /** Stems of a file or directory name: extension dropped, split on separators and camelCase, generic parts dropped. */
    public static List<String> ofName(String name) {
        String base = name;
        int dot = base.indexOf('.', 1);
        if (dot > 0) {
            base = base.substring(0, dot); // theme.test.js → theme
        }
        Set<String> stems = new LinkedHashSet<>();
        for (String word : words(base)) {
            if (!GENERIC_NAMES.contains(word) && word.length() > 1) {
                stems.add(stem(word));
            }
        }
        return new ArrayList<>(stems);
    }

    /** Stems that count as the same area as {@code stem} (itself excluded). */
    public static Set<String> related(String stem) {
        return RELATED.getOrDefault(stem, Set.of());
    }

    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char previous = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                if (Character.isUpperCase(c) && Character.isLowerCase(previous) && current.length() > 0) {
                    words.add(current.toString().toLowerCase(Locale.ROOT)); // camelCase boundary
                    current.setLength(0);
                }
                current.append(c);
            } else if (c == '\'' && current.length() > 0 && i + 1 < text.length() && (text.charAt(i + 1) == 's' || text.charAt(i + 1) == 'S')
                    && (i + 2 == text.length() || !Character.isLetterOrDigit(text.charAt(i + 2)))) {
                i++; // a possessive (the serializer's options): the word is serializer
                words.add(current.toString().toLowerCase(Locale.ROOT));
                current.setLength(0);
            } else if (c == '\'' && current.length() > 0 && i + 1 < text.length() && Character.isLetter(text.charAt(i + 1))) {
                current.append(c); // don't, it's
            } else if (current.length() > 0) {
                words.add(current.toString().toLowerCase(Locale.ROOT));
                current.setLength(0);
            }
            previous = c;
        }
        if (current.length() > 0) {
            words.add(current.toString().toLowerCase(Locale.ROOT));
        }
        return words;
    }

    /** A light suffix stemmer: themes/theme → them, styling/styles/style → styl, dashboards → dashboard. */
    public static String stem(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        if (w.length() > 4 && w.endsWith("ies")) {
            w = w.substring(0, w.length() - 3) + "y";
        } else if (w.length() > 4 && w.endsWith("sses")) {
            w = w.substring(0, w.length() - 2);
        } else if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us")) {
            w = w.substring(0, w.length() - 1);
        }
        if (w.length() > 5 && w.endsWith("ing")) {
            w = w.substring(0, w.length() - 3);
        } else if (w.length() > 4 && w.endsWith("ed")) {
            w = w.substring(0, w.length() - 2);
        }
        if (w.length() > 3 && w.endsWith("e")) {
            w = w.substring(0, w.length() - 1);
        }
        return w;
    }

    private static Set<String> stems(String... words) {
        Set<String> set = new LinkedHashSet<>();
        for (String w : words) {
            set.add(stem(w));
        }
        return set;
    }

    private static Map<String, Set<String>> related() {
        Map<String, Set<String>> map = new LinkedHashMap<>();
        for (Set<String> group : SYNONYMS) {
            for (String stem : group) {
                Set<String> others = map.computeIfAbsent(stem, k -> new LinkedHashSet<>());
                group.stream().filter(s -> !s.equals(stem)).forEach(others::add);
            }
        }
        return map;
    }
}
