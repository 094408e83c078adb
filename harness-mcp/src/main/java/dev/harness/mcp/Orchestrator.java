package dev.harness.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.harness.protocol.Json;
import dev.harness.protocol.process.ChildProcess;
import dev.harness.protocol.process.ChildResult;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code bin/orchestrator} as an argv child (never through a shell). Its stdin is always
 * empty, so the orchestrator sees no terminal: a gate it reaches pauses the run (exit 3) instead
 * of asking, and nothing here ever adds --yes or --trust.
 */
final class Orchestrator {
    /** How long a short query (plan, status, events) may take. */
    static final Duration QUERY_TIMEOUT = Duration.ofMinutes(5);

    private final Path executable;
    private final Path logDir;

    Orchestrator(Path executable, Path logDir) {
        this.executable = executable;
        this.logDir = logDir;
    }

    /** Where the orchestrator of this installation is, and where detached runs' output goes. */
    static Orchestrator forInstallation(Map<String, String> env) {
        String home = System.getProperty("harness.home");
        Path root = home != null ? Path.of(home) : Path.of("").toAbsolutePath();
        String state = env.get("XDG_STATE_HOME");
        Path base = state != null && !state.isBlank() && Path.of(state).isAbsolute() ? Path.of(state)
                : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".local", "state");
        return new Orchestrator(root.resolve("bin").resolve("orchestrator"), base.resolve("harness").resolve("mcp"));
    }

    /** How a person runs this orchestrator at a terminal: its path, quoted for a shell (hints are pasted). */
    String commandName() {
        return dev.harness.protocol.CommandWords.quote(executable.toString());
    }

    /** A short command, waited for. */
    ChildResult query(List<String> args) {
        List<String> argv = new ArrayList<>();
        argv.add(executable.toString());
        argv.addAll(args);
        return ChildProcess.of(argv).stdin(new byte[0]).timeout(QUERY_TIMEOUT).capture(1024 * 1024).run();
    }

    /** What a detached command printed, and how it ended so far. */
    record Started(String runId, Integer exitCode, String stdout, String stderr, Path log) {}

    /**
     * Starts a command that may run for long (a run, a resume) in its own process, its output in
     * files under the log directory, so it outlives this server. Returns when the command exits,
     * else after {@code wait} with the command still running; a new run ({@code needRunId}) is
     * waited for up to {@code idWait} until its id is known.
     */
    Started detached(List<String> args, Path workspace, boolean needRunId, Duration wait, Duration idWait) throws IOException {
        Files.createDirectories(logDir);
        String stem = Instant.now().toString().replace(':', '-') + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        Path out = logDir.resolve(stem + ".jsonl");
        Path err = logDir.resolve(stem + ".log");
        List<String> argv = new ArrayList<>();
        argv.add(executable.toString());
        argv.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(argv).directory(workspace.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = builder.start();
        long start = System.nanoTime();
        String runId = null;
        Integer exit = null;
        while (true) {
            if (needRunId && runId == null) {
                runId = firstRunId(out);
            }
            if (!process.isAlive()) {
                exit = process.exitValue();
                if (needRunId && runId == null) {
                    runId = firstRunId(out);
                }
                break;
            }
            Duration limit = needRunId && runId == null ? idWait : wait;
            if (System.nanoTime() - start >= limit.toNanos()) {
                break;
            }
            try {
                // a short poll: the orchestrator's output is a file (so the run outlives this server)
                process.waitFor(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return new Started(runId, exit, Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8), err);
    }

    private static String firstRunId(Path out) throws IOException {
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            JsonNode event;
            try {
                event = Json.parse(line);
            } catch (JsonProcessingException partial) {
                // the child may be mid-way through writing this line: the next poll reads it whole
                return null;
            }
            if (event.path("run_id").isTextual()) {
                return event.get("run_id").asText();
            }
        }
        return null;
    }
}
