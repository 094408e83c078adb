package dev.harness.orchestrator.render;

import java.util.List;

/** Left-aligned text columns separated by two spaces; the last column is never padded. */
final class Columns {
    private Columns() {}

    static String format(List<String[]> rows) {
        if (rows.isEmpty()) {
            return "";
        }
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], SafeText.width(row[c] == null ? "" : row[c]));
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                String cell = row[c] == null ? "" : row[c];
                line.append(cell);
                if (c < columns - 1) {
                    line.append(" ".repeat(widths[c] - SafeText.width(cell) + 2));
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
