package dev.harness.orchestrator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The system prompt the bootstrap assembles from the project's instruction files is what the agent is told. */
class SystemPromptIT extends E2E {
    @Test
    void theAgentsPromptCarriesTheInstructionFilesTheBootstrapAssembled() throws Exception {
        copyDashboard();
        Files.writeString(workspace.resolve("AGENTS.md"), "Dashboard rule: prefer small pure functions.\n");
        Path plan = planFile(packet("t1", "Tidy the theme tokens", List.of("test -f t1.done")));

        Result result = orchestrator(java.util.Map.of(), List.of("-C", workspace.toString(), "--plan", plan.toString(),
                "--yes", "--trust", "--agent", agent("copy-prompt.sh", scratch.toString())));

        assertThat(result.exit()).as(result.all()).isZero();
        String prompt = Files.readString(scratch.resolve("t1.prompt"));
        assertThat(prompt).contains("Tidy the theme tokens", "# Project instructions", "Dashboard rule: prefer small pure functions.");
    }
}
