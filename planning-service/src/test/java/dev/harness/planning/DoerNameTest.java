package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.located;
import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the code does ("encoding", "decoding") names the file named after what does it (encoder.go, decoder.go). */
class DoerNameTest {
    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "encoding a value with a nil pointer must write nothing|encoder.go",
        "decoding a value with a nil pointer must write nothing|decoder.go",
    })
    void theDoersFileIsThePlace(String objective, String expected) throws Exception {
        Path ws = temp.resolve("codec");
        write(ws, "go.mod", "module example.com/codec\n\ngo 1.19\n");
        write(ws, "encoder.go", "package codec\n\n// Encoder turns values into text.\ntype Encoder struct{}\n\n"
                + "func (e *Encoder) Run(v any) string {\n\treturn \"\"\n}\n");
        write(ws, "decoder.go", "package codec\n\n// Decoder turns text into values.\ntype Decoder struct{}\n\n"
                + "func (d *Decoder) Run(s string) any {\n\treturn nil\n}\n");
        write(ws, "codec_test.go", "package codec\n\nimport \"testing\"\n\nfunc TestRun(t *testing.T) {}\n");
        assertThat(located(objective, facts(ws))).first().isEqualTo(expected);
    }
}
