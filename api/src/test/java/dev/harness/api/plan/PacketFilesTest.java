package dev.harness.api.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.Json;
import dev.harness.protocol.SchemaCatalog;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** A packet's optional files list: workspace-relative paths only, and the schema says the same as the record. */
class PacketFilesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "uuid.go                      | ",
        "src/settings/index.js        | ",
        ".github/workflows/ci.yml     | ",
        "a..b/c..d.txt                | ",
        "..hidden/x                   | ",
        "dir with space/x y.py        | ",
        "/etc/passwd                  | is absolute",
        "C:/work/x.java               | is absolute",
        "\\\\server\\share           | is absolute",
        "../outside.go                | leaves the workspace",
        "src/../../x                  | leaves the workspace",
        "src/..                       | leaves the workspace",
        "..                           | leaves the workspace",
        "src\\..\\x                   | leaves the workspace",
        "-rf                          | starts with '-'",
        "--exec=x                     | starts with '-'",
    })
    void aFilesEntryIsAPathInsideTheWorkspace(String file, String problem) {
        String found = TaskPacket.fileProblem(file);
        if (problem == null) {
            assertThat(found).isNull();
        } else {
            assertThat(found).contains(problem);
        }
        ObjectNode packet = packet(file);
        // the schema (what an external planner's plan is checked against) agrees with the record
        assertThat(SchemaCatalog.shared().named("task-packet").validate(packet)).as(file).hasSize(problem == null ? 0 : 1);
        if (problem == null) {
            assertThat(Json.convert(packet, TaskPacket.class).files()).containsExactly(file);
        } else {
            assertThatThrownBy(() -> Json.convert(packet, TaskPacket.class)).hasMessageContaining(problem);
        }
    }

    @Test
    void controlCharactersEmptyEntriesAndOverlongListsAreRefused() {
        assertThat(TaskPacket.fileProblem("a\nb.go")).contains("control character");
        assertThat(TaskPacket.fileProblem("")).contains("empty");
        assertThat(TaskPacket.fileProblem("x/".repeat(201))).contains("longer than 400");
        assertThat(SchemaCatalog.shared().named("task-packet").validate(packet("a\nb.go"))).hasSize(1);
        List<String> many = IntStream.range(0, TaskPacket.MAX_FILES + 1).mapToObj(i -> "f" + i + ".go").toList();
        assertThatThrownBy(() -> withFiles(many)).hasMessageContaining("at most 50");
        assertThatThrownBy(() -> withFiles(List.of("a.go", "a.go"))).hasMessageContaining("twice");
        ObjectNode json = packet("a.go");
        json.putArray("files");
        IntStream.range(0, TaskPacket.MAX_FILES + 1).forEach(i -> json.withArray("files").add("f" + i + ".go"));
        assertThat(SchemaCatalog.shared().named("task-packet").validate(json)).isNotEmpty();
    }

    @Test
    void aPacketWithoutFilesStaysValidAndWritesNoFilesField() {
        ObjectNode older = Json.object().put("objective", "x").put("scope", "workspace");
        older.putArray("acceptance_tests").add("make test");
        assertThat(SchemaCatalog.shared().named("task-packet").validate(older)).isEmpty();
        TaskPacket read = Json.convert(older, TaskPacket.class);
        assertThat(read.files()).isNull();
        assertThat(read.expectedFiles()).isEmpty();
        assertThat(Json.toNode(read).has("files")).isFalse();
        assertThat(Json.toNode(withFiles(List.of("uuid.go"))).get("files").toString()).isEqualTo("[\"uuid.go\"]");
    }

    private static TaskPacket withFiles(List<String> files) {
        return new TaskPacket("t1", null, "x", null, Scope.WORKSPACE, ".", List.of("make test"), null, null, null, null, null,
                null, null, null, files);
    }

    private static ObjectNode packet(String file) {
        ObjectNode packet = Json.object().put("id", "t1").put("objective", "x").put("scope", "workspace").put("scope_path", ".");
        packet.putArray("acceptance_tests").add("make test");
        packet.putArray("files").add(file);
        return packet;
    }
}
