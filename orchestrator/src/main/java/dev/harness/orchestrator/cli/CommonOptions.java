package dev.harness.orchestrator.cli;

import dev.harness.orchestrator.OrchestratorException;
import dev.harness.orchestrator.runlog.RunDirectory;
import dev.harness.orchestrator.service.ServiceKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Options every command takes: where, how to show things, and which service executables to use.
 * Declared once, on the top command, with picocli's {@code scope = INHERIT}: each subcommand shows
 * and accepts them, and a value given before or after the subcommand's name lands here.
 */
public final class CommonOptions {
    @Option(scope = ScopeType.INHERIT, names = {"-C", "--workspace"}, paramLabel = "DIR",
            description = "The workspace to work in (default: the current directory).")
    Path workspace;

    @Option(scope = ScopeType.INHERIT, names = "--state-dir", paramLabel = "DIR",
            description = "Where runs (logs, task worktrees) are kept (default: outside your working tree, in "
                    + "$XDG_STATE_HOME/harness/repos/REPO-HASH/runs, XDG_STATE_HOME defaulting to ~/.local/state).")
    Path stateDir;

    @Option(scope = ScopeType.INHERIT, names = "--json", description = "Machine output: the run's events as JSONL on stdout; everything for people goes to stderr.")
    boolean json;

    @Option(scope = ScopeType.INHERIT, names = "--no-color", description = "No colour (also when NO_COLOR is set, or output is not a terminal).")
    boolean noColor;

    @Option(scope = ScopeType.INHERIT, names = "--planning-service", paramLabel = "CMD",
            description = "Command that starts the planning service (default: this installation's bin/planning-service; env HARNESS_PLANNING_SERVICE).")
    String planningService;

    @Option(scope = ScopeType.INHERIT, names = "--bootstrap-service", paramLabel = "CMD",
            description = "Command that starts the bootstrap service (default: bin/bootstrap-service; env HARNESS_BOOTSTRAP_SERVICE).")
    String bootstrapService;

    @Option(scope = ScopeType.INHERIT, names = "--worker-manager", paramLabel = "CMD",
            description = "Command that starts the worker manager (default: bin/worker-manager; env HARNESS_WORKER_MANAGER).")
    String workerManager;

    Map<ServiceKind, String> serviceOverrides() {
        Map<ServiceKind, String> overrides = new EnumMap<>(ServiceKind.class);
        if (planningService != null) {
            overrides.put(ServiceKind.PLANNING, planningService);
        }
        if (bootstrapService != null) {
            overrides.put(ServiceKind.BOOTSTRAP, bootstrapService);
        }
        if (workerManager != null) {
            overrides.put(ServiceKind.WORKER_MANAGER, workerManager);
        }
        return overrides;
    }

    /** The workspace as a real directory; a clear usage error when it is not one. */
    Path resolvedWorkspace() {
        Path dir = workspace == null ? Path.of("").toAbsolutePath() : workspace.toAbsolutePath();
        if (!Files.isDirectory(dir)) {
            throw OrchestratorException.usage("The workspace " + dir + " does not exist or is not a directory.");
        }
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            throw OrchestratorException.usage("The workspace " + dir + " cannot be read: " + e.getMessage());
        }
    }

    Path resolvedStateDir(Path workspace) {
        return stateDir == null ? RunDirectory.defaultStateDir(workspace) : stateDir.toAbsolutePath().normalize();
    }
}
