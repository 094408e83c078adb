package dev.harness.planning;

/** How an objective's text is shown inside packets: short titles, a bounded quotation. */
public final class ObjectiveText {
    public static final int TITLE_CHARS = 60;
    /** Packets quote at most this much of the objective; plan_created carries all of it. */
    public static final int QUOTE_CHARS = 4000;

    private ObjectiveText() {}

    /** One line of at most {@code max} characters, cut at a word boundary with an ellipsis. */
    public static String shorten(String text, int max) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        if (oneLine.length() <= max) {
            return oneLine;
        }
        int cut = oneLine.lastIndexOf(' ', max - 1);
        if (cut < max / 2) {
            cut = max - 1;
        }
        return oneLine.substring(0, cut).strip() + "…";
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
