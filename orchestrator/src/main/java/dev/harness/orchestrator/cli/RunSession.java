package dev.harness.orchestrator.cli;

import dev.harness.orchestrator.attention.DecisionInbox;
import dev.harness.orchestrator.attention.NotifyConfig;
import dev.harness.orchestrator.attention.RunNotifier;
import dev.harness.orchestrator.render.CommandName;
import dev.harness.protocol.secrets.Redactor;
import java.time.Duration;

import dev.harness.api.run.RunEvent;
import dev.harness.api.run.PauseStatus;
import dev.harness.orchestrator.OrchestratorException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harness.orchestrator.pipeline.Interruption;
import dev.harness.orchestrator.pipeline.RunContext;
import dev.harness.orchestrator.pipeline.RunDisplay;
import dev.harness.orchestrator.pipeline.RunSettings;
import dev.harness.orchestrator.pipeline.Terminal;
import dev.harness.orchestrator.render.Console;
import dev.harness.orchestrator.runlog.EventLog;
import dev.harness.orchestrator.runlog.RunDirectory;
import dev.harness.orchestrator.service.ServiceKind;
import dev.harness.orchestrator.service.ServiceSet;
import dev.harness.protocol.Json;
import dev.harness.protocol.process.PathLookup;
import dev.harness.bootstrap.host.AgentPreset;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Everything one run or resume needs, opened together and closed together: the run's event log,
 * what the person sees, the terminal, and the three services (stderr into the run directory,
 * stopped properly at the end, and promptly when the orchestrator is interrupted).
 */
final class RunSession implements AutoCloseable {
    private final RunContext ctx;
    private final EventLog log;
    private final ServiceSet services;
    private final Thread interruptHook;
    private final Map<Signal, SignalHandler> previousHandlers = new java.util.HashMap<>();

    private RunNotifier notifier;

    private RunSession(RunContext ctx, EventLog log, ServiceSet services) {
        this.ctx = ctx;
        this.log = log;
        this.services = services;
        this.interruptHook = new Thread(services::terminate, "stop-services");
        Runtime.getRuntime().addShutdownHook(interruptHook);
        for (Interruption.Signal signal : Interruption.Signal.values()) {
            try {
                Signal os = new Signal(signal.name());
                previousHandlers.put(os, Signal.handle(os, received -> interrupted(signal)));
            } catch (IllegalArgumentException e) {
                // this platform does not deliver that signal: the shutdown hook still stops the services
            }
        }
    }

    /**
     * SIGINT/SIGTERM: no new task starts; while workers run, they are cancelled (the worker manager
     * kills their process trees) and the pipeline logs run_interrupted and ends with 130/143. At a
     * gate the run is left waiting for it; elsewhere (planning, bootstrap) run_interrupted is logged
     * here. A second signal stops at once.
     */
    private void interrupted(Interruption.Signal signal) {
        if (recordInterruption(signal)) {
            services.terminate();
            System.exit(signal.exitCode().code());
        }
    }

    /**
     * The handler's record of a signal: false while workers run (the pipeline winds down and logs it),
     * else logs run_paused/run_interrupted and says how to continue, then the process ends. After the
     * run's final event nothing is logged or said: the run completed, and resuming it would do nothing.
     */
    boolean recordInterruption(Interruption.Signal signal) {
        Interruption interruption = ctx.interruption();
        if (!interruption.request(signal)) {
            Runtime.getRuntime().halt(signal.exitCode().code());
        }
        services.stopping();
        Optional<Terminal.Gate> gate = ctx.terminal().gate();
        if (gate.isEmpty() && interruption.workersRunning()) {
            interruption.cancelRunning(); // the pipeline winds down and returns the signal's exit code
            return false;
        }
        interruption.recordUnlessEnded(() -> {
            ctx.console().console().clearProgress();
            try {
                if (gate.isPresent()) {
                    log.append(new RunEvent.RunPaused(PauseStatus.fromWire(gate.get().status().wire()),
                            gate.get().reason() + " (" + signal.displayName() + " at the prompt)", gate.get().taskId()));
                } else {
                    log.append(new RunEvent.RunInterrupted(signal.displayName(), interruption.reason(), null));
                }
            } catch (RuntimeException e) {
                // the log is closed or unwritable: the message below still says how to continue
            }
            ctx.console().info("");
            ctx.console().info("Interrupted (" + signal.displayName() + ")" + gate.map(g -> "; the run waits: " + g.reason()).orElse("")
                    + ". Continue with: " + CommandName.current() + " resume " + ctx.dir().runId() + " --workspace "
                    + dev.harness.protocol.CommandWords.quote(ctx.settings().workspace().toString()));
        });
        return true;
    }

    static RunSession open(CommonOptions common, RunOptions run, Path workspace, RunDirectory dir) {
        Map<String, String> env = System.getenv();
        Path trustPolicy = trustPolicy(run, env, workspace);
        dev.harness.api.worker.Budget budget;
        try {
            budget = run.budget != null ? run.budget
                    : dev.harness.orchestrator.spend.BudgetConfig.resolve(run.budgetUsd, run.budgetTokens, env);
        } catch (IllegalArgumentException e) {
            throw OrchestratorException.usage("Budget: " + e.getMessage());
        }
        if (run.trust && run.noTrust) {
            throw OrchestratorException.usage("--trust and --no-trust cannot be given together.");
        }
        refuseUnknownAgent(run.agent, env, workspace);
        RunSettings settings = new RunSettings(workspace, dir.path().getParent(), run.agent, run.jobs, run.yes, run.trust,
                run.noTrust, run.keepGoing, common.json, run.timeoutDuration(), run.recipes == null ? null : run.recipes.toAbsolutePath(),
                trustPolicy, run.keepWorktrees, run.setup, run.apply, budget);
        PrintStream people = common.json ? System.err : System.out;
        boolean tty = System.console() != null && !common.json;
        Console console = new Console(people, tty, !common.noColor && Console.colorWanted(tty, env));
        List<List<String>> notifiers;
        try {
            notifiers = NotifyConfig.commands(run.notify, env);
        } catch (IllegalArgumentException e) {
            throw OrchestratorException.usage("Notifier: " + e.getMessage());
        }
        Duration notifyTimeout = run.notifyTimeout == null ? null : RunOptions.parseDuration(run.notifyTimeout);
        EventLog log = EventLog.open(dir);
        RunNotifier notifier = RunNotifier.attach(log, dir, notifiers, notifyTimeout, Redactor.forEnvironment(env));
        if (common.json) {
            PrintStream machine = System.out;
            log.addListener(event -> {
                synchronized (machine) {
                    machine.println(Json.write(event));
                    machine.flush();
                }
            });
        }
        RunDisplay display = new RunDisplay(console, dir.eventsFile());
        Map<ServiceKind, String> overrides = common.serviceOverrides();
        List<String> workerArgs = workerManagerArgs(settings, dir);
        ServiceSet services = new ServiceSet(workspace, Map.of(), kind -> ServiceSet.Launch.of(kind, overrides.get(kind), env,
                workspace, kind == ServiceKind.WORKER_MANAGER ? workerArgs : List.of(),
                dir.serviceLog(kind.executable())), display::warn);
        Terminal terminal = Terminal.detect(people);
        terminal.beforePrompt(console::clearProgress);
        terminal.answersAlsoFrom(new DecisionInbox(dir)); // the dashboard or another resume may answer a waiting question
        if (notifier != null) {
            terminal.onGate(gate -> notifier.atPrompt(gate.status(), gate.taskId(), gate.reason()));
        }
        RunSession session = new RunSession(new RunContext(settings, dir, log, display, terminal, services), log, services);
        session.notifier = notifier;
        return session;
    }

    /**
     * An agent that is neither a preset nor a program on PATH (or a path, resolved against the workspace
     * as bootstrap does) is refused before planning, rather than at bootstrap phase 4 after the plan; so is
     * a preset whose program is not installed (bootstrap looks for it on the same PATH).
     */
    static void refuseUnknownAgent(String agent, Map<String, String> env, Path workspace) {
        AgentPreset preset = AgentPreset.of(agent);
        if (preset.name().equals("none") || PathLookup.find(preset.executable(), env, workspace).isPresent()) {
            return;
        }
        if (!preset.name().equals("custom")) {
            throw OrchestratorException.usage("The agent preset '" + preset.name() + "' runs '" + preset.executable()
                    + "', which is not on PATH: install it (or put it on PATH), or choose another --agent ("
                    + String.join(", ", AgentPreset.NAMES) + ", or a command; none only runs the checks).");
        }
        String program = preset.executable();
        if (program != null && program.contains("/") && program.indexOf('\0') < 0) {
            // a script a person just wrote is often there but not executable: say so, not "not found"
            try {
                Path file = workspace.resolve(program).normalize();
                if (Files.isRegularFile(file) && !Files.isExecutable(file)) {
                    throw OrchestratorException.usage("The agent '" + agent.strip() + "' runs " + file
                            + ", which is not executable: chmod +x " + dev.harness.protocol.CommandWords.quote(file.toString())
                            + " (it runs as a program, never through a shell).");
                }
            } catch (java.nio.file.InvalidPathException unusable) {
                // refused below as not found
            }
        }
        throw OrchestratorException.usage("The agent '" + agent.strip() + "' is neither a preset (" + String.join(", ", AgentPreset.NAMES)
                + ") nor a program on PATH or a path to one: '" + program + "' was not found.");
    }

    /** The worker manager keeps this run's workers in the run directory, so a resume finds them again. */
    private static List<String> workerManagerArgs(RunSettings settings, RunDirectory dir) {
        List<String> args = new ArrayList<>();
        args.add("--state-dir");
        args.add(dir.path().resolve("workers").toString());
        if (settings.trustPolicy() != null) {
            args.add("--trust-policy");
            args.add(settings.trustPolicy().toString());
        }
        if (settings.recipes() != null) {
            if (!Files.isRegularFile(settings.recipes())) {
                throw OrchestratorException.usage("The recipes file " + settings.recipes() + " does not exist.");
            }
            args.add("--recipes");
            args.add(settings.recipes().toString());
        }
        args.add("--max-workers");
        args.add(String.valueOf(Math.max(1, settings.jobs())));
        return args;
    }

    /**
     * --trust-policy, else HARNESS_TRUST_POLICY; else none here (the worker manager then looks in
     * the user's config directory itself). A policy inside the workspace is refused: a repository
     * must not be able to trust itself.
     */
    private static Path trustPolicy(RunOptions run, Map<String, String> env, Path workspace) {
        Path named = run.trustPolicy != null ? run.trustPolicy
                : env.get("HARNESS_TRUST_POLICY") != null && !env.get("HARNESS_TRUST_POLICY").isBlank()
                ? Path.of(env.get("HARNESS_TRUST_POLICY")) : null;
        if (named == null) {
            return null;
        }
        Path policy = named.toAbsolutePath().normalize();
        if (!Files.isRegularFile(policy)) {
            throw OrchestratorException.usage("The trust policy " + policy + " does not exist.");
        }
        try {
            if (policy.toRealPath().startsWith(workspace)) {
                throw OrchestratorException.usage("The trust policy " + policy + " is inside the workspace; a workspace"
                        + " cannot trust itself. Keep the policy in your own configuration (e.g. ~/.config/harness/).");
            }
        } catch (java.io.IOException e) {
            throw OrchestratorException.usage("The trust policy " + policy + " cannot be read: " + e.getMessage());
        }
        return policy;
    }

    RunContext context() {
        return ctx;
    }

    @Override
    public void close() {
        try {
            services.close();
        } finally {
            if (notifier != null) {
                notifier.close(); // the last notification (the run's end) is sent and logged first
            }
            log.close();
            previousHandlers.forEach((signal, handler) -> {
                try {
                    Signal.handle(signal, handler);
                } catch (IllegalArgumentException e) {
                    // not restorable here; the process is ending
                }
            });
            try {
                Runtime.getRuntime().removeShutdownHook(interruptHook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook is running or ran
            }
        }
    }
}
