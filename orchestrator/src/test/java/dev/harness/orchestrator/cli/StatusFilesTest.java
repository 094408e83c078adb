package dev.harness.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harness.api.run.TaskStatus;
import dev.harness.api.worker.UsageTotal;
import dev.harness.orchestrator.runlog.TaskState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** status says what each task is expected to change, as the plan table did when the person approved it. */
class StatusFilesTest {
    private static TaskState task(String id, List<String> files) {
        return new TaskState(id, "Title " + id, List.of(), TaskStatus.PENDING, null, 0, null, null, false, false, null, null, null,
                null, null, UsageTotal.NONE, files);
    }

    @Test
    void theTasksThatListFilesGetALineAndALongListIsCut() {
        String many = String.join(", ", java.util.stream.IntStream.range(0, 30).mapToObj(i -> "src/module" + i + "/file.go").toList());
        String block = StatusCommand.filesBlock(List.of(task("t1", List.of("uuid.go", "uuid_test.go")), task("t2", List.of()),
                task("t3", List.of(many.split(", ")))));
        List<String> lines = block.lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1)).isEqualTo("Files (what each task is expected to change):");
        assertThat(lines.get(2)).isEqualTo("  t1  uuid.go, uuid_test.go");
        assertThat(lines.get(3)).startsWith("  t3  src/module0/file.go, ").endsWith("…");
        assertThat(lines.get(3).length()).isLessThanOrEqualTo(StatusCommand.FILES_WIDTH + 6);
    }

    @Test
    void aPlanWithoutFilesAddsNothing() {
        assertThat(StatusCommand.filesBlock(List.of(task("t1", List.of()), task("t2", null)))).isEmpty();
    }
}
