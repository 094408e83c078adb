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
 * A function the objective names that the project registers under that very name ({@code Name: "median"} in a table of
 * built-ins) is what its users call: the registered entry is the place, not a same-name helper the entry calls.
 */
class RegistryEntriesTest {
    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "~Name: \"median\",~|true",
        "~{name = 'median', fn = m}~|true",
        "~    \"median\": medianFunc,~|true",
        "~registry.register(\"median\", median)~|true",
        "~AddFunction('median', m)~|true",
        // a message, a value in a map, a longer name
        "~fmt.Errorf(\"median\")~|false",
        "~labels := map[string]string{\"median\": \"Median\"}~|false",
        "~Name: \"median_low\",~|false",
    })
    void aNameRegisteredUnderAStringKey(String line, boolean registered) {
        assertThat(ChangeLocator.registryEntry("median").matcher(line).find()).isEqualTo(registered);
    }

    private Path language(boolean entryCallsHelper) throws Exception {
        Path ws = Files.createDirectories(temp.resolve("lang"));
        write(ws, "go.mod", "module example.com/lang\n\ngo 1.21\n");
        write(ws, "builtin/builtin.go", "package builtin\n\nimport \"sort\"\n\n"
                + "type Function struct {\n\tName string\n\tFunc func(args ...any) (any, error)\n}\n\n"
                + "var Builtins = []*Function{\n"
                + "\t{\n\t\tName: \"sum\",\n\t\tFunc: func(args ...any) (any, error) { return total(args), nil },\n\t},\n"
                + "\t{\n\t\tName: \"median\",\n\t\tFunc: func(args ...any) (any, error) {\n"
                + (entryCallsHelper ? "\t\t\tvalues := median(0, args...)\n" : "\t\t\tvalues := floats(args)\n")
                + "\t\t\tsort.Float64s(values)\n\t\t\treturn values[len(values)/2], nil\n\t\t},\n\t},\n}\n");
        // the helper of the same name: it gathers the values, even numbers of them or not
        write(ws, "builtin/lib.go", "package builtin\n\n"
                + "// median flattens the arguments into the values of an even or odd count\n"
                + "func median(depth int, args ...any) []float64 {\n\tvar values []float64\n"
                + "\tfor _, a := range args {\n\t\tif v, ok := a.(float64); ok {\n\t\t\tvalues = append(values, v)\n\t\t}\n\t}\n"
                + "\treturn values\n}\n\n"
                + "func floats(args []any) []float64 {\n\treturn median(0, args...)\n}\n\n"
                + "func total(args []any) float64 {\n\treturn 0\n}\n");
        write(ws, "builtin/builtin_test.go", "package builtin\n\nimport \"testing\"\n\n"
                + "func TestBuiltin(t *testing.T) {\n\t_ = Builtins\n}\n");
        return ws;
    }

    @Test
    void theRegisteredEntryIsThePlaceNotTheSameNameHelper() throws Exception {
        List<String> files = located("`median` of an even number of values must be the mean of the two middle ones: "
                + "`median([1, 2, 3, 4])` is `2.5`, not `3`", facts(language(true)));
        assertThat(files).contains("builtin/builtin.go").doesNotContain("builtin/lib.go");
    }

    @Test
    void anEntryNotReachingTheFunctionIsAnotherThingOfThatName() throws Exception {
        List<String> files = located("`median` of an even number of values must be the mean of the two middle ones: "
                + "`median([1, 2, 3, 4])` is `2.5`, not `3`", facts(language(false)));
        assertThat(files).contains("builtin/lib.go");
    }
}
