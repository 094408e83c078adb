package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The content index knows a JavaScript or TypeScript class method (round 17's winston: {@code isLevelEnabled(level) {}
 * in class Logger) as where that name is defined; a call leading a line, a control statement, and a test's describe are not.
 */
class ScriptMethodDefinitionTest {
    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0} in {1}: defined {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        // the line inside a class body or a function           | file          | defines isLevelEnabled
        "  isLevelEnabled(level) {                               | logger.js     | true",
        "  isLevelEnabled(level: string): boolean {              | logger.ts     | true",
        "  isLevelEnabled(level) { // the logger's own level too  | logger.mjs    | true",
        "  isLevelEnabled(level);                                | logger.js     | false",
        "  isLevelEnabled(level).then(() => {                     | logger.js     | false",
        "  isLevelEnabled(level: string): boolean;               | logger.d.ts   | false",
        "  isLevelEnabled(level) {                               | logger.py     | false",
    })
    void aClassMethodIsItsNamesDefinition(String line, String file, boolean defined) throws Exception {
        Path ws = Files.createDirectories(temp.resolve("m" + Math.abs((line + file).hashCode())));
        // indented as in a class body (the table's cells are trimmed)
        write(ws, file, "class Logger {\n  constructor() {\n    this.level = 'info';\n  }\n\n  " + line + "\n    return true;\n  }\n}\n");
        WorkspaceFacts facts = ScannedWorkspace.facts(ws);
        assertThat(facts.content().occurrences("islevelenabled")).anyMatch(o -> o.path().equals(file))
                .allMatch(o -> o.defined() == defined);
    }
}
