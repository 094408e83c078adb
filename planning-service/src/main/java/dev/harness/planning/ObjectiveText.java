package dev.harness.planning;

/** How an objective's text is shown inside packets: short titles, a bounded quotation. */
public final class ObjectiveText {
    public static final int TITLE_CHARS = 60;
    /** A title becomes the subject of the task's commit: git's customary bound for one. */
    public static final int SUBJECT_CHARS = 72;
    /** Packets quote at most this much of the objective; plan_created carries all of it. */
    public static final int QUOTE_CHARS = 4000;

    private ObjectiveText() {}

    /** One line of at most {@code max} characters, cut at a word boundary with an ellipsis. */
    public static String shorten(String text, int max) {
        String oneLine = collapseWhitespace(text).strip();
        if (oneLine.length() <= max) {
            return oneLine;
        }
        int cut = oneLine.lastIndexOf(' ', max - 1);
        if (cut < max / 2) {
            cut = max - 1;
        }
        return oneLine.substring(0, cut).strip() + "…";
    }

    /** Where a sentence or clause ends: the rest of the objective explains or gives examples. */
    private static final java.util.regex.Pattern SENTENCE_END = java.util.regex.Pattern.compile("(?<![\\s.]\\p{L}|\\.\\p{L}{1,2}|\\betc)[.;:!?] | [—–] ");
    /** Words that begin a clause of condition, contrast or purpose ("… instead of decoding part of the input"). */
    private static final java.util.regex.Pattern CLAUSE_START = java.util.regex.Pattern.compile(
            " (?=(?:so that|so as to|so|in order to|instead of|rather than|while|unless|when|whenever|where|because|although|though"
                    + "|but|except|even|without|as long as|also|too|like|such as|e\\.g\\.|i\\.e\\.|for example)\\b)");
    /** A relative clause ("… to the library that says whether …"): ends a phrase that begins with its verb. */
    private static final java.util.regex.Pattern RELATIVE = java.util.regex.Pattern.compile(" (?=(?:that|which)\\b)");
    /** A phrase beginning with these has a subject, not a verb: "a `$S` string literal that …" is no phrase. */
    private static final java.util.regex.Pattern SUBJECT_FIRST = java.util.regex.Pattern.compile("(?i)(?:(?:a|an|the)\\b|`|\"|').*");
    /** Words a phrase cannot end on ("… to the", "… must"): a cut drops them. */
    private static final java.util.Set<String> DANGLING = java.util.Set.of("a", "an", "the", "to", "of", "in", "on", "at", "by",
            "for", "from", "with", "into", "onto", "and", "or", "nor", "but", "as", "than", "that", "which", "who", "whose",
            "whom", "its", "their", "his", "her", "our", "your", "my", "this", "these", "those", "is", "are", "was", "were",
            "be", "been", "being", "must", "should", "shall", "will", "would", "can", "could", "may", "might", "not", "no",
            "so", "if", "when", "while", "where", "every", "each", "any", "all", "some", "both", "either", "neither",
            "also", "only", "even", "still", "just", "very", "against", "between", "among", "before", "after", "over", "under",
            "through", "about", "via", "per", "within", "until", "upon", "across", "during", "inside", "outside", "whether");
    /** A clause setting the scene before the main one ("with `ErrorUnused` set, …", "when parsing a header, …"). */
    private static final java.util.regex.Pattern INTRODUCTION = java.util.regex.Pattern.compile(
            "(?i)(?:with|when|whenever|in|after|before|if|for|while|once|unless|on|given|by default|from|since|as)\\b.*");

    /**
     * The objective as a title, which becomes a commit subject: a whole phrase of at most {@code max} characters, with
     * no ellipsis and never cut inside a word, a code span, parentheses or quotes. Past the limit it keeps the first
     * sentence, else the first clauses (before a comma, a parenthesis, "instead of", "so that" …), else as many words
     * as fit, without a dangling article, preposition or modal at its end.
     */
    public static String phrase(String text, int max) {
        String line = trimmed(collapseWhitespace(text).strip());
        if (line.length() <= max) {
            return line;
        }
        int floor = Math.min(max / 3, 24);
        // the first sentence, without its asides in parentheses and the clause setting the scene, when the whole is too long
        int end = lastBoundary(line, SENTENCE_END, topLevel(line), floor, line.length());
        line = withoutAsides(end > 0 ? firstBoundary(line, SENTENCE_END, topLevel(line), floor) : line);
        if (line.length() > max) {
            boolean[] level = topLevel(line);
            int comma = line.indexOf(", ");
            while (comma > 0 && !level[comma]) {
                comma = line.indexOf(", ", comma + 1);
            }
            if (comma > 0 && INTRODUCTION.matcher(line.substring(0, comma)).matches()) {
                line = line.substring(comma + 2);
            }
        }
        if (line.length() <= max) {
            return trimmed(line);
        }
        boolean[] top = topLevel(line);
        for (java.util.regex.Pattern boundary : java.util.List.of(SENTENCE_END, CLAUSE_START)) {
            int cut = lastBoundary(line, boundary, top, floor, max);
            if (cut > 0) {
                // "… for an empty pattern or string, true" ends on a list's first word: the comma before it ends the phrase
                int comma = line.lastIndexOf(", ", cut);
                if (comma >= floor && comma + 2 <= cut && top[comma] && line.substring(comma + 2, cut).split(" ").length <= 2) {
                    cut = comma;
                }
                return trimmed(line.substring(0, cut));
            }
        }
        // a comma or an opening parenthesis ends a clause too, but less surely than a sentence or a conjunction
        int cut = -1;
        for (int i = floor; i <= Math.min(max, line.length() - 1); i++) {
            if (top[i] && (line.startsWith(", ", i) || line.startsWith(" (", i))) {
                cut = i;
            }
        }
        if (cut > 0) {
            return trimmed(line.substring(0, cut));
        }
        // only when what it leaves says enough: "add an option to `parseQuery`" says less than the words that fit
        cut = SUBJECT_FIRST.matcher(line).matches() ? -1 : lastBoundary(line, RELATIVE, top, max / 2, max);
        if (cut > 0) {
            return trimmed(line.substring(0, cut));
        }
        for (int i = Math.min(max, line.length() - 1); i > 0; i--) {
            if (line.charAt(i) == ' ' && top[i]) {
                String kept = trimmed(line.substring(0, i));
                if (kept.length() >= floor) {
                    return kept;
                }
            }
        }
        // one unbroken code span longer than the limit: its words, cut where a word ends
        int space = line.lastIndexOf(' ', max);
        return trimmed(line.substring(0, space > 0 ? space : max));
    }

    /** The text before the first sentence end past {@code floor} characters. */
    private static String firstBoundary(String line, java.util.regex.Pattern boundary, boolean[] top, int floor) {
        java.util.regex.Matcher m = boundary.matcher(line);
        while (m.find()) {
            if (m.start() >= floor && top[m.start()]) {
                return line.substring(0, m.start());
            }
        }
        return line;
    }

    /** Without its top-level asides in parentheses ("let `bytes2human` use decimal units (powers of 1000) when asked"). */
    private static String withoutAsides(String line) {
        boolean[] top = topLevel(line);
        StringBuilder out = new StringBuilder(line.length());
        int depth = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '(' && top[i] && i > 0 && line.charAt(i - 1) == ' ') {
                depth = 1;
                out.setLength(out.length() - 1); // the space before the aside
                continue;
            }
            if (depth > 0) {
                if (c == '(' ) {
                    depth++;
                } else if (c == ')' && --depth == 0) {
                    continue;
                }
                continue;
            }
            out.append(c);
        }
        return depth > 0 ? line : out.toString();
    }

    private static int lastBoundary(String line, java.util.regex.Pattern boundary, boolean[] top, int floor, int max) {
        java.util.regex.Matcher m = boundary.matcher(line);
        int cut = -1;
        while (m.find() && m.start() <= max) {
            if (m.start() >= floor && top[m.start()]) {
                cut = m.start();
            }
        }
        return cut;
    }

    /**
     * Which positions are outside code spans, parentheses, brackets and double quotes: a cut there leaves no span open.
     * An apostrophe is not a quote ("the cache's maxsize").
     */
    private static boolean[] topLevel(String line) {
        boolean[] top = new boolean[line.length() + 1];
        boolean code = false;
        boolean quote = false;
        int depth = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            top[i] = !code && !quote && depth == 0;
            if (c == '`') {
                code = !code;
            } else if (!code && c == '"') {
                quote = !quote;
            } else if (!code && !quote && (c == '(' || c == '[' || c == '{')) {
                depth++;
            } else if (!code && !quote && (c == ')' || c == ']' || c == '}') && depth > 0) {
                depth--;
            }
        }
        top[line.length()] = !code && !quote && depth == 0;
        return top;
    }

    /** Without trailing punctuation (a period, comma, colon, ellipsis; not a semicolon, which ends an HTML entity) and dangling small words. */
    private static String trimmed(String phrase) {
        String s = phrase.strip();
        while (true) {
            String before = s;
            s = s.replaceAll("[\\s.,:…—–-]+$", "");
            int space = s.lastIndexOf(' ');
            if (space > 0 && DANGLING.contains(s.substring(space + 1).toLowerCase(java.util.Locale.ROOT))) {
                s = s.substring(0, space);
            }
            if (s.equals(before)) {
                return s;
            }
        }
    }

    /**
     * Each run of regex whitespace (space, tab, newline, vertical tab, form feed, carriage return)
     * as one space, like {@code replaceAll("\\s+", " ")} but without a regex: titles are shortened
     * several times per plan.
     */
    static String collapseWhitespace(String text) {
        int i = 0;
        int n = text.length();
        while (i < n && !startsRun(text, i)) {
            i++; // the common case: nothing to collapse (single spaces stay as they are)
        }
        if (i == n) {
            return text;
        }
        StringBuilder out = new StringBuilder(n);
        out.append(text, 0, i);
        boolean inRun = false;
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (isSpace(c)) {
                if (!inRun) {
                    out.append(' ');
                    inRun = true;
                }
            } else {
                out.append(c);
                inRun = false;
            }
        }
        return out.toString();
    }

    /** Whether position i needs rewriting: whitespace other than a lone space. */
    private static boolean startsRun(String text, int i) {
        char c = text.charAt(i);
        return isSpace(c) && (c != ' ' || (i + 1 < text.length() && isSpace(text.charAt(i + 1))));
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** The objective as packets quote it: whole when reasonable, else its beginning and how long it was. */
    public static String quote(String objective) {
        String stripped = objective.strip();
        if (stripped.length() <= QUOTE_CHARS) {
            return stripped;
        }
        return shorten(stripped, QUOTE_CHARS) + " [objective truncated: " + stripped.length()
                + " characters in all; the plan_created event has the full text]";
    }

    /** Scanning the words of a huge objective is pointless past this many characters. */
    public static String forMatching(String objective) {
        return objective.length() <= 100_000 ? objective : objective.substring(0, 100_000);
    }
}
