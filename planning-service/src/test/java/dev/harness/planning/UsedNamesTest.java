package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.write;
import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.located;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A name the objective says the change uses as it is ("reject … with BadInput") says where the change goes (the code
 * raising it), not that the file defining it changes too.
 */
class UsedNamesTest {
    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "reject codes containing spaces with BadInput instead of stripping them | badinput",
        "raise `ValueError` for an empty key | valueerror",
        "throw a ParseError naming the line | parseerror",
        "add a reason attribute to BadInput | ''",
        "make BadInput carry the offending code | ''",
        "with `QuoteMode.MINIMAL` a value starting with a comment marker is quoted | quotemode",
        "with HeaderMode.ALLOW_EMPTY set, blank names are accepted | headermode,allow_empty",
        "add a constant to ErrorKind for timeouts | ''",
        "call ErrorKind.parse() first | ''",
    })
    void namesTheChangeUses(String objective, String used) {
        Set<String> identifiers = ChangeLocator.keys(objective).identifiers();
        assertThat(String.join(",", ChangeLocator.usedNames(objective, identifiers))).isEqualTo(used);
    }

    /** A small codec package: its exceptions in one module, the decoder raising one of them in another. */
    private Path codecPackage() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("codec"));
        write(ws, "pyproject.toml", "[project]\nname = \"codec\"\n\n[tool.pytest.ini_options]\ntestpaths = [\"tests\"]\n");
        write(ws, "src/codec/__init__.py", "from .errors import BadInput as BadInput\nfrom .decode import decode as decode\n");
        write(ws, "src/codec/errors.py", "class BadInput(Exception):\n    \"\"\"Raised when a code cannot be decoded.\"\"\"\n\n"
                + "    def __init__(self, message, code=None):\n        super().__init__(message)\n        self.code = code\n\n\n"
                + "class BadChecksum(BadInput):\n    \"\"\"The code decodes but its checksum is wrong.\"\"\"\n");
        write(ws, "src/codec/decode.py", "from .errors import BadInput\n\n\n"
                + "def decode(code: str) -> bytes:\n    \"\"\"Decodes a code, silently stripping spaces before decoding.\"\"\"\n"
                + "    code = code.replace(\" \", \"\")\n    try:\n        return bytes.fromhex(code)\n"
                + "    except ValueError as e:\n        raise BadInput(\"invalid code\", code) from e\n");
        write(ws, "tests/test_decode.py", "import pytest\nfrom codec import decode, BadInput\n\n\n"
                + "def test_decode_bad():\n    with pytest.raises(BadInput):\n        decode(\"zz\")\n");
        return ws;
    }

    @Test
    void anExistingExceptionTheChangeRaisesIsNotASecondFileToChange() throws Exception {
        Path ws = codecPackage();
        assertThat(located("reject codes containing spaces with BadInput instead of silently stripping them before decoding",
                facts(ws))).containsExactly("src/codec/decode.py");
    }

    @Test
    void anObjectiveChangingTheExceptionStillGoesToItsDefinition() throws Exception {
        Path ws = codecPackage();
        assertThat(located("give BadInput a `reason` attribute saying why a code could not be decoded", facts(ws)))
                .contains("src/codec/errors.py");
    }

    @Test
    void anEnumWhoseConstantTheObjectiveNamesIsWhereTheCodeSwitchesOnIt() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("table"));
        write(ws, "pom.xml", "<project><modelVersion>4.0.0</modelVersion><groupId>org.example</groupId>"
                + "<artifactId>table</artifactId><version>1</version></project>\n");
        String main = "src/main/java/org/example/table/";
        write(ws, main + "DuplicateMode.java", """
                package org.example.table;
                /** What to do with repeated header names. */
                public enum DuplicateMode {
                  /** Repeated names are accepted. */
                  ALLOW_ALL,
                  /** Only repeated empty (blank) names are accepted. */
                  ALLOW_EMPTY,
                  /** Repeated names are rejected. */
                  DISALLOW
                }
                """);
        write(ws, main + "HeaderReader.java", """
                package org.example.table;
                import java.util.*;
                /** Reads the header row: names, blank names and repeated names. */
                public class HeaderReader {
                  private final DuplicateMode mode;
                  public HeaderReader(DuplicateMode mode) { this.mode = mode; }
                  public List<String> read(List<String> names) {
                    Set<String> seen = new HashSet<>();
                    for (String name : names) {
                      boolean blank = name.isBlank();
                      boolean repeated = !seen.add(name);
                      if (repeated && mode == DuplicateMode.DISALLOW) throw new IllegalArgumentException("repeated: " + name);
                      if (repeated && mode == DuplicateMode.ALLOW_EMPTY && !blank) throw new IllegalArgumentException(name);
                    }
                    return names;
                  }
                }
                """);
        write(ws, "src/test/java/org/example/table/HeaderReaderTest.java", "package org.example.table;\n"
                + "class HeaderReaderTest { void blank() { new HeaderReader(DuplicateMode.ALLOW_EMPTY); } }\n");
        assertThat(located("with `DuplicateMode.ALLOW_EMPTY`, repeated blank header names must be accepted even when they "
                + "are only whitespace", facts(ws))).containsExactly(main + "HeaderReader.java");
    }
}
