package dev.harness.bootstrap.phase;

import dev.harness.api.bootstrap.Phase;
import dev.harness.api.bootstrap.PhaseArtifacts;
import dev.harness.bootstrap.PhaseRecord;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the later phases read from the earlier ones' results: from the phase's own artifacts record
 * when it ran in this process, else through api's PhaseArtifacts view of what was recorded (an
 * earlier run's state.json, perhaps an earlier version's fields). Reading the record in hand also
 * spares a cold service building a deserializer for each view.
 */
final class EarlierPhases {
    private EarlierPhases() {}

    /** cli_entry's repository_root (blank when it has none). */
    static Optional<String> repositoryRoot(Map<Phase, PhaseRecord> earlier) {
        return read(earlier.get(Phase.CLI_ENTRY), CliEntryPhase.Artifacts.class, CliEntryPhase.Artifacts::repositoryRoot,
                PhaseArtifacts.CliEntry.class, PhaseArtifacts.CliEntry::repositoryRoot);
    }

    /** cli_entry's agent preset. */
    static Optional<String> agentPreset(Map<Phase, PhaseRecord> earlier) {
        return read(earlier.get(Phase.CLI_ENTRY), CliEntryPhase.Artifacts.class, a -> a.agent().preset(),
                PhaseArtifacts.CliEntry.class, v -> v.agent() == null ? null : v.agent().preset());
    }

    /** system_prompt_fastpath's prompt path. */
    static Optional<String> promptPath(Map<Phase, PhaseRecord> earlier) {
        return read(earlier.get(Phase.SYSTEM_PROMPT_FASTPATH), SystemPromptPhase.Artifacts.class, a -> a.prompt().path(),
                PhaseArtifacts.SystemPrompt.class, v -> v.prompt() == null ? null : v.prompt().path());
    }

    /** mcp_fastpath's servers, each as whether it is ok; empty when the phase has no record. */
    static Optional<List<Boolean>> mcpServersOk(Map<Phase, PhaseRecord> earlier) {
        PhaseRecord mcp = earlier.get(Phase.MCP_FASTPATH);
        if (mcp == null) {
            return Optional.empty();
        }
        return Optional.of(read(mcp, McpPhase.Artifacts.class, a -> a.servers().stream().map(McpPhase.Server::ok).toList(),
                PhaseArtifacts.Mcp.class, v -> v.servers().stream().map(s -> Boolean.TRUE.equals(s.ok())).toList())
                .orElse(List.of()));
    }

    static <A extends dev.harness.bootstrap.Artifacts, V extends PhaseArtifacts, T> Optional<T> read(
            PhaseRecord record, Class<A> own, java.util.function.Function<A, T> fromOwn,
            Class<V> view, java.util.function.Function<V, T> fromView) {
        if (record == null) {
            return Optional.empty();
        }
        Optional<A> typed = record.typed(own);
        return typed.isPresent() ? typed.map(fromOwn) : PhaseArtifacts.as(view, record.artifacts()).map(fromView);
    }
}
