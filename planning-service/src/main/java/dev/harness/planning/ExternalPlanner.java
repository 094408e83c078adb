package dev.harness.planning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.harness.protocol.Log;
import dev.harness.protocol.SchemaCatalog;
import dev.harness.protocol.Violation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

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
    private final Set<Process> running = ConcurrentHashMap.newKeySet();

    public ExternalPlanner(List<String> argv, Duration timeout) {
        this.argv = List.copyOf(argv);
        this.timeout = timeout;
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
        Process process;
        try {
            process = new ProcessBuilder(argv).directory(workDir.toFile()).start();
        } catch (IOException e) {
            throw new PlannerFailure("'" + argv.get(0) + "' could not be started (" + e.getMessage() + ")");
        }
        running.add(process);
        try {
            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            Thread reader = pump(process.getInputStream(), stdout, "planner-stdout");
            Thread errors = pump(process.getErrorStream(), OutputStream.nullOutputStream(), "planner-stderr");
            Thread writer = new Thread(() -> {
                try (OutputStream in = process.getOutputStream()) {
                    in.write(prompt.getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    // the planner closed its stdin early; its output decides
                }
            }, "planner-stdin");
            writer.setDaemon(true);
            writer.start();
            boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!exited) {
                killTree(process);
                throw new PlannerFailure("it did not answer within " + timeout.toSeconds() + " s and was stopped");
            }
            reader.join(5_000);
            errors.join(1_000);
            if (process.exitValue() != 0) {
                // its stderr is not repeated: it may hold account details
                throw new PlannerFailure("it exited with status " + process.exitValue());
            }
            synchronized (stdout) {
                return stdout.toString(StandardCharsets.UTF_8);
            }
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            throw new PlannerFailure("planning was interrupted");
        } finally {
            running.remove(process);
        }
    }

    private static Thread pump(InputStream from, OutputStream to, String name) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            long total = 0;
            try (from) {
                int n;
                while ((n = from.read(buffer)) >= 0) {
                    if (total + n <= MAX_OUTPUT_BYTES) {
                        synchronized (to) {
                            to.write(buffer, 0, n);
                        }
                    }
                    total += n;
                }
            } catch (IOException e) {
                // the process went away; what was read is what there is
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM of the service: no planner process outlives it. */
    public void terminate() {
        running.forEach(ExternalPlanner::killTree);
    }
}
