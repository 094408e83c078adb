package dev.harness.orchestrator.pipeline;

import dev.harness.api.bootstrap.PhaseArtifacts;

import dev.harness.api.bootstrap.Phase;
import dev.harness.api.run.LoggedEvent;
import dev.harness.api.run.RunEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The system prompt this run's bootstrap assembled (system_prompt_fastpath's
 * {@code artifacts.prompt.path}), handed to each worker so its agent gets the project's
 * instructions. Taken from the log, so a resumed run that skips the bootstrap still has it.
 */
final class SystemPromptArtifact {
    private SystemPromptArtifact() {}

    /** The latest successful system_prompt_fastpath's prompt file, while it still exists. */
    static Optional<Path> of(List<LoggedEvent> events) {
        Path found = null;
        for (LoggedEvent logged : events) {
            if (logged.event() instanceof RunEvent.BootstrapPhaseCompleted done && done.success()
                    && done.phase() == Phase.SYSTEM_PROMPT_FASTPATH) {
                Optional<String> prompt = PhaseArtifacts.as(PhaseArtifacts.SystemPrompt.class, done.artifacts())
                        .map(PhaseArtifacts.SystemPrompt::prompt).map(PhaseArtifacts.PromptFile::path);
                if (prompt.isPresent()) {
                    found = Path.of(prompt.get());
                }
            }
        }
        return Optional.ofNullable(found).filter(Path::isAbsolute).filter(Files::isRegularFile);
    }
}
