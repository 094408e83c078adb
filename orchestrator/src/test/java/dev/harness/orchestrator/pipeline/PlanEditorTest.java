package dev.harness.orchestrator.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.harness.protocol.Json;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An edit that cannot be used reopens the editor on the person's own text, with the error at the top. */
class PlanEditorTest {
    private ArrayNode plan() {
        return (ArrayNode) Json.array().add(Json.object().put("id", "t1").put("title", "Add store"));
    }

    @Test
    void invalidJsonReopensTheEditorOnThePersonsTextWithTheErrorAtTheTop() throws Exception {
        List<String> opened = new ArrayList<>();
        // the person breaks the JSON; on the second opening (the error at the top) repairs their own edit
        PlanEditor editor = new PlanEditor(Map.of("EDITOR", "ed"), (command, file) -> {
            String text = Files.readString(file);
            opened.add(text);
            if (opened.size() > 2) {
                throw new AssertionError("the editor was reopened on a valid plan:\n" + text);
            }
            Files.writeString(file, opened.size() == 1 ? text.replace("\"Add store\"", "\"Add the theme store\",,")
                    : text.replace(",,", ""));
            return 0;
        });

        ArrayNode edited = editor.edit(plan());

        assertThat(edited.get(0).path("title").asText()).isEqualTo("Add the theme store");
        assertThat(opened).hasSize(2);
        assertThat(opened.get(1).lines().findFirst().orElseThrow()).startsWith("// The edited plan was not accepted:");
        assertThat(opened.get(1)).contains("not valid JSON (line").contains("\"Add the theme store\",,");
    }

    @Test
    void aProblemFoundByTheCallerAlsoReopensTheEditorAndAnEmptiedFileLeavesThePlanUnchanged() {
        List<String> opened = new ArrayList<>();
        PlanEditor editor = new PlanEditor(Map.of("EDITOR", "ed"), (command, file) -> {
            String text = Files.readString(file);
            opened.add(text);
            if (opened.size() > 2) {
                throw new AssertionError("the editor was reopened after the file was emptied");
            }
            Files.writeString(file, opened.size() == 1 ? text.replace("Add store", "Add") : "");
            return 0;
        });

        assertThatThrownBy(() -> editor.edit(plan(), candidate -> List.of("t1: the title is too short")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("left unchanged");
        assertThat(opened.get(1)).contains("// The edited plan was not accepted:", "t1: the title is too short", "\"Add\"");
    }

    @Test
    void theHeaderIsReadPast() {
        String header = PlanEditor.header(List.of("line 3: unexpected ','"));
        assertThat(PlanEditor.withoutHeader(header + "[1]\n")).isEqualTo("[1]\n");
        assertThat(PlanEditor.header(List.of())).isEmpty();
    }
}
