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

/**
 * A message the objective writes in its prose without quotes ("… fails with bad number syntax: …") that one chosen
 * file's string literal opens with ({@code "bad number syntax: %q"}): that file builds it, and a file beside it sharing
 * only the words around the message (the lexer's main loop) does not join.
 */
class ProseMessagesTest {
    @TempDir
    Path temp;

    private Path lexer(String stateMessage) throws Exception {
        Path ws = Files.createDirectories(temp.resolve("lex"));
        write(ws, "go.mod", "module example.com/lex\n\ngo 1.21\n");
        write(ws, "lexer/lexer.go", "package lexer\n\n// Lexer reads the source: spaces, numbers, the range operator\n"
                + "type Lexer struct {\n\tsource []rune\n\tpos int\n}\n\n"
                + "// skipSpaces reads past spaces written between tokens\n"
                + "func (l *Lexer) skipSpaces() {\n\tfor l.pos < len(l.source) && l.source[l.pos] == ' ' {\n\t\tl.pos++\n\t}\n}\n\n"
                + "// operator reads a range operator or another operator\n"
                + "func (l *Lexer) operator() string {\n\tl.skipSpaces()\n\treturn string(l.source[l.pos])\n}\n\n"
                + "func (l *Lexer) read() []string {\n\tl.skipSpaces()\n\treturn []string{l.operator()}\n}\n");
        write(ws, "lexer/state.go", "package lexer\n\nimport \"fmt\"\n\n"
                + "// number reads a number; a range written after it is the range operator\n"
                + "func (l *Lexer) number() error {\n\tl.skipSpaces()\n\tif l.pos > len(l.source) {\n"
                + "\t\treturn fmt.Errorf(\"" + stateMessage + ": %q\", string(l.source))\n\t}\n\treturn nil\n}\n");
        write(ws, "lexer/lexer_test.go", "package lexer\n\nimport \"testing\"\n\n"
                + "func TestLex(t *testing.T) {\n\t_ = (&Lexer{}).read()\n}\n");
        return ws;
    }

    private static final String OBJECTIVE = "A range written without spaces like 1..5 fails with bad number syntax: the lexer must read "
            + "it as the number 1, the range operator and 5";

    @Test
    void theFileWhoseLiteralIsTheMessageTheProseWritesIsTheChangeAlone() throws Exception {
        List<String> files = located(OBJECTIVE, facts(lexer("bad number syntax")));
        assertThat(files).containsExactly("lexer/state.go");
    }

    @Test
    void aLiteralTheProseDoesNotWriteSaysNothing() throws Exception {
        List<String> files = located(OBJECTIVE, facts(lexer("cannot parse value")));
        assertThat(files).contains("lexer/lexer.go");
    }
}
