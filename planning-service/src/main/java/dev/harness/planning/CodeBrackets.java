package dev.harness.planning;

/**
 * Bracket matching in C-family source text (Java, JavaScript): the one scanner the planner uses to find where a
 * method body or a call's argument list ends, with string, character, template and text-block literals and comments skipped
 * so a {@code "}"} or a {@code // )} does not close anything.
 */
final class CodeBrackets {
    private CodeBrackets() {
    }

    /**
     * The index of the bracket closing the one at {@code open} ({@code (}, {@code [} or {@code {}; the three kinds
     * count together, as they nest in well-formed code), or -1 when the text ends first.
     */
    static int closing(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (text.startsWith("\"\"\"", i)) { // a Java text block runs to its closing triple quote, over lines
                int close = text.indexOf("\"\"\"", i + 3);
                i = close < 0 ? text.length() : close + 2;
            } else if (c == '"' || c == '\'' || c == '`') {
                i = endOfLiteral(text, i, c);
            } else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
                int nl = text.indexOf('\n', i);
                i = nl < 0 ? text.length() : nl;
            } else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '*') {
                int close = text.indexOf("*/", i + 2);
                i = close < 0 ? text.length() : close + 1;
            } else if (c == '(' || c == '{' || c == '[') {
                depth++;
            } else if ((c == ')' || c == '}' || c == ']') && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Where the literal opened at {@code start} ends: its closing quote, or the line's end for a quote that cannot span lines. */
    private static int endOfLiteral(String text, int start, char quote) {
        for (int i = start + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote || (c == '\n' && quote != '`')) {
                return i;
            }
        }
        return text.length();
    }
}
