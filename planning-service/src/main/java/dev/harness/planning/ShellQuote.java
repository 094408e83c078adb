package dev.harness.planning;

import java.util.regex.Pattern;

/**
 * Quotes one word for POSIX sh so that whatever it contains ($, backticks, quotes, ;, newlines)
 * stays literal: the only way a path reaches an acceptance-test command.
 */
public final class ShellQuote {
    /** Words made only of these need no quotes; everything else is single-quoted. */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./@%+=:,-]+");

    private ShellQuote() {}

    public static String quote(String word) {
        if (word == null) {
            throw new IllegalArgumentException("nothing to quote");
        }
        // single quotes keep everything literal except ' itself, which is closed, escaped and reopened: '\''
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** Like quote, but leaves words that cannot be misread bare (easier for people to read). */
    public static String quoteIfNeeded(String word) {
        return !word.isEmpty() && SAFE.matcher(word).matches() && !word.startsWith("-") ? word : quote(word);
    }
}
