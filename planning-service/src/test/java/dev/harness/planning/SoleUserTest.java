package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.located;
import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An option only one code file handles (`opts.Contains("omitempty")`, twice, in the encoder) is what that file is about:
 * it is the objective's rarest concept, ahead of a file holding its everyday words (empty, key, slice) many times.
 */
class SoleUserTest {
    @TempDir
    Path temp;

    @Test
    void theOneFileHandlingTheOptionIsThePlace() throws Exception {
        Path ws = temp.resolve("form");
        write(ws, "go.mod", "module example.com/form\n\ngo 1.19\n");
        write(ws, "encoder.go", "package form\n\nimport \"reflect\"\n\n// encode writes a struct's fields into the map.\n"
                + "func encode(v reflect.Value, opts tagOptions, dst map[string][]string) {\n"
                + "\tif opts.Contains(\"omitempty\") && isZero(v) {\n\t\treturn\n\t}\n"
                + "\tif v.Kind() == reflect.Slice && v.Len() == 0 && opts.Contains(\"omitempty\") {\n\t\treturn\n\t}\n"
                + "\tdst[\"field\"] = []string{v.String()}\n}\n");
        StringBuilder decoder = new StringBuilder("package form\n\n// decode reads the map's keys into a struct's fields, the reverse of encoding (as encoding/json does).\n"
                + "func decode(dst map[string][]string) {\n");
        for (int i = 0; i < 8; i++) {
            decoder.append("\t// an empty key, an empty slice, a struct field, a key of the map: skipped when empty\n")
                    .append("\tif key").append(i).append(" := dst[\"key\"]; len(key").append(i).append(") == 0 {\n\t\treturn\n\t}\n");
        }
        write(ws, "decoder.go", decoder.append("}\n").toString());
        write(ws, "cache.go", "package form\n\n// cache keeps each struct's fields by key; an empty key is no field.\n"
                + "var cache = map[string][]string{}\n\nfunc cached(key string) []string {\n\tif key == \"\" {\n\t\treturn nil\n\t}\n"
                + "\treturn cache[key]\n}\n");
        write(ws, "form_test.go", "package form\n\nimport \"testing\"\n\nfunc TestEncode(t *testing.T) {}\n\nfunc TestDecode(t *testing.T) {}\n");
        assertThat(located("Encoding a struct with an empty slice field tagged omitempty still writes a key with an empty list: "
                + "with omitempty an empty slice must be left out of the map", facts(ws))).first().isEqualTo("encoder.go");
    }
}
