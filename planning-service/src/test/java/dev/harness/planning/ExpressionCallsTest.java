package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.located;
import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An expression the objective shows ({@code `day(2096, 2, 29) + Span(years=4)`}) calls names: the one the project
 * defines in a module of its own (class Span in span.py) is where the change goes; a file matched on the objective's
 * everyday words (date parsing on "day", "month", "century") does not come along.
 */
class ExpressionCallsTest {
    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        // each call of a spaced span; a plain word is keyed by its stem, as the index keys it
        "`date(2096, 2, 29) + Span(years=4)` must give `2100-02-28`|dat;span",
        "`a.shift(1) == Span(days=2)` holds|shift;span",
        // a span of one call without spaces is read by keys() already
        "`Span(years=4)` must work|-",
        // two-letter names are too short to say anything
        "`f(1) + g(2)` is three|-",
    })
    void everyCallInsideAnExpressionIsNamed(String objective, String names) {
        List<String> expected = names.equals("-") ? List.of() : Arrays.asList(names.split(";"));
        assertThat(ChangeLocator.callsInExpressions(objective)).containsExactlyElementsOf(expected);
    }

    private Path calendar() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("cal"));
        write(ws, "pyproject.toml", "[project]\nname = \"cal\"\n");
        write(ws, "src/cal/__init__.py", "from .span import Span\nfrom .dates import parse_date\n");
        write(ws, "src/cal/span.py", "from datetime import date\n\n"
                + "def days_in_month(year, month):\n    if month == 2 and year % 4 == 0:\n        return 29\n    return 28 if month == 2 else 31\n\n"
                + "class Span:\n    \"\"\"A span of years, months and days added to a date.\"\"\"\n"
                + "    def __init__(self, years=0, months=0, days=0):\n        self.years = years\n        self.months = months\n\n"
                + "    def __add__(self, other):\n        year = other.year + self.years\n"
                + "        day = min(other.day, days_in_month(year, other.month))\n        return date(year, other.month, day)\n");
        // date parsing: the objective's everyday words (date, day, month, year, century, leap) everywhere
        write(ws, "src/cal/dates.py", "from datetime import date\n\n"
                + "def parse_date(text, century=None):\n    \"\"\"Parse a calendar date: year, month and day; a two-digit year takes\n"
                + "    the century given. The last day of the month is checked; a leap year allows February 29.\"\"\"\n"
                + "    year, month, day = (int(p) for p in text.split('-'))\n"
                + "    if century is not None and year < 100:\n        year += century * 100\n"
                + "    # a century year, a leap year, the last day of a month: the date type checks them\n"
                + "    return date(year, month, day)\n\n"
                + "def date_isoformat(value):\n    \"\"\"The date as year-month-day, the century written out.\"\"\"\n"
                + "    return '%04d-%02d-%02d' % (value.year, value.month, value.day)\n");
        write(ws, "tests/test_span.py", "from datetime import date\nfrom cal.span import Span\n\n"
                + "def test_add():\n    assert date(2000, 1, 31) + Span(months=1) == date(2000, 2, 29)\n");
        write(ws, "tests/test_dates.py", "from cal.dates import parse_date\n\n"
                + "def test_parse():\n    assert parse_date('2000-02-29').day == 29\n");
        return ws;
    }

    @Test
    void theModuleOfTheCalledClassIsTheChangeNotTheDateParser() throws Exception {
        List<String> files = located("`date(2096, 2, 29) + Span(years=4)` must give `2100-02-28`: adding a span lands on the last "
                + "day of the month when the day does not exist there, and a century year is a leap year only when divisible by 400",
                facts(calendar()));
        assertThat(files).containsExactly("src/cal/span.py");
    }
}
