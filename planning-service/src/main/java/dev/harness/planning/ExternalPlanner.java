package dev.harness.planning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.harness.protocol.Log;
import dev.harness.protocol.SchemaCatalog;
import dev.harness.protocol.Violation;
import dev.harness.protocol.process.Cancellation;
import dev.harness.protocol.process.ChildProcess;
import dev.harness.protocol.process.ChildResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs a configured planner command (e.g. {@code claude -p --output-format json}) with the prompt on
 * its stdin — argv split without a shell, working directory the workspace — and takes the packets
 * from its stdout. An answer that fails the schema or the plan rules is retried once with the
 * problems in the prompt; a second failure or a timeout (process tree killed) is a PlannerFailure,
 * on which the service falls back to the built-in planner.
 */
public final class ExternalPlanner {
    /** Output beyond this is not a plan; stop reading rather than fill the heap. */
    private static final int MAX_OUTPUT_BYTES = 8 << 20;
    private static final int ATTEMPTS = 2;

    private final List<String> argv;
    private final Duration timeout;
    private final Set<Cancellation> running = ConcurrentHashMap.newKeySet();
    /** The planner's environment: the session's (a warm server's own is not its client's); null: this process's. */
    private final Map<String, String> env;

    public ExternalPlanner(List<String> argv, Duration timeout) {
        this(argv, timeout, null);
    }

    public ExternalPlanner(List<String> argv, Duration timeout, Map<String, String> env) {
        this.argv = List.copyOf(argv);
        this.timeout = timeout;
        this.env = env == null ? null : Map.copyOf(env);
    }

    public List<String> argv() {
        return argv;
    }

    public PlanDraft decompose(String objective, WorkspaceFacts facts) throws PlannerFailure {
        return plan(PlannerPrompt.decompose(objective, facts), facts.root());
    }

    public PlanDraft refine(List<TaskPacket> packets, String feedback, WorkspaceFacts facts, String objective, Path workDir)
            throws PlannerFailure {
        return plan(PlannerPrompt.refine(packets, feedback, facts, objective), workDir);
    }

    private PlanDraft plan(String prompt, Path workDir) throws PlannerFailure {
        List<String> problems = List.of();
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            String output = run(attempt == 1 ? prompt : PlannerPrompt.retry(prompt, problems), workDir);
            try {
                List<TaskPacket> packets = PlanEditor.normalize(TaskPacket.fromJson(PlannerOutput.packets(output)));
                problems = problems(packets, PlannerOutput.packets(output));
                if (problems.isEmpty()) {
                    PlanRules.Report report = PlanRules.check(packets);
                    List<String> warnings = new ArrayList<>(report.warningMessages());
                    if (attempt > 1) {
                        warnings.add(0, "The external planner's first answer was rejected and it was asked again.");
                    }
                    return new PlanDraft(packets, warnings, PlanDraft.EXTERNAL);
                }
            } catch (PlannerOutput.Unusable e) {
                problems = List.of(e.getMessage());
            }
            Log.info("external planner attempt " + attempt + " rejected: " + String.join("; ", problems));
        }
        throw new PlannerFailure("its answer was rejected twice (" + PlanRules.abbreviate(String.join("; ", problems), 300) + ")");
    }

    /** Schema violations of each packet and plan-rule errors, as sentences. */
    private static List<String> problems(List<TaskPacket> packets, ArrayNode raw) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            if (!raw.get(i).isObject()) {
                problems.add("packet #" + (i + 1) + " is not a JSON object");
            }
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        for (int i = 0; i < packets.size(); i++) {
            JsonNode packet = packets.get(i).toJson();
            for (Violation v : SchemaCatalog.shared().named("planned-task-packet").validate(packet)) {
                problems.add("packet #" + (i + 1) + " at " + v.path() + ": " + v.message());
            }
        }
        PlanRules.check(packets).errors().forEach(f -> problems.add(f.message()));
        return problems;
    }

    private String run(String prompt, Path workDir) throws PlannerFailure {
        Cancellation cancellation = new Cancellation();
        running.add(cancellation);
        ChildResult result;
        try {
            // the suite's one child runner: argv (no shell), the prompt on stdin, bounded capture, tree kill on timeout;
            // a session of its own, so Ctrl-C reaches the orchestrator hosting this service (which cancels it), not it
            ChildProcess child = ChildProcess.of(argv).directory(workDir);
            if (env != null) {
                child.environment(env);
            }
            result = child.stdin(prompt).timeout(timeout).capture(MAX_OUTPUT_BYTES).cancellation(cancellation).ownSession(true).run();
        } finally {
            running.remove(cancellation);
        }
        if (result instanceof ChildResult.NotStarted notStarted) {
            throw new PlannerFailure("'" + argv.get(0) + "' could not be started (" + notStarted.reason() + ")");
        }
        if (result instanceof ChildResult.TimedOut) {
            throw new PlannerFailure("it did not answer within " + timeout.toSeconds() + " s and was stopped");
        }
        if (result instanceof ChildResult.Cancelled) {
            throw new PlannerFailure("planning was interrupted");
        }
        if (result.exitCode() != 0) {
            // its stderr is not repeated: it may hold account details
            throw new PlannerFailure("it exited with status " + result.exitCode());
        }
        if (result.stdout().truncated()) {
            throw new PlannerFailure("it printed " + result.stdout().totalBytes() + " bytes, more than a plan (" + MAX_OUTPUT_BYTES + ")");
        }
        return result.stdout().text();
    }

    /** SIGTERM of the service: no planner process outlives it. */
    public void terminate() {
        running.forEach(Cancellation::cancel);
    }
}
