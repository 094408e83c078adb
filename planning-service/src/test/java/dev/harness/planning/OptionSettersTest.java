package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.located;
import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** An option passed by name to a factory that never reads it is taken by its setter (XlsxWriter's Format.set_rotation). */
class OptionSettersTest {
    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "`workbook.add_format({'rotation': -45})` is wrong|rotation",
        "`Format(rotation=-45, bold=True)` is wrong|rotation;bold",
        "`createLogger({ level: 'info', transports: [] })` drops it|level;transports",
        // data, not an option passed to a call; a comparison is no option
        "`{'rotation': -45}` and `a == b`|''",
        "`f(x == 1)`|''",
    })
    void optionsTheObjectivesCodePasses(String objective, String expected) {
        assertThat(String.join(";", OptionSetters.options(objective))).isEqualTo(expected);
    }

    private Path sheets(boolean factoryReadsIt) throws Exception {
        Path ws = Files.createDirectories(temp.resolve("sheets"));
        write(ws, "pyproject.toml", "[project]\nname = \"sheets\"\n");
        write(ws, "sheets/workbook.py", "from .format import Format\n\n\nclass Workbook:\n    def __init__(self):\n"
                + "        self.formats = []\n\n    def add_format(self, properties=None):\n"
                + "        \"\"\"Adds a new cell format to the workbook, written when the workbook is stored.\"\"\"\n"
                + (factoryReadsIt ? "        properties = dict(properties or {}, rotation=properties.get('rotation', 0))\n" : "")
                + "        fmt = Format(properties)\n        self.formats.append(fmt)\n        return fmt\n");
        write(ws, "sheets/format.py", "class Format:\n    def __init__(self, properties=None):\n"
                + "        for key, value in (properties or {}).items():\n            getattr(self, 'set_' + key)(value)\n\n"
                + "    def set_rotation(self, rotation):\n        rotation = int(rotation)\n        if rotation == 270:\n"
                + "            rotation = 255\n        self.rotation = rotation\n\n    def set_bold(self, bold=True):\n"
                + "        self.bold = bold\n");
        write(ws, "sheets/chart_pie.py", "class ChartPie:\n    def set_rotation(self, rotation):\n        self.rotation = rotation\n");
        write(ws, "sheets/styles.py", "class Styles:\n    def write_alignment(self, xf):\n        if xf.rotation:\n"
                + "            self.attributes.append(('textRotation', xf.rotation))\n");
        write(ws, "tests/test_format.py", "from sheets.format import Format\n\n\ndef test_rotation():\n"
                + "    assert Format({'rotation': 270}).rotation == 255\n");
        return ws;
    }

    /** As the planner reads it: the call in code form (CodeForm marks it). */
    private static final String ROTATION = "Negative text rotation in a cell format is written wrongly: "
            + "`workbook.add_format({'rotation': -45})` produces text that Excel does not show rotated downward by 45 degrees. "
            + "Angles from -1 to -90 must be stored the way Excel expects, as 90 plus the absolute angle (so -45 is written "
            + "as textRotation=\"135\"), while 0-90 stay as given.";

    @Test
    void theSetterOfTheKindTheFactoryMakesIsThePlace() throws Exception {
        assertThat(located(ROTATION, facts(sheets(false)))).containsExactly("sheets/format.py");
    }

    @Test
    void aFactoryReadingTheOptionItselfStays() throws Exception {
        assertThat(located(ROTATION, facts(sheets(true)))).doesNotContain("sheets/chart_pie.py");
    }
}
