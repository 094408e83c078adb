package dev.harness.orchestrator.render;

/**
 * Makes untrusted text (titles, reasons, commands from a plan) safe for one line of a terminal:
 * line breaks and tabs become spaces, other control characters (ESC of ANSI sequences, BEL, ...)
 * become '?', so a hostile title cannot move the cursor, recolour, or fake extra lines.
 */
public final class SafeText {
    private SafeText() {}

    public static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' || c == '\t' || c == '\u2028' || c == '\u2029') {
                out.append(' ');
            } else if (Character.isISOControl(c) || c == '\u202e' || c == '\u202d') {
                out.append('?'); // includes ESC and the C1 set; bidi overrides could disguise commands
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** One line, runs of whitespace collapsed, cut to {@code max} code points with an ellipsis. */
    public static String brief(String text, int max) {
        String line = oneLine(text).strip().replaceAll("\\s+", " ");
        if (line.codePointCount(0, line.length()) <= max) {
            return line;
        }
        int end = line.offsetByCodePoints(0, Math.max(0, max - 1));
        return line.substring(0, end) + "…";
    }

    /**
     * As {@link #brief}, but a cut falls between words, marked " …": a reason cut mid-word ("(check `n…") reads as
     * a wrong word. Only when the last space within the width would leave less than half of it (one long word:
     * a path, a command) is the text cut mid-word, marked "…" as brief does.
     */
    public static String briefAtWord(String text, int max) {
        String line = oneLine(text).strip().replaceAll("\\s+", " ");
        if (line.codePointCount(0, line.length()) <= max) {
            return line;
        }
        int room = line.offsetByCodePoints(0, Math.max(0, max - 2)); // " …" takes two
        int space = line.lastIndexOf(' ', room); // a space at room itself: the cut falls between words already
        if (space > 0 && line.codePointCount(0, space) >= max / 2) {
            return line.substring(0, space) + " …";
        }
        return line.substring(0, line.offsetByCodePoints(0, Math.max(0, max - 1))) + "…";
    }

    /** Display width in code points (good enough for the Latin and symbol text a plan holds). */
    public static int width(String text) {
        return text.codePointCount(0, text.length());
    }
}
