package dev.harness.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a configured command — an agent template, a planner command, a service override, an
 * editor — into an argument list, one way for the whole suite. A JSON array of strings is taken
 * as it is; anything else is split into words the way a POSIX shell splits them (single quotes
 * literal, double quotes with \" \\ \$ \` escapes, backslash outside quotes) but without a shell:
 * no expansion, no pipes, nothing executed.
 */
public final class CommandWords {
    private CommandWords() {}

    /** A JSON array of strings, or words; IllegalArgumentException says what is wrong. */
    public static List<String> parse(String command) {
        String text = command == null ? "" : command.strip();
        return text.startsWith("[") ? jsonArray(text) : split(text);
    }

    private static List<String> jsonArray(String text) {
        JsonNode node;
        try {
            node = Json.parse(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the command is not a valid JSON array: " + e.getOriginalMessage());
        }
        if (!node.isArray() || node.isEmpty()) {
            throw new IllegalArgumentException("the command must be a non-empty JSON array of strings");
        }
        List<String> argv = new ArrayList<>();
        for (JsonNode element : node) {
            if (!element.isTextual()) {
                throw new IllegalArgumentException("every element of the command's JSON array must be a string");
            }
            argv.add(element.asText());
        }
        if (argv.get(0).isBlank()) {
            throw new IllegalArgumentException("the command's program (first element) is empty");
        }
        return argv;
    }

    public static List<String> split(String command) {
        List<String> argv = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        while (i < command.length()) {
            char c = command.charAt(i);
            if (c == '\'') {
                int end = command.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated single quote in the command: " + command);
                }
                word.append(command, i + 1, end);
                inWord = true;
                i = end + 1;
            } else if (c == '"') {
                i++;
                boolean closed = false;
                while (i < command.length()) {
                    char d = command.charAt(i);
                    if (d == '"') {
                        closed = true;
                        i++;
                        break;
                    }
                    if (d == '\\' && i + 1 < command.length() && "\"\\$`".indexOf(command.charAt(i + 1)) >= 0) {
                        word.append(command.charAt(i + 1));
                        i += 2;
                    } else {
                        word.append(d);
                        i++;
                    }
                }
                if (!closed) {
                    throw new IllegalArgumentException("unterminated double quote in the command: " + command);
                }
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 >= command.length()) {
                    throw new IllegalArgumentException("the command ends with a lone backslash: " + command);
                }
                word.append(command.charAt(i + 1));
                inWord = true;
                i += 2;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    argv.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            argv.add(word.toString());
        }
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("the command is empty");
        }
        return argv;
    }

    /** Words made only of these read the same to a shell bare; anything else is single-quoted. */
    private static final java.util.regex.Pattern PLAIN = java.util.regex.Pattern.compile("[A-Za-z0-9_./@%+=:,-]+");

    /**
     * One word as a POSIX shell reads it back literally — the inverse of {@link #parse}'s splitting:
     * for a path or value put into a command a person copies into their shell (a "Continue with:" hint),
     * so a directory named {@code my proj $(x)} is one argument and runs nothing. Plain words stay bare.
     */
    public static String quote(String word) {
        if (word == null) {
            throw new IllegalArgumentException("nothing to quote");
        }
        if (!word.isEmpty() && !word.startsWith("-") && PLAIN.matcher(word).matches()) {
            return word;
        }
        // single quotes keep everything literal except ' itself: close, escaped quote, reopen
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /**
     * A whole command as prose names it: in backticks, so quotes inside it (a check's
     * {@code pytest 'tests/x.py'}) cannot look like where the name ends. A command that itself
     * holds a backtick gets a double-backtick fence, as Markdown does.
     */
    public static String shown(String command) {
        String text = command == null ? "" : command;
        return text.contains("`") ? "`` " + text + " ``" : "`" + text + "`";
    }
}
