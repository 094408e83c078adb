package dev.harness.planning;

/** How an objective's text is shown inside packets: short titles, a bounded quotation. */
public final class ObjectiveText {
    public static final int TITLE_CHARS = 60;
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
