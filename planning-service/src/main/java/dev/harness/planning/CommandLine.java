package dev.harness.planning;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a configured command such as {@code claude -p --output-format json} into an argv the way
 * a POSIX shell would split words — single quotes literal, double quotes with \" \\ \$ \` escapes,
 * backslash outside quotes — but without a shell: no expansion, no pipes, nothing executed.
 */
public final class CommandLine {
    private CommandLine() {}

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
}
