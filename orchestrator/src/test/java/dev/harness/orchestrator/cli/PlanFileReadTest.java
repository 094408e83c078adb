package dev.harness.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.harness.orchestrator.OrchestratorException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A plan file that cannot be used is refused in words a person can act on: where the JSON breaks (not the parser's
 * "Source: REDACTED (`StreamReadFeature…` disabled)"), a missing file as missing (it said "cannot be read as JSON: PATH").
 */
class PlanFileReadTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "cut short|[{\"id\": \"t1\", |cannot be read as JSON: line 1, column 14: Unexpected end-of-input",
        "not JSON|id: t1|cannot be read as JSON: line 1, column 1: Unrecognized token 'id'",
        "missing|-|does not exist.",
        "a directory|/|cannot be read: ",
        "no packets|[]|has no task packets",
    })
    void theRefusalSaysWhatIsWrongAndWhere(String name, String content, String says) throws Exception {
        Path file = tmp.resolve("plan.json");
        if ("/".equals(content)) {
            Files.createDirectory(file);
        } else if (content != null) {
            Files.writeString(file, content);
        }
        assertThatThrownBy(() -> RunInvocation.loadPlan(file)).isInstanceOf(OrchestratorException.class)
                .hasMessageStartingWith("The plan file " + file + " ").hasMessageContaining(says)
                .hasMessageNotContaining("REDACTED").hasMessageNotContaining("StreamReadFeature");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"array|[{\"id\": \"t1\"}]", "object|{\"packets\": [{\"id\": \"t1\"}]}"})
    void aPlanIsAnArrayOrAnObjectWithPackets(String name, String content) throws Exception {
        Path file = Files.writeString(tmp.resolve("plan.json"), content);
        assertThat(RunInvocation.loadPlan(file)).hasSize(1);
    }
}
