package dev.harness.worker.attempt;

import dev.harness.protocol.process.ChildProcess;
import dev.harness.protocol.process.ChildResult;
import dev.harness.protocol.process.PathLookup;
import dev.harness.worker.lifecycle.CancelToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one agent or acceptance test to completion with the suite's {@link ChildProcess}: in a
 * session of its own (so a terminal's signals reach it only through us), output (stdout and
 * stderr together) streamed into a masked, capped log, an optional text on stdin, and a timeout
 * or a cancellation that ends the whole tree. Background children it leaves behind when it exits
 * are killed too: nothing of an attempt outlives it.
 */
public final class CommandRun {
    record Result(Integer exitCode, boolean timedOut, boolean cancelled, long durationMs, String startError) {}

    /** util-linux's setsid; where it is missing the child stays in our session (the tree kill still holds). */
    private static final Optional<Path> SETSID = PathLookup.find("setsid", Map.of("PATH", "/usr/bin:/bin:/usr/local/bin"));

    private CommandRun() {}

    static Result run(List<String> argv, Path cwd, Map<String, String> env, String stdin, CappedOutput output,
                      Duration timeout, Duration grace, CancelToken token) {
        Optional<Path> program = PathLookup.find(argv.get(0), env);
        if (program.isEmpty()) {
            return new Result(null, false, false, 0, "the command '" + argv.get(0) + "' was not found"
                    + (argv.get(0).contains("/") ? "" : " on PATH") + " (is it installed?)");
        }
        List<String> command = new ArrayList<>();
        if (SETSID.isPresent() && Files.isExecutable(SETSID.get())) {
            // -w: should setsid have to fork, it still waits and passes on the exit status
            command.add(SETSID.get().toString());
            command.add("-w");
        }
        command.add(program.get().toString());
        command.addAll(argv.subList(1, argv.size()));
        ChildResult result = ChildProcess.of(command).directory(cwd).environment(env).stdin(stdin).timeout(timeout)
                .grace(grace).mergeStderr(true).capture(0).streamTo(output).cancellation(token.cancellation())
                .lookUpProgram(false).run();
        if (result instanceof ChildResult.Exited exited) {
            return new Result(exited.code(), false, token.isCancelled(), exited.durationMs(), null);
        }
        if (result instanceof ChildResult.TimedOut timedOut) {
            return new Result(null, true, token.isCancelled(), timedOut.durationMs(), null);
        }
        if (result instanceof ChildResult.Cancelled cancelled) {
            return new Result(null, false, true, cancelled.durationMs(), null);
        }
        return new Result(null, false, false, 0, result.describe());
    }
}
