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

/**
 * The files the ranking finds for an objective written in prose often only use the function it speaks of: they call a
 * function whose name is made of the objective's words ("the mapping of the month of the year" → monthYearMapping). That
 * function is the place; when it only hands the work on in one statement, the function it calls is.
 */
class SpelledCalleeTest {
    @TempDir
    Path temp;

    private static final String MAIN = "src/main/java/org/cal/";

    private Path calendars(String mappingBody) throws Exception {
        return calendars("monthYearMapping", mappingBody);
    }

    private Path calendars(String mapping, String mappingBody) throws Exception {
        Path ws = Files.createDirectories(temp.resolve("cal"));
        write(ws, "pom.xml", "<project><groupId>g</groupId><artifactId>cal</artifactId><version>1</version></project>\n");
        // where the months are really shifted
        write(ws, MAIN + "MonthIndex.java", "package org.cal;\n\npublic class MonthIndex {\n    private final int first;\n"
                + "    public MonthIndex(int first) { this.first = first; }\n"
                + "    public int shiftTo(int value, MonthIndex target) {\n        int diff = target.first - first;\n"
                + "        int result = value + diff;\n        if (result < 1) {\n            result += 12;\n        }\n"
                + "        return result > 12 ? result - 12 : result;\n    }\n}\n");
        // the static entry point the users call
        write(ws, MAIN + "Constants.java", "package org.cal;\n\npublic class Constants {\n"
                + "    public static final MonthIndex CIVIL = new MonthIndex(1);\n    public static final MonthIndex FISCAL = new MonthIndex(4);\n"
                + "    public static int " + mapping + "(MonthIndex source, MonthIndex target, int value) {\n" + mappingBody + "    }\n}\n");
        // the users: full of the objective's words about fiscal and civil calendars
        for (String user : List.of("FiscalMonthGenerator", "CivilMonthGenerator")) {
            write(ws, MAIN + user + ".java", "package org.cal;\n\n/** Generates the month of the year of a fiscal or civil calendar. */\n"
                    + "public class " + user + " {\n    /** The fiscal calendar counts April as the first month of the year; the civil"
                    + " one counts January. */\n    int next(int fiscalMonth, boolean civil) {\n"
                    + "        // convert the fiscal month of the year to the civil calendar's month\n"
                    + "        int month = Constants." + mapping + "(Constants.FISCAL, Constants.CIVIL, fiscalMonth);\n"
                    + "        return civil ? month : fiscalMonth;\n    }\n}\n");
        }
        return ws;
    }

    private static final String OBJECTIVE = "Converting a fiscal calendar to a civil calendar shifts the month of the year wrongly: "
            + "fiscal counts April as 1, civil counts January as 1, and the mapping must give those";

    @Test
    void theFunctionADelegateSpelledByTheObjectiveHandsTheWorkToIsThePlace() throws Exception {
        WorkspaceFacts facts = facts(calendars("        return source.shiftTo(value, target);\n"));
        assertThat(located(OBJECTIVE, facts)).containsExactly(MAIN + "MonthIndex.java");
    }

    @Test
    void aSpelledFunctionDoingTheWorkItselfIsThePlace() throws Exception {
        WorkspaceFacts facts = facts(calendars("        int shifted = value - 3;\n        return shifted < 1 ? shifted + 12 : shifted;\n"));
        assertThat(located(OBJECTIVE, facts)).containsExactly(MAIN + "Constants.java");
    }

    @Test
    void aCalleeNamedWithFewerOfTheObjectivesWordsIsOnlyUsed() throws Exception {
        // "month mapping" is two words: many functions are named so, it does not spell what the objective speaks of
        WorkspaceFacts facts = facts(calendars("monthMapping", "        return source.shiftTo(value, target);\n"));
        assertThat(located(OBJECTIVE, facts)).doesNotContain(MAIN + "MonthIndex.java");
    }

    @Test
    void aOneStatementDelegateHandsItsWorkToTheFunctionItCalls() {
        assertThat(CallWalk.delegatedTo(new CallWalk.Function("A.java", "map", "static int map(int v)",
                "\n  // only hands it on\n  return source.shiftTo(v, target);\n"))).isEqualTo("shiftTo");
        assertThat(CallWalk.delegatedTo(new CallWalk.Function("a.py", "convert", "def convert(v):", "    return shift_to(v)\n")))
                .isEqualTo("shift_to");
        assertThat(CallWalk.delegatedTo(new CallWalk.Function("A.java", "map", "static int map(int v)",
                "\n  int x = v + 1;\n  return shiftTo(x);\n"))).isNull();
    }

    @Test
    void functionsOfEachLanguageAreFoundWithTheirBodies() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("langs"));
        write(ws, "go.mod", "module example.com/langs\n\ngo 1.20\n");
        write(ws, "calc.go", "package langs\n\nfunc (c *Calc) Add(a, b int) int {\n\treturn c.sum(a, b)\n}\n\n"
                + "func sum(a, b int) int {\n\treturn a + b\n}\n");
        write(ws, "calc.py", "def add(a, b):\n    return _sum(a, b)\n\n\ndef _sum(a, b):\n    return a + b\n");
        write(ws, "calc.js", "function add (a, b) {\n  return sum(a, b)\n}\n\nCalc.prototype.sum = function sum (a, b) {\n"
                + "  return a + b\n}\n\nconst twice = (a) => {\n  return add(a, a)\n}\n");
        WorkspaceFacts facts = facts(ws);
        assertThat(CallWalk.functions(facts, "calc.go").stream().map(CallWalk.Function::name)).containsExactly("Add", "sum");
        assertThat(CallWalk.functions(facts, "calc.py").stream().map(CallWalk.Function::name)).containsExactly("add", "_sum");
        assertThat(CallWalk.functions(facts, "calc.js").stream().map(CallWalk.Function::name)).contains("add", "sum", "twice");
        assertThat(CallWalk.delegatedTo(CallWalk.functions(facts, "calc.go").get(0))).isEqualTo("sum");
    }
}
