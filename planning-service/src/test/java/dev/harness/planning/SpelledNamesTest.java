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

/**
 * An objective that writes no name may spell a function's in two adjacent words ("days matching" for
 * {@code func dayMatches}): the file declaring that function is the place, ahead of the file that only reads the same
 * fields, and the check runs the tests reaching it (through the functions of its file that call it). A variable of such
 * a name is data and no name the objective gives.
 */
class SpelledNamesTest {
    @TempDir
    Path temp;

    /** A calendar module: fields.go reads the day fields (its comments and code say day of month and day of week at length). */
    private Path calendarModule() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("cal"));
        write(ws, "go.mod", "module example.com/cal\n\ngo 1.19\n");
        write(ws, "fields.go", "package cal\n\n// Fields reads a rule: day of month, month and day of week, in that order.\n"
                + "// The day of week field may also be written by name; day of week and day of month are both optional.\n"
                + "type Fields struct{ Dom, Month, Dow uint64 }\n\n"
                + "// ParseFields reads the day of month, the month and the day of week of a rule.\n"
                + "func ParseFields(rule string) Fields {\n\tdom := field(rule, 0) // day of month\n\tmonth := field(rule, 1)\n"
                + "\tdow := field(rule, 2) // day of week\n\treturn Fields{Dom: dom, Month: month, Dow: dow}\n}\n\n"
                + "func field(rule string, i int) uint64 { return uint64(len(rule) + i) }\n");
        write(ws, "rule.go", "package cal\n\n// Rule fires on the days its fields allow.\ntype Rule struct{ f Fields }\n\n"
                + "// Next gives the first day at or after t that the rule allows.\nfunc (r Rule) Next(t int) int {\n"
                + "\tfor !dayMatches(r, t) {\n\t\tt++\n\t}\n\treturn t\n}\n\n"
                + "func dayMatches(r Rule, t int) bool {\n\treturn r.f.Dom&(1<<uint(t%31)) > 0 && r.f.Dow&(1<<uint(t%7)) > 0\n}\n");
        write(ws, "fields_test.go", "package cal\n\nimport \"testing\"\n\n"
                + "func TestParseFields(t *testing.T) { ParseFields(\"1 * MON\") }\n\n"
                + "func TestField(t *testing.T) { field(\"1\", 0) }\n");
        write(ws, "rule_test.go", "package cal\n\nimport \"testing\"\n\n"
                + "func TestNext(t *testing.T) { Rule{}.Next(0) }\n\n"
                + "func TestNextAfterEnd(t *testing.T) { Rule{f: Fields{Dom: 1}}.Next(40) }\n\n"
                + "func TestRuleZero(t *testing.T) { _ = Rule{} }\n");
        return ws;
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        // "days matching" spells dayMatches: the rule that matches, not the reader of the fields
        "a rule restricting both day of month and day of week must fire on days matching either one | rule.go",
        // the same words apart spell nothing: the fields' reader first, as without the rule
        "a rule must read the day of month and the day of week fields in order, day of week last   | fields.go,rule.go",
    })
    void aFunctionTheObjectiveSpellsInWordsIsThePlace(String objective, String expected) throws Exception {
        assertThat(located(objective, facts(calendarModule()))).containsExactly(expected.split(","));
    }

    @Test
    void theCheckRunsTheTestsReachingTheSpelledFunction() throws Exception {
        PlanDraft draft = new BuiltInPlanner().plan("a rule restricting both day of month and day of week must fire on days "
                + "matching either one", facts(calendarModule()), null);
        // dayMatches is unexported and no test calls it: Next, which asks it, is what the tests reach
        assertThat(draft.packets().stream().flatMap(p -> p.acceptanceTests().stream()).toList()).first().asString()
                .isEqualTo("go test -run '^(TestNext|TestNextAfterEnd)$' .");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "func dayMatches(r Rule, t int) bool {}              | true",
        "func (s *Spec) dayMatches(t int) bool {}            | true",
        "export function dayMatches(t) {}                    | true",
        "const dayMatches = (t) => t > 0                     | true",
        "  dayMatches(t) {                                   | true",
        "def day_matches(t):                                 | false",
        "const dayMatches = ['mon', 'tue']                   | false",
        "var dayMatches = map[int]bool{}                     | false",
    })
    void onlyAFunctionIsSpelled(String declaration, boolean function) throws Exception {
        Path ws = Files.createDirectories(temp.resolve("decl"));
        write(ws, "a.src", declaration + "\n");
        assertThat(ChangeLocator.declaresFunction(ws, "a.src", "daymatches")).isEqualTo(function);
    }
}
