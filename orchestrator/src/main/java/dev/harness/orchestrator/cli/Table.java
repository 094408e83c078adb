package dev.harness.orchestrator.cli;

import java.util.List;

/** Left-aligned columns for people; control characters in cells are made visible first. */
final class Table {
    private Table() {}

    static String of(List<String> header, List<List<String>> rows) {
        int[] widths = new int[header.size()];
        for (int i = 0; i < header.size(); i++) {
            widths[i] = header.get(i).length();
        }
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], clean(row.get(i)).length());
            }
        }
        StringBuilder out = new StringBuilder();
        append(out, header, widths);
        for (List<String> row : rows) {
            append(out, row, widths);
        }
        return out.toString();
    }

    private static void append(StringBuilder out, List<String> row, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < row.size(); i++) {
            String cell = clean(row.get(i));
            line.append(cell);
            if (i < row.size() - 1) {
                line.append(" ".repeat(widths[i] - cell.length() + 2));
            }
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    static String clean(String text) {
        if (text == null) {
            return "-";
        }
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(c == '\n' ? "⏎" : "?");
            } else {
                out.appendCodePoint(c);
            }
        });
        String s = out.toString();
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
