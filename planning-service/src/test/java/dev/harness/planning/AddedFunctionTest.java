package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A function the objective adds to a module it names goes into that module with one test file, however many files
 * hold its parameters' words; a name already defined, or a module that names no one file, is placed as any objective is.
 */
class AddedFunctionTest {
    @TempDir
    Path temp;

    /** Every code file of the library holds "store" and "value"; the objective's new function is defined nowhere. */
    private Path library(String layout) throws Exception {
        Path ws = Files.createDirectories(temp.resolve(layout));
        write(ws, "pyproject.toml", "[project]\nname = \"storekit\"\n");
        String body = "def get(store, key):\n    \"\"\"Return the value a store holds.\"\"\"\n    return store.value(key)\n";
        switch (layout) {
            case "package" -> {
                write(ws, "src/storekit/__init__.py", "class Store:\n    def value(self, key):\n        return key\n" + body);
                write(ws, "src/storekit/_cached.py", "# prefer the stored value\n" + body);
                write(ws, "src/storekit/keys.py", "# the key of a stored value\n" + body);
                write(ws, "tests/test_store.py", "from storekit import Store\n\ndef test_value():\n    assert Store().value(1) == 1\n");
                write(ws, "tests/test_cached.py", "from storekit import _cached\n\ndef test_get():\n    pass\n");
                write(ws, "tests/test_keys.py", "from storekit import keys\n\ndef test_key():\n    pass\n");
            }
            case "module" -> {
                write(ws, "storekit/helpers.py", "# store and value helpers\n" + body);
                write(ws, "storekit/core.py", "# the store's value\n" + body);
                write(ws, "tests/test_helpers.py", "from storekit import helpers\n\ndef test_get():\n    pass\n");
                write(ws, "tests/test_core.py", "from storekit import core\n\ndef test_get():\n    pass\n");
            }
            default -> throw new IllegalArgumentException(layout);
        }
        return ws;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // the package the objective names: its entry module, and the one test of it that ranks first
        "package|add a function `overflows(store, value)` to storekit that says whether a value can never fit in the store|src/storekit/__init__.py",
        // a module it names by its file's name
        "module|add a new function `evict_all(store)` to helpers so a store can drop every value|storekit/helpers.py",
        "module|add a function `evict_all(store)` to the `storekit/helpers.py` module|storekit/helpers.py",
    })
    void aNewFunctionGoesIntoTheModuleNamed(String layout, String objective, String home) throws Exception {
        List<TaskPacket> packets = new BuiltInPlanner().plan(objective, ScannedWorkspace.facts(library(layout)), null).packets();
        assertThat(packets).hasSize(1);
        List<String> files = strings(packets.get(0));
        assertThat(files).first().isEqualTo(home);
        assertThat(files).hasSize(2); // the module and one test file
        assertThat(files.get(1)).startsWith("tests/");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // defined already: a change to it, placed by where it is defined
        "module|add a function `get(store, key)` to helpers",
        // "store" names no module: nothing to put it in
        "package|add a function `overflows(store, value)` to store",
        // not a function it adds
        "package|add an option to storekit that keeps the last value",
    })
    void otherwiseTheObjectiveIsPlacedAsAnyIs(String layout, String objective) throws Exception {
        WorkspaceFacts facts = ScannedWorkspace.facts(library(layout));
        assertThat(AddedFunction.of(objective, facts, word -> facts.content().occurrences(ClassMembers.indexKey(word))
                .stream().anyMatch(o -> o.defined() && o.inCode()))).isEmpty();
    }

    private static List<String> strings(TaskPacket packet) {
        List<String> out = new java.util.ArrayList<>();
        packet.extras().get(TaskPacket.FILES).forEach(n -> out.add(n.asText()));
        return out;
    }
}
