package dev.harness.bootstrap.phase;

import dev.harness.api.plan.Scope;
import dev.harness.bootstrap.BootstrapContext;
import dev.harness.api.bootstrap.Phase;
import dev.harness.bootstrap.PhaseOutcome;
import dev.harness.bootstrap.PhaseRecord;
import dev.harness.bootstrap.PhaseStep;
import dev.harness.bootstrap.host.AgentPreset;
import dev.harness.bootstrap.host.HostEnvironment;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.process.Cancellation;
import dev.harness.protocol.process.ChildProcess;
import dev.harness.protocol.process.ChildResult;
import dev.harness.protocol.process.PathLookup;
import java.io.IOException;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * daemon_worker_fastpath: the worker can start — its command is on PATH and answers within a
 * timeout (and so does sh, which runs the acceptance tests) — and the workspace is writable where
 * the task must write.
 */
public final class DaemonWorkerPhase implements PhaseStep {
    static final String SHELL = "sh";

    private final HostEnvironment environment;
    private final Cancellation shutdown;

    public DaemonWorkerPhase(HostEnvironment environment, Cancellation shutdown) {
        this.environment = environment;
        this.shutdown = shutdown;
    }

    @Override
    public Phase phase() {
        return Phase.DAEMON_WORKER_FASTPATH;
    }

    @Override
    public ObjectNode inputs(BootstrapContext context, Map<Phase, PhaseRecord> earlier) {
        ObjectNode inputs = context.fields("agent", "write_paths", "probe_timeout_ms");
        inputs.put("scope_path", context.scopePath().orElse(null));
        inputs.put("HARNESS_AGENT", environment.get("HARNESS_AGENT").orElse(null));
        inputs.put("PATH", environment.get("PATH").orElse(null));
        return inputs;
    }

    @Override
    public PhaseOutcome run(BootstrapContext context, Map<Phase, PhaseRecord> earlier) {
        PhaseOutcome outcome = new PhaseOutcome();
        AgentPreset preset = AgentPreset.configured(context.agent(), environment).preset();
        List<CommandCheck> commands = new ArrayList<>();
        if (!preset.executable().equals(SHELL)) {
            commands.add(checkCommand("agent", preset.executable(), List.of("--version"), context, outcome));
        }
        // sh runs every acceptance test; `sh --version` is not portable (dash refuses it), so it is asked to start and exit.
        commands.add(checkCommand(preset.name().equals("none") ? "worker" : "acceptance_shell", SHELL,
                List.of("-c", "exit 0"), context, outcome));

        List<WritablePath> writable = new ArrayList<>();
        for (String path : writePaths(context)) {
            writable.add(checkWritable(context.workspace(), path, outcome));
        }
        outcome.report(new Artifacts(preset.name(), commands, writable));
        return outcome;
    }

    /** daemon_worker_fastpath's artifacts: the agent preset, the commands checked, the paths written to. */
    public record Artifacts(String agent, List<CommandCheck> commands, List<WritablePath> writable)
            implements dev.harness.bootstrap.Artifacts {
        public Artifacts {
            commands = List.copyOf(commands);
            writable = List.copyOf(writable);
        }
    }

    /**
     * One command the worker needs, and how it answered; a field is absent where the check stopped earlier.
     *
     * @param role     {@code agent}, {@code worker} (the none preset's sh) or {@code acceptance_shell}
     * @param check    the command line it was asked to answer
     * @param answered it exited within the timeout (false when it could not start or was killed)
     * @param version  the first line it printed, masked and cut to 200 characters
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CommandCheck(String role, String command, boolean found, String path, String check, Long durationMs,
                               Boolean answered, Integer exitCode, String version) {
        static CommandCheck missing(String role, String command) {
            return new CommandCheck(role, command, false, null, null, null, null, null, null);
        }

        static CommandCheck notStarted(String role, String command, Path path, String check) {
            return new CommandCheck(role, command, true, path.toString(), check, null, false, null, null);
        }

        static CommandCheck silent(String role, String command, Path path, String check, long durationMs) {
            return new CommandCheck(role, command, true, path.toString(), check, durationMs, false, null, null);
        }

        static CommandCheck answered(String role, String command, Path path, String check, long durationMs, int exitCode,
                                     String version) {
            return new CommandCheck(role, command, true, path.toString(), check, durationMs, true, exitCode, version);
        }
    }

    /**
     * One path the task writes; only {@code path} and {@code writable} for a path outside the workspace (refused).
     *
     * @param checkedIn the directory a temporary file was made in (the nearest existing one)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WritablePath(String path, Boolean exists, String checkedIn, boolean writable) {}

    private CommandCheck checkCommand(String role, String command, List<String> probeArgs, BootstrapContext context, PhaseOutcome outcome) {
        Optional<Path> executable = PathLookup.find(command, environment.variables(), context.workspace());
        if (executable.isEmpty()) {
            outcome.fail(role + " command " + command + " is not on PATH; the worker cannot start");
            return CommandCheck.missing(role, command);
        }
        outcome.inputs().stat(executable.get());
        List<String> argv = new ArrayList<>();
        argv.add(executable.get().toString());
        argv.addAll(probeArgs);
        String check = command + " " + String.join(" ", probeArgs);
        // The probe runs in an empty scratch directory, never in the workspace: a custom agent that ignores
        // --version and does its job anyway must not edit the person's working tree before trust and worktrees exist.
        Path scratch;
        try {
            scratch = Files.createTempDirectory("harness-probe-");
        } catch (IOException e) {
            outcome.fail("no scratch directory for checking " + role + " command " + command + ": " + e.getMessage());
            return CommandCheck.notStarted(role, command, executable.get(), check);
        }
        ChildResult result;
        try {
            result = ChildProcess.of(argv).directory(scratch).environment(environment.variables())
                    .timeout(context.probeTimeout()).grace(Duration.ofSeconds(1)).capture(16 * 1024)
                    .cancellation(shutdown).lookUpProgram(false).ownSession(true).run(); // Ctrl-C is the orchestrator's to handle
        } finally {
            deleteTree(scratch, outcome);
        }
        if (result instanceof ChildResult.NotStarted notStarted) {
            outcome.fail(role + " command " + executable.get() + " could not be started: " + notStarted.reason());
            return CommandCheck.notStarted(role, command, executable.get(), check);
        }
        if (!(result instanceof ChildResult.Exited)) {
            outcome.fail(role + " command " + command + " did not answer `" + String.join(" ", probeArgs) + "` within "
                    + context.probeTimeout().toMillis() + " ms; it was killed");
            return CommandCheck.silent(role, command, executable.get(), check, result.durationMs());
        }
        String stdout = result.stdout().text();
        String firstLine = firstLine(stdout.isBlank() ? result.stderr().text() : stdout);
        String redacted = context.redactor().redact(firstLine);
        if (result.exitCode() != 0) {
            outcome.warn(role + " command " + command + " answered `" + String.join(" ", probeArgs) + "` with exit code "
                    + result.exitCode());
        }
        return CommandCheck.answered(role, command, executable.get(), check, result.durationMs(), result.exitCode(),
                redacted.isEmpty() ? null : redacted.length() > 200 ? redacted.substring(0, 200) : redacted);
    }

    private static void deleteTree(Path dir, PhaseOutcome outcome) {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            outcome.warn("could not remove the probe's scratch directory " + dir + ": " + e.getMessage());
        }
    }

    private static String firstLine(String text) {
        String trimmed = text.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline).strip();
    }

    /** The workspace itself, then context.write_paths, then the task's scope_path. */
    private static Set<String> writePaths(BootstrapContext context) {
        Set<String> paths = new LinkedHashSet<>();
        paths.add(".");
        paths.addAll(context.writePaths());
        boolean wholeWorkspace = context.task().map(task -> task.scope() == Scope.WORKSPACE).orElse(false);
        context.scopePath().filter(p -> !wholeWorkspace).ifPresent(paths::add);
        return paths;
    }

    private static WritablePath checkWritable(Path workspace, String relative, PhaseOutcome outcome) {
        Path target = workspace.resolve(relative).normalize();
        if (!target.startsWith(workspace)) {
            outcome.fail("write path " + relative + " is outside the workspace " + workspace + "; refused");
            return new WritablePath(relative, null, null, false);
        }
        boolean exists = Files.exists(target);
        // A file's directory is where a temp file can be made; a path not made yet is created in its nearest existing parent.
        Path dir = Files.isDirectory(target) ? target : target.getParent();
        while (dir != null && !Files.isDirectory(dir)) {
            dir = dir.getParent();
        }
        if (dir == null || !dir.startsWith(workspace)) {
            dir = workspace;
        }
        boolean ok;
        try {
            Path probe = Files.createTempFile(dir, ".harness-write-check-", ".tmp");
            Files.delete(probe);
            ok = !Files.isRegularFile(target) || Files.isWritable(target);
        } catch (IOException | SecurityException e) {
            ok = false;
        }
        if (!ok) {
            outcome.fail("write path " + relative + " is not writable (checked in " + dir + ")");
        }
        return new WritablePath(relative, exists, dir.toString(), ok);
    }
}
