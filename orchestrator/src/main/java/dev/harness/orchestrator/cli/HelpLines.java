package dev.harness.orchestrator.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Help lines that break only at spaces. picocli wraps with the JDK's line BreakIterator, which also breaks after
 * '/' and '.', so a path such as ~/.config/harness/trust-policy.yaml came out split over two lines and could not be
 * copied. Each section is rendered wide (picocli wraps nothing) and wrapped again here, at spaces only; a word
 * longer than the line stays whole and runs past it.
 */
public final class HelpLines {
    private static final int WIDE = 10_000;
    private static final Pattern STYLE = Pattern.compile("\u001B\\[[0-9;]*m");
    /** Where a line's last column starts: after a run of two or more spaces that follows text. */
    private static final Pattern COLUMN = Pattern.compile("^(\\s*\\S.*?\\s{2,})\\S");

    private HelpLines() {
    }

    /** Wraps every help section of the command and its subcommands at spaces only. */
    public static void apply(CommandLine command) {
        Map<String, CommandLine.IHelpSectionRenderer> sections = command.getHelpSectionMap();
        for (Map.Entry<String, CommandLine.IHelpSectionRenderer> section : sections.entrySet()) {
            if (section.getKey().equals(UsageMessageSpec.SECTION_KEY_SYNOPSIS)) {
                continue; // picocli lays the synopsis out after its heading, and breaks it only between options
            }
            CommandLine.IHelpSectionRenderer original = section.getValue();
            section.setValue(help -> render(original, help));
        }
        command.setHelpSectionMap(sections);
        command.getSubcommands().values().forEach(HelpLines::apply);
    }

    private static String render(CommandLine.IHelpSectionRenderer original, CommandLine.Help help) {
        UsageMessageSpec usage = help.commandSpec().usageMessage();
        int width = usage.width();
        boolean auto = usage.autoWidth();
        usage.autoWidth(false).width(WIDE);
        String text;
        try {
            text = original.render(help);
        } finally {
            usage.width(width).autoWidth(auto);
        }
        return wrap(text, width);
    }

    /** Wraps each line longer than width at spaces, continuing under the line's last column (or its indent). */
    static String wrap(String text, int width) {
        StringBuilder out = new StringBuilder(text.length());
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                out.append('\n');
            }
            out.append(String.join("\n", wrapLine(lines[i], width)));
        }
        return out.toString();
    }

    private static List<String> wrapLine(String line, int width) {
        if (visible(line) <= width) {
            return List.of(line);
        }
        String trimmed = line.stripTrailing();
        if (visible(trimmed) <= width) {
            return List.of(trimmed);
        }
        String plain = STYLE.matcher(trimmed).replaceAll("");
        Matcher column = COLUMN.matcher(plain);
        int indent = column.find() ? column.end(1) : plain.length() - plain.stripLeading().length();
        if (indent > width / 2) {
            indent = plain.length() - plain.stripLeading().length();
        }
        // the head (everything before the last column) is kept as it is; the rest is words
        int head = headEnd(trimmed, indent);
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder(trimmed.substring(0, head));
        int length = indent;
        boolean empty = true;
        for (String word : trimmed.substring(head).split(" ")) {
            if (word.isEmpty()) {
                continue;
            }
            int size = visible(word);
            if (!empty && length + 1 + size > width) {
                out.add(current.toString());
                current = new StringBuilder(" ".repeat(indent));
                length = indent;
                empty = true;
            }
            if (!empty) {
                current.append(' ');
                length++;
            }
            current.append(word);
            length += size;
            empty = false;
        }
        out.add(current.toString());
        return out;
    }

    /** The index in the styled line where the plain text's column `indent` starts. */
    private static int headEnd(String styled, int indent) {
        int seen = 0;
        int i = 0;
        while (i < styled.length() && seen < indent) {
            Matcher style = STYLE.matcher(styled).region(i, styled.length());
            if (style.lookingAt()) {
                i = style.end();
                continue;
            }
            i++;
            seen++;
        }
        return i;
    }

    private static int visible(String text) {
        return STYLE.matcher(text).replaceAll("").length();
    }
}
