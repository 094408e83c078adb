package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.located;
import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A declaration's doc comment says in words what it is for: when it names the objective's rarest concept ("read from
 * databases"), that declaration's file is the place, ahead of the project's main file that holds the objective's common
 * words (bytes, length, parse) and is named after the project; an import path ("database/sql/driver") is no such mention.
 */
class DocCommentScopingTest {
    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // source (\n for line breaks)                                                             | doc lines | other comment lines
        "// Scan reads a value.\\n// It takes bytes.\\nfunc (x *T) Scan() {}                       | 1,2       | ",
        "// Header of the file.\\n\\nfunc F() {}                                                     |           | 1",
        "func F() {\\n\\t// a note inside a body\\n\\treturn\\n}                                     |           | 2",
        "/**\\n * Reads the value.\\n */\\n@Override\\npublic int read() {}                           | 1,2,3     | ",
        "def read(x):\\n    \"\"\"Reads from the database.\\n\\n    More.\\n    \"\"\"\\n    return x | 2,3,4,5   | ",
        "# Reads things.\\ndef read(x):\\n    '''One line.'''\\n    return x                          | 1,3       | ",
        "#!/usr/bin/env python\\nx = 1                                                              |           | ",
        // a signature over several lines: the docstring follows its last line
        "def split(\\n    self,\\n    text: str,\\n) -> list[str]:\\n    \"\"\"Splits.\\n    x = one_of('a')\\n    \"\"\"\\n    return [] | 5,6,7 | ",
    })
    void docCommentsAreTheCommentsAboveADeclarationAndDocstrings(String source, String doc, String other) {
        ContentIndex.Comments comments = ContentIndex.comments(source.replace("\\n", "\n").replace("\\t", "\t"));
        assertThat(lines(comments.doc())).isEqualTo(doc == null ? "" : doc);
        assertThat(lines(comments.other())).isEqualTo(other == null ? "" : other);
    }

    private static String lines(java.util.BitSet set) {
        return set.stream().mapToObj(Integer::toString).collect(Collectors.joining(","));
    }

    /** A one-package Go module named after its type, like many: the type's file holds the common words of every objective. */
    private Path identModule() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("ident"));
        write(ws, "go.mod", "module example.com/ident\n\ngo 1.19\n");
        write(ws, "ident.go", "package ident\n\nimport (\n\t\"crypto/rand\"\n\t\"errors\"\n\t\"io\"\n)\n\n"
                + "// An Ident is a 128 bit (16 byte) identifier.\ntype Ident [16]byte\n\n"
                + "var rander = rand.Reader // random bytes are read from it\n\n"
                + "// Parse decodes s into an Ident. It also accepts the raw hex encoding of 32 characters.\n"
                + "func Parse(s string) (Ident, error) {\n\tvar id Ident\n\tif len(s) != 36 && len(s) != 32 {\n"
                + "\t\treturn id, errors.New(\"invalid length\")\n\t}\n\treturn id, nil\n}\n\n"
                + "// ParseBytes is like Parse, except it parses a byte slice instead of a string.\n"
                + "func ParseBytes(b []byte) (Ident, error) { return Parse(string(b)) }\n\n"
                + "// FromBytes creates a new Ident from a byte slice. Returns an error if the slice\n"
                + "// does not have a length of 16. The bytes are copied from the slice.\n"
                + "func FromBytes(b []byte) (id Ident, err error) {\n\tif len(b) != 16 {\n\t\treturn id, errors.New(\"invalid length\")\n\t}\n"
                + "\tcopy(id[:], b)\n\treturn id, nil\n}\n\n"
                + "// String returns the text form of the Ident.\nfunc (id Ident) String() string { return string(id[:]) }\n\n"
                + "// SetRand sets the reader random bytes are read from.\nfunc SetRand(r io.Reader) { rander = r }\n\n"
                + "// NewRandom returns a random Ident, its bytes read from the reader; the pool is stored on the heap.\n"
                + "func NewRandom() (Ident, error) {\n\tvar id Ident\n\t_, err := io.ReadFull(rander, id[:])\n\treturn id, err\n}\n");
        write(ws, "sql.go", "package ident\n\nimport (\n\t\"database/sql/driver\"\n\t\"fmt\"\n)\n\n"
                + "// Scan implements sql.Scanner so Idents can be read from databases transparently.\n"
                + "// Currently, database types that map to string and []byte are supported. Please\n"
                + "// consult database-specific driver documentation for matching types.\n"
                + "func (id *Ident) Scan(src interface{}) error {\n\tswitch src := src.(type) {\n\tcase string:\n"
                + "\t\tu, err := Parse(src)\n\t\tif err != nil {\n\t\t\treturn fmt.Errorf(\"Scan: %v\", err)\n\t\t}\n\t\t*id = u\n"
                + "\tcase []byte:\n\t\tif len(src) != 16 {\n\t\t\treturn id.Scan(string(src))\n\t\t}\n\t\tcopy((*id)[:], src)\n\t}\n\treturn nil\n}\n\n"
                + "// Value implements sql.Valuer so that Idents can be written to databases\n"
                + "// transparently. Currently, Idents map to strings. Please consult\n"
                + "// database-specific driver documentation for matching types.\n"
                + "func (id Ident) Value() (driver.Value, error) { return id.String(), nil }\n");
        write(ws, "null.go", "package ident\n\nimport (\n\t\"bytes\"\n\t\"database/sql/driver\"\n)\n\n"
                + "// NullIdent represents an Ident that may be null.\n"
                + "// NullIdent implements the SQL driver.Scanner interface so\n// it can be used as a scan destination.\n"
                + "type NullIdent struct {\n\tIdent Ident\n\tValid bool\n}\n\n"
                + "// Scan implements the SQL driver.Scanner interface.\nfunc (n *NullIdent) Scan(value interface{}) error {\n"
                + "\tif value == nil {\n\t\tn.Valid = false\n\t\treturn nil\n\t}\n\terr := n.Ident.Scan(value)\n\tn.Valid = err == nil\n\treturn err\n}\n\n"
                + "// Value implements the driver Valuer interface.\nfunc (n NullIdent) Value() (driver.Value, error) {\n"
                + "\tif !n.Valid {\n\t\treturn nil, nil\n\t}\n\treturn n.Ident.Value()\n}\n\n"
                + "// MarshalText implements encoding.TextMarshaler.\nfunc (n NullIdent) MarshalText() ([]byte, error) {\n"
                + "\tif n.Valid {\n\t\treturn []byte(n.Ident.String()), nil\n\t}\n\treturn bytes.Repeat([]byte{'0'}, 4), nil\n}\n");
        // the project's everyday words (length, bytes, text) are in most of its files
        write(ws, "marshal.go", "package ident\n\nimport \"fmt\"\n\n"
                + "// MarshalText implements encoding.TextMarshaler.\nfunc (id Ident) MarshalText() ([]byte, error) { return []byte(id.String()), nil }\n\n"
                + "// UnmarshalBinary implements encoding.BinaryUnmarshaler; the length must be 16.\n"
                + "func (id *Ident) UnmarshalBinary(data []byte) error {\n\tif length := len(data); length != 16 {\n"
                + "\t\treturn fmt.Errorf(\"invalid length %d\", length)\n\t}\n\tcopy(id[:], data)\n\treturn nil\n}\n");
        write(ws, "hash.go", "package ident\n\nimport \"crypto/sha1\"\n\n"
                + "// NewHash returns the Ident of the hash of data, whatever its length: the text is cut to 16 bytes.\n"
                + "func NewHash(data []byte) Ident {\n\tvar id Ident\n\tsum := sha1.Sum(data)\n\tlength := len(sum)\n"
                + "\tif length > 16 {\n\t\tlength = 16\n\t}\n\tcopy(id[:], sum[:length])\n\treturn id\n}\n");
        write(ws, "ident_test.go", "package ident\n\nimport \"testing\"\n\n" + IntStream.rangeClosed(1, 12)
                .mapToObj(i -> "func TestParse" + i + "(t *testing.T) { Parse(\"x\") }\n").collect(Collectors.joining()));
        write(ws, "sql_test.go", "package ident\n\nimport \"testing\"\n\nfunc TestScan(t *testing.T) { var id Ident; id.Scan([]byte{1}) }\n\n"
                + "func TestValue(t *testing.T) { var id Ident; id.Value() }\n");
        write(ws, "null_test.go", "package ident\n\nimport \"testing\"\n\nfunc TestNullIdentScan(t *testing.T) { var n NullIdent; n.Scan(nil) }\n");
        return ws;
    }

    @Test
    void theFileWhoseDocCommentSaysTheObjectivesRareConceptIsThePlace() throws Exception {
        Path ws = identModule();
        String objective = "reading an ident from a database column: a 16-byte `[]byte` value must be taken as the raw bytes, "
                + "any other length parsed as text";
        assertThat(located(objective, facts(ws))).containsExactly("sql.go");
        // and its check is the test of that file that holds the value the objective writes (`[]byte`): TestScan reads one,
        // TestValue writes a column and never meets the case; not every test of the package either
        PlanDraft draft = new BuiltInPlanner().plan(objective, facts(ws), null);
        assertThat(draft.packets().get(0).acceptanceTests()).first().asString().isEqualTo("go test -run '^(TestScan)$' .");
    }

    @Test
    void anImportPathIsNotAMentionOfItsWords() throws Exception {
        Path ws = identModule();
        ContentIndex content = facts(ws).content();
        // null.go imports database/sql/driver and never says "database" otherwise; sql.go says it in its doc comments
        assertThat(content.occurrences(ObjectiveTerms.stem("database"))).extracting(ContentIndex.Occurrence::path)
                .containsExactly("sql.go");
        assertThat(content.occurrences(ObjectiveTerms.stem("database")).get(0).documented()).isTrue();
    }
}
