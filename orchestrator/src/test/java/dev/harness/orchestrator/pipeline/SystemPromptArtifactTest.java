package dev.harness.orchestrator.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.api.bootstrap.Phase;
import dev.harness.api.run.LoggedEvent;
import dev.harness.api.run.RunEvent;
import dev.harness.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemPromptArtifactTest {
    @TempDir
    Path tmp;

    private static LoggedEvent completed(Phase phase, boolean success, String promptPath) {
        ObjectNode artifacts = Json.object();
        if (promptPath != null) {
            artifacts.putObject("prompt").put("path", promptPath).put("size_bytes", 10);
        }
        return new LoggedEvent(1, "2026-01-01T00:00:00Z", "run-1",
                new RunEvent.BootstrapPhaseCompleted(phase, success, true, List.of(), artifacts));
    }

    @Test
    void theWorkerGetsThePromptTheBootstrapWrote() throws Exception {
        Path prompt = Files.writeString(tmp.resolve("system-prompt.md"), "## AGENTS.md\n");
        Path older = Files.writeString(tmp.resolve("older.md"), "old\n");
        List<LoggedEvent> log = List.of(completed(Phase.CLI_ENTRY, true, null),
                completed(Phase.SYSTEM_PROMPT_FASTPATH, true, older.toString()),
                completed(Phase.SYSTEM_PROMPT_FASTPATH, true, prompt.toString()),
                completed(Phase.MCP_FASTPATH, true, tmp.resolve("other.md").toString()));

        assertThat(SystemPromptArtifact.of(log)).contains(prompt);
    }

    @Test
    void noPromptWhenThePhaseFailedNeverRanOrItsFileIsGone() throws Exception {
        Path prompt = Files.writeString(tmp.resolve("system-prompt.md"), "## AGENTS.md\n");
        assertThat(SystemPromptArtifact.of(List.of())).isEmpty();
        assertThat(SystemPromptArtifact.of(List.of(completed(Phase.SYSTEM_PROMPT_FASTPATH, false, prompt.toString())))).isEmpty();
        assertThat(SystemPromptArtifact.of(List.of(completed(Phase.SYSTEM_PROMPT_FASTPATH, true, tmp.resolve("gone.md").toString()))))
                .isEmpty();
        assertThat(SystemPromptArtifact.of(List.of(completed(Phase.SYSTEM_PROMPT_FASTPATH, true, "system-prompt.md")))).isEmpty();
    }
}
