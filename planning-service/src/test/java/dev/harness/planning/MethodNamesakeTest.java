package dev.harness.planning;

import static dev.harness.planning.ScannedWorkspace.facts;
import static dev.harness.planning.ScannedWorkspace.located;
import static dev.harness.planning.ScannedWorkspace.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A plain word of the objective ("a single start value") that another Go file declares as a method of its own type
 * ({@code func (t *Ticker) Start()}) does not bring that file next to the place holding the concept.
 */
class MethodNamesakeTest {
    @TempDir
    Path temp;

    /** A schedule library: the field parser, and a ticker whose API has Start and Stop. */
    private Path scheduleLibrary() throws Exception {
        Path ws = Files.createDirectories(temp.resolve("sched"));
        write(ws, "go.mod", "module example.com/sched\n\ngo 1.19\n");
        write(ws, "fields.go", "package sched\n\n// Minute is the minutes field; a field may give a range or a step.\n"
                + "type bounds struct{ min, max uint }\n\n// parseRange reads start-end/step.\n"
                + "func parseRange(expr string, r bounds) (start, end, step uint) {\n\tstart = r.min\n\tend = r.max\n"
                + "\tstep = 1\n\treturn start, end, step\n}\n");
        write(ws, "ticker.go", "package sched\n\n// Ticker fires the jobs. It may be started and stopped.\n"
                + "type Ticker struct{ running bool }\n\n// Start launches the ticker in its own goroutine.\n"
                + "func (t *Ticker) Start() {\n\tt.running = true\n}\n\n// Stop halts it.\nfunc (t *Ticker) Stop() {\n\tt.running = false\n}\n");
        write(ws, "fields_test.go", "package sched\n\nimport \"testing\"\n\nfunc TestRange(t *testing.T) { parseRange(\"5/15\", bounds{0, 59}) }\n");
        write(ws, "ticker_test.go", "package sched\n\nimport \"testing\"\n\nfunc TestStart(t *testing.T) { (&Ticker{}).Start() }\n");
        return ws;
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        // "start" is prose here: the ticker's Start method is another thing of the same name
        "a step on a single start value (`5/15` in the minutes field) must mean every step to the field's maximum | fields.go",
        // written as code, the method is what the objective names: its file is the place
        "`Start()` must not start a second goroutine when a step value of the minutes field is given            | ticker.go",
    })
    void aMethodNamedLikeAPlainWordStaysOut(String objective, String expected) throws Exception {
        WorkspaceFacts facts = facts(scheduleLibrary());
        assertThat(located(objective, facts)).containsExactlyInAnyOrder(expected.split(","));
    }
}
