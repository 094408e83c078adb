package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.located;
import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A function an objective reaches through its module ({@code `pydash.truncate`}) and names no other way: the one code
 * file defining it is the place, not a module that repeats the objective's words (pydash's arrays.py, whose
 * intercalate takes a separator). A name many files define (`sqlparse.split`) says nothing of where.
 */
class QualifiedNameScopingTest {
    @TempDir
    Path temp;

    private Path utilities(String extraDefiner) throws Exception {
        Path ws = Files.createDirectories(temp.resolve("util"));
        write(ws, "pyproject.toml", "[project]\nname = \"tools\"\n");
        write(ws, "src/tools/__init__.py", "from .arrays import *\nfrom .strings import *\n");
        write(ws, "src/tools/strings.py", "import re\n\n\ndef truncate(text, length=30, omission='...', cut_at=None):\n"
                + "    \"\"\"Shortens text to length, ending it with omission.\"\"\"\n    if len(text) <= length:\n        return text\n"
                + "    return text[: length - len(omission)] + omission\n\n\ndef words(text):\n    return re.findall(r'\\w+', text)\n");
        write(ws, "src/tools/arrays.py", "def intercalate(array, separator):\n"
                + "    \"\"\"Like intersperse, the separator between each array of the array: the last occurrence is kept.\"\"\"\n"
                + "    return flatten(intersperse(array, separator))\n\n\ndef intersperse(array, separator):\n"
                + "    \"\"\"Inserts a separator between elements; a regex separator is compiled once, up to the limit.\"\"\"\n"
                + "    out = []\n    for i, item in enumerate(array):\n        if i:\n            out.append(separator)\n"
                + "        out.append(item)\n    return out\n\n\ndef slice_(array, start=0, end=None):\n"
                + "    \"\"\"Cuts back the array to the elements before end.\"\"\"\n    return array[start:end]\n\n\n"
                + "def flatten(array):\n    return [x for part in array for x in part]\n");
        write(ws, "src/tools/all_funcs.pyi", "def truncate(text: str, length: int = ..., omission: str = ..., cut_at: str = ...) -> str: ...\n");
        if (extraDefiner != null) {
            write(ws, extraDefiner, "def truncate(text, length):\n    return text[:length]\n");
        }
        write(ws, "tests/test_strings.py", "from tools import truncate\n\n\ndef test_truncate():\n"
                + "    assert truncate('hello world', 8) == 'hello...'\n");
        return ws;
    }

    private static final String OBJECTIVE = "`tools.truncate` ignores a string `separator`: truncate('hi-diddly-ho there, "
            + "neighborino', 24, '...', ' ') returns 'hi-diddly-ho there, n...' instead of cutting back to the last separator "
            + "before the limit, 'hi-diddly-ho there,...'. With a separator, the kept text should end at the last occurrence "
            + "of that separator (a compiled regex separator already works).";

    @Test
    void aFunctionReachedThroughItsModuleIsTheOneFileDefiningIt() throws Exception {
        assertThat(located(OBJECTIVE, facts(utilities(null)))).containsExactly("src/tools/strings.py");
    }

    @Test
    void aNameSeveralFilesDefineIsNoPlaceOfItsOwn() throws Exception {
        assertThat(located(OBJECTIVE, facts(utilities("src/tools/legacy.py")))).doesNotContain("src/tools/legacy.py");
    }
}
