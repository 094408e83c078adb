package dev.harness.bootstrap.phase;

import dev.harness.bootstrap.BootstrapContext;
import dev.harness.bootstrap.Phase;
import dev.harness.bootstrap.PhaseOutcome;
import dev.harness.bootstrap.PhaseRecord;
import dev.harness.bootstrap.PhaseStep;
import dev.harness.bootstrap.host.AgentPreset;
import dev.harness.bootstrap.host.CommandLocator;
import dev.harness.bootstrap.host.CommandRunner;
import dev.harness.bootstrap.host.HostEnvironment;
import dev.harness.bootstrap.host.SecretRedactor;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.protocol.Json;
import java.io.IOException;
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
    private final CommandLocator locator;
    private final CommandRunner runner;

    public DaemonWorkerPhase(HostEnvironment environment, CommandLocator locator, CommandRunner runner) {
        this.environment = environment;
        this.locator = locator;
        this.runner = runner;
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
        outcome.artifacts().put("agent", preset.name());
        ArrayNode commands = outcome.artifacts().putArray("commands");
        if (!preset.executable().equals(SHELL)) {
            commands.add(checkCommand("agent", preset.executable(), List.of("--version"), context, outcome));
        }
        // sh runs every acceptance test; `sh --version` is not portable (dash refuses it), so it is asked to start and exit.
        commands.add(checkCommand(preset.name().equals("none") ? "worker" : "acceptance_shell", SHELL,
                List.of("-c", "exit 0"), context, outcome));

        ArrayNode writable = outcome.artifacts().putArray("writable");
        for (String path : writePaths(context)) {
            writable.add(checkWritable(context.workspace(), path, outcome));
        }
        return outcome;
    }

    private ObjectNode checkCommand(String role, String command, List<String> probeArgs, BootstrapContext context, PhaseOutcome outcome) {
        ObjectNode node = Json.object().put("role", role).put("command", command);
        Optional<Path> executable = locator.locate(command, context.workspace());
        node.put("found", executable.isPresent());
        if (executable.isEmpty()) {
            outcome.fail(role + " command " + command + " is not on PATH; the worker cannot start");
            return node;
        }
        node.put("path", executable.get().toString());
        outcome.inputs().stat(executable.get());
        List<String> argv = new ArrayList<>();
        argv.add(executable.get().toString());
        argv.addAll(probeArgs);
        node.put("check", command + " " + String.join(" ", probeArgs));
        try {
            CommandRunner.Result result = runner.run(argv, context.workspace(), context.probeTimeout());
            node.put("duration_ms", result.durationMs());
            if (result.timedOut()) {
                node.put("answered", false);
                outcome.fail(role + " command " + command + " did not answer `" + String.join(" ", probeArgs) + "` within "
                        + context.probeTimeout().toMillis() + " ms; it was killed");
                return node;
            }
            node.put("answered", true).put("exit_code", result.exitCode());
            String firstLine = CommandRunner.Result.firstLine(result.stdout().isBlank() ? result.stderr() : result.stdout());
            String redacted = SecretRedactor.of(environment.variables()).redact(firstLine);
            if (!redacted.isEmpty()) {
                node.put("version", redacted.length() > 200 ? redacted.substring(0, 200) : redacted);
            }
            if (result.exitCode() != 0) {
                outcome.warn(role + " command " + command + " answered `" + String.join(" ", probeArgs) + "` with exit code "
                        + result.exitCode());
            }
        } catch (IOException e) {
            node.put("answered", false);
            outcome.fail(role + " command " + executable.get() + " could not be started: " + e.getMessage());
        }
        return node;
    }

    /** The workspace itself, then context.write_paths, then the task's scope_path. */
    private static Set<String> writePaths(BootstrapContext context) {
        Set<String> paths = new LinkedHashSet<>();
        paths.add(".");
        paths.addAll(context.writePaths());
        String scope = context.taskPacket() == null ? "" : context.taskPacket().path("scope").asText("");
        context.scopePath().filter(p -> !scope.equals("workspace")).ifPresent(paths::add);
        return paths;
    }

    private static ObjectNode checkWritable(Path workspace, String relative, PhaseOutcome outcome) {
        ObjectNode node = Json.object().put("path", relative);
        Path target = workspace.resolve(relative).normalize();
        if (!target.startsWith(workspace)) {
            node.put("writable", false);
            outcome.fail("write path " + relative + " is outside the workspace " + workspace + "; refused");
            return node;
        }
        node.put("exists", Files.exists(target));
        // A file's directory is where a temp file can be made; a path not made yet is created in its nearest existing parent.
        Path dir = Files.isDirectory(target) ? target : target.getParent();
        while (dir != null && !Files.isDirectory(dir)) {
            dir = dir.getParent();
        }
        if (dir == null || !dir.startsWith(workspace)) {
            dir = workspace;
        }
        node.put("checked_in", dir.toString());
        boolean ok;
        try {
            Path probe = Files.createTempFile(dir, ".harness-write-check-", ".tmp");
            Files.delete(probe);
            ok = !Files.isRegularFile(target) || Files.isWritable(target);
        } catch (IOException | SecurityException e) {
            ok = false;
        }
        node.put("writable", ok);
        if (!ok) {
            outcome.fail("write path " + relative + " is not writable (checked in " + dir + ")");
        }
        return node;
    }
}
