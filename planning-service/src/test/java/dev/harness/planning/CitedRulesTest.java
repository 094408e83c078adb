package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.located;
import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rules of a specification cited by label (uniseg's GB12/GB13) are where one file's comments say they are implemented. */
class CitedRulesTest {
    @TempDir
    Path temp;

    private Path segmenter(boolean labelsTwice) throws Exception {
        Path ws = Files.createDirectories(temp.resolve("seg"));
        write(ws, "go.mod", "module example.com/seg\n\ngo 1.19\n");
        write(ws, "grapheme.go", "package seg\n\n// Graphemes iterates over the user-perceived characters (grapheme clusters) of a string.\n"
                + "type Graphemes struct {\n\ttext  string\n\tstate int\n}\n\n"
                + "// NewGraphemes returns an iterator over the grapheme clusters of text: each cluster is one user-perceived character.\n"
                + "func NewGraphemes(text string) *Graphemes {\n\treturn &Graphemes{text: text, state: -1}\n}\n\n"
                + "// GraphemeClusterCount counts the grapheme clusters of text: flags, emoji and symbols count as one character.\n"
                + "func GraphemeClusterCount(text string) (n int) {\n\tg := NewGraphemes(text)\n\tfor g.Next() {\n\t\tn++\n\t}\n\treturn\n}\n\n"
                + "// Next advances to the next cluster.\nfunc (g *Graphemes) Next() bool {\n"
                + "\tg.state = transitionGraphemeState(g.state, 0)\n\treturn g.state >= 0\n}\n");
        write(ws, "graphemerules.go", "package seg\n\nconst (\n\tgrAny = iota\n\tgrRIOdd\n\tgrRIEven\n)\n\n"
                + "func transitionGraphemeState(state int, r rune) int {\n\tswitch state {\n"
                + "\t// GB12 / GB13\n\tcase grRIOdd:\n\t\treturn grRIEven\n\t}\n\treturn grAny\n}\n");
        if (labelsTwice) {
            write(ws, "wordrules.go", "package seg\n\n// WB15 and WB16 pair them like GB12 does.\nfunc transitionWordState(state int) int {\n"
                    + "\treturn state\n}\n");
        }
        return ws;
    }

    private static final String FLAGS = "Consecutive flag emoji are merged into one user-perceived character: iterating two flags "
            + "with NewGraphemes (or GraphemeClusterCount) yields a single cluster instead of two flags. Regional indicator "
            + "symbols must pair up two by two, with a boundary after every second one (Unicode rules GB12/GB13).";

    @Test
    void theOneFileHoldingTheCitedRulesIsThePlace() throws Exception {
        assertThat(located(FLAGS, facts(segmenter(false)))).containsExactly("graphemerules.go");
    }

    @Test
    void anEscapeIsNoRuleLabel() throws Exception {
        // u0008 in one file's comment is a character the objective writes, not a rule of a specification
        Path ws = segmenter(false);
        write(ws, "escape.go", "package seg\n\n// Escape writes a backspace as \\u0008.\nfunc Escape(s string) string {\n\treturn s\n}\n");
        assertThat(located("Escape must write a backspace as `\\b`, not as `\\u0008`, when escaping for the grapheme "
                + "iterator of NewGraphemes.", facts(ws))).doesNotContain("escape.go").isNotEmpty();
    }

    @Test
    void labelsSeveralFilesHoldSayNothing() throws Exception {
        assertThat(located(FLAGS, facts(segmenter(true)))).doesNotContain("wordrules.go");
    }
}
