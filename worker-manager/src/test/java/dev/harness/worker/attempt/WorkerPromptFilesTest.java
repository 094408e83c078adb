package dev.harness.worker.attempt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harness.api.plan.Scope;
import dev.harness.api.plan.TaskPacket;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The agent is told which files the approved plan expects it to change. */
class WorkerPromptFilesTest {
    private static TaskPacket packet(List<String> files) {
        return new TaskPacket("t1", "Accept urn:uuid: in any case: uuid.go", "Make the change in uuid.go", null, Scope.WORKSPACE,
                ".", List.of("go test ./..."), null, "single verified commit", "ask", null, true, null, null, 1800, files);
    }

    @Test
    void thePromptNamesThePacketsFilesAfterTheScope() {
        String prompt = WorkerPrompt.build(packet(List.of("uuid.go", "uuid_test.go")), "",
                new WorkerPrompt.Instructions.FileNames(List.of()), null, null);
        assertThat(prompt).contains("# Files\nThe approved plan expects this task to change these files (relative to the "
                + "workspace root); change other files only where the objective needs it:\n- `uuid.go`\n- `uuid_test.go`\n");
        assertThat(prompt.indexOf("# Files")).isGreaterThan(prompt.indexOf("# Scope")).isLessThan(prompt.indexOf("# Acceptance tests"));
    }

    @Test
    void aPacketWithoutFilesHasNoFilesSection() {
        String prompt = WorkerPrompt.build(packet(null), "", new WorkerPrompt.Instructions.FileNames(List.of()), null, null);
        assertThat(prompt).doesNotContain("# Files");
    }
}
