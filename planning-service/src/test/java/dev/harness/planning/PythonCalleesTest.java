package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.located;
import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A Python function the objective names ({@code parse_clock}) is the way in: it resolves to the module defining it, and
 * when its body hands the part the objective is about to a function of another module ({@code build_zone(…)} in zones.py,
 * holding "offset" and "sign"), that module is the place; the stamp parser calling the named one and the day parser
 * sharing "sign" and "negative" are not.
 */
class PythonCalleesTest {
    @TempDir
    Path temp;

    /** {@code formatter}: clocks.py also writes readings back, with the offset's sign (it deals with offsets itself). */
    private Path clock(boolean formatter) throws Exception {
        Path ws = Files.createDirectories(temp.resolve("clock"));
        write(ws, "pyproject.toml", "[project]\nname = \"clock\"\n");
        write(ws, "src/clock/__init__.py", "from .clocks import parse_clock\nfrom .stamps import parse_stamp\n");
        write(ws, "src/clock/zones.py", "\"\"\"Reads the zone part of a clock reading: its offset from UTC.\"\"\"\n\n"
                + "from .fixed import Fixed\n\n"
                + "def build_zone(name, sign='+', hours=0, mins=0):\n    \"\"\"The zone for its name and signed hours and mins.\"\"\"\n"
                + "    if not name:\n        return None\n    factor = -1 if sign == '-' else 1\n"
                + "    return Fixed(factor * hours, mins, name)\n\n"
                + "def zone_text(offset):\n    \"\"\"The offset written with its sign.\"\"\"\n"
                + "    sign = '-' if offset < 0 else '+'\n    return sign + str(abs(offset))\n");
        write(ws, "src/clock/fixed.py", "class Fixed:\n    \"\"\"A fixed zone.\"\"\"\n"
                + "    def __init__(self, hours, mins, name):\n        self.hours = hours\n        self.mins = mins\n        self.name = name\n");
        write(ws, "src/clock/clocks.py", "import re\n\nfrom .zones import build_zone\n\n"
                + "PATTERN = re.compile(r'(?P<hour>\\d\\d):(?P<minute>\\d\\d)(?P<zone>(?P<zsign>[+-])(?P<zh>\\d\\d):(?P<zm>\\d\\d))?')\n\n"
                + "def parse_clock(text):\n    \"\"\"Reads hh:mm with an optional zone: UTC, or hours and minutes ahead or behind.\"\"\"\n"
                + "    m = PATTERN.match(text)\n    zone = build_zone(m.group('zone'), m.group('zsign'), int(m.group('zh') or 0),\n"
                + "                      int(m.group('zm') or 0))\n    return (int(m.group('hour')), int(m.group('minute')), zone)\n"
                + (formatter ? "\n\ndef clock_text(hour, minute, offset):\n    \"\"\"hh:mm and the offset with its sign.\"\"\"\n"
                        + "    sign = '-' if offset < 0 else '+'\n    return '%02d:%02d%s%d' % (hour, minute, sign, abs(offset))\n" : ""));
        write(ws, "src/clock/days.py", "def parse_day(text):\n    \"\"\"Reads a day: a year with a leading sign, a negative year\n"
                + "    is minus that many years before the first.\"\"\"\n    sign = -1 if text.startswith('-') else 1\n"
                + "    year, month, day = text.lstrip('+-').split('-')\n    return (sign * int(year), int(month), int(day))\n");
        write(ws, "src/clock/stamps.py", "from .clocks import parse_clock\nfrom .days import parse_day\n\n"
                + "def parse_stamp(text):\n    \"\"\"Reads a day and a clock reading joined by T.\"\"\"\n"
                + "    day, clock = text.split('T')\n    return parse_day(day) + parse_clock(clock)\n");
        write(ws, "tests/test_clocks.py", "from clock.clocks import parse_clock\n\n"
                + "def test_zone():\n    assert parse_clock('12:00-03:30')[2].mins == -30\n");
        write(ws, "tests/test_stamps.py", "from clock.stamps import parse_stamp\n\n"
                + "def test_stamp():\n    assert parse_stamp('2000-01-01T12:00')[3] == 12\n");
        return ws;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // the named function hands the zone to build_zone: zones.py holds "offset" and "sign", the named body neither
        "`parse_clock('12:00-03:30')` and `parse_stamp` must give a UTC offset of minus three and a half hours: a negative "
                + "offset's sign applies to its minutes too|src/clock/zones.py",
        // adding a parameter goes through the way in: the named module stays
        "add a `strict` argument to `parse_clock` so that a negative offset's sign is checked|src/clock/clocks.py",
        // the named body holds what the objective says itself: its module is the place
        "`parse_clock` must read hours and minutes ahead or behind UTC|src/clock/clocks.py",
        // the named module holds the objective's words itself (a formatter writing the offset's sign): it deals with them
        "+`parse_clock('12:00-03:30')` must give a UTC offset of minus three and a half hours: a negative offset's sign "
                + "applies to its minutes too|src/clock/clocks.py",
    })
    void aNamedFunctionLeadsToTheModuleItHandsTheBehaviourTo(String objective, String files) throws Exception {
        boolean formatter = objective.startsWith("+");
        List<String> located = located(formatter ? objective.substring(1) : objective, facts(clock(formatter)));
        assertThat(located).containsExactlyElementsOf(Arrays.asList(files.split(";")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "    return helper(a) + other.call(b) if check(x) else None|helper;check",
        "    while ready(q):\\n        print(q)|ready",
    })
    void aBodyCallsThePlainNamesItUses(String body, String calls) {
        assertThat(PythonCallees.calls(body.replace("\\n", "\n"))).containsExactlyElementsOf(Arrays.asList(calls.split(";")));
    }
}
