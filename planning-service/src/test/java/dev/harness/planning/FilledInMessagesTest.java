package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.located;
import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A message the objective quotes filled in ({@code `Width: -3 lies outside the canvas. Negative sizes are not
 * allowed.`}) is written in the code as a format string whose placeholders stand for the values ({@code "Bad size!
 * Width: %s-%s lies outside the canvas. …"}): the file holding that format string is the change.
 */
class FilledInMessagesTest {
    @TempDir
    Path temp;

    private static final String MESSAGE = "Width: -3 lies outside the canvas. Negative sizes are not allowed.";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        // printf style, the message only a part of the literal
        "~throw new E(String.format(\"Bad size! Width: %s-%s lies outside the canvas. Negative sizes are not allowed.\", a, b));~|true",
        // SLF4J / str.format / indexed / template-literal placeholders
        "~throw new E(\"Width: {} lies outside the canvas. Negative sizes are not allowed.\");~|true",
        "~raise E('Width: {0} lies outside the canvas. Negative sizes are not allowed.'.format(w))~|true",
        "~throw new Error(`Width: ${w} lies outside the canvas. Negative sizes are not allowed.`)~|true",
        // the same words without a placeholder are found verbatim elsewhere; other words do not match
        "~log(\"Width: 3 lies outside the canvas. Negative sizes are not allowed.\")~|false",
        "~throw new E(String.format(\"Height: %s lies outside the canvas.\", h));~|false",
    })
    void aFormatStringMatchesTheMessageFilledIn(String code, boolean matches) {
        assertThat(MessageOwners.fillsTemplate(code, MESSAGE)).isEqualTo(matches);
    }

    @Test
    void onlyMessagesWithSomethingBesideWordsAreReadFilledIn() {
        assertThat(MessageOwners.filledInMessages("it must fail with `" + MESSAGE + "` and `no size given here`"))
                .containsExactly(MESSAGE);
    }

    @Test
    void aMessageWrittenInProseIsReadAfterItsColon() {
        assertThat(MessageOwners.filledInMessages("it must fail with a message ending in Width: -3 lies outside the canvas. "
                + "Negative sizes are not allowed")).containsExactly("-3 lies outside the canvas");
        // what must happen, written after a colon, is no message
        assertThat(MessageOwners.filledInMessages("reading -3 fails: the parser must reject 3 negative sizes")).isEmpty();
    }

    private Path canvas() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("canvas"));
        write(ws, "pom.xml", "<project><groupId>g</groupId><artifactId>canvas</artifactId><version>1</version></project>\n");
        String main = "src/main/java/org/canvas/";
        // the builder talks about widths and sizes all the time
        write(ws, main + "CanvasBuilder.java", "package org.canvas;\n\npublic class CanvasBuilder {\n"
                + "    private int width;\n    private int size;\n    /** The width of the canvas; negative sizes are checked by the parser. */\n"
                + "    public CanvasBuilder width(int width) { this.width = width; this.size = width; return this; }\n"
                + "    public int size() { return size; }\n    public int width() { return width; }\n"
                + "    public Canvas build() { return new Canvas(width, size); }\n}\n");
        write(ws, main + "Canvas.java", "package org.canvas;\n\npublic class Canvas {\n    final int width;\n    final int size;\n"
                + "    Canvas(int width, int size) { this.width = width; this.size = size; }\n"
                + "    /** Whether a point lies outside the canvas. */\n    boolean outside(int x) { return x < 0 || x > width; }\n}\n");
        // the parser writes the message from a format string
        write(ws, main + "SizeParser.java", "package org.canvas;\n\npublic class SizeParser {\n"
                + "    public int parse(String text) {\n        String[] parts = text.split(\"-\");\n"
                + "        if (parts.length > 1) {\n            throw new IllegalArgumentException(String.format(\n"
                + "                \"Bad size! Width: %s-%s lies outside the canvas. Negative sizes are not allowed.\", parts[0], parts[1]));\n"
                + "        }\n        return Integer.parseInt(text);\n    }\n}\n");
        return ws;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "Reading `-3` as a width must fail with a message ending in `" + MESSAGE + "`",
        // the same written in prose
        "Reading -3 as a width must fail with a message ending in " + MESSAGE,
    })
    void theFileHoldingTheFormatStringIsTheChange(String objective) throws Exception {
        List<String> files = located(CodeForm.marked(objective, w -> false), facts(canvas()));
        assertThat(files).containsExactly("src/main/java/org/canvas/SizeParser.java");
    }
}
