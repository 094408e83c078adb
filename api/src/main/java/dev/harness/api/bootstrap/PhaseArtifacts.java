package dev.harness.api.bootstrap;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.Json;
import java.util.List;
import java.util.Optional;

/**
 * Typed views of what each bootstrap phase reports in its {@code artifacts}: the fields a reader
 * (the orchestrator's progress lines) relies on. The artifacts stay an open object on the wire —
 * each phase owns its fields and may add more — so a view reads what it names and ignores the rest.
 */
public sealed interface PhaseArtifacts {

    /** The view for the phase's artifacts; empty for a phase without one, or artifacts of another shape. */
    static Optional<PhaseArtifacts> of(Phase phase, ObjectNode artifacts) {
        if (phase == null || artifacts == null) {
            return Optional.empty();
        }
        Class<? extends PhaseArtifacts> view = switch (phase) {
            case CLI_ENTRY -> CliEntry.class;
            case SYSTEM_PROMPT_FASTPATH -> SystemPrompt.class;
            case MCP_FASTPATH -> Mcp.class;
            case DAEMON_WORKER_FASTPATH -> DaemonWorker.class;
            case MAIN_RUNTIME -> MainRuntime.class;
        };
        try {
            return Optional.of(Json.convert(artifacts, view));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // a field of another type: nothing to show, the phase's own record is what counts
        }
    }

    /**
     * The artifacts as one phase's view, when they read as it (a reader that knows which phase it
     * holds: the bootstrap's later phases reading the earlier ones' records).
     */
    static <T extends PhaseArtifacts> Optional<T> as(Class<T> view, ObjectNode artifacts) {
        if (artifacts == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.convert(artifacts, view));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * cli_entry: the workspace's git state, the agent preset with its credentials, and the
     * repository root (where instruction files are looked for up to).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CliEntry(GitState git, AgentCheck agent, String repositoryRoot) implements PhaseArtifacts {}

    /** @param clean no uncommitted changes (older bootstraps said {@code dirty} instead) */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record GitState(Boolean available, Boolean repository, String branch, Boolean clean, Boolean dirty) {
        /** clean, dirty, or empty when neither was said. */
        public Optional<Boolean> isClean() {
            return dirty != null ? Optional.of(!dirty) : Optional.ofNullable(clean);
        }
    }

    /** @param credentials the variables the preset needs, each with whether it is set */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record AgentCheck(String preset, String source, List<Credential> credentials, Boolean credentialsPresent) {
        public AgentCheck {
            credentials = credentials == null ? List.of() : List.copyOf(credentials);
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Credential(String name, Boolean present) {}

    /** system_prompt_fastpath: the instruction files found and the prompt assembled from them. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SystemPrompt(List<InstructionFile> files, PromptFile prompt) implements PhaseArtifacts {
        public SystemPrompt {
            files = files == null ? List.of() : List.copyOf(files);
        }
    }

    /** @param included spliced into the prompt (settings files are listed, never included) */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record InstructionFile(String path, String kind, Boolean included, Long sizeBytes) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record PromptFile(String path, Long sizeBytes, String sha256) {}

    /** mcp_fastpath: each configured MCP server and whether it answered. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Mcp(List<McpServer> servers) implements PhaseArtifacts {
        public Mcp {
            servers = servers == null ? List.of() : List.copyOf(servers);
        }
    }

    /** @param skipped why the server was not started (the workspace is not trusted yet); null when it was */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record McpServer(String name, Boolean probed, Boolean ok, String skipped, Integer toolCount, String error) {}

    /** daemon_worker_fastpath: the agent and shell commands found, and the paths the tasks write. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record DaemonWorker(List<CommandCheck> commands, List<WritablePath> writable) implements PhaseArtifacts {
        public DaemonWorker {
            commands = commands == null ? List.of() : List.copyOf(commands);
            writable = writable == null ? List.of() : List.copyOf(writable);
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CommandCheck(String role, String command, Boolean found, Boolean answered, Integer exitCode) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record WritablePath(String path, Boolean writable) {}

    /** main_runtime: whether the workspace is ready, and where the report is. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record MainRuntime(Boolean ready, String reportPath) implements PhaseArtifacts {}
}
