package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.located;
import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The objective's rarest word is its concept only when the code uses it as a word of its own somewhere: held by one file
 * only as a part of a name ("cut" in a lexer's cutSrc, the rest of its input), it is that name's, and does not make that
 * file the place ahead of the one doing what the objective says (cutting a row's cells to a count).
 */
class FocusWordTest {
    @TempDir
    Path temp;

    @Test
    void aRareWordHeldOnlyInsideOneFilesNameIsNotTheConcept() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("mdlib"));
        write(ws, "package.json", "{\"name\":\"mdlib\",\"version\":\"1.0.0\",\"scripts\":{\"test\":\"node --test\"}}\n");
        write(ws, "src/lexer.ts", "import { Tokenizer } from './tokenizer';\n\nexport class Lexer {\n  tokenizer = new Tokenizer();\n"
                + "  gfm = true;\n\n  blockTokens(src: string, tokens: object[] = []) {\n    let cutSrc = src;\n    while (cutSrc) {\n"
                + "      const table = this.gfm ? this.tokenizer.table(cutSrc) : null;\n      if (table) {\n        tokens.push(table);\n"
                + "        cutSrc = cutSrc.substring(table.raw.length);\n        continue;\n      }\n      if (cutSrc.length > 0) {\n"
                + "        cutSrc = cutSrc.substring(1);\n      }\n      cutSrc = cutSrc.trimStart();\n    }\n    return tokens;\n  }\n}\n");
        write(ws, "src/helpers.ts", "export function splitCells(tableRow: string, count?: number) {\n  const cells = tableRow.split('|');\n"
                + "  if (!cells[0].trim()) {\n    cells.shift();\n  }\n  if (count) {\n    if (cells.length > count) {\n"
                + "      cells.splice(count);\n    } else {\n      while (cells.length < count) cells.push('');\n    }\n  }\n"
                + "  return cells.map(cell => cell.trim());\n}\n");
        write(ws, "src/tokenizer.ts", "import { splitCells } from './helpers';\n\nexport class Tokenizer {\n  table(src: string) {\n"
                + "    const lines = src.split('\\n');\n    if (lines.length < 2) return null;\n    const header = splitCells(lines[0]);\n"
                + "    const rows = lines.slice(2).map(row => splitCells(row, header.length));\n"
                + "    return { type: 'table', raw: src, header, rows };\n  }\n}\n");
        write(ws, "src/renderer.ts", "export class Renderer {\n  table(header: string[], body: string[][]) {\n"
                + "    const head = '<tr>' + header.map(cell => '<th>' + cell + '</th>').join('') + '</tr>';\n"
                + "    const rows = body.map(row => '<tr>' + row.map(cell => '<td>' + cell + '</td>').join('') + '</tr>').join('');\n"
                + "    return '<table><thead>' + head + '</thead><tbody>' + rows + '</tbody></table>';\n  }\n}\n");
        write(ws, "test/table.test.js", "import { test } from 'node:test';\n");
        assertThat(located("in a GFM table, a body row with more cells than the header must be cut to the header's column "
                + "count, and a row with fewer cells padded with empty cells", facts(ws))).containsExactly("src/helpers.ts");
    }
}
